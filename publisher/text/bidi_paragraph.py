"""A ReportLab flowable for right-to-left and mixed-direction paragraphs.

ReportLab's Paragraph shapes each word but lays the words of every line out left to right,
so an Arabic sentence reads backwards. `BidiParagraph` breaks lines itself on shaped widths,
puts each line's pieces in visual order (`bidi_text`) and aligns the line to its start side:
the right for Arabic and Urdu. It also suits left-to-right complex scripts (Bengali,
Gurmukhi), where its drawing keeps every mark in place and the text copyable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from itertools import groupby

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from .bidi import line_pieces, paragraph_levels
from .shaping import Look, Shaped, bridge, draw, reads_from_right, shape

_WORD = re.compile(r"[^ \t\n]+")  # lines break at spaces only; a no-break space holds


@dataclass(frozen=True, slots=True)
class Run:
    """Inline text with one look (plain, bold, a link...)."""

    text: str
    look: Look


def with_fallback(runs: Sequence[Run], fallbacks: Mapping[str, str]) -> list[Run]:
    """The runs split so that letters a run's font lacks are drawn in its fallback font.

    `fallbacks` maps a registered font name to another: Noto Nastaliq Urdu has no Latin
    letters, so "NHS" inside Urdu is drawn in Noto Sans, never as empty boxes.
    """
    result = []
    for run in runs:
        spare = fallbacks.get(run.look.font)
        if spare is None:
            result.append(run)
            continue
        own = pdfmetrics.getFont(run.look.font).face.charToGlyph
        for has, chars in groupby(
            run.text, key=lambda c: ord(c) in own or c.isspace() or not c.isprintable()
        ):
            result.append(Run("".join(chars), run.look if has else replace(run.look, font=spare)))
    return result


@dataclass(frozen=True, slots=True)
class Line:
    """One line: shaped pieces with their x offsets, left to right, and its logical text."""

    pieces: tuple[tuple[float, Shaped], ...]
    width: float
    text: str
    starts: tuple[int, ...] = ()  # where each piece starts in the paragraph: its reading order


@dataclass(frozen=True, slots=True)
class _Text:
    """A paragraph flattened: its characters, the look of each, and each one's bidi level."""

    chars: str
    looks: tuple[Look, ...]
    levels: tuple[int, ...]
    rtl: bool

    @classmethod
    def of(cls, runs: Sequence[Run], rtl: bool) -> _Text:
        """A "\n" in a run is a line break; the bidi levels see it as a space."""
        chars = "".join(run.text for run in runs)
        looks = tuple(run.look for run in runs for _ in run.text)
        return cls(chars, looks, paragraph_levels(chars.replace("\n", " "), rtl), rtl)

    def line(self, start: int, end: int, width: float) -> Line:
        """chars[start:end] shaped, in visual order, aligned to the paragraph's start side."""
        placed = line_pieces(self.chars, self.levels, self.looks, start, end, self.rtl)
        shaped = [
            shape(self.chars[piece.start : piece.end], piece.look, piece.rtl) for piece in placed
        ]
        used = sum(piece.width for piece in shaped)
        x = width - used if self.rtl else 0.0
        pieces = []
        for piece in shaped:
            pieces.append((x, piece))
            x += piece.width
        starts = tuple(piece.start for piece in placed)
        return Line(tuple(pieces), used, self.chars[start:end], starts)

    def measure(self, start: int, end: int) -> float:
        return self.line(start, end, 0.0).width


def layout(runs: Sequence[Run], width: float, rtl: bool = True) -> list[Line]:
    """Break a paragraph into lines no wider than `width` and place each line's pieces."""
    text = _Text.of(runs, rtl)
    return [text.line(start, end, width) for start, end in break_lines(text, width)]


def break_lines(text: _Text, width: float) -> list[tuple[int, int]]:
    """(start, end) of each line: greedy, at spaces and line breaks; a word longer than a line
    is cut."""
    lines: list[tuple[int, int]] = []
    start = end = -1
    for word in _WORD.finditer(text.chars):
        joined = start >= 0 and "\n" not in text.chars[end : word.start()]
        if joined and text.measure(start, word.end()) <= width:
            end = word.end()
            continue
        if start >= 0:
            lines.append((start, end))
        start, end = word.span()
        if text.measure(start, end) > width:
            *whole, (start, end) = _cut(text, start, end, width)
            lines += whole
    if start >= 0:
        lines.append((start, end))
    return lines


def _cut(text: _Text, start: int, end: int, width: float) -> list[tuple[int, int]]:
    """A word too long for a line (a long web address) in parts that fit, never inside a letter."""
    parts, begin, previous = [], start, start
    for index in range(start + 1, end + 1):
        if index < end and unicodedata.combining(text.chars[index]):
            continue
        if previous > begin and text.measure(begin, index) > width:
            parts.append((begin, previous))
            begin = previous
        previous = index
    parts.append((begin, end))
    return parts


class BidiParagraph(Flowable):
    """A paragraph of right-to-left (or complex-script) text, laid out one line at a time.

    `style` (a ParagraphStyle) lends it the spacing and keep-with-next of the Paragraph it
    stands in for; fonts, sizes and colours come from the runs' looks.
    """

    def __init__(
        self, runs: Sequence[Run], leading: float, rtl: bool = True, style: object = None
    ) -> None:
        super().__init__()
        self.runs = tuple(runs)
        self.leading = leading
        self.rtl = rtl
        if style is not None:
            self.style = style  # read by Flowable.getSpaceBefore/After and getKeepWithNext
        self.lines: list[Line] = []
        self.fixed = False  # a part made by split() keeps its lines
        self.continues = False  # a part whose paragraph goes on after its last line

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if not self.fixed:
            self.lines = layout(self.runs, avail_width, self.rtl)
        self.width = avail_width
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """The lines that fit here and the rest; never one line alone on either page."""
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.leading)
        if fit >= len(self.lines):
            return [self]
        if len(self.lines) - fit == 1:
            fit -= 1
        if fit < 2:
            return []
        first, rest = self._part(self.lines[:fit]), self._part(self.lines[fit:])
        first.continues, rest.continues = True, self.continues
        return [first, rest]

    def _part(self, lines: list[Line]) -> BidiParagraph:
        part = type(self)(self.runs, self.leading, self.rtl, getattr(self, "style", None))
        part.lines, part.fixed = lines, True
        return part

    def draw(self) -> None:
        last = len(self.lines) - 1
        for number, line in enumerate(self.lines):
            top = self.height - number * self.leading
            draw_line(self.canv, line, top, self.leading)
            if number < last or self.continues:
                draw_space(self.canv, line, top, self.leading, self.rtl, self.width)


def reading_order(line: Line) -> list[tuple[float, Shaped]]:
    """The line's pieces in the order they are read (`pieces` is left to right)."""
    order = sorted(range(len(line.pieces)), key=lambda i: line.starts[i] if line.starts else i)
    return [line.pieces[i] for i in order]


def draw_space(canvas, line: Line, top: float, leading: float, rtl: bool, width: float) -> None:
    """An unseen space after a line that the paragraph goes on from: a reader that takes the
    text as drawn (a tagged PDF's tree, pdfminer) must not run its last word into the next.
    It stays inside the paragraph's `width`, squeezed when the line fills it."""
    if not line.pieces:
        return
    look = reading_order(line)[-1][1].look
    space = pdfmetrics.stringWidth(" ", look.font, look.size)
    start = min(x for x, _ in line.pieces)
    end = max(x + piece.width for x, piece in line.pieces)
    room = start if rtl else width - end
    scale = max(1.0, min(100.0, 100 * room / space)) if space else 100.0
    x = start - space * scale / 100 if rtl else end
    linking = getattr(canvas, "linking", None)  # inside a link that goes on to the next line
    with linking(look.mark) if linking else nullcontext():
        text = canvas.beginText(x, _baseline(line, top, leading))
        text.setFont(look.font, look.size)
        if scale < 100:
            text.setHorizScale(scale)
        text.textOut(" ")
        if scale < 100:
            text.setHorizScale(100)  # Tz outlives the text object: the next line at full width
        canvas.drawText(text)


def _baseline(line: Line, top: float, leading: float) -> float:
    size = max(shaped.look.size for _, shaped in line.pieces)
    return top - (leading - size) / 2 - size * 0.8


def draw_line(canvas, line: Line, top: float, leading: float) -> None:
    """Draw one line in the band of height `leading` below `top`; links become link areas."""
    size = max(shaped.look.size for _, shaped in line.pieces)
    baseline = _baseline(line, top, leading)
    # In reading order, so that readers which take the text in the order it is drawn
    # (pdfminer) and a tagged PDF's marked content both read the line as written.
    linking = getattr(canvas, "linking", None)  # a tagging canvas marks a link's text
    last: tuple[float, Shaped] | None = None
    for x, shaped in reading_order(line):
        if last is not None and _jumps(last, (x, shaped)):
            left, right = min(last[0], x), max(last[0] + last[1].width, x + shaped.width)
            bridge(canvas, shaped.look, left, right, baseline)
        last = (x, shaped)
        with linking(shaped.look.mark) if linking else nullcontext():
            draw(canvas, shaped, x, baseline)
            if shaped.look.link:
                box = (x, baseline - size * 0.25, x + shaped.width, baseline + size)
                canvas.linkURL(shaped.look.link, box, relative=1, thickness=0)


def _jumps(before: tuple[float, Shaped], after: tuple[float, Shaped]) -> bool:
    """Whether reading goes on more than half a letter away from where it stopped: from an
    Arabic word to the left end of the English or the number after it, and back."""
    (x0, first), (x1, second) = before, after
    stop = x0 if reads_from_right(first) else x0 + first.width
    start = x1 + second.width if reads_from_right(second) else x1
    return abs(start - stop) > second.look.size / 2
