"""The leaflet as braille lines, one method per node type, to BANA's Braille Formats (2016).

Title and section headings centred, subsection headings in cell 5, paragraphs in cell 3
with runovers in cell 1, list items 1-3 (nested 3-5), notes and the helpline between box
lines, pictures described in transcriber's notes (7-5). Lines break only between braille
words; a braille word longer than a line (a long web address) is divided with UEB's line
continuation indicator. Each block knows the print text it comes from, so pages.py can
find its print page.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ... import model as m
from ...checks import is_overdue
from ...i18n.dates import format_date
from ...i18n.words import DRAFT_NOTICE, OVERDUE_NOTICE
from .. import WriteContext
from .cells import BLANK, dots
from .switching import CLOSE, language_name, opening
from .text import Translator

CONTINUATION = dots("5")  # UEB line continuation indicator
TOP_BOX, BOTTOM_BOX = dots("2356"), dots("1245")  # BANA box lines
NOTE_OPEN, NOTE_CLOSE = dots("4", "46", "126"), dots("4", "46", "345")  # UEB transcriber's note
CENTRE_MARGIN = 3  # blank cells at least on each side of a centred line
BULLET = "\u2022"


@dataclass(frozen=True, slots=True)
class Block:
    """Lines that follow one another; a heading keeps with the line after it."""

    lines: tuple[str, ...]
    blank_before: bool = False
    keep_with_next: bool = False
    source: str = ""  # the print text it transcribes, to find its print page; "" for none
    heading: bool = False  # a heading of the print edition, which has a bookmark there


@dataclass
class Layout:
    """Builds the blocks of one leaflet in its braille code."""

    leaflet: m.Leaflet
    context: WriteContext
    braille: Translator
    width: int

    def words(self, message: str, **values: object) -> str:
        return self.context.words(message, **values)

    def blocks(self) -> list[Block]:
        leaflet = self.leaflet
        blocks = [*self.title_page(), *self.content(leaflet.intro)]
        for section in leaflet.sections:
            blocks += self.section(section)
        blocks += self.glossary(leaflet.glossary_used())
        blocks += self.references(leaflet.references)
        blocks += self.review_dates()
        if self.braille.switched:  # before the first words in another code, as UEB 14.2.5 asks
            blocks.insert(1, self.switch_note())
        return blocks

    def switch_note(self) -> Block:
        """A transcriber's note in cell 7: each language's opening and closing signs, then
        the language's name in the leaflet's language."""
        signs = []
        for code in list(self.braille.switched):  # naming them may not add more
            name = self.braille.cells(language_name(code, self.leaflet.language))
            signs.append(BLANK.join((opening(code), CLOSE, name)))
        note = BLANK.join(signs)
        if self.braille.table.startswith("en-ueb"):
            note = NOTE_OPEN + note + NOTE_CLOSE
        return self.para(note, 6, 4)

    # --- lines ---------------------------------------------------------------

    def para(
        self,
        cells: str,
        first: int,
        runover: int,
        blank: bool = False,
        keep: bool = False,
        source: str = "",
    ) -> Block:
        """Cells wrapped between braille words; `first` and `runover` are indents in cells."""
        return Block(tuple(wrap(cells, self.width, first, runover)), blank, keep, source)

    def centred(
        self, text: str, blank: bool = True, cells: str = "", heading: bool = True
    ) -> Block:
        inner = self.width - 2 * CENTRE_MARGIN
        cells = cells or self.braille.cells(text)
        lines = [centre(line, self.width) for line in wrap(cells, inner, 0, 0)]
        return Block(tuple(lines), blank, keep_with_next=True, source=text, heading=heading)

    def text(self, value: str, first: int = 0, runover: int = 2, blank: bool = False) -> Block:
        return self.para(self.braille.cells(value), first, runover, blank, source=value)

    def notice(self, value: str, translator: Translator) -> Block:
        """Words of the tool, not of the print page: found on no print page."""
        return self.para(translator.cells(value), 0, 2)

    def box(self, inner: list[Block]) -> list[Block]:
        top = Block((TOP_BOX * self.width,), blank_before=True, keep_with_next=True)
        return [top, *inner, Block((BOTTOM_BOX * self.width,))]

    # --- title page and end matter -------------------------------------------

    def title_page(self) -> list[Block]:
        leaflet = self.leaflet
        blocks = [self.centred(leaflet.title, blank=False)]
        if leaflet.summary:  # the print edition's order: title, summary, organisation
            blocks.append(self.text(leaflet.summary, 2, 0, blank=True))
        blocks.append(self.centred(self.context.config.organisation, heading=False))
        return blocks + self.helpline(leaflet.helpline) + self.warnings()  # as in large print

    def warnings(self) -> list[Block]:
        """Boxes saying plainly that a leaflet is overdue for review or an unreviewed draft."""
        blocks: list[Block] = []
        if is_overdue(self.leaflet, self.context.today):
            date = format_date(self.leaflet.next_review, self.leaflet.language)
            blocks += self.box([self.notice(self.words(OVERDUE_NOTICE, date=date), self.braille)])
        if self.context.draft:
            notice = [self.notice(self.words(DRAFT_NOTICE), self.braille)]
            if self.words(DRAFT_NOTICE) != DRAFT_NOTICE:  # and in English, marked as English
                notice.append(self.para(self.braille.cells_in(DRAFT_NOTICE, "en"), 0, 2))
            blocks += self.box(notice)
        return blocks

    def helpline(self, helpline: m.Helpline | None) -> list[Block]:
        if helpline is None:
            return []
        lines = [
            self.text(helpline.label),
            self.text(self.words("Phone: {phone}", phone=helpline.phone)),
        ]
        if helpline.hours:
            lines.append(self.text(helpline.hours))
        if helpline.email:
            lines.append(self.text(self.words("Email: {email}", email=helpline.email)))
        return self.box(lines)

    def glossary(self, entries: tuple[m.GlossaryEntry, ...]) -> list[Block]:
        """Each term in cell 1, its definition below it in cell 3."""
        if not entries:
            return []
        blocks = [self.centred(self.words("Glossary"))]
        for entry in entries:
            term = self.text(entry.term, 0, 2)
            term = dataclasses.replace(term, keep_with_next=True)
            blocks += [term, self.text(entry.definition, 2, 2)]
        return blocks

    def references(self, references: tuple[str, ...]) -> list[Block]:
        if not references:
            return []
        heading = self.centred(self.words("References"))
        return [heading, *(self.text(reference, 0, 2) for reference in references)]

    def review_dates(self) -> list[Block]:
        language = self.leaflet.language
        reviewed = format_date(self.leaflet.reviewed, language)
        due = format_date(self.leaflet.next_review, language)
        return [
            self.text(self.words("Reviewed: {date}", date=reviewed), blank=True),
            self.text(self.words("Next review: {date}", date=due)),
            *self.warnings(),
        ]

    # --- sections and blocks -------------------------------------------------

    def section(self, section: m.Section) -> list[Block]:
        heading = self.braille.inlines(section.heading, section.line)
        if section.level == 2:
            blocks = [self.centred(section.title, cells=heading)]
        else:  # a cell-5 heading, runovers in cell 5
            block = self.para(heading, 4, 4, blank=True, keep=True, source=section.title)
            blocks = [dataclasses.replace(block, heading=True)]
        blocks += self.content(section.blocks)
        for subsection in section.subsections:
            blocks += self.section(subsection)
        return blocks

    def content(self, blocks: tuple[m.Block, ...], first: int = 2, runover: int = 0) -> list[Block]:
        return [out for block in blocks for out in self.block(block, first, runover)]

    def block(self, block: m.Block, first: int, runover: int) -> list[Block]:
        match block:
            case m.Paragraph():
                cells = self.braille.inlines(block.inlines, block.line)
                source = m.plain_text(block.inlines)
                return [self.para(cells, first, runover, source=source)] if cells else []
            case m.Image():
                return self.picture(block)
            case m.ListBlock():
                return self.list_block(block, depth=0 if runover == 0 else 1)
            case m.Note():
                return self.box(self.content(block.blocks))
        raise AssertionError(f"no braille layout for {block!r}")  # the model has no other blocks

    def picture(self, image: m.Image) -> list[Block]:
        """A described picture as a transcriber's note in cell 7, runovers in cell 5."""
        if image.decorative:
            return []
        note = self.braille.cells(self.words("Picture: {alt}", alt=image.alt), image.line)
        if self.braille.table.startswith("en-ueb"):
            note = NOTE_OPEN + note + NOTE_CLOSE
        blocks = [self.para(note, 6, 4)]
        if image.caption:
            cells = self.braille.cells(image.caption, image.line)
            blocks.append(self.para(cells, 6, 4, source=image.caption))
        return blocks

    def list_block(self, block: m.ListBlock, depth: int) -> list[Block]:
        """Items in cell 1 with runovers in cell 3 (a nested list: 3 and 5)."""
        first, runover = 2 * depth, 2 * depth + 2
        blocks: list[Block] = []
        for number, item in enumerate(block.items, start=block.start):
            marker = f"{number}. " if block.ordered else self.bullet()
            for index, inner in enumerate(item.blocks):
                if index == 0 and isinstance(inner, m.Paragraph):
                    runs = (m.Text(marker), *inner.inlines)
                    cells = self.braille.inlines(runs, inner.line)
                    source = m.plain_text(inner.inlines)
                    blocks.append(self.para(cells, first, runover, source=source))
                elif isinstance(inner, m.ListBlock):
                    blocks += self.list_block(inner, depth + 1)
                else:
                    blocks += self.block(inner, runover, runover)
        return blocks

    def bullet(self) -> str:
        """The print bullet where the code has a sign for it (UEB has); else the 1-3 layout alone."""
        return BULLET + " " if self.braille.louis.defines(self.braille.table, BULLET) else ""


def wrap(cells: str, width: int, first: int, runover: int) -> list[str]:
    """Lines of at most `width` cells, broken only at blank cells."""
    lines: list[str] = []
    line, empty = BLANK * first, True
    for word in (w for w in cells.split(BLANK) if w):
        if len(line) + (0 if empty else 1) + len(word) <= width:
            line, empty = (line + word, False) if empty else (line + BLANK + word, False)
            continue
        if not empty:
            lines.append(line)
            line, empty = BLANK * runover, True
        while len(line) + len(word) > width:  # longer than a whole line: divided, as UEB allows
            cut = width - len(line) - len(CONTINUATION)
            lines.append(line + word[:cut] + CONTINUATION)
            line, word = BLANK * runover, word[cut:]
        line, empty = line + word, False
    if not empty:
        lines.append(line)
    return lines


def centre(line: str, width: int) -> str:
    return BLANK * ((width - len(line)) // 2) + line
