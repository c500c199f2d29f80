"""Braille blocks -> pages: the braille page number at the bottom right of each page and,
when the print edition's pages are known, its print page number at the top right and a print
page change indicator where a new print page starts mid-page (BANA Braille Formats 2016).
Where the print page is known only to lie between two pages, both are given, as BANA gives
combined print pages: "2-3".

Lines keep with what must follow them: a heading (or a glossary term) never ends a page.
"""

from __future__ import annotations

from collections.abc import Callable

from .cells import BLANK, dots
from .layout import Block
from .print_pages import PrintPage

PRINT_PAGE_CHANGE = dots("36")  # a line of dashes, then the new print page's number


def paginate(
    blocks: list[Block],
    lines: int,
    width: int,
    number: Callable[[int | str], str],
    prints: list[PrintPage] | None = None,
) -> list[list[str]]:
    """Pages of exactly `lines` lines; `prints`, when known, is each block's print page.
    `number` gives a page number's cells, braille or print."""
    top = 1 if prints else 0  # line 1 carries the print page number
    body = lines - 1 - top
    pages: list[tuple[PrintPage | None, list[str]]] = []
    page: list[str] = []
    current = prints[0] if prints else None
    start = current  # the print page in effect at the top of this braille page
    for index, block in enumerate(blocks):
        new = prints[index] if prints else None
        change = bool(new and current and new != current and not current.narrows_to(new))
        blank = 1 if block.blank_before and page and not change else 0
        if page and len(page) + change + blank + kept_together(blocks, index) > body:
            pages.append((start, page))
            page, blank = [], 0
        if new is not None and not page:
            current = start = new
        elif new is not None and change:
            current = new
            page.append(indicator(number(current.label), width))
        elif new is not None:  # the same page, or a range narrowed to its last page
            current = new
        page += [""] * blank
        for line in block.lines:
            if len(page) == body:
                pages.append((start, page))
                page, start = [], current
            page.append(line)
    if page:
        pages.append((start, page))
    return [
        finish(page, body, width, number(n), number(p.label) if p else None)
        for n, (p, page) in enumerate(pages, start=1)
    ]


def indicator(number: str, width: int) -> str:
    return PRINT_PAGE_CHANGE * (width - len(number)) + number


def kept_together(blocks: list[Block], index: int) -> int:
    """Lines that must share a page from block `index`: a heading (or a glossary term) with
    what follows it, down to the first line of the next block that keeps with nothing."""
    needed = 0
    for block in blocks[index:]:
        blank = 1 if block.blank_before and needed else 0
        if not block.keep_with_next:
            return needed + blank + 1
        needed += blank + len(block.lines)
    return needed


def finish(page: list[str], body: int, width: int, number: str, printed: str | None) -> list[str]:
    """The page's lines: the print page number right-aligned on line 1 when known, the text,
    blank lines, and the braille page number right-aligned on the last line."""
    head = [BLANK * (width - len(printed)) + printed] if printed is not None else []
    return [*head, *page, *[""] * (body - len(page)), BLANK * (width - len(number)) + number]
