"""Where each braille block's text starts in the large-print PDF: its print page.

The PDF is read, not imported. Its bookmarks (formats/print_edition.py) put every heading on
its page exactly, in every language. Between two headings the pages' text (pdfium) is
searched for the start of each block, only on the pages the headings allow: that finds
where a section's later print pages begin, in the scripts whose text reads back in order.
A block that is not found lies between the blocks around it; when those are on different
pages it is given both, as a range (print pages 2-3), because a print page number that is
wrong misleads a braille reader who follows a sighted person's "turn to page 3". Without a
bookmark for every heading there are no print page numbers at all.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

from ..print_edition import bookmarks, plain_title
from .layout import Block

KEY = 24  # letters and digits from the start of a block's text to look for
SHORT = 4  # fewer than this cannot be told apart: such a block keeps the page before


@dataclass(frozen=True, slots=True)
class PrintPage:
    """The print page a block starts on; `first` < `last` when it is known only to lie
    somewhere from `first` to `last`."""

    first: int
    last: int

    @property
    def label(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"

    def narrows_to(self, other: PrintPage) -> bool:
        """Whether `other` is this range's last page: no new print page need start there."""
        return self.first < self.last and other == PrintPage(self.last, self.last)


def print_pages(pdf: Path, blocks: list[Block]) -> list[PrintPage] | None:
    """Each block's print page, or None when the PDF is unreadable or a heading has no
    bookmark in order."""
    texts = pdf_page_texts(pdf)
    anchors = heading_pages(blocks, bookmarks(pdf)) if texts else None
    if texts is None or anchors is None:
        return None
    found = search(blocks, texts, anchors)
    pages: list[PrintPage] = []
    for index, block in enumerate(blocks):
        if found[index] is not None:
            pages.append(PrintPage(found[index], found[index]))
        elif len(normal(block.source)) < SHORT:  # a box line, a tool's notice: the page before
            pages.append(pages[-1] if pages else PrintPage(1, 1))
        else:
            before = next((p for p in reversed(found[:index]) if p is not None), 1)
            after = next((p for p in found[index:] if p is not None), len(texts))
            pages.append(PrintPage(before, after))
    return pages


def heading_pages(blocks: list[Block], marks: list[tuple[str, int]]) -> dict[int, int] | None:
    """Block index -> page of each heading, from the bookmarks in order; None when one is
    missing or the pages go backwards."""
    anchors: dict[int, int] = {}
    position, last = 0, 1
    for index, block in enumerate(blocks):
        if not block.heading:
            continue
        wanted = plain_title(block.source)
        at = next((i for i in range(position, len(marks)) if marks[i][0] == wanted), None)
        if at is None or marks[at][1] < last:
            return None
        position, last = at + 1, marks[at][1]
        anchors[index] = last
    return anchors


def search(blocks: list[Block], texts: list[str], anchors: dict[int, int]) -> list[int | None]:
    """The page each block's text is found on, searched in order and only on the pages
    between the headings around it; None where it is not found (or too short to look for)."""
    starts = [0]
    for text in texts:
        starts.append(starts[-1] + len(text))
    whole = "".join(texts)
    found: list[int | None] = []
    offset = 0
    for index, block in enumerate(blocks):
        low = next((anchors[i] for i in range(index, -1, -1) if i in anchors), 1)
        high = next((anchors[i] for i in range(index, len(blocks)) if i in anchors), len(texts))
        offset = max(offset, starts[low - 1])
        key = normal(block.source)[:KEY]
        at = whole.find(key, offset) if len(key) >= SHORT else -1
        if 0 <= at < starts[high]:
            offset = at + 1
            found.append(anchors.get(index, bisect.bisect_right(starts, at)))
        else:
            found.append(anchors.get(index))
    return found


def pdf_page_texts(pdf: Path) -> list[str] | None:
    try:
        document = pypdfium2.PdfDocument(pdf)
    except (pypdfium2.PdfiumError, OSError):
        return None
    try:
        return [normal(page.get_textpage().get_text_range()) for page in document]
    finally:
        document.close()


def normal(text: str) -> str:
    """Letters and digits only, lower case: what survives any PDF's line breaks and spacing."""
    return "".join(c for c in text.casefold() if c.isalnum())
