"""Worker processes: one thread of their own for work, so SIGTERM reaches the one that can act."""

from __future__ import annotations

import os
import sys

import pytest

from publisher.build.workers import worker_pool


def threads_after_loading_numpy(_: int) -> int:
    import numpy  # noqa: F401  (OpenBLAS starts its threads when loaded)
    import scipy.signal  # noqa: F401  (and scipy's own copy of it)

    return len(os.listdir("/proc/self/task"))


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_a_worker_has_no_library_threads_to_take_its_sigterm() -> None:
    """A library thread that does not block SIGTERM can be handed it while the main thread
    waits on the task queue, which then never ends (a build hung so at its end)."""
    with worker_pool(2, None) as pool:
        counts = pool.map(threads_after_loading_numpy, range(4))
    assert counts == [2, 2, 2, 2]  # the main thread and the orphan watcher
