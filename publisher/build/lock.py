"""One build at a time on an out/ folder: a second one waits, saying which build runs."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ..errors import display_path

RUNNING = ".build-running"  # which build holds the lock: its pid and start time


@contextmanager
def out_lock(out_dir: Path, waiting: Callable[[str], None] | None = None) -> Iterator[int]:
    """Lock the out/ folder itself for the build; yield its descriptor (workers close it).

    The lock is the kernel's (flock): it goes with the process that holds it, so a
    build killed with -9 never leaves a stale lock behind.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    handle = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                running = f"{display_path(out_dir)} ({holder(out_dir)})"
                waiting(f"waiting for the build already running on {running}")
            fcntl.flock(handle, fcntl.LOCK_EX)
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        try:
            (out_dir / RUNNING).write_text(f"pid {os.getpid()}, started {stamp}\n", "utf-8")
        except OSError as err:  # the first write: a read-only or full out/ shows here
            raise OSError(err.errno, err.strerror, str(out_dir)) from None
        try:
            yield handle
        finally:
            (out_dir / RUNNING).unlink(missing_ok=True)
    finally:
        os.close(handle)  # closing releases the lock


def holder(out_dir: Path) -> str:
    """What the running build wrote: its pid and start time."""
    for _ in range(20):  # it writes them just after taking the lock
        try:
            text = (out_dir / RUNNING).read_text(encoding="utf-8").strip()
        except OSError:
            text = ""
        if text:
            return text
        time.sleep(0.05)
    return "pid unknown"
