"""ReportLab paragraph styles for large print, from the shared print sizes (publisher.style).

Every style is left aligned, ragged right and never hyphenated; the only emphasis is bold.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ...text.fonts import Typeface
from ..print_style import TEXT_COLOUR, PrintStyle

MARGIN = 22 * mm  # UKAAF asks for generous margins; wide enough to hold a page with both hands
FOOTER_GAP = 10 * mm  # between the last line of text and the page number


@dataclass(frozen=True, slots=True)
class Fonts:
    """The names the typeface's faces are registered under in ReportLab, and its fallback's."""

    regular: str
    bold: str
    fallback: Fonts | None = None  # for letters the typeface lacks (Latin inside Urdu)

    def face(self, bold: bool) -> str:
        return self.bold if bold else self.regular

    def fallbacks(self) -> dict[str, str]:
        """Each face -> the face of the fallback typeface that stands in for it."""
        if self.fallback is None:
            return {}
        return {self.regular: self.fallback.regular, self.bold: self.fallback.bold}

    def showing(self, text: str, bold: bool) -> str:
        """The face that has every letter of `text` (a bullet, say): ours, else the fallback's."""
        name = self.face(bold)
        if self.fallback is None or has_glyphs(name, text):
            return name
        return self.fallback.face(bold)


def has_glyphs(font: str, text: str) -> bool:
    glyphs = pdfmetrics.getFont(font).face.charToGlyph
    return all(ord(char) in glyphs for char in text)


def register(typeface: Typeface) -> Fonts:
    """Register the regular and bold faces once per process; 'italic' maps to upright faces."""
    fallback = register(typeface.fallback) if typeface.fallback else None
    fonts = Fonts(typeface.name, f"{typeface.name}-Bold", fallback)
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
        return self.print.page[0] - 2 * MARGIN

    @property
    def frame_height(self) -> float:
        return self.print.page[1] - self.top_margin - self.bottom_margin

    @property
    def bottom_margin(self) -> float:
        """Room for the page number, at body size, below the text."""
        return MARGIN + self.print.body_size + FOOTER_GAP


def make_styles(
    sizes: PrintStyle, fonts: Fonts, line_height: float = 0.0, cjk: bool = False
) -> Styles:
    """The styles at `sizes`; `line_height` (in font sizes) for a typeface with tall letters,
    `cjk` to break lines between Chinese or Japanese characters, which have no spaces."""
    body = ParagraphStyle(
        "Body",
        fontName=fonts.regular,
        fontSize=sizes.body_size,
        leading=max(sizes.line_height, round(sizes.body_size * line_height, 1)),
        spaceAfter=sizes.paragraph_space,
        alignment=TA_LEFT,
        wordWrap="CJK" if cjk else None,
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
        # bold at the body size: a caption stands apart by its weight, never a smaller size
        caption=ParagraphStyle(
            "Caption", parent=body, fontName=fonts.bold, spaceBefore=sizes.paragraph_space / 3
        ),
        headings={
            level: heading_style(sizes, fonts, body, level, line_height) for level in (1, 2, 3)
        },
    )


def heading_style(
    sizes: PrintStyle, fonts: Fonts, body: ParagraphStyle, level: int, line_height: float = 0.0
) -> ParagraphStyle:
    """Larger and bold, with more space above than below, and never last on a page."""
    size = sizes.heading_size(level)
    return ParagraphStyle(
        f"Heading{level}",
        parent=body,
        fontName=fonts.bold,
        fontSize=size,
        leading=max(round(size * 1.25, 1), round(size * line_height, 1)),
        spaceBefore=sizes.paragraph_space * (1.0 if level > 1 else 0),
        spaceAfter=sizes.paragraph_space * 0.6,
        keepWithNext=1,
    )
