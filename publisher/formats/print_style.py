"""The look shared by the print formats (PDF and Word): sizes, spacing, colours.

Sizes are in points and scale with the body size chosen in publisher.toml or
with --font-size, so a 24pt edition keeps the same proportions as 18pt.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import PAGE_SIZES


@dataclass(frozen=True, slots=True)
class PrintStyle:
    body_size: float = 18
    page_size: str = "A4"

    @property
    def page(self) -> tuple[float, float]:
        """The page's width and height in points."""
        return PAGE_SIZES[self.page_size.upper()]

    @property
    def line_height(self) -> float:
        return round(self.body_size * 1.35, 1)  # UKAAF and RNIB ask for at least 1.2

    @property
    def paragraph_space(self) -> float:
        return self.body_size  # a blank line's space between paragraphs

    def heading_size(self, level: int) -> float:
        """Title (1), section (2) and subsection (3) sizes: larger than the body, all bold."""
        return round(self.body_size * {1: 1.6, 2: 1.35, 3: 1.15}[level], 1)


TEXT_COLOUR = "#000000"
NOTE_BORDER_COLOUR = "#000000"
NOTE_BORDER_WIDTH = 3  # points: a strong border, never a pale background alone
LINK_COLOUR = "#00307A"  # dark blue: 12:1 on white
WORD_FONT = "Arial"  # present on almost every machine that opens a .docx
