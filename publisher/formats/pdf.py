"""The large-print PDF, to the UKAAF standard: A4, one column, left aligned, 18pt sans serif.

ReportLab's platypus lays the pages out; this module adds what every page carries
(page numbers, a draft notice), the metadata and the bookmarks. The flowables
themselves come from pdf_story, one method per node type.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus import Paragraph as Para
from reportlab.platypus.doctemplate import LayoutError

from .. import __version__
from ..errors import BuildError, Problem
from ..fonts import Coverage, Printed, typeface_for
from ..model import Leaflet
from ..style import PrintStyle
from . import WriteContext
from .pdf_story import Story
from .pdf_styles import MARGIN, PAGE_SIZE, Styles, make_styles, register

# Every tool word this format prints (msgids for the translation tooling).
WORDS = (
    "Page {page} of {pages}",
    "Picture: {alt}",
    "Glossary",
    "References",
    "Phone: {phone}",
    "Email: {email}",
    "Reviewed: {date}",
    "Next review: {date}",
    "Draft: this translation has not been reviewed yet.",
    "Review overdue: this information was due to be checked by {date}. "
    "Some of it may be out of date.",
)


def write(leaflet: Leaflet, path: Path, context: WriteContext) -> None:
    """Write the large-print PDF of `leaflet` to `path`."""
    # 1. The typeface for the leaflet's script, and the styles at the configured size.
    typeface = typeface_for(leaflet.language, context.config.cache_dir)
    styles = make_styles(PrintStyle(context.config.font_size), register(typeface))
    # 2. What every page carries: the page number and, for a draft, the draft notice on top.
    furniture = Furniture.make(leaflet, context, styles)
    styles = replace(styles, top_margin=furniture.top_margin)
    # 3. Check every character against the font before drawing anything: no empty boxes.
    story = Story(leaflet, context, styles)
    flowables = story.flowables()
    Coverage.of(typeface).check([*story.printed, *furniture.printed], leaflet.source)
    # 4. Lay out once to count the pages, then again to print "Page N of M".
    pages = render(flowables, io.BytesIO(), leaflet, context, furniture)
    render(
        Story(leaflet, context, styles).flowables(),
        path,
        leaflet,
        context,
        replace(furniture, pages=pages),
    )


@dataclass(frozen=True, slots=True)
class Furniture:
    """The page number at the foot of every page and, for drafts, a notice at the top."""

    styles: Styles
    page_words: str  # "Page {page} of {pages}" in the leaflet's language
    header: Para | None
    printed: tuple[Printed, ...]
    pages: int | None = None

    @classmethod
    def make(cls, leaflet: Leaflet, context: WriteContext, styles: Styles) -> Furniture:
        story = Story(leaflet, context, styles)
        page_words = context.words("Page {page} of {pages}", page="{page}", pages="{pages}")
        story.text(page_words.format(page=1234567890, pages=1234567890))
        header = None
        if context.draft:
            header = Para("<br/>".join(story.draft_lines()), styles.strong)
            header.wrap(styles.text_width, PAGE_SIZE[1])
        return cls(styles, page_words, header, tuple(story.printed))

    @property
    def top_margin(self) -> float:
        if self.header is None:
            return MARGIN
        return MARGIN + self.header.height + self.styles.print.paragraph_space

    def draw_header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if self.header is not None:
            self.header.drawOn(canvas, MARGIN, PAGE_SIZE[1] - MARGIN - self.header.height)

    def draw_footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Drawn when the page is done, so a screen reader meets it after the page's text."""
        styles = self.styles
        canvas.saveState()
        canvas.setFont(styles.fonts.regular, styles.print.body_size)
        canvas.setFillColor(styles.body.textColor)
        footer = self.page_words.format(page=doc.page, pages=self.pages or doc.page)
        canvas.drawString(MARGIN, MARGIN, footer)
        canvas.restoreState()


class LeafletDocument(BaseDocTemplate):
    """One column on A4; headings become nested bookmarks as they are placed."""

    def __init__(self, target: Any, leaflet: Leaflet, context: WriteContext, furniture: Furniture):
        styles = furniture.styles
        super().__init__(
            target,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=furniture.top_margin,
            bottomMargin=styles.bottom_margin,
            title=leaflet.title,
            author=context.config.organisation,
            subject=leaflet.summary,
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
                    "page", [frame], onPage=furniture.draw_header, onPageEnd=furniture.draw_footer
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
    target: Any,
    leaflet: Leaflet,
    context: WriteContext,
    furniture: Furniture,
) -> int:
    """Lay out and write the pages; return how many there are."""
    document = LeafletDocument(
        target if isinstance(target, io.BytesIO) else str(target), leaflet, context, furniture
    )
    try:
        document.build(flowables)
    except LayoutError as err:
        message = f"a part of the leaflet does not fit on a large-print page: {err}"
        raise BuildError([Problem(leaflet.source, None, message)]) from None
    return document.page
