"""publisher beside pandoc and `espeak-ng | lame` on one machine, as ratios, with the targets.

    .venv/bin/python benchmarks/compare.py [--leaflets 100] [--cold-leaflets N] [--audio-leaflets 10]

It makes a catalogue of N leaflets from the samples (scripts/make_catalogue.py) in a
scratch folder and, in the same run, times:

- a cold build of the whole catalogue with --jobs 1 and with --jobs 2 (wall time: the
  only figure that is not CPU time, so say how busy the machine was), the serial part of
  the --jobs 2 build (its build process's own CPU time), and then a build with nothing
  to do (`--only whole --cold-leaflets N` runs just these, on N leaflets);
- Word + HTML for every leaflet, against pandoc run once per leaflet and format as a
  user would (`pandoc x.md -o x.docx`, `pandoc -s --embed-resources x.md -o x.html`),
  and the same for one leaflet from a fresh process (a short command: the least CPU of
  three runs, for publisher and pandoc alike, as for the build with nothing to do);
- audio: seconds of audio per CPU second, against `espeak-ng | lame` on the same text,
  and the peak memory of one audio job;
- a second project on the same machine: how many fonts it cuts.

Every command runs in its own process; CPU time is user + system time of that process
and its children (os.wait4), so other work on a shared machine counts little.
pandoc, espeak-ng and lame are optional (Debian: apt-get install pandoc espeak-ng lame);
a comparison whose tool is missing is left out, and says so.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from make_catalogue import make  # noqa: E402  (a script beside this one, not a package)

PUBLISHER = [sys.executable, "-m", "publisher.cli"]
# publisher, saying at its end the CPU time of the build process alone (not its workers):
# the serial part of a parallel build, which bounds what a second core can give.
SELF_TIMED = (
    "import atexit, resource, sys\n"
    "def said():\n"
    "    used = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    print(f'build process CPU {used.ru_utime + used.ru_stime:.3f}', file=sys.stderr)\n"
    "atexit.register(said)\n"
    "from publisher.cli import run\n"
    "run()\n"
)
PARTS = ("whole", "word-html", "audio", "second")
REPEATS = 3  # for the short commands (a no-op build, one leaflet): the least CPU time counts


def _embed_option() -> str:
    """pandoc 2.19 renamed --self-contained to --embed-resources (Debian 12 has 2.17)."""
    if not shutil.which("pandoc"):
        return ""
    shown = subprocess.run(["pandoc", "--help"], capture_output=True, text=True).stdout
    return "--embed-resources" if "--embed-resources" in shown else "--self-contained"


EMBED = _embed_option()


@dataclass(frozen=True)
class Usage:
    cpu: float  # seconds, user + system, the process and its children
    wall: float
    peak_mb: float  # the largest resident size of the process or any child

    def __add__(self, other: Usage) -> Usage:
        return Usage(self.cpu + other.cpu, self.wall + other.wall, max(self.peak_mb, other.peak_mb))


ZERO = Usage(0.0, 0.0, 0.0)


def run(command: Sequence[str], cwd: Path, env: dict[str, str], stdin: int | None = None) -> Usage:
    """Run one command to its end and measure it; stop the benchmark if it fails."""
    return run_said(command, cwd, env, stdin)[0]


def run_said(
    command: Sequence[str], cwd: Path, env: dict[str, str], stdin: int | None = None
) -> tuple[Usage, str]:
    """`run`, with what the command wrote to stderr."""
    start = time.perf_counter()
    with subprocess.Popen(
        command, cwd=cwd, env=env, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as process:
        error = process.stderr.read() if process.stderr else b""
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{error.decode()}")
    used = Usage(
        usage.ru_utime + usage.ru_stime, time.perf_counter() - start, usage.ru_maxrss / 1024
    )
    return used, error.decode(errors="replace")


def pipeline(first: Sequence[str], second: Sequence[str], cwd: Path, env: dict[str, str]) -> Usage:
    """`first | second`, both measured."""
    start = time.perf_counter()
    one = subprocess.Popen(first, cwd=cwd, env=env, stdout=subprocess.PIPE)
    two = subprocess.Popen(second, cwd=cwd, env=env, stdin=one.stdout, stdout=subprocess.DEVNULL)
    assert one.stdout is not None
    one.stdout.close()
    cpu, peak = 0.0, 0.0
    for process in (one, two):
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise SystemExit(f"failed: {' '.join(first)} | {' '.join(second)}")
        cpu += usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss / 1024)
    return Usage(cpu, time.perf_counter() - start, peak)


def publisher(root: Path, env: dict[str, str], *args: str) -> Usage:
    return run([*PUBLISHER, "--root", str(root), *args], root, env)


class Report:
    """Figures, each with what it is compared with, the ratio and the issue's target."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(
        self, name: str, ours: str, reference: str = "", target: str = "", met: bool | None = None
    ) -> None:
        verdict = "" if met is None else ("met" if met else "NOT MET")
        self.rows.append((name, ours, reference, f"{target} {verdict}".strip()))
        print(
            f"- {name}: {ours}"
            + (f"; {reference}" if reference else "")
            + (f" [{target} {verdict}]" if target else ""),
            flush=True,
        )

    def table(self) -> str:
        lines = ["| figure | publisher | compared with | target |", "| --- | --- | --- | --- |"]
        lines += [f"| {' | '.join(cell.replace('|', '/') for cell in row)} |" for row in self.rows]
        return "\n".join(lines)


def catalogue(folder: Path, leaflets: int) -> Path:
    make(folder, leaflets)
    return folder


def environment(cache_home: Path) -> dict[str, str]:
    """This machine's environment with its user cache folder (font instances) at `cache_home`.

    Python writes its bytecode (PYTHONDONTWRITEBYTECODE is dropped) as for a tool that pip
    installed and compiled: compiling every module again would count in each process."""
    dropped = ("PUBLISHER_CACHE", "CI", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    return env | {"XDG_CACHE_HOME": str(cache_home)}


def font_files(cache_home: Path) -> dict[str, int]:
    folder = cache_home / "publisher" / "fonts"
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.ttf")} if folder.is_dir() else {}


def audio_seconds(folder: Path) -> float:
    from mutagen.mp3 import MP3

    return sum(MP3(path).info.length for path in folder.rglob("*.mp3"))


def speech_texts(content: Path, scratch: Path) -> list[Path]:
    """The words each leaflet's recording says, one file per leaflet, for espeak-ng."""
    from publisher.config import Config
    from publisher.formats import WriteContext
    from publisher.reading.source import read_leaflet
    from publisher.speech.script import speech_script

    scratch.mkdir()
    texts = []
    for source in sorted(content.glob("*.md")):
        script = speech_script(read_leaflet(source), WriteContext(Config(), date.today()))
        text = scratch / f"{source.stem}.txt"
        text.write_text(script.text(), encoding="utf-8")
        texts.append(text)
    return texts


def least(measure: Callable[[], Usage]) -> Usage:
    """The least CPU of REPEATS runs: a short command on a busy machine varies by half."""
    return min((measure() for _ in range(REPEATS)), key=lambda usage: usage.cpu)


def ratio(ours: float, theirs: float) -> float:
    return ours / theirs if theirs else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaflets", type=int, default=100)
    parser.add_argument("--cold-leaflets", type=int, help="for the cold --jobs builds (default: N)")
    parser.add_argument("--audio-leaflets", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="make the scratch folders here and keep them")
    parser.add_argument(
        "--only", choices=PARTS, action="append", help="run only these parts (default: all)"
    )
    options = parser.parse_args()
    n = options.leaflets
    scratch = Path(options.keep or tempfile.mkdtemp(prefix="publisher-compare-"))
    scratch.mkdir(parents=True, exist_ok=True)
    report = Report()
    have = {tool: shutil.which(tool) for tool in ("pandoc", "espeak-ng", "lame")}
    print(f"# publisher compared, {n} leaflets, in {scratch}")
    print(
        f"load average at the start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs", flush=True
    )
    try:
        parts = options.only or PARTS
        if "whole" in parts:
            whole(scratch, options.cold_leaflets or n, report)
        if "word-html" in parts:
            word_and_html(scratch, n, report, have["pandoc"] is not None)
        if "audio" in parts:
            audio_leaflets = min(n, options.audio_leaflets)
            audio(scratch, audio_leaflets, report, bool(have["espeak-ng"] and have["lame"]))
        if "second" in parts:
            second_project(scratch, report)
    finally:
        if not options.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    print()
    print(report.table())


def whole(scratch: Path, n: int, report: Report) -> None:
    """Cold builds of the catalogue with one and two jobs, each with empty caches."""
    one = catalogue(scratch / "jobs1", n)
    load = os.getloadavg()[0]
    first = publisher(one, environment(scratch / "cache-jobs1"), "build", "--jobs", "1")
    two = catalogue(scratch / "jobs2", n)
    command = [sys.executable, "-c", SELF_TIMED, "--root", str(two), "build", "--jobs", "2"]
    second, said = run_said(command, two, environment(scratch / "cache-jobs2"))
    load = max(load, os.getloadavg()[0])
    speed_up = ratio(first.wall, second.wall)
    report.add(
        f"cold build of {n} leaflets, --jobs 2 vs --jobs 1 (wall time; load average up to {load:.1f})",
        f"{second.wall:.0f} s vs {first.wall:.0f} s = {speed_up:.2f}x faster",
        f"CPU {second.cpu:.0f} s vs {first.cpu:.0f} s",
        ">= 1.6x on two idle cores",
        speed_up >= 1.6,
    )
    nothing = least(lambda: publisher(two, environment(scratch / "cache-jobs2"), "build"))
    report.add(
        f"build with nothing to do, {n} leaflets (every format of the catalogue)",
        f"{nothing.cpu:.2f} s CPU",
        target="< 0.5 s CPU" + ("" if n >= 100 else f" (for 100 leaflets; this is {n})"),
        met=nothing.cpu < 0.5,
    )
    found = re.search(r"build process CPU ([0-9.]+)", said)
    if found:
        serial = float(found[1]) / second.cpu
        report.add(
            "serial part of that --jobs 2 build (the build process itself, not its workers)",
            f"{float(found[1]):.1f} s of {second.cpu:.0f} s CPU = {serial:.1%}",
            f"so at most {1 / (serial + (1 - serial) / 2):.2f}x on two cores (Amdahl)",
        )


def word_and_html(scratch: Path, n: int, report: Report, pandoc: bool) -> None:
    """Word + HTML CPU per leaflet, for the catalogue and for one leaflet, beside pandoc's."""
    project = catalogue(scratch / "docx-html", n)
    env = environment(scratch / "cache-jobs1")
    ours = publisher(project, env, "build", "--format", "docx,html", "--jobs", "1")
    nothing = least(lambda: publisher(project, env, "build", "--format", "docx,html"))
    report.add(
        f"build with nothing to do, {n} leaflets (Word and HTML built)",
        f"{nothing.cpu:.2f} s CPU",
        target="< 0.5 s CPU" + ("" if n >= 100 else f" (for 100 leaflets; this is {n})"),
        met=nothing.cpu < 0.5,
    )
    singles = (catalogue(scratch / f"single-{n}", 1) for n in range(REPEATS))
    # Each a project not built before (its leaflet not read yet), in its own fresh process.
    one = least(
        lambda: publisher(next(singles), env, "build", "--format", "docx,html", "--jobs", "1")
    )
    single = scratch / "single-0"
    if not pandoc:
        report.add(
            "Word + HTML per leaflet", f"{ours.cpu / n:.3f} s CPU", "pandoc is not installed"
        )
        return
    theirs = ZERO
    for source in sorted((project / "content").glob("*.md")):
        theirs += pandoc_both(source, scratch / "pandoc", env)
    per = ratio(ours.cpu, theirs.cpu)
    report.add(
        f"Word + HTML, CPU per leaflet over {n} leaflets",
        f"{ours.cpu / n:.3f} s",
        f"pandoc {theirs.cpu / n:.3f} s: {per:.2f}x pandoc's",
        "<= 0.6x pandoc's",
        per <= 0.6,
    )
    source = next((single / "content").glob("*.md"))
    theirs_one = least(lambda: pandoc_both(source, scratch / "pandoc", env))
    per_one = ratio(one.cpu, theirs_one.cpu)
    report.add(
        "Word + HTML of one leaflet from a fresh process",
        f"{one.cpu:.2f} s CPU",
        f"pandoc {theirs_one.cpu:.2f} s: {per_one:.2f}x pandoc's",
        "<= 3x pandoc's",
        per_one <= 3,
    )


def pandoc_both(source: Path, out: Path, env: dict[str, str]) -> Usage:
    """pandoc's Word file and self-contained HTML page of one leaflet, as a user runs it."""
    out.mkdir(exist_ok=True)
    folder = source.parent  # pictures are relative to the leaflet
    word = run(["pandoc", source.name, "-o", str(out / f"{source.stem}.docx")], folder, env)
    html = ["pandoc", "-s", EMBED, source.name, "-o", str(out / f"{source.stem}.html")]
    return word + run(html, folder, env)


def audio(scratch: Path, n: int, report: Report, espeak_lame: bool) -> None:
    """Seconds of audio per CPU second beside `espeak-ng | lame`, and one job's peak memory."""
    project = catalogue(scratch / "audio", n)
    env = environment(scratch / "cache-jobs1")
    ours = publisher(project, env, "build", "--format", "audio", "--jobs", "1")
    seconds = audio_seconds(project / "out")
    rate = seconds / ours.cpu
    theirs_rate = 0.0
    if espeak_lame:
        theirs = ZERO
        for text in speech_texts(project / "content", scratch / "speech-text"):
            speak = ["espeak-ng", "-v", "en-gb", "--stdout", "-f", str(text)]
            theirs += pipeline(
                speak, ["lame", "--quiet", "-", str(text.with_suffix(".mp3"))], scratch, env
            )
        theirs_rate = audio_seconds(scratch / "speech-text") / theirs.cpu
    compared = (
        f"espeak-ng | lame {theirs_rate:.0f} s/s: {ratio(rate, theirs_rate):.0%} of it"
        if espeak_lame
        else "espeak-ng or lame is not installed"
    )
    report.add(
        f"audio, {n} leaflets ({seconds:.0f} s of audio), from empty caches",
        f"{rate:.0f} s of audio per CPU second",
        compared,
        ">= 100 s/s (about 60% of espeak-ng | lame)",
        rate >= 100,
    )
    single = catalogue(scratch / "audio-one", 2)
    (single / "content" / "having-a-scan-001.md").unlink()  # the longer sample alone
    job = publisher(single, env, "build", "--format", "audio", "--jobs", "1")
    report.add(
        "peak memory of one audio job (the longer sample)",
        f"{job.peak_mb:.0f} MB",
        f"{audio_seconds(single / 'out'):.0f} s of audio",
        "< 300 MB",
        job.peak_mb < 300,
    )


def second_project(scratch: Path, report: Report) -> None:
    """Two projects on a machine whose font cache starts empty: the second cuts nothing."""
    cache_home = scratch / "cache-machine"
    first = publisher(
        catalogue(scratch / "first", 2), environment(cache_home), "build", "--format", "pdf,html"
    )
    before = font_files(cache_home)
    project = catalogue(scratch / "second", 2)
    used = publisher(project, environment(cache_home), "build", "--format", "pdf,html")
    after = font_files(cache_home)
    cut = [name for name in after if before.get(name) != after[name]]
    report.add(
        "first build of a second project on the machine (PDF + HTML, 2 leaflets)",
        f"{len(cut)} font(s) cut, {used.cpu:.2f} s CPU",
        f"the first project cut {len(before)} font instance(s) in {first.cpu:.1f} s CPU",
        "cuts no font",
        not cut and bool(before),
    )


if __name__ == "__main__":
    main()
