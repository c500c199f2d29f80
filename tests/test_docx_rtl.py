"""An Arabic leaflet as a Word file: right-to-left paragraphs, complex-script fonts and sizes."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.document import Document
from docx.oxml.ns import qn

from publisher.formats.docx.bidi import has_rtl_letters
from publisher.formats.print_style import WORD_FONT
from publisher.text.scripts import is_rtl

from .conftest import write_leaflet
from .docx_leaflets import arabic_source
from .docx_support import build_docx, docdefaults_rpr, plain, xpath


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Document:
    folder = tmp_path_factory.mktemp("arabic")
    return build_docx(arabic_source(folder), folder / "scan-ar.docx")[1]


@pytest.mark.parametrize(
    ("language", "rtl"),
    [
        ("ar", True),
        ("ar-EG", True),
        ("ur", True),
        ("fa", True),
        ("he", True),
        ("ps", True),
        ("ku-Arab", True),
        ("en-GB", False),
        ("cy", False),
        ("pl", False),
        ("zh-Hans", False),
        ("ku", False),
    ],
)
def test_is_rtl_knows_the_right_to_left_languages(language: str, rtl: bool) -> None:
    assert is_rtl(language) is rtl


def test_language_and_complex_script_defaults(arabic: Document) -> None:
    rpr = docdefaults_rpr(arabic)
    lang = rpr.find(qn("w:lang"))
    assert (lang.get(qn("w:val")), lang.get(qn("w:bidi"))) == ("ar", "ar")
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == WORD_FONT
    assert xpath(rpr, "./w:szCs/@w:val") == xpath(rpr, "./w:sz/@w:val") == ["36"]
    for name in ("Heading 1", "Heading 2"):  # headings' Arabic as large as their Latin
        style_rpr = arabic.styles[name].element.rPr
        assert xpath(style_rpr, "./w:szCs/@w:val") == xpath(style_rpr, "./w:sz/@w:val")
        assert xpath(style_rpr, "./w:bCs")  # and as bold
    assert arabic.core_properties.language == "ar"
    theme = arabic.settings.element.find(qn("w:themeFontLang"))
    assert theme.get(qn("w:bidi")) == "ar"


def test_arabic_paragraphs_run_right_to_left(arabic: Document) -> None:
    arabic_paragraphs = [p for p in arabic.paragraphs if has_rtl_letters(p.text)]
    assert len(arabic_paragraphs) >= 10
    for paragraph in arabic_paragraphs:
        bidi = paragraph._p.pPr.find(qn("w:bidi"))
        assert bidi is not None and bidi.get(qn("w:val")) in (None, "1", "true"), paragraph.text
    assert arabic.sections[0]._sectPr.find(qn("w:bidi")) is not None  # page furniture too


def test_untranslated_english_words_stay_left_to_right(arabic: Document) -> None:
    footer = arabic.sections[0].footer.paragraphs[0]  # "Page 1 of 2": no Arabic words yet
    assert footer._p.pPr.find(qn("w:bidi")).get(qn("w:val")) == "0"


def test_arabic_runs_are_marked_right_to_left_and_latin_ones_not(arabic: Document) -> None:
    runs = xpath(arabic.element.body, ".//w:r[w:t]")
    for run in runs:
        text = "".join(xpath(run, "./w:t/text()"))
        marked = bool(xpath(run, "./w:rPr/w:rtl"))
        assert marked == has_rtl_letters(text), text
    bold = next(r for r in runs if "".join(xpath(r, "./w:t/text()")) == "موعد")
    assert xpath(bold, "./w:rPr/w:b") and xpath(bold, "./w:rPr/w:bCs")


def test_phone_numbers_and_addresses_keep_left_to_right_order(arabic: Document) -> None:
    paragraph = next(p for p in arabic.paragraphs if "اتصل" in p.text)
    phone = paragraph.hyperlinks[0]
    # embedded left to right (LRE ... PDF), joined by narrow no-break spaces
    assert phone.text == "\u202a0800\u202f123\u202f4567\u202c"
    assert phone.address == "tel:08001234567"
    assert "(\u202ahttps://example.org/scans\u202c)" in paragraph.text
    assert plain(paragraph.text).endswith("أو زر موقعنا (https://example.org/scans).")


def test_lists_in_notes_and_pictures_still_work(arabic: Document) -> None:
    texts = [plain(p.text) for p in arabic.paragraphs]
    note = arabic.paragraphs[texts.index("يمكنك إحضار شخص معك.")]
    item = arabic.paragraphs[texts.index("نقطة داخل الملاحظة")]
    assert note.style.name == "Note" and item.style.name == "List Bullet"
    assert item._p.pPr.find(qn("w:pBdr")) is not None  # the same box as the note
    alt = xpath(arabic.element.body, ".//wp:docPr/@descr")
    assert alt == ["ماسح ضوئي مع سرير"]


def test_right_to_left_lists_leave_room_for_their_numbers(arabic: Document) -> None:
    numbering = arabic.part.numbering_part.element
    item = next(p for p in arabic.paragraphs if p.text == "الخطوة الأولى")
    num = numbering.num_having_numId(item._p.pPr.numPr.numId.val)
    abstract_id = num.abstractNumId.val
    abstract = xpath(numbering, f"./w:abstractNum[@w:abstractNumId='{abstract_id}']")[0]
    ind = xpath(abstract, "./w:lvl[@w:ilvl='0']/w:pPr/w:ind")[0]
    # the number starts one hanging step in from the margin, not on it (see Look.list_indent)
    assert int(ind.get(qn("w:left"))) == 2 * int(ind.get(qn("w:hanging")))


def test_a_left_to_right_leaflet_has_no_right_to_left_marks(tmp_path: Path) -> None:
    source = write_leaflet(tmp_path, "## Part\n\nCall [0800 123 4567](tel:08001234567).\n")
    _, document = build_docx(source, tmp_path / "en.docx")
    assert not xpath(document.element.body, ".//w:bidi|.//w:rtl")
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is None
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Call "))
    assert [link.text for link in paragraph.hyperlinks] == ["0800\u00a0123\u00a04567"]
