"""The sample translations as Word files: right-to-left paragraphs and runs in Arabic, the
fonts Word needs for each script, and LibreOffice opening the Arabic file as a reader would."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from publisher.text.bidi import has_rtl_letters

from .conftest import write_leaflet
from .docx_support import build_docx, docdefaults_rpr, plain, soffice_to_pdf, xpath
from .rtl_support import build_samples, find, poppler_words, same_line

# The fonts Word is told to use for each script (see docx_styles): they come with Windows.
FONTS = {"ar": "Arial", "bn": "Nirmala UI"}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_samples(tmp_path_factory.mktemp("rtl-docx"), ("docx",))


@pytest.fixture(scope="module")
def documents(folders: dict[str, Path]) -> dict[str, Document]:
    return {
        lang: docx.Document(str(folder / "having-a-scan.docx")) for lang, folder in folders.items()
    }


def paragraphs(document: Document) -> list:
    section = document.sections[0]
    return [*document.paragraphs, *section.footer.paragraphs, *section.header.paragraphs]


def bidi(paragraph: DocxParagraph) -> str | None:
    """The paragraph's own w:bidi value ('1' when set without one), or None when unset."""
    ppr = paragraph._p.pPr
    found = None if ppr is None else ppr.find(qn("w:bidi"))
    return None if found is None else found.get(qn("w:val"), "1")


def test_every_arabic_paragraph_runs_right_to_left(documents: dict[str, Document]) -> None:
    arabic = [p for p in paragraphs(documents["ar"]) if has_rtl_letters(p.text)]
    assert len(arabic) >= 20
    assert all(bidi(p) in ("1", "true") for p in arabic), [p.text for p in arabic if not bidi(p)]
    assert documents["ar"].sections[0]._sectPr.find(qn("w:bidi")) is not None
    footer = documents["ar"].sections[0].footer.paragraphs[0]
    assert plain(footer.text).startswith("صفحة")  # "Page" in Arabic, right to left
    assert bidi(footer) == "1"


def test_arabic_runs_are_marked_right_to_left_and_english_ones_not(
    documents: dict[str, Document],
) -> None:
    runs = xpath(documents["ar"].element.body, ".//w:r[w:t]")
    assert len(runs) >= 30
    for run in runs:
        text = "".join(xpath(run, "./w:t/text()"))
        assert bool(xpath(run, "./w:rPr/w:rtl")) == has_rtl_letters(text), text


def test_complex_script_fonts_sizes_and_language_are_set(documents: dict[str, Document]) -> None:
    for language, document in documents.items():
        rpr = docdefaults_rpr(document)
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:cs")) == FONTS[language]
        lang = rpr.find(qn("w:lang"))
        assert lang.get(qn("w:bidi")) == language  # the language of complex-script text
        assert xpath(rpr, "./w:szCs/@w:val") == xpath(rpr, "./w:sz/@w:val") == ["36"]
        for name in ("Normal", "Heading 1", "Heading 2", "List Number"):
            style_fonts = document.styles[name].element.rPr
            if style_fonts is not None and style_fonts.find(qn("w:rFonts")) is not None:
                assert style_fonts.find(qn("w:rFonts")).get(qn("w:cs")) == FONTS[language]
        heading = document.styles["Heading 1"].element.rPr
        assert xpath(heading, "./w:bCs")  # bold in Arabic and Bengali too


def test_bengali_runs_left_to_right(documents: dict[str, Document]) -> None:
    body = documents["bn"].element.body
    assert not xpath(body, ".//w:bidi[not(@w:val='0')]|.//w:rtl")
    assert documents["bn"].sections[0]._sectPr.find(qn("w:bidi")) is None
    heading = next(p for p in documents["bn"].paragraphs if p.style.name == "Heading 1")
    assert heading.text == "স্ক্যান করানো"


def test_the_phone_number_keeps_its_order_inside_arabic(documents: dict[str, Document]) -> None:
    paragraph = next(p for p in documents["ar"].paragraphs if "اتصل بنا" in p.text)
    (phone, *_) = paragraph.hyperlinks
    # embedded left to right (LRE ... PDF), joined by narrow no-break spaces
    assert phone.text == "\u202a0800\u202f123\u202f4567\u202c"
    assert phone.address == "tel:08001234567"


def test_east_asian_and_urdu_fonts(tmp_path: Path) -> None:
    fonts = {}
    for language in ("zh", "zh-TW", "ur", "pa"):
        source = write_leaflet(tmp_path / language, "## 1\n\n2\n", f"language: {language}\n")
        _, document = build_docx(source, tmp_path / f"{language}.docx")
        rpr = docdefaults_rpr(document)
        fonts[language] = {
            name: rpr.find(qn("w:rFonts")).get(qn(f"w:{name}"))
            for name in ("eastAsia", "cs", "hint")
        }
        fonts[language]["lang"] = rpr.find(qn("w:lang")).get(qn("w:eastAsia"))
    assert fonts["zh"] == {
        "eastAsia": "Microsoft YaHei",
        "cs": "Arial",
        "hint": "eastAsia",
        "lang": "zh",
    }
    assert fonts["zh-TW"]["eastAsia"] == "Microsoft JhengHei"
    assert fonts["ur"]["cs"] == "Urdu Typesetting"  # Nastaliq, as Urdu is read
    assert fonts["pa"]["cs"] == "Nirmala UI"


def test_libreoffice_converts_the_arabic_file_with_its_words_in_order(
    folders: dict[str, Path], tmp_path: Path
) -> None:
    (pdf,) = soffice_to_pdf([folders["ar"] / "having-a-scan.docx"], tmp_path)
    words = poppler_words(pdf, 1)
    title = [w for w in words if same_line(w, find(words, "إجراء"))]
    # The title, read from the right: "Having a scan" in Arabic.
    assert [w.text for w in sorted(title, key=lambda w: -w.right)] == ["إجراء", "فحص", "بالتصوير"]
    # the phone number reads in dialling order wherever it is
    every = [w for page in range(1, 4) for w in poppler_words(pdf, page)]
    groups = [w for w in every if w.text in ("0800", "123", "4567")]
    assert groups
    for first, second in zip(groups, groups[1:], strict=False):
        if same_line(first, second):
            assert first.left < second.left
    text = re.sub(r"[\u202a-\u202e\s]+", " ", " ".join(w.text for w in every))
    assert "0800 123 4567" in text
