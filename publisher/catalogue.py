"""out/index.html: every leaflet, language and format built, with its review state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .files import write_text_atomic
from .resources import templates_dir

FORMAT_LABELS = {
    "pdf": "Large print (PDF)",
    "docx": "Word",
    "html": "Easy read (web page)",
    "audio": "Audio (MP3)",
}


@dataclass
class Edition:
    """One leaflet in one language, with the files built for it."""

    language: str
    title: str
    draft: bool
    files: list[tuple[str, str]] = field(default_factory=list)  # (label, path in out/)


@dataclass
class Entry:
    slug: str
    title: str
    reviewed: str
    next_review: str
    overdue: bool
    editions: dict[str, Edition] = field(default_factory=dict)


def catalogue_entries(manifest: dict[str, dict], out_dir: Path, today: date) -> list[Entry]:
    """Group the manifest's files that exist by leaflet, then by language."""
    entries: dict[str, Entry] = {}
    for key, item in sorted(manifest.items()):
        if not (out_dir / key).is_file():
            continue
        overdue = date.fromisoformat(item["next_review"]) < today
        entry = entries.setdefault(
            item["slug"], Entry(item["slug"], "", item["reviewed"], item["next_review"], overdue)
        )
        if item["language"] == item.get("source_language"):
            entry.title = item["title"]
        edition = entry.editions.setdefault(
            item["language"], Edition(item["language"], item["title"], item["draft"])
        )
        edition.files.append((FORMAT_LABELS.get(item["format"], item["format"]), key))
    for entry in entries.values():
        entry.title = entry.title or next(iter(entry.editions.values())).title
    return sorted(entries.values(), key=lambda e: e.title.casefold())


def write_catalogue(
    manifest: dict[str, dict], out_dir: Path, organisation: str, today: date
) -> Path:
    environment = Environment(
        loader=FileSystemLoader(templates_dir("catalogue.html")),
        autoescape=select_autoescape(["html"]),
    )
    page = environment.get_template("catalogue.html").render(
        organisation=organisation, entries=catalogue_entries(manifest, out_dir, today)
    )
    target = out_dir / "index.html"
    write_text_atomic(target, page)
    return target
