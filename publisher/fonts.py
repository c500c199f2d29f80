"""Font files for the print formats: which typeface shows which script, and what it can show.

Fonts come from pip-installed packages (the fontpkg family packages), never from
the system, so every machine builds the same file. Variable fonts are cut into
static regular and bold instances once and kept in the cache folder.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import fontpkg
from fontTools import version as fonttools_version
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

from .errors import BuildError, Problem
from .files import atomic_path

REGULAR, BOLD = 400, 700

# ISO 15924 script -> font family (a fontpkg package name). The one table to extend when a
# language in a new script is published; a script missing here is a clear error.
SCRIPT_FAMILIES: dict[str, str] = {
    "Latn": "Noto Sans",
    "Grek": "Noto Sans",
    "Cyrl": "Noto Sans",
}


@dataclass(frozen=True, slots=True)
class Typeface:
    """A family's static regular and bold files."""

    family: str
    regular: Path
    bold: Path

    @property
    def name(self) -> str:
        """A name without spaces, to register the faces under (e.g. 'NotoSans')."""
        return self.family.replace(" ", "")


@dataclass(frozen=True, slots=True)
class Printed:
    """A piece of text an output will show, and the source line it comes from (if known)."""

    text: str
    line: int | None = None


def script_of(language: str) -> str:
    """The ISO 15924 script of a BCP 47 tag: its own script subtag, else the usual one."""
    from babel.core import get_global  # Babel's CLDR data: 'pa' -> 'pa_Guru_IN'

    parts = language.replace("_", "-").split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return part.title()
    base = parts[0].lower()
    regions = [p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()]
    likely = get_global("likely_subtags")
    for key in [f"{base}_{region}" for region in regions] + [base]:
        if key in likely:
            return likely[key].split("_")[1]
    return "Latn"


def family_for(language: str) -> str:
    script = script_of(language)
    if script not in SCRIPT_FAMILIES:
        raise BuildError(
            f"no font is set up yet for the script '{script}' of language '{language}' "
            "(add it to SCRIPT_FAMILIES in publisher/fonts.py)"
        )
    return SCRIPT_FAMILIES[script]


def typeface_for(language: str, cache_dir: Path) -> Typeface:
    """The regular and bold files of the typeface that shows `language`."""
    family = family_for(language)
    return Typeface(
        family, font_file(family, REGULAR, cache_dir), font_file(family, BOLD, cache_dir)
    )


def font_file(family: str, weight: int, cache_dir: Path) -> Path:
    """A static upright font file of `family` at `weight`, cut from a variable font if need be."""
    try:
        chosen = fontpkg.select_file(fontpkg.family(family), weight, "normal")
    except fontpkg.FamilyNotInstalled:
        package = "fontpkg-" + fontpkg.slugify(family)
        raise BuildError(f"the font '{family}' is not installed: pip install {package}") from None
    except fontpkg.FontpkgError as err:
        raise BuildError(f"the font '{family}' has no usable weight {weight}: {err}") from None
    if not chosen.variable:
        return chosen.path
    return static_instance(chosen.path, weight, cache_dir / "fonts")


def static_instance(variable: Path, weight: int, folder: Path) -> Path:
    """A static instance of a variable font (other axes at their defaults), made once."""
    data = variable.read_bytes()
    key = hashlib.sha256(data + f"{weight}:{fonttools_version}".encode()).hexdigest()[:16]
    stem = variable.name.split("[")[0].removesuffix(".ttf")
    target = folder / f"{stem}-{weight}-{key}.ttf"
    if target.is_file():
        return target
    font = TTFont(variable)
    location = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes} | {"wght": weight}
    static = instancer.instantiateVariableFont(font, location, updateFontNames="STAT" in font)
    with atomic_path(target) as temporary:  # parallel builds may race: the rename is atomic
        static.save(temporary)
    return target


@dataclass(frozen=True, slots=True)
class Coverage:
    """The characters a set of font files can all show."""

    family: str
    codepoints: frozenset[int]

    @classmethod
    def of(cls, typeface: Typeface) -> Coverage:
        maps = [
            set(TTFont(path, lazy=True).getBestCmap()) for path in (typeface.regular, typeface.bold)
        ]
        return cls(typeface.family, frozenset(set.intersection(*maps)))

    def missing(self, text: str) -> list[str]:
        """Characters of `text` without a glyph, in order of first use; controls are not drawn."""
        found = dict.fromkeys(
            char
            for char in text
            if ord(char) not in self.codepoints and unicodedata.category(char) != "Cc"
        )
        return list(found)

    def check(self, printed: Iterable[Printed], source: Path) -> None:
        """Raise a BuildError naming each character the font cannot show and where it is used."""
        missing = self.first_uses(printed, source)
        if not missing:
            return
        (char, line), *others = missing.items()
        message = self.message(char)
        if others:
            message += "; also missing: " + ", ".join(
                f"'{other}' (U+{ord(other):04X}, line {where or '?'})" for other, where in others
            )
        raise BuildError([Problem(source, line, message)])

    def first_uses(self, printed: Iterable[Printed], source: Path) -> dict[str, int | None]:
        """Each character without a glyph, and the source line where it is first used."""
        found: dict[str, int | None] = {}
        for piece in printed:
            for char in self.missing(piece.text):
                if char not in found:
                    found[char] = piece.line if piece.line is not None else line_of(char, source)
        return found

    def message(self, char: str) -> str:
        name = unicodedata.name(char, "unnamed character")
        return (
            f"the font {self.family} has no glyph for '{char}' (U+{ord(char):04X} {name}): "
            "it would print as an empty box; remove it or write it in words"
        )


def line_of(char: str, source: Path) -> int | None:
    """The first line of the source file that holds `char` (for text with no line of its own)."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((number for number, line in enumerate(lines, 1) if char in line), None)
