"""The build's worker pool ends with its `with` block, in time, however the block ends."""

from __future__ import annotations

import os
import signal
import time

import pytest

from publisher.build import workers
from publisher.build.workers import worker_pool


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


def test_a_worker_deaf_to_sigterm_is_killed_after_the_grace_period(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "GRACE", 1.0)
    began = time.monotonic()
    with pytest.raises(RuntimeError), worker_pool(2, None) as pool:
        pool.apply_async(_deaf_sleeper, (0,))
        started = list(pool._pool)
        time.sleep(0.5)  # the job has started and ignores SIGTERM
        raise RuntimeError("the build was interrupted")
    assert time.monotonic() - began < 10  # not the job's 60 s, nor for ever
    assert all(worker.exitcode is not None for worker in started)
    assert -signal.SIGKILL in [worker.exitcode for worker in started]
