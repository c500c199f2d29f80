"""Rebuild on save: poll the project's inputs, run `publisher build` when one changes, keep
the outcome (a generation number and the build's error lines) for the pages to ask for."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..formats.templates import templates_dir

POLL_SECONDS = 0.4


@dataclass(frozen=True, slots=True)
class Outcome:
    generation: int  # counts finished builds: a page reloads when it changes
    building: bool
    problems: tuple[str, ...]  # the build's "error: file:line: ..." and warning lines
    ok: bool


@dataclass
class Watcher:
    """One background thread that owns the rebuilds; pages read `outcome()` under a lock."""

    config: Config
    out_dir: Path
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _outcome: Outcome = Outcome(0, False, (), True)
    _stop: threading.Event = field(default_factory=threading.Event)

    def outcome(self) -> Outcome:
        with self._lock:
            return self._outcome

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self._run, name="publisher-preview-watch", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        seen: dict[Path, float] | None = None
        while not self._stop.is_set():
            now = snapshot(self.inputs())
            if now != seen:
                seen = now
                self.rebuild()
            self._stop.wait(POLL_SECONDS)

    def inputs(self) -> list[Path]:
        root = self.config.root
        folders = [root / self.config.content_dir, root / self.config.locales_dir]
        folders.append(templates_dir("easy-read.html"))
        return [root / "publisher.toml", *folders]

    def rebuild(self) -> None:
        with self._lock:
            self._outcome = Outcome(
                self._outcome.generation, True, self._outcome.problems, self._outcome.ok
            )
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "publisher",
                "--root",
                str(self.config.root),
                "build",
                "--out",
                str(self.out_dir),
            ],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        problems = tuple(
            line for line in done.stderr.splitlines() if line.startswith(("error:", "warning:"))
        )
        with self._lock:
            generation = self._outcome.generation + 1
            self._outcome = Outcome(generation, False, problems, done.returncode == 0)


def snapshot(paths: list[Path]) -> dict[Path, float]:
    """Every file's modification time and size under `paths` (a save changes one of them)."""
    found: dict[Path, float] = {}
    for path in paths:
        files = path.rglob("*") if path.is_dir() else [path]
        for file in files:
            try:
                status = file.stat()
            except OSError:
                continue
            found[file] = status.st_mtime_ns + status.st_size
    return found
