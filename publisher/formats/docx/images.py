"""Pictures in a .docx: PNG as it is, SVG as a PNG with the SVG attached, alt text or decorative.

Word before 2016, LibreOffice's older releases and many phone viewers cannot draw
SVG, so an SVG goes in as a PNG rendered by resvg (a wheel with no system
libraries) and the SVG itself rides along as Word's `asvg:svgBlip` extension.
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import resvg_py
from docx.document import Document
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.shared import Emu, Length
from docx.text.run import Run

from ...errors import BuildError, Problem
from ...model import Image
from .ooxml import add_svg_blip, mark_decorative

RENDER_DPI = 200  # sharp in print at the size the picture is shown
DECORATIVE_SHARE = 1 / 3  # of the room a picture may take


@dataclass(frozen=True, slots=True)
class Frame:
    """The most room a picture may take: the text width, and part of the page height."""

    width: Length
    height: Length


@dataclass
class Pictures:
    """Adds pictures to one document, reading and rendering each file only once."""

    document: Document
    frame: Frame
    source: Path  # the leaflet, for error messages
    # path -> (PNG bytes, relationship id of the SVG original or "")
    _loaded: dict[Path, tuple[bytes, str]] = field(default_factory=dict)

    def add(self, run: Run, image: Image) -> None:
        """Put `image` in `run`, as wide as the text unless that makes it too tall."""
        png, svg_id = self._load(image)
        try:
            size = DocxImage.from_blob(png)
        except UnrecognizedImageError:
            raise _problem(
                self.source, image, "is not a PNG or SVG picture Word can show"
            ) from None
        # A decoration need not be large; a picture that says something is as wide as the text.
        share = DECORATIVE_SHARE if image.decorative else 1
        width, height = self._fit(size.px_width, size.px_height, share)
        shape = run.add_picture(io.BytesIO(png), width=width, height=height)
        inline = shape._inline
        inline.docPr.set("descr", "" if image.decorative else image.alt)
        if image.decorative:
            mark_decorative(inline.docPr)
        if svg_id:
            add_svg_blip(inline.graphic.graphicData.pic.blipFill.blip, svg_id)

    def _fit(self, px_width: int, px_height: int, share: float) -> tuple[Length, Length]:
        width = Emu(round(self.frame.width * share))
        height = Emu(round(width * px_height / px_width))
        if height > self.frame.height * share:
            height = Emu(round(self.frame.height * share))
            width = Emu(round(height * px_width / px_height))
        return width, height

    def _load(self, image: Image) -> tuple[bytes, str]:
        if image.path not in self._loaded:
            try:
                data = image.path.read_bytes()
            except OSError as err:
                raise _problem(self.source, image, f"cannot be read: {err.strerror}") from None
            if image.path.suffix.lower() == ".svg":
                self._loaded[image.path] = (self._render(image, data), self._attach_svg(data))
            else:
                self._loaded[image.path] = (data, "")
        return self._loaded[image.path]

    def _render(self, image: Image, data: bytes) -> bytes:
        pixels = round(self.frame.width.inches * RENDER_DPI)
        try:
            return _rendered(str(image.path), hashlib.sha256(data).hexdigest(), pixels)
        except (ValueError, OSError) as err:
            raise _problem(
                self.source, image, f"is not an SVG picture that can be drawn: {err}"
            ) from None

    def _attach_svg(self, data: bytes) -> str:
        part = self.document.part
        partname = part.package.next_partname("/word/media/image%d.svg")
        svg = Part(partname, "image/svg+xml", data, part.package)
        return part.relate_to(svg, RT.IMAGE)


@functools.lru_cache(maxsize=64)  # a catalogue's leaflets share their pictures
def _rendered(path: str, digest: str, pixels: int) -> bytes:
    """The SVG file at `path` (whose bytes have `digest`) drawn `pixels` wide, as PNG."""
    return bytes(resvg_py.svg_to_bytes(svg_path=path, width=pixels))


def _problem(source: Path, image: Image, message: str) -> BuildError:
    return BuildError([Problem(source, image.line, f"picture '{image.path.name}' {message}")])
