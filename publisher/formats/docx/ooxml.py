"""Low-level WordprocessingML that python-docx has no API for, in schema order.

Word refuses (or "repairs") a file whose elements are out of the order the
ECMA-376 schema gives, so every child is placed with `set_child` and the
sequences below rather than appended.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

# Child order of w:pPr, w:rPr and w:sectPr (ECMA-376 Part 1, 17.3.1.26, 17.3.2.28, 17.6.17).
PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)
SECTPR_ORDER = (
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
)
BORDER_SIDES = ("top", "left", "bottom", "right")

# Office extensions, as Word itself writes them.
DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def w_element(tag: str, **attrs: str) -> etree._Element:
    """A `w:` element with `w:` attributes: w_element("lang", val="en-GB")."""
    return OxmlElement(f"w:{tag}", {qn(f"w:{k}"): v for k, v in attrs.items()})


def set_child(parent: etree._Element, child: etree._Element, order: tuple[str, ...]) -> None:
    """Put `child` in `parent`, replacing one of the same name, at its place in `order`."""
    old = parent.find(child.tag)
    if old is not None:
        parent.replace(old, child)
        return
    names = [qn(f"w:{name}") for name in order]
    later = set(names[names.index(child.tag) + 1 :])
    for existing in parent:
        if existing.tag in later:
            existing.addprevious(child)
            return
    parent.append(child)


def remove_child(parent: etree._Element, tag: str) -> None:
    for old in parent.findall(qn(f"w:{tag}")):
        parent.remove(old)


def set_ppr(ppr: etree._Element, tag: str, **attrs: str) -> None:
    set_child(ppr, w_element(tag, **attrs), PPR_ORDER)


def set_rpr(rpr: etree._Element, tag: str, **attrs: str) -> None:
    set_child(rpr, w_element(tag, **attrs), RPR_ORDER)


def set_fonts(
    rpr: etree._Element, font: str, complex_font: str = "", east_asian_font: str = ""
) -> None:
    """Fonts for Latin, complex-script (Arabic, Bengali...) and East Asian text, with no theme
    font that would take precedence; a complex or East Asian font defaults to `font`."""
    fonts = {"ascii": font, "hAnsi": font}
    fonts |= {"eastAsia": east_asian_font or font, "cs": complex_font or font}
    if east_asian_font:  # punctuation shared with Latin takes the East Asian font
        fonts["hint"] = "eastAsia"
    set_rpr(rpr, "rFonts", **fonts)


def set_size(rpr: etree._Element, points: float) -> None:
    """The size of Latin and of complex-script (Arabic, Hebrew...) text alike."""
    half_points = str(round(points * 2))
    set_rpr(rpr, "sz", val=half_points)
    set_rpr(rpr, "szCs", val=half_points)


def set_language(rpr: etree._Element, language: str, rtl: bool, east_asian: bool) -> None:
    """w:lang: `val` for Latin text, `bidi` for complex scripts (right-to-left ones and the
    Indic ones such as Bengali: `rtl` here), `eastAsia` for CJK."""
    lang = w_element("lang", val=language)
    old = rpr.find(qn("w:lang"))
    for name in ("eastAsia", "bidi"):  # keep the template's other-script defaults
        if old is not None and old.get(qn(f"w:{name}")):
            lang.set(qn(f"w:{name}"), old.get(qn(f"w:{name}")))
    if rtl:
        lang.set(qn("w:bidi"), language)
    if east_asian:
        lang.set(qn("w:eastAsia"), language)
    set_child(rpr, lang, RPR_ORDER)


def set_borders(ppr: etree._Element, width: float, colour: str, space: float) -> None:
    """A box on all four sides; neighbours with the same box share one (no line between)."""
    borders = w_element("pBdr")
    for side in BORDER_SIDES:
        attrs = {"val": "single", "sz": str(round(width * 8)), "space": str(round(space))}
        borders.append(w_element(side, **attrs, color=colour.lstrip("#").upper()))
    set_child(ppr, borders, PPR_ORDER)


def field_runs(instruction: str, shown: str) -> list[etree._Element]:
    """The runs of a complex field such as PAGE, with `shown` as its cached result."""

    def run(*children: etree._Element) -> etree._Element:
        r = OxmlElement("w:r")
        r.extend(children)
        return r

    instr = w_element("instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    result = w_element("t")
    result.text = shown
    return [
        run(w_element("fldChar", fldCharType="begin")),
        run(instr),
        run(w_element("fldChar", fldCharType="separate")),
        run(result),
        run(w_element("fldChar", fldCharType="end")),
    ]


def hyperlink(r_id: str) -> etree._Element:
    """An empty w:hyperlink to an external relationship; runs go inside it."""
    link = OxmlElement("w:hyperlink", {qn("r:id"): r_id})
    link.set(qn("w:history"), "1")
    return link


def mark_decorative(doc_pr: etree._Element) -> None:
    """Word's 'Mark as decorative': screen readers skip the picture."""
    ext = _extension(doc_pr, DECORATIVE_EXT)
    etree.SubElement(
        ext, f"{{{DECORATIVE_NS}}}decorative", {"val": "1"}, nsmap={"adec": DECORATIVE_NS}
    )


def add_svg_blip(blip: etree._Element, r_id: str) -> None:
    """Point a picture's PNG at its SVG original, which Word 2016+ shows instead."""
    ext = _extension(blip, SVG_EXT)
    svg = etree.SubElement(ext, f"{{{SVG_NS}}}svgBlip", nsmap={"asvg": SVG_NS})
    svg.set(f"{{{R_NS}}}embed", r_id)


def _extension(parent: etree._Element, uri: str) -> etree._Element:
    ext_list = parent.find(f"{{{A_NS}}}extLst")
    if ext_list is None:
        ext_list = etree.SubElement(parent, f"{{{A_NS}}}extLst")
    return etree.SubElement(ext_list, f"{{{A_NS}}}ext", {"uri": uri})
