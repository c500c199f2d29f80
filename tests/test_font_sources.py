"""The language-to-typeface table: pip packages where they exist, named files where not."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from publisher.errors import BuildError
from publisher.text.font_sources import SOURCES, check_shaping, family_for, font_file

SAMPLES = {  # a sentence of each language the charity prints, with the digits it uses
    ("ar", "Arab"): "ماذا يحدث في يوم الفحص؟ اتصل بالرقم NHS 111 أو 0800 123 4567.",
    ("bn", "Beng"): "স্ক্যানের দিন কী হয়? NHS 111 নম্বরে ফোন করুন, ০৮০০ ১২৩ ৪৫৬৭।",
    ("zh", "Hans"): "扫描当天会发生什么？请拨打 NHS 111 或 0800 123 4567。",
    ("zh-TW", "Hant"): "掃描當天會發生什麼？請撥打 NHS 111。",
}


@pytest.mark.parametrize(
    ("language", "script", "family"),
    [
        ("ar", "Arab", "Noto Sans Arabic"),
        ("ur", "Arab", "Noto Nastaliq Urdu"),
        ("ur-PK", "Arab", "Noto Nastaliq Urdu"),
        ("fa", "Arab", "Noto Sans Arabic"),
        ("bn", "Beng", "Noto Sans Bengali"),
        ("pa", "Guru", "Noto Sans Gurmukhi"),
        ("pa-Arab", "Arab", "Noto Nastaliq Urdu"),
        ("zh", "Hans", "Noto Sans SC"),
        ("zh-TW", "Hant", "Noto Sans TC"),
        ("cy", "Latn", "Noto Sans"),
    ],
)
def test_each_language_has_its_typeface(language: str, script: str, family: str) -> None:
    assert family_for(language, script) == family


def test_a_script_without_a_typeface_is_a_clear_error() -> None:
    with pytest.raises(BuildError, match="no typeface is set up for the script 'Ethi'"):
        family_for("am", "Ethi")


@pytest.mark.parametrize(("language", "script"), SAMPLES)
@pytest.mark.parametrize("weight", [400, 700])
def test_pip_fonts_cover_their_languages_with_truetype_outlines(
    language: str, script: str, weight: int
) -> None:
    family = family_for(language, script)
    path = font_file(family, weight, [])
    font = TTFont(path, lazy=True)
    assert "glyf" in font  # ReportLab embeds TrueType outlines only
    cmap = font.getBestCmap()
    assert [char for char in SAMPLES[language, script] if ord(char) not in cmap] == []
    check_shaping(path, family, script)


def test_a_font_without_shaping_rules_for_the_script_is_refused() -> None:
    latin_only = font_file("Noto Sans", 400, [])
    with pytest.raises(BuildError, match="no shaping rules for the script 'Beng'"):
        check_shaping(latin_only, "Noto Sans", "Beng")


def test_a_font_no_package_ships_is_found_in_the_named_folders(tmp_path: Path) -> None:
    (tmp_path / "NotoSansGurmukhi-Bold.ttf").write_bytes(b"")
    assert (
        font_file("Noto Sans Gurmukhi", 700, [tmp_path]) == tmp_path / "NotoSansGurmukhi-Bold.ttf"
    )
    (tmp_path / "NotoNastaliqUrdu[wght].ttf").write_bytes(b"")
    assert font_file("Noto Nastaliq Urdu", 400, [tmp_path]).name == "NotoNastaliqUrdu[wght].ttf"


def test_a_missing_font_names_itself_and_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as caught:
        font_file("Noto Sans Gurmukhi", 400, [tmp_path])
    message = str(caught.value)
    assert "'Noto Sans Gurmukhi' is needed and no pip package provides it" in message
    assert "NotoSansGurmukhi-Regular.ttf" in message
    assert "https://fonts.google.com/noto/specimen/Noto+Sans+Gurmukhi" in message
    assert str(tmp_path) in message
    assert "apt install fonts-noto-core" in message


def test_every_pip_source_is_installed() -> None:
    for family, source in SOURCES.items():
        if not hasattr(source, "download"):
            assert font_file(family, 400, []).is_file(), family
