"""Helpers for the right-to-left and complex-script tests: the sample translations built once,
small leaflets in other scripts, and where poppler and a rendered page put each word."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from PIL import Image

from publisher.build.run import build
from publisher.config import load_config

from .conftest import CONTENT, IN_CI, ROOT, require_tool

SAMPLE = CONTENT / "having-a-scan.md"
SLUG = "having-a-scan"
TODAY = date(2026, 6, 1)
HARAKAT = re.compile("[\u064b-\u0652\u0670]")  # Arabic vowel signs: optional in running text
ARABIC_LETTERS = re.compile("[\u0621-\u064a\u066e-\u06d3]")  # letters, not digits or commas
NOTO_CORE = Path("/usr/share/fonts/truetype/noto")  # Debian's fonts-noto-core (.ci/run installs it)


def build_samples(
    folder: Path, formats: tuple[str, ...], languages: tuple[str, ...] = ("ar", "bn")
) -> dict[str, Path]:
    """The signed-off sample translations built as `publisher build` does; language -> folder."""
    config = dataclasses.replace(load_config(ROOT), out_dir=folder)
    report = build([SAMPLE], config, formats=formats, languages=languages, today=TODAY)
    assert not report.errors, [str(problem) for problem in report.errors]
    return {language: folder / SLUG / language for language in languages}


def require_noto_core(*files: str) -> Path:
    """Debian's Noto folder with `files` in it: Noto Nastaliq Urdu and Noto Sans Gurmukhi
    come from no pip package. Skipped without them, except in CI, which installs them."""
    missing = [name for name in files if not (NOTO_CORE / name).is_file()]
    if missing:
        if IN_CI:
            pytest.fail(f"{', '.join(missing)} missing: .ci/run installs fonts-noto-core")
        pytest.skip(f"{', '.join(missing)} not installed (apt install fonts-noto-core)")
    return NOTO_CORE


# --- where the words are ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Word:
    """One word as poppler places it on a page, its letters in reading order; in points."""

    text: str
    left: float
    top: float
    right: float
    bottom: float


def poppler_words(pdf: Path, page: int = 1) -> list[Word]:
    """The words of one page, as `pdftotext -bbox` places them.

    poppler splits a word wherever an ActualText span ends (a joined Arabic letter, a
    Bengali conjunct), so pieces that touch are joined again; a space separates words.
    """
    out = subprocess.run(
        [require_tool("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    pattern = r'xMin="([\d.]+)" yMin="([-\d.]+)" xMax="([\d.]+)" yMax="([-\d.]+)"[^>]*>([^<]*)<'
    boxes = sorted(
        (float(top), float(left), float(right), float(bottom), text)
        for left, top, right, bottom, text in re.findall(pattern, out)
    )
    words: list[Word] = []  # letters left to right, for now
    for top, left, right, bottom, text in sorted(boxes, key=lambda box: box[1]):
        piece = Word(text, left, top, right, bottom)
        touching = [w for w in words if same_line(w, piece) and abs(left - w.right) < 1]
        if touching:
            words.remove(touching[-1])
            before = touching[-1]
            piece = Word(before.text + text, before.left, min(before.top, top), right,
                         max(before.bottom, bottom))  # fmt: skip
        words.append(piece)
    ordered = sorted(words, key=lambda w: (round(w.bottom), w.left))
    return [dataclasses.replace(w, text=reading_order(w.text)) for w in ordered]


def reading_order(text: str) -> str:
    """poppler gives a right-to-left word's letters left to right: turn them back."""
    if ARABIC_LETTERS.search(text):
        text = text[::-1]
    return HARAKAT.sub("", text)


def find(words: list[Word], text: str) -> Word:
    """The first word that is `text`, or is it with a comma or full stop beside it."""
    found = [word for word in words if text in (word.text, word.text.strip(".,:،"))]
    assert found, f"{text!r} is not on the page: {[word.text for word in words]}"
    return found[0]


def same_line(first: Word, second: Word) -> bool:
    """Boxes that mostly overlap from top to bottom: Nastaliq words slope, so their letters'
    boxes stand at different heights on one line."""
    overlap = min(first.bottom, second.bottom) - max(first.top, second.top)
    return overlap > 0.6 * min(first.bottom - first.top, second.bottom - second.top)


# --- the rendered page ------------------------------------------------------------------

DPI = 100


def render(pdf: Path, page: int, folder: Path) -> Image.Image:
    """A page as pdftoppm draws it (grey), DPI dots per inch."""
    stem = folder / f"{pdf.stem}-{page}"
    subprocess.run(
        [require_tool("pdftoppm"), "-r", str(DPI), "-gray", "-png", "-singlefile",
         "-f", str(page), "-l", str(page), str(pdf), str(stem)],
        check=True,
    )  # fmt: skip
    return Image.open(stem.with_suffix(".png")).convert("L")


def ink(image: Image.Image, left: float, top: float, right: float, bottom: float) -> int:
    """Dark pixels drawn inside a box given in points."""
    scale = DPI / 72
    box = (round(left * scale), round(top * scale), round(right * scale), round(bottom * scale))
    region = image.crop(box)
    return sum(region.histogram()[:128])


def drawn_at(image: Image.Image, word: Word) -> bool:
    """Whether the page shows letters where poppler says the word is."""
    return ink(image, word.left, word.top, word.right, word.bottom) > 20


# --- glyphs a PDF draws without having them ------------------------------------------------


class _GlyphCheck(PDFTextDevice):
    """A pdfminer device that notes each character code drawn with no glyph of its own."""

    def __init__(self, manager: PDFResourceManager) -> None:
        super().__init__(manager)
        self.codes: dict[int, set[int] | None] = {}
        self.missing: list[tuple[int, str, int]] = []
        self.page = 0

    def glyph_codes(self, font: object) -> set[int] | None:
        """The codes the embedded font program maps to a real glyph (None: not embedded)."""
        if id(font) not in self.codes:
            stream = resolve1(font.descriptor.get("FontFile2"))  # type: ignore[attr-defined]
            if stream is None:
                self.codes[id(font)] = None
            else:
                program = TTFont(io.BytesIO(stream.get_data()))
                self.codes[id(font)] = {
                    code
                    for table in program["cmap"].tables
                    for code, glyph in table.cmap.items()
                    if glyph != ".notdef"
                }
        return self.codes[id(font)]

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
        """pdfminer calls this for each character code a page draws."""
        codes = self.glyph_codes(font)
        # ReportLab draws a character its subset lacks as code 0 (an empty glyph) when
        # unshaped, and as a code with no glyph (the .notdef box) when shaped.
        if codes is not None and (cid == 0 or cid not in codes):
            self.missing.append((self.page, font.fontname, cid))
        return font.char_width(cid) * fontsize * scaling


def glyphs_missing(pdf: Path) -> list[tuple[int, str, int]]:
    """(page, font, code) of every character drawn without a glyph: an empty box or a gap."""
    manager = PDFResourceManager()
    device = _GlyphCheck(manager)
    interpreter = PDFPageInterpreter(manager, device)
    with pdf.open("rb") as handle:
        for number, page in enumerate(PDFPage.get_pages(handle), start=1):
            device.page = number
            interpreter.process_page(page)
    return device.missing
