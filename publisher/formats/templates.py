"""Where the files that ship beside the code (templates and CSS) are found.

In a source checkout or an editable install they sit in `templates/` at the
repository root. A wheel installs them as data files under
`<prefix>/share/publisher/templates` (see `[tool.setuptools.data-files]`), and
the installed file list says exactly where that prefix is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BuildError
from ..files import user_cache

if TYPE_CHECKING:
    from jinja2 import BytecodeCache

SOURCE_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def templates_dir(marker: str) -> Path:
    """The templates folder holding `marker` (a file name in it)."""
    for folder in _candidates(marker):
        if (folder / marker).is_file():
            return folder
    raise BuildError(
        f"the template '{marker}' is missing from this installation; reinstall publisher"
    )


def _candidates(marker: str) -> Iterator[Path]:
    yield SOURCE_TEMPLATES
    from importlib import metadata  # only for an installed wheel: slow to import

    try:
        files = metadata.distribution("publisher").files or []
    except metadata.PackageNotFoundError:
        return
    for file in files:
        if file.name == marker and "templates" in file.parts:
            yield Path(str(file.locate())).resolve().parent


def compiled_templates(project_cache: Path, owner: str) -> BytecodeCache | None:
    """Templates compiled once per machine (compiling costs a one-leaflet build more than
    rendering), for the environment the module `owner` (its __file__) sets up: a change to
    that code, its options included, or to Jinja compiles them again; Jinja itself
    compares each template's text."""
    import jinja2

    key = hashlib.sha256(jinja2.__version__.encode() + Path(owner).read_bytes()).hexdigest()
    folder = user_cache(project_cache) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # compiled each time, as without a cache
    return jinja2.FileSystemBytecodeCache(str(folder), f"{key[:24]}-%s.cache")
