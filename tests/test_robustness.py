"""Broken input files a user may well make: one clear line naming file and line, never a crash."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner

from publisher.cli import main

TITLE = 'msgstr "Cael sgan"'  # the Welsh title in the sample translation
PAGE = 'msgstr "Tudalen {page} o {pages}"'  # the Welsh page footer in the tool's words


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def errors(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("error:")]


def replace_line(path: Path, old: str, new: str) -> int:
    """Replace the line `old` in a file; returns its line number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.rstrip("\n") == old)
    lines[number] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return number + 1


@pytest.fixture
def welsh(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    return project / "locales" / "cy"


@pytest.mark.parametrize(
    "broken",
    ['msgstr "Cael sgan', 'msgstr "Cael "sgan"', 'msgstr Cael sgan"', 'msgstr "Cael" sgan'],
)
def test_an_unclosed_po_string_is_refused_at_its_line(welsh: Path, broken: str) -> None:
    """Babel reads 'msgstr "Cael sgan' as 'Cael sga': a silently wrong title."""
    line = replace_line(welsh / "having-a-scan.po", TITLE, broken)
    result = run("check")
    assert result.exit_code == 1
    assert errors(result) == [
        f"error: locales/cy/having-a-scan.po:{line}: not a valid PO file: the text must be "
        'one string in double quotes, "like this" (write \\" for a quote inside it)'
    ]


def test_an_unclosed_po_string_stops_even_a_draft(welsh: Path) -> None:
    replace_line(welsh / "having-a-scan.po", TITLE, 'msgstr "Cael sgan')
    result = run("build", "--format", "html", "--lang", "cy", "--draft", "content/having-a-scan.md")
    assert result.exit_code == 1
    assert "having-a-scan.po" in errors(result)[0]
    assert not (welsh.parent.parent / "out" / "having-a-scan" / "cy").exists()


def test_a_misspelt_po_keyword_names_its_own_line(welsh: Path) -> None:
    line = replace_line(welsh / "having-a-scan.po", TITLE, 'msgtr "Cael sgan"')
    result = run("check")
    assert result.exit_code == 1
    assert errors(result) == [
        f"error: locales/cy/having-a-scan.po:{line}: not a valid PO file: "
        "Unknown or misformatted keyword"
    ]


BRACES = [
    "Tudalen {page o {pages}",
    "Tudalen {page} o {pages} }",
    "Tudalen {{page}} o {pages}",
    "Tudalen {page!r} o {pages}",
    "Tudalen {page.__class__} o {pages}",
    "Tudalen {page:>9} o {pages}",
]


@pytest.mark.parametrize("translated", BRACES)
def test_stray_braces_in_tool_words_are_a_translation_error(welsh: Path, translated: str) -> None:
    """str.format fills tool words in: other braces would crash it or show Python's insides."""
    line = replace_line(welsh / "publisher.po", PAGE, f'msgstr "{translated}"') - 1  # the msgid
    result = run("check")
    assert result.exit_code == 1
    assert errors(result) == [
        f"error: locales/cy/publisher.po:{line}: braces may hold only the English's "
        "{placeholders}, written exactly as there: remove any other '{' or '}' "
        '(English: "Page {page} of {pages}")'
    ]


def test_a_brace_in_words_without_placeholders_is_an_error(welsh: Path) -> None:
    replace_line(welsh / "publisher.po", 'msgstr "Geirfa"', 'msgstr "Geirfa {"')
    result = run("check")
    assert result.exit_code == 1
    assert "braces may hold only" in errors(result)[0]
    assert '(English: "Glossary")' in errors(result)[0]


def test_placeholders_may_move(welsh: Path) -> None:
    replace_line(welsh / "publisher.po", PAGE, 'msgstr "{pages}: {page} Tudalen"')
    assert not [e for e in errors(run("check")) if "publisher.po" in e]


def test_a_draft_with_a_stray_brace_is_built_with_the_english_words(welsh: Path) -> None:
    """In a draft the faulty words fall back to English, in every format that prints them."""
    replace_line(welsh / "publisher.po", PAGE, 'msgstr "Tudalen {page} o {pages} }"')
    args = ["build", "--format", "pdf,docx,html", "--lang", "cy", "--draft"]
    result = run(*args, "content/having-a-scan.md")
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    pdf = welsh.parent.parent / "out" / "having-a-scan" / "cy" / "having-a-scan-large-print.pdf"
    with pdfplumber.open(pdf) as document:
        text = document.pages[0].extract_text()
    assert "Page 1 of" in text
    assert "}" not in text
