"""Word styles and list numbering for a leaflet: large print, one sans-serif font, no italics.

Built-in styles (Normal, Heading 1-3, List Bullet, List Number, Caption...) are
restyled rather than replaced, so Word's navigation pane, outline and
accessibility checker recognise them.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from lxml import etree

from ...text.scripts import is_rtl, script_of
from ..print_style import (
    LINK_COLOUR,
    NOTE_BORDER_COLOUR,
    NOTE_BORDER_WIDTH,
    TEXT_COLOUR,
    PrintStyle,
)
from .ooxml import (
    remove_child,
    set_borders,
    set_fonts,
    set_language,
    set_ppr,
    set_rpr,
    set_size,
    w_element,
)

NOTE_STYLE = "Note"
HYPERLINK_STYLE = "Hyperlink"
LIST_STYLES = {  # (ordered, level) -> built-in style
    (False, 0): "List Bullet",
    (False, 1): "List Bullet 2",
    (True, 0): "List Number",
    (True, 1): "List Number 2",
}
CONTINUE_STYLES = ("List Continue", "List Continue 2")  # later paragraphs of a list item
BULLETS = ("\u2022", "\u2013")  # bullet, en dash: both in every sans-serif font
# Word's font for the leaflet's own script, by ISO 15924 script. A .docx shows the fonts of
# the machine that opens it, most often Windows: these come with Windows, so the letters
# show with nothing to install (elsewhere Word and LibreOffice take a font of that script).
COMPLEX_FONTS = {
    "Arab": "Arial",  # Windows' Arial has the Arabic letters
    "Beng": "Nirmala UI",
    "Deva": "Nirmala UI",
    "Guru": "Nirmala UI",
    "Taml": "Nirmala UI",
    "Telu": "Nirmala UI",
}
EAST_ASIAN_FONTS = {
    "Hans": "Microsoft YaHei",
    "Hant": "Microsoft JhengHei",
    "Jpan": "Yu Gothic",
    "Kore": "Malgun Gothic",
}
# Urdu is read in Nastaliq, not in the Naskh of Arabic fonts (Windows' Urdu font).
LANGUAGE_FONTS = {"ur": "Urdu Typesetting"}


@dataclass(frozen=True, slots=True)
class Look:
    """Everything that decides how the document looks: sizes, fonts and language."""

    style: PrintStyle
    font: str
    language: str
    rtl: bool
    complex_font: str = ""  # for Arabic, Bengali and other complex scripts ("": `font`)
    east_asian_font: str = ""  # for Chinese, Japanese, Korean ("": `font`)
    accent: str = TEXT_COLOUR  # headings and box borders: the brand colour when one is set

    @classmethod
    def of(cls, style: PrintStyle, font: str, language: str, accent: str = TEXT_COLOUR) -> Look:
        """The look of a leaflet in `language`, with the fonts of its script."""
        script = script_of(language)
        base = language.replace("_", "-").split("-")[0].lower()
        complex_font = LANGUAGE_FONTS.get(base) or COMPLEX_FONTS.get(script, "")
        east_asian_font = EAST_ASIAN_FONTS.get(script, "")
        return cls(style, font, language, is_rtl(language), complex_font, east_asian_font, accent)

    @property
    def complex_script(self) -> bool:
        """Right to left, or shaped like Bengali: Word's 'complex script' text."""
        return self.rtl or bool(self.complex_font)

    def set_fonts(self, rpr: etree._Element) -> None:
        set_fonts(rpr, self.font, self.complex_font, self.east_asian_font)

    @property
    def hanging(self) -> int:
        """Room for a bullet or a number such as '10.', in twentieths of a point."""
        return round(self.style.body_size * 1.6) * 20

    def list_indent(self, level: int) -> int:
        """Where the text of a list item at `level` (0 or 1) starts, in twentieths of a point.

        Right to left, bullets start one step in from the margin: LibreOffice puts a
        number's left edge at its position even there, which would push '1.' out past the
        margin; Word aligns it to the right of the same position. One step suits both.
        """
        return self.hanging * (level + 1 + (1 if self.rtl else 0))


def apply_styles(document: Document, look: Look) -> ListNumbering:
    """Restyle every style the writer uses, and the defaults beneath them."""
    _defaults(document, look)
    _normal(document, look)
    for level in (1, 2, 3):
        _heading(document, look, level)
    numbering = _lists(document, look)
    _caption(document, look)
    for name in ("Header", "Footer"):
        _plain(document.styles[name].element, look)
    _note(document, look)
    _hyperlink(document)
    return numbering


def _defaults(document: Document, look: Look) -> None:
    """w:docDefaults: the font, size and language of all text, whatever its style."""
    styles = document.styles.element
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    look.set_fonts(rpr)
    set_size(rpr, look.style.body_size)
    set_language(rpr, look.language, look.complex_script, bool(look.east_asian_font))
    if look.rtl:
        ppr = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
        set_ppr(ppr, "bidi")


def _normal(document: Document, look: Look) -> None:
    style = document.styles["Normal"]
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(look.style.paragraph_space)
    fmt.line_spacing = look.style.line_height / look.style.body_size
    fmt.widow_control = True
    ppr = style.element.get_or_add_pPr()
    if look.rtl:
        set_ppr(ppr, "bidi")
    else:  # ragged right; a right-to-left paragraph starts at the right without being told
        set_ppr(ppr, "jc", val="left")
    _plain(style.element, look)


def _plain(style: etree._Element, look: Look) -> None:
    """Body font and size, black, upright: the base every text style shares."""
    rpr = style.get_or_add_rPr()
    look.set_fonts(rpr)
    set_size(rpr, look.style.body_size)
    set_rpr(rpr, "color", val=TEXT_COLOUR.lstrip("#"))
    for tag in ("i", "iCs"):
        set_rpr(rpr, tag, val="0")


def _heading(document: Document, look: Look, level: int) -> None:
    style = document.styles[f"Heading {level}"]
    _plain(style.element, look)
    rpr = style.element.get_or_add_rPr()
    set_rpr(rpr, "color", val=look.accent.lstrip("#"))
    set_size(rpr, look.style.heading_size(level))
    set_rpr(rpr, "b")
    set_rpr(rpr, "bCs")
    fmt = style.paragraph_format
    fmt.space_before = Pt(look.style.paragraph_space * (1.5 if level > 1 else 0))
    fmt.space_after = Pt(look.style.paragraph_space / 2)
    fmt.line_spacing = 1.15
    fmt.keep_with_next = True


def _lists(document: Document, look: Look) -> ListNumbering:
    """List styles whose bullets and numbers sit at the margin, text one hanging step in."""
    numbering = ListNumbering.create(document, look)
    for (ordered, level), name in LIST_STYLES.items():
        style = document.styles[name]
        ppr = style.element.get_or_add_pPr()
        remove_child(ppr, "contextualSpacing")  # keep a little space between items
        num_id = numbering.new_list(ordered, 1, level)
        num_pr = w_element("numPr")
        num_pr.append(w_element("ilvl", val=str(level)))
        num_pr.append(w_element("numId", val=str(num_id)))
        ppr.replace(ppr.find(qn("w:numPr")), num_pr)
        style.paragraph_format.space_after = Pt(look.style.paragraph_space / 2)
    for level, name in enumerate(CONTINUE_STYLES):
        ppr = document.styles[name].element.get_or_add_pPr()
        remove_child(ppr, "contextualSpacing")
        set_ppr(ppr, "ind", left=str(look.list_indent(level)))
        document.styles[name].paragraph_format.space_after = Pt(look.style.paragraph_space / 2)
    return numbering


def _caption(document: Document, look: Look) -> None:
    """Captions as large as the body (never the usual small blue italic)."""
    style = document.styles["Caption"]
    _plain(style.element, look)
    for tag in ("b", "bCs"):
        remove_child(style.element.get_or_add_rPr(), tag)
    style.paragraph_format.line_spacing = look.style.line_height / look.style.body_size
    style.paragraph_format.space_after = Pt(look.style.paragraph_space)


def _note(document: Document, look: Look) -> None:
    """A paragraph style with a strong border: neighbouring Note paragraphs share one box."""
    style = document.styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    set_borders(style.element.get_or_add_pPr(), *note_border(look))


def note_border(look: Look) -> tuple[float, str, float]:
    """Width (pt), colour and text gap (pt) of a note box's border."""
    colour = NOTE_BORDER_COLOUR if look.accent == TEXT_COLOUR else look.accent
    return NOTE_BORDER_WIDTH, colour, look.style.body_size / 2


def _hyperlink(document: Document) -> None:
    style = document.styles.add_style(HYPERLINK_STYLE, WD_STYLE_TYPE.CHARACTER, builtin=True)
    style.font.color.rgb = RGBColor.from_string(LINK_COLOUR.lstrip("#"))
    style.font.underline = True  # colour alone does not say 'link' (WCAG 1.4.1)


@dataclass(frozen=True, slots=True)
class ListNumbering:
    """Two list definitions (bullets, numbers) and a new instance of one for every list."""

    numbering: etree._Element
    bullets: int
    numbers: int

    @classmethod
    def create(cls, document: Document, look: Look) -> ListNumbering:
        numbering = document.part.numbering_part.element
        ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        first = max(ids, default=-1) + 1
        _add_abstract(numbering, _abstract_xml(first, False, look))
        _add_abstract(numbering, _abstract_xml(first + 1, True, look))
        return cls(numbering, first, first + 1)

    def new_list(self, ordered: bool, start: int, level: int) -> int:
        """A fresh numbering instance, so each numbered list counts from its own start."""
        num = self.numbering.add_num(self.numbers if ordered else self.bullets)
        override = num.add_lvlOverride(ilvl=level)
        override.add_startOverride(start)
        return num.numId


def _add_abstract(numbering: etree._Element, xml: str) -> None:
    """Abstract definitions come before every w:num (schema order)."""
    abstract = parse_xml(xml)
    first_num = numbering.find(qn("w:num"))
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)


def _abstract_xml(abstract_id: int, ordered: bool, look: Look) -> str:
    levels = "".join(_level_xml(level, ordered, look) for level in (0, 1))
    return (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{0x5B1E0000 + abstract_id:08X}"/>'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>'
    )


def _level_xml(level: int, ordered: bool, look: Look) -> str:
    kind, text = ("decimal", f"%{level + 1}.") if ordered else ("bullet", BULLETS[level])
    left = look.list_indent(level)
    font, complex_font = look.font, look.complex_font or look.font
    size = round(look.style.body_size * 2)
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{kind}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{look.hanging}"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{complex_font}"/>'
        f'<w:b w:val="0"/><w:i w:val="0"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        "</w:lvl>"
    )
