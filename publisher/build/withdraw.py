"""Withdrawing from out/ what may not be published now, on every build, whatever it was asked.

An output stays only while the files it was made from are unchanged (compared
by digest, so a no-op build reads no PO file) or while the build just made it.
A translation whose review no longer matches is withdrawn in every format and
noted in out/withdrawn.json, so the catalogue tells staff what needs a reviewer.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from ..config import Config
from ..errors import PublisherError
from ..files import write_text_atomic
from ..model import Leaflet
from .inputs import fingerprint, input_files
from .manifest import read_json

NOTES = "withdrawn.json"
CHANGED_SINCE_REVIEW = "changed since review"
OUT_OF_DATE = "out of date: its source changed after it was built"


@dataclass(frozen=True, slots=True)
class Why:
    """Why a leaflet in one language may not stay in out/."""

    reason: str
    signed_off: date | None = None  # the review that no longer matches, when there is one


@dataclass(frozen=True, slots=True)
class Note:
    """What the catalogue says about a leaflet in one language taken out of out/."""

    slug: str
    language: str
    title: str
    reason: str
    date: str  # when it was withdrawn (ISO)
    signed_off: str | None
    reviewed: str
    next_review: str
    formats: tuple[str, ...]


Pair = tuple[str, str]  # (slug, language)


def to_withdraw(
    entries: dict[str, dict], planned: set[str], refused: dict[Pair, Why], config: Config
) -> dict[str, Why]:
    """Each output in the manifest that must leave out/, with why."""
    by_pair: dict[Pair, list[str]] = defaultdict(list)
    for key, entry in entries.items():
        if key not in planned:
            by_pair[(entry.get("slug", ""), entry.get("language", ""))].append(key)
    found: dict[str, Why] = {}
    for pair, keys in by_pair.items():
        why = refused.get(pair) or _changed(pair, [entries[k] for k in keys], config)
        if why is not None:
            found |= dict.fromkeys(keys, why)
    return found


def _changed(pair: Pair, items: list[dict], config: Config) -> Why | None:
    """Why outputs nobody asked for this time are stale now; None while they are not."""
    slug, language = pair
    first = items[0]
    translated = language if language != first.get("source_language") else None
    source = config.root / first.get("source", "")  # kept from the project folder
    current = fingerprint(config, input_files(config, source, slug, translated))
    if all(item.get("inputs") == current for item in items):
        return None
    if not source.is_file():
        return Why("its source was removed")
    if translated is None or any(item.get("draft") for item in items):
        return Why(OUT_OF_DATE)
    return translation_state(config, source, language) or Why(OUT_OF_DATE)


def translation_state(config: Config, source: Path, language: str) -> Why | None:
    """Why the leaflet's text in `language` may not be published now (None: it may)."""
    from ..reading.source import read_leaflet  # only when something changed

    try:
        leaflet = read_leaflet(source, config.source_language)
        return _why(_leaflet_state(config, leaflet, language))
    except PublisherError:
        return Why("its source or translation has errors: run `publisher check`")


def refusal(config: Config, leaflet: Leaflet, language: str) -> Why:
    """Why the build just refused the leaflet in `language` (the text or the tool's words)."""
    from ..i18n.state import tool_translation

    try:
        text = _why(_leaflet_state(config, leaflet, language))
        return text or _why(tool_translation(config, language)) or Why("not signed off")
    except PublisherError:
        return Why("its translation has errors: run `publisher check`")


def _leaflet_state(config: Config, leaflet: Leaflet, language: str):
    from ..i18n.state import leaflet_translation

    return leaflet_translation(config, leaflet, language)


def _why(state) -> Why | None:
    from ..i18n.state import CHANGED

    signed_off = state.record.date if state.record is not None else None
    if state.publishable:
        return None
    if not state.exists:
        return Why("there is no translation")
    if state.review_state == CHANGED:
        return Why(CHANGED_SINCE_REVIEW, signed_off)
    if not state.complete:
        return Why("the translation is not complete", signed_off)
    if state.errors:
        return Why("the translation fails its checks", signed_off)
    return Why("not signed off by a second person")


def unlisted_outputs(out_dir: Path, known: set[str]) -> list[Path]:
    """Outputs in out/<slug>/<lang>/ that no manifest entry vouches for (only our own names)."""
    from .plan import FORMATS  # the table, not the writers

    found = []
    for slug in _folders(out_dir):
        names = {f.output_name(slug.name) for f in FORMATS.values()}
        for language in _folders(slug):
            for path in language.iterdir():
                name = f"{slug.name}/{language.name}/{path.name}"
                if path.name in names and name not in known and path.is_file():
                    found.append(path)
    return found


def _folders(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:
        return []


def notes_for(withdrawn: dict[str, Why], entries: dict[str, dict], today: date) -> list[Note]:
    """One note per leaflet and language, naming the formats taken out."""
    grouped: dict[Pair, list[str]] = defaultdict(list)
    for key in withdrawn:
        grouped[(entries[key]["slug"], entries[key]["language"])].append(key)
    notes = []
    for (slug, language), keys in sorted(grouped.items()):
        entry, why = entries[keys[0]], withdrawn[keys[0]]
        signed_off = why.signed_off.isoformat() if why.signed_off else None
        formats = tuple(sorted(entries[k]["format"] for k in keys))
        notes.append(
            Note(slug, language, entry["title"], why.reason, today.isoformat(), signed_off,
                 entry["reviewed"], entry["next_review"], formats)
        )  # fmt: skip
    return notes


def read_notes(out_dir: Path) -> dict[str, Note]:
    notes = {}
    for name, item in read_json(out_dir / NOTES).items():
        try:
            notes[name] = Note(**{**item, "formats": tuple(item["formats"])})
        except (TypeError, KeyError):
            continue  # a note from another version: the next withdrawal writes it again
    return notes


def write_notes(out_dir: Path, notes: dict[str, Note]) -> None:
    """Write out/withdrawn.json, or remove it when nothing is withdrawn."""
    if not notes:
        (out_dir / NOTES).unlink(missing_ok=True)
        return
    data = {name: asdict(note) for name, note in sorted(notes.items())}
    write_text_atomic(out_dir / NOTES, json.dumps(data, indent=2, sort_keys=True) + "\n")


def merge_notes(old: dict[str, Note], new: list[Note]) -> dict[str, Note]:
    """The earlier notes, with this build's withdrawals added to them."""
    notes = dict(old)
    for note in new:
        name = f"{note.slug}/{note.language}"
        earlier = notes.get(name)
        formats = tuple(sorted({*note.formats, *(earlier.formats if earlier else ())}))
        notes[name] = Note(**{**asdict(note), "formats": formats})
    return notes


def still_withdrawn(notes: dict[str, Note], entries: dict[str, dict]) -> dict[str, Note]:
    """Drop from the notes each format that has been built again since."""
    built = {(e.get("slug"), e.get("language"), e.get("format")) for e in entries.values()}
    kept = {}
    for name, note in notes.items():
        formats = tuple(f for f in note.formats if (note.slug, note.language, f) not in built)
        if formats:
            kept[name] = Note(**{**asdict(note), "formats": formats})
    return kept
