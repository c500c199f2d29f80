"""tel: links dial exactly the digits a reader sees, with a trunk '(0)' dropped as a
caller drops it, read back from the built HTML page, Word file and PDF."""

from __future__ import annotations

from pathlib import Path

import docx
import lxml.html
import pikepdf
import pytest

from publisher.config import Config
from publisher.formats import WriteContext
from publisher.formats.docx.writer import write as write_docx
from publisher.formats.html.writer import write as write_html
from publisher.formats.pdf.writer import write as write_pdf
from publisher.reading.source import read_leaflet

from .conftest import write_leaflet
from .fixtures.easy_read import TODAY

FRONT = "helpline:\n  label: Nurse helpline\n  phone: +44 (0)20 7946 0018\n"
BODY = """## Calling us

In the UK call [020 7946 0018](tel:02079460018).

From abroad call [+44 (0)20 7946 0018](tel:+4402079460018).

Or [call the nurses](<tel:+44 (0)20 7946 0018>).

Freephone [0800 123 4567](tel:08001234568).

::: easy
Call us on [020 7946 0018](tel:02079460018) or [+44 (0)20 7946 0018](tel:+4402079460018).
:::
"""
# What each written number dials: UK form as written, international form without the (0).
EXPECTED = {
    "tel:02079460018",  # 020 7946 0018
    "tel:+442079460018",  # +44 (0)20 7946 0018, never +4402079460018
    "tel:08001234567",  # the digits shown win over a mistyped address
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("phones")
    leaflet = read_leaflet(write_leaflet(folder / "content", BODY, FRONT))
    context = WriteContext(Config(organisation="Example Cancer Care"), TODAY)
    found = {}
    for name, write, suffix in (
        ("html", write_html, "html"),
        ("docx", write_docx, "docx"),
        ("pdf", write_pdf, "pdf"),
    ):
        found[name] = folder / f"test.{suffix}"
        write(leaflet, found[name], context)
    return found


def test_html_phone_links(built) -> None:
    page = lxml.html.fromstring(built["html"].read_bytes())
    hrefs = {a.get("href") for a in page.iter("a") if a.get("href", "").startswith("tel:")}
    assert hrefs == {"tel:02079460018", "tel:+442079460018"}  # easy read and helpline
    (helpline,) = page.xpath("//a[@class='phone']")
    assert helpline.get("href") == "tel:+442079460018"


def test_word_phone_links(built) -> None:
    document = docx.Document(str(built["docx"]))
    targets = {
        rel.target_ref for rel in document.part.rels.values() if rel.target_ref.startswith("tel:")
    }
    assert targets == EXPECTED
    links = {
        link.text.replace("\u00a0", " "): link.address
        for paragraph in document.paragraphs
        for link in paragraph.hyperlinks
    }
    assert links["020 7946 0018"] == "tel:02079460018"
    assert links["+44 (0)20 7946 0018"] == "tel:+442079460018"
    assert links["call the nurses"] == "tel:+442079460018"
    assert links["0800 123 4567"] == "tel:08001234567"


def test_pdf_phone_links(built) -> None:
    with pikepdf.open(built["pdf"]) as pdf:
        uris = {
            str(annot.A.URI)
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if "/A" in annot and "/URI" in annot.A
        }
    assert {u for u in uris if u.startswith("tel:")} == EXPECTED
