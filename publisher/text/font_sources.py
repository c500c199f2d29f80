"""Which typeface prints each language, and where its font files come from.

Most typefaces come from pip packages, so every machine builds the same PDF: the fontpkg
packages (found through fontpkg) and the JustMyType packs (files inside the package). No
package ships Noto Sans Gurmukhi or Noto Nastaliq Urdu yet: those are looked for, under
the exact file names below, in the folders the caller names (the project's `fonts/`
folder, then Debian's fonts-noto-core folder), and a missing one is a clear error that
names the font and how to install it. Every file has TrueType (glyf) outlines: ReportLab
cannot embed CFF outlines, which rules out the Noto CJK OTFs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from ..errors import BuildError

# Debian and Ubuntu's fonts-noto-core puts its files here (looked in by exact file name).
SYSTEM_FOLDERS = (Path("/usr/share/fonts/truetype/noto"),)

# A language written in a script other than that script's usual typeface: Urdu (and
# Punjabi in Shahmukhi) is read in Nastaliq, not in the Naskh of Arabic typefaces.
LANGUAGE_FAMILIES: dict[str, str] = {
    "ur-Arab": "Noto Nastaliq Urdu",
    "pa-Arab": "Noto Nastaliq Urdu",
}

# ISO 15924 script -> typeface.
SCRIPT_FAMILIES: dict[str, str] = {
    "Latn": "Noto Sans",
    "Grek": "Noto Sans",
    "Cyrl": "Noto Sans",
    "Arab": "Noto Sans Arabic",
    "Beng": "Noto Sans Bengali",
    "Deva": "Noto Sans Devanagari",
    "Guru": "Noto Sans Gurmukhi",
    "Taml": "Noto Sans Tamil",
    "Telu": "Noto Sans Telugu",
    "Hans": "Noto Sans SC",
    "Hant": "Noto Sans TC",
    "Jpan": "Noto Sans JP",
    "Kore": "Noto Sans KR",
}


@dataclass(frozen=True, slots=True)
class Fontpkg:
    """A family packaged by fontpkg (pip install fontpkg-<slug>)."""

    family: str

    def file(self, weight: int, folders: Sequence[Path]) -> Path:
        import fontpkg  # it reads every package's entry points: only when a file is needed

        try:
            return fontpkg.select_file(fontpkg.family(self.family), weight, "normal").path
        except fontpkg.FamilyNotInstalled:
            raise BuildError(
                f"the font '{self.family}' is not installed: "
                f"pip install fontpkg-{fontpkg.slugify(self.family)}"
            ) from None


@dataclass(frozen=True, slots=True)
class Packaged:
    """A (variable) font file inside a pip package that has no lookup of its own to use."""

    family: str
    distribution: str  # what to pip install
    module: str  # the package to import
    path: str  # the file inside it

    def file(self, weight: int, folders: Sequence[Path]) -> Path:
        try:
            found = Path(str(files(self.module) / self.path))
        except ModuleNotFoundError:
            found = None
        if found is None or not found.is_file():
            raise BuildError(
                f"the font '{self.family}' is not installed: pip install {self.distribution}"
            )
        return found


@dataclass(frozen=True, slots=True)
class Installed:
    """A font no pip package ships: files a person puts in one of the searched folders."""

    family: str
    regular: tuple[str, ...]  # file names, first found wins (static, then variable)
    bold: tuple[str, ...]
    download: str  # where to get it

    def file(self, weight: int, folders: Sequence[Path]) -> Path:
        names = self.bold if weight >= 600 else self.regular
        for folder in folders:
            for name in names:
                if (folder / name).is_file():
                    return folder / name
        searched = ", ".join(str(folder) for folder in folders)
        raise BuildError(
            f"the font '{self.family}' is needed and no pip package provides it: download "
            f"{' or '.join(names)} from {self.download} into one of: {searched}; on Debian "
            f"or Ubuntu, 'apt install fonts-noto-core' puts it in {SYSTEM_FOLDERS[0]}"
        )


def _google(family: str, static: str, variable: str) -> Installed:
    slug = family.replace(" ", "+")
    return Installed(
        family,
        (f"{static}-Regular.ttf", variable),
        (f"{static}-Bold.ttf", variable),
        f"https://fonts.google.com/noto/specimen/{slug}",
    )


def _pack(family: str, distribution: str, folder: str, file: str) -> Packaged:
    module = distribution.replace("-", "_")
    return Packaged(family, distribution, module, f"fonts/ofl/{folder}/{file}")


SOURCES: dict[str, Fontpkg | Packaged | Installed] = {
    "Noto Sans": Fontpkg("Noto Sans"),
    "Noto Sans Arabic": Fontpkg("Noto Sans Arabic"),
    "Noto Sans Bengali": _pack(
        "Noto Sans Bengali",
        "justmytype-intl-south-asia",
        "notosansbengali",
        "NotoSansBengali[wdth,wght].ttf",
    ),
    "Noto Sans Devanagari": _pack(
        "Noto Sans Devanagari",
        "justmytype-intl-south-asia",
        "notosansdevanagari",
        "NotoSansDevanagari[wdth,wght].ttf",
    ),
    "Noto Sans Tamil": _pack(
        "Noto Sans Tamil",
        "justmytype-intl-south-asia",
        "notosanstamil",
        "NotoSansTamil[wdth,wght].ttf",
    ),
    "Noto Sans Telugu": _pack(
        "Noto Sans Telugu",
        "justmytype-intl-south-asia",
        "notosanstelugu",
        "NotoSansTelugu[wdth,wght].ttf",
    ),
    "Noto Sans SC": _pack(
        "Noto Sans SC", "justmytype-intl-cjk", "notosanssc", "NotoSansSC[wght].ttf"
    ),
    "Noto Sans TC": _pack(
        "Noto Sans TC", "justmytype-intl-cjk", "notosanstc", "NotoSansTC[wght].ttf"
    ),
    "Noto Sans JP": _pack(
        "Noto Sans JP", "justmytype-intl-cjk", "notosansjp", "NotoSansJP[wght].ttf"
    ),
    "Noto Sans KR": _pack(
        "Noto Sans KR", "justmytype-intl-cjk", "notosanskr", "NotoSansKR[wght].ttf"
    ),
    "Noto Sans Gurmukhi": _google(
        "Noto Sans Gurmukhi", "NotoSansGurmukhi", "NotoSansGurmukhi[wdth,wght].ttf"
    ),
    "Noto Nastaliq Urdu": _google(
        "Noto Nastaliq Urdu", "NotoNastaliqUrdu", "NotoNastaliqUrdu[wght].ttf"
    ),
}


def family_for(language: str, script: str) -> str:
    """The typeface for a language written in `script` (an ISO 15924 code such as 'Arab')."""
    base = language.replace("_", "-").split("-")[0].lower()
    family = LANGUAGE_FAMILIES.get(f"{base}-{script}") or SCRIPT_FAMILIES.get(script)
    if family is None:
        raise BuildError(
            f"no typeface is set up for the script '{script}' of language '{language}' "
            "(add one to SCRIPT_FAMILIES in publisher/font_sources.py)"
        )
    return family


def font_file(family: str, weight: int, folders: Sequence[Path]) -> Path:
    """A file of `family` for `weight`: static, or variable (to cut an instance from)."""
    return SOURCES[family].file(weight, folders)


# OpenType script tags whose shaping rules a font must have for a script that needs them
# (joining, conjuncts, reordered vowel signs); other scripts only need their characters.
SHAPING_TAGS: dict[str, frozenset[str]] = {
    "Arab": frozenset({"arab"}),
    "Beng": frozenset({"bng2", "beng"}),
    "Deva": frozenset({"dev2", "deva"}),
    "Guru": frozenset({"gur2", "guru"}),
    "Taml": frozenset({"tml2", "taml"}),
    "Telu": frozenset({"tel2", "telu"}),
}


def check_shaping(path: Path, family: str, script: str) -> None:
    """Refuse a font without shaping rules for `script`: its letters would print unjoined."""
    from fontTools.ttLib import TTFont  # only when a typeface is chosen for printing

    needed = SHAPING_TAGS.get(script)
    if not needed:
        return
    font = TTFont(path, lazy=True)
    tags = {
        record.ScriptTag
        for table in ("GSUB", "GPOS")
        if table in font
        for record in font[table].table.ScriptList.ScriptRecord
    }
    if not tags & needed:
        raise BuildError(
            f"the font '{family}' ({path.name}) has no shaping rules for the script "
            f"'{script}': its letters would print unjoined or out of order"
        )
