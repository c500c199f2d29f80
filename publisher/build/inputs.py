"""The files an output was made from, by content: cheap to compare on every build.

A leaflet's source, and for a translation every file of its language beside
the PO file (the leaflet's and the tool's words, review records, signatures).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..config import Config

TOOL_DOMAIN = "publisher"  # i18n.toolwords.DOMAIN, without importing the writers' words


def input_files(config: Config, source: Path, slug: str, language: str | None) -> list[Path]:
    """The source, and with a translation's `language` its locale files."""
    files = [source]
    if language is not None:
        folder = config.locales_dir / language
        if folder.is_dir():
            names = sorted(os.listdir(folder))
            files += [folder / n for n in names if n.startswith((f"{slug}.", f"{TOOL_DOMAIN}."))]
    return files


def fingerprint(config: Config, files: list[Path]) -> dict[str, str]:
    """Each file (named from the project folder) with the SHA-256 of its bytes."""
    found = {}
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            continue  # a file that went away counts as a change
        found[project_path(path, config.root)] = hashlib.sha256(data).hexdigest()
    return found


def project_path(path: Path, root: Path) -> str:
    """A path from the project folder, so that a moved or copied project still matches."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
