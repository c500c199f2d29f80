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
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import groupby
from urllib.parse import unquote, urlsplit

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, ListItem, Table
from reportlab.platypus.tables import TableStyle

from ... import model as m
from ...checks import is_overdue
from ...errors import BuildError, Problem
from ...i18n.dates import format_date
from ...i18n.words import OVERDUE_NOTICE, draft_notices
from ...text.fonts import Printed
from ...text.phones import link_tel_url, tel_url
from ...text.scripts import script_of
from .. import WriteContext
from ..print_style import LINK_COLOUR, NOTE_BORDER_COLOUR, NOTE_BORDER_WIDTH
from .hyphens import SHY, break_long_words
from .keeping import keep_starts
from .pictures import Picture, Room, fit, load_art, short_label
from .styles import Styles, has_glyphs
from .tags import MarkedList, Node, Tree
from .text import BREAK, Span, Typesetter, plain

LOGO_HEIGHT = 72.0  # points (an inch): the brand logo at the top of the first page
BULLETS = ("\u2022", "\u2013")  # bullet, then an en dash for a nested list
HOLE = "\0"  # where a value goes in tool words, to mark it apart (no text holds it)


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
    tree: Tree = field(default_factory=Tree)  # the structure tree, in source order
    inset: float = 0.0  # how much narrower than the text the lines being made are (boxes, lists)

    def words(self, message: str, **values: object) -> str:
        return self.context.words(message, **values)

    def flowables(self) -> list[Flowable]:
        leaflet = self.leaflet
        story = [*self.opening(), *self.blocks(leaflet.intro)]
        for section in leaflet.sections:
            story += self.section(section)
        story += self.glossary(leaflet.glossary_used())
        story += self.references(leaflet.references)
        story += self.review_dates()
        # a heading or a list's introduction keeps the next flowable's first two lines
        return keep_starts(story, 2 * self.styles.body.leading)

    # --- text --------------------------------------------------------------

    def text(self, value: str, line: int | None = None) -> str:
        """Text as it is printed, recorded for the glyph check; its soft hyphens are kept
        until the paragraph is made (see hyphens.py)."""
        value = unicodedata.normalize("NFC", value)
        self.printed.append(Printed(value.replace(SHY, ""), line))
        return value

    @contextmanager
    def narrower(self, by: float) -> Iterator[None]:
        """The lines made inside are `by` points narrower (a box's padding, a list's indent)."""
        self.inset += by
        try:
            yield
        finally:
            self.inset -= by

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
            case m.Span(children, lang):
                spans = self.inlines(children, line, bold)
                return self.in_language(spans, lang if self.other(lang) else None)
            case m.Link(children, url):
                return self.link(children, url, line, bold)
        raise BuildError([Problem(self.leaflet.source, line, f"cannot print {run!r} in a PDF")])

    def other(self, lang: str) -> bool:
        """True when `lang` is another language than the leaflet's (not 'en' in 'en-GB')."""
        return primary(lang) != primary(self.leaflet.language)

    @property
    def source_language(self) -> str | None:
        """The language of what is printed untranslated (organisation, references), when it
        is not the leaflet's."""
        language = self.context.config.source_language
        return language if self.other(language) else None

    @property
    def address_language(self) -> str | None:
        """The language an address is read in: the source language's, in a leaflet written in
        another script (an Arabic voice would not read example.org)."""
        language = self.source_language
        if language is None or script_of(language) == script_of(self.leaflet.language):
            return None
        return language

    @staticmethod
    def in_language(spans: list[Span], lang: str | None) -> list[Span]:
        """The spans marked as in `lang`, unless a span inside says another language."""
        if lang is None:
            return spans
        return [span if span.lang else dataclasses.replace(span, lang=lang) for span in spans]

    def link(
        self, children: tuple[m.Inline, ...], url: str, line: int | None, bold: bool
    ) -> list[Span]:
        """The link text, then its address when the text does not already say it."""
        shown = self.inlines(children, line, bold)
        address = display_address(url)
        said = m.plain_text(children)
        if same_address(said, url):
            if not url.lower().startswith("tel:"):  # digits are read in any language
                shown = self.in_language(shown, self.address_language)
        elif address.lower() not in said.lower():  # an address is shown once
            where = Span(self.text(address, line), bold, lang=self.address_language)
            shown += [Span(" (", bold), where, Span(")", bold)]
        if url.lower().startswith("tel:"):  # dial what the reader sees, '(0)' as dialled
            url = link_tel_url(url, m.plain_text(children))
        return [dataclasses.replace(span, link=url, colour=LINK_COLOUR) for span in shown]

    def para(
        self,
        spans: list[Span],
        style_name: str = "body",
        role: str = "P",
        lang: str | None = None,
        attach: bool = True,
    ) -> Flowable:
        return self.tagged(spans, getattr(self.styles, style_name), role, lang, attach)

    def tagged(
        self,
        spans: list[Span],
        style: ParagraphStyle,
        role: str,
        lang: str | None = None,
        attach: bool = True,
    ) -> Flowable:
        """A paragraph with its node in the structure tree, and a Link node for each link;
        `attach=False`: the node joins its parent's kids when it is drawn."""
        width = self.styles.text_width - self.inset
        bold = style.fontName == self.styles.fonts.bold

        def measure(text: str, bold_span: bool) -> float:
            return stringWidth(text, self.styles.fonts.face(bold or bold_span), style.fontSize)

        spans, broken = break_long_words(spans, width, measure)
        # a word broken over lines is still one word to a screen reader
        actual = clean(" ".join(plain(spans).replace("-\n", "").split())) if broken else None
        with self.tree.inside(role, attach, lang=lang, actual=actual) as node:
            spans = self.linked(spans)
        return self.setter.paragraph(spans, style, node)

    def linked(self, spans: list[Span]) -> list[Span]:
        """The spans, each run of one link marked with its own Link node."""
        result: list[Span] = []
        for link, group in groupby(spans, key=lambda span: span.link):
            run = list(group)
            if link is not None:
                said = plain(run)
                where = display_address(link)
                contents = (
                    said if same_address(said, link) or where in said else f"{said} ({where})"
                )
                node = self.tree.add("Link", attach=False, url=link, contents=contents)
                run = [dataclasses.replace(span, mark=node.number) for span in run]
                run = self.languages(run, node)
            else:
                run = self.languages(run)
            result += run
        return result

    def languages(self, spans: list[Span], parent: Node | None = None) -> list[Span]:
        """The spans, each run in another language marked with its own Span node (/Lang)."""
        result: list[Span] = []
        for lang, group in groupby(spans, key=lambda span: span.lang):
            run = list(group)
            if lang is not None:
                node = self.tree.add("Span", attach=False, parent=parent, lang=lang)
                run = [dataclasses.replace(span, mark=node.number) for span in run]
            result += run
        return result

    def heading(self, inlines: tuple[m.Inline, ...], level: int, line: int | None) -> Flowable:
        """A heading, marked for the outline: level 1 is the title, 2 a section, 3 a subsection."""
        spans = self.inlines(inlines, line)
        if brand := self.context.config.brand_colour:  # links keep their own colour
            spans = [dataclasses.replace(s, colour=s.colour or brand) for s in spans]
        heading = self.tagged(spans, self.styles.headings[level], f"H{level}")
        heading.outline_entry = (clean(m.plain_text(inlines)), level - 1)  # type: ignore[attr-defined]
        return heading

    def note(self, content: Callable[[], list[Flowable]]) -> Flowable:
        """A box (Note in the structure tree) around the flowables `content` makes."""
        with self.tree.inside("Note"), self.narrower(2 * self.padding + 2 * NOTE_BORDER_WIDTH):
            return self.box(content())

    @property
    def padding(self) -> float:
        return self.styles.print.body_size * 0.75

    @property
    def border_colour(self) -> str:
        return self.context.config.brand_colour or NOTE_BORDER_COLOUR

    def box(self, content: list[Flowable]) -> Flowable:
        """A strong black border on white, never a pale background alone; on one page if it fits.

        A box longer than a page splits inside its border, at least two lines on each side.
        """
        body_size = self.styles.print.body_size
        padding = self.padding
        least = 2 * padding + 2 * self.styles.body.leading
        table = Table(
            [[content]], colWidths=[self.styles.text_width], hAlign="LEFT", splitInRow=least
        )
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), NOTE_BORDER_WIDTH, HexColor(self.border_colour)),
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

    def opening(self) -> list[Flowable]:
        """The start of the first page: title, summary, who it is from, any warning and the
        helpline; the text follows on the same page, not after a mostly blank cover."""
        leaflet = self.leaflet
        page: list[Flowable] = [*self.logo(), self.heading((m.Text(leaflet.title),), 1, None)]
        if leaflet.summary:
            page.append(self.para(self.span(leaflet.summary)))
        organisation = self.span(self.context.config.organisation)
        page.append(self.para(organisation, "strong", lang=self.source_language))
        return [*page, *self.warnings(), *self.helpline(leaflet.helpline)]

    def logo(self) -> list[Flowable]:
        """The organisation's logo (publisher.toml's [brand]), described as a Figure."""
        config = self.context.config
        if config.brand_logo is None:
            return []
        image = m.Image(config.brand_logo, config.brand_logo_alt, "", False, 0)
        art, words_inside = load_art(image, self.styles.fonts, self.leaflet.source)
        self.printed += words_inside
        width, height = fit(art, Room(self.styles.text_width / 2, LOGO_HEIGHT), False)
        figure = self.tree.add("Figure", alt=clean(config.brand_logo_alt))
        picture = Picture(art, width, height, figure, "RIGHT" if self.setter.rtl else "LEFT")
        picture.spaceAfter = self.styles.print.paragraph_space / 2
        return [picture]

    def warnings(self) -> list[Flowable]:
        """Boxes saying plainly that a leaflet is overdue for review or an unreviewed draft."""
        boxes = []
        if is_overdue(self.leaflet, self.context.today):
            message = self.words(
                OVERDUE_NOTICE,
                date=format_date(self.leaflet.next_review, self.leaflet.language),
            )
            boxes.append(self.note(lambda: [self.para(self.span(message), "strong")]))
        if self.context.draft:
            boxes.append(self.note(self.draft_paragraphs))
        return boxes

    def draft_paragraphs(self) -> list[Flowable]:
        """The draft notice's lines; the English one says it is in English."""
        english = None if self.leaflet.language.startswith("en") else "en"
        lines = self.draft_lines()
        return [
            self.para(line, "strong", lang=english if number else None)
            for number, line in enumerate(lines)
        ]

    def draft_lines(self) -> list[list[Span]]:
        """The draft notice in English and, once its tool words are reviewed, the language."""
        return [self.span(line) for line in draft_notices(self.context.words)]

    def helpline(self, helpline: m.Helpline | None) -> list[Flowable]:
        if helpline is None:
            return []
        return [self.note(lambda: self.helpline_lines(helpline))]

    def helpline_lines(self, helpline: m.Helpline) -> list[Flowable]:
        phone = self.words("Phone: {phone}", phone=helpline.phone)
        lines = [
            self.para(self.span(helpline.label), "strong"),
            self.para([Span(self.text(phone), link=tel_url(helpline.phone))], "strong"),
        ]
        if helpline.hours:
            lines.append(self.para(self.span(helpline.hours)))
        if helpline.email:
            words = self.words("Email: {email}", email=HOLE)
            spans = self.around(words, helpline.email)
            link = "mailto:" + helpline.email
            lines.append(self.para([dataclasses.replace(span, link=link) for span in spans]))
        return lines

    def around(self, words: str, address: str) -> list[Span]:
        """Tool words with the address where their HOLE is, the address a span in its own
        language."""
        before, _, after = words.partition(HOLE)
        spans = [Span(self.text(address), lang=self.address_language)]
        if before:
            spans.insert(0, Span(self.text(before)))
        if after:
            spans.append(Span(self.text(after)))
        return spans

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
        return [
            heading,
            *(
                self.para(self.span(reference), "item", lang=self.source_language)
                for reference in references
            ),
        ]

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
        """The blocks' flowables; a paragraph that introduces a list stays on its page."""
        flowables: list[Flowable] = []
        for block, after in zip(blocks, (*blocks[1:], None), strict=False):
            made = self.block(block, in_list)
            if isinstance(block, m.Paragraph) and isinstance(after, m.ListBlock):
                made[-1].keepWithNext = 1
            flowables += made
        return flowables

    def block(self, block: m.Block, in_list: bool = False) -> list[Flowable]:
        match block:
            case m.Paragraph():
                return [self.paragraph(block, "item" if in_list else "body")]
            case m.Image():
                return [self.picture(block)]
            case m.ListBlock():
                return [self.list_block(block, depth=1 if in_list else 0)]
            case m.Note():
                return [self.note(lambda: self.blocks(block.blocks))]
        line = getattr(block, "line", None)
        raise BuildError([Problem(self.leaflet.source, line, f"cannot print {block!r} in a PDF")])

    def paragraph(self, paragraph: m.Paragraph, style_name: str) -> Flowable:
        return self.para(self.inlines(paragraph.inlines, paragraph.line), style_name)

    def list_block(self, block: m.ListBlock, depth: int) -> MarkedList:
        """Bullets or numbers in bold at the body size, hanging before the text: at its left,
        or at its right in a right-to-left leaflet."""
        size = self.styles.print.body_size
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
        with self.tree.inside("L") as node, self.narrower(indent):
            items = [self.list_item(item) for item in block.items]
        self.printed.append(Printed(marker, block.line))
        side = {"bulletDir": "rtl", "rightIndent": indent} if self.setter.rtl else {}
        return MarkedList(
            node,
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

    def list_item(self, item: m.ListItem) -> ListItem:
        """An LI node: its marker (Lbl, drawn by MarkedList) and its body (LBody)."""
        with self.tree.inside("LI"):
            self.tree.add("Lbl")
            with self.tree.inside("LBody"):
                return ListItem(self.blocks(item.blocks, in_list=True))

    def picture(self, image: m.Image) -> Flowable:
        """The picture as wide as the text, its caption (or label) under it on the same page."""
        styles = self.styles
        art, words_inside = load_art(image, styles.fonts, self.leaflet.source)
        self.printed += words_inside
        figure = None if image.decorative else self.tree.add("Figure", alt=clean(image.alt))
        caption = self.caption(image, figure)
        below = caption.wrap(styles.text_width, styles.frame_height)[1] if caption else 0.0
        spaces = styles.print.paragraph_space + styles.caption.spaceBefore
        room = Room(styles.text_width, styles.frame_height - below - spaces)
        width, height = fit(art, room, image.decorative)
        picture = Picture(art, width, height, figure, "RIGHT" if self.setter.rtl else "LEFT")
        if caption is None:
            picture.spaceAfter = styles.print.paragraph_space
            return KeepTogether([picture])
        return KeepTogether([picture, caption])  # the caption close under it, then a space

    def caption(self, image: m.Image, figure: Node | None) -> Flowable | None:
        """The caption, else a label of the description's first words ({.no-label}: none);
        a Caption inside the Figure, after the picture (it joins the Figure when drawn)."""
        words = image.caption
        if not words and image.label and figure is not None:
            ellipsis = "\u2026" if has_glyphs(self.styles.fonts.bold, "\u2026") else "..."
            words = short_label(image.alt, ellipsis)
        if not words:
            return None
        role = "Caption" if figure else "P"  # a decorative picture's words: a paragraph
        with self.tree.within(figure) if figure else nullcontext():
            return self.para(self.span(words, image.line), "caption", role, attach=False)


def primary(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


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
