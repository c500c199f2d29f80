"""`publisher new FOLDER`: settings with comments, one example leaflet with a picture,
an empty locales/ and a .gitignore; `publisher build` builds it straight away."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..files import write_text_atomic
from ..formats import FORMATS
from .starter import EXAMPLE_LEAFLET, GITIGNORE, PICTURE, SETTINGS


def new_project(folder: Path, organisation: str) -> list[Path]:
    """Write the starter files into `folder` (new or empty); return what was written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder} is not an empty folder: choose a new one")
    formats = ", ".join(f'"{f.name}"' for f in FORMATS.values() if not f.part_of)
    files = {
        "publisher.toml": SETTINGS.format(organisation=_toml_string(organisation), formats=formats),
        "content/example-leaflet.md": EXAMPLE_LEAFLET,
        "content/images/talking.svg": PICTURE,
        "locales/README.md": "Translations go here: run `publisher i18n update --lang cy`.\n",
        ".gitignore": GITIGNORE,
    }
    for name, text in files.items():
        write_text_atomic(folder / name, text)
    return [folder / name for name in files]


def _toml_string(text: str) -> str:
    """A TOML basic string: the organisation's name as typed, quotes and backslashes escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in escaped):
        raise UsageError("the organisation's name has a control character")
    return f'"{escaped}"'
