"""The one text gate: what it refuses, what it keeps, and that PO files go through it too."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.text.characters import shown, text_problems

HERE = Path("x.md")


def messages(text: str) -> list[str]:
    return [p.message for p in text_problems(text, HERE, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "مرحبا \u200fبكم",  # a right-to-left mark between Arabic words
        "\u2067مرحبا\u2069 and English",  # an isolate around Arabic words
        "ক্\u200dষ",  # a zero-width joiner in a Bengali conjunct
        "soft\u00adhyphen, no\u2060break",
        "tab\there",
    ],
)
def test_marks_and_joiners_where_they_cannot_reorder_numbers_are_kept(text: str) -> None:
    assert messages(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "0800\u200f 123 4567",
        "0800 \u2067123\u2069 4567",
        "رقم \u200e0800",
        "2026-\u200e01-10",
        "flat 3/\u200f4",
    ],
)
def test_a_direction_mark_beside_a_number_is_refused(text: str) -> None:
    found = messages(text)
    assert found and all("beside a number" in m for m in found)


@pytest.mark.parametrize(
    ("char", "words"),
    [
        ("\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING is a bidi embedding"),
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE is a bidi embedding or override"),
        ("\ud83d", "U+D83D is half of a surrogate pair"),
        ("\ufdd0", "U+FDD0 is a noncharacter"),
        ("\U0010ffff", "U+10FFFF is a noncharacter"),
        ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A is a Unicode tag"),
        ("\x9b", "control character U+009B cannot be printed"),
    ],
)
def test_a_refused_character_is_named_at_its_line(char: str, words: str) -> None:
    problems = text_problems(f"fine\nnot {char} fine", HERE, 7)
    assert [(p.line, words in p.message) for p in problems] == [(8, True)]


def test_one_line_text_refuses_a_line_break() -> None:
    assert [p.message for p in text_problems("Two\nlines", HERE, 3, one_line=True)] == [
        "this text must be one line"
    ]


def test_shown_input_is_one_short_escaped_line() -> None:
    assert shown("a\x1b]0;x\x07b") == "a\\u001b]0;x\\u0007b"
    assert shown("k" * 500) == "k" * 60 + "…"
    assert shown("0800\u202e123") == "0800\\u202e123"


def test_a_po_file_with_an_override_is_refused_at_its_line(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    po = project / "locales" / "cy" / "having-a-scan.po"
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line == 'msgstr "Cael sgan"\n')
    lines[number] = 'msgstr "Cael \u202esgan"\n'
    po.write_text("".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code == 1
    found = [line for line in result.output.splitlines() if "U+202E" in line]
    assert found and found[0].startswith(f"error: locales/cy/having-a-scan.po:{number + 1}: ")


def test_every_character_the_gate_may_refuse_is_in_its_quick_test() -> None:
    """text_problems passes a line with no SUSPECT character without looking closer: every
    character refusal objects to, and every direction mark, must be one (all of Unicode)."""
    from publisher.text.characters import MARKS, SUSPECT, refusal

    missed = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if (refusal(chr(code)) or chr(code) in MARKS) and not SUSPECT.match(chr(code))
    ]
    assert missed == []
    assert text_problems("Call 0800 123 4567 or \u2067مرحبا\u2069 today.", None, 1) == []
    assert len(text_problems("Call \u200f0800 123 4567", None, 1)) == 1
