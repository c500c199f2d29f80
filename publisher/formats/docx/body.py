"""The body of a .docx: one method per block and inline node of the model.

Paragraphs take built-in styles (Normal, List Bullet, List Number, Caption) or the
Note style; runs are bold for strong and emphasis alike, never italic; links are
real w:hyperlink elements.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from ...errors import BuildError, Problem
from ...model import (
    Block,
    Emphasis,
    Image,
    Inline,
    Link,
    ListBlock,
    Note,
    Paragraph,
    Span,
    Strong,
    Term,
    Text,
    plain_text,
)
from .bidi import embed_units, embed_whole, has_rtl_letters, phone_text
from .images import Pictures
from .links import display_address, link_target, shown_address
from .ooxml import hyperlink, set_borders, set_ppr, set_rpr
from .styles import (
    CONTINUE_STYLES,
    HYPERLINK_STYLE,
    LIST_STYLES,
    NOTE_STYLE,
    ListNumbering,
    Look,
    StyleIds,
    note_border,
)


class Words(Protocol):
    """context.words, checked for text XML cannot hold (see docx._Words)."""

    def __call__(self, message: str, **values: object) -> str: ...

    def pieces(self, message: str, *slots: str) -> list[tuple[str, str]]: ...


@dataclass(frozen=True, slots=True)
class Place:
    """Where a block stands: in a note box, and in a list item of some depth."""

    note: bool = False
    list_level: int | None = None


NewRun = Callable[[], Run]


def in_language(new_run: NewRun, lang: str) -> NewRun:
    """New runs marked with their language (w:lang), for words in another language."""

    def marked() -> Run:
        run = new_run()
        set_rpr(run._r.get_or_add_rPr(), "lang", val=lang, bidi=lang, eastAsia=lang)
        return run

    return marked


class BodyWriter:
    """Adds blocks and inline runs to a document, one method per node type."""

    def __init__(
        self,
        document: Document,
        look: Look,
        words: Words,
        numbering: ListNumbering,
        pictures: Pictures,
        source: Path,
    ) -> None:
        self.document = document
        self.look = look
        self.words = words
        self.numbering = numbering
        self.pictures = pictures
        self.source = source
        self.styles = StyleIds.of(document)  # after apply_styles, which adds the Note style

    # --- structure -----------------------------------------------------------

    def heading(self, inlines: tuple[Inline, ...], level: int) -> None:
        paragraph = self.new_paragraph(f"Heading {level}", Place())
        self.inlines(paragraph, inlines)

    def blocks(self, blocks: tuple[Block, ...], place: Place) -> None:
        for block in blocks:
            self.block(block, place)

    def block(self, block: Block, place: Place) -> None:
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

    def paragraph(self, block: Paragraph, place: Place) -> DocxParagraph:
        paragraph = self.new_paragraph(self.body_style(place), place)
        self.inlines(paragraph, block.inlines)
        return paragraph

    def body_style(self, place: Place) -> str:
        if place.list_level is not None:
            return CONTINUE_STYLES[place.list_level]
        return NOTE_STYLE if place.note else "Normal"

    def image(self, block: Image, place: Place, style: str | None = None) -> DocxParagraph:
        """The picture on a line of its own at text width, its caption (if any) below."""
        paragraph = self.new_paragraph(style or self.body_style(place), place)
        self.pictures.add(paragraph.add_run(), block)
        if block.caption:
            paragraph.paragraph_format.keep_with_next = True
            caption = self.new_paragraph("Caption", place)
            self.text_run(caption.add_run, block.caption)
        return paragraph

    def list_block(self, block: ListBlock, place: Place) -> None:
        """A real Word list: each paragraph linked to numbering, restarting at the list's start."""
        level = 0 if place.list_level is None else place.list_level + 1
        if level >= len(CONTINUE_STYLES):
            raise BuildError(
                [Problem(self.source, block.line, "lists may be nested one level deep at most")]
            )
        num_id = self.numbering.new_list(block.ordered, block.start, level)
        style = LIST_STYLES[(block.ordered, level)]
        inner = Place(place.note, level)
        for item in item_blocks(block):
            first, rest = item[0], item[1:]
            paragraph = self.list_item_start(first, style, inner)
            self.number(paragraph, num_id, level)
            self.blocks(rest, inner)

    def list_item_start(self, first: Block, style: str, place: Place) -> DocxParagraph:
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

    def note(self, block: Note, place: Place) -> None:
        if place.note:
            raise BuildError(
                [Problem(self.source, block.line, "a note box cannot stand inside another")]
            )
        self.blocks(block.blocks, Place(note=True, list_level=place.list_level))

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
                case Span(children, lang):
                    self.runs(paragraph, in_language(new_run, lang), children, bold, in_link)
                case _:
                    raise self.cannot_show(run)

    def link(self, paragraph: DocxParagraph, link: Link, bold: bool) -> None:
        """A real w:hyperlink; print readers also get the address when the text is not it."""
        r_id = paragraph.part.relate_to(link_target(link), RT.HYPERLINK, is_external=True)
        element = hyperlink(r_id)
        paragraph._p.append(element)

        def new_run() -> Run:
            return Run(element.add_r(), paragraph)

        if not plain_text(link.children).strip():  # a link needs words: its address, then
            link = Link((Text(display_address(link.url)),), link.url)
        self.runs(paragraph, new_run, self.isolated(link), bold, in_link=True)
        for r in element.findall(qn("w:r")):
            r.style = self.styles.ids[HYPERLINK_STYLE]
        address = shown_address(link)
        if address:
            self.text_run(paragraph.add_run, f" ({self.ltr(address)})", bold)

    def isolated(self, link: Link) -> tuple[Inline, ...]:
        """A phone number stays on one line; a number or address stays left to right."""
        runs = link.children
        if len(runs) == 1 and isinstance(runs[0], Text):
            text = runs[0].text
            if link.url.lower().startswith("tel:"):
                return (Text(phone_text(text, self.look.rtl)),)
            return (Text(self.ltr(text)),)
        return runs

    def ltr(self, text: str) -> str:
        return embed_whole(text) if self.look.rtl else text

    def text_run(self, new_run: NewRun, text: str, bold: bool = False) -> Run:
        run = new_run()
        run.text = embed_units(text) if self.look.rtl else text
        if bold:  # bCs: bold for Arabic, Hebrew and other complex scripts too
            set_rpr(run._r.get_or_add_rPr(), "b")
            set_rpr(run._r.get_or_add_rPr(), "bCs")
        if has_rtl_letters(text):
            set_rpr(run._r.get_or_add_rPr(), "rtl")
        return run

    # --- paragraphs ----------------------------------------------------------

    def new_paragraph(self, style: str, place: Place) -> DocxParagraph:
        paragraph = self.document.add_paragraph()
        paragraph._p.style = self.styles.paragraph(style)
        ppr = paragraph._p.get_or_add_pPr()
        if place.note and style != NOTE_STYLE:  # same border as the Note style: one box
            set_borders(ppr, *note_border(self.look))
        if place.note and place.list_level is None and self.look.rtl:
            # Line up with right-to-left list items (see Look.list_indent): Word and
            # LibreOffice draw one box only round paragraphs whose edges line up.
            set_ppr(ppr, "ind", left=str(self.look.hanging))
        return paragraph


def item_blocks(block: ListBlock) -> list[tuple[Block, ...]]:
    """Each item's blocks; an item that starts with a nested list gets an empty first line."""
    items = []
    for item in block.items:
        blocks = item.blocks
        if not blocks or isinstance(blocks[0], ListBlock | Note):
            blocks = (Paragraph((), item.line), *blocks)
        items.append(blocks)
    return items
