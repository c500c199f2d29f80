"""out/index.html: every leaflet, language and format built, with its review state,
and what was withdrawn from out/ and why."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..files import write_text_atomic
from ..formats.templates import compiled_templates, templates_dir
from ..i18n.dates import format_date, language_name
from ..text.scripts import direction
from .withdraw import Note

FORMAT_LABELS = {
    "pdf": "Large print (PDF)",
    "docx": "Word",
    "html": "Easy read (web page)",
    "audio": "Audio (MP3)",
    "easy-audio": "Easy read audio (MP3)",
    "epub": "Talking book (EPUB)",
    "braille": "Braille, ready to emboss (BRF)",
    "pef": "Braille for embossers and displays (PEF)",
}


@dataclass
class Edition:
    """One leaflet in one language, with the files built for it."""

    language: str
    title: str
    draft: bool
    original: bool  # the language the leaflet was written in
    signed: bool = True  # sign-offs are SSH-signed ([review] signatures in publisher.toml)
    files: list[tuple[str, str]] = field(default_factory=list)  # (label, path in out/)
    note: Withdrawn | None = None  # formats taken out of out/, and why

    @property
    def name(self) -> str:
        return language_name(self.language)

    @property
    def direction(self) -> str:
        return direction(self.language)

    @property
    def state(self) -> str:
        """The review state a member of staff needs before handing the leaflet out."""
        if self.original:
            return "Original text."
        if self.draft:
            return "Unreviewed draft: no second person has checked this translation."
        if not self.signed:
            return "Translation checked by a second person; review not signed."
        return "Translation checked and signed off by a second person."


@dataclass(frozen=True, slots=True)
class Withdrawn:
    """What the catalogue says about formats withdrawn from out/."""

    labels: str  # "Large print (PDF), Word"
    reason: str
    when: str  # the date they were withdrawn, written out
    signed_off: str | None  # the review that no longer matches, written out

    @property
    def advice(self) -> str:
        if self.signed_off:
            return (
                f"Last signed off on {self.signed_off}: a second person needs to review it again."
            )
        if self.reason.startswith("out of date"):
            return "Run publisher build to make it again from the current text."
        return "It comes back once its translation is complete and signed off."


@dataclass
class Entry:
    slug: str
    title: str
    reviewed: str
    next_review: str
    overdue: bool
    editions: dict[str, Edition] = field(default_factory=dict)


def catalogue_entries(
    manifest: dict[str, dict],
    notes: dict[str, Note],
    out_dir: Path,
    today: date,
    signed: bool = True,
) -> list[Entry]:
    """Group the manifest's files that exist by leaflet, then by language; add the notes."""
    entries: dict[str, Entry] = {}
    for key, item in sorted(manifest.items()):
        if not (out_dir / key).is_file():
            continue
        overdue = date.fromisoformat(item["next_review"]) < today
        reviewed, next_review = (long_date(item[k]) for k in ("reviewed", "next_review"))
        entry = entries.setdefault(
            item["slug"], Entry(item["slug"], "", reviewed, next_review, overdue)
        )
        original = item["language"] == item.get("source_language")
        if original:
            entry.title = item["title"]
        edition = entry.editions.setdefault(
            item["language"],
            Edition(item["language"], item["title"], item["draft"], original, signed),
        )
        edition.files.append((FORMAT_LABELS.get(item["format"], item["format"]), key))
    for note in notes.values():
        _add_note(entries, note, today)
    for entry in entries.values():
        entry.title = entry.title or next(iter(entry.editions.values())).title
        entry.editions = {e.language: e for e in sorted(entry.editions.values(), key=_order)}
        for edition in entry.editions.values():
            edition.files.sort(key=lambda file: _LABEL_ORDER.get(file[0], len(_LABEL_ORDER)))
    return sorted(entries.values(), key=lambda e: e.title.casefold())


_LABEL_ORDER = {label: n for n, label in enumerate(FORMAT_LABELS.values())}


def _add_note(entries: dict[str, Entry], note: Note, today: date) -> None:
    """Show a withdrawal under its leaflet and language, even when nothing of them is left."""
    overdue = date.fromisoformat(note.next_review) < today
    reviewed, next_review = long_date(note.reviewed), long_date(note.next_review)
    entry = entries.setdefault(note.slug, Entry(note.slug, "", reviewed, next_review, overdue))
    edition = entry.editions.setdefault(
        note.language, Edition(note.language, note.title, False, False)
    )
    labels = ", ".join(FORMAT_LABELS.get(f, f) for f in sorted(note.formats, key=_format_order))
    signed_off = long_date(note.signed_off) if note.signed_off else None
    edition.note = Withdrawn(labels, note.reason, long_date(note.date), signed_off)


def _format_order(name: str) -> int:
    return list(FORMAT_LABELS).index(name) if name in FORMAT_LABELS else len(FORMAT_LABELS)


def _order(edition: Edition) -> tuple[bool, str]:
    """The original language first, then the translations by their English names."""
    return (not edition.original, edition.name.casefold())


@functools.cache  # a catalogue shows the same few dates hundreds of times
def long_date(iso: str) -> str:
    """'11 May 2026': an ISO date is easy to misread."""
    return format_date(date.fromisoformat(iso), "en-GB")


def write_catalogue(
    manifest: dict[str, dict],
    notes: dict[str, Note],
    out_dir: Path,
    organisation: str,
    today: date,
    signed: bool = True,
    cache_dir: Path | None = None,
) -> Path:
    """out/index.html; with `cache_dir` (the project's), its template compiled once a machine."""
    environment = Environment(
        loader=FileSystemLoader(templates_dir("catalogue.html")),
        autoescape=select_autoescape(["html"]),
        bytecode_cache=compiled_templates(cache_dir, __file__) if cache_dir else None,
    )
    page = environment.get_template("catalogue.html").render(
        organisation=organisation,
        entries=catalogue_entries(manifest, notes, out_dir, today, signed),
    )
    target = out_dir / "index.html"
    write_text_atomic(target, page)
    return target
