"""Every construct of the content format read into the model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.errors import ContentError
from publisher.model import (
    Emphasis,
    Image,
    Link,
    ListBlock,
    Note,
    Paragraph,
    Strong,
    Term,
    Text,
    easy_points,
    plain_text,
)
from publisher.reading.source import read_leaflet

from .conftest import CONTENT, write_leaflet

FULL = """\
# Test leaflet

Intro with **strong** and *soft* words and a [link](https://example.org/a).
It runs over two lines and names the lymph nodes.

::: easy
![A doctor talking](pic.png) One short point.

Another point without a picture.
:::

## First section

- one
- two
  - nested under two
- three with **bold**

1. first
2. second

![A labelled body](pic.png "Where it can spread")

Text before ![](pic.png){.decorative} and after.

::: note
Call [0800 123 4567](tel:08001234567) or [e-mail us](mailto:a@example.org).

- a list in a note
:::

### A subsection

A biopsy takes a tiny sample.

::: easy
The easy version of the subsection.
:::
"""

FRONT = """\
language: en-GB
summary: A summary sentence.
helpline:
  label: Nurse helpline
  phone: 0800 123 4567
  hours: Monday to Friday
  email: nurses@example.org
glossary:
  lymph nodes: Small glands.
  biopsy: Taking a tiny sample.
pronounce:
  PET-CT: pet C T
references:
  - Example Society. Guide. 2024.
"""


@pytest.fixture(scope="module")
def leaflet(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("content")
    (folder / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return read_leaflet(write_leaflet(folder, FULL, FRONT))


def test_front_matter(leaflet) -> None:
    assert leaflet.title == "Test leaflet"
    assert leaflet.slug == "test"
    assert leaflet.language == "en-GB"
    assert leaflet.summary == "A summary sentence."
    assert leaflet.reviewed == date(2026, 1, 10)
    assert leaflet.next_review == date(2029, 1, 10)
    assert leaflet.helpline.phone == "0800 123 4567"
    assert leaflet.helpline.email == "nurses@example.org"
    assert [g.term for g in leaflet.glossary] == ["lymph nodes", "biopsy"]
    assert leaflet.pronounce == (("PET-CT", "pet C T"),)
    assert leaflet.references == ("Example Society. Guide. 2024.",)


def test_intro_paragraph_with_inline_runs(leaflet) -> None:
    (paragraph,) = leaflet.intro
    source_lines = leaflet.source.read_text().splitlines()
    assert source_lines[paragraph.line - 1].startswith("Intro with")
    kinds = [type(run) for run in paragraph.inlines]
    assert Strong in kinds and Emphasis in kinds and Link in kinds and Term in kinds
    link = next(run for run in paragraph.inlines if isinstance(run, Link))
    assert link.url == "https://example.org/a" and plain_text(link.children) == "link"
    assert "two lines and names the lymph nodes." in plain_text(paragraph.inlines)


def test_easy_points_with_and_without_pictures(leaflet) -> None:
    first, second = leaflet.intro_easy
    assert first.picture.alt == "A doctor talking"
    assert plain_text(first.inlines) == "One short point."
    assert second.picture is None
    assert len(list(easy_points(leaflet))) == 3


def test_sections_and_subsections(leaflet) -> None:
    (section,) = leaflet.sections
    assert section.title == "First section" and section.level == 2
    (sub,) = section.subsections
    assert sub.title == "A subsection" and sub.level == 3
    assert plain_text(sub.easy[0].inlines) == "The easy version of the subsection."
    assert section.easy is None


def test_lists_nesting_and_numbering(leaflet) -> None:
    bullets, numbers = [b for b in leaflet.sections[0].blocks if isinstance(b, ListBlock)]
    assert not bullets.ordered and numbers.ordered and numbers.start == 1
    assert len(bullets.items) == 3
    nested = bullets.items[1].blocks[1]
    assert isinstance(nested, ListBlock)
    assert plain_text(nested.items[0].blocks[0].inlines) == "nested under two"


def test_images_captions_and_decorative(leaflet) -> None:
    images = [b for b in leaflet.sections[0].blocks if isinstance(b, Image)]
    figure, decorative = images
    assert figure.alt == "A labelled body" and figure.caption == "Where it can spread"
    assert not figure.decorative and figure.path.name == "pic.png" and figure.path.is_absolute()
    assert decorative.decorative
    # the decorative picture stood inside a paragraph: the text around it is kept in order
    blocks = leaflet.sections[0].blocks
    index = blocks.index(decorative)
    assert plain_text(blocks[index - 1].inlines) == "Text before"
    assert plain_text(blocks[index + 1].inlines) == "and after."


def test_note_box_holds_links_and_lists(leaflet) -> None:
    note = next(b for b in leaflet.sections[0].blocks if isinstance(b, Note))
    paragraph, items = note.blocks
    urls = [run.url for run in paragraph.inlines if isinstance(run, Link)]
    assert urls == ["tel:08001234567", "mailto:a@example.org"]
    assert isinstance(items, ListBlock)


def test_glossary_terms_marked_whole_words_any_case(tmp_path: Path) -> None:
    body = "## S\n\nA Biopsy, biopsies and a biopsy.\n"
    leaflet = read_leaflet(write_leaflet(tmp_path, body, "glossary:\n  biopsy: A sample.\n"))
    runs = leaflet.sections[0].blocks[0].inlines
    assert [run.text for run in runs if isinstance(run, Term)] == ["Biopsy", "biopsy"]
    assert [g.term for g in leaflet.glossary_used()] == ["biopsy"]


def test_escaped_markup_characters_are_text(tmp_path: Path) -> None:
    body = "## S\n\nUse \\<script\\> & \"quotes\" and 'apostrophes'.\n"
    leaflet = read_leaflet(write_leaflet(tmp_path, body))
    assert leaflet.sections[0].blocks[0].inlines == (
        Text("Use <script> & \"quotes\" and 'apostrophes'."),
    )


def test_samples_read(sample_leaflets) -> None:
    assert {leaflet.slug for leaflet in sample_leaflets} >= {
        "secondary-breast-cancer",
        "having-a-scan",
    }
    for leaflet in sample_leaflets:
        assert leaflet.sections and leaflet.helpline
        assert all(p.picture is None or p.picture.path.is_file() for p in easy_points(leaflet))


def test_samples_use_every_construct(sample_leaflets) -> None:
    """Together, the samples show every construct of the content format."""
    seen: set[str] = set()
    for leaflet in sample_leaflets:
        text = leaflet.source.read_text(encoding="utf-8")
        for name, marker in {
            "title": "\n# ",
            "subsection": "\n### ",
            "numbered": "\n1. ",
            "nested": "\n  - ",
            "decorative": "{.decorative}",
            "caption": '"',
            "note": "::: note",
            "easy": "::: easy",
            "tel": "(tel:",
            "mailto": "(mailto:",
            "https": "(https:",
            "strong": "**",
            "em": " *",
        }.items():
            if marker in text:
                seen.add(name)
        for field in ("summary", "helpline", "glossary", "pronounce", "references"):
            if getattr(leaflet, field):
                seen.add(field)
        if leaflet.helpline and leaflet.helpline.email:
            seen.add("email")
        if any(b.intro_easy for b in [leaflet]):
            seen.add("intro easy")
    assert len(seen) == 20, seen


@pytest.fixture(scope="module")
def sample_leaflets():
    return [read_leaflet(path) for path in sorted(CONTENT.glob("*.md"))]


PARAGRAPH_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
    | st.sampled_from("*_[]()<>!&\\`#:-{}.\n"),
    max_size=200,
)


@settings(max_examples=200, deadline=None)
@given(body=PARAGRAPH_TEXT)
def test_any_body_reads_or_fails_cleanly(
    tmp_path_factory: pytest.TempPathFactory, body: str
) -> None:
    """Whatever the body holds, the reader returns a leaflet or a ContentError, nothing else."""
    folder = tmp_path_factory.mktemp("any")
    path = write_leaflet(folder, "## Section\n\n" + body + "\n")
    try:
        leaflet = read_leaflet(path)
    except ContentError as err:
        assert all(p.path == path and p.line for p in err.problems)
    else:
        for block in leaflet.sections[0].blocks if leaflet.sections else ():
            assert isinstance(block, Paragraph | ListBlock | Image | Note)


def test_glossary_term_inside_a_bengali_word_is_not_marked(tmp_path: Path) -> None:
    """'স্ক্যানারে' (in the scanner) holds the term 'স্ক্যানার' plus a vowel sign: one word."""
    body = "## S\n\nস্ক্যানারে শুয়ে থাকুন। স্ক্যানার বড়।\n"
    front = "glossary:\n  স্ক্যানার: ছবি তোলার যন্ত্র।\n"
    leaflet = read_leaflet(write_leaflet(tmp_path, body, front))
    runs = leaflet.sections[0].blocks[0].inlines
    assert [run.text for run in runs if isinstance(run, Term)] == ["স্ক্যানার"]
    assert plain_text(runs) == "স্ক্যানারে শুয়ে থাকুন। স্ক্যানার বড়।"
