"""The page list: where the large-print PDF's pages are in the talking book.

Read from the PDF built beside it (its bookmarks: one per heading, with its page),
never from the PDF writer. A page on which a heading of the leaflet is printed gets a
page-break mark before the first of them, and an entry in the page list; a page whose
text all belongs to a section begun on an earlier page has none.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pikepdf

from ...model import Leaflet


def bookmarks(pdf: Path) -> list[tuple[str, int]]:
    """(title, page number) of every bookmark, in reading order; [] for an unreadable file."""
    try:
        with pikepdf.open(pdf) as document:
            pages = {page.objgen: number for number, page in enumerate(document.pages, start=1)}
            with document.open_outline() as outline:
                return list(_walk(outline.root, document, pages))
    except (pikepdf.PdfError, OSError, ValueError):
        return []


def _walk(items: list, document: pikepdf.Pdf, pages: dict) -> list[tuple[str, int]]:
    found = []
    for item in items:
        destination = item.destination
        if isinstance(destination, pikepdf.Array) and len(destination):
            number = pages.get(destination[0].objgen)
            if number is not None:
                found.append((_plain(item.title), number))
        found += _walk(item.children, document, pages)
    return found


def first_pages(leaflet: Leaflet, marks: list[tuple[str, int]]) -> dict[object, int]:
    """The leaflet's headings ("title" or a Section) that are the first on their page,
    with that page, matched to the bookmarks in order by their words."""
    headings = [("title", leaflet.title)] + [(s, s.title) for s in leaflet.all_sections()]
    first: dict[int, object] = {}
    position = 0
    for key, title in headings:
        wanted = _plain(title)
        found = next((i for i in range(position, len(marks)) if marks[i][0] == wanted), None)
        if found is not None:
            position = found + 1
            first.setdefault(marks[found][1], key)
    return {key: page for page, key in first.items()}


def _plain(title: str) -> str:
    return " ".join(unicodedata.normalize("NFC", title).replace("\u00ad", "").split())
