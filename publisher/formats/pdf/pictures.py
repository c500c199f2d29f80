"""Pictures in large print: PNG as images, SVG as vector drawings (svglib), sized to the text.

A picture is drawn as one marked sequence of its Figure node, whose /Alt is its
description (tags.py); a decorative picture is an Artifact.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable
from svglib.svglib import svg2rlg

from ...errors import BuildError, Problem
from ...model import Image
from ...text.fonts import Printed
from .styles import Fonts
from .tags import Node

PX = 0.75  # points per CSS pixel: a picture's natural size, for decorative ones
LABEL_WORDS = 5  # a picture's label: its description's first words, at most this many
LABEL_LETTERS = 32  # and at most this many characters (one long word is cut at a letter)


@dataclass(frozen=True, slots=True)
class Room:
    """The most room a picture may take."""

    width: float
    height: float


class Picture(Flowable):
    """A PNG or an SVG drawing at a given size, marked as its Figure node (`tag`)."""

    def __init__(
        self,
        art: ImageReader | Drawing,
        width: float,
        height: float,
        tag: Node | None,
        align: str = "LEFT",
    ):
        super().__init__()
        self.art, self.width, self.height, self.tag = art, width, height, tag
        self.hAlign = align  # the start side: the right in a right-to-left leaflet

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        figure = getattr(self.canv, "figure", None)
        with figure(self.tag) if figure else nullcontext():
            self._draw_art()

    def _draw_art(self) -> None:
        canvas = self.canv
        if isinstance(self.art, Drawing):
            canvas.saveState()
            canvas.scale(self.width / self.art.width, self.height / self.art.height)
            renderPDF.draw(self.art, canvas, 0, 0)
            canvas.restoreState()
        else:
            canvas.drawImage(self.art, 0, 0, self.width, self.height, mask="auto")


def load_art(
    image: Image, fonts: Fonts, source: Path
) -> tuple[ImageReader | Drawing, list[Printed]]:
    """The picture, and the words drawn inside it (SVG text), for the glyph check."""
    if image.path.suffix.lower() == ".svg":
        drawing = load_svg(image, source)
        return drawing, list(use_fonts(drawing, fonts, image.line))
    try:
        return ImageReader(str(image.path)), []
    except Exception:  # Pillow and ReportLab raise many kinds, with many lines, for a broken file
        raise picture_error(image, source, "is not a PNG or SVG picture that can be read") from None


def load_svg(image: Image, source: Path) -> Drawing:
    try:
        drawing = svg2rlg(image.path, external_reference_root=str(image.path.parent))
    except Exception as err:  # lxml and svglib raise many kinds for a broken file
        raise picture_error(image, source, f"is not a valid SVG ({err})") from None
    if drawing is None or not drawing.width or not drawing.height:
        raise picture_error(image, source, "is not an SVG picture that can be drawn")
    return drawing


def use_fonts(drawing: Drawing, fonts: Fonts, line: int) -> Iterator[Printed]:
    """Draw the words inside an SVG with the embedded typeface, not an unembedded PDF font."""
    drawing.initialFontName = fonts.regular  # else each drawing starts in Helvetica
    for string in strings(drawing):
        string.fontName = fonts.showing(string.text, "bold" in string.fontName.lower())
        yield Printed(string.text, line)


def strings(node: object) -> Iterator[String]:
    for child in getattr(node, "contents", ()):
        if isinstance(child, String):
            yield child
        else:
            yield from strings(child)


def natural_size(art: ImageReader | Drawing) -> tuple[float, float]:
    if isinstance(art, Drawing):
        return float(art.width), float(art.height)
    width, height = art.getSize()
    return width * PX, height * PX


def fit(art: ImageReader | Drawing, room: Room, decorative: bool) -> tuple[float, float]:
    """As wide as the text (decorative pictures: their own size at most), never too tall."""
    width, height = natural_size(art)
    scale = min(room.width, width) / width if decorative else room.width / width
    scale = min(scale, room.height / height)
    return width * scale, height * scale


def picture_error(image: Image, source: Path, message: str) -> BuildError:
    return BuildError([Problem(source, image.line, f"picture '{image.path.name}' {message}")])


def short_label(description: str, ellipsis: str = "\u2026") -> str:
    """The first words of a description, cut between words, with `ellipsis` only if cut."""
    words = description.split()
    kept = words[:LABEL_WORDS]
    while len(kept) > 1 and len(" ".join(kept)) > LABEL_LETTERS:
        kept.pop()
    label = " ".join(kept)
    if len(kept) == 1 and len(label) > LABEL_LETTERS:  # a script written without spaces
        cut = LABEL_LETTERS // 2  # each letter about a word
        while cut > 1 and unicodedata.category(label[cut]).startswith("M"):
            cut -= 1  # never between a letter and its vowel signs or marks
        label = label[:cut]
    if label == " ".join(words):
        return label
    while label and unicodedata.category(label[-1]) in ("Po", "Pd"):  # "leg," -> "leg…"
        label = label[:-1]
    return label.rstrip() + ellipsis if label.strip() else ""  # only marks: no label
