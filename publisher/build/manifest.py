"""out/manifest.json: what was built from which inputs, kept true as each file lands.

Changes are appended to a journal (one JSON line each) before and after every
write, and folded into manifest.json when the build ends. A journal found at
the start means the last build was interrupted: it is replayed, outputs it had
not finished are removed, and so are its temporary files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from ..config import Config
from ..files import (
    naming,
    remove_empty_folders,
    remove_temporaries,
    sha256_file,
    write_text_atomic,
)
from .inputs import project_path
from .plan import Job

MANIFEST, JOURNAL = "manifest.json", ".manifest-journal.jsonl"


class Manifest:
    """The entries of out/manifest.json (key: path in out/), with their journal."""

    def __init__(self, out_dir: Path, entries: dict[str, dict]) -> None:
        self.out_dir, self.entries = out_dir, entries
        self.mended = False  # an interrupted build was found and tidied up
        self._journal: int | None = None

    @classmethod
    def open(cls, out_dir: Path) -> Manifest:
        """The manifest as the last build left it, after mending an interrupted one."""
        manifest = cls(out_dir, read_json(out_dir / MANIFEST))
        if (out_dir / JOURNAL).exists():
            manifest._recover()
        return manifest

    def begin(self) -> None:
        """Start the journal: while it exists, a later build knows this one did not finish."""
        self._append([])

    def forget(self, keys: Iterable[str]) -> None:
        """Drop entries before their files are replaced or removed."""
        keys = [k for k in keys if k in self.entries]
        self._append([{"key": k, "entry": None} for k in keys])
        for k in keys:
            del self.entries[k]

    def record(self, key: str, entry: dict) -> None:
        """Add an entry once its file is in place."""
        self._append([{"key": key, "entry": entry}])
        self.entries[key] = entry

    def save(self) -> None:
        """Write manifest.json whole, then drop the journal it now holds."""
        text = json.dumps(self.entries, indent=2, sort_keys=True) + "\n"
        write_text_atomic(self.out_dir / MANIFEST, text)
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None
        (self.out_dir / JOURNAL).unlink(missing_ok=True)

    def close(self) -> None:
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None

    def _append(self, changes: list[dict]) -> None:
        if self._journal is None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC
            self._journal = os.open(self.out_dir / JOURNAL, flags, 0o644)
        data = "".join(json.dumps(c, sort_keys=True) + "\n" for c in changes).encode()
        if not data:
            return
        try:
            os.write(self._journal, data)  # one call: a killed process leaves whole lines
        except OSError as err:
            raise naming(err, self.out_dir / JOURNAL) from None

    def _recover(self) -> None:
        before = dict(self.entries)
        pending = set()
        for change in read_journal(self.out_dir / JOURNAL):
            key, entry = change["key"], change["entry"]
            if entry is None:
                self.entries.pop(key, None)
                pending.add(key)
            else:
                self.entries[key] = entry
                pending.discard(key)
        for key in pending:  # written or not, nobody recorded what this file now holds
            path, old = self.out_dir / key, before.get(key)
            if old and path.is_file() and old.get("sha256") == sha256_file(path):
                self.entries[key] = old  # the write never happened: the last good file stays
            else:
                path.unlink(missing_ok=True)
            remove_empty_folders(path.parent, self.out_dir)
        remove_temporaries(self.out_dir)
        self.save()
        self.mended = True


def read_json(path: Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_journal(path: Path) -> list[dict]:
    """The whole lines of the journal; a line cut short by a crash is ignored."""
    changes = []
    for line in path.read_bytes().splitlines():
        try:
            change = json.loads(line)
        except ValueError:
            continue
        if isinstance(change, dict) and isinstance(change.get("key"), str):
            changes.append(change)
    return changes


def manifest_entry(job: Job, sha256: str) -> dict:
    leaflet = job.leaflet
    entry = {
        "digest": job.digest,
        "sha256": sha256,
        "inputs": job.inputs,
        "source": project_path(leaflet.source, job.context.config.root),
        "slug": leaflet.slug,
        "title": leaflet.title,
        "language": leaflet.language,
        "source_language": job.source_language,
        "format": job.format.name,
        "draft": job.context.draft,
        "reviewed": leaflet.reviewed.isoformat(),
        "next_review": leaflet.next_review.isoformat(),
    }
    if job.format.name in ("audio", "easy-audio", "epub"):  # the formats that speak
        from ..speech.engines.registry import choose  # loads a speech engine: only for these

        choice = choose(job.context.config, leaflet.language)
        entry |= {"engine": choice.engine.name, "voice": choice.voice}
    return entry


def key(target: Path, config: Config) -> str:
    return target.relative_to(config.out_dir).as_posix()
