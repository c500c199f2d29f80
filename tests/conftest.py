"""Shared fixtures: sample leaflets, a scratch project, and external tools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
IN_CI = os.environ.get("CI", "").lower() == "true"
# Every test, and every `publisher` a test starts, keeps the machine's caches (font instances,
# leaflets read) here rather than in the user's cache folder: fonts are cut once per checkout,
# in tests/pdf_support.py's FONT_CACHE/fonts.
os.environ.setdefault("PUBLISHER_CACHE", str(ROOT / ".cache" / "publisher"))


def require_tool(name: str) -> str:
    """The path of an external program; skip without it, except under CI=true where it must exist."""
    found = shutil.which(name)
    if found:
        return found
    if IN_CI:
        pytest.fail(f"{name} is required in CI (.ci/run installs it)")
    pytest.skip(f"{name} is not installed")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the sample project (content and config) to change freely."""
    shutil.copytree(CONTENT, tmp_path / "content")
    if (ROOT / "locales").is_dir():
        shutil.copytree(ROOT / "locales", tmp_path / "locales")
    if (ROOT / "publisher.toml").is_file():
        shutil.copy(ROOT / "publisher.toml", tmp_path / "publisher.toml")
    return tmp_path


def write_leaflet(folder: Path, body: str, front: str = "", name: str = "test.md") -> Path:
    """Write a small leaflet with valid front matter plus `front` lines, then `body`."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (
        "---\ntitle: Test leaflet\nreviewed: 2026-01-10\nnext_review: 2029-01-10\n"
        f"{front}---\n{body}"
    )
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def books(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201  (epub_support.Built)
    """The sample talking books, built once for every module that reads them (a fixture
    imported into two modules would be two fixtures, built twice)."""
    from .epub_support import build_books

    return build_books(tmp_path_factory)
