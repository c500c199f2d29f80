"""Shaped text for ReportLab: one piece of a line, shaped by HarfBuzz and drawn with its real text.

ReportLab (with uharfbuzz) shapes a string: Arabic letters take their joined forms, Bengali
consonants their conjuncts, marks their places. Two things it does not do are done here:
the direction of a piece is set by the bidi algorithm, not guessed from its script (Arabic
digits run left to right), and each glyph cluster whose glyph does not map back to the
characters it shows (a joined form, a ligature, a reordered vowel sign) carries those
characters as ActualText, so copying, searching and reading aloud give the words as written.
In a tagged PDF, right-to-left glyphs stand for one character each (see `_hidden`), and a
line's jumps across English or a number inside it are bridged for pdfminer (see `bridge`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import uharfbuzz
from bidi.mirror import MIRRORED
from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.pdfgen.textobject import PDFTextObject

from . import outline
from .characters import BIDI_CONTROLS


@dataclass(frozen=True, slots=True)
class Look:
    """How a run of text is drawn: a registered TrueType font, size, colour and link."""

    font: str
    size: float
    colour: str = "#000000"
    link: str | None = None
    mark: int | None = None  # the link's node in a tagged PDF's structure tree


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
    reversed: bool = False  # `source` is the piece backwards: it reads from the right
    rtl: bool = False  # the piece runs right to left


def shape(text: str, look: Look, rtl: bool) -> Shaped:
    """Shape one piece of a line (one font, one direction) in the direction it runs."""
    source = "".join(char for char in text if char not in BIDI_CONTROLS)
    drawn = source
    backwards = _guessed_rtl(source) != rtl
    if backwards:
        # Digits and punctuation: HarfBuzz takes their direction from their script, so
        # hand it the piece already reversed (and mirrored, as it would mirror it back).
        source = source[::-1]
        drawn = "".join(MIRRORED.get(char, char) for char in source)
    glyphs = shapeStr(drawn, look.font, look.size)
    if isinstance(glyphs, ShapedStr):
        width = sum(data.x_advance for data in glyphs.__shapeData__) * look.size / 1000
    else:
        width = pdfmetrics.stringWidth(glyphs, look.font, look.size)
    return Shaped(glyphs, width, source, look, backwards, rtl)


def _guessed_rtl(text: str) -> bool:
    """The direction HarfBuzz will choose for `text` when ReportLab shapes it."""
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    return buffer.direction == "rtl"


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


def draw(canvas, shaped: Shaped, x: float, baseline: float) -> None:
    """Draw shaped glyphs from (x, baseline) in reading order; where a letter is not drawn as
    its own characters, its first glyph under a code that stands for the whole letter (see
    `_coded`, on a tagging canvas), ActualText left to right, and its dots and marks as
    outlines, which no reader takes for text."""
    canvas.setFillColor(HexColor(shaped.look.colour))
    text = _TextObject(canvas, x, baseline)
    text.setFont(shaped.look.font, shaped.look.size)
    units = _reading(shaped)
    learned = getattr(canvas, "glyph_text", None)
    if learned is not None and isinstance(shaped.glyphs, ShapedStr):
        shaped = _coded(shaped, units, learned)
    marks: list[tuple[str, float, float]] = []
    for start, end, actual, _ in units:
        pen = x + _pen(shaped, start)
        text.setTextOrigin(pen, baseline)
        marks += _write(text, shaped, start, end, actual, (pen, baseline), learned)
    canvas.drawText(text)
    outline.draw_glyphs(canvas, shaped.look.font, shaped.look.size, marks)


Unit = tuple[int, int, "str | None", list[str]]


def _reading(shaped: Shaped) -> list[Unit]:
    """(start, end) of each letter's glyphs, what they show (None: themselves) and what each
    glyph stands for, in reading order; neighbours that need nothing are joined."""
    units: list[Unit] = []
    if not isinstance(shaped.glyphs, ShapedStr):
        for index, (glyph, char) in enumerate(zip(shaped.glyphs, shaped.source, strict=True)):
            units.append((index, index + 1, None if glyph == char else char, [char]))
        # A reversed piece (", " after an English word in Arabic) is read from its right end.
        order = range(len(units))[::-1] if shaped.reversed else range(len(units))
    else:
        data = shaped.glyphs.__shapeData__
        for start, end, actual in _units(shaped):
            chars = shaped.glyphs[start:end]
            advancing = [bool(item.x_advance) for item in data[start:end]]
            plain = chars == actual and (all(advancing) or not any(advancing))
            if shaped.rtl:  # one character per glyph drawn as text: see _write
                plain = plain and len(actual) == 1
            texts = list(chars) if plain else _glyph_texts(actual, advancing, shaped.rtl)
            units.append((start, end, None if plain else actual, texts))
        low = [min(item.cluster for item in data[a:b]) for a, b, _, _ in units]
        order = sorted(range(len(units)), key=lambda i: -low[i] if shaped.reversed else low[i])
    joined: list[Unit] = []
    for unit in (units[i] for i in order):
        if joined and joined[-1][2] is None and unit[2] is None and joined[-1][1] == unit[0]:
            last = joined[-1]
            joined[-1] = (last[0], unit[1], None, last[3] + unit[3])
        else:
            joined.append(unit)
    return joined


def _glyph_texts(actual: str, advancing: list[bool], rtl: bool = False) -> list[str]:
    """What each glyph of a letter not drawn as its own characters (a joined form, a
    conjunct, a vowel sign drawn before its consonant) stands for: the first glyph that
    advances for all of `actual`, the others (dots, marks) for nothing. A reader that
    ignores ActualText (pdfminer) still reads the letter whole and in order.
    Right to left it stands for the letter alone; _write adds its vowel signs."""
    first = advancing.index(True) if any(advancing) else 0
    meaning = actual[:1] if rtl else actual
    return [meaning if index == first else "" for index in range(len(advancing))]


def reads_from_right(shaped: Shaped) -> bool:
    """Whether the piece's first character in reading order is its right end."""
    return shaped.rtl or shaped.reversed


def bridge(canvas, look: Look, left: float, right: float, baseline: float) -> None:
    """An empty glyph from `left` to `right` standing for no text, on a tagging canvas.

    pdfminer takes text in drawing order and starts a new line wherever the next character
    is more than two widths away from the last, as it is where English or a phone number
    sits inside an Arabic line: read as written, the line jumps across it. A blank glyph
    (the space's), stretched over both sides of the jump, keeps the line whole; it stands
    for nothing in the ToUnicode map, and pdfium and poppler pass over a glyph with no ink."""
    learned = getattr(canvas, "glyph_text", None)
    if learned is None or right - left <= 0:
        return
    face = pdfmetrics.getFont(look.font).face
    code = _code_for(face, " ", "")
    learned[(_face_name(face), code)] = ""
    width = pdfmetrics.stringWidth(" ", look.font, look.size)
    text = _TextObject(canvas, left, baseline)
    text.setFont(look.font, look.size)
    text.setTextRenderMode(3)  # neither fill nor stroke
    text.setHorizScale(100 * (right - left) / width)
    text.textOut(code)
    text.setHorizScale(100)  # both are graphics state: they outlast the text object
    text.setTextRenderMode(0)
    canvas.drawText(text)


def _coded(shaped: Shaped, units: list[Unit], learned: dict[tuple[str, str], str]) -> Shaped:
    """The glyphs of each letter not drawn as its own characters under a code for the glyph
    *with what it stands for here*: ReportLab gives a joined form a private-use code, and
    Noto Sans Arabic draws beh, teh and noon with one dotless glyph, so one code per glyph
    could not say which letter it is.
    `learned` gets (font, code) -> text, for the ToUnicode map (structure.real_unicode)."""
    face = pdfmetrics.getFont(shaped.look.font).face
    name = _face_name(face)
    chars = list(shaped.glyphs)
    for start, _, _, texts in units:
        for offset, meaning in enumerate(texts):
            if meaning != chars[start + offset]:
                code = _code_for(face, chars[start + offset], meaning)
                learned[(name, code)] = meaning
                chars[start + offset] = code
    glyphs = ShapedStr("".join(chars), shaped.glyphs.__shapeData__)
    return dataclasses.replace(shaped, glyphs=glyphs)


def _face_name(face) -> str:
    """The font's name as the PDF's BaseFont gives it, after the subset tag."""
    return face.name.decode("latin-1") if isinstance(face.name, bytes) else str(face.name)


def _code_for(face, glyph: str, meaning: str, width: int | None = None) -> str:
    """A private-use character drawn as `glyph`'s glyph, one per (glyph, meaning, width);
    kept on ReportLab's font face, as ReportLab keeps its own codes for shaped glyphs.
    `width` (thousandths of the size) replaces the glyph's own in the font's /Widths."""
    codes = face.__dict__.setdefault("publisher_codes", {})
    gid = face.charToGlyph[ord(glyph)]
    key = (gid, meaning, width)
    if key not in codes:
        code = 0xF8FF - len(codes)
        while code in face.charToGlyph:
            code -= 1
        face.charToGlyph[code] = gid
        face.charWidths[code] = face.charWidths[ord(glyph)] if width is None else width
        codes[key] = chr(code)
    return codes[key]


def _pen(shaped: Shaped, index: int) -> float:
    """How far from the piece's start the pen is before glyph `index`."""
    if isinstance(shaped.glyphs, ShapedStr):
        advance = sum(item.x_advance for item in shaped.glyphs.__shapeData__[:index])
        return advance * shaped.look.size / 1000
    return pdfmetrics.stringWidth(shaped.glyphs[:index], shaped.look.font, shaped.look.size)


def _write(
    text: _TextObject,
    shaped: Shaped,
    start: int,
    end: int,
    actual: str | None,
    origin: tuple[float, float],
    learned: dict[tuple[str, str], str] | None,
) -> list[tuple[str, float, float]]:
    """One letter's glyphs as text; its dots and marks, when it is not drawn as its own
    characters, returned with their places to be drawn as outlines.

    Dots placed off their letter made readers see a space or a new line inside a word
    (pdfium, pdfminer) or spread the letter's ActualText over a gap (poppler). `learned`:
    the tagging canvas's codes; without it, ActualText even right to left, where no
    ToUnicode map will say the letter."""
    tell = learned is None
    glyphs = shaped.glyphs[start:end]
    if actual is None:
        text.textOut(glyphs)
        return []
    if not isinstance(glyphs, ShapedStr):
        text.actual_text(glyphs, actual)
        return []
    data, scale = glyphs.__shapeData__, shaped.look.size / 1000
    letters = [index for index, item in enumerate(data) if item.x_advance] or [0]
    shown = ShapedStr("".join(glyphs[i] for i in letters), [data[i] for i in letters])
    if shaped.rtl and not tell:
        # The code already says the letter (see _coded); pdfium would take ActualText in
        # drawing order and turn it round as if it had been drawn left to right.
        text.textOut(shown)
        first = data[letters[0]]  # its origin, which a kerned letter has left of the pen
        left = origin[0] + (_advance(data, letters[0]) + min(first.x_offset, 0)) * scale
        _hidden(text, shaped.look.font, actual[1:], (left, origin[1]), learned)
    else:
        text.actual_text(shown, actual)
    marks = []
    for index, item in enumerate(data):
        if index not in letters:
            x = origin[0] + (_advance(data, index) + item.x_offset) * scale
            marks.append((glyphs[index], x, origin[1] + item.y_offset * scale))
    return marks


HIDDEN_STEP = 0.05  # points: how far left of its letter each hidden vowel sign starts
HIDDEN_WIDTH = 10  # thousandths of the size: pdfminer ends a line between two empty boxes


def _hidden(
    text: _TextObject,
    font: str,
    chars: str,
    origin: tuple[float, float],
    learned: dict[tuple[str, str], str],
) -> None:
    """The rest of a right-to-left letter (its vowel signs, the alef of a lam-alef) as
    invisible text, one character per glyph, just left of the letter on its baseline.

    A glyph that stands for several characters reads backwards in pdfium and poppler, which
    turn right-to-left text round one character at a time, and forwards in pdfminer, which
    takes the drawing order. Drawn after the letter and placed before it, each sign comes
    after the letter in every reader: pdfminer reads in drawing order, pdfium and poppler
    by position, from the right. Its ink is the outline drawn by `draw`."""
    if not chars:
        return
    face = pdfmetrics.getFont(font).face
    text.setTextRenderMode(3)  # neither fill nor stroke: text for readers only
    for step, char in enumerate(chars, 1):
        glyph = char if ord(char) in face.charToGlyph else " "
        code = _code_for(face, glyph, char, HIDDEN_WIDTH)
        learned[(_face_name(face), code)] = char
        text.setTextOrigin(origin[0] - step * HIDDEN_STEP, origin[1])
        text.textOut(code)
    text.setTextRenderMode(0)


def _advance(data: list, index: int) -> int:
    """Where the pen was before glyph `index` of a letter, from the letter's start."""
    return sum(item.x_advance for item in data[:index])


class _TextObject(PDFTextObject):
    """ReportLab's text object, with marked ActualText and marks drawn at their own height."""

    def actual_text(self, glyphs: str, actual: str) -> None:
        """Show `glyphs`, telling readers they stand for the characters `actual`."""
        self.begin_actual_text(actual)
        self.textOut(glyphs)
        self.end_actual_text()

    def begin_actual_text(self, actual: str) -> None:
        self._code.append(f"/Span <</ActualText <FEFF{actual.encode('utf-16-be').hex()}>>> BDC")

    def end_actual_text(self) -> None:
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
