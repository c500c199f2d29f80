"""Worker processes that end with the build: finished, interrupted or its parent killed."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

PR_SET_PDEATHSIG = 1  # linux/prctl.h
T = TypeVar("T")


GRACE = 10.0  # seconds the workers have to end before any still there is killed


@contextmanager
def worker_pool(processes: int, close_fd: int | None) -> Iterator[Pool]:
    """A pool whose workers end when the `with` block ends in any way, within GRACE seconds."""
    import multiprocessing  # here: a build of one file, or one job at a time, needs no pool

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    pool = context.Pool(processes, initializer=_start_worker, initargs=(os.getpid(), close_fd))
    try:
        yield pool
    except BaseException:
        _end(pool, pool.terminate)  # SIGTERM: a worker drops its temporary file and exits
        raise
    # All work done: each worker takes its end-of-work marker and exits, no signal needed.
    _end(pool, pool.close)


WAKE = 0.2  # seconds the build waits on its workers at a time (see as_they_come)


def as_they_come(results: Iterator[T]) -> Iterator[T]:
    """The results of `pool.imap_unordered`, waited for a moment at a time.

    A wait without end is a lock that only a signal landing in the waiting thread breaks,
    and the kernel may hand Ctrl-C or SIGTERM to one of the pool's own threads instead:
    the build would then wait for a result (a minute, for a long recording) before
    stopping. Waking every WAKE seconds, it stops at once.
    """
    from multiprocessing import TimeoutError as NotYet

    while True:
        try:
            yield results.next(timeout=WAKE)  # type: ignore[attr-defined]
        except NotYet:
            continue
        except StopIteration:
            return


def _end(pool: Pool, ending: Callable[[], None]) -> None:
    """`ending` (close or terminate), then wait for the workers; any still there after GRACE
    seconds is killed. A worker whose SIGTERM a library's thread took, or that waits on a
    task-queue lock a dead worker held, would otherwise keep the build waiting for ever.

    The build waits twice GRACE at most: a worker killed while it held a queue's lock (as
    it does for a moment to send a result) leaves the pool's own threads, and so its
    terminate and join, waiting for ever. Those threads are daemons: they end with the build.
    """
    killer = threading.Timer(GRACE, _kill_workers)
    killer.daemon = True
    killer.start()
    failed: list[BaseException] = []

    def end_and_join() -> None:
        try:
            ending()
            pool.join()
        except BaseException as err:  # said in the build's thread, not lost in this one
            failed.append(err)

    waiting = threading.Thread(target=end_and_join, daemon=True)
    waiting.start()
    waiting.join(2 * GRACE)
    killer.cancel()
    if waiting.is_alive():  # stuck on a dead worker's lock: so would the pool's finalizer be,
        _kill_workers()  # which multiprocessing runs as Python exits, so the build never would
        pool._terminate.cancel()  # type: ignore[attr-defined]  # no public way to drop it
    if failed:
        raise failed[0]


def _kill_workers() -> None:
    import multiprocessing

    for worker in multiprocessing.active_children():
        with suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)


@contextmanager
def interrupted_by_sigterm() -> Iterator[None]:
    """SIGTERM stops the build as Ctrl-C does, so its workers are ended and its files tidied."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt("terminated")


# One thread of linear algebra per worker (numpy's and scipy's OpenBLAS start one per core
# when loaded): the build already runs a worker per core, and a library thread could take
# the SIGTERM meant for the main thread, which would then wait on the task queue for ever.
SINGLE_THREADED = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _start_worker(parent: int, close_fd: int | None) -> None:
    os.environ.update(dict.fromkeys(SINGLE_THREADED, "1"))  # before numpy is imported here
    if close_fd is not None:
        os.close(close_fd)  # the build's lock belongs to the build, not its workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the build, which ends us
    signal.signal(signal.SIGTERM, _exit_now)
    _die_with(parent)


def _exit_now(_signum: int, _frame: object) -> None:
    raise SystemExit(143)  # unwinds: atomic_path removes the temporary file


def _die_with(parent: int) -> None:
    """Be killed when the build process dies, even by kill -9."""
    if sys.platform == "linux":
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before prctl took effect
        os._exit(1)
    watch = threading.Thread(target=_watch, args=(parent, _exit_orphan), daemon=True)
    watch.start()  # for systems without prctl


def _watch(parent: int, on_orphan: Callable[[], None]) -> None:
    # Signals go to the main thread: taken here, SIGTERM would wait for a main thread
    # blocked on the task queue, and the worker would never end.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    while os.getppid() == parent:
        time.sleep(0.5)
    on_orphan()


def _exit_orphan() -> None:
    os._exit(1)
