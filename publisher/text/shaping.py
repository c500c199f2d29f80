"""Shaped text for ReportLab: one piece of a line, shaped by HarfBuzz and drawn with its real text.

ReportLab (with uharfbuzz) shapes a string: Arabic letters take their joined forms, Bengali
consonants their conjuncts, marks their places. Two things it does not do are done here:
the direction of a piece is set by the bidi algorithm, not guessed from its script (Arabic
digits run left to right), and each glyph cluster whose glyph does not map back to the
characters it shows (a joined form, a ligature, a reordered vowel sign) carries those
characters as ActualText, so copying, searching and reading aloud give the words as written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import uharfbuzz
from bidi.mirror import MIRRORED
from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.pdfgen.textobject import PDFTextObject

from .bidi import BIDI_CONTROLS


@dataclass(frozen=True, slots=True)
class Look:
    """How a run of text is drawn: a registered TrueType font, size, colour and link."""

    font: str
    size: float
    colour: str = "#000000"
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Shaped:
    """Glyphs to draw left to right, their width, and the text each position stands for.

    `glyphs` is a ReportLab ShapedStr when HarfBuzz changed anything, else plain text;
    `source` is the piece's text in the order HarfBuzz was given it (its cluster indices).
    """

    glyphs: str
    width: float
    source: str
    look: Look


def shape(text: str, look: Look, rtl: bool) -> Shaped:
    """Shape one piece of a line (one font, one direction) in the direction it runs."""
    source = "".join(char for char in text if char not in BIDI_CONTROLS)
    drawn = source
    if _guessed_rtl(source) != rtl:
        # Digits and punctuation: HarfBuzz takes their direction from their script, so
        # hand it the piece already reversed (and mirrored, as it would mirror it back).
        source = source[::-1]
        drawn = "".join(MIRRORED.get(char, char) for char in source)
    glyphs = shapeStr(drawn, look.font, look.size)
    if isinstance(glyphs, ShapedStr):
        width = sum(data.x_advance for data in glyphs.__shapeData__) * look.size / 1000
    else:
        width = pdfmetrics.stringWidth(glyphs, look.font, look.size)
    return Shaped(glyphs, width, source, look)


def _guessed_rtl(text: str) -> bool:
    """The direction HarfBuzz will choose for `text` when ReportLab shapes it."""
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    return buffer.direction == "rtl"


def clusters(shaped: Shaped) -> Iterator[tuple[str, str | None]]:
    """The glyphs in drawing order, in runs, each with the text it stands for.

    None: the glyphs map back to their characters by themselves. A string: show the glyphs
    as that text (ActualText); "" for dots and marks already told by their letter's text.
    """
    if not isinstance(shaped.glyphs, ShapedStr):
        yield from _plain_clusters(shaped.glyphs, shaped.source)
        return
    data, plain_from = shaped.glyphs.__shapeData__, 0
    for start, end, actual in _units(shaped):
        advancing = [bool(item.x_advance) for item in data[start:end]]
        if shaped.glyphs[start:end] != actual or (any(advancing) and not all(advancing)):
            if plain_from < start:
                yield shaped.glyphs[plain_from:start], None
            yield from _letter_then_marks(shaped.glyphs[start:end], actual)
            plain_from = end
    if plain_from < len(shaped.glyphs):
        yield shaped.glyphs[plain_from:], None


def _units(shaped: Shaped) -> list[tuple[int, int, str]]:
    """(start, end) of each letter's glyphs in drawing order, and the characters they show.

    A HarfBuzz cluster is a letter (with its dots) or a vowel sign on its own; a vowel sign
    joins the letter before it in reading order, so no reader finds it apart from its word.
    """
    data = shaped.glyphs.__shapeData__
    groups: list[list[int]] = []  # [start, end, lowest cluster, highest cluster]
    for index, item in enumerate(data):
        if groups and data[groups[-1][0]].cluster == item.cluster:
            groups[-1][1] = index + 1
        else:
            groups.append([index, index + 1, item.cluster, item.cluster])
    units: list[list[int]] = []
    waiting: list[int] | None = None  # right to left, a vowel sign is drawn before its letter
    for group in groups:
        if any(item.x_advance for item in data[group[0] : group[1]]):
            units.append(_join(waiting, group))
            waiting = None
        elif units and waiting is None and units[-1][3] < group[2]:
            units[-1] = _join(units[-1], group)  # left to right: its letter came just before
        else:
            waiting = _join(waiting, group)
    if waiting is not None:
        units.append(waiting)
    starts = sorted({item.cluster for item in data} | {len(shaped.source)})
    ends = dict(zip(starts, starts[1:], strict=False))
    return [(a, b, shaped.source[low : ends[high]]) for a, b, low, high in units]


def _join(first: list[int] | None, second: list[int]) -> list[int]:
    """Two neighbouring glyph groups as one: drawing span and reading span."""
    if first is None:
        return second
    return [
        min(first[0], second[0]),
        max(first[1], second[1]),
        min(first[2], second[2]),
        max(first[3], second[3]),
    ]


def _letter_then_marks(glyphs: ShapedStr, actual: str) -> Iterator[tuple[str, str]]:
    """One cluster: its advancing glyphs as `actual`, then its marks and dots as no text.

    A reader that spreads ActualText over the box of the glyphs in its span (poppler) saw
    a gap inside the word when the span began or ended with a dot placed off its letter.
    """
    data = glyphs.__shapeData__
    letters = [i for i, item in enumerate(data) if item.x_advance]
    if not letters or len(letters) == len(data):
        yield glyphs, actual
        return
    yield ShapedStr("".join(glyphs[i] for i in letters), [data[i] for i in letters]), actual
    marks, placed = [], []
    advance = sum(data[i].x_advance for i in letters)  # the pen is now after the letters
    for index, item in enumerate(data):
        if not item.x_advance:
            before = sum(other.x_advance for other in data[:index])  # where its pen was
            marks.append(glyphs[index])
            placed.append(item._replace(x_offset=item.x_offset + before - advance))
    yield ShapedStr("".join(marks), placed), ""


def _plain_clusters(glyphs: str, source: str) -> Iterator[tuple[str, str | None]]:
    """Unshaped text: only mirrored brackets need their real character."""
    start = 0
    for index, (glyph, char) in enumerate(zip(glyphs, source, strict=True)):
        if glyph != char:
            if start < index:
                yield glyphs[start:index], None
            yield glyph, char
            start = index + 1
    if start < len(glyphs):
        yield glyphs[start:], None


def draw(canvas, shaped: Shaped, x: float, baseline: float) -> None:
    """Draw shaped glyphs from (x, baseline), with ActualText where a glyph hides its text."""
    canvas.setFillColor(HexColor(shaped.look.colour))
    text = _TextObject(canvas, x, baseline)
    _write(text, shaped)
    canvas.drawText(text)


def draw_invisible(canvas, placed: Sequence[tuple[float, float, Shaped]]) -> None:
    """Pieces at (x, baseline) as invisible text (render mode 3), in one text object: words
    for screen readers and search that the page does not show (a picture's description)."""
    text = _TextObject(canvas, 0, 0)
    text.setTextRenderMode(3)
    for x, baseline, shaped in placed:
        text.setTextOrigin(x, baseline)
        _write(text, shaped)
    canvas.drawText(text)


def _write(text: _TextObject, shaped: Shaped) -> None:
    text.setFont(shaped.look.font, shaped.look.size)
    for glyphs, actual in clusters(shaped):
        if actual is None:
            text.textOut(glyphs)
        else:
            text.actual_text(glyphs, actual)


class _TextObject(PDFTextObject):
    """ReportLab's text object, with marked ActualText and marks drawn at their own height."""

    def actual_text(self, glyphs: str, actual: str) -> None:
        """Show `glyphs`, telling readers they stand for the characters `actual`."""
        self._code.append(f"/Span <</ActualText <FEFF{actual.encode('utf-16-be').hex()}>>> BDC")
        self.textOut(glyphs)
        self._code.append("EMC")

    def setRise(self, rise: float) -> None:  # noqa: N802 - ReportLab's name
        """ReportLab 5.1 merges two 'Ts' (rise) operators in a row but keeps the old rise, so
        after two raised marks the letter that followed was drawn at the marks' height
        ('كنتِ' lost the dots of its teh). Same merge, with the rise kept right."""
        operator = f"{fp_str(rise)} Ts"
        if self._code and self._code[-1].endswith(" Ts"):
            self._y += self._rise  # undo the rise about to be replaced
            self._code[-1] = operator
        else:
            self._code.append(operator)
        self._rise = rise
        self._y -= rise
