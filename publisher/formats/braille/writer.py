"""Leaflet -> braille pages in the language's code, written as a BRF (North American Braille
ASCII, for embossers and notetakers); pef.py writes the same pages as PEF.

Needs liblouis from the system (Debian: liblouis20 and liblouis-data); without it the
format is reported as not available, never faked.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ...checks.braille import no_table, setting_line
from ...errors import BuildError, Problem
from ...model import Leaflet
from ...text.scripts import script_of
from .. import WriteContext
from .cells import to_ascii
from .layout import Layout
from .liblouis import INSTALL, Louis, open_liblouis, unavailable
from .pages import paginate
from .print_pages import print_pages
from .text import Translator

# The tool's words braille shows (the draft and overdue notices, "Picture: {alt}", "Phone:
# {phone}", "Email: {email}", "Glossary", "References", "Reviewed: {date}", "Next review:
# {date}") are all shared with the print formats, whose WORDS declare them for translators.
# Declaring them here too would move them up publisher.pot (braille is read before docx),
# and a new order of the same words voids every language's sign-off of the tool's words.


@dataclass(frozen=True, slots=True)
class Braille:
    """A leaflet's braille pages: `lines` rows of at most `cells` six-dot cells each."""

    pages: tuple[tuple[str, ...], ...]
    cells: int
    lines: int
    table: str


def write(leaflet: Leaflet, path: Path, context: WriteContext) -> None:
    path.write_bytes(brf(braille_pages(leaflet, context, path.parent)))


def brf(braille: Braille) -> bytes:
    """Braille ASCII lines ending CR LF, each page ending with a form feed, as embossers expect."""
    pages = ("".join(to_ascii(line) + "\r\n" for line in page) + "\f" for page in braille.pages)
    return "".join(pages).encode("ascii")


def braille_pages(leaflet: Leaflet, context: WriteContext, folder: Path) -> Braille:
    """Lay the leaflet out in its language's braille code and cut it into pages."""
    # 1. The library and the tables: a language without one stops here, before any file.
    louis = open_liblouis()
    if louis is None:
        raise BuildError(unavailable() or "liblouis is not installed")
    tables = Tables(louis, leaflet, context)
    tables("en")  # English's table first: the words another table cannot write are in UEB
    braille = tables(leaflet.language)
    assert braille is not None  # refused with a message if it has no table
    braille = dataclasses.replace(braille, script=script_of(leaflet.language))
    # 2. Blocks of lines to braille formats, each with the print page it comes from when
    #    the large-print PDF of this language was built (it is written before braille).
    config = context.config
    blocks = Layout(leaflet, context, braille, config.braille_cells).blocks()
    pdf = folder / context.siblings["pdf"] if "pdf" in context.siblings else None
    prints = print_pages(pdf, blocks) if pdf and pdf.is_file() else None
    # 3. Pages, with braille page numbers (and print page numbers when known).
    pages = paginate(
        blocks, config.braille_lines, config.braille_cells, lambda n: braille.cells(str(n)), prints
    )
    return Braille(
        tuple(map(tuple, pages)), config.braille_cells, config.braille_lines, braille.table
    )


@dataclass(frozen=True)
class Tables:
    """Each language's translator, made once: the leaflet's, English (for the words its
    table cannot write) and each language a span marks; None for a span's language that has
    no table (its words stay in the leaflet's code)."""

    louis: Louis
    leaflet: Leaflet
    context: WriteContext
    made: dict[str, Translator | None] = dataclasses.field(default_factory=dict)

    def __call__(self, language: str) -> Translator | None:
        key = language.lower()
        if key not in self.made:
            needed = key in ("en", self.leaflet.language.lower())
            if needed or self.context.config.braille_table(language):
                made = translator(self.louis, self.leaflet, language, self.context)
                self.made[key] = dataclasses.replace(made, switch=self)
            else:
                self.made[key] = None
        return self.made[key]


def translator(louis: Louis, leaflet: Leaflet, language: str, context: WriteContext) -> Translator:
    """The language's table from publisher.toml (or the defaults), checked to be in liblouis."""
    table = context.config.braille_table(language)
    if table is None:
        raise BuildError([no_table(language, context.config)])
    if not louis.has_table(table):
        settings = context.config.root / "publisher.toml"
        message = (
            f"liblouis has no braille table '{table}' (set for {language} in [braille.tables]); "
            f"check the name against liblouis's tables, or install them: {INSTALL}"
        )
        raise BuildError([Problem(settings, setting_line(settings, language), message)])
    return Translator(louis, table, leaflet.source)
