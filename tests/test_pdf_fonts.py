"""The print typeface: from pip, sans serif, upright, static regular and bold, Latin Extended."""

from __future__ import annotations

from pathlib import Path

import fontpkg
import pytest
from fontTools.ttLib import TTFont

from publisher.errors import BuildError
from publisher.text.fonts import (
    SCRIPT_FAMILIES,
    Coverage,
    Printed,
    family_for,
    script_of,
    typeface_for,
)

from .pdf_support import FONT_CACHE

WELSH_AND_POLISH = "ŵŷŴŶâêîôûŵŷ ąęłżźśćńóĄĘŁŻŹŚĆŃÓ"


@pytest.fixture(scope="module")
def typeface():
    return typeface_for("en-GB", FONT_CACHE)


@pytest.mark.parametrize(
    ("tag", "script"),
    [
        ("en-GB", "Latn"),
        ("cy", "Latn"),
        ("pl-PL", "Latn"),
        ("ar", "Arab"),
        ("pa", "Guru"),
        ("pa-Arab", "Arab"),
        ("bn", "Beng"),
        ("zh-TW", "Hant"),
        ("zh", "Hans"),
    ],
)
def test_script_of_a_language_tag(tag: str, script: str) -> None:
    assert script_of(tag) == script


def test_latin_languages_use_noto_sans_installed_by_pip(typeface) -> None:
    assert family_for("cy") == family_for("pl") == family_for("en-GB") == "Noto Sans"
    assert SCRIPT_FAMILIES["Latn"] == typeface.family
    installed = [f.path for f in fontpkg.family("Noto Sans").files]
    assert all("site-packages" in path.parts for path in installed)
    assert typeface.regular.parent == typeface.bold.parent == FONT_CACHE / "fonts"


def test_faces_are_static_upright_regular_and_bold(typeface) -> None:
    for path, weight, name in ((typeface.regular, 400, "Regular"), (typeface.bold, 700, "Bold")):
        font = TTFont(path)
        assert "fvar" not in font  # a static instance: ReportLab draws only static outlines
        assert font["OS/2"].usWeightClass == weight
        assert font["post"].italicAngle == 0
        assert font["name"].getDebugName(6) == f"NotoSans-{name}"
        assert font["OS/2"].fsType & 0x2 == 0  # embedding is allowed


def test_the_typeface_covers_latin_extended(typeface) -> None:
    assert Coverage.of(typeface).missing(WELSH_AND_POLISH) == []


def test_instances_are_made_once_and_reused(typeface) -> None:
    before = typeface.bold.stat().st_mtime_ns
    again = typeface_for("pl", FONT_CACHE)
    assert again == typeface
    assert typeface.bold.stat().st_mtime_ns == before


def test_a_missing_glyph_names_the_character_file_and_line(typeface, tmp_path: Path) -> None:
    source = tmp_path / "leaflet.md"
    source.write_text("---\ntitle: Hi 😀\n---\nok\n", encoding="utf-8")
    printed = [Printed("fine ŵ"), Printed("Hi 😀"), Printed("ends \u2603 and 😀", line=12)]
    with pytest.raises(BuildError) as caught:
        Coverage.of(typeface).check(printed, source)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == (source, 2)  # found in the file: the front matter
    assert "'😀' (U+1F600 GRINNING FACE)" in problem.message
    assert "'☃' (U+2603, line 12)" in problem.message
    assert str(problem).startswith(f"error: {source}:2: the font Noto Sans has no glyph")


def test_control_characters_are_not_glyphs(typeface) -> None:
    assert Coverage.of(typeface).missing("line\nbreak\ttab") == []


def test_a_script_without_a_font_is_a_clear_error() -> None:
    with pytest.raises(BuildError, match="no typeface is set up for the script 'Ethi'"):
        typeface_for("am", FONT_CACHE)  # Amharic, in Ethiopic letters
