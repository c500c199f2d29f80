"""The page of a .docx: size and margins, 'Page N of M' in the footer, the draft warning above."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import resvg_py
from docx.document import Document
from docx.shared import Length, Mm, Pt
from docx.text.paragraph import Paragraph

from ...errors import BuildError
from ..print_style import PAGE_SIZES
from .ooxml import SECTPR_ORDER, field_runs, set_child, w_element

MARGIN = Mm(20)
HEADER_DISTANCE = Mm(10)
SLOT = "\x00"  # marks where a value goes in translated words; never in real text

Words = Callable[..., str]


def set_up_page(document: Document, page_size: str, rtl: bool) -> tuple[Length, Length]:
    """Size and margins of the only section; returns the text area's width and height."""
    if page_size.upper() not in PAGE_SIZES:
        choices = ", ".join(PAGE_SIZES)
        raise BuildError(f"page size '{page_size}' is not known to the Word writer ({choices})")
    width, height = (Pt(side) for side in PAGE_SIZES[page_size.upper()])
    section = document.sections[0]
    section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    section.header_distance = section.footer_distance = HEADER_DISTANCE
    if rtl:  # page furniture (columns, footers) laid out right to left
        set_child(section._sectPr, w_element("bidi"), SECTPR_ORDER)
    return Length(width - 2 * MARGIN), Length(height - 2 * MARGIN)


def pieces(words: Words, message: str, *slots: str) -> list[tuple[str, str]]:
    """Translated words split around their {slots}: [("text", "Page "), ("slot", "page"), ...].

    The translation decides the order, so 'Page {page} of {pages}' may become
    '{pages} の {page} ページ' and the fields still land in the right places.
    """
    marked = words(message, **{name: f"{SLOT}{name}{SLOT}" for name in slots})
    parts = marked.split(SLOT)
    found = [("slot" if index % 2 else "text", part) for index, part in enumerate(parts)]
    return [(kind, part) for kind, part in found if part]


def page_numbers(document: Document, parts: list[tuple[str, str]]) -> Paragraph:
    """'Page N of M' in the footer of every page, N and M as live PAGE and NUMPAGES fields."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    fields = {"page": "PAGE", "pages": "NUMPAGES"}
    for kind, part in parts:
        if kind == "text":
            paragraph.add_run(part)
        else:
            for run in field_runs(fields[part], "1"):
                paragraph._p.append(run)
    return paragraph


def header_paragraph(document: Document) -> Paragraph:
    paragraph = document.sections[0].header.paragraphs[0]
    paragraph.style = document.styles["Header"]
    return paragraph


def header_logo(document: Document, logo: Path, alt: str, height: Length) -> None:
    """The organisation's logo at the top of every page, described for screen readers."""
    if logo.suffix.lower() == ".svg":
        data = bytes(resvg_py.svg_to_bytes(svg_path=str(logo), height=round(height.inches * 300)))
    else:
        data = logo.read_bytes()
    paragraph = header_paragraph(document)
    shape = (
        paragraph.insert_paragraph_before(style="Header")
        .add_run()
        .add_picture(io.BytesIO(data), height=height)
    )
    shape._inline.docPr.set("descr", alt)
