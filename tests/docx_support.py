"""Building .docx files for tests, and reading them back as Word's checker or LibreOffice would."""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from publisher.config import Config
from publisher.formats import WriteContext
from publisher.formats.docx.writer import write
from publisher.i18n.words import Words
from publisher.model import (
    Block,
    Image,
    Leaflet,
    Link,
    Paragraph,
    iter_blocks,
    iter_inlines,
    leaflet_blocks,
    plain_text,
)
from publisher.reading.source import read_leaflet

from .conftest import require_tool

TODAY = date(2026, 6, 1)
ORGANISATION = "Example Cancer Care & Co <UK>"
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
}
# Unicode's invisible direction marks and the no-break spaces the writer may add.
LAYOUT_CHARACTERS = dict.fromkeys(
    map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"), None
) | {
    0xA0: " ",
    0x202F: " ",
}


def context(
    font_size: float = 18,
    today: date = TODAY,
    draft: bool = False,
    words: Words | None = None,
    page_size: str = "A4",
) -> WriteContext:
    config = Config(organisation=ORGANISATION, font_size=font_size, page_size=page_size)
    return WriteContext(config, today, words or Words(), draft)


def build_docx(source: Path, target: Path, **options: object) -> tuple[Leaflet, Document]:
    """Read a leaflet, write its .docx with `context(**options)`, and open it with python-docx."""
    leaflet = read_leaflet(source)
    write(leaflet, target, context(**options))  # type: ignore[arg-type]
    return leaflet, docx.Document(str(target))


def xpath(element: etree._Element, path: str) -> list:
    """lxml's XPath with our prefixes (python-docx's own xpath knows fewer)."""
    return etree.XPath(path, namespaces=NS)(element)


def plain(text: str) -> str:
    """Text as a reader sees it: direction marks gone, letters composed (w + ◌̂ = ŵ, as a
    PDF's text layer has them), every run of spaces one space."""
    text = unicodedata.normalize("NFC", text.translate(LAYOUT_CHARACTERS))
    return re.sub(r"\s+", " ", text).strip()


def body_paragraphs(document: Document) -> list[DocxParagraph]:
    return list(document.paragraphs)


def headings(document: Document) -> list[tuple[int, str]]:
    """(level, text) of every paragraph in a built-in Heading style, in order."""
    found = []
    for paragraph in document.paragraphs:
        name = paragraph.style.name
        if name.startswith("Heading"):
            found.append((int(name.split()[-1]), plain(paragraph.text)))
    return found


def style_chain(style: BaseStyle | None) -> Iterator[BaseStyle]:
    """A style and the styles it is based on."""
    while style is not None:
        yield style
        style = style.base_style


def parts_xml(path: Path) -> dict[str, etree._Element]:
    """Every XML part of a .docx, parsed (a corrupt part fails here)."""
    with zipfile.ZipFile(path) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if name.endswith(".xml") or name.endswith(".rels")
        }


def docdefaults_rpr(document: Document) -> etree._Element:
    return document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")


def soffice_to_pdf(files: list[Path], folder: Path) -> list[Path]:
    """Convert .docx files with LibreOffice, once, in a profile of its own (no shared state)."""
    soffice = require_tool("soffice")
    profile = folder / "libreoffice-profile"
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        *map(str, files),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    pdfs = [folder / f"{file.stem}.pdf" for file in files]
    for pdf in pdfs:
        assert pdf.is_file(), f"LibreOffice made no PDF of {pdf.stem}: {done.stdout}{done.stderr}"
    return pdfs


def pdftotext(path: Path) -> str:
    tool = require_tool("pdftotext")
    done = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def link_addresses(leaflet: Leaflet) -> set[str]:
    """Every link's address, as a print reader would see it after the link's words."""
    found = set()
    for block in leaflet_blocks(leaflet):
        inlines = block.inlines if isinstance(block, Paragraph) else ()
        for run in iter_inlines(inlines):
            if isinstance(run, Link):
                found |= {run.url, unquote(run.url.partition(":")[2].split("?")[0])}
    for section in leaflet.all_sections():
        found |= {r.url for r in iter_inlines(section.heading) if isinstance(r, Link)}
    return found


def reading_order(leaflet: Leaflet) -> list[str]:
    """The leaflet's own words as a reader meets them: title, headings, paragraphs, list
    items, notes and captions (the Word file adds its tool words and addresses around them)."""

    def blocks(items: tuple[Block, ...]) -> list[str]:
        found = []
        for block in iter_blocks(items):
            if isinstance(block, Paragraph):
                found.append(plain(plain_text(block.inlines)))
            elif isinstance(block, Image) and block.caption:
                found.append(plain(block.caption))
        return found

    texts = [plain(leaflet.title), *([plain(leaflet.summary)] if leaflet.summary else [])]
    texts += blocks(leaflet.intro)
    for section in leaflet.all_sections():
        texts += [plain(section.title), *blocks(section.blocks)]
    return texts


def assert_in_order(text: str, expected: list[str]) -> None:
    """Each of `expected` is in `text`, each after the one before."""
    position = 0
    for words in expected:
        found = text.find(words, position)
        assert found >= 0, f"{words!r} missing, or out of order"
        position = found + len(words)
