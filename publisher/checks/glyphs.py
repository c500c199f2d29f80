"""Every character a leaflet prints must be in the typeface that prints its language.

The large-print PDF refuses a character its typeface cannot draw (an empty box would
be printed); this says so in `check`, before any format is written. An emoji is refused
the same way: no typeface the publisher embeds has emoji.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

from fontTools.ttLib import TTFont

from ..config import Config
from ..errors import Problem, PublisherError
from ..model import Leaflet
from ..text import font_sources
from ..text.characters import shown
from ..text.fonts import BOLD, LATIN, REGULAR, Coverage, Printed, font_folders, script_of


def glyph_problems(leaflet: Leaflet, printed: list[Printed], config: Config) -> list[Problem]:
    """One problem per character the typeface lacks, at the line it is first used."""
    try:
        coverage = coverage_for(leaflet.language, font_folders(config.root))
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


def coverage_for(language: str, folders: Sequence[Path]) -> Coverage:
    """What the PDF's typeface for `language` (regular and bold) and its Latin fallback show.

    Read from the installed files: a static instance of a variable font (text.fonts) has
    the same character map, and cutting one takes seconds that a check need not spend.
    """
    family = font_sources.family_for(language, script_of(language))
    families = [family] if family == LATIN else [family, LATIN]
    codepoints: set[int] = set()
    for name in families:
        maps = [cmap(font_sources.font_file(name, weight, folders)) for weight in (REGULAR, BOLD)]
        codepoints |= set.intersection(*maps)
    shown = family if family == LATIN else f"{family} (or {LATIN})"
    return Coverage(shown, frozenset(codepoints))


def cmap(path: Path) -> set[int]:
    try:
        return set(TTFont(path, lazy=True).getBestCmap())
    except Exception as err:  # fontTools raises many kinds for a file that is not a font
        raise PublisherError(f"the font file {path} cannot be read ({err})") from None
