"""Hostile leaflets, pictures and settings: `check` and `build` give the same clear answer.

tests/hostile/make_corpus.py writes each case with its expected answer (refused at a line
with certain words, or built); tests/hostile/runner.py runs both commands on each in a
forked child with a memory, CPU and wall-clock limit. Here, for every case: no traceback,
no internal error, no hang or crash, the expected answer, the same verdict and errors from
both commands, nothing written outside out/, and no raw control character or script in
any message or output.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from publisher.text.characters import refusal

from .hostile.make_corpus import all_cases, write_corpus

HERE = Path(__file__).resolve().parent / "hostile"
CASES = all_cases()
OUTPUTS = {".pdf", ".docx", ".html", ".mp3"}
LONGEST_LINE = 600  # characters: a message quoting input keeps to one readable line


@pytest.fixture(scope="module")
def corpus() -> Iterator[Path]:
    """Every case written and run once (both commands, two at a time).

    In a folder of its own: pytest's numbered folders are pruned by any other pytest run.
    """
    with tempfile.TemporaryDirectory(prefix="hostile-") as name:
        yield run_corpus(Path(name))


def run_corpus(folder: Path) -> Path:
    write_corpus(folder / "cases", folder / "cache")
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    (folder / "before.json").write_text(json.dumps([str(p) for p in before]))
    subprocess.run(
        [sys.executable, str(HERE / "runner.py"), str(folder / "cases"), "2"],
        check=True,
        timeout=900,
    )
    return folder


def result(corpus: Path, name: str) -> dict:
    return json.loads((corpus / "cases" / name / "result.json").read_text())


def errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error:")]


def test_the_corpus_is_large_and_varied() -> None:
    assert len(CASES) >= 120
    assert sum(case.line is None for case in CASES) >= 15  # some must build
    assert sum(bool(case.files) for case in CASES) >= 30  # pictures


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(corpus: Path, case) -> None:
    found = result(corpus, case.name)
    check, build = found["check"], found["build"]
    for run in (check, build):
        assert not run["timed_out"], f"{run['args']} hung"
        assert run["exit"] in (0, 1), f"{run['args']} ended with {run['exit']}:\n{run['output']}"
        assert "Traceback" not in run["output"], run["output"]
        assert "internal error" not in run["output"], run["output"]
        assert_clean_messages(run["output"])
    # The same verdict, and the same errors: whatever build refuses, check said first.
    assert check["exit"] == build["exit"], (check["output"], build["output"])
    assert errors(check["output"]) == errors(build["output"])
    assert_expected(case, check)
    project = corpus / "cases" / case.name
    assert_nothing_outside_out(corpus, project)
    outputs = [p for p in (project / "out").rglob("*") if p.suffix in OUTPUTS]
    if case.line is None:
        expected = {".pdf", ".docx", ".html"} | ({".mp3"} if case.audio else set())
        assert {p.suffix for p in outputs} == expected, build["output"]
    else:
        assert outputs == [], "a refused leaflet must leave no output"
    for path in outputs:
        assert_clean_output(path)


def assert_expected(case, check: dict) -> None:
    found = errors(check["output"])
    if case.line is None:
        assert check["exit"] == 0, check["output"]
        return
    assert check["exit"] == 1 and found, check["output"]
    if case.line == "toml":
        place = "error: publisher.toml"
    elif case.line == "file":
        place = "error: content/"
    else:
        place = f"error: content/{case.file}:{case.line}: "
    assert any(e.startswith(place) and case.words in e for e in found), (place, case.words, found)


def assert_clean_messages(output: str) -> None:
    for line in output.splitlines():
        assert len(line) <= LONGEST_LINE, line[:200]
        bad = [c for c in line if refusal(c) or (not c.isprintable() and c != "\t")]
        assert not bad, f"raw characters {bad!r} in: {line[:200]!r}"


def assert_nothing_outside_out(corpus: Path, project: Path) -> None:
    before = set(json.loads((corpus / "before.json").read_text()))
    logs = {"result.json", "check.log", "build.log"}
    for path in project.parent.parent.rglob("*"):
        relative = path.relative_to(corpus)
        if str(relative) in before or relative.parts[0] in ("cache", "before.json"):
            continue
        parts = relative.parts
        # cases/<case>/out/... and the runner's logs are the only new files
        assert len(parts) >= 3 and (parts[2] == "out" or parts[2] in logs), relative


# Control characters and noncharacters; the writers' own bidi embeddings (around numbers in
# right-to-left text) are theirs to use, and the text gate lets none in from the input.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def assert_clean_output(path: Path) -> None:
    if path.suffix == ".html":
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text.lower()
        assert not CONTROL.search(text), path
        assert not re.search(r"\son\w+\s*=", text), "an event handler attribute in the page"
    elif path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                if name.endswith(".xml"):
                    text = package.read(name).decode("utf-8")
                    assert not CONTROL.search(text), name
    elif path.suffix == ".pdf":
        import pikepdf

        with pikepdf.open(path) as pdf:
            title = str(pdf.open_metadata().get("dc:title", ""))
            assert not CONTROL.search(title)
