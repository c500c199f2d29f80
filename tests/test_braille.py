"""The sample leaflets in braille, in every published language, read back with liblouis.

Built once with the command line; each BRF is back-translated line by line by liblouis's
own lou_translate and every paragraph of the leaflet must come back, in order. The pages
are counted in cells and lines, and the PEF is validated against the PEF 1.0 grammar and
compared cell for cell with the BRF.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from babel.messages.pofile import read_po
from lxml import etree

from .braille_support import (
    BOX_LINE,
    BRAILLE_ASCII,
    back_translate,
    body_lines,
    brf_pages,
    cells,
    find_in_order,
    forward_translate,
    require_liblouis,
    switched_runs,
    words,
)
from .conftest import CONTENT, ROOT
from .i18n_support import run

SCAN, CANCER = "having-a-scan", "secondary-breast-cancer"
TABLES = {  # publisher.toml's tables for the sample languages
    "en-GB": "en-ueb-g2.ctb",
    "cy": "cy-cy-g2.ctb",
    "pl": "Pl-Pl-g1.utb",
    "ar": "ar-ar-g1.utb",
    "bn": "bn.tbl",
}
SCHEMA = Path(__file__).parent / "fixtures" / "pef-2008-1.rng"
PEF = "{http://www.daisy.org/ns/2008/pef}"
# What a leaflet's braille shows of its translation units, in the braille's order.
BODY = ("title", "summary", "paragraph", "section heading", "subsection heading", "list item",
        "note box", "alt text of a picture", "caption under a picture")  # fmt: skip
END = ("name of the helpline", "opening hours of the helpline", "glossary term", "glossary def")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples built as braille in every language publisher.toml publishes."""
    require_liblouis()
    root = tmp_path_factory.mktemp("braille")
    shutil.copytree(CONTENT, root / "content")
    shutil.copytree(ROOT / "locales", root / "locales")
    shutil.copy(ROOT / "publisher.toml", root / "publisher.toml")
    result = run(root, "build", "--format", "braille", "--jobs", "2")
    assert result.exit_code == 0, result.output
    return root / "out"


def editions() -> list[tuple[str, str]]:
    return [(SCAN, language) for language in TABLES] + [(CANCER, "en-GB")]


def brf(out: Path, slug: str, language: str) -> Path:
    return out / slug / language / f"{slug}.brf"


def test_every_language_has_a_brf_and_a_pef(out: Path) -> None:
    for slug, language in editions():
        assert brf(out, slug, language).is_file()
        assert brf(out, slug, language).with_suffix(".pef").is_file()
    catalogue = (out / "index.html").read_text(encoding="utf-8")
    assert "Braille, ready to emboss (BRF)" in catalogue
    assert f'href="{SCAN}/cy/{SCAN}.pef"' in catalogue


@pytest.mark.parametrize(("slug", "language"), editions())
def test_pages_are_40_cells_by_25_lines_numbered_at_the_bottom_right(
    out: Path, slug: str, language: str
) -> None:
    pages = brf_pages(brf(out, slug, language))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert len(page) == 25, f"page {number} has {len(page)} lines"
        assert all(len(line) <= 40 for line in page), f"page {number} has a line over 40 cells"
        assert len(page[-1]) == 40 and page[-1].lstrip().startswith("#")  # the number sign
        assert page[-1][:-8].strip() == ""  # nothing else on the number's line
    if language == "en-GB":  # UEB numbers: the number sign, then a-j for 1-0
        assert [page[-1].strip() for page in pages[:3]] == ["#A", "#B", "#C"]


def expected(slug: str, language: str) -> list[list[str]]:
    """The words of each unit the braille shows, from the PO file (msgstr, or the English msgid)."""
    english = language == "en-GB"
    po = ROOT / "locales" / ("templates" if english else language) / f"{slug}.po"
    with po.with_suffix(".pot" if english else ".po").open("rb") as handle:
        catalog = [m for m in read_po(handle) if m.id]
    units = [(m.auto_comments[0], m.id if english else m.string) for m in catalog]
    body = [text for kind, text in units if kind.startswith(BODY)]
    helpline = [text for kind, text in units if kind.startswith(END[:2])]
    glossary = [text for kind, text in units if kind.startswith(END[2:])]
    start = 2 if units[1][0].startswith("summary") else 1  # the helpline follows the title page
    ordered = body[:start] + helpline + body[start:] + glossary
    return [normal(plain(text), language) for text in ordered]


def plain(markdown: str) -> str:
    """Text without Markdown marks; a link's address follows its text when the text is not it."""

    def link(found: re.Match[str]) -> str:
        text, url = found[1], found[2]
        shown = url.split(":", 1)[1] if url.startswith(("tel:", "mailto:")) else url
        said = (
            re.sub(r"\D", "", text) == re.sub(r"\D", "", shown)
            if url.startswith("tel:")
            else text in url
        )
        return text if said else f"{text} ({shown})"

    return re.sub(r"\[([^\]]*)\]\(([^)]*)\)", link, markdown).replace("*", "")


BENGALI_VOWEL_SIGNS = dict(zip("ািীুূৃেৈোৌ", "আইঈউঊঋএঐওঔ", strict=True))


def normal(text: str, language: str) -> list[str]:
    """The words a braille reader would read back. Arabic: Arabic words, no vowel marks.
    Bengali: Bengali words; Bharati braille writes a vowel alike after a consonant and on its
    own, so liblouis reads every vowel sign back as the vowel letter, and so do we here."""
    # liblouis reads UEB's colon in "https://" back as "cc": the scheme is left out of both.
    found = [w for w in words(text) if not w.startswith("http")]
    if language == "ar":
        found = [
            re.sub("[\u064b-\u0652\u0670]", "", w) for w in found if re.search("[\u0621-\u064a]", w)
        ]
    if language == "bn":
        bengali = [w for w in found if re.search("[\u0985-\u09b9]", w)]
        found = ["".join(BENGALI_VOWEL_SIGNS.get(c, c) for c in w) for w in bengali]
    return found


# liblouis 3.24 reads Welsh contracted braille back imperfectly ("Byddwn" as "Byddiweddn",
# "cwestiynau" as "cwestoriiynau"), and Latin letters in Arabic and Bengali braille back as
# Arabic or Bengali ones ("CT" as a word of Arabic letters), so there a paragraph counts as
# found when most of its words come back in order.
SHARE = {"cy": 0.6, "ar": 0.8, "bn": 0.8}


@pytest.mark.parametrize(("slug", "language"), editions())
def test_back_translation_finds_every_paragraph_in_order(
    out: Path, slug: str, language: str
) -> None:
    lines = body_lines(brf_pages(brf(out, slug, language)))
    text = " ".join(back_translate(lines, TABLES[language]))
    paragraphs = expected(slug, language)
    assert len(paragraphs) >= 15
    missing = find_in_order(paragraphs, normal(text, language), SHARE.get(language, 1.0))
    assert missing == []


@pytest.mark.parametrize(("slug", "language"), editions())
def test_pef_is_valid_and_holds_the_same_cells_as_the_brf(
    out: Path, slug: str, language: str
) -> None:
    path = brf(out, slug, language)
    document = etree.parse(str(path.with_suffix(".pef")))
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    assert schema.validate(document), schema.error_log
    volume = document.find(f"{PEF}body/{PEF}volume")
    assert (volume.get("cols"), volume.get("rows")) == ("40", "25")
    meta = document.find(f"{PEF}head/{PEF}meta")
    assert meta.findtext("{http://purl.org/dc/elements/1.1/}language") == language
    pef_pages = [
        [row.text or "" for row in page.iter(f"{PEF}row")] for page in volume.iter(f"{PEF}page")
    ]
    assert pef_pages == [[cells(line) for line in page] for page in brf_pages(path)]


def test_the_pef_grammar_refuses_what_is_not_braille(out: Path) -> None:
    """The grammar can fail: a letter in a row, and a PEF without its identifier."""
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    document = etree.parse(str(brf(out, SCAN, "en-GB").with_suffix(".pef")))
    next(document.iter(f"{PEF}row")).text = "\u2801A"
    assert not schema.validate(document)
    document = etree.parse(str(brf(out, SCAN, "en-GB").with_suffix(".pef")))
    identifier = document.find(".//{http://purl.org/dc/elements/1.1/}identifier")
    identifier.getparent().remove(identifier)
    assert not schema.validate(document)


# --- print page numbers, from the large-print PDF built beside the braille -------------------

PRINTED = [(SCAN, "en-GB"), (SCAN, "cy")]


@pytest.fixture(scope="module")
def with_print(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """English, Welsh, Arabic and Bengali built as large print and braille: braille gives
    print page numbers."""
    require_liblouis()
    root = tmp_path_factory.mktemp("print")
    shutil.copytree(CONTENT, root / "content")
    shutil.copytree(ROOT / "locales", root / "locales")
    settings = (ROOT / "publisher.toml").read_text(encoding="utf-8")
    settings = settings.replace('"cy", "pl", "ar", "bn"]', '"cy", "ar", "bn"]')
    (root / "publisher.toml").write_text(settings, encoding="utf-8")
    leaflet = str(root / "content" / f"{SCAN}.md")
    result = run(root, "build", leaflet, "--format", "pdf,braille", "--jobs", "2")
    assert result.exit_code == 0, result.output
    return root / "out"


PRINT_CHANGE = re.compile(r"^-+(#[A-J]+)$")  # dots 36 across, then the print page's number


def ueb_number(cells: str) -> int:
    """A braille number (#, then a-j for 1-0) as an integer."""
    return int("".join(str("JABCDEFGHI".index(c)) for c in cells.lstrip("#")))


@pytest.mark.parametrize(("slug", "language"), PRINTED)
def test_each_braille_page_names_the_print_page_its_text_comes_from(
    with_print: Path, slug: str, language: str
) -> None:
    path = brf(with_print, slug, language)
    pdf = path.with_name(f"{slug}-large-print.pdf")
    with pdfplumber.open(pdf) as document:
        printed = [" ".join(back_words(page.extract_text() or "")) for page in document.pages]
    pages = brf_pages(path)
    changes = 0
    for number, page in enumerate(pages, start=1):
        assert re.fullmatch(r" +#[A-J]+", page[0]), f"braille page {number} has no print page"
        current = ueb_number(page[0].strip())
        text = [line for line in page[1:-1] if line and not BOX_LINE.match(line)]
        for index, line in enumerate(text):
            change = PRINT_CHANGE.match(line)
            if change:  # the text after it starts on the new print page
                current, changes = ueb_number(change[1]), changes + 1
                following = text[index + 1]
            elif index == 0:
                following = line
            else:
                continue
            said = back_words(back_translate([following], TABLES[language])[0])
            # Welsh contracted braille reads back imperfectly: its first three words, whole
            key = " ".join(said[:3]) if language == "cy" else " ".join(said)[:24]
            assert key in printed[current - 1], (number, current, said)
            last = current
    assert changes >= 1
    assert last == len(printed)  # the last words are on the last print page


def back_words(text: str) -> list[str]:
    return [w for w in words(text) if w.isalpha()]


# Each heading's page in the sample's large-print PDF, as its bookmarks give it.
HEADING_PAGES = {
    "en-GB": [("Having a scan", 1), ("Before your scan", 1), ("On the day", 2),
              ("After your scan", 2), ("Glossary", 2), ("References", 3)],
    "ar": [("إجراء فحص بالتصوير", 1), ("قبل الفحص", 1), ("في يوم الفحص", 1), ("بعد الفحص", 2),
           ("مسرد المصطلحات", 2), ("المراجع", 3)],
    "bn": [("স্ক্যান করানো", 1), ("আপনার স্ক্যানের আগে", 1), ("স্ক্যানের দিন", 2),
           ("আপনার স্ক্যানের পরে", 2), ("শব্দকোষ", 3), ("তথ্যসূত্র", 3)],
}  # fmt: skip


@pytest.mark.parametrize("language", HEADING_PAGES)
def test_each_heading_is_on_the_print_page_the_pdf_bookmarks_give(
    with_print: Path, language: str
) -> None:
    """Arabic and Bengali too, whose PDF text does not read back in order: the print page in
    effect at each braille heading (running head, or the last page change above it) is the
    page the PDF's bookmark puts that heading on."""
    path = brf(with_print, SCAN, language)
    with pikepdf.open(path.with_name(f"{SCAN}-large-print.pdf")) as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages, start=1)}
        with pdf.open_outline() as outline:
            marks = [
                (item.title, pages[item.destination[0].objgen])
                for top in outline.root
                for item in (top, *top.children, *(c for k in top.children for c in k.children))
            ]
    assert marks == HEADING_PAGES[language]  # the sample's layout, as this test expects it
    headings = {
        ascii_braille(forward_translate(title, TABLES[language])): title
        for title, _ in HEADING_PAGES[language]
    }
    seen = []
    for page in brf_pages(path):
        current = ueb_number(page[0].strip())
        for line in page[1:-1]:
            change = PRINT_CHANGE.match(line)
            if change:
                current = ueb_number(change[1])
            elif line.strip() in headings:
                seen.append((headings[line.strip()], current))
    assert seen == HEADING_PAGES[language]


def ascii_braille(unicode_cells: str) -> str:
    return "".join(BRAILLE_ASCII[ord(cell) - 0x2800] for cell in unicode_cells)


@pytest.mark.parametrize("language", ["ar", "bn"])
def test_latin_words_are_english_braille_between_code_switch_signs(
    out: Path, language: str
) -> None:
    """The Arabic and Bengali tables write Latin letters with their own letters' cells: every
    Latin word of the translation (CT, MRI, the addresses) and the organisation's name is in
    UEB between the signs, and reads back in English braille."""
    po = ROOT / "locales" / language / f"{SCAN}.po"
    with po.open("rb") as handle:
        shown = [
            m.string for m in read_po(handle) if m.id and m.auto_comments[0].startswith(BODY + END)
        ]
    latin = [w.lower() for text in shown for w in re.findall(r"[A-Za-z]+", plain(text))]
    latin += ["example", "cancer", "care"]  # the organisation, from publisher.toml
    assert {"ct", "mri"} <= set(latin)
    runs = switched_runs(body_lines(brf_pages(brf(out, SCAN, language))))
    assert {code for code, _ in runs} == {"en"}
    english = back_translate([run for _, run in runs], "en-ueb-g2.ctb")
    found = [w.lower() for text in english for w in re.findall(r"[A-Za-z]+", text)]
    assert all(re.fullmatch(r"[ -~]+", text) for text in english), english  # all English
    missing = Counter(latin) - Counter(found)
    assert not missing
