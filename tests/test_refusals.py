"""Every refusal of CONTENT-FORMAT.md: one line naming file and line, exit 1, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main

from .conftest import write_leaflet

# (name, extra front matter, body, line of the error, words in the message)
CASES = [
    ("unknown key", "next_reveiw: 2029-01-01\n", "", 5, "unknown front matter key 'next_reveiw'"),
    ("raw html block", "", "## S\n\n<div>hi</div>\n", 8, "raw HTML"),
    ("raw html inline", "", "## S\n\nSome<br>text.\n", 8, "raw HTML is not allowed: <br>"),
    ("table", "", "## S\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", 8, "tables are not supported"),
    ("deep heading", "", "## S\n\n#### Too deep\n", 8, "deeper than '###'"),
    ("no alt text", "", "## S\n\nText.\n\n![](pic.png)\n", 10, "image has no alt text"),
    ("image outside", "", "## S\n\n![A map](../secret.png)\n", 8, "outside the content folder"),
    ("image missing", "", "## S\n\n![A map](nothere.png)\n", 8, "'nothere.png' does not exist"),
    ("javascript link", "", "## S\n\n[x](javascript:alert(1))\n", 8, "'javascript:' links"),
    (
        "data picture",
        "",
        "## S\n\n![A dot](data:image/png;base64,AAAA)\n",
        8,
        "outside the content",
    ),
    ("ftp link", "", "## S\n\nSee\n[x](ftp://example.org)\n", 9, "'ftp:' links"),
    ("relative link", "", "## S\n\n[x](page.html)\n", 8, "links without http"),
    ("invalid yaml", "summary: [unclosed\n", "", 5, "not valid YAML"),
    ("title differs", "", "# Another title\n", 6, "must equal the front matter title"),
    ("unknown box", "", "## S\n\n::: warning\nx\n:::\n", 8, "unknown box '::: warning'"),
    ("list too deep", "", "## S\n\n- a\n  - b\n    - c\n", 10, "nested one level deep"),
    (
        "helpline key",
        "helpline:\n  label: x\n  phone: 1\n  fax: 2\n",
        "",
        8,
        "unknown helpline key 'fax'",
    ),
    ("duplicate key", "summary: a\nsummary: b\n", "", 6, "'summary' is given twice"),
]


def run_check(_root: Path, *args: str):
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False)


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return folder


def assert_one_error(result, line: int | None, words: str, name: str = "content/test.md") -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = [x for x in result.output.splitlines() if x.startswith("error:")]
    place = f"{name}:{line}:" if line else f"{name}:"
    assert len(errors) == 1, result.output
    assert errors[0].startswith(f"error: {place} "), errors[0]
    assert words in errors[0]


@pytest.mark.parametrize(
    ("front", "body", "line", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_refusal(content: Path, front: str, body: str, line: int, words: str) -> None:
    write_leaflet(content, body, front)
    assert_one_error(run_check(content), line, words)


@pytest.mark.parametrize("key", ["title", "reviewed", "next_review"])
def test_missing_required_key(content: Path, key: str) -> None:
    lines = {
        "title": "title: T",
        "reviewed": "reviewed: 2026-01-01",
        "next_review": "next_review: 2029-01-01",
    }
    del lines[key]
    (content / "test.md").write_text("---\n" + "\n".join(lines.values()) + "\n---\nText.\n")
    assert_one_error(run_check(content), 1, f"the front matter needs '{key}'")


@pytest.mark.parametrize("value", ["2026-02-30", "02/03/2026", "2026-3-2", "soon"])
def test_bad_date(content: Path, value: str) -> None:
    text = f"---\ntitle: T\nreviewed: {value}\nnext_review: 2029-01-01\n---\nText.\n"
    (content / "test.md").write_text(text)
    assert_one_error(run_check(content), 3, "'reviewed' must be a date written YYYY-MM-DD")


def test_next_review_must_follow_reviewed(content: Path) -> None:
    text = "---\ntitle: T\nreviewed: 2026-01-01\nnext_review: 2025-12-31\n---\nText.\n"
    (content / "test.md").write_text(text)
    assert_one_error(run_check(content), 4, "'next_review' must be after 'reviewed'")


def test_no_front_matter(content: Path) -> None:
    (content / "test.md").write_text("# Just a title\n\nText.\n")
    assert_one_error(run_check(content), 1, "starts with front matter")


def test_not_utf8(content: Path) -> None:
    raw = "---\ntitle: T\nreviewed: 2026-01-01\nnext_review: 2029-01-01\n---\nCaf\xe9 au lait.\n"
    (content / "test.md").write_bytes(raw.encode("latin-1"))
    assert_one_error(run_check(content), 6, "not UTF-8")


def test_every_problem_in_a_file_is_reported(content: Path) -> None:
    write_leaflet(content, "## S\n\n![](pic.png)\n\n#### Deep\n\n[x](ftp://a)\n", "colour: red\n")
    result = run_check(content)
    assert result.exit_code == 1
    errors = [x for x in result.output.splitlines() if x.startswith("error:")]
    assert [e.split(":")[2] for e in errors] == ["5", "9", "11", "13"]


def test_debug_shows_the_traceback(content: Path) -> None:
    write_leaflet(content, "## S\n\n#### Deep\n")
    result = CliRunner().invoke(main, ["--debug", "check"])
    assert result.exit_code == 1
    assert "Traceback" in result.output


def test_no_traceback_in_a_real_process(content: Path) -> None:
    """The installed command, as a user runs it: one line on stderr, exit 1."""
    import subprocess
    import sys

    write_leaflet(content, "## S\n\n<p>raw</p>\n")
    done = subprocess.run(
        [sys.executable, "-m", "publisher", "check"], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[0].startswith("error: content/test.md:8: raw HTML")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_refused_at_their_line(content: Path, char: str) -> None:
    write_leaflet(content, f"## S\n\nPasted{char} text.\n")
    assert_one_error(run_check(content), 8, f"control character U+{ord(char):04X}")


def test_joiners_and_direction_marks_are_kept(content: Path) -> None:
    """Zero-width joiners and direction marks are needed by Indic and Arabic text."""
    write_leaflet(content, "## S\n\nক্\u200dষ কেমন আছেন\n", "language: bn\n")
    write_leaflet(content, "## S\n\n\u200fمرحبا\u200e text.\n", "language: ar\n", "arabic.md")
    result = run_check(content)
    assert result.exit_code == 0, result.output
