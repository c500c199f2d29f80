"""Nothing stale, half-built or withdrawn stays on offer: the build under faults, run as a user
runs it (its own process, real files): partial builds, kill -9, signals, two builds at once,
a file that cannot be written, a full disk and a read-only out/."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import random
import select
import shutil
import signal
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from .conftest import ROOT, require_tool, write_leaflet
from .i18n_support import REVIEWER, TRANSLATOR_NAME, run, sign, translate, write_config
from .integrity_support import (
    alive,
    catalogue_links,
    children,
    manifest_now,
    outputs,
    processes_of,
    publisher,
    sha256,
    start,
    temporaries,
    text_of,
    wait_until,
)

OLD = "Do not eat anything for 6 hours before your test."
NEW = "You can eat as normal before your test."
BODY = f"## Before your test\n\n{OLD} You can drink water.\n\n## After your test\n\nCall 0800 123 4567 if you feel unwell.\n"
TRANSLATOR = f"{TRANSLATOR_NAME} <translator@example.org>"
FORMATS = ("large-print.pdf", "docx", "easy-read.html", "mp3")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One font and speech cache for the module's projects: each builds only what is new."""
    return tmp_path_factory.mktemp("cache")


def configure(root: Path, languages: list[str], cache: Path) -> None:
    write_config(root, languages, cache=cache)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def files_of(out: Path, slug: str, language: str) -> list[Path]:
    return [out / slug / language / f"{slug}{'-' if '-' in f else '.'}{f}" for f in FORMATS]


# --- partial builds withdraw what changed since review -----------------------------------


@pytest.fixture(scope="module")
def signed_off(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> Path:
    """Two leaflets; 'fasting' translated into Welsh and signed off; every format built."""
    require_tool("espeak-ng")
    root = tmp_path_factory.mktemp("signed-off")
    write_leaflet(root / "content", BODY, name="fasting.md")
    write_leaflet(
        root / "content", "## Parking\n\nThere is parking by the clinic.\n", name="parking.md"
    )
    configure(root, ["cy"], cache)
    assert run(root, "i18n", "extract").exit_code == 0
    assert (
        run(root, "i18n", "update", "--lang", "cy", str(root / "content" / "fasting.md")).exit_code
        == 0
    )
    for domain in ("fasting", "publisher"):
        translate(root / "locales" / "cy" / f"{domain}.po", None, TRANSLATOR)
        signed = sign(root, domain, reviewer=REVIEWER)
        assert signed.exit_code == 0, signed.output
    built = publisher(root, "build", "--jobs", "2", "content/fasting.md")
    assert built.returncode == 0, built.stderr
    assert all(path.is_file() for path in files_of(root / "out", "fasting", "cy"))
    built = publisher(root, "build", "--format", "html", "content/parking.md")
    assert built.returncode == 0, built.stderr
    return root


def edited_copy(signed_off: Path, tmp_path: Path) -> Path:
    """The built project after the English text changed (the Welsh now says the opposite)."""
    root = tmp_path / "project"
    shutil.copytree(signed_off, root)
    source = root / "content" / "fasting.md"
    source.write_text(source.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    return root


PARTIAL = {
    "one language": (["--lang", "en-GB"], 0),
    "the changed language": (["--lang", "cy"], 1),
    "another leaflet": (["content/parking.md"], 0),
    "one format": (["--format", "html"], 0),
}


@pytest.mark.parametrize(("args", "code"), PARTIAL.values(), ids=PARTIAL.keys())
def test_a_partial_build_withdraws_a_translation_changed_since_review(
    signed_off: Path, tmp_path: Path, args: list[str], code: int
) -> None:
    root = edited_copy(signed_off, tmp_path)
    out = root / "out"
    done = publisher(root, "build", "--jobs", "2", *args)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    # every Welsh format is gone, and said so
    assert not (out / "fasting" / "cy").exists()
    for path in files_of(out, "fasting", "cy"):
        assert f"removed {path.relative_to(root)}: changed since review" in done.stdout
    assert not [key for key in manifest_now(out) if key.startswith("fasting/cy/")]
    # the catalogue tells staff, with the date, and links nothing that says the old text
    page = (out / "index.html").read_text(encoding="utf-8")
    welsh = page[page.index("Welsh (cy)") :]
    welsh = welsh[: welsh.index("</div>")]
    assert "Withdrawn: changed since review." in welsh
    assert f"Taken out on {long_date(date.today())}" in welsh
    assert f"Last signed off on {long_date(date.today())}" in welsh
    for link in catalogue_links(out):
        assert OLD not in text_of(out / link), link
    for path in outputs(out):
        assert OLD not in text_of(path), path


def test_a_partial_build_keeps_what_is_still_signed_off(signed_off: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(signed_off, root)
    done = publisher(root, "build", "--lang", "en-GB", "--format", "html")
    assert done.returncode == 0, done.stderr
    assert "removed" not in done.stdout
    assert all(path.is_file() for path in files_of(root / "out", "fasting", "cy"))
    assert "Withdrawn" not in (root / "out" / "index.html").read_text(encoding="utf-8")


def test_a_withdrawal_stays_in_the_catalogue_until_built_again(
    signed_off: Path, tmp_path: Path
) -> None:
    root = edited_copy(signed_off, tmp_path)
    assert publisher(root, "build", "--lang", "en-GB", "--format", "html").returncode == 0
    again = publisher(root, "build", "--lang", "en-GB", "--format", "html")
    assert "2 file(s) already up to date" in again.stdout and "removed" not in again.stdout
    page = (root / "out" / "index.html").read_text(encoding="utf-8")
    assert page.count("Withdrawn: changed since review.") == 1


# --- kill -9 at random moments -------------------------------------------------------------


def version(root: Path, name: str) -> str:
    """Write version A or B of the leaflet (title and text differ); return its SHA-256."""
    body = BODY if name == "A" else BODY.replace(OLD, NEW)
    path = write_leaflet(root / "content", body, name="fasting.md")
    path.write_text(path.read_text().replace("Test leaflet", f"Fasting {name}"), encoding="utf-8")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_out(out: Path, versions: dict[str, str]) -> None:
    """Each output opens in its reader; each manifest entry is true of its file."""
    for path in outputs(out):
        text_of(path)
    entries = manifest_now(out)
    for key, entry in entries.items():
        path = out / key
        if not path.is_file():
            continue
        assert sha256(path) == entry["sha256"], key
        built_from = {sha: name for name, sha in versions.items()}[
            entry["inputs"]["content/fasting.md"]
        ]
        assert f"Fasting {built_from}" in text_of(path), key
    for link in catalogue_links(out):
        assert (out / link).is_file(), link


def compare_module():
    spec = importlib.util.spec_from_file_location(
        "compare_builds", ROOT / "scripts" / "compare_builds.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


KILL_FORMATS = ("--format", "pdf,docx,html,audio")  # what the issue names; EPUB is slower


def test_kill_9_at_random_moments_never_leaves_a_lie(tmp_path: Path, cache: Path) -> None:
    require_tool("espeak-ng")
    root = tmp_path / "project"
    root.mkdir()
    configure(root, [], cache)
    versions = {"A": version(root, "A")}
    assert (
        publisher(root, "build", *KILL_FORMATS, "--jobs", "2").returncode == 0
    )  # speech cached for A...
    versions["B"] = version(root, "B")
    assert publisher(root, "build", *KILL_FORMATS, "--jobs", "2").returncode == 0  # ...and for B
    version(root, "A")
    started = time.monotonic()
    clean = publisher(root, "build", *KILL_FORMATS, "--jobs", "2", "--out", str(tmp_path / "clean"))
    assert clean.returncode == 0, clean.stderr
    full = time.monotonic() - started  # a whole build: the kills fall anywhere within it
    out, moments = root / "out", random.Random(12)
    for turn in range(15):
        version(root, "AB"[turn % 2])
        build = start(root, "build", *KILL_FORMATS, "--jobs", "2")
        time.sleep(moments.uniform(0.0, full))
        build.kill()
        build.communicate()
        assert wait_until(lambda: not processes_of(root), 10), "a worker outlived its build"
        check_out(out, versions)
        assert len(temporaries(out)) <= 2 + 2  # a file per worker, the manifest and catalogue
    version(root, "A")
    final = publisher(root, "build", *KILL_FORMATS, "--jobs", "2")
    assert final.returncode == 0, final.stderr
    check_out(out, versions)
    assert temporaries(out) == [] and not (out / ".manifest-journal.jsonl").exists()
    assert [d for d in out.rglob("*") if d.is_dir() and not any(d.iterdir())] == []
    assert set(manifest_now(out)) == {p.relative_to(out).as_posix() for p in outputs(out)}
    compare = compare_module()
    for path in outputs(out) + [out / "index.html"]:
        twin = tmp_path / "clean" / path.relative_to(out)
        assert compare.normalised(path) == compare.normalised(twin), path
    assert compare.normalised(out / "manifest.json") == compare.normalised(
        tmp_path / "clean" / "manifest.json"
    )


# --- workers end with the build -------------------------------------------------------------


def slow_project(root: Path, *names: str) -> Path:
    for name in names:
        write_leaflet(root / "content", "Some text.\n", name=f"{name}.md")
    write_config(root, [])
    return root


def started_writing(build: subprocess.Popen, out: Path) -> list[int]:
    """Wait until two workers are writing; return their process ids."""
    assert wait_until(lambda: len(children(build.pid)) >= 2 and len(temporaries(out)) >= 2, 60)
    return children(build.pid)


ENDINGS = {"Ctrl-C": signal.SIGINT, "SIGTERM": signal.SIGTERM, "kill -9": signal.SIGKILL}


@pytest.mark.parametrize("ending", ENDINGS.values(), ids=ENDINGS.keys())
def test_no_worker_outlives_its_build(tmp_path: Path, ending: signal.Signals) -> None:
    root = slow_project(tmp_path, "one", "two", "three")
    out = root / "out"
    build = start(
        root, "build", "--format", "slow", "--jobs", "2", stand_in=True, SLOW_SECONDS="60"
    )
    workers = started_writing(build, out)
    if ending == signal.SIGINT:
        os.killpg(build.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
    else:
        os.kill(build.pid, ending)
    _, stderr = build.communicate(timeout=30)
    assert wait_until(lambda: not any(alive(w) for w in workers), 10), "a worker outlived its build"
    assert processes_of(root) == []
    assert outputs(out) == []  # nobody went on to finish a file
    if ending != signal.SIGKILL:
        assert build.returncode == 130
        assert stderr.strip().splitlines()[-1].startswith("error: build interrupted")
        assert "Traceback" not in stderr
        assert temporaries(out) == [] and manifest_now(out) == {}
    again = publisher(root, "build", "--format", "slow", "--jobs", "2", stand_in=True)
    assert again.returncode == 0, again.stderr
    assert temporaries(out) == []
    assert sorted(manifest_now(out)) == [f"{n}/en-GB/{n}.txt" for n in ("one", "three", "two")]


# --- two builds at once ---------------------------------------------------------------------


def test_a_second_build_waits_for_the_first_and_both_are_recorded(tmp_path: Path) -> None:
    root = slow_project(tmp_path, "one", "two")
    out, gate = root / "out", tmp_path / "gate"
    args = ("build", "--format", "slow", "--jobs", "2")
    first = start(root, *args, "content/one.md", stand_in=True, GATE=str(gate))
    assert wait_until(lambda: len(temporaries(out)) >= 1, 60)
    second = start(root, *args, "content/two.md", stand_in=True)
    ready, _, _ = select.select([second.stderr], [], [], 60)
    assert ready, "the second build neither waited nor said so"
    waited = second.stderr.readline()
    assert waited.startswith(
        f"waiting for the build already running on out (pid {first.pid}, started 20"
    )
    gate.touch()
    first_err = first.communicate(timeout=120)[1]
    second_err = second.communicate(timeout=120)[1]
    assert first.returncode == 0 and second.returncode == 0, first_err + second_err
    manifest = json.loads((out / "manifest.json").read_text())
    assert sorted(manifest) == ["one/en-GB/one.txt", "two/en-GB/two.txt"]
    assert sorted(catalogue_links(out)) == ["one/en-GB/one.txt", "two/en-GB/two.txt"]


# --- a file that cannot be written ----------------------------------------------------------


def test_a_title_word_cannot_store_is_refused_at_its_line(tmp_path: Path) -> None:
    """Word keeps a title of at most 255 characters: said before anything is written."""
    long = write_leaflet(tmp_path / "content", BODY, name="long.md")
    long.write_text(long.read_text().replace("title: Test leaflet", "title: " + "Fasting " * 40))
    write_config(tmp_path, [])
    done = publisher(tmp_path, "build", "--format", "docx")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith("error: content/long.md:2: "), done.stderr


def test_a_file_that_fails_while_writing_fails_alone(tmp_path: Path) -> None:
    """A writer's failure names the file and format; the rest is built, listed and true."""
    root = slow_project(tmp_path, "one", "two")
    crash = write_leaflet(root / "content", "Some text.\n", name="crash.md")
    crash.write_text(crash.read_text().replace("Test leaflet", "CRASH"))
    done = publisher(root, "build", "--format", "slow", "--jobs", "2", stand_in=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(
        "error: content/crash.md: the slow file crash.txt could not be written: "
        "ValueError: exceeded 255 char limit for property"
    ), done.stderr
    out = root / "out"
    expected = ["one/en-GB/one.txt", "two/en-GB/two.txt"]
    assert [p.relative_to(out).as_posix() for p in outputs(out)] == expected
    assert sorted(json.loads((out / "manifest.json").read_text())) == expected
    assert sorted(catalogue_links(out)) == expected
    assert temporaries(out) == []


# --- a full disk and a read-only out/ ---------------------------------------------------------


def test_a_full_disk_is_one_line_naming_the_file(tmp_path: Path) -> None:
    """Simulated: the writer meets ENOSPC, as it would on a full disk."""
    root = slow_project(tmp_path, "one", "two")
    full = write_leaflet(root / "content", "Some text.\n", name="full.md")
    full.write_text(full.read_text().replace("Test leaflet", "DISK FULL"))
    done = publisher(root, "build", "--format", "slow", "--jobs", "1", stand_in=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: out/full/en-GB/full.txt: cannot write: the disk is full (no space left on device)"
    ]
    out = root / "out"
    assert temporaries(out) == []
    for key, entry in manifest_now(out).items():
        assert sha256(out / key) == entry["sha256"]


def mount(*args: str) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a file system needs root")
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")


@pytest.fixture
def small_disk(tmp_path: Path):
    """out/ on a 36 KiB tmpfs: room for the large-print PDF (24 KiB), not for the Word
    file as well (12 KiB) and the manifest."""
    out = tmp_path / "out"
    out.mkdir()
    mount("-t", "tmpfs", "-o", "size=36k", "tmpfs", str(out))
    yield out
    subprocess.run(["umount", "-l", str(out)], check=False)


def test_a_really_full_disk(tmp_path: Path, small_disk: Path, cache: Path) -> None:
    write_leaflet(tmp_path / "content", BODY, name="fasting.md")
    configure(tmp_path, [], cache)
    done = publisher(tmp_path, "build", "--format", "pdf,docx", "--jobs", "1")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith("error: out/") and "the disk is full" in errors[0]
    assert temporaries(small_disk) == []
    for key, entry in manifest_now(small_disk).items():
        assert sha256(small_disk / key) == entry["sha256"]
        text_of(small_disk / key)


@pytest.mark.parametrize("size", ["24k", "28k", "32k", "40k", "44k"])
def test_a_disk_that_fills_at_any_step_names_the_file(
    tmp_path: Path, cache: Path, size: str
) -> None:
    """Full while the PDF, the Word file, the manifest's journal, the manifest or the
    catalogue is written: one line naming that file, no traceback, and no word of a
    catalogue that is not there."""
    out = tmp_path / "out"
    out.mkdir()
    mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(out))
    try:
        write_leaflet(tmp_path / "content", BODY, name="fasting.md")
        configure(tmp_path, [], cache)
        done = publisher(tmp_path, "build", "--format", "pdf,docx", "--jobs", "1")
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
        assert errors and all(line.startswith("error: out/") for line in errors), errors
        assert all("the disk is full" in line for line in errors), errors
        listed = "every file built is listed in out/index.html" in done.stdout
        assert listed == (out / "index.html").is_file()
        assert temporaries(out) == []
    finally:
        subprocess.run(["umount", "-l", str(out)], check=False)


@pytest.fixture
def read_only_out(tmp_path: Path):
    """A built out/, then mounted read-only over itself (chmod does not stop root)."""
    out = tmp_path / "out"
    write_leaflet(tmp_path / "content", "Some text.\n", name="one.md")
    write_config(tmp_path, [])
    assert publisher(tmp_path, "build", "--format", "html").returncode == 0
    mount("--bind", str(out), str(out))
    mount("-o", "remount,ro,bind", str(out))
    yield out
    subprocess.run(["umount", "-l", str(out)], check=False)


def test_a_read_only_out_is_one_line_naming_it(tmp_path: Path, read_only_out: Path) -> None:
    page = read_only_out / "one" / "en-GB" / "one-easy-read.html"
    before = page.read_bytes()
    source = tmp_path / "content" / "one.md"
    source.write_text(source.read_text().replace("Some text.", "Other text."))
    done = publisher(tmp_path, "build", "--format", "html")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "error: out: cannot write: the folder is read-only (read-only file system)"
    ]
    assert page.read_bytes() == before


def test_an_output_no_manifest_vouches_for_is_taken_out(tmp_path: Path) -> None:
    """A lost manifest must not leave files nobody knows to be current on offer."""
    root = slow_project(tmp_path, "one", "two")
    out = root / "out"
    assert publisher(root, "build", "--format", "slow", stand_in=True).returncode == 0
    (out / "manifest.json").write_text("{}")
    (root / "content" / "two.md").unlink()
    (out / "three" / "cy").mkdir(parents=True)  # as an interrupted first build can leave it
    done = publisher(root, "build", "--format", "slow", stand_in=True)
    assert done.returncode == 0, done.stderr
    assert not (out / "three").exists()
    assert "removed out/two/en-GB/two.txt: not recorded in the manifest" in done.stdout
    assert [p.relative_to(out).as_posix() for p in outputs(out)] == ["one/en-GB/one.txt"]
