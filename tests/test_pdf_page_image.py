"""What a reader sees: page 1 of a large-print PDF rendered to an image (pdftoppm)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image

from publisher.formats.pdf.styles import MARGIN
from publisher.formats.print_style import PAGE_SIZES

from .conftest import CONTENT, require_tool
from .pdf_support import build_pdf

DPI = 100


def relative_luminance(grey: int) -> float:
    """WCAG 2 relative luminance of a grey level (0-255)."""
    channel = grey / 255
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def contrast(light: int, dark: int) -> float:
    return (relative_luminance(light) + 0.05) / (relative_luminance(dark) + 0.05)


def render_first_page(pdf: Path, folder: Path) -> Image.Image:
    tool = require_tool("pdftoppm")
    stem = folder / "page"
    args = [tool, "-f", "1", "-l", "1", "-r", str(DPI), "-gray", "-png", "-singlefile"]
    subprocess.run([*args, str(pdf), str(stem)], check=True, capture_output=True)
    return Image.open(stem.with_suffix(".png")).convert("L")


def test_page_one_is_dark_text_on_a_light_page_with_high_contrast(tmp_path: Path) -> None:
    _, pdf = build_pdf(CONTENT / "secondary-breast-cancer.md", tmp_path / "leaflet.pdf")
    page = render_first_page(pdf, tmp_path)
    expected = (PAGE_SIZES["A4"][0] / 72 * DPI, PAGE_SIZES["A4"][1] / 72 * DPI)
    assert all(abs(got - want) <= 1 for got, want in zip(page.size, expected, strict=True))
    margin = round(MARGIN / 72 * DPI)
    text_area = page.crop((margin, margin, page.width - margin, page.height // 3))
    histogram = text_area.histogram()
    pixels = sum(histogram)
    background = max(range(256), key=histogram.__getitem__)
    dark = [level for level in range(128) for _ in range(histogram[level])]
    assert background >= 250  # white paper
    assert len(dark) > pixels * 0.01  # there is text in the area
    darkest_text = sorted(dark)[len(dark) // 2]  # the median ink, not one stray pixel
    assert darkest_text <= 40
    assert contrast(background, darkest_text) >= 15  # WCAG AAA asks 7:1; black on white is 21:1
    # Nothing pale and large behind the text: no grey background panels.
    assert sum(histogram[200:250]) < pixels * 0.05
