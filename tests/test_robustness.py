"""Broken input files a user may well make: one clear line naming file and line, never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pdfplumber
import pytest
from click.testing import CliRunner

from publisher.cli import main

from .conftest import CONTENT, write_leaflet

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


# (what publisher.toml says instead of a sample line, the message's line and words)
SETTINGS = [
    ("font_size = 18", 'font_size = "big"', "'font_size' in [print] must be a number of points"),
    ("font_size = 18", "font_size = true", "'font_size' in [print] must be a number of points"),
    ("font_size = 18", "font_size = 30", "font size 30pt is outside 16 to 24pt"),
    ("page_size", "pagesize", "unknown key 'pagesize' in [print]"),
    ('page_size = "A4"', 'page_size = "A9"', "unknown page size 'A9' (choose from A4, A5, LETTER)"),
    ("languages = [", 'languages = "cy" #', "'languages' in [publisher] must be a list of names"),
    ("formats = [", 'formats = "pdf" #', "'formats' in [publisher] must be a list of names"),
    ("formats = [", 'formats = ["rtf", ', "unknown format 'rtf' (choose from pdf, docx,"),
    (
        "organisation =",
        "organisation = 3 #",
        "'organisation' in [publisher] must be text in quotes",
    ),
    ("source_language =", "source_language = 5 #", "'source_language' in [publisher] must be text"),
    ("out =", "out = 5 #", "'out' in [paths] must be text in quotes"),
    ("[print]", "[print", "not valid TOML: Expected ']' at the end of a table declaration"),
]


@pytest.mark.parametrize(("old", "new", "words"), SETTINGS, ids=[s[1] for s in SETTINGS])
def test_a_wrong_setting_names_the_file_line_and_key(
    project: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, words: str
) -> None:
    monkeypatch.chdir(project)
    config = project / "publisher.toml"
    lines = config.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith(old))
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert len(errors(result)) == 1, result.output
    assert errors(result)[0].startswith(f"error: publisher.toml:{line}: {words}"), result.output


@pytest.mark.parametrize(
    ("voices", "words"),
    [
        (
            'cy = { engine = "espeak", speed = 3 }',
            "gives cy an unknown key 'speed' (only engine and voice)",
        ),
        ('cy = "espeak"', 'must give cy a table, like cy = { engine = "espeak" }'),
        ("cy = { engine = 1 }", "must give cy's engine and voice as text in quotes"),
    ],
)
def test_a_wrong_voice_table_names_its_line(tmp_path: Path, voices: str, words: str) -> None:
    (tmp_path / "publisher.toml").write_text(
        f'[speech]\nengine = "espeak"\n\n[speech.voices]\n{voices}\n'
    )
    result = run("--root", str(tmp_path), "voices")
    assert result.exit_code == 1
    assert errors(result) == [f"error: {tmp_path}/publisher.toml:4: 'voices' in [speech] {words}"]


def test_alt_text_is_read_as_words_not_as_markdown_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backslash that escapes '<' or ']' in the alt text is Markdown, not words to read out."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    shutil.copy(CONTENT / "images" / "body-map.png", tmp_path / "content" / "map.png")
    alt = r"Arrows \<here\> \[1\] &amp; *marked* `code`"
    body = f"## S\n\nText.\n\n::: easy\n![{alt}](map.png) Look here.\n:::\n"  # the page shows
    write_leaflet(tmp_path / "content", body)
    result = run("build", "--format", "html")
    assert result.exit_code == 0, result.output
    page = lxml.html.parse(str(tmp_path / "out" / "test" / "en-GB" / "test-easy-read.html"))
    assert page.xpath("//img/@alt") == ["Arrows <here> [1] & marked code"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("fake.png", b"hello, I am text\n"),
        ("broken.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect'),
        ("page.svg", b"<html><body><svg></svg></body></html>"),
    ],
)
def test_a_broken_picture_is_refused_once_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / name).write_bytes(data)
    write_leaflet(tmp_path / "content", f"## S\n\nText.\n\n![A map]({name})\n")
    result = run("build", "--format", "pdf,docx,html")
    assert result.exit_code == 1
    assert len(errors(result)) == 1, result.output
    assert all(e.startswith("error: content/test.md:10: ") and name in e for e in errors(result))
    assert all(x.startswith("error:") for x in result.output.splitlines() if name in x)
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    check = run("check")
    assert check.exit_code == 1
    assert errors(check) == errors(result)
