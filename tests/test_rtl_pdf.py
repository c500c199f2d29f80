"""Large print in Arabic, Bengali, Urdu, Punjabi and Chinese, read back from the built PDFs.

The sample translations (Arabic and Bengali) are built once as `publisher build` builds them;
small leaflets show the other scripts. Word order is checked where the words are drawn:
poppler's word boxes, and ink on the page as pdftoppm renders it, not text extraction alone.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
import uharfbuzz
from babel.messages.pofile import read_po
from click.testing import CliRunner
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as ReportLabFont
from reportlab.pdfgen.canvas import Canvas

from publisher.cli import main
from publisher.config import load_config
from publisher.errors import BuildError
from publisher.formats import WriteContext
from publisher.formats.pdf.styles import MARGIN
from publisher.formats.pdf.writer import write
from publisher.formats.print_style import PAGE_SIZES
from publisher.i18n.apply import localise
from publisher.reading.source import read_leaflet
from publisher.text import fonts
from publisher.text.fonts import Coverage, typeface_for

from .conftest import ROOT, require_tool, write_leaflet
from .pdf_support import FONT_CACHE, build_pdf, pdftotext, use_font_cache, words_only
from .rtl_support import (
    HARAKAT,
    SAMPLE,
    TODAY,
    Word,
    build_samples,
    drawn_at,
    find,
    glyphs_missing,
    ink,
    poppler_words,
    render,
    require_noto_core,
    same_line,
)

RIGHT_EDGE = PAGE_SIZES["A4"][0] - MARGIN
LOCALES = ROOT / "locales"
SAMPLE_LANGUAGES = ("ar", "bn", "cy", "pl", "en-GB")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample leaflet's PDF in every sample language; language -> PDF."""
    folders = build_samples(tmp_path_factory.mktemp("rtl-pdf"), ("pdf",), SAMPLE_LANGUAGES)
    return {lang: folder / "having-a-scan-large-print.pdf" for lang, folder in folders.items()}


@pytest.fixture(scope="module")
def arabic(built: dict[str, Path]) -> Path:
    return built["ar"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rendered")


def translated(language: str, msgid: str) -> str:
    with (LOCALES / language / "having-a-scan.po").open("rb") as handle:
        return read_po(handle)[msgid].string


def line_of(words: list[Word], first: str) -> list[Word]:
    """The words on the line that holds `first`, from right to left (Arabic reading order)."""
    start = find(words, first)
    return sorted((w for w in words if same_line(w, start)), key=lambda w: -w.right)


def text_of(line: list[Word]) -> list[str]:
    return [word.text for word in line]


def bare(word: str) -> str:
    return word.strip(".,:،")


def lines_of(words: list[Word]) -> list[list[Word]]:
    lines: dict[int, list[Word]] = {}
    for word in words:
        lines.setdefault(round(word.bottom), []).append(word)
    return list(lines.values())


# --- word order, drawn -----------------------------------------------------------------------


def test_the_first_word_of_a_line_is_drawn_right_of_the_second(arabic: Path, pages: Path) -> None:
    sentence = translated("ar", "We will send you a letter with the date and time of your scan. "
                          "Please read it carefully.")  # fmt: skip
    words = poppler_words(arabic, 1)
    line = line_of(words, sentence.split()[0])
    # Read from the right, the line is the sentence in order: its first words, unbroken.
    shown = text_of(line)
    assert shown == sentence.split()[: len(shown)] and len(shown) >= 6
    first, second = line[0], line[1]
    assert first.left > second.right  # the first word is to the right of the second
    assert first.right == pytest.approx(RIGHT_EDGE, abs=1)  # and starts the line at the margin
    # The page, rendered, shows letters in both boxes and white between them (the space).
    image = render(arabic, 1, pages)
    assert drawn_at(image, first) and drawn_at(image, second)
    assert ink(image, second.right + 0.5, first.top + 4, first.left - 0.5, first.bottom - 4) == 0


def test_a_mixed_arabic_and_english_line_keeps_every_word_in_place(
    arabic: Path, pages: Path
) -> None:
    summary = translated("ar", "What happens when you have a CT or MRI scan, and how to get ready.")
    words = poppler_words(arabic, 1)
    line = line_of(words, summary.split()[0])
    # 'CT' and 'MRI' stand where the sentence puts them, read from the right like the rest
    # (a comma or full stop stands on the side the line is read towards: MRI's at its left).
    assert [bare(word) for word in text_of(line)] == [bare(word) for word in summary.split()]
    image = render(arabic, 1, pages)
    ct, mri = find(line, "CT"), find(line, "MRI")
    assert find(line, "فحص").left > ct.right and ct.left > find(line, "أو").right > mri.right
    assert drawn_at(image, ct) and drawn_at(image, mri)


def test_a_phone_number_reads_left_to_right_inside_arabic(arabic: Path, pages: Path) -> None:
    words = poppler_words(arabic, 2)
    line = line_of(words, "اتصل")
    groups = [find(line, group) for group in ("0800", "123", "4567")]
    # 'call us on the number 0800 123 4567 or visit': the number between its Arabic words,
    # its groups in the order they are dialled.
    assert find(line, "الرقم").left > groups[2].right
    assert groups[0].left < groups[1].left < groups[2].left
    assert groups[0].left > find(line, "أو").right
    image = render(arabic, 2, pages)
    assert all(drawn_at(image, group) for group in groups)


def test_arabic_lines_are_right_aligned_and_ragged_on_the_left(arabic: Path) -> None:
    edges = [
        (min(w.left for w in line), max(w.right for w in line))
        for line in lines_of(poppler_words(arabic, 2))
        if any(re.search("[\u0621-\u064a]", w.text) for w in line)
    ]
    body = [(left, right) for left, right in edges if right > RIGHT_EDGE - 5]  # not in a box
    assert len(body) >= 10
    assert all(right == pytest.approx(RIGHT_EDGE, abs=1) for _, right in body)
    assert len({round(left) for left, _ in body}) > len(body) / 2  # ragged on the left


def test_list_numbers_stand_right_of_their_items(arabic: Path) -> None:
    words = poppler_words(arabic, 1)
    items = [
        HARAKAT.sub("", translated("ar", msgid))  # poppler's words come without vowel signs
        for msgid in ("are pregnant or might be", "are worried about small spaces")
    ]
    for number, item in zip((".1", ".3"), items, strict=True):
        line = line_of(words, number)  # from the right: the marker, then the item's words
        assert text_of(line) == [number, *item.split()]
        assert line[0].right == pytest.approx(RIGHT_EDGE, abs=1)
        assert line[0].left > line[1].right


def test_page_numbers_in_arabic_at_the_right_of_every_page(arabic: Path) -> None:
    with pdfplumber.open(arabic) as pdf:
        count = len(pdf.pages)
    for page in range(1, count + 1):
        words = poppler_words(arabic, page)
        footer = line_of(words, "صفحة")
        assert text_of(footer) == ["صفحة", str(page), "من", str(count)]  # "Page N of M"
        assert footer[0].right == pytest.approx(RIGHT_EDGE, abs=1)
        assert footer[0].top > 740  # at the foot


def test_bookmarks_title_and_language_are_the_translations(arabic: Path) -> None:
    headings = ["Having a scan", "Before your scan", "On the day", "After your scan"]
    expected = [translated("ar", heading) for heading in headings] + [
        "مسرد المصطلحات",  # Glossary
        "المراجع",  # References
    ]
    with pikepdf.open(arabic) as pdf, pdf.open_outline() as outline:
        titles = []
        for entry in outline.root:
            titles += [str(entry.title), *(str(child.title) for child in entry.children)]
        assert titles == expected
        assert str(pdf.docinfo.Title) == expected[0]
        assert str(pdf.Root.Lang) == "ar"


def test_made_by_reportlab_not_libreoffice_or_chromium(built: dict[str, Path]) -> None:
    for pdf in built.values():
        with pikepdf.open(pdf) as document:
            producer = str(document.docinfo.Producer)
            creator = str(document.docinfo.Creator)
        assert "ReportLab" in producer and creator.startswith("publisher ")
        for other in ("LibreOffice", "Skia", "Chrom", "HeadlessChrome", "cairo"):
            assert other not in producer + creator


# --- letters: every one drawn from a font that has it --------------------------------------


def test_the_glyph_check_finds_a_missing_glyph(tmp_path: Path) -> None:
    """The checker below, tried on a PDF that does print a letter its font lacks."""
    typeface = typeface_for("en-GB", FONT_CACHE)
    pdfmetrics.registerFont(ReportLabFont("GlyphCheckNotoSans", str(typeface.regular)))
    canvas = Canvas(str(tmp_path / "snowman.pdf"))
    canvas.setFont("GlyphCheckNotoSans", 18)
    canvas.drawString(72, 720, "A snow \u2603 man")
    canvas.save()
    assert len(glyphs_missing(tmp_path / "snowman.pdf")) == 1


@pytest.mark.parametrize("language", SAMPLE_LANGUAGES)
def test_no_missing_glyphs_in_any_sample_language(built: dict[str, Path], language: str) -> None:
    pdf = built[language]
    assert glyphs_missing(pdf) == []
    listing = subprocess.run(
        [require_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing and all(row.split()[-5] == "yes" for row in listing)  # all embedded
    family = fonts.family_for(language).replace(" ", "")
    assert {row.split()[0].split("+")[-1].rsplit("-", 1)[0] for row in listing} == {family}
    # Every letter of the translation is in the typeface, and HarfBuzz shapes every
    # sentence without a .notdef glyph (glyph 0): no empty box, whatever the line breaks.
    if language != "en-GB":
        typeface = typeface_for(language, FONT_CACHE)
        strings = [m.string for m in read_po((LOCALES / language / "having-a-scan.po").open("rb"))]
        strings = [s for s in strings if s and not s.startswith("Project-Id")]
        assert Coverage.of(typeface).missing("".join(strings)) == []
        assert not [s for s in strings if 0 in shaped_glyphs(typeface.regular, s)]


def shaped_glyphs(font: Path, text: str) -> list[int]:
    face = uharfbuzz.Face(font.read_bytes())
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(face), buffer)
    return [info.codepoint for info in buffer.glyph_infos]


def test_bengali_keeps_its_conjuncts_left_aligned_and_copies_as_written(
    built: dict[str, Path],
) -> None:
    pdf = built["bn"]
    text = words_only(pdftotext(pdf))
    for msgid in (
        "Before your scan",
        "You can eat and drink as normal, unless your letter says not to.",
    ):
        assert words_only(translated("bn", msgid)) in text
    lefts = {round(min(w.left for w in line)) for line in lines_of(poppler_words(pdf, 2))}
    assert lefts <= {round(MARGIN), round(MARGIN) + 1} | set(range(70, 120))  # lists indent
    assert round(MARGIN) in lefts or round(MARGIN) + 1 in lefts
    # conjuncts and vowel signs are drawn as joined glyphs: fewer glyphs than letters read
    with pdfplumber.open(pdf) as document:
        glyphs = sum(1 for page in document.pages for c in page.chars if c["text"].strip())
    assert glyphs < len("".join(pdftotext(pdf).split()))


def test_a_draft_says_so_in_arabic_from_the_right_and_in_english_from_the_left(
    tmp_path: Path,
) -> None:
    config = load_config(ROOT)
    leaflet, words = localise(read_leaflet(SAMPLE), "ar", config, draft=True)
    target = tmp_path / "draft.pdf"
    write(leaflet, target, WriteContext(config, TODAY, words, draft=True))
    arabic_notice = words("Draft: this translation has not been reviewed yet.")
    assert arabic_notice != "Draft: this translation has not been reviewed yet."
    with pdfplumber.open(target) as pdf:
        for page in pdf.pages:
            lines = page.extract_text_lines(strip=True)
            top = sorted(lines, key=lambda line: line["top"])[:2]
            assert top[0]["text"] == "Draft: this translation has not been reviewed yet."
            assert top[0]["x0"] == pytest.approx(MARGIN, abs=1)  # English first, from the left
            assert top[1]["x1"] == pytest.approx(RIGHT_EDGE, abs=1)  # Arabic, from the right
    english = re.findall(r"\w+", "Draft: this translation has not been reviewed yet.")
    said = re.findall(r"\w+", arabic_notice)
    assert [*english, *said] == re.findall(r"\w+", pdftotext(target))[: len(english) + len(said)]


# --- other scripts: small leaflets ----------------------------------------------------------

URDU = """\
## اسکین سے پہلے

اگر آپ کو کوئی سوال ہو تو NHS 111 پر کال کریں یا ہمیں 0800 123 4567 پر فون کریں۔ ہم آپ کو ایک خط بھیجیں گے جس میں آپ کے اسکین کی تاریخ اور وقت ہوگا۔

- اگر آپ حاملہ ہیں
- اگر آپ کے جسم میں کوئی دھات ہے
"""
PUNJABI = """\
## ਤੁਹਾਡੇ ਸਕੈਨ ਤੋਂ ਪਹਿਲਾਂ

ਜੇ ਤੁਹਾਡੇ ਕੋਈ ਸਵਾਲ ਹਨ ਤਾਂ NHS 111 'ਤੇ ਫ਼ੋਨ ਕਰੋ। ਅਸੀਂ ਤੁਹਾਨੂੰ ਇੱਕ ਚਿੱਠੀ ਭੇਜਾਂਗੇ।
"""
CHINESE = """\
## 扫描之前

我们会给您寄一封信，信中写有扫描的日期和时间。请仔细阅读。如果您有任何问题，请拨打 NHS 111。扫描当天，放射技师会向您解释整个过程。CT 扫描大约需要 10 分钟。MRI 扫描最长可能需要 45 分钟，而且噪音很大，所以我们会给您耳塞。
"""


def small_pdf(folder: Path, body: str, language: str) -> Path:
    source = write_leaflet(folder, body, f"language: {language}\n", f"{language}.md")
    return build_pdf(source, folder / f"{language}.pdf")[1]


def font_names(pdf: Path) -> set[str]:
    with pdfplumber.open(pdf) as document:
        return {c["fontname"].split("+")[-1] for page in document.pages for c in page.chars}


def test_urdu_in_nastaliq_right_to_left_with_latin_from_noto_sans(tmp_path: Path) -> None:
    require_noto_core("NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Bold.ttf")
    pdf = small_pdf(tmp_path, URDU, "ur")
    assert glyphs_missing(pdf) == []
    # Nastaliq has no Latin letters: 'NHS' and the English title come from Noto Sans.
    assert {"NotoNastaliqUrdu-Regular", "NotoNastaliqUrdu-Bold", "NotoSans-Regular"} <= (
        font_names(pdf)
    )
    words = poppler_words(pdf, 1)  # the text starts on the first page
    line = line_of(words, "اگر")
    # 'If you have any question, call NHS 111': read from the right, the Urdu words in
    # order, and 'NHS 111' in its place, itself left to right.
    expected = ["اگر", "آپ", "کو", "کوئی", "سوال", "ہو", "تو", "111", "NHS", "پر", "کال", "کریں"]
    assert text_of(line)[: len(expected)] == expected
    assert find(line, "NHS").right < find(line, "111").left
    assert find(line, "0800").left < find(line, "123").left < find(line, "4567").left
    image = render(pdf, 1, tmp_path)
    assert all(drawn_at(image, find(line, word)) for word in ("اگر", "سوال", "NHS", "111"))
    # Nastaliq's tall, sloping words get room: the two lines of the review dates (one
    # paragraph) are more than twice the text size apart.
    assert find(words, "Next").bottom - find(words, "Reviewed:").bottom >= 2 * 18


def test_a_phone_number_is_never_cut_across_lines_in_arabic(tmp_path: Path) -> None:
    """Fifteen numbers in one paragraph: wherever a line ends, each number is whole on one."""
    body = "## الهاتف\n\n" + " ".join(
        f"اتصل بالرقم 0800 123 456{n % 10} {'أو' * (n % 3 + 1)}" for n in range(15)
    )
    pdf = small_pdf(tmp_path, body + "\n", "ar")
    lines = [text_of(line) for line in lines_of(poppler_words(pdf, 1))]
    numbered = [line for line in lines if {"0800", "123"} & set(line)]
    assert sum(line.count("0800") for line in numbered) == 15, lines
    for line in numbered:
        assert line.count("0800") == line.count("123") == sum(w.startswith("456") for w in line)


def test_punjabi_in_gurmukhi_copies_as_written(tmp_path: Path) -> None:
    require_noto_core("NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf")
    pdf = small_pdf(tmp_path, PUNJABI, "pa")
    assert glyphs_missing(pdf) == []
    assert {"NotoSansGurmukhi-Regular", "NotoSansGurmukhi-Bold"} <= font_names(pdf)
    text = words_only(pdftotext(pdf))
    assert "ਤੁਹਾਡੇ ਸਕੈਨ ਤੋਂ ਪਹਿਲਾਂ" in text
    assert "NHS 111" in text


def test_chinese_breaks_lines_between_characters_inside_the_margins(tmp_path: Path) -> None:
    pdf = small_pdf(tmp_path, CHINESE, "zh")
    assert glyphs_missing(pdf) == []
    assert font_names(pdf) == {"NotoSansSC-Regular", "NotoSansSC-Bold"}
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]  # the text starts on the first page
        lines = page.extract_text_lines(strip=True)
    body = [line for line in lines if line["top"] < 700]
    assert len(body) >= 6  # one paragraph, many lines: broken between characters
    assert max(line["x1"] for line in body) <= RIGHT_EDGE + 1
    assert all(line["x0"] == pytest.approx(MARGIN, abs=1) for line in body)
    paragraph = CHINESE.split("\n\n")[1].strip()
    assert paragraph.replace(" ", "") in "".join(pdftotext(pdf).split())


# --- a typeface no pip package ships --------------------------------------------------------


def test_a_missing_typeface_is_a_clear_error_naming_it_and_how_to_install_it(
    tmp_path: Path,
) -> None:
    with pytest.raises(BuildError) as caught:
        typeface_for("ur", FONT_CACHE, [tmp_path / "fonts"])
    message = str(caught.value)
    assert "the font 'Noto Nastaliq Urdu' is needed and no pip package provides it" in message
    assert "NotoNastaliqUrdu-Regular.ttf" in message and str(tmp_path / "fonts") in message
    assert "apt install fonts-noto-core" in message


def urdu_project(root: Path) -> Path:
    write_leaflet(root / "content", URDU, "language: ur\n", "urdu.md")
    use_font_cache(root)
    return root


def test_publisher_build_stops_with_that_error_and_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "SYSTEM_FOLDERS", ())  # a machine without fonts-noto-core
    root = urdu_project(tmp_path)
    result = CliRunner().invoke(main, ["--root", str(root), "build", "--format", "pdf"])
    assert result.exit_code == 1
    assert "the font 'Noto Nastaliq Urdu' is needed" in result.output
    assert "Traceback" not in result.output
    assert not list((root / "out").glob("urdu/ur/*.pdf"))


def test_the_projects_fonts_folder_is_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system = require_noto_core("NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Bold.ttf")
    monkeypatch.setattr(fonts, "SYSTEM_FOLDERS", ())
    root = urdu_project(tmp_path)
    (root / "fonts").mkdir()
    for name in ("NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Bold.ttf"):
        shutil.copy(system / name, root / "fonts" / name)
    result = CliRunner().invoke(main, ["--root", str(root), "build", "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert "NotoNastaliqUrdu-Regular" in font_names(root / "out/urdu/ur/urdu-large-print.pdf")
