"""What the large-print page keeps together and says once, read back with pdfplumber (page
numbers removed): a line that introduces a list stays on the list's page; an e-mail address
is printed once, without 'mailto:'."""

from __future__ import annotations

from pathlib import Path

from .conftest import write_leaflet
from .pdf_support import build_pdf, pdftotext, words_only
from .test_pdf_pictures import text_lines

FILLER = "Words that fill the page up to the list. "


def test_a_line_that_introduces_a_list_and_a_heading_stay_on_its_page(tmp_path: Path) -> None:
    body = "".join(
        f"## Part {number}\n\n{FILLER * (number * 2)}\n\nBefore list {number}, check that:\n\n"
        f"- first item {number}\n- second item {number}\n\n"
        f"## Heading {number}\n\n- straight after {number}\n- and more {number}\n\n"
        for number in range(1, 13)
    )
    _, pdf = build_pdf(write_leaflet(tmp_path, body), tmp_path / "lists.pdf")
    found = text_lines(pdf)
    assert len({line.page for line in found}) > 4  # the lists fall at many places on pages
    for number in range(1, 13):
        (intro,) = [line for line in found if line.text == f"Before list {number}, check that:"]
        (item,) = [line for line in found if line.text == f"• first item {number}"]
        assert intro.page == item.page, number
        # nor does a heading end a page before a list (ReportLab's keepWithNext would)
        (heading,) = [line for line in found if line.text == f"Heading {number}"]
        (after,) = [line for line in found if line.text == f"• straight after {number}"]
        assert heading.page == after.page, number


def test_an_email_address_is_printed_once_and_never_with_mailto(tmp_path: Path) -> None:
    body = (
        "## Contact\n\n"
        "Write to [nurses@example.org](mailto:nurses@example.org) today.\n\n"
        "Or e-mail [our nurses](mailto:nurses@example.org) now.\n\n"
        "Or [e-mail nurses@example.org](mailto:nurses@example.org) here.\n"
    )
    _, pdf = build_pdf(write_leaflet(tmp_path, body), tmp_path / "mail.pdf")
    text = words_only(pdftotext(pdf))
    assert "mailto" not in text
    assert "Write to nurses@example.org today." in text
    assert "Or e-mail our nurses (nurses@example.org) now." in text
    assert "Or e-mail nurses@example.org here." in text
    assert text.count("nurses@example.org") == 3
