"""One writer per output format, chosen by name from a table (as Pandoc's writer list).

Each writer module has `write(leaflet, path, context)`. Adding a format is one
new module and one line in FORMATS.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType

from ..config import Config
from ..i18n.words import Words
from ..model import Leaflet


@dataclass(frozen=True, slots=True)
class WriteContext:
    """Everything a writer needs besides the leaflet itself."""

    config: Config
    today: date
    words: Words = field(default_factory=Words)
    draft: bool = False
    # format name -> file name of the other outputs built for this leaflet and language
    siblings: dict[str, str] = field(default_factory=dict)


Writer = Callable[[Leaflet, Path, WriteContext], None]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    module: str
    filename: str  # with {slug}
    links_siblings: bool = False  # refers to the other outputs, so it is written after them
    later: bool = False  # written after the formats that read siblings too (the page links them)
    typefaces: bool = False  # always prints with text/fonts.py's typefaces (cut before the jobs)
    slow: bool = False  # the longest jobs: started first, so no core idles at the end
    part_of: str = ""  # another file of that format, made by its package (braille: the PEF)
    # a light module whose unavailable() says what this machine lacks (a system library)
    probe: str = ""

    def output_name(self, slug: str) -> str:
        return self.filename.format(slug=slug)

    @property
    def round(self) -> int:
        """When it is written: 0 first, 1 after those (it reads them), 2 after everything."""
        return 2 if self.later else int(self.links_siblings)

    def available(self) -> bool:
        """Whether this format is built, found without importing it (and its libraries)."""
        return importlib.util.find_spec(self.module) is not None

    def load(self) -> Writer | None:
        """The writer, or None when this format has not been built yet."""
        module = _import(self.module)
        return None if module is None else module.write

    def missing(self) -> str | None:
        """Why this format cannot be built here (not built yet, or a system library
        missing, with its install line), or None when it can; the writer is not imported."""
        if not self.available():
            return f"the {self.name} format is not available yet"
        return importlib.import_module(self.probe).unavailable() if self.probe else None


def _import(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name == name:
            return None
        raise


LOUIS = "publisher.formats.braille.liblouis"  # braille needs the system's liblouis
FORMATS = {
    "pdf": Format("pdf", "publisher.formats.pdf", "{slug}-large-print.pdf", typefaces=True),
    "docx": Format("docx", "publisher.formats.docx", "{slug}.docx"),
    "audio": Format("audio", "publisher.formats.audio", "{slug}.mp3", slow=True),
    "easy-audio": Format(
        "easy-audio", "publisher.formats.audio.easy", "{slug}-easy-read.mp3", slow=True
    ),
    # last: the page links every other format, the talking book and braille included
    "html": Format(
        "html", "publisher.formats.html", "{slug}-easy-read.html", links_siblings=True, later=True
    ),
    # after the PDF: its page list is read from the PDF's bookmarks
    "epub": Format("epub", "publisher.formats.epub", "{slug}.epub", links_siblings=True),
    # braille reads the large-print PDF's pages for its print page numbers: written after it
    "braille": Format(
        "braille", "publisher.formats.braille", "{slug}.brf", links_siblings=True, probe=LOUIS
    ),
    "pef": Format(
        "pef", "publisher.formats.braille.pef", "{slug}.pef", True, part_of="braille", probe=LOUIS
    ),
}
