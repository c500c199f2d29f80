"""The Word writer: a leaflet as a .docx that passes Word's accessibility checker.

Built-in heading and list styles (so the navigation pane and screen readers see
the structure), large sans-serif text that never turns italic, real hyperlinks,
pictures with alt text, and the title and language in the document itself.
Styles live in docx_styles, pictures in docx_images, the page in docx_page and
raw OOXML in docx_xml; this module walks the leaflet, one method per node type.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from ..checks import is_overdue
from ..dates import format_date
from ..errors import BuildError, Problem
from ..model import (
    Block,
    Emphasis,
    Image,
    Inline,
    Leaflet,
    Link,
    ListBlock,
    ListItem,
    Note,
    Paragraph,
    Strong,
    Term,
    Text,
    plain_text,
)
from ..scripts import is_rtl
from ..style import WORD_FONT, PrintStyle
from . import WriteContext
from .docx_images import Frame, Pictures
from .docx_page import header_paragraph, page_numbers, pieces, set_up_page
from .docx_styles import (
    CONTINUE_STYLES,
    HYPERLINK_STYLE,
    LIST_STYLES,
    NOTE_STYLE,
    ListNumbering,
    Look,
    apply_styles,
    note_border,
)
from .docx_text import check_text, safe
from .docx_xml import hyperlink, set_borders, set_ppr, set_rpr

# Every tool word this format writes (msgids for the translation tooling), shared with the PDF.
PAGE_WORDS = "Page {page} of {pages}"
DRAFT_WORDS = "Draft: this translation has not been reviewed yet."
OVERDUE_WORDS = (
    "Review overdue: this information was due to be checked by {date}. "
    "Some of it may be out of date."
)
WORDS = (
    PAGE_WORDS,
    DRAFT_WORDS,
    OVERDUE_WORDS,
    "Phone: {phone}",
    "Email: {email}",
    "Glossary",
    "References",
    "Reviewed: {date}",
    "Next review: {date}",
)
SOURCE_LANGUAGE = "en-GB"  # the language of the words above, shown beside a draft's own
PICTURE_HEIGHT_SHARE = 0.6  # of the text area: room for the caption and some text
# Left-to-right embedding: every bidi-aware Word knows it (the newer isolates, U+2066, not all).
LTR_EMBEDDING, POP_EMBEDDING = "\u202a", "\u202c"
# Keeps a phone number on one line. LibreOffice splits a number joined by U+00A0 inside
# right-to-left text mid-digits, but not one joined by the narrow U+202F.
NO_BREAK_SPACES = {False: "\u00a0", True: "\u202f"}


def write(leaflet: Leaflet, path: Path, context: WriteContext) -> None:
    """Write `leaflet` as a Word document at `path`."""
    # 1. Refuse text XML cannot hold, naming file and line, before anything is made.
    check_text(leaflet)
    # 2. An empty document restyled for large print in the leaflet's language.
    look = Look(
        PrintStyle(context.config.font_size), WORD_FONT, leaflet.language, is_rtl(leaflet.language)
    )
    document = docx.Document()
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
    writer = _Writer(document, look, words, numbering, pictures, leaflet)
    if context.draft:
        writer.draft_header()
    writer.leaflet(context)
    # 6. Each paragraph of a right-to-left leaflet gets its direction from its own words.
    if look.rtl:
        set_directions(document)
    # 7. One save: build.py renames the file into place only when this returns.
    document.save(str(path))


def set_properties(document: Document, leaflet: Leaflet, context: WriteContext) -> None:
    """Title, author, subject and language; dates from the review, so rebuilds are identical."""
    props = document.core_properties
    organisation = safe(context.config.organisation, "the organisation name")
    props.title = leaflet.title
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
    _drop_thumbnail(document)


def _drop_thumbnail(document: Document) -> None:
    """The blank template's preview picture would show as this leaflet's in file browsers."""
    rels = document.part.package.rels
    for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[r_id]


class _Words:
    """context.words, checked for characters XML forbids (a translator's typo, say)."""

    def __init__(self, context: WriteContext, source: Path) -> None:
        self.context = context
        self.source = source

    def __call__(self, message: str, **values: object) -> str:
        return safe(self.context.words(message, **values), f"the words '{message}'", self.source)

    def pieces(self, message: str, *slots: str) -> list[tuple[str, str]]:
        """The words split around their {slots} (see docx_page.pieces), each piece checked."""
        found = pieces(self.context.words, message, *slots)
        for kind, part in found:
            if kind == "text":
                safe(part, f"the words '{message}'", self.source)
            elif part not in slots:
                raise BuildError(f"the words '{message}' have an unknown slot '{part}'")
        return found


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a block stands: in a note box, and in a list item of some depth."""

    note: bool = False
    list_level: int | None = None


NewRun = Callable[[], Run]


class _Writer:
    """Walks the leaflet and adds its parts to the document, one method per node type."""

    def __init__(
        self,
        document: Document,
        look: Look,
        words: _Words,
        numbering: ListNumbering,
        pictures: Pictures,
        leaflet: Leaflet,
    ) -> None:
        self.document = document
        self.look = look
        self.words = words
        self.numbering = numbering
        self.pictures = pictures
        self.source = leaflet.source
        self.leaflet_ = leaflet
        self.organisation = safe(words.context.config.organisation, "the organisation name")

    # --- the whole leaflet ---------------------------------------------------

    def leaflet(self, context: WriteContext) -> None:
        leaflet = self.leaflet_
        self.heading((Text(leaflet.title),), 1)
        if leaflet.summary:
            self.paragraph(Paragraph((Text(leaflet.summary),), 0), _Place())
        organisation = self.new_paragraph("Normal", _Place())
        self.text_run(organisation.add_run, self.organisation, bold=True)
        self.warnings(context)
        # Easy-read blocks are left out: the Word file is the full text, the HTML the easy read.
        self.blocks(leaflet.intro, _Place())
        for section in leaflet.all_sections():
            self.heading(section.heading, section.level)
            self.blocks(section.blocks, _Place())
        self.helpline()
        self.glossary()
        self.references()
        self.review_dates()
        self.warnings(context)  # again at the end, for whoever reads or prints only that page

    def warnings(self, context: WriteContext) -> None:
        """Boxes saying plainly that the leaflet is overdue for review, or an unreviewed draft."""
        if is_overdue(self.leaflet_, context.today):
            due = self.date(self.leaflet_.next_review)
            self.notice([self.words(OVERDUE_WORDS, date=due)])
        if context.draft:
            self.notice([self.words(DRAFT_WORDS), *self._english(DRAFT_WORDS)])

    def draft_header(self) -> None:
        """Every page says, in the leaflet's language and in English, that it is a draft."""
        paragraph = header_paragraph(self.document)
        self.text_run(paragraph.add_run, self.words(DRAFT_WORDS), bold=True)
        for english in self._english(DRAFT_WORDS):
            extra = self.document.sections[0].header.add_paragraph(style="Header")
            run = self.text_run(extra.add_run, english, bold=True)
            set_rpr(run._r.get_or_add_rPr(), "lang", val=SOURCE_LANGUAGE)

    def _english(self, message: str) -> list[str]:
        """The English words too, when the leaflet's own words differ from them."""
        return [] if self.words(message) == message else [message]

    def notice(self, lines: list[str]) -> None:
        """A boxed, bold warning at the top of the first page."""
        for line in lines:
            paragraph = self.new_paragraph(NOTE_STYLE, _Place(note=True))
            self.text_run(paragraph.add_run, line, bold=True)

    # --- structure -----------------------------------------------------------

    def heading(self, inlines: tuple[Inline, ...], level: int) -> None:
        paragraph = self.new_paragraph(f"Heading {level}", _Place())
        self.inlines(paragraph, inlines)

    def blocks(self, blocks: tuple[Block, ...], place: _Place) -> None:
        for block in blocks:
            self.block(block, place)

    def block(self, block: Block, place: _Place) -> None:
        match block:
            case Paragraph():
                self.paragraph(block, place)
            case Image():
                self.image(block, place)
            case ListBlock():
                self.list_block(block, place)
            case Note():
                self.note(block, place)
            case _:
                raise self.cannot_show(block)

    def cannot_show(self, node: object) -> BuildError:
        line = getattr(node, "line", None)
        name = type(node).__name__
        return BuildError([Problem(self.source, line, f"the Word writer cannot show a {name}")])

    # --- blocks --------------------------------------------------------------

    def paragraph(self, block: Paragraph, place: _Place) -> DocxParagraph:
        paragraph = self.new_paragraph(self.body_style(place), place)
        self.inlines(paragraph, block.inlines)
        return paragraph

    def body_style(self, place: _Place) -> str:
        if place.list_level is not None:
            return CONTINUE_STYLES[place.list_level]
        return NOTE_STYLE if place.note else "Normal"

    def image(self, block: Image, place: _Place, style: str | None = None) -> DocxParagraph:
        """The picture on a line of its own at text width, its caption (if any) below."""
        paragraph = self.new_paragraph(style or self.body_style(place), place)
        self.pictures.add(paragraph.add_run(), block)
        if block.caption:
            paragraph.paragraph_format.keep_with_next = True
            caption = self.new_paragraph("Caption", place)
            self.text_run(caption.add_run, block.caption)
        return paragraph

    def list_block(self, block: ListBlock, place: _Place) -> None:
        """A real Word list: each paragraph linked to numbering, restarting at the list's start."""
        level = 0 if place.list_level is None else place.list_level + 1
        if level >= len(CONTINUE_STYLES):
            raise BuildError(
                [Problem(self.source, block.line, "lists may be nested one level deep at most")]
            )
        num_id = self.numbering.new_list(block.ordered, block.start, level)
        style = LIST_STYLES[(block.ordered, level)]
        inner = _Place(place.note, level)
        for item in item_blocks(block):
            first, rest = item[0], item[1:]
            paragraph = self.list_item_start(first, style, inner)
            self.number(paragraph, num_id, level)
            self.blocks(rest, inner)

    def list_item_start(self, first: Block, style: str, place: _Place) -> DocxParagraph:
        """The paragraph that carries an item's bullet or number."""
        match first:
            case Paragraph():
                paragraph = self.new_paragraph(style, place)
                self.inlines(paragraph, first.inlines)
                return paragraph
            case Image():
                return self.image(first, place, style)
        raise self.cannot_show(first)

    def number(self, paragraph: DocxParagraph, num_id: int, level: int) -> None:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = num_id

    def note(self, block: Note, place: _Place) -> None:
        if place.note:
            raise BuildError(
                [Problem(self.source, block.line, "a note box cannot stand inside another")]
            )
        self.blocks(block.blocks, _Place(note=True, list_level=place.list_level))

    # --- inline runs ---------------------------------------------------------

    def inlines(self, paragraph: DocxParagraph, inlines: tuple[Inline, ...]) -> None:
        self.runs(paragraph, paragraph.add_run, inlines, bold=False)

    def runs(
        self,
        paragraph: DocxParagraph,
        new_run: NewRun,
        inlines: tuple[Inline, ...],
        bold: bool,
        in_link: bool = False,
    ) -> None:
        for run in inlines:
            match run:
                case Text(text) | Term(text, _):  # the glossary at the end explains terms
                    self.text_run(new_run, text, bold)
                case Strong(children) | Emphasis(children):  # emphasis is bold, never italic
                    self.runs(paragraph, new_run, children, True, in_link)
                case Link(children) if in_link:  # Word cannot nest links: keep the words
                    self.runs(paragraph, new_run, children, bold, in_link)
                case Link():
                    self.link(paragraph, run, bold)
                case _:
                    raise self.cannot_show(run)

    def link(self, paragraph: DocxParagraph, link: Link, bold: bool) -> None:
        """A real w:hyperlink; print readers also get the address when the text is not it."""
        r_id = paragraph.part.relate_to(link.url, RT.HYPERLINK, is_external=True)
        element = hyperlink(r_id)
        paragraph._p.append(element)

        def new_run() -> Run:
            return Run(element.add_r(), paragraph)

        self.runs(paragraph, new_run, self.isolated(link), bold, in_link=True)
        for r in element.findall(qn("w:r")):
            Run(r, paragraph).style = self.document.styles[HYPERLINK_STYLE]
        address = shown_address(link)
        if address:
            self.text_run(paragraph.add_run, f" ({self.ltr(address)})", bold)

    def isolated(self, link: Link) -> tuple[Inline, ...]:
        """A phone number stays on one line; a number or address stays left to right."""
        runs = link.children
        if len(runs) == 1 and isinstance(runs[0], Text):
            text = runs[0].text
            if link.url.lower().startswith("tel:"):
                text = text.replace(" ", NO_BREAK_SPACES[self.look.rtl])
            return (Text(self.ltr(text)),)
        return runs

    def ltr(self, text: str) -> str:
        """Phone numbers and addresses in right-to-left text, embedded left to right so that
        '0800 123 4567' is not shown as '4567 123 0800' (Unicode bidi algorithm, rule I2)."""
        if not self.look.rtl or has_rtl_letters(text):
            return text
        return f"{LTR_EMBEDDING}{text}{POP_EMBEDDING}"

    def text_run(self, new_run: NewRun, text: str, bold: bool = False) -> Run:
        run = new_run()
        run.text = text
        rpr = run._r.get_or_add_rPr()
        if bold:
            set_rpr(rpr, "b")
            set_rpr(rpr, "bCs")
        if has_rtl_letters(text):
            set_rpr(rpr, "rtl")
        return run

    # --- paragraphs ----------------------------------------------------------

    def new_paragraph(self, style: str, place: _Place) -> DocxParagraph:
        paragraph = self.document.add_paragraph(style=style)
        ppr = paragraph._p.get_or_add_pPr()
        if place.note and style != NOTE_STYLE:  # same border as the Note style: one box
            set_borders(ppr, *note_border(self.look))
        if place.note and place.list_level is None and self.look.rtl:
            # Line up with right-to-left list items (see Look.list_indent): Word and
            # LibreOffice draw one box only round paragraphs whose edges line up.
            set_ppr(ppr, "ind", left=str(self.look.hanging))
        return paragraph

    def date(self, day: date) -> str:
        return format_date(day, self.leaflet_.language)

    # --- end matter ----------------------------------------------------------

    def helpline(self) -> None:
        """The helpline in a box under its own heading, number and e-mail as links."""
        helpline = self.leaflet_.helpline
        if helpline is None:
            return
        self.heading((Text(helpline.label),), 2)
        box = _Place(note=True)
        phone = Link((Text(helpline.phone),), _tel(helpline.phone))
        self.labelled("Phone: {phone}", "phone", phone, box)
        if helpline.hours:
            self.paragraph(Paragraph((Text(helpline.hours),), 0), box)
        if helpline.email:
            email = Link((Text(helpline.email),), f"mailto:{helpline.email}")
            self.labelled("Email: {email}", "email", email, box)

    def labelled(self, message: str, slot: str, value: Inline, place: _Place) -> None:
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
            term = self.new_paragraph("Normal", _Place())
            term.paragraph_format.keep_with_next = True
            term.paragraph_format.space_after = 0
            self.text_run(term.add_run, entry.term, bold=True)
            self.paragraph(Paragraph((Text(entry.definition),), 0), _Place())

    def references(self) -> None:
        references = self.leaflet_.references
        if not references:
            return
        self.heading((Text(self.words("References")),), 2)
        items = tuple(_item(Paragraph((Text(ref),), 0)) for ref in references)
        self.list_block(ListBlock(items, True, 1, 0), _Place())

    def review_dates(self) -> None:
        """When the leaflet was checked and will be again: PIF TICK asks for both."""
        leaflet = self.leaflet_
        reviewed = self.words("Reviewed: {date}", date=self.date(leaflet.reviewed))
        due = self.words("Next review: {date}", date=self.date(leaflet.next_review))
        first = self.paragraph(Paragraph((Text(reviewed),), 0), _Place())
        first.paragraph_format.space_before = Pt(self.look.style.paragraph_space)
        self.paragraph(Paragraph((Text(due),), 0), _Place())


def item_blocks(block: ListBlock) -> list[tuple[Block, ...]]:
    """Each item's blocks; an item that starts with a nested list gets an empty first line."""
    items = []
    for item in block.items:
        blocks = item.blocks
        if not blocks or isinstance(blocks[0], ListBlock | Note):
            blocks = (Paragraph((), item.line), *blocks)
        items.append(blocks)
    return items


def _item(paragraph: Paragraph) -> ListItem:
    return ListItem((paragraph,), paragraph.line)


def _tel(phone: str) -> str:
    return "tel:" + re.sub(r"[^\d+]", "", phone)


def shown_address(link: Link) -> str | None:
    """The address to print after a link's text, or None when the text already says it."""
    scheme, _, rest = link.url.partition(":")
    text = plain_text(link.children).strip()
    match scheme.lower():
        case "tel":
            same = _digits(text) == _digits(rest)
            address = rest
        case "mailto":
            address = rest.split("?")[0]
            same = text.lower() == address.lower()
        case _:
            address = link.url
            same = _bare(text) == _bare(address)
    return None if same else address


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _bare(url: str) -> str:
    """An address without scheme, 'www.' or final slash, to compare with link text."""
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    return url.removeprefix("www.").rstrip("/")


def set_directions(document: Document) -> None:
    """Right to left, except paragraphs with only left-to-right words (English tool words
    not yet translated, an address): those would otherwise show '.reviewer yet'."""
    section = document.sections[0]
    paragraphs = [*document.paragraphs, *section.header.paragraphs, *section.footer.paragraphs]
    for paragraph in paragraphs:
        ltr = not has_rtl_letters(paragraph.text) and has_ltr_letters(paragraph.text)
        set_ppr(paragraph._p.get_or_add_pPr(), "bidi", **({"val": "0"} if ltr else {}))


def has_ltr_letters(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) == "L" for ch in text)


def has_rtl_letters(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)
