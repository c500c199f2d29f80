"""What `publisher build` and `check` tell a member of staff: said once, enough to act on."""

from __future__ import annotations

from pathlib import Path

from .conftest import write_leaflet
from .i18n_support import run, write_config


def warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("warning:")]


def test_languages_without_a_translation_are_one_warning(tmp_path: Path) -> None:
    write_leaflet(tmp_path / "content", "Some text.\n")
    write_config(tmp_path, ["cy", "pl", "ar"])
    result = run(tmp_path, "build", "--format", "html")
    assert result.exit_code == 0, result.output
    [warning] = warnings(result.output)
    assert "test is not published in Welsh (cy), Polish (pl), Arabic (ar)" in warning
    assert "there is no translation yet" in warning
    assert "`publisher i18n update --lang cy,pl,ar`" in warning


def test_one_language_without_a_translation_names_its_file(tmp_path: Path) -> None:
    write_leaflet(tmp_path / "content", "Some text.\n")
    write_config(tmp_path, ["cy"])
    result = run(tmp_path, "build", "--format", "html")
    [warning] = warnings(result.output)
    assert "test is not published in Welsh (cy): there is no translation yet" in warning
    assert "/locales/cy/test.po, then a second person runs" in warning


def test_check_counts_translation_warnings_in_its_last_line(tmp_path: Path) -> None:
    write_leaflet(tmp_path / "content", "## Part\n\nSome text.\n\n::: easy\nSome text.\n:::\n")
    write_config(tmp_path, ["cy"])
    assert run(tmp_path, "i18n", "update", "--lang", "cy").exit_code == 0
    result = run(tmp_path, "check")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(warnings(result.output)) == 2  # the leaflet's PO file and the tool's words
    assert lines[0].endswith("easy read covers 1 of 1 section(s) (100%) and 2 of 2 words (100%)")
    assert "is not complete" in lines[1]
    assert lines[-1] == "checked 1 leaflet(s): 2 warning(s)"


def test_build_ends_by_naming_the_catalogue(tmp_path: Path) -> None:
    write_leaflet(tmp_path / "content", "Some text.\n")
    write_config(tmp_path, [])
    result = run(tmp_path, "build", "--format", "html")
    assert result.exit_code == 0, result.output
    last = result.output.splitlines()[-1]
    assert last.startswith("every file built is listed in ") and last.endswith("out/index.html")
    again = run(tmp_path, "build", "--format", "html").output.splitlines()
    assert again[-2:] == ["1 file(s) already up to date", last]
