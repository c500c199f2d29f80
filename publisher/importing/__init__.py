"""Importing: a Word document becomes a leaflet in the content format, with its pictures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, UsageError
from ..files import atomic_path, write_text_atomic
from .markdown import to_leaflet
from .word import read_word

MAX_SLUG = 80


@dataclass(frozen=True, slots=True)
class ImportReport:
    leaflet: Path
    pictures: tuple[Path, ...]
    warnings: tuple[Problem, ...]


def import_word(source: Path, out_dir: Path, force: bool = False) -> ImportReport:
    """Write `out_dir/<slug>.md` and its pictures from a .docx file; never overwrite silently."""
    slug = slug_for(source)
    target = out_dir / f"{slug}.md"
    if target.exists() and not force:
        raise UsageError(f"{target} already exists: use --force to replace it")
    document = read_word(source)
    imported = to_leaflet(document, slug)
    pictures = []
    for name, data in imported.pictures:
        path = out_dir / name
        with atomic_path(path) as temporary:
            temporary.write_bytes(data)
        pictures.append(path)
    write_text_atomic(target, imported.text)
    warnings = [Problem(source, None, note, "warning") for note in document.notes]
    warnings += [Problem(target, line, message, "warning") for line, message in imported.warnings]
    return ImportReport(target, tuple(pictures), tuple(warnings))


def slug_for(source: Path) -> str:
    """A plain lower-case file name from the Word file's name: 'Having a Scan (v2).docx' ->
    'having-a-scan-v2'."""
    slug = re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-")[:MAX_SLUG].strip("-")
    return slug or "leaflet"
