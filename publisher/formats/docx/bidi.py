"""Right-to-left text in a .docx: paragraph directions, and numbers that keep their order.

Word and LibreOffice run the Unicode bidi algorithm themselves, which in Arabic text
shows '0800 123 4567' as '4567 123 0800' (rule I2). Left-to-right units are therefore
embedded (LRE ... PDF: every bidi-aware Word knows them; not all know the newer
isolates), as publisher.bidi_text finds them for every format.
"""

from __future__ import annotations

from docx.document import Document

from ...text.bidi import LRE, PDF, has_ltr_letters, has_rtl_letters, wrap_ltr_spans
from .ooxml import set_ppr

# Keeps a phone number on one line. LibreOffice splits a number joined by U+00A0 inside
# right-to-left text mid-digits, but not one joined by the narrow U+202F.
NO_BREAK_SPACES = {False: "\u00a0", True: "\u202f"}


def embed_units(text: str) -> str:
    """Each run of Latin letters and digits in right-to-left text kept left to right."""
    if LRE in text:  # embedded already, as a whole (a phone number, an address)
        return text
    return wrap_ltr_spans(text, LRE, PDF)


def embed_whole(text: str) -> str:
    """A phone number or address that must read left to right as one piece."""
    return text if has_rtl_letters(text) else f"{LRE}{text}{PDF}"


def phone_text(text: str, rtl: bool) -> str:
    """A phone number that no line break splits, left to right even in Arabic text."""
    joined = text.replace(" ", NO_BREAK_SPACES[rtl])
    return embed_whole(joined) if rtl else joined


def set_directions(document: Document) -> None:
    """Right to left, except paragraphs with only left-to-right words (English tool words
    not yet translated, say): those would otherwise show '.reviewed yet'."""
    section = document.sections[0]
    paragraphs = [*document.paragraphs, *section.header.paragraphs, *section.footer.paragraphs]
    for paragraph in paragraphs:
        ltr = not has_rtl_letters(paragraph.text) and has_ltr_letters(paragraph.text)
        set_ppr(paragraph._p.get_or_add_pPr(), "bidi", **({"val": "0"} if ltr else {}))
