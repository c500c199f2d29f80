"""The leaflet as ReportLab flowables: one method per node type of the model.

Every piece of text passes through `Story.text`, which records it, so the glyph check sees
exactly what is printed; the story says what to print as spans (pdf_text.Span) and the
typesetter of the leaflet's script makes the paragraphs, so an Arabic, Urdu or Bengali
leaflet is told by the same methods as an English one.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem, PageBreak, Table
from reportlab.platypus.tables import TableStyle

from ... import model as m
from ...checks import is_overdue
from ...errors import BuildError, Problem
from ...i18n.dates import format_date
from ...i18n.words import DRAFT_NOTICE, OVERDUE_NOTICE
from ...text.fonts import Printed
from ...text.phones import link_tel_url, tel_url
from .. import WriteContext
from ..print_style import LINK_COLOUR, NOTE_BORDER_COLOUR, NOTE_BORDER_WIDTH
from .pictures import Picture, Room, fit, load_art
from .styles import Styles
from .text import BREAK, Span, Typesetter

BULLETS = ("\u2022", "\u2013")  # bullet, then an en dash for a nested list


def clean(text: str) -> str:
    """Composed characters (ReportLab does not place combining marks) and no hyphenation hints."""
    return unicodedata.normalize("NFC", text).replace("\u00ad", "")


@dataclass
class Story:
    """Builds the flowables of one leaflet and remembers every text it prints."""

    leaflet: m.Leaflet
    context: WriteContext
    styles: Styles
    setter: Typesetter
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
        """Text as it is printed, recorded for the glyph check."""
        value = clean(value)
        self.printed.append(Printed(value, line))
        return value

    def span(self, value: str, line: int | None = None, bold: bool = False) -> list[Span]:
        return [Span(self.text(value, line), bold)]

    def inlines(
        self, runs: tuple[m.Inline, ...], line: int | None, bold: bool = False
    ) -> list[Span]:
        return [span for run in runs for span in self.inline(run, line, bold)]

    def inline(self, run: m.Inline, line: int | None, bold: bool) -> list[Span]:
        match run:
            case m.Text(text) | m.Term(text, _):
                return self.span(text, line, bold)
            case m.Strong(children) | m.Emphasis(children):
                return self.inlines(children, line, True)  # large print: bold, never italic
            case m.Span(children, _):
                return self.inlines(children, line, bold)
            case m.Link(children, url):
                return self.link(children, url, line, bold)
        raise BuildError([Problem(self.leaflet.source, line, f"cannot print {run!r} in a PDF")])

    def link(
        self, children: tuple[m.Inline, ...], url: str, line: int | None, bold: bool
    ) -> list[Span]:
        """The link text, then its address when the text does not already say it."""
        shown = self.inlines(children, line, bold)
        address = display_address(url)
        if not same_address(m.plain_text(children), url):
            shown.append(Span(" (" + self.text(address, line) + ")", bold))
        if url.lower().startswith("tel:"):  # dial what the reader sees, '(0)' as dialled
            url = link_tel_url(url, m.plain_text(children))
        return [dataclasses.replace(span, link=url, colour=LINK_COLOUR) for span in shown]

    def para(self, spans: list[Span], style_name: str = "body") -> Flowable:
        return self.setter.paragraph(spans, getattr(self.styles, style_name))

    def heading(self, inlines: tuple[m.Inline, ...], level: int, line: int | None) -> Flowable:
        """A heading, marked for the outline: level 1 is the title, 2 a section, 3 a subsection."""
        heading = self.setter.paragraph(self.inlines(inlines, line), self.styles.headings[level])
        heading.outline_entry = (clean(m.plain_text(inlines)), level - 1)  # type: ignore[attr-defined]
        return heading

    def box(self, content: list[Flowable]) -> Flowable:
        """A strong black border on white, never a pale background alone; on one page if it fits.

        A box longer than a page splits inside its border, at least two lines on each side.
        """
        body_size = self.styles.print.body_size
        padding = body_size * 0.75
        least = 2 * padding + 2 * self.styles.body.leading
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
            page.append(self.para(self.span(leaflet.summary)))
        page.append(self.para(self.span(self.context.config.organisation), "strong"))
        page += self.warnings()
        return [*page, PageBreak()]

    def warnings(self) -> list[Flowable]:
        """Boxes saying plainly that a leaflet is overdue for review or an unreviewed draft."""
        boxes = []
        if is_overdue(self.leaflet, self.context.today):
            message = self.words(
                OVERDUE_NOTICE,
                date=format_date(self.leaflet.next_review, self.leaflet.language),
            )
            boxes.append(self.box([self.para(self.span(message), "strong")]))
        if self.context.draft:
            boxes.append(self.box([self.para(line, "strong") for line in self.draft_lines()]))
        return boxes

    def draft_lines(self) -> list[list[Span]]:
        """The draft notice in the leaflet's language and, when that differs, in English."""
        lines = dict.fromkeys([self.words(DRAFT_NOTICE), DRAFT_NOTICE])
        return [self.span(line) for line in lines]

    def helpline(self, helpline: m.Helpline | None) -> list[Flowable]:
        if helpline is None:
            return []
        phone = self.words("Phone: {phone}", phone=helpline.phone)
        lines = [
            self.para(self.span(helpline.label), "strong"),
            self.para([Span(self.text(phone), link=tel_url(helpline.phone))], "strong"),
        ]
        if helpline.hours:
            lines.append(self.para(self.span(helpline.hours)))
        if helpline.email:
            email = self.words("Email: {email}", email=helpline.email)
            lines.append(self.para([Span(self.text(email), link="mailto:" + helpline.email)]))
        return [self.box(lines)]

    def glossary(self, entries: tuple[m.GlossaryEntry, ...]) -> list[Flowable]:
        if not entries:
            return []
        story: list[Flowable] = [self.heading((m.Text(self.words("Glossary")),), 2, None)]
        for entry in entries:
            spans = [*self.span(entry.term, bold=True), BREAK, *self.span(entry.definition)]
            story.append(self.para(spans))
        return story

    def references(self, references: tuple[str, ...]) -> list[Flowable]:
        if not references:
            return []
        heading = self.heading((m.Text(self.words("References")),), 2, None)
        return [heading, *(self.para(self.span(reference), "item") for reference in references)]

    def review_dates(self) -> list[Flowable]:
        language = self.leaflet.language
        reviewed = self.words("Reviewed: {date}", date=format_date(self.leaflet.reviewed, language))
        due = self.words(
            "Next review: {date}", date=format_date(self.leaflet.next_review, language)
        )
        dates = self.para([*self.span(reviewed), BREAK, *self.span(due)])
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

    def paragraph(self, paragraph: m.Paragraph, style_name: str) -> Flowable:
        return self.para(self.inlines(paragraph.inlines, paragraph.line), style_name)

    def list_block(self, block: m.ListBlock, depth: int) -> ListFlowable:
        """Bullets or numbers in bold at the body size, hanging before the text: at its left,
        or at its right in a right-to-left leaflet."""
        size = self.styles.print.body_size
        items = [ListItem(self.blocks(item.blocks, in_list=True)) for item in block.items]
        if block.ordered:
            last = block.start + len(block.items) - 1
            marker = f"{last}."
            # A right-to-left line reads "1." from the right: the full stop on the left.
            shown = ".%s" if self.setter.rtl else "%s."
            kind = {"bulletType": "1", "start": block.start, "bulletFormat": shown}
            indent = size * (0.9 + 0.65 * len(str(last)))
        else:
            marker = BULLETS[min(depth, 1)]
            kind = {"bulletType": "bullet", "start": marker}
            indent = size * 1.5
            size *= 1.3  # the bullet glyph is small: make the marker easy to find
        self.printed.append(Printed(marker, block.line))
        side = {"bulletDir": "rtl", "rightIndent": indent} if self.setter.rtl else {}
        return ListFlowable(
            items,
            bulletFontName=self.styles.fonts.showing(marker, bold=True),
            bulletFontSize=size,
            # on the first line's baseline, however the typesetter places that line
            bulletOffsetY=self.setter.bullet_offset(self.styles.item, size),
            leftIndent=0 if self.setter.rtl else indent,
            # a blank line's space after a list, as after a paragraph; less inside a list
            spaceAfter=self.styles.print.paragraph_space / (2 if depth else 1),
            **kind,
            **side,
        )

    def picture(self, image: m.Image) -> Flowable:
        """The picture as wide as the text, its caption under it, both on the same page."""
        styles = self.styles
        art, words_inside = load_art(image, styles.fonts, self.leaflet.source)
        self.printed += words_inside
        caption = (
            self.para(self.span(image.caption, image.line), "caption") if image.caption else None
        )
        room = Room(styles.text_width, styles.frame_height - 3 * styles.body.leading)
        width, height = fit(art, room, image.decorative)
        alt = None
        if not image.decorative:
            described = self.words("Picture: {alt}", alt=image.alt)
            self.text(described, image.line)  # recorded for the glyph check; drawn invisibly
            alt = self.setter.described(clean(described), styles.print.body_size)
        picture = Picture(art, width, height, alt, "RIGHT" if self.setter.rtl else "LEFT")
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
