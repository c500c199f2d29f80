"""The large-print PDF, to the UKAAF standard: A4, one column, left aligned, 18pt sans serif.

ReportLab's platypus lays the pages out once; this module adds what every page carries
(page numbers, a draft notice), the metadata and the bookmarks. The flowables
themselves come from story.py, one method per node type; tags.py marks what they draw
and structure.py makes it a tagged PDF (PDF/UA-1).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from ... import __version__
from ...errors import BuildError, Problem
from ...i18n.words import DRAFT_MARK, DRAFT_NOTICE, OVERDUE_NOTICE, draft_title
from ...model import Leaflet
from ...text.fonts import Coverage, Printed, font_folders, typeface_for
from .. import WriteContext
from ..print_style import PrintStyle
from .story import Story, clean
from .structure import Description, finish
from .styles import MARGIN, Styles, make_styles, register
from .tags import TaggingCanvas, Tree
from .text import Span, Typesetter, is_cjk, typesetter_for

# Every tool word this format prints (msgids for the translation tooling).
WORDS = (
    "Page {page} of {pages}",
    "Glossary",
    "References",
    "Phone: {phone}",
    "Email: {email}",
    "Reviewed: {date}",
    "Next review: {date}",
    DRAFT_NOTICE,
    DRAFT_MARK,
    OVERDUE_NOTICE,
)


def write(leaflet: Leaflet, path: Path, context: WriteContext) -> None:
    """Write the large-print PDF of `leaflet` to `path`."""
    # 1. The typeface for the leaflet's script (a clear error if it is missing or cannot
    #    shape the script), the styles at the configured size, and the script's typesetter.
    config = context.config
    typeface = typeface_for(leaflet.language, config.cache_dir, font_folders(config.root))
    fonts = register(typeface)
    sizes = PrintStyle(config.font_size, config.page_size)
    styles = make_styles(sizes, fonts, typeface.line_height, is_cjk(typeface))
    setter = typesetter_for(typeface, fonts, leaflet.language, sizes.body_size)
    # 2. What every page carries: the page number and, for a draft, the draft notice on top.
    furniture = Furniture.make(leaflet, context, styles, setter)
    styles = replace(styles, top_margin=furniture.top_margin)
    # 3. Check every character against the font before drawing anything: no empty boxes.
    story = Story(leaflet, context, styles, setter)
    flowables = story.flowables()
    Coverage.of(typeface).check([*story.printed, *furniture.printed], leaflet.source)
    # 4. Lay the pages out once; each page's number is a form drawn when the count is known.
    data, canvas = render(flowables, story.tree, leaflet, context, furniture)
    # 5. The structure tree, Artifacts, metadata and real Unicode for every glyph.
    description = Description(
        clean(leaflet.title), leaflet.language, context.config.organisation, leaflet.summary or ""
    )
    finish(data, path, canvas, description, canvas.glyph_text)


@dataclass(frozen=True, slots=True)
class Furniture:
    """The page number at the foot of every page and, for drafts, a notice at the top."""

    styles: Styles
    setter: Typesetter
    page_words: str  # "Page {page} of {pages}" in the leaflet's language
    header: tuple[Flowable, ...]  # one paragraph per line: each in its own language's direction
    printed: tuple[Printed, ...]

    @classmethod
    def make(
        cls, leaflet: Leaflet, context: WriteContext, styles: Styles, setter: Typesetter
    ) -> Furniture:
        story = Story(leaflet, context, styles, setter)
        page_words = context.words("Page {page} of {pages}", page="{page}", pages="{pages}")
        story.text(page_words.format(page=1234567890, pages=1234567890))
        header: tuple[Flowable, ...] = ()
        if context.draft:
            header = tuple(setter.paragraph(line, styles.strong) for line in story.draft_lines())
            for line in header:
                line.wrap(styles.text_width, styles.print.page[1])
        return cls(styles, setter, page_words, header, tuple(story.printed))

    @property
    def top_margin(self) -> float:
        if not self.header:
            return MARGIN
        return MARGIN + self.header_height + self.styles.print.paragraph_space

    @property
    def header_height(self) -> float:
        return sum(line.height for line in self.header)

    def draw_header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        top = self.styles.print.page[1] - MARGIN
        for line in self.header:
            top -= line.height
            line.drawOn(canvas, MARGIN, top)

    def place_footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The page number, a form drawn once the pages are counted (an Artifact)."""
        canvas.doForm(footer_name(doc.page))

    def draw_footers(self, canvas: Canvas, pages: int) -> None:
        """'Page N of M' for every page, at the start of the line: the left, or the right in
        a right-to-left leaflet."""
        styles = self.styles
        for page in range(1, pages + 1):
            canvas.beginForm(footer_name(page))
            canvas.setFillColor(styles.body.textColor)
            footer = self.page_words.format(page=page, pages=pages)
            self.setter.draw_line(canvas, [Span(footer)], MARGIN, MARGIN, styles.text_width)
            canvas.endForm()


def footer_name(page: int) -> str:
    return f"page-number-{page}"


class LeafletDocument(BaseDocTemplate):
    """One column on A4; headings become nested bookmarks as they are placed."""

    def __init__(self, target: Any, leaflet: Leaflet, context: WriteContext, furniture: Furniture):
        styles = furniture.styles
        super().__init__(
            target,
            pagesize=styles.print.page,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=furniture.top_margin,
            bottomMargin=styles.bottom_margin,
            # no soft hyphens in the window's title bar or the metadata
            title=clean(
                draft_title(leaflet.title, context.words) if context.draft else leaflet.title
            ),
            author=context.config.organisation,
            subject=clean(leaflet.summary) if leaflet.summary else leaflet.summary,
            creator=f"publisher {__version__}",
            lang=leaflet.language,
            displayDocTitle=1,
            # ReportLab starts each page in Helvetica, which is not embedded: use ours.
            initialFontName=styles.fonts.regular,
            initialFontSize=styles.print.body_size,
        )
        frame = Frame(
            MARGIN, styles.bottom_margin, self.width, self.height, id="text",
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )  # fmt: skip
        self.addPageTemplates(
            [
                PageTemplate(
                    "page", [frame], onPage=furniture.draw_header, onPageEnd=furniture.place_footer
                )
            ]
        )
        self.bookmarks = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        entry = getattr(flowable, "outline_entry", None)
        if entry is None:
            return
        title, level = entry
        self.bookmarks += 1
        key = f"heading-{self.bookmarks}"
        top = self.frame._y + flowable.getSpaceAfter() + flowable.height
        self.canv.bookmarkPage(key, fit="XYZ", left=0, top=top)
        self.canv.addOutlineEntry(title, key, level=level, closed=False)
        if self.bookmarks == 1:
            self.canv.showOutline()


def render(
    flowables: list[Flowable],
    tree: Tree,
    leaflet: Leaflet,
    context: WriteContext,
    furniture: Furniture,
) -> tuple[bytes, TaggingCanvas]:
    """Lay out and draw the pages once; the PDF as ReportLab writes it, and what was marked."""
    target = io.BytesIO()
    document = LeafletDocument(target, leaflet, context, furniture)
    document._doSave = 0  # the page numbers are drawn first, once the pages are counted
    made: list[TaggingCanvas] = []

    def canvas(*args: Any, **options: Any) -> TaggingCanvas:
        made.append(TaggingCanvas(*args, tree=tree, **options))
        return made[-1]

    try:
        document.build(flowables, canvasmaker=canvas)
    except LayoutError as err:
        message = f"a part of the leaflet does not fit on a large-print page: {err}"
        raise BuildError([Problem(leaflet.source, None, message)]) from None
    furniture.draw_footers(made[-1], document.page)
    made[-1].save()
    return target.getvalue(), made[-1]
