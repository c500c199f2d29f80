"""A real word processor opens the Word files: LibreOffice converts each to PDF, once.

The PDFs are then read as a reader would see the pages: the leaflet's words in
order, 'Page N of M' on every page, the draft warning on every page, upright
fonts, and right-to-left text that stays inside the page with its phone number
the right way round.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from publisher.formats.docx.writer import DRAFT_WORDS
from publisher.model import Leaflet

from .conftest import CONTENT, require_tool
from .docx_leaflets import MARKUP_TEXTS, arabic_source, markup_source
from .docx_support import (
    assert_in_order,
    build_docx,
    link_addresses,
    pdftotext,
    plain,
    reading_order,
    soffice_to_pdf,
)

SAMPLES = sorted(CONTENT.glob("*.md"))
PAGE_WIDTH = 595.3  # A4, in points
MARGIN = 56.7  # 20 mm
FOOTER = re.compile(r"Page \d+ of \d+")


@dataclass(frozen=True)
class Converted:
    leaflet: Leaflet
    pdf: Path


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Converted]:
    """Every sample, the markup-heavy leaflet, an Arabic draft: built, then converted together."""
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = {source.stem: (source, {}) for source in SAMPLES}
    sources["markup"] = (markup_source(folder / "markup"), {})
    sources["arabic"] = (arabic_source(folder / "arabic"), {"draft": True})
    built = {}
    for name, (source, options) in sources.items():
        target = folder / f"{name}.docx"
        built[name] = (build_docx(source, target, **options)[0], target)
    pdfs = soffice_to_pdf([target for _, target in built.values()], folder)
    return {
        name: Converted(leaflet, pdf)
        for (name, (leaflet, _)), pdf in zip(built.items(), pdfs, strict=True)
    }


def squeezed(text: str) -> str:
    """Text without any white space: lines may break anywhere, even inside an address."""
    return re.sub(r"\s+", "", plain(text))


def pages(pdf: Path) -> list[str]:
    return pdftotext(pdf).split("\f")[:-1]


def body_text(pdf: Path) -> str:
    """The pages' text without their footers: a paragraph may run on across "Page 1 of 3"."""
    lines = pdftotext(pdf).splitlines()
    return "\n".join(line for line in lines if not FOOTER.fullmatch(line.strip()))


@pytest.mark.parametrize("name", [s.stem for s in SAMPLES] + ["markup"])
def test_libreoffice_shows_every_paragraph_in_order(
    name: str, converted: dict[str, Converted]
) -> None:
    item = converted[name]
    text = squeezed(body_text(item.pdf))
    for address in link_addresses(item.leaflet):  # printed after the words of a link
        text = text.replace(squeezed(f"({address})"), "")
    assert_in_order(text, [squeezed(words) for words in reading_order(item.leaflet)])


def test_libreoffice_shows_the_markup_leaflet_as_written(converted: dict[str, Converted]) -> None:
    text = squeezed(body_text(converted["markup"].pdf))
    assert_in_order(text, [squeezed(expected) for expected in MARKUP_TEXTS])


@pytest.mark.parametrize("name", [s.stem for s in SAMPLES] + ["markup"])
def test_every_page_says_page_n_of_m(name: str, converted: dict[str, Converted]) -> None:
    found = pages(converted[name].pdf)
    assert len(found) >= 2
    for number, page in enumerate(found, start=1):
        assert f"Page {number} of {len(found)}" in plain(page)


def test_the_draft_warning_is_on_every_page(converted: dict[str, Converted]) -> None:
    found = pages(converted["arabic"].pdf)
    assert len(found) >= 2
    for page in found:
        assert DRAFT_WORDS in plain(page)


def test_no_italic_font_is_used(converted: dict[str, Converted]) -> None:
    tool = require_tool("pdffonts")
    for item in converted.values():
        listing = subprocess.run(
            [tool, str(item.pdf)], capture_output=True, text=True, timeout=60, check=True
        ).stdout
        assert not re.search(r"Italic|Oblique", listing), listing


def test_document_title_reaches_the_pdf(converted: dict[str, Converted]) -> None:
    tool = require_tool("pdfinfo")
    for name, item in converted.items():
        info = subprocess.run(
            [tool, str(item.pdf)], capture_output=True, text=True, timeout=60, check=True
        ).stdout
        mark = "Unreviewed draft: " if name == "arabic" else ""  # the draft's title says so
        assert f"Title:           {mark}{item.leaflet.title}" in info


def test_arabic_phone_number_reads_left_to_right(converted: dict[str, Converted]) -> None:
    text = plain(pdftotext(converted["arabic"].pdf))
    assert "0800 123 4567" in text and "4567 123 0800" not in text  # a link
    assert "0800 987 6543" in text and "6543 987 0800" not in text  # plain words
    assert "NHS 111" in text


def test_arabic_text_and_list_numbers_stay_inside_the_page(converted: dict[str, Converted]) -> None:
    tool = require_tool("pdftotext")
    pdf = converted["arabic"].pdf
    done = subprocess.run(
        [tool, "-bbox", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True
    )
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', done.stdout
    )
    assert any(text == "1." or text == "1" for _, _, text in words)
    for left, right, text in words:
        assert float(left) >= MARGIN - 12 and float(right) <= PAGE_WIDTH - MARGIN + 12, text
