"""Random valid leaflets, any printable Unicode of the Latin typeface in their YAML-escaped
front matter, pass `check`'s rules and build in every format with no crash, and the
easy-read page's title is the title given."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publisher.build import build
from publisher.checks.before_writing import read_and_check
from publisher.config import Config

from .conftest import IN_CI

TODAY = date(2026, 6, 1)
# Letters, digits, punctuation, symbols and spaces of the scripts the Latin typeface prints
# (Latin, Greek, Cyrillic), plus a few everyday signs; no controls or format characters.
PRINTED = ("L", "N", "P", "S", "Zs")
CHARACTERS = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x24F, categories=PRINTED),  # Latin
    st.characters(min_codepoint=0x370, max_codepoint=0x3E1, categories=PRINTED),  # Greek
    st.characters(min_codepoint=0x400, max_codepoint=0x4FF, categories=PRINTED),  # Cyrillic
    st.sampled_from("€£→–—‘’“”•…½°±×÷"),
)
WORDS = st.text(CHARACTERS, min_size=1, max_size=40).filter(lambda t: t.strip())
MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!<>|:~&\"'=$%^@,;/?")


def yaml_escaped(text: str) -> str:
    """A YAML double-quoted string with every character outside ASCII letters as an escape."""
    return (
        '"' + "".join(c if c.isascii() and c.isalnum() else f"\\U{ord(c):08x}" for c in text) + '"'
    )


def markdown_escaped(text: str) -> str:
    """Text that Markdown reads as exactly these words (punctuation backslash-escaped)."""
    return "".join(f"\\{c}" if c in MARKDOWN_SPECIAL else c for c in " ".join(text.split()))


@st.composite
def leaflets(draw: st.DrawFn) -> tuple[str, str]:
    """(the leaflet's Markdown, its title as a reader sees it)."""
    title = " ".join(draw(WORDS).split())
    summary, label, hours = draw(WORDS), draw(WORDS), draw(WORDS)
    term, definition = draw(WORDS), draw(WORDS)
    heading, paragraph, point = draw(WORDS), draw(WORDS), draw(WORDS)
    front = (
        f"---\ntitle: {yaml_escaped(title)}\nsummary: {yaml_escaped(summary)}\n"
        "reviewed: 2026-01-10\nnext_review: 2029-01-10\n"
        f"helpline:\n  label: {yaml_escaped(label)}\n  phone: 0800 123 4567\n"
        f"  hours: {yaml_escaped(hours)}\n"
        f"glossary:\n  {yaml_escaped(term)}: {yaml_escaped(definition)}\n---\n"
    )
    body = (
        f"## {markdown_escaped(heading)}\n\n{markdown_escaped(paragraph)}\n\n"
        f"::: easy\n{markdown_escaped(point)}\n:::\n"
    )
    return front + body, title


@pytest.fixture(scope="module")
def cache() -> Iterator[Path]:
    """Typefaces and speech shared by every example (cut and spoken once)."""
    with tempfile.TemporaryDirectory(prefix="random-leaflets-") as name:
        yield Path(name)


SETTINGS = settings(
    deadline=timedelta(seconds=120),  # a busy machine; the first example cuts the typeface
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=IN_CI,
)


@settings(SETTINGS, max_examples=160 if IN_CI else 8)
@given(leaflets())
def test_a_random_valid_leaflet_builds_in_print_word_and_html(
    cache: Path, leaflet: tuple[str, str]
) -> None:
    build_and_look(cache, leaflet, ("pdf", "docx", "html"))


@settings(SETTINGS, max_examples=40 if IN_CI else 3)
@given(leaflets())
def test_a_random_valid_leaflet_builds_in_all_four_formats(
    cache: Path, leaflet: tuple[str, str]
) -> None:
    """Speech takes most of the time, so fewer examples go all the way to MP3."""
    build_and_look(cache, leaflet, ("pdf", "docx", "html", "audio"))


OUTPUTS = {
    "pdf": "random-large-print.pdf",
    "docx": "random.docx",
    "html": "random-easy-read.html",
    "audio": "random.mp3",
}


def build_and_look(cache: Path, leaflet: tuple[str, str], formats: tuple[str, ...]) -> None:
    """`check`'s rules pass, the build writes every format, the page shows the title."""
    text, title = leaflet
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        (root / "content").mkdir()
        (root / "content" / "random.md").write_text(text, encoding="utf-8")
        config = Config(
            root=root, content_dir=root / "content", out_dir=root / "out", cache_dir=cache
        )
        assert len(read_and_check([root / "content" / "random.md"], config)) == 1
        report = build([], config, formats, today=TODAY)
        assert report.errors == []
        folder = root / "out" / "random" / "en-GB"
        assert sorted(p.name for p in folder.iterdir()) == sorted(OUTPUTS[f] for f in formats)
        page = lxml.html.parse(str(folder / "random-easy-read.html"))
        assert page.findtext(".//title") == f"{title} (easy read)"
