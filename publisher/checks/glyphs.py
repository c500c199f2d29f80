"""Every character a leaflet prints must be in the typeface that prints its language.

The large-print PDF refuses a character its typeface cannot draw (an empty box would
be printed); this says so in `check`, before any format is written. An emoji is refused
the same way: no typeface the publisher embeds has emoji.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
import unicodedata
from pathlib import Path

from ..config import Config
from ..errors import Problem, PublisherError
from ..files import atomic_path, user_cache
from ..model import Leaflet
from ..text import font_sources
from ..text.characters import shown
from ..text.fonts import (
    BOLD,
    LATIN,
    REGULAR,
    Coverage,
    Printed,
    character_map,
    font_folders,
    script_of,
)


def glyph_problems(leaflet: Leaflet, printed: list[Printed], config: Config) -> list[Problem]:
    """One problem per character the typeface lacks, at the line it is first used."""
    try:
        folders = font_folders(config.root)
        coverage = coverage_for(
            leaflet.language, folders, user_cache(config.cache_dir) / "coverage"
        )
    except PublisherError as err:  # no typeface for the script: the PDF could not be made
        return [Problem(leaflet.source, None, p.message) for p in err.problems]
    by_line: dict[int | None, list[str]] = {}
    for char, line in coverage.first_uses(printed, leaflet.source).items():
        by_line.setdefault(line, []).append(char)
    return [
        Problem(leaflet.source, line, message(coverage, chars)) for line, chars in by_line.items()
    ]


def message(coverage: Coverage, chars: list[str]) -> str:
    """The first character in full, the others on the same line by their codes."""
    name = unicodedata.name(chars[0], "unnamed character")
    text = (
        f"the font {coverage.family} has no glyph for '{shown(chars[0])}' (U+{ord(chars[0]):04X} "
        f"{name}): it would print as an empty box; remove it or write it in words"
    )
    if chars[1:]:
        text += "; also missing: " + ", ".join(f"U+{ord(c):04X}" for c in chars[1:11])
    return text + (", …" if len(chars) > 11 else "")


@functools.cache  # once per process: every leaflet of a language asks again
def coverage_for(language: str, folders: tuple[Path, ...], cache: Path | None = None) -> Coverage:
    """What the PDF's typeface for `language` (regular and bold) and its Latin fallback show.

    Read from the installed files: a static instance of a variable font (text.fonts) has
    the same character map, and cutting one takes seconds that a check need not spend.
    With `cache` (a folder), kept there while those files and the installed packages stay
    as they were: finding and reading the files costs a short build more than its work.
    """
    family = font_sources.family_for(language, script_of(language))
    families = [family] if family == LATIN else [family, LATIN]
    entry = cache / _coverage_key(families, folders) if cache else None
    stored = _stored(entry) if entry else None
    if stored is not None:
        return stored
    codepoints: set[int] = set()
    files = []
    for name in families:
        found = [font_sources.font_file(name, weight, folders) for weight in (REGULAR, BOLD)]
        codepoints |= set.intersection(*(cmap(path) for path in found))
        files += found
    shown = family if family == LATIN else f"{family} (or {LATIN})"
    coverage = Coverage(shown, frozenset(codepoints))
    if entry:
        _store(entry, coverage, files)
    return coverage


def _coverage_key(families: list[str], folders: tuple[Path, ...]) -> str:
    """The typefaces, this code, and the state of every folder a font file is found in: a
    package installed, upgraded or removed changes its folder on sys.path. (sys.path[0]
    is the script's folder or the working folder, which holds no installed package and
    changes whenever a build writes out/.) A folder that is not there holds no font: two
    projects without fonts/ of their own share one entry."""
    code = b"".join(Path(module).read_bytes() for module in (__file__, font_sources.__file__))
    places = [*sys.path[1:], *map(str, folders)]
    stamped = ((place, _mtime(Path(place))) for place in places if place)
    stamps = [f"{place}:{mtime}" for place, mtime in stamped if mtime is not None]
    text = "\0".join([*families, *stamps])
    return hashlib.sha256(code + text.encode()).hexdigest()


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _file_stamp(path: Path) -> list:
    found = path.stat()
    return [str(path), found.st_size, found.st_mtime_ns]


def _stored(entry: Path) -> Coverage | None:
    """The coverage kept in `entry`, if every font file it was read from is unchanged."""
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        if any(_file_stamp(Path(stamp[0])) != stamp for stamp in data["files"]):
            return None
        return Coverage(data["family"], frozenset(map(int, data["codepoints"])))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None  # missing, damaged or from a font that changed: read the fonts again


def _store(entry: Path, coverage: Coverage, files: list[Path]) -> None:
    data = {
        "family": coverage.family,
        "files": [_file_stamp(path) for path in dict.fromkeys(files)],
        "codepoints": sorted(coverage.codepoints),
    }
    try:
        with atomic_path(entry, durable=False) as temporary:
            temporary.write_text(json.dumps(data), encoding="utf-8")
    except OSError:
        pass  # a cache that cannot be written only makes the next check slower


def cmap(path: Path) -> set[int]:
    try:  # read once per process (text.fonts.character_map): every leaflet asks again
        return set(character_map(path))
    except Exception as err:  # fontTools raises many kinds for a file that is not a font
        raise PublisherError(f"the font file {path} cannot be read ({err})") from None
