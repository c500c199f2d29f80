"""A build with nothing to do reads no Markdown, yet never trusts a leaflet that changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publisher.build.read_cache import ReadCache
from publisher.errors import ContentError
from publisher.files import CACHE_VARIABLE
from publisher.reading import source

from .conftest import CONTENT, write_leaflet

BODY = "## Your visit\n\n![A calendar](calendar.svg)\n\nCome at 9am.\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ReadCache:
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "machine"))
    return ReadCache(tmp_path / "project-cache", code="code version 1")


@pytest.fixture
def leaflet(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(CONTENT / "images" / "easy" / "calendar.svg", folder / "calendar.svg")
    return write_leaflet(folder, BODY)


def counting(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every leaflet the Markdown reader reads."""
    read: list[Path] = []
    real = source.read_leaflet

    def spy(path: Path, language: str = "en-GB"):
        read.append(path)
        return real(path, language)

    monkeypatch.setattr(source, "read_leaflet", spy)
    return read


def test_an_unchanged_leaflet_is_read_once(cache, leaflet, monkeypatch) -> None:
    read = counting(monkeypatch)
    first = cache.read(leaflet, "en-GB")
    again = cache.read(leaflet, "en-GB")
    assert read == [leaflet]
    assert again == first and again.sections[0].title == "Your visit"
    assert len(list(cache.folder.glob("*.pickle"))) == 1  # kept in the machine's cache
    other_code = ReadCache(Path("unused"), code="code version 2")
    assert other_code.read(leaflet, "en-GB") == first
    assert read == [leaflet, leaflet]  # new code reads again


def test_an_edited_leaflet_is_read_again(cache, leaflet, monkeypatch) -> None:
    cache.read(leaflet, "en-GB")
    leaflet.write_text(leaflet.read_text(encoding="utf-8").replace("9am", "10am"), encoding="utf-8")
    paragraph = cache.read(leaflet, "en-GB").sections[0].blocks[-1]
    assert "10am" in repr(paragraph)


def test_a_missing_or_replaced_picture_is_refused_as_a_fresh_read_would(
    cache, leaflet, tmp_path
) -> None:
    cache.read(leaflet, "en-GB")
    picture = leaflet.parent / "calendar.svg"
    picture.unlink()
    next_build = ReadCache(tmp_path / "project-cache", cache.code)  # pictures asked afresh
    with pytest.raises(ContentError, match="does not exist"):
        next_build.read(leaflet, "en-GB")
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg/>", encoding="utf-8")
    picture.symlink_to(secret)  # now a link out of the content folder
    next_build = ReadCache(tmp_path / "project-cache", cache.code)
    with pytest.raises(ContentError, match="outside the content folder"):
        next_build.read(leaflet, "en-GB")


def test_a_damaged_entry_is_read_again(cache, leaflet, monkeypatch) -> None:
    cache.read(leaflet, "en-GB")
    for entry in cache.folder.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    read = counting(monkeypatch)
    assert cache.read(leaflet, "en-GB").title == "Test leaflet"
    assert read == [leaflet]


def test_a_leaflet_with_problems_is_never_kept(cache, tmp_path) -> None:
    bad = write_leaflet(tmp_path / "content", "## Visit\n\n![](nothing.png)\n", name="bad.md")
    for _ in range(2):
        with pytest.raises(ContentError):
            cache.read(bad, "en-GB")
    assert not list(cache.folder.glob("*.pickle"))
