"""One writer per output format, chosen by name from a table (as Pandoc's writer list).

Each writer module has `write(leaflet, path, context)`. Adding a format is one
new module and one line in FORMATS.
"""

from __future__ import annotations

import importlib
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

    def output_name(self, slug: str) -> str:
        return self.filename.format(slug=slug)

    def load(self) -> Writer | None:
        """The writer, or None when this format has not been built yet."""
        module = _import(self.module)
        return None if module is None else module.write


def _import(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name == name:
            return None
        raise


FORMATS = {
    "pdf": Format("pdf", "publisher.formats.pdf", "{slug}-large-print.pdf"),
    "docx": Format("docx", "publisher.formats.docx", "{slug}.docx"),
    "audio": Format("audio", "publisher.formats.audio", "{slug}.mp3"),
    "html": Format("html", "publisher.formats.html", "{slug}-easy-read.html", links_siblings=True),
    # after the PDF: its page list is read from the PDF's bookmarks
    "epub": Format("epub", "publisher.formats.epub", "{slug}.epub", links_siblings=True),
}
