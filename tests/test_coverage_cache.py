"""The characters a typeface shows are kept in the machine's cache until its files change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publisher.checks import glyphs
from publisher.text.fonts import character_map

from .rtl_support import require_noto_core

URDU = ("NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Bold.ttf")
ALEF, LATIN_A = 0x0627, 0x0041


def coverage(folders: tuple[Path, ...], cache: Path):
    """Without the once-per-process memory, as the next build on the machine would see it."""
    character_map.cache_clear()
    return glyphs.coverage_for.__wrapped__("ur", folders, cache)


@pytest.fixture
def fonts(tmp_path: Path) -> Path:
    system = require_noto_core(*URDU)
    folder = tmp_path / "fonts"
    folder.mkdir()
    for name in URDU:
        shutil.copy(system / name, folder / name)
    return folder


def test_a_kept_coverage_is_used_without_reading_the_fonts(
    fonts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "coverage"
    first = coverage((fonts,), cache)
    assert first.family == "Noto Nastaliq Urdu (or Noto Sans)"
    assert {ALEF, LATIN_A} <= first.codepoints and 0x1F48A not in first.codepoints
    assert len(list(cache.iterdir())) == 1

    def unread(path: Path) -> set[int]:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(glyphs, "cmap", unread)
    assert coverage((fonts,), cache) == first


def test_a_font_replaced_in_place_is_read_again(fonts: Path, tmp_path: Path) -> None:
    cache = tmp_path / "coverage"
    assert ALEF in coverage((fonts,), cache).codepoints
    latin_bold = require_noto_core("NotoSans-Bold.ttf") / "NotoSans-Bold.ttf"
    shutil.copyfile(latin_bold, fonts / URDU[1])  # the same name: the folder looks the same
    changed = coverage((fonts,), cache)
    assert ALEF not in changed.codepoints  # the bold face has no Arabic now: refused
    assert LATIN_A in changed.codepoints


def test_a_damaged_entry_is_read_again(fonts: Path, tmp_path: Path) -> None:
    cache = tmp_path / "coverage"
    first = coverage((fonts,), cache)
    [entry] = cache.iterdir()
    entry.write_text('{"family": "Forged", "files": [], "codepoints": "x"}')
    assert coverage((fonts,), cache) == first


def test_projects_without_fonts_of_their_own_share_one_entry(
    fonts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new project on the machine finds the coverage the last one kept (its fonts/ folder
    is not there, so it cannot change what is found), and reads no font for it."""
    cache = tmp_path / "coverage"
    first = coverage((tmp_path / "one" / "fonts", fonts), cache)
    monkeypatch.setattr(glyphs, "cmap", lambda path: pytest.fail(f"{path} was read again"))
    assert coverage((tmp_path / "two" / "fonts", fonts), cache) == first
    assert len(list(cache.iterdir())) == 1


def test_a_project_that_adds_a_fonts_folder_is_read_again(fonts: Path, tmp_path: Path) -> None:
    cache = tmp_path / "coverage"
    project_fonts = tmp_path / "project" / "fonts"
    coverage((project_fonts, fonts), cache)
    project_fonts.mkdir(parents=True)  # its fonts come first, and may show other characters
    coverage((project_fonts, fonts), cache)
    assert len(list(cache.iterdir())) == 2
