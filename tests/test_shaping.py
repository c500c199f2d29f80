"""Right-to-left and complex-script text in ReportLab: word order, joining, marks, real text.

Small PDFs are drawn with `BidiParagraph` and read back as a reader would: pdfplumber for
glyph positions, poppler's pdftotext for the text a person copies or a screen reader hears.
"""

from __future__ import annotations

import re
import subprocess
from importlib.resources import files
from pathlib import Path

import fontpkg
import pdfplumber
import pytest
from bidi import get_display
from bidi.mirror import MIRRORED
from fontTools.ttLib import TTFont as ToolsFont
from fontTools.varLib import instancer
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from publisher.text.bidi import line_pieces, ltr_spans, paragraph_levels, wrap_ltr_spans
from publisher.text.bidi_paragraph import BidiParagraph, Run, with_fallback
from publisher.text.shaping import Look

from .conftest import require_tool

HARAKAT = re.compile("[\u064b-\u0652\u0670]")  # Arabic vowel signs: optional in running text
SIZE, LEADING = 18, 18 * 1.35
LEFT, RIGHT = 72 + 6, A4[0] - 72 - 6  # SimpleDocTemplate: inch margins, 6pt frame padding


def variable_font(family: str) -> Path:
    if family == "Noto Sans Arabic":
        return fontpkg.select_file(fontpkg.family(family), 400, "normal").path
    pack = files("justmytype_intl_south_asia") / "fonts/ofl/notosansbengali"
    return Path(str(pack / "NotoSansBengali[wdth,wght].ttf"))


@pytest.fixture(scope="module")
def fonts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Static regular and bold Noto Sans Arabic and Bengali, registered with ReportLab."""
    folder = tmp_path_factory.mktemp("fonts")
    names = {}
    for family in ("Noto Sans Arabic", "Noto Sans Bengali"):
        for weight in (400, 700):
            font = ToolsFont(variable_font(family))
            location = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
            instancer.instantiateVariableFont(font, location | {"wght": weight}, inplace=True)
            path = folder / f"{family.replace(' ', '')}-{weight}.ttf"
            font.save(path)
            name = f"Test{family.replace(' ', '')}-{weight}"
            pdfmetrics.registerFont(TTFont(name, str(path)))
            names[f"{family.split()[-1].lower()}-{weight}"] = name
    return names


def build(path: Path, paragraphs: list[BidiParagraph]) -> Path:
    SimpleDocTemplate(str(path), pagesize=A4).build(paragraphs)
    return path


def arabic(fonts: dict[str, str], text: str, weight: int = 400) -> Run:
    return Run(text, Look(fonts[f"arabic-{weight}"], SIZE))


def poppler_words(pdf: Path) -> list[tuple[str, float, float]]:
    """(text, left, top) of each word as poppler places it, letters in reading order.

    poppler's box list splits a word wherever one ActualText span ends, so pieces that
    touch are joined again; a space's width separates words.
    """
    out = subprocess.run(
        [require_tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    boxes = sorted(
        (float(m.group(2)), float(m.group(1)), float(m.group(3)), m.group(4))
        for m in re.finditer(r'xMin="([\d.]+)" yMin="([-\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<', out)
    )
    words: list[list] = []  # [top, left, right, text left to right]
    for top, left, right, text in boxes:
        if words and words[-1][0] == top and left - words[-1][2] < 1:
            words[-1][2], words[-1][3] = right, words[-1][3] + text
        else:
            words.append([top, left, right, text])
    return [(_reading_order(text), left, top) for top, left, _, text in words]


def _reading_order(text: str) -> str:
    if re.search("[\u0600-\u06ff]", text):  # poppler gives right-to-left words left to right
        text = text[::-1]
    return HARAKAT.sub("", text)


def pdftotext(pdf: Path) -> str:
    out = subprocess.run(
        [require_tool("pdftotext"), str(pdf), "-"], capture_output=True, check=True
    )
    return re.sub("[\u202a-\u202e]", " ", out.stdout.decode())  # poppler's own direction marks


def left_of(words: list[tuple[str, float, float]], word: str) -> float:
    return next(left for text, left, _ in words if text == word)


# --- the bidi algorithm ------------------------------------------------------------------


def visual(text: str, rtl: bool = True, keep_units: bool = False) -> str:
    """A line's characters left to right as `line_pieces` orders them (mirrored like python-bidi)."""
    levels = paragraph_levels(text, rtl, keep_units)
    pieces = line_pieces(text, levels, [0] * len(text), 0, len(text), rtl)
    out = []
    for piece in pieces:
        chars = text[piece.start : piece.end]
        out.append("".join(MIRRORED.get(c, c) for c in reversed(chars)) if piece.rtl else chars)
    return "".join(out)


ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "abcNHS" + "0123456789" + "٠١٢" + " .,:-%/"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=40), st.booleans())
def test_line_order_agrees_with_python_bidi(text: str, rtl: bool) -> None:
    """Piece by piece ordering gives the same line as python-bidi's own character reordering."""
    assert visual(text, rtl) == get_display(text, base_dir="R" if rtl else "L")


def test_latin_and_numbers_stay_left_to_right_inside_arabic() -> None:
    # Plain UAX #9 shows a phone number's groups backwards inside Arabic; units keep them.
    assert "4567 123 0800" in visual("اتصل على 0800 123 4567 الآن")
    assert "0800 123 4567" in visual("اتصل على 0800 123 4567 الآن", keep_units=True)
    assert "NHS 111" in visual("اتصل بالرقم NHS 111 الآن", keep_units=True)
    assert "www.nhs.uk" in visual("زر www.nhs.uk الآن", keep_units=True)


def test_ltr_units_end_on_a_letter_or_digit() -> None:
    text = "اتصل بالرقم NHS 111. أو 0800 123 4567، أو www.nhs.uk/scan."
    assert [text[a:b] for a, b in ltr_spans(text)] == [
        "NHS 111",
        "0800 123 4567",
        "www.nhs.uk/scan",
    ]
    assert wrap_ltr_spans("على 0800 123", "<", ">") == "على <0800 123>"
    assert ltr_spans("على 0800\u00a0123\u202f4567") == [(4, 17)]  # no-break spaces too


# --- drawing -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def arabic_pdf(fonts: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("arabic")
    runs = [
        arabic(fonts, "اتصل بالرقم NHS 111 إذا شعرت بالقلق. "),
        arabic(fonts, "لا يؤلم الفحص", 700),
        arabic(fonts, " في معظم الحالات. خط المساعدة 0800 123 4567 من الاثنين إلى الجمعة."),
    ]
    return build(folder / "arabic.pdf", [BidiParagraph(runs, LEADING)])


def test_arabic_words_run_right_to_left(arabic_pdf: Path) -> None:
    words = poppler_words(arabic_pdf)
    first_line = [w for w in words if w[2] == words[0][2]]
    assert left_of(first_line, "اتصل") > left_of(first_line, "بالرقم")
    assert left_of(first_line, "بالرقم") > left_of(first_line, "111") > left_of(first_line, "NHS")
    assert left_of(first_line, "NHS") > left_of(first_line, "إذا")


def test_phone_number_reads_left_to_right_in_its_place(arabic_pdf: Path) -> None:
    words = poppler_words(arabic_pdf)
    assert left_of(words, "0800") < left_of(words, "123") < left_of(words, "4567")
    assert left_of(words, "4567") < left_of(words, "المساعدة")
    assert left_of(words, "0800") > left_of(words, "من")


def test_lines_are_right_aligned_and_fit(arabic_pdf: Path) -> None:
    with pdfplumber.open(arabic_pdf) as pdf:
        page = pdf.pages[0]
        lines: dict[float, list[dict]] = {}
        for char in page.chars:
            if char["width"] > 1:  # letters, not the marks above and below them
                lines.setdefault(round(char["bottom"]), []).append(char)
    assert len(lines) >= 2  # the paragraph was broken into lines
    right_edges = [max(c["x1"] for c in chars) for chars in lines.values()]
    left_edges = [min(c["x0"] for c in chars) for chars in lines.values()]
    assert all(abs(edge - RIGHT) < 1 for edge in right_edges)
    assert all(edge >= LEFT - 1 for edge in left_edges)
    assert len({round(edge) for edge in left_edges}) > 1  # ragged on the left


def test_arabic_text_extracts_in_reading_order(arabic_pdf: Path) -> None:
    # poppler wraps left-to-right runs in direction marks and moves spaces and full stops
    # around them, so compare the words.
    words = re.findall(r"\w+", pdftotext(arabic_pdf))
    expected = "اتصل بالرقم NHS 111 إذا شعرت بالقلق لا يؤلم الفحص في معظم الحالات خط المساعدة"
    assert words[:15] == expected.split()
    assert words[15:18] == ["0800", "123", "4567"]


def test_marks_sit_on_their_letters(fonts: dict[str, str], tmp_path: Path) -> None:
    # ReportLab 5.1 drew the letter after two raised marks at the marks' height.
    pdf = build(tmp_path / "marks.pdf", [BidiParagraph([arabic(fonts, "كنتِ حاملاً")], LEADING)])
    with pdfplumber.open(pdf) as document:
        letters = [c for c in document.pages[0].chars if c["width"] > 1]
    assert len({round(c["bottom"], 1) for c in letters}) == 1


def test_bengali_keeps_conjuncts_and_copies_as_written(
    fonts: dict[str, str], tmp_path: Path
) -> None:
    text = "আপনার স্ক্যানের আগে আপনাকে ৬ ঘণ্টা কিছু না খেতে বলা হতে পারে। ওষুধের তালিকা আনুন।"
    run = Run(text, Look(fonts["bengali-400"], SIZE))
    pdf = build(tmp_path / "bengali.pdf", [BidiParagraph([run], LEADING, rtl=False)])
    assert " ".join(pdftotext(pdf).split()) == text
    with pdfplumber.open(pdf) as document:
        chars = document.pages[0].chars
    assert min(c["x0"] for c in chars) == pytest.approx(LEFT, abs=1)  # left aligned
    assert len(chars) < len(text)  # conjuncts and vowel signs drawn as joined glyphs


def test_long_paragraph_breaks_across_pages(fonts: dict[str, str], tmp_path: Path) -> None:
    sentence = "قد تحتاج إلى التوقف عن الأكل لمدة 6 ساعات قبل موعدك. "
    style = ParagraphStyle("Body", spaceBefore=5, spaceAfter=SIZE)
    paragraph = BidiParagraph([arabic(fonts, sentence * 60)], LEADING, style=style)
    assert (paragraph.getSpaceBefore(), paragraph.getSpaceAfter()) == (5, SIZE)
    assert not paragraph.getKeepWithNext()  # (ReportLab never ends a page-long keepWithNext)
    pdf = build(tmp_path / "long.pdf", [paragraph])
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) >= 2
    assert pdftotext(pdf).count("ساعات") == 60


def test_a_word_longer_than_a_line_is_cut_not_lost(fonts: dict[str, str], tmp_path: Path) -> None:
    address = "https://www.example.org/" + "very-long-path/" * 12
    runs = [arabic(fonts, "زر "), arabic(fonts, address)]
    pdf = build(tmp_path / "cut.pdf", [BidiParagraph(runs, LEADING)])
    with pdfplumber.open(pdf) as document:
        chars = document.pages[0].chars
    assert max(c["x1"] for c in chars) <= RIGHT + 1
    # poppler joins a word cut after a hyphen at the end of a line ("long-" "path")
    assert "".join(pdftotext(pdf).split()).replace("-", "").count("verylongpath/") == 12


def test_letters_a_font_lacks_come_from_its_fallback(fonts: dict[str, str], tmp_path: Path) -> None:
    # As Noto Nastaliq Urdu lacks Latin letters, here the Bengali font is made to lack Arabic.
    run = Run("স্ক্যান শেষ كلمة NHS", Look(fonts["bengali-400"], SIZE))
    runs = with_fallback([run], {fonts["bengali-400"]: fonts["arabic-400"]})
    assert [(r.text, r.look.font) for r in runs] == [
        ("স্ক্যান শেষ ", fonts["bengali-400"]),
        ("كلمة", fonts["arabic-400"]),
        (" NHS", fonts["bengali-400"]),
    ]
    pdf = build(tmp_path / "fallback.pdf", [BidiParagraph(runs, LEADING, rtl=False)])
    with pdfplumber.open(pdf) as document:
        fonts_used = {c["fontname"].split("+")[-1] for c in document.pages[0].chars}
    assert fonts_used == {"NotoSansBengali-Regular", "NotoSansArabic-Regular"}
    assert "كلمة" in pdftotext(pdf)


def page_image(pdf: Path) -> bytes:
    stem = pdf.with_suffix("")
    subprocess.run(
        [
            require_tool("pdftoppm"),
            "-r",
            "100",
            "-gray",
            "-png",
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    return stem.with_suffix(".png").read_bytes()


def test_text_told_to_readers_moves_no_glyph(fonts: dict[str, str], tmp_path: Path) -> None:
    """Vowel signs drawn as hidden text and the blanks stretched across English inside
    Arabic leave the page exactly as the plain drawing does (pdftoppm, byte for byte)."""
    text = "مُحَمَّدٌ رَسُولٌ لأنَّ الطبيبَ قالَ: اتصل بالرقم 0800 123 4567 أو اسأل St Mary's."

    def paragraph() -> BidiParagraph:
        return BidiParagraph([arabic(fonts, text)], LEADING, rtl=True)

    plain = build(tmp_path / "plain.pdf", [paragraph()])
    learned: dict[tuple[str, str], str] = {}

    def learning(*args, **options) -> Canvas:
        """A canvas that learns what glyphs stand for, as the tagged PDF's canvas does."""
        canvas = Canvas(*args, **options)
        canvas.glyph_text = learned
        return canvas

    told = tmp_path / "told.pdf"
    SimpleDocTemplate(str(told), pagesize=A4).build([paragraph()], canvasmaker=learning)
    assert {"\u064c", "\u0651", ""} <= set(learned.values())  # hidden tanween, shadda; a bridge
    assert page_image(told) == page_image(plain)
