"""The Word writer: a leaflet as a .docx that passes Word's accessibility checker.

Built-in heading and list styles (so the navigation pane and screen readers see
the structure), large sans-serif text that never turns italic, real hyperlinks,
pictures with alt text, and the title and language in the document itself.
This module puts the whole leaflet together; docx_body adds its blocks and runs
(one method per node type), docx_styles the styles, docx_images the pictures,
docx_page the page, docx_bidi right-to-left text and docx_xml the raw OOXML.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from ...checks import is_overdue
from ...errors import BuildError
from ...i18n.dates import format_date
from ...i18n.words import (
    DRAFT_MARK,
    DRAFT_NOTICE,
    OVERDUE_NOTICE,
    TOOL_LANGUAGE,
    draft_notices,
    draft_title,
)
from ...model import Inline, Leaflet, Link, ListBlock, ListItem, Paragraph, Text
from ...text.scripts import is_rtl
from .. import WriteContext
from ..print_style import TEXT_COLOUR, WORD_FONT, PrintStyle
from ..templates import templates_dir
from .bidi import set_directions
from .body import BodyWriter, Place
from .images import Frame, Pictures
from .links import tel_url
from .ooxml import set_rpr
from .page import header_logo, header_paragraph, page_numbers, pieces, set_up_page
from .styles import NOTE_STYLE, ListNumbering, Look, apply_styles
from .text import check_text, safe

# Every tool word this format writes (msgids for the translation tooling), shared with the PDF.
PAGE_WORDS = "Page {page} of {pages}"
DRAFT_WORDS = DRAFT_NOTICE
OVERDUE_WORDS = OVERDUE_NOTICE
WORDS = (
    PAGE_WORDS,
    DRAFT_WORDS,
    DRAFT_MARK,
    OVERDUE_WORDS,
    "Phone: {phone}",
    "Email: {email}",
    "Glossary",
    "References",
    "Reviewed: {date}",
    "Next review: {date}",
)
# The empty document every Word file starts from: python-docx's, less its table styles and
# other parts no leaflet uses (made by scripts/make_word_reference.py).
REFERENCE = "reference.docx"
LOGO_HEIGHT = Cm(1.5)
PICTURE_HEIGHT_SHARE = 0.6  # of the text area: room for the caption and some text


def write(leaflet: Leaflet, path: Path, context: WriteContext) -> None:
    """Write `leaflet` as a Word document at `path`."""
    # 1. Refuse text XML cannot hold, naming file and line, before anything is made.
    check_text(leaflet)
    # 2. An empty document restyled for large print in the leaflet's language.
    look = Look.of(
        PrintStyle(context.config.font_size, context.config.page_size),
        WORD_FONT,
        leaflet.language,
        context.config.brand_colour or TEXT_COLOUR,
    )
    document = docx.Document(str(templates_dir(REFERENCE) / REFERENCE))
    numbering = apply_styles(document, look)
    width, height = set_up_page(document, context.config.page_size, look.rtl)
    # 3. What Word shows in File > Info and reads aloud as the document's name and language.
    set_properties(document, leaflet, context)
    # 4. Page furniture: page numbers, and a draft warning on every page.
    words = _Words(context, leaflet.source)
    page_numbers(document, words.pieces(PAGE_WORDS, "page", "pages"))
    # 5. The leaflet itself, then the helpline, glossary, references and review dates.
    pictures = Pictures(
        document, Frame(width, Emu(round(height * PICTURE_HEIGHT_SHARE))), leaflet.source
    )
    writer = _LeafletWriter(document, look, words, numbering, pictures, leaflet)
    if context.draft:
        writer.draft_header()
    if context.config.brand_logo is not None:
        header_logo(document, context.config.brand_logo, context.config.brand_logo_alt, LOGO_HEIGHT)
    writer.leaflet(context)
    # 6. Each paragraph of a right-to-left leaflet gets its direction from its own words.
    if look.rtl:
        set_directions(document)
    # 7. One save: build.py renames the file into place only when this returns. Saved in
    # memory first: python-docx leaves its zip file open when a write fails (a full disk),
    # and Python then prints a traceback as it closes it.
    saved = io.BytesIO()
    document.save(saved)
    path.write_bytes(saved.getvalue())


def set_properties(document: Document, leaflet: Leaflet, context: WriteContext) -> None:
    """Title, author, subject and language; dated by the review (what a reader wants to
    know), not by the build."""
    props = document.core_properties
    organisation = safe(context.config.organisation, "the organisation name")
    props.title = draft_title(leaflet.title, context.words) if context.draft else leaflet.title
    props.author = props.last_modified_by = organisation
    props.subject = leaflet.summary or leaflet.title
    props.language = leaflet.language
    props.comments = props.keywords = props.category = ""
    props.created = props.modified = datetime.combine(leaflet.reviewed, time())
    props.revision = 1
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), leaflet.language)
        if is_rtl(leaflet.language):
            theme_lang.set(qn("w:bidi"), leaflet.language)


class _Words:
    """context.words, checked for characters XML forbids (a translator's typo, say)."""

    def __init__(self, context: WriteContext, source: Path) -> None:
        self.context = context
        self.source = source

    def __call__(self, message: str, **values: object) -> str:
        return safe(self.context.words(message, **values), f"the words '{message}'", self.source)

    def draft_notices(self) -> list[str]:
        notices = draft_notices(self.context.words)
        return [safe(line, "the draft notice", self.source) for line in notices]

    def pieces(self, message: str, *slots: str) -> list[tuple[str, str]]:
        """The words split around their {slots} (see docx_page.pieces), each piece checked."""
        found = pieces(self.context.words, message, *slots)
        for kind, part in found:
            if kind == "text":
                safe(part, f"the words '{message}'", self.source)
            elif part not in slots:
                raise BuildError(f"the words '{message}' have an unknown slot '{part}'")
        return found


class _LeafletWriter(BodyWriter):
    """The whole leaflet: title, warnings, sections, then helpline, glossary and dates."""

    def __init__(
        self,
        document: Document,
        look: Look,
        words: _Words,
        numbering: ListNumbering,
        pictures: Pictures,
        leaflet: Leaflet,
    ) -> None:
        super().__init__(document, look, words, numbering, pictures, leaflet.source)
        self.leaflet_ = leaflet
        self.organisation = safe(words.context.config.organisation, "the organisation name")

    def leaflet(self, context: WriteContext) -> None:
        leaflet = self.leaflet_
        self.heading((Text(leaflet.title),), 1)
        self.warnings(context)  # first, so nobody reads on without knowing
        if leaflet.summary:
            self.paragraph(Paragraph((Text(leaflet.summary),), 0), Place())
        organisation = self.new_paragraph("Normal", Place())
        self.text_run(organisation.add_run, self.organisation, bold=True)
        # Easy-read blocks are left out: the Word file is the full text, the HTML the easy read.
        self.blocks(leaflet.intro, Place())
        for section in leaflet.all_sections():
            self.heading(section.heading, section.level)
            self.blocks(section.blocks, Place())
        self.helpline()
        self.glossary()
        self.references()
        self.review_dates()
        self.warnings(context)  # again at the end, for whoever reads or prints only that page

    def date(self, day: date) -> str:
        return format_date(day, self.leaflet_.language)

    def warnings(self, context: WriteContext) -> None:
        """Boxes saying plainly that the leaflet is overdue for review, or an unreviewed draft."""
        if is_overdue(self.leaflet_, context.today):
            due = self.date(self.leaflet_.next_review)
            self.notice([self.words(OVERDUE_WORDS, date=due)])
        if context.draft:
            self.notice(self.words.draft_notices())

    def draft_header(self) -> None:
        """Every page says, in the leaflet's language and in English, that it is a draft."""
        english, *own = self.words.draft_notices()  # by code: English first, always
        paragraph = header_paragraph(self.document)
        run = self.text_run(paragraph.add_run, english, bold=True)
        set_rpr(run._r.get_or_add_rPr(), "lang", val=TOOL_LANGUAGE)
        for line in own:
            extra = self.document.sections[0].header.add_paragraph(style="Header")
            self.text_run(extra.add_run, line, bold=True)

    def notice(self, lines: list[str]) -> None:
        """A boxed, bold warning at the top of the first page."""
        for line in lines:
            paragraph = self.new_paragraph(NOTE_STYLE, Place(note=True))
            self.text_run(paragraph.add_run, line, bold=True)

    def helpline(self) -> None:
        """The helpline in a box under its own heading, number and e-mail as links."""
        helpline = self.leaflet_.helpline
        if helpline is None:
            return
        self.heading((Text(helpline.label),), 2)
        box = Place(note=True)
        phone = Link((Text(helpline.phone),), tel_url(helpline.phone))
        self.labelled("Phone: {phone}", "phone", phone, box)
        if helpline.hours:
            self.paragraph(Paragraph((Text(helpline.hours),), 0), box)
        if helpline.email:
            email = Link((Text(helpline.email),), f"mailto:{helpline.email}")
            self.labelled("Email: {email}", "email", email, box)

    def labelled(self, message: str, slot: str, value: Inline, place: Place) -> None:
        """Translated words with a link in their {slot}, in the order the translation gives."""
        paragraph = self.new_paragraph(self.body_style(place), place)
        for kind, part in self.words.pieces(message, slot):
            self.runs(
                paragraph, paragraph.add_run, (value,) if kind == "slot" else (Text(part),), False
            )

    def glossary(self) -> None:
        entries = self.leaflet_.glossary_used()
        if not entries:
            return
        self.heading((Text(self.words("Glossary")),), 2)
        for entry in entries:
            term = self.new_paragraph("Normal", Place())
            term.paragraph_format.keep_with_next = True
            term.paragraph_format.space_after = 0
            self.text_run(term.add_run, entry.term, bold=True)
            self.paragraph(Paragraph((Text(entry.definition),), 0), Place())

    def references(self) -> None:
        references = self.leaflet_.references
        if not references:
            return
        self.heading((Text(self.words("References")),), 2)
        items = tuple(_item(Paragraph((Text(ref),), 0)) for ref in references)
        self.list_block(ListBlock(items, True, 1, 0), Place())

    def review_dates(self) -> None:
        """When the leaflet was checked and will be again: PIF TICK asks for both."""
        leaflet = self.leaflet_
        reviewed = self.words("Reviewed: {date}", date=self.date(leaflet.reviewed))
        due = self.words("Next review: {date}", date=self.date(leaflet.next_review))
        first = self.paragraph(Paragraph((Text(reviewed),), 0), Place())
        first.paragraph_format.space_before = Pt(self.look.style.paragraph_space)
        self.paragraph(Paragraph((Text(due),), 0), Place())


def _item(paragraph: Paragraph) -> ListItem:
    return ListItem((paragraph,), paragraph.line)
