"""The page's own typeface for scripts a reader's machine may lack (Arabic, Bengali, Urdu...).

A phone or an old computer may have no font for Bengali or Gurmukhi, and the page would
show empty boxes or Urdu in the wrong style. For any script but Latin, Greek and Cyrillic
the page carries the typeface the PDF prints with, cut down to the characters the page
shows (its shaping rules kept, so letters still join), as data: URIs in @font-face rules:
WOFF2 when brotli is installed, else TrueType. The page stays one small file that works
offline.
"""

from __future__ import annotations

import base64
import io
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from ...config import Config
from ...text.scripts import script_of

if TYPE_CHECKING:
    from ...text.fonts import Typeface

FAMILY = "Leaflet Script"  # first in easy-read.css's font-family list; defined only here
SYSTEM_SCRIPTS = {"Latn", "Grek", "Cyrl"}  # every machine has fonts for these
WEIGHTS = (400, 700)  # body text, and headings and bold words
LINE_BOX = 1.2  # the most a line box may take, in font sizes (below the CSS's 1.3)


def font_faces(page: str, language: str, config: Config) -> Markup:
    """@font-face rules (and the typeface's line height) for the page, or nothing for Latin."""
    if script_of(language) in SYSTEM_SCRIPTS:
        return Markup("")
    from ...text.fonts import font_folders, typeface_for  # fontTools: only when a font is needed

    typeface = typeface_for(language, config.cache_dir, font_folders(config.root))
    text = "".join(sorted(set(visible_text(page))))
    rules = [face_rule(path, weight, text) for path, weight in faces(typeface)]
    if typeface.line_height:  # Nastaliq's letters reach far above and below the line
        rules.append(
            f"body, h1, h2, h3, .summary, .phone {{ line-height: {typeface.line_height}; }}"
        )
    return Markup("\n".join(rules))


def faces(typeface: Typeface) -> list[tuple[Path, int]]:
    return list(zip((typeface.regular, typeface.bold), WEIGHTS, strict=True))


def face_rule(path: Path, weight: int, text: str) -> str:
    data, kind = subset(path, text)
    source = f"data:font/{kind};base64,{base64.b64encode(data).decode('ascii')}"
    return (
        f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: {weight}; '
        f"font-display: block; {metrics(path)} "
        f'src: url({source}) format("{kind}"); }}'
    )


def metrics(path: Path) -> str:
    """Line-box metrics no taller than the page's tightest line height (1.3, headings).

    Arabic and Nastaliq fonts declare room for stacked marks (2.1 and 2.5 times their size):
    a browser would make every line box that tall, and text would spill out of its element
    (a reflow failure). Scaled down in the font's own proportions, the glyphs still draw
    whole; the CSS line height (2.2 for Nastaliq) gives them their room.
    """
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    em, hhea = font["head"].unitsPerEm, font["hhea"]
    ascent, descent = hhea.ascent / em, -hhea.descent / em
    scale = min(1.0, LINE_BOX / (ascent + descent))
    return (
        f"ascent-override: {ascent * scale:.1%}; descent-override: {descent * scale:.1%}; "
        "line-gap-override: 0%;"
    )


def subset(path: Path, text: str) -> tuple[bytes, str]:
    """The font with only the glyphs `text` needs (and those its shaping rules reach)."""
    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTFont

    options = Options()
    options.layout_features = ["*"]  # joining, conjuncts, mark positions: every feature
    options.drop_tables = [*options.drop_tables, "meta"]  # a table fontTools cannot subset
    options.flavor = "woff2" if _has_brotli() else None
    font = TTFont(path)
    subsetter = Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    font.flavor = options.flavor
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue(), options.flavor or "truetype"


def _has_brotli() -> bool:
    try:
        import brotli  # noqa: F401  # fontTools writes WOFF2 with it
    except ImportError:
        return False
    return True


def visible_text(page: str) -> str:
    """The text a reader sees in an HTML page: its title and body text, not its CSS."""
    collector = _TextCollector()
    collector.feed(page)
    return "".join(collector.parts)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # inside <style> or <script>

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.hidden += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)
