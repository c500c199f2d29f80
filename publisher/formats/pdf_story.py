"""The leaflet as ReportLab flowables: one method per node type of the model.

Every piece of text passes through `Story.text`, which escapes it for ReportLab's
paragraph markup and records it, so the glyph check sees exactly what is printed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, PageBreak, Table
from reportlab.platypus import Paragraph as Para
from reportlab.platypus.tables import TableStyle

from .. import model as m
from ..checks import is_overdue
from ..dates import format_date
from ..errors import BuildError, Problem
from ..fonts import Printed
from ..style import LINK_COLOUR, NOTE_BORDER_COLOUR, NOTE_BORDER_WIDTH
from . import WriteContext
from .pdf_pictures import Alt, Picture, Room, fit, load_art
from .pdf_styles import Styles

BULLETS = ("\u2022", "\u2013")  # bullet, then an en dash for a nested list
QUOTES = {'"': "&quot;", "'": "&#39;"}
DRAFT_NOTICE = "Draft: this translation has not been reviewed yet."


def clean(text: str) -> str:
    """Composed characters (ReportLab does not place combining marks) and no hyphenation hints."""
    return unicodedata.normalize("NFC", text).replace("\u00ad", "")


@dataclass
class Story:
    """Builds the flowables of one leaflet and remembers every text it prints."""

    leaflet: m.Leaflet
    context: WriteContext
    styles: Styles
    printed: list[Printed] = field(default_factory=list)

    def words(self, message: str, **values: object) -> str:
        return self.context.words(message, **values)

    def flowables(self) -> list[Flowable]:
        leaflet = self.leaflet
        story = [*self.title_page(), *self.blocks(leaflet.intro)]
        for section in leaflet.sections:
            story += self.section(section)
        story += self.helpline(leaflet.helpline)
        story += self.glossary(leaflet.glossary_used())
        story += self.references(leaflet.references)
        story += self.review_dates()
        return story

    # --- text --------------------------------------------------------------

    def text(self, value: str, line: int | None = None) -> str:
        """Text escaped for paragraph markup: <, >, & and quotes print as themselves."""
        value = clean(value)
        self.printed.append(Printed(value, line))
        return escape(value, QUOTES)

    def inlines(self, runs: tuple[m.Inline, ...], line: int | None) -> str:
        return "".join(self.inline(run, line) for run in runs)

    def inline(self, run: m.Inline, line: int | None) -> str:
        match run:
            case m.Text(text) | m.Term(text, _):
                return self.text(text, line)
            case m.Strong(children) | m.Emphasis(children):
                return f"<b>{self.inlines(children, line)}</b>"  # large print: bold, never italic
            case m.Link(children, url):
                return self.link(children, url, line)
        raise BuildError([Problem(self.leaflet.source, line, f"cannot print {run!r} in a PDF")])

    def link(self, children: tuple[m.Inline, ...], url: str, line: int | None) -> str:
        """The link text, then its address when the text does not already say it."""
        shown = self.inlines(children, line)
        address = display_address(url)
        if not same_address(m.plain_text(children), url):
            shown += " (" + self.text(address, line) + ")"
        return f'<a href="{escape(url, QUOTES)}" color="{LINK_COLOUR}">{shown}</a>'

    def para(self, markup: str, style_name: str = "body") -> Para:
        return Para(markup, getattr(self.styles, style_name))

    def heading(self, inlines: tuple[m.Inline, ...], level: int, line: int | None) -> Para:
        """A heading, marked for the outline: level 1 is the title, 2 a section, 3 a subsection."""
        heading = Para(self.inlines(inlines, line), self.styles.headings[level])
        heading.outline_entry = (clean(m.plain_text(inlines)), level - 1)  # type: ignore[attr-defined]
        return heading

    def box(self, content: list[Flowable]) -> Flowable:
        """A strong black border on white, never a pale background alone; on one page if it fits.

        A box longer than a page splits inside its border, at least two lines on each side.
        """
        body_size = self.styles.print.body_size
        padding = body_size * 0.75
        least = 2 * padding + 2 * self.styles.print.line_height
        table = Table(
            [[content]], colWidths=[self.styles.text_width], hAlign="LEFT", splitInRow=least
        )
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), NOTE_BORDER_WIDTH, HexColor(NOTE_BORDER_COLOUR)),
                    # the cell's own font: ReportLab's default, Helvetica, is not embedded
                    ("FONT", (0, 0), (-1, -1), self.styles.fonts.regular, body_size),
                    ("LEFTPADDING", (0, 0), (-1, -1), padding),
                    ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                    ("TOPPADDING", (0, 0), (-1, -1), padding),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
                ]
            )
        )
        table.spaceBefore = self.styles.print.paragraph_space / 2
        table.spaceAfter = self.styles.print.paragraph_space
        return KeepTogether([table])

    # --- title page and end matter -------------------------------------------

    def title_page(self) -> list[Flowable]:
        leaflet = self.leaflet
        page: list[Flowable] = [self.heading((m.Text(leaflet.title),), 1, None)]
        if leaflet.summary:
            page.append(self.para(self.text(leaflet.summary)))
        page.append(self.para(self.text(self.context.config.organisation), "strong"))
        page += self.warnings()
        return [*page, PageBreak()]

    def warnings(self) -> list[Flowable]:
        """Boxes saying plainly that a leaflet is overdue for review or an unreviewed draft."""
        boxes = []
        if is_overdue(self.leaflet, self.context.today):
            message = self.words(
                "Review overdue: this information was due to be checked by {date}. "
                "Some of it may be out of date.",
                date=format_date(self.leaflet.next_review, self.leaflet.language),
            )
            boxes.append(self.box([self.para(self.text(message), "strong")]))
        if self.context.draft:
            boxes.append(self.box([self.para(line, "strong") for line in self.draft_lines()]))
        return boxes

    def draft_lines(self) -> list[str]:
        """The draft notice in the leaflet's language and, when that differs, in English."""
        lines = dict.fromkeys([self.words(DRAFT_NOTICE), DRAFT_NOTICE])
        return [self.text(line) for line in lines]

    def helpline(self, helpline: m.Helpline | None) -> list[Flowable]:
        if helpline is None:
            return []
        phone = self.words("Phone: {phone}", phone=helpline.phone)
        lines = [
            self.para(self.text(helpline.label), "strong"),
            self.para(
                f'<a href="tel:{escape(digits(helpline.phone))}">{self.text(phone)}</a>', "strong"
            ),
        ]
        if helpline.hours:
            lines.append(self.para(self.text(helpline.hours)))
        if helpline.email:
            email = self.words("Email: {email}", email=helpline.email)
            href = escape("mailto:" + helpline.email, QUOTES)
            lines.append(self.para(f'<a href="{href}">{self.text(email)}</a>'))
        return [self.box(lines)]

    def glossary(self, entries: tuple[m.GlossaryEntry, ...]) -> list[Flowable]:
        if not entries:
            return []
        story: list[Flowable] = [self.heading((m.Text(self.words("Glossary")),), 2, None)]
        for entry in entries:
            markup = f"<b>{self.text(entry.term)}</b><br/>{self.text(entry.definition)}"
            story.append(self.para(markup))
        return story

    def references(self, references: tuple[str, ...]) -> list[Flowable]:
        if not references:
            return []
        heading = self.heading((m.Text(self.words("References")),), 2, None)
        return [heading, *(self.para(self.text(reference), "item") for reference in references)]

    def review_dates(self) -> list[Flowable]:
        language = self.leaflet.language
        reviewed = self.words("Reviewed: {date}", date=format_date(self.leaflet.reviewed, language))
        due = self.words(
            "Next review: {date}", date=format_date(self.leaflet.next_review, language)
        )
        dates = self.para(f"{self.text(reviewed)}<br/>{self.text(due)}")
        dates.spaceBefore = self.styles.print.paragraph_space
        return [dates, *self.warnings()]

    # --- sections and blocks -------------------------------------------------

    def section(self, section: m.Section) -> list[Flowable]:
        story = [self.heading(section.heading, section.level, section.line)]
        story += self.blocks(section.blocks)
        for subsection in section.subsections:
            story += self.section(subsection)
        return story

    def blocks(self, blocks: tuple[m.Block, ...], in_list: bool = False) -> list[Flowable]:
        return [flowable for block in blocks for flowable in self.block(block, in_list)]

    def block(self, block: m.Block, in_list: bool = False) -> list[Flowable]:
        match block:
            case m.Paragraph():
                return [self.paragraph(block, "item" if in_list else "body")]
            case m.Image():
                return [self.picture(block)]
            case m.ListBlock():
                return [self.list_block(block, depth=1 if in_list else 0)]
            case m.Note():
                return [self.box(self.blocks(block.blocks))]
        line = getattr(block, "line", None)
        raise BuildError([Problem(self.leaflet.source, line, f"cannot print {block!r} in a PDF")])

    def paragraph(self, paragraph: m.Paragraph, style_name: str) -> Para:
        return self.para(self.inlines(paragraph.inlines, paragraph.line), style_name)

    def list_block(self, block: m.ListBlock, depth: int) -> ListFlowable:
        """Bullets or numbers in bold at the body size, hanging to the left of the text."""
        size = self.styles.print.body_size
        items = [ListItem(self.blocks(item.blocks, in_list=True)) for item in block.items]
        if block.ordered:
            last = block.start + len(block.items) - 1
            self.printed.append(Printed(f"{last}.", block.line))
            kind = {"bulletType": "1", "start": block.start, "bulletFormat": "%s."}
            indent = size * (0.9 + 0.65 * len(str(last)))
        else:
            bullet = BULLETS[min(depth, 1)]
            self.printed.append(Printed(bullet, block.line))
            kind = {"bulletType": "bullet", "start": bullet}
            indent = size * 1.5
            size *= 1.3  # the bullet glyph is small: make the marker easy to find
        return ListFlowable(
            items,
            bulletFontName=self.styles.fonts.bold,
            bulletFontSize=size,
            leftIndent=indent,
            # a blank line's space after a list, as after a paragraph; less inside a list
            spaceAfter=self.styles.print.paragraph_space / (2 if depth else 1),
            **kind,
        )

    def picture(self, image: m.Image) -> Flowable:
        """The picture as wide as the text, its caption under it, both on the same page."""
        styles = self.styles
        art, words_inside = load_art(image, styles.fonts, self.leaflet.source)
        self.printed += words_inside
        caption = (
            self.para(self.text(image.caption, image.line), "caption") if image.caption else None
        )
        room = Room(styles.text_width, styles.frame_height - 3 * styles.print.line_height)
        width, height = fit(art, room, image.decorative)
        alt = None
        if not image.decorative:
            described = self.words("Picture: {alt}", alt=image.alt)
            self.text(described, image.line)  # recorded for the glyph check; drawn invisibly
            alt = Alt(clean(described), styles.fonts.regular, styles.print.body_size)
        picture = Picture(art, width, height, alt)
        picture.spaceAfter = styles.print.paragraph_space
        return KeepTogether([picture, caption] if caption else [picture])


def digits(phone: str) -> str:
    return "".join(char for char in phone if char.isdigit() or char == "+")


def display_address(url: str) -> str:
    """What a reader would type or dial: the URL, or the address of a mailto: or tel: link."""
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel"):
        return unquote(parts.path)
    return url


def same_address(text: str, url: str) -> bool:
    """True when a link's text already tells the reader its address."""
    parts = urlsplit(url)
    if parts.scheme == "tel":
        return digits(text) != "" and digits(text) == digits(unquote(parts.path))
    said, address = (normal_address(value) for value in (text, display_address(url)))
    return said == address


def normal_address(value: str) -> str:
    value = re.sub(r"^(https?://)?(www\.)?", "", value.strip().lower())
    return value.rstrip("/")
