"""Font files for the print formats: which typeface shows which script, and what it can show.

The language -> typeface table and where each file comes from (pip packages, or named
files in the project's `fonts/` folder and Debian's Noto folder) live in font_sources.
Here: variable fonts are cut into static regular and bold instances once per machine and
kept in the user's cache folder (font_cache), a family without Latin letters (Noto Nastaliq Urdu, Noto Sans Gurmukhi)
gets Noto Sans beside it for the Latin inside its text, and every character printed is
checked against the files before anything is drawn.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError, Problem
from ..files import atomic_path, user_cache
from . import font_sources
from .characters import BIDI_CONTROLS
from .font_sources import SCRIPT_FAMILIES, SYSTEM_FOLDERS, check_shaping
from .scripts import script_of

__all__ = ["SCRIPT_FAMILIES", "Coverage", "Printed", "Typeface", "script_of", "typeface_for"]

REGULAR, BOLD = 400, 700
LATIN = "Noto Sans"  # the typeface of Latin letters, and the fallback of every other one
# The least line height of a typeface, in font sizes, where the usual 1.35 is too tight:
# Nastaliq's words slope down from right to left and its letters reach far above and below.
LINE_HEIGHTS: dict[str, float] = {"Noto Nastaliq Urdu": 2.2}


@dataclass(frozen=True, slots=True)
class Typeface:
    """A family's static regular and bold files, and the typeface for letters it lacks."""

    family: str
    regular: Path
    bold: Path
    script: str = "Latn"
    fallback: Typeface | None = None
    line_height: float = 0.0  # the least line height in font sizes; 0: the usual is enough

    @property
    def name(self) -> str:
        """A name without spaces, to register the faces under (e.g. 'NotoSans')."""
        return self.family.replace(" ", "")


@dataclass(frozen=True, slots=True)
class Printed:
    """A piece of text an output will show, and the source line it comes from (if known)."""

    text: str
    line: int | None = None


def family_for(language: str) -> str:
    """The typeface that prints `language` (see font_sources for the table)."""
    return font_sources.family_for(language, script_of(language))


def font_folders(root: Path) -> tuple[Path, ...]:
    """Where fonts no pip package ships are looked for: the project's fonts/, then the system's."""
    return (root / "fonts", *SYSTEM_FOLDERS)


def typeface_for(
    language: str, cache_dir: Path, folders: Sequence[Path] = SYSTEM_FOLDERS
) -> Typeface:
    """The regular and bold files of the typeface that shows `language`, checked for its script.

    Instances are cut into font_cache(cache_dir): `cache_dir` (the project's) only when the
    user's cache folder cannot be written (see files.user_cache)."""
    script = script_of(language)
    family = font_sources.family_for(language, script)
    fallback = None if family == LATIN else typeface(LATIN, "Latn", cache_dir, folders)
    return typeface(family, script, cache_dir, folders, fallback)


def typeface(
    family: str,
    script: str,
    cache_dir: Path,
    folders: Sequence[Path],
    fallback: Typeface | None = None,
) -> Typeface:
    faces = [font_file(family, weight, cache_dir, folders) for weight in (REGULAR, BOLD)]
    for face in faces:  # a font without the script's shaping rules prints it broken
        check_shaping(face, family, script)
    return Typeface(family, *faces, script, fallback, LINE_HEIGHTS.get(family, 0.0))


def font_file(
    family: str, weight: int, cache_dir: Path, folders: Sequence[Path] = SYSTEM_FOLDERS
) -> Path:
    """A static upright font file of `family` at `weight`, cut from a variable font if need be."""
    from fontTools.ttLib import TTFont  # fontTools: only to print or check (not for --help)

    found = font_sources.font_file(family, weight, folders)
    try:
        variable = "fvar" in TTFont(found, lazy=True)
    except Exception as err:  # fontTools raises many kinds for a file that is not a font
        raise BuildError(f"the font file {found} cannot be read ({err})") from None
    if not variable:
        return found
    return static_instance(found, weight, font_cache(cache_dir))


def font_cache(project_cache: Path) -> Path:
    """Where static instances are kept: the machine's cache, shared by every project."""
    return user_cache(project_cache) / "fonts"


def static_instance(variable: Path, weight: int, folder: Path) -> Path:
    """A static instance of a variable font (other axes at their defaults), made once.

    Its name holds a digest of the font file and the fontTools version, so a new font or
    fontTools makes a new instance. A lock beside it lets one process cut it while any
    other that needs it waits, then finds it made.
    """
    stem = variable.name.split("[")[0].removesuffix(".ttf")
    target = folder / f"{stem}-{weight}-{_instance_key(variable, weight)}.ttf"
    if target.is_file():
        return target
    from filelock import FileLock
    from fontTools.ttLib import TTFont

    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(target.with_name(target.name + ".lock")):
        if not target.is_file():
            from fontTools.varLib import instancer  # slow to import: only to cut

            font = TTFont(variable)
            axes = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
            location = axes | {"wght": weight}
            static = instancer.instantiateVariableFont(
                font, location, updateFontNames="STAT" in font
            )
            with atomic_path(target) as temporary:  # a killed cut leaves no half file
                static.save(temporary)
    return target


def _instance_key(variable: Path, weight: int) -> str:
    from fontTools import version as fonttools_version

    stat = variable.stat()
    digest = _file_digest(variable, stat.st_size, stat.st_mtime_ns)
    return hashlib.sha256(f"{digest}:{weight}:{fonttools_version}".encode()).hexdigest()[:16]


@functools.cache  # once per process and file version: a CJK font is 10 MB or more
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cut_instances(language: str, cache_dir: Path, root: Path) -> None:
    """Cut the instances `language` prints with now, so parallel jobs find them made.

    A font that is missing or broken is left for the job that needs it to report."""
    with contextlib.suppress(BuildError):
        typeface_for(language, cache_dir, font_folders(root))


@dataclass(frozen=True, slots=True)
class Coverage:
    """The characters a set of font files can all show."""

    family: str
    codepoints: frozenset[int]

    @classmethod
    def of(cls, typeface: Typeface) -> Coverage:
        """What the regular and bold faces both show, or else their fallback typeface."""
        codepoints = character_map(typeface.regular) & character_map(typeface.bold)
        if typeface.fallback is None:
            return cls(typeface.family, codepoints)
        spare = cls.of(typeface.fallback)
        return cls(f"{typeface.family} (or {spare.family})", codepoints | spare.codepoints)

    def missing(self, text: str) -> list[str]:
        """Characters of `text` without a glyph, in order of first use; controls are not drawn."""
        unshown = {char for char in set(text) if ord(char) not in self.codepoints}
        if not unshown:  # nearly always: each distinct character looked up once
            return []
        found = dict.fromkeys(
            char
            for char in text
            if char in unshown and unicodedata.category(char) != "Cc" and char not in BIDI_CONTROLS
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


@functools.cache  # read once per process: a CJK map has tens of thousands of characters
def character_map(path: Path) -> frozenset[int]:
    """The characters a font file has glyphs for."""
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(path, lazy=True).getBestCmap())


def line_of(char: str, source: Path) -> int | None:
    """The first line of the source file that holds `char` (for text with no line of its own)."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((number for number, line in enumerate(lines, 1) if char in line), None)
