"""Branding from publisher.toml: the logo and colour in every format, and a colour too pale
for large print and easy read refused at its line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from .conftest import require_tool

BRAND = """
[brand]
logo = "content/images/logo.svg"
logo_alt = "Example Health Charity logo"
colour = "{colour}"
"""
PURPLE = "#5B2C6F"  # 10.3:1 on white


def publisher(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "publisher", *args], cwd=cwd, capture_output=True, text=True
    )


def branded_project(folder: Path, colour: str) -> Path:
    made = publisher("new", str(folder), cwd=folder.parent)
    assert made.returncode == 0, made.stderr
    logo = folder / "content" / "images" / "logo.svg"
    logo.write_text(LOGO, encoding="utf-8")
    settings = folder / "publisher.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + BRAND.format(colour=colour), encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = branded_project(tmp_path_factory.mktemp("brand") / "project", PURPLE)
    done = publisher("build", "--format", "pdf,docx,html,epub", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder / "out" / "example-leaflet" / "en-GB"


@pytest.mark.parametrize(
    ("colour", "ratio"), [("#8E7CC3", "3.6"), ("#5A5A5A", "6.9"), ("#767676", "4.5")]
)
def test_a_colour_under_7_to_1_is_refused_at_its_line(
    tmp_path: Path, colour: str, ratio: str
) -> None:
    folder = branded_project(tmp_path / "project", colour)
    done = publisher("build", cwd=folder)
    assert done.returncode == 1
    line = (folder / "publisher.toml").read_text(encoding="utf-8").splitlines().index(
        f'colour = "{colour}"'
    ) + 1
    assert done.stderr.startswith(
        f"error: publisher.toml:{line}: the brand colour {colour} has a contrast of {ratio}:1 on white"
    ), done.stderr
    assert not (folder / "out").exists()


def test_7_to_1_exactly_is_enough(tmp_path: Path) -> None:
    folder = branded_project(tmp_path / "project", "#595959")
    assert publisher("check", cwd=folder).returncode == 0


def test_a_logo_without_words_is_refused(tmp_path: Path) -> None:
    folder = branded_project(tmp_path / "project", PURPLE)
    settings = folder / "publisher.toml"
    settings.write_text(
        re.sub(r'logo_alt = ".*"', 'logo_alt = ""', settings.read_text()), encoding="utf-8"
    )
    done = publisher("check", cwd=folder)
    assert done.returncode == 1 and "the logo needs logo_alt" in done.stderr


def test_word_has_the_logo_in_its_header_and_the_colour_on_headings(built: Path) -> None:
    document = docx.Document(str(built / "example-leaflet.docx"))
    header = document.sections[0].header._element
    assert header.xpath(".//wp:docPr/@descr") == ["Example Health Charity logo"]
    assert len(header.xpath(".//pic:pic")) == 1
    for level in (1, 2, 3):
        assert str(document.styles[f"Heading {level}"].font.color.rgb) == PURPLE.lstrip("#")
    borders = document.styles["Note"].element.pPr.find(qn("w:pBdr"))
    assert {b.get(qn("w:color")) for b in borders} == {PURPLE.lstrip("#")}


def test_the_page_shows_the_logo_and_colours_its_headings(built: Path) -> None:
    from .browser import chromium, open_page

    with (
        chromium(require_tool("chromium")) as browser,
        open_page(browser, built / "example-leaflet-easy-read.html") as opened,
    ):
        page = opened.page
        logo = page.locator("img.logo")
        assert logo.get_attribute("alt") == "Example Health Charity logo"
        assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
        assert page.eval_on_selector("h1", "h => getComputedStyle(h).color") == "rgb(91, 44, 111)"
        assert opened.requests == [opened.requests[0]]  # the logo is inside the page


LOGO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40">
<rect x="2" y="2" width="116" height="36" rx="8" fill="#5B2C6F"/>
<circle cx="22" cy="20" r="10" fill="#ffffff"/>
</svg>
"""


def test_the_pdf_opens_with_the_described_logo_and_coloured_headings(built: Path) -> None:
    import pdfplumber
    import pikepdf

    pdf_path = built / "example-leaflet-large-print.pdf"
    with pikepdf.open(pdf_path) as pdf:
        figures = [
            node for node in walk(pdf.Root.StructTreeRoot) if node.get("/S") == pikepdf.Name.Figure
        ]
        assert str(figures[0].Alt) == "Example Health Charity logo"
        assert list(pdf.pages[0].Resources.get("/XObject", {}).keys())  # the logo is drawn
    with pdfplumber.open(pdf_path) as pdf:
        title = [c for c in pdf.pages[0].chars if c["text"] in "Coming"][:6]
        colours = {tuple(round(v, 2) for v in c["non_stroking_color"]) for c in title}
    assert colours == {(0.36, 0.17, 0.44)}  # #5B2C6F: 91/255, 44/255, 111/255


def walk(node):  # noqa: ANN001, ANN201
    """Every structure element under `node`, in order."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, __import__("pikepdf").Array) else [kids]:
        if isinstance(kid, __import__("pikepdf").Dictionary) and "/S" in kid:
            yield kid
            yield from walk(kid)


def test_the_talking_book_has_the_logo_as_its_cover(built: Path) -> None:
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(built / "example-leaflet.epub") as book:
        package = etree.fromstring(book.read("EPUB/package.opf"))
        (cover,) = package.xpath(
            "//opf:item[@properties='cover-image']",
            namespaces={"opf": "http://www.idpf.org/2007/opf"},
        )
        assert cover.get("media-type") == "image/svg+xml"
        assert book.read(f"EPUB/{cover.get('href')}").decode() == LOGO
        assert f"h1, h2, h3 {{ color: {PURPLE}; }}" in book.read("EPUB/book.css").decode()
