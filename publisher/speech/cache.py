"""Synthesised speech kept on disk, keyed by (engine, voice, settings, text).

Editing one paragraph changes one key, so a rebuild speaks only that paragraph.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..files import atomic_path
from .engines.base import Speech

FORMAT = 1  # bump when the stored form changes


@dataclass(frozen=True, slots=True)
class SpeechCache:
    folder: Path

    def key(self, engine: str, voice: str, settings: tuple, text: str) -> str:
        parts = json.dumps([FORMAT, engine, voice, list(settings), text], ensure_ascii=False)
        return hashlib.sha256(parts.encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / "speech" / key[:2] / f"{key}.npz"

    def get(self, key: str) -> Speech | None:
        """The stored speech, or None when missing or unreadable (then it is made again)."""
        path = self.path(key)
        try:
            with np.load(path) as stored:
                return Speech(stored["samples"], int(stored["rate"]))
        except (OSError, EOFError, KeyError, ValueError, zipfile.BadZipFile):
            return None

    def put(self, key: str, speech: Speech) -> None:
        # A cache entry: no wait for the disk (one per sentence); `get` takes a damaged one
        # for missing and the sentence is spoken again.
        entry = atomic_path(self.path(key), durable=False)
        with entry as temporary, temporary.open("wb") as handle:
            np.savez(handle, samples=speech.samples.astype(np.int16), rate=speech.rate)
