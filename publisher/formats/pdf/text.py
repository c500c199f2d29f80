"""Text for the large-print PDF: spans of text, set by the typesetter of the leaflet's script.

The story says what to print as Spans (text, bold, link); a typesetter makes flowables of
them. ReportLab's Paragraph sets Latin, Greek, Cyrillic and Chinese (breaking lines between
Chinese characters). BidiParagraph sets right-to-left and complex scripts: ReportLab's own
shaped paragraphs keep words left to right, so an Arabic line would read backwards; here
every line is shaped by HarfBuzz and put in visual order, Arabic and Urdu from the right.
Both draw the letters a typeface lacks in its fallback (Latin inside Urdu, in Noto Sans).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Protocol
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as Para

from ...text.bidi import runs_rtl
from ...text.bidi_paragraph import BidiParagraph, Run, layout, reading_order, with_fallback
from ...text.characters import BIDI_CONTROLS
from ...text.font_sources import SHAPING_TAGS
from ...text.fonts import Typeface
from ...text.scripts import is_rtl
from ...text.shaping import Look, draw
from ..print_style import TEXT_COLOUR
from .styles import Fonts
from .tags import MARK_CALLBACK, Marked, Node

QUOTES = {'"': "&quot;", "'": "&#39;"}
CJK_SCRIPTS = {"Hans", "Hant", "Jpan", "Kore", "Hani"}
_NOT_DRAWN = str.maketrans(dict.fromkeys(BIDI_CONTROLS))


@dataclass(frozen=True, slots=True)
class Span:
    """Plain text (never markup) with one look: bold or not, a link or not."""

    text: str
    bold: bool = False
    link: str | None = None
    colour: str | None = None  # a link's or a branded heading's; None: the text's colour
    mark: int | None = None  # the number of its Link (or language Span) node in the tree
    lang: str | None = None  # when it is in another language than the leaflet's


DIGIT_GROUP_SPACE = re.compile(r"(?<=\d) (?=\d)")
BREAK = Span("\n")  # a line break inside a paragraph


def held(text: str) -> str:
    """The spaces of a number written in groups ("0800 123 4567") as no-break spaces, so a
    number is never cut across lines (as Word's phone numbers)."""
    return DIGIT_GROUP_SPACE.sub("\u00a0", text)


def plain(spans: Sequence[Span]) -> str:
    return "".join(span.text for span in spans)


class Typesetter(Protocol):
    """Makes flowables of spans in one typeface, in the way its script needs."""

    fonts: Fonts
    rtl: bool  # the start of a line is its right end

    def paragraph(
        self, spans: Sequence[Span], style: ParagraphStyle, tag: Node | None = None
    ) -> Flowable:
        """A paragraph whose text is marked as `tag`'s (None: an artifact, a page header)."""
        ...

    def draw_line(self, canvas, spans: Sequence[Span], x: float, y: float, width: float) -> None:
        """One line at body size from its start side, baseline at y (a page footer)."""
        ...

    def bullet_offset(self, style: ParagraphStyle, size: float) -> float:
        """How far to raise a list's marker of `size` onto its item's first baseline."""
        ...


def typesetter_for(typeface: Typeface, fonts: Fonts, language: str, size: float) -> Typesetter:
    """BidiParagraph for right-to-left languages and scripts that need shaping, else Paragraph."""
    rtl = is_rtl(language)
    if rtl or typeface.script in SHAPING_TAGS:
        return BidiSetter(fonts, rtl, size)
    return MarkupSetter(fonts, size)


def is_cjk(typeface: Typeface) -> bool:
    return typeface.script in CJK_SCRIPTS


# --- ReportLab's Paragraph -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MarkupSetter:
    """Spans as ReportLab paragraph markup: <b>, <a href color>, <br/>, <font> for fallback."""

    fonts: Fonts
    size: float
    rtl: bool = False

    def paragraph(
        self, spans: Sequence[Span], style: ParagraphStyle, tag: Node | None = None
    ) -> Flowable:
        paragraph = MarkedParagraph(self.markup(spans), style, tag=tag)
        if spans and spans[0].mark is not None:  # it starts with a link: see markup
            paragraph.opening = spans[0].mark
        return paragraph

    def markup(self, spans: Sequence[Span]) -> str:
        """Escaped markup: <, >, & and quotes print as themselves."""
        parts = []
        for (link, colour, mark), group in groupby(
            spans, key=lambda span: (span.link, span.colour, span.mark)
        ):
            inner = "".join(self._span(span) for span in group)
            if link is not None:
                shade = f' color="{colour}"' if colour else ""
                inner = f'<a href="{escape(link, QUOTES)}"{shade}>{inner}</a>'
            elif colour:  # a heading in the brand colour (a checked #RRGGBB)
                inner = f'<font color="{colour}">{inner}</font>'
            if mark is not None:
                inner += _on_draw("")
                # ReportLab loses the rest of a word too long for a line (a web address)
                # when a callback comes first in it: start the link before the space
                # in front of it, or (at the start) with the paragraph (`opening`).
                if parts and parts[-1].endswith(" "):
                    parts[-1] = parts[-1][:-1] + _on_draw(str(mark)) + " "
                elif parts:
                    inner = _on_draw(str(mark)) + inner
            parts.append(inner)
        return "".join(parts)

    def _span(self, span: Span) -> str:
        if span.text == "\n":
            return "<br/>"
        # ReportLab's <b> picks the bold face of whichever family the <font> names.
        runs = with_fallback(
            [Run(held(span.text.translate(_NOT_DRAWN)), Look(self.fonts.regular, 1))],
            self.fonts.fallbacks(),
        )
        text = "".join(
            escape(run.text, QUOTES)
            if run.look.font == self.fonts.regular
            else f'<font name="{run.look.font}">{escape(run.text, QUOTES)}</font>'
            for run in runs
        )
        return f"<b>{text}</b>" if span.bold else text

    def draw_line(self, canvas, spans: Sequence[Span], x: float, y: float, width: float) -> None:
        text = plain(spans).translate(_NOT_DRAWN)
        canvas.setFont(self.fonts.showing(text, False), self.size)
        canvas.drawString(x, y, text)

    def bullet_offset(self, style: ParagraphStyle, size: float) -> float:
        return 0.0  # ReportLab places markers for its own paragraphs


def _on_draw(label: str) -> str:
    return f'<onDraw name="{MARK_CALLBACK}" label="{label}"/>'


class MarkedParagraph(Marked, Para):
    """ReportLab's Paragraph, its text marked as its node's."""

    def __init__(self, text: str, style: ParagraphStyle, tag: Node | None = None, **kw) -> None:
        super().__init__(text, style, **kw)
        self.tag = tag


class MarkedBidiParagraph(Marked, BidiParagraph):
    """BidiParagraph, its text marked as its node's."""


# --- BidiParagraph -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BidiSetter:
    """Spans as shaped runs, laid out by BidiParagraph; `rtl` for Arabic and Urdu leaflets.

    Each paragraph runs in its language's direction, except one with only left-to-right
    words (an English reference, the English half of a draft notice), which reads as English.
    """

    fonts: Fonts
    rtl: bool
    size: float

    def runs(self, spans: Sequence[Span], size: float, bold: bool = False) -> list[Run]:
        """Runs in the bold face where a span or the whole style (a heading's) is bold."""
        runs = [
            Run(
                held(span.text),
                Look(
                    self.fonts.face(bold or span.bold),
                    size,
                    span.colour or TEXT_COLOUR,
                    span.link,
                    span.mark,
                ),
            )
            for span in spans
        ]
        return with_fallback(runs, self.fonts.fallbacks())

    def paragraph(
        self, spans: Sequence[Span], style: ParagraphStyle, tag: Node | None = None
    ) -> Flowable:
        rtl = runs_rtl(plain(spans), self.rtl)
        runs = self.runs(spans, style.fontSize, style.fontName == self.fonts.bold)
        paragraph = MarkedBidiParagraph(runs, style.leading, rtl, style)
        paragraph.tag = tag
        return paragraph

    def draw_line(self, canvas, spans: Sequence[Span], x: float, y: float, width: float) -> None:
        rtl = runs_rtl(plain(spans), self.rtl)
        for line in layout(self.runs(spans, self.size), width, rtl)[:1]:
            for offset, shaped in reading_order(line):
                draw(canvas, shaped, x + offset, y)

    def bullet_offset(self, style: ParagraphStyle, size: float) -> float:
        # ReportLab puts the marker's baseline `size` below the item's top; BidiParagraph
        # (bidi_paragraph.draw_line) its first line's baseline this far below it:
        baseline = (style.leading - style.fontSize) / 2 + style.fontSize * 0.8
        return size - baseline
