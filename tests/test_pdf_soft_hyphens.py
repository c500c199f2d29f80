"""Soft hyphens (U+00AD) in large print: never hyphenated (UKAAF), so a word that fits a line
is never split and shows no hyphen; a word too long for any line breaks at its soft hyphens,
with a hyphen shown there, not at an arbitrary letter. No reader gets a soft hyphen."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from pdfminer.high_level import extract_text

from .conftest import write_leaflet
from .pdf_support import build_pdf, pdftotext
from .test_pdf_pictures import text_lines

LONG = "Pseudo\u00adhypo\u00adpara\u00adthyroid\u00adism\u00adlike\u00adcon\u00addition\u00adness"
WHOLE = LONG.replace("\u00ad", "")


@pytest.fixture(scope="module")
def narrow(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """24pt on A5: the long word does not fit any line, in a paragraph, a list or a box."""
    folder = tmp_path_factory.mktemp("shy")
    body = (
        f"## A\n\nSome trans\u00adcriber\u00ads notes and then the {LONG} is here.\n\n"
        f"- an item with {LONG} inside\n\n::: note\nA box with {LONG} too.\n:::\n"
    )
    return build_pdf(write_leaflet(folder, body), folder / "shy.pdf", font_size=24, page_size="A5")[
        1
    ]


def test_only_a_word_too_long_for_a_line_breaks_and_only_at_its_soft_hyphens(narrow: Path) -> None:
    texts = [line.text for line in text_lines(narrow)]
    start = texts.index("Some transcribers notes")  # fits: whole, no hyphen shown
    assert texts[start : start + 12] == [
        "Some transcribers notes",
        "and then the",
        "Pseudohypoparathyroid-",
        "ismlikeconditionness is",
        "here.",
        "• an item with",  # a list item is narrower
        "Pseudohypopara-",
        "thyroidismlikecon-",
        "ditionness inside",
        "A box with",  # and a box narrower still
        "Pseudohypopara-",
        "thyroidismlikecon-",
    ]
    for line in text_lines(narrow):
        assert line.x1 <= 419.53 - 62.36 + 0.5, line.text  # inside the right margin


def test_no_reader_gets_a_soft_hyphen(narrow: Path) -> None:
    for text in (pdftotext(narrow), extract_text(str(narrow))):
        assert "\u00ad" not in text
        assert "transcribers" in text


def test_a_screen_reader_gets_the_broken_word_whole(narrow: Path) -> None:
    found = []
    with pikepdf.open(narrow) as pdf:

        def walk(element: pikepdf.Dictionary) -> None:
            if isinstance(element, pikepdf.Dictionary) and "/ActualText" in element:
                found.append((str(element.S), str(element.ActualText)))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid)

        top = pdf.Root.StructTreeRoot.K
        for document in top if isinstance(top, pikepdf.Array) else [top]:
            walk(document)
    assert found == [
        ("/P", f"Some transcribers notes and then the {WHOLE} is here."),
        ("/P", f"an item with {WHOLE} inside"),
        ("/P", f"A box with {WHOLE} too."),
    ]
