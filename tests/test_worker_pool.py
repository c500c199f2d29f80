"""The build's worker pool ends with its `with` block, in time, however the block ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable

import pytest

from publisher.build import workers
from publisher.build.workers import as_they_come, worker_pool

from .conftest import ROOT


def _pid(_: int) -> int:
    return os.getpid()


def _deaf_sleeper(_: int) -> int:
    """A job whose worker no longer hears SIGTERM, as when a library's thread takes it."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    time.sleep(60)
    return 0


def test_after_the_work_the_workers_end_without_a_signal() -> None:
    """close, not terminate: the pool's end-of-work markers end idle workers cleanly."""
    with worker_pool(2, None) as pool:
        assert len(set(pool.map(_pid, range(8)))) >= 1
        started = list(pool._pool)  # the pool's own list: the processes to look at after
    assert [worker.exitcode for worker in started] == [0, 0]


def interrupted_while_running(job: Callable[[int], int]) -> tuple[float, list]:
    """Start `job` in a pool with a one-second grace period, then interrupt the build:
    how long the pool took to end, and its workers."""
    began = time.monotonic()
    with pytest.raises(RuntimeError), worker_pool(2, None) as pool:
        pool.apply_async(job, (0,))
        started = list(pool._pool)  # the pool's own list: the processes to look at after
        time.sleep(0.5)  # the job has started
        raise RuntimeError("the build was interrupted")
    return time.monotonic() - began, started


def test_a_worker_deaf_to_sigterm_is_killed_after_the_grace_period(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "GRACE", 1.0)
    took, started = interrupted_while_running(_deaf_sleeper)
    assert took < 10  # not the job's 60 s, nor for ever
    assert all(worker.exitcode is not None for worker in started)
    assert -signal.SIGKILL in [worker.exitcode for worker in started]


def _dies_holding_the_result_lock(_: int) -> int:
    """A job killed while its worker holds the lock on the results queue (as a worker does
    for a moment while it sends a result): the pool's own threads would wait on it for ever."""
    frame = sys._getframe()
    while "outqueue" not in frame.f_locals:  # the pool's worker loop, which called this job
        frame = frame.f_back
    frame.f_locals["outqueue"]._wlock.acquire()
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    time.sleep(60)
    return 0


@pytest.mark.timeout(60)
def test_a_worker_killed_holding_a_queue_lock_does_not_hang_the_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "GRACE", 1.0)
    took, started = interrupted_while_running(_dies_holding_the_result_lock)
    assert took < 10  # twice the grace period at most
    assert all(worker.exitcode is not None for worker in started)


AFTER_THE_WORK = """
import time
from publisher.build import workers
from tests.test_worker_pool import _dies_holding_the_result_lock
workers.GRACE = 1.0
with workers.worker_pool(2, None) as pool:
    pool.apply_async(_dies_holding_the_result_lock, (0,))
    time.sleep(0.5)
print("left the pool")
"""


def test_a_build_whose_worker_died_holding_a_queue_lock_still_exits() -> None:
    """The work done (no exception): the pool's finalizer, run as Python exits, would wait
    on the same lock, so the build would print its last line and never end."""
    done = subprocess.run(
        [sys.executable, "-c", AFTER_THE_WORK],
        cwd=ROOT, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == "left the pool\n" and "Traceback" not in done.stderr


def _sleeper(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


@pytest.mark.timeout(60)
def test_ctrl_c_taken_by_another_thread_stops_the_wait_at_once() -> None:
    """The kernel may give Ctrl-C to any thread of the build, such as one of the pool's:
    the build, waiting for its workers, must still stop at once, not when a job ends."""
    # Python's own handler, at the system level too (see tests/fixtures/stand_in_build.py)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    blocked = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    other = threading.Thread(target=time.sleep, args=(30,), daemon=True)
    other.start()
    threading.Timer(0.5, signal.pthread_kill, (other.ident, signal.SIGINT)).start()
    began = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt), worker_pool(1, None) as pool:
            list(as_they_come(pool.imap_unordered(_sleeper, [20.0])))
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    assert time.monotonic() - began < 10  # not the job's 20 s
