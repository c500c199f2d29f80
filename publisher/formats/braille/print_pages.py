"""Where each braille block's text starts in the large-print PDF: its print page.

The PDF is read, not imported: its pages' text (pdfium) is searched for the start of each
block, in reading order. A print page number that is wrong misleads a braille reader who
follows a sighted person's "turn to page 3", so unless every block is found in order there
are no print page numbers at all.
"""

from __future__ import annotations

import bisect
from pathlib import Path

import pypdfium2

KEY = 24  # letters and digits from the start of a block's text to look for
SHORT = 4  # fewer than this cannot be told apart: such a block keeps the page before


def print_pages(pdf: Path, sources: list[str]) -> list[int] | None:
    """Each source's print page (1 = the first), or None when not all are found in order."""
    pages = pdf_page_texts(pdf)
    if pages is None:
        return None
    starts = [0]
    for text in pages:
        starts.append(starts[-1] + len(text))
    whole = "".join(pages)
    found, offset, page = [], 0, 1
    for source in sources:
        key = normal(source)[:KEY]
        if len(key) >= SHORT:
            at = whole.find(key, offset)
            if at < 0:
                return None
            offset, page = at + 1, bisect.bisect_right(starts, at)
        found.append(page)
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
