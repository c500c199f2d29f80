"""Run `publisher check` and `publisher build` on every case of a hostile corpus.

Usage: python runner.py CORPUS WORKERS. Writes CORPUS/<case>/result.json.

The package is imported once here; each command then runs in a child process forked
from this one (fast: no second start-up), with a memory and CPU limit set in the child
before it runs (as `preexec_fn` would), its output in a file, and a wall-clock timeout
after which it is killed. A crash, a hang or a signal is recorded, never hidden.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import time
import traceback
from pathlib import Path

MEMORY = 3 * 1024**3  # bytes of address space per command
CPU_SECONDS = 120
WALL_SECONDS = 150
FORMATS = "pdf,docx,html"


def preload() -> None:
    """Import what the commands use, so each forked child starts with it."""
    import publisher.checks.before_writing  # noqa: F401
    import publisher.cli  # noqa: F401
    from publisher.formats import FORMATS as TABLE

    for fmt in TABLE.values():
        fmt.load()


def limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def command(args: list[str], project: Path, log: Path) -> dict:
    """Run `publisher ARGS` in `project` in a forked, limited child; its exit and output."""
    sys.stdout.flush()
    sys.stderr.flush()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 70
        try:
            limit()
            os.chdir(project)
            out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(out, 1)
            os.dup2(out, 2)
            from publisher.cli import main

            main(args, prog_name="publisher")
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        except BaseException:  # noqa: BLE001 - recorded as a crash, which the test refuses
            traceback.print_exc()
            code = 70
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    status, timed_out = wait(pid, started)
    return {
        "args": args,
        "exit": os.waitstatus_to_exitcode(status) if status is not None else None,
        "timed_out": timed_out,
        "seconds": round(time.monotonic() - started, 2),
        "output": log.read_text(encoding="utf-8", errors="surrogateescape"),
    }


def wait(pid: int, started: float) -> tuple[int | None, bool]:
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status, False
        if time.monotonic() - started > WALL_SECONDS:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None, True
        time.sleep(0.02)


def run_case(project: Path, audio: bool) -> None:
    formats = FORMATS + (",audio" if audio else "")
    check = command(["check"], project, project / "check.log")
    build = command(["build", "--format", formats, "--jobs", "1"], project, project / "build.log")
    (project / "result.json").write_text(json.dumps({"check": check, "build": build}))


def main(corpus: Path, workers: int) -> None:
    preload()
    cases = json.loads((corpus / "cases.json").read_text())
    # One case that builds goes first, alone: it cuts the typeface into the shared cache once.
    first = next((case for case in cases if case["line"] is None), None)
    if first is not None:
        run_case(corpus / first["name"], first["audio"])
    running: set[int] = set()
    for case in (c for c in cases if c is not first):
        while len(running) >= workers:
            running.discard(os.wait()[0])
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                run_case(corpus / case["name"], case["audio"])
            finally:
                os._exit(0)
        running.add(pid)
    while running:
        running.discard(os.wait()[0])


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
