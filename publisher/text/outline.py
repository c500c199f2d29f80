"""Glyphs drawn as filled outlines from the font file, not as text: the dots and marks of a
letter whose text its first glyph already carries (see shaping.draw)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import FILL_NON_ZERO


def draw_glyphs(canvas, font: str, size: float, glyphs: Sequence[tuple[str, float, float]]) -> None:
    """Each (code, x, baseline) of the registered TrueType `font` as an outline, at `size`."""
    if not glyphs:
        return
    face = pdfmetrics.getFont(font).face
    outlines, units, order = _font(face.filename)
    scale = size / units
    path = canvas.beginPath()
    for code, x, y in glyphs:
        name = order[face.charToGlyph[ord(code)]]
        outlines[name].draw(_Pen(outlines, path, x, y, scale))
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)  # TrueType outlines overlap


@lru_cache(maxsize=8)  # a font file read once per process, as ReportLab reads it
def _font(filename: str) -> tuple[object, int, list[str]]:
    font = TTFont(filename, lazy=True)
    return font.getGlyphSet(), font["head"].unitsPerEm, font.getGlyphOrder()


class _Pen(BasePen):
    """Outline segments onto a ReportLab path, scaled and moved to the glyph's place."""

    def __init__(self, glyph_set, path, x: float, y: float, scale: float) -> None:
        super().__init__(glyph_set)
        self.path, self.x, self.y, self.scale = path, x, y, scale

    def _at(self, point: tuple[float, float]) -> tuple[float, float]:
        return self.x + point[0] * self.scale, self.y + point[1] * self.scale

    def _moveTo(self, point):  # noqa: N802 - fontTools' names
        self.path.moveTo(*self._at(point))

    def _lineTo(self, point):  # noqa: N802
        self.path.lineTo(*self._at(point))

    def _curveToOne(self, first, second, third):  # noqa: N802
        self.path.curveTo(*self._at(first), *self._at(second), *self._at(third))

    def _closePath(self):  # noqa: N802
        self.path.close()
