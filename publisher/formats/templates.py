"""Where the files that ship beside the code (templates and CSS) are found.

In a source checkout or an editable install they sit in `templates/` at the
repository root. A wheel installs them as data files under
`<prefix>/share/publisher/templates` (see `[tool.setuptools.data-files]`), and
the installed file list says exactly where that prefix is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import BuildError

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
