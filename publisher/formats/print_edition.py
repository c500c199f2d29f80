"""The large-print PDF built beside another format, read back as a reader would (pikepdf),
never through the PDF writer: its bookmarks, one per heading with the page it is printed on.

The EPUB's page list and braille's print page numbers both start from here; the PDF writer
places each bookmark as it places the heading, so a bookmark's page is exact in every
language, where reading the page's text back depends on the script and the font.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pikepdf


def bookmarks(pdf: Path) -> list[tuple[str, int]]:
    """(title, page number) of every bookmark, in reading order; [] for an unreadable file."""
    try:
        with pikepdf.open(pdf) as document:
            pages = {page.objgen: number for number, page in enumerate(document.pages, start=1)}
            with document.open_outline() as outline:
                return list(_walk(outline.root, pages))
    except (pikepdf.PdfError, OSError, ValueError):
        return []


def _walk(items: list, pages: dict) -> list[tuple[str, int]]:
    found = []
    for item in items:
        destination = item.destination
        if isinstance(destination, pikepdf.Array) and len(destination):
            number = pages.get(destination[0].objgen)
            if number is not None:
                found.append((plain_title(item.title), number))
        found += _walk(item.children, pages)
    return found


def plain_title(title: str) -> str:
    """A heading as its bookmark holds it: composed, no soft hyphens, single spaces."""
    return " ".join(unicodedata.normalize("NFC", title).replace("\u00ad", "").split())
