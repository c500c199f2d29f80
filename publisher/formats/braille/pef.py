"""Braille pages -> PEF 1.0 (Portable Embosser Format), the XML that embossers and braille
displays read: the same cells as the BRF, as Unicode braille, with Dublin Core metadata."""

from __future__ import annotations

import hashlib
from pathlib import Path

from lxml import etree

from ...model import Leaflet
from .. import WriteContext
from .writer import Braille, braille_pages, unavailable

__all__ = ["pef", "unavailable", "write"]

PEF = "http://www.daisy.org/ns/2008/pef"
DC = "http://purl.org/dc/elements/1.1/"


def write(leaflet: Leaflet, path: Path, context: WriteContext) -> None:
    path.write_bytes(pef(braille_pages(leaflet, context, path.parent), leaflet, context))


def pef(braille: Braille, leaflet: Leaflet, context: WriteContext) -> bytes:
    root = etree.Element(f"{{{PEF}}}pef", version="2008-1", nsmap={None: PEF})
    head = etree.SubElement(root, f"{{{PEF}}}head")
    meta = etree.SubElement(head, f"{{{PEF}}}meta", nsmap={"dc": DC})
    for name, value in metadata(braille, leaflet, context):
        etree.SubElement(meta, f"{{{DC}}}{name}").text = value
    volume = etree.SubElement(
        etree.SubElement(root, f"{{{PEF}}}body"),
        f"{{{PEF}}}volume",
        cols=str(braille.cells),
        rows=str(braille.lines),
        rowgap="0",
        duplex="false",
    )
    section = etree.SubElement(volume, f"{{{PEF}}}section")
    for page in braille.pages:
        element = etree.SubElement(section, f"{{{PEF}}}page")
        for line in page:
            etree.SubElement(element, f"{{{PEF}}}row").text = line or None
    etree.indent(root)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)


def metadata(braille: Braille, leaflet: Leaflet, context: WriteContext) -> list[tuple[str, str]]:
    """Dublin Core: PEF requires format and identifier; the rest says what the book is."""
    cells = "\n".join("\n".join(page) for page in braille.pages)
    return [
        ("format", "application/x-pef+xml"),
        ("identifier", "urn:sha256:" + hashlib.sha256(cells.encode()).hexdigest()),
        ("title", leaflet.title),
        ("language", leaflet.language),
        ("publisher", context.config.organisation),
        ("date", leaflet.reviewed.isoformat()),
        ("description", f"Braille code: liblouis table {braille.table}"),
    ]
