"""The editions a preview offers, read from the preview build's manifest."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..i18n.dates import language_name


@dataclass(frozen=True, slots=True)
class Edition:
    slug: str
    language: str
    language_name: str
    title: str
    files: dict[str, str]  # format -> path inside out/


def editions(out_dir: Path) -> list[Edition]:
    """One edition per leaflet and language, with the file of each format built."""
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    grouped: dict[tuple[str, str], dict] = {}
    for path, entry in sorted(manifest.items()):
        key = (entry.get("slug", ""), entry.get("language", ""))
        found = grouped.setdefault(key, {"title": entry.get("title", ""), "files": {}})
        found["files"][entry.get("format", "")] = path
    return [
        Edition(slug, language, language_name(language), found["title"], found["files"])
        for (slug, language), found in grouped.items()
    ]
