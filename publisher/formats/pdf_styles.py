"""ReportLab paragraph styles for large print, from the shared print sizes (publisher.style).

Every style is left aligned, ragged right and never hyphenated; the only emphasis is bold.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..fonts import Typeface
from ..style import TEXT_COLOUR, PrintStyle

PAGE_SIZE = A4
MARGIN = 22 * mm  # UKAAF asks for generous margins; wide enough to hold a page with both hands
FOOTER_GAP = 10 * mm  # between the last line of text and the page number


@dataclass(frozen=True, slots=True)
class Fonts:
    """The names the typeface's faces are registered under in ReportLab."""

    regular: str
    bold: str


def register(typeface: Typeface) -> Fonts:
    """Register the regular and bold faces once per process; 'italic' maps to upright faces."""
    fonts = Fonts(typeface.name, f"{typeface.name}-Bold")
    if fonts.regular not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(fonts.regular, str(typeface.regular)))
        pdfmetrics.registerFont(TTFont(fonts.bold, str(typeface.bold)))
        # Large print never uses italic: any <i> would come out upright.
        pdfmetrics.registerFontFamily(
            fonts.regular,
            normal=fonts.regular,
            bold=fonts.bold,
            italic=fonts.regular,
            boldItalic=fonts.bold,
        )
    return fonts


@dataclass(frozen=True, slots=True)
class Styles:
    """The paragraph styles of one large-print document."""

    print: PrintStyle
    fonts: Fonts
    body: ParagraphStyle
    strong: ParagraphStyle  # bold body text: organisation, glossary terms, helpline label
    item: ParagraphStyle  # list items: closer together than paragraphs
    caption: ParagraphStyle
    headings: dict[int, ParagraphStyle]
    top_margin: float = MARGIN  # more when a draft notice heads every page

    @property
    def text_width(self) -> float:
        return PAGE_SIZE[0] - 2 * MARGIN

    @property
    def frame_height(self) -> float:
        return PAGE_SIZE[1] - self.top_margin - self.bottom_margin

    @property
    def bottom_margin(self) -> float:
        """Room for the page number, at body size, below the text."""
        return MARGIN + self.print.body_size + FOOTER_GAP


def make_styles(sizes: PrintStyle, fonts: Fonts) -> Styles:
    body = ParagraphStyle(
        "Body",
        fontName=fonts.regular,
        fontSize=sizes.body_size,
        leading=sizes.line_height,
        spaceAfter=sizes.paragraph_space,
        alignment=TA_LEFT,
        textColor=HexColor(TEXT_COLOUR),
        hyphenationLang="",  # no hyphenation, even when pyphen is installed
        embeddedHyphenation=0,
        uriWasteReduce=0,
        splitLongWords=1,  # a long web address breaks rather than running off the page
        allowWidows=0,
        allowOrphans=0,
    )
    return Styles(
        print=sizes,
        fonts=fonts,
        body=body,
        strong=ParagraphStyle("Strong", parent=body, fontName=fonts.bold),
        item=ParagraphStyle("Item", parent=body, spaceAfter=sizes.paragraph_space / 2),
        caption=ParagraphStyle("Caption", parent=body, spaceBefore=sizes.paragraph_space / 3),
        headings={level: heading_style(sizes, fonts, body, level) for level in (1, 2, 3)},
    )


def heading_style(
    sizes: PrintStyle, fonts: Fonts, body: ParagraphStyle, level: int
) -> ParagraphStyle:
    """Larger and bold, with more space above than below, and never last on a page."""
    size = sizes.heading_size(level)
    return ParagraphStyle(
        f"Heading{level}",
        parent=body,
        fontName=fonts.bold,
        fontSize=size,
        leading=round(size * 1.25, 1),
        spaceBefore=sizes.paragraph_space * (1.0 if level > 1 else 0),
        spaceAfter=sizes.paragraph_space * 0.6,
        keepWithNext=1,
    )
