"""The page list: where the large-print PDF's pages are in the talking book.

Read from the PDF built beside it (its bookmarks: one per heading, with its page),
never from the PDF writer. Each page on which a heading of the leaflet begins
points at that heading; a page that starts inside a section has no entry.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from .content import CLOSING, Heading


@dataclass(frozen=True, slots=True)
class Page:
    label: str
    href: str


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


def page_list(headings: list[Heading], marks: list[tuple[str, int]]) -> list[Page]:
    """The pages where the book's headings begin, matched to the bookmarks in order."""
    first: dict[int, str] = {}
    position = 0
    for heading in headings:
        found = _find(marks, position, heading)
        if found is None:
            continue
        position = found + 1
        first.setdefault(marks[found][1], heading.href)
    return [Page(str(number), href) for number, href in sorted(first.items())]


def _find(marks: list[tuple[str, int]], start: int, heading: Heading) -> int | None:
    if heading.key == CLOSING:  # the PDF lays out its closing parts differently
        return None
    title = _plain(heading.title)
    return next((i for i in range(start, len(marks)) if marks[i][0] == title), None)


def _plain(title: str) -> str:
    return " ".join(unicodedata.normalize("NFC", title).replace("\u00ad", "").split())
