"""The sample leaflets as Word files, read back with python-docx and lxml as Word's checker would.

Each rule is one of STANDARDS.md's Word rules. The files come from the real build
(`publisher.build.run.build`, as `publisher build --format docx` runs it).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from publisher.build.run import build
from publisher.config import load_config
from publisher.formats.docx.ooxml import PPR_ORDER, RPR_ORDER, SECTPR_ORDER
from publisher.formats.print_style import WORD_FONT
from publisher.model import (
    Image,
    Leaflet,
    Link,
    ListBlock,
    Note,
    Paragraph,
    easy_points,
    iter_inlines,
    leaflet_blocks,
    plain_text,
)
from publisher.reading.source import read_leaflet

from .conftest import CONTENT, ROOT
from .docx_support import (
    assert_in_order,
    docdefaults_rpr,
    headings,
    link_addresses,
    parts_xml,
    plain,
    reading_order,
    style_chain,
    xpath,
)

SAMPLES = sorted(CONTENT.glob("*.md"))
TODAY = date(2026, 6, 1)


@dataclasses.dataclass(frozen=True)
class Built:
    leaflet: Leaflet
    path: Path
    document: Document


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Every sample leaflet built once, through the build as the command line runs it."""
    out = tmp_path_factory.mktemp("docx-samples")
    config = dataclasses.replace(load_config(ROOT), out_dir=out)
    report = build([CONTENT], config, formats=("docx",), languages=None, today=TODAY)
    assert not report.errors, report.errors
    found = {}
    for source in SAMPLES:
        leaflet = read_leaflet(source)
        path = out / leaflet.slug / leaflet.language / f"{leaflet.slug}.docx"
        assert path in report.written
        found[leaflet.slug] = Built(leaflet, path, docx.Document(str(path)))
    return found


@pytest.fixture(params=[s.stem for s in SAMPLES])
def sample(request: pytest.FixtureRequest, built: dict[str, Built]) -> Built:
    return built[request.param]


def test_there_are_sample_leaflets_to_check() -> None:
    assert len(SAMPLES) >= 2


# --- structure ---------------------------------------------------------------------------------


def test_headings_use_built_in_heading_styles_with_no_skipped_level(sample: Built) -> None:
    found = headings(sample.document)
    levels = [level for level, _ in found]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading level jumps from {before} to {after}"
    leaflet = sample.leaflet
    expected = [(1, leaflet.title)] + [(s.level, s.title) for s in leaflet.all_sections()]
    if leaflet.helpline:
        expected.append((2, leaflet.helpline.label))
    if leaflet.glossary_used():
        expected.append((2, "Glossary"))
    if leaflet.references:
        expected.append((2, "References"))
    assert found == expected
    for level in (1, 2, 3):
        style = sample.document.styles[f"Heading {level}"]
        assert style.builtin and style.style_id == f"Heading{level}"
        outline = style.element.pPr.find(qn("w:outlineLvl"))
        assert outline.get(qn("w:val")) == str(level - 1)  # what the navigation pane reads


def test_lists_are_word_lists_that_restart_at_their_own_start(sample: Built) -> None:
    document = sample.document
    numbering = document.part.numbering_part.element
    lists = [b for b in leaflet_blocks(sample.leaflet) if isinstance(b, ListBlock)]
    listed = [p for p in document.paragraphs if p.style.name.startswith("List ")]
    first_lines = [p for p in listed if p._p.pPr.numPr is not None]
    items = sum(len(block.items) for block in lists) + len(sample.leaflet.references)
    assert len(first_lines) == items
    num_ids = []
    for paragraph in first_lines:
        assert re.fullmatch(r"List (Bullet|Number)( 2)?", paragraph.style.name)
        num_ids.append(paragraph._p.pPr.numPr.numId.val)
    # each list (and the references) is its own numbering instance...
    assert len(dict.fromkeys(num_ids)) == len(lists) + (1 if sample.leaflet.references else 0)
    for num_id in set(num_ids):
        num = numbering.num_having_numId(num_id)
        start = xpath(num, "./w:lvlOverride/w:startOverride/@w:val")
        assert start == ["1"]  # ...counting from its own start


def test_numbered_and_bullet_lists_use_matching_styles(sample: Built) -> None:
    texts = {
        plain(plain_text(item.blocks[0].inlines)): block.ordered
        for block in leaflet_blocks(sample.leaflet)
        if isinstance(block, ListBlock)
        for item in block.items
        if item.blocks and isinstance(item.blocks[0], Paragraph)
    }
    for paragraph in sample.document.paragraphs:
        if plain(paragraph.text) in texts:
            ordered = texts[plain(paragraph.text)]
            assert ("Number" if ordered else "Bullet") in paragraph.style.name


# --- pictures ----------------------------------------------------------------------------------


def pictures(document: Document) -> list:
    return xpath(document.element.body, ".//wp:inline")


def test_every_picture_has_alt_text_that_is_not_a_file_name(sample: Built) -> None:
    images = [b for b in leaflet_blocks(sample.leaflet) if isinstance(b, Image)]
    inlines = pictures(sample.document)
    assert len(inlines) == len(images)
    for inline, image in zip(inlines, images, strict=True):
        doc_pr = xpath(inline, "./wp:docPr")[0]
        decorative = xpath(doc_pr, ".//adec:decorative/@val") == ["1"]
        assert decorative == image.decorative
        if decorative:
            assert doc_pr.get("descr") == ""
            continue
        alt = doc_pr.get("descr")
        assert alt == image.alt and alt.strip()
        assert not re.search(r"\.(png|svg|jpe?g|gif)$", alt, re.I)
        assert image.path.name not in alt and image.path.stem not in alt


def test_pictures_are_inline_as_wide_as_the_text(sample: Built) -> None:
    section = sample.document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    text_height = section.page_height - section.top_margin - section.bottom_margin
    images = [b for b in leaflet_blocks(sample.leaflet) if isinstance(b, Image)]
    for inline, image in zip(pictures(sample.document), images, strict=True):
        extent = xpath(inline, "./wp:extent")[0]
        width, height = int(extent.get("cx")), int(extent.get("cy"))
        assert width <= text_width and height <= text_height
        if not image.decorative:  # as wide as the text, unless that would be too tall
            tolerance = Mm(0.1)  # the page is stored in twentieths of a point
            assert width == pytest.approx(text_width, abs=tolerance) or height == pytest.approx(
                0.6 * text_height, abs=tolerance
            )


def test_captions_follow_their_pictures_in_the_caption_style(sample: Built) -> None:
    captions = [
        b.caption for b in leaflet_blocks(sample.leaflet) if isinstance(b, Image) and b.caption
    ]
    paragraphs = sample.document.paragraphs
    found = [
        p.text
        for i, p in enumerate(paragraphs)
        if i and xpath(paragraphs[i - 1]._p, ".//wp:inline")
    ]
    assert [text for text in found if text in captions] == captions
    for paragraph in paragraphs:
        if paragraph.text in captions:
            assert paragraph.style.name == "Caption"
            assert paragraph.style.font.italic is not True


def test_svg_pictures_are_png_with_the_svg_attached(sample: Built) -> None:
    images = [b for b in leaflet_blocks(sample.leaflet) if isinstance(b, Image)]
    part = sample.document.part
    for inline, image in zip(pictures(sample.document), images, strict=True):
        blip = xpath(inline, ".//a:blip")[0]
        png = part.related_parts[blip.get(qn("r:embed"))]
        assert png.content_type == "image/png" and png.blob.startswith(b"\x89PNG")
        svg_ids = xpath(blip, ".//asvg:svgBlip/@r:embed")
        if image.path.suffix == ".svg":
            svg = part.related_parts[svg_ids[0]]
            assert svg.content_type == "image/svg+xml"
            assert svg.blob == image.path.read_bytes()
        else:
            assert svg_ids == []


# --- words and their look ------------------------------------------------------------------------


def test_title_author_subject_and_language_are_set(sample: Built) -> None:
    leaflet, document = sample.leaflet, sample.document
    props = document.core_properties
    assert props.title == leaflet.title
    assert props.author == load_config(ROOT).organisation
    assert props.subject == (leaflet.summary or leaflet.title)
    assert props.language == leaflet.language
    lang = docdefaults_rpr(document).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == leaflet.language
    with zipfile.ZipFile(sample.path) as package:  # no stray preview of the blank template
        assert not [n for n in package.namelist() if "thumbnail" in n]


def test_the_file_carries_only_the_parts_and_styles_a_leaflet_uses(sample: Built) -> None:
    """Started from templates/reference.docx: no table styles, no Word 2010 copy of the
    styles, no web settings or custom XML (python-docx's default document has all four)."""
    with zipfile.ZipFile(sample.path) as package:
        names = {n for n in package.namelist() if not n.startswith("word/media/")}  # pictures
    assert names - {"word/header1.xml"} == {
        "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
        "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
        "word/settings.xml", "word/fontTable.xml", "word/theme/theme1.xml",
        "word/numbering.xml", "word/footer1.xml",
    }  # fmt: skip
    styles = {style.name: style.type for style in sample.document.styles}
    assert [name for name, kind in styles.items() if kind == WD_STYLE_TYPE.TABLE] == [
        "Normal Table"
    ]
    used = [
        "Normal", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Bullet 2",
        "List Number", "List Number 2", "List Continue", "List Continue 2", "Caption",
        "Header", "Footer", "Hyperlink", "Note",
    ]  # fmt: skip
    assert [name for name in used if name not in styles] == []
    assert sample.path.stat().st_size < 60_000  # 30 KB of unused styles in every file before


def test_body_text_is_18pt_in_the_word_font_by_default(sample: Built) -> None:
    document = sample.document
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(18) and normal.font.name == WORD_FONT
    defaults = docdefaults_rpr(document)
    assert xpath(defaults, "./w:sz/@w:val") == ["36"] and xpath(defaults, "./w:szCs/@w:val") == [
        "36"
    ]
    fonts = defaults.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {WORD_FONT}
    assert not [k for k in fonts.attrib if k.endswith("Theme")]  # a theme font would win
    for style_name in ("Heading 1", "Heading 2", "Heading 3", "Caption", "Footer", "Header"):
        size = next(s.font.size for s in style_chain(document.styles[style_name]) if s.font.size)
        assert size >= Pt(18), style_name


def test_no_run_is_italic_and_no_style_used_is_italic(sample: Built) -> None:
    document = sample.document
    section = document.sections[0]
    paragraphs = [*document.paragraphs, *section.header.paragraphs, *section.footer.paragraphs]
    for paragraph in paragraphs:
        for style in style_chain(paragraph.style):
            assert style.font.italic is not True, style.name
        for run in xpath(paragraph._p, ".//w:r"):
            assert not xpath(run, "./w:rPr/w:i[not(@w:val='0') and not(@w:val='false')]")
            for style_id in xpath(run, "./w:rPr/w:rStyle/@w:val"):
                style = document.styles.get_by_id(style_id, 2)  # character style
                assert all(s.font.italic is not True for s in style_chain(style))
    assert document.styles["Normal"].font.italic is False  # said outright, not left to defaults


def test_text_is_left_aligned_never_justified(sample: Built) -> None:
    document = sample.document
    assert document.styles["Normal"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for paragraph in document.paragraphs:
        aligned = [paragraph.paragraph_format.alignment] + [
            s.paragraph_format.alignment for s in style_chain(paragraph.style)
        ]
        found = next((a for a in aligned if a is not None), WD_ALIGN_PARAGRAPH.LEFT)
        assert found == WD_ALIGN_PARAGRAPH.LEFT, paragraph.text


def test_strong_and_emphasis_are_both_bold(built: dict[str, Built]) -> None:
    # 'stage 4' is **strong** and 'metastatic' *emphasis* in the breast cancer leaflet
    runs = [r for p in built["secondary-breast-cancer"].document.paragraphs for r in p.runs]
    found = {run.text: run.bold for run in runs if run.text in ("stage 4", "metastatic")}
    assert found == {"stage 4": True, "metastatic": True}


# --- links ---------------------------------------------------------------------------------------


def test_links_are_real_hyperlinks_with_their_own_words(sample: Built) -> None:
    links = [
        run
        for block in leaflet_blocks(sample.leaflet)
        if isinstance(block, Paragraph)
        for run in iter_inlines(block.inlines)
        if isinstance(run, Link)
    ]
    found = []
    for paragraph in sample.document.paragraphs:
        for link in paragraph.hyperlinks:
            found.append((plain(link.text), link.address))
            assert link.address and plain(link.text)  # meaningful words, not an empty link
            for run in link.runs:
                assert run.style.name == "Hyperlink"
    expected = [(plain(plain_text(link.children)), link.url) for link in links]
    assert in_order(expected, found)
    assert not xpath(sample.document.element.body, ".//w:fldSimple")  # no field-code links


def test_helpline_phone_and_email_are_links_in_a_box(sample: Built) -> None:
    helpline = sample.leaflet.helpline
    assert helpline is not None
    paragraphs = sample.document.paragraphs
    index = [plain(p.text) for p in paragraphs].index(f"Phone: {helpline.phone}")
    phone = paragraphs[index]
    assert phone.hyperlinks[0].address == "tel:" + re.sub(r"\D", "", helpline.phone)
    assert phone.hyperlinks[0].text == helpline.phone.replace(" ", "\u00a0")  # one line
    assert phone.style.name == "Note"
    if helpline.email:
        email = next(p for p in paragraphs if plain(p.text) == f"Email: {helpline.email}")
        assert email.hyperlinks[0].address == f"mailto:{helpline.email}"


# --- boxes, end matter, page -----------------------------------------------------------------------


def test_note_boxes_have_a_strong_border(sample: Built) -> None:
    notes = [b for b in leaflet_blocks(sample.leaflet) if isinstance(b, Note)]
    assert notes
    note_style = sample.document.styles["Note"]
    borders = note_style.element.pPr.find(qn("w:pBdr"))
    for side in ("top", "left", "bottom", "right"):
        border = borders.find(qn(f"w:{side}"))
        assert border.get(qn("w:val")) == "single" and int(border.get(qn("w:sz"))) >= 16
    texts = [
        plain(plain_text(b.inlines)) for n in notes for b in n.blocks if isinstance(b, Paragraph)
    ]
    for paragraph in sample.document.paragraphs:
        if plain(paragraph.text) in texts:
            assert paragraph.style.name == "Note"
            texts.remove(plain(paragraph.text))
    assert texts == []


def test_glossary_references_and_review_dates_are_printed(sample: Built) -> None:
    leaflet = sample.leaflet
    text = [plain(p.text) for p in sample.document.paragraphs]
    for entry in leaflet.glossary_used():
        index = text.index(entry.term)
        assert text[index + 1] == plain(entry.definition)
    for reference in leaflet.references:
        assert plain(reference) in text
    assert f"Reviewed: {leaflet.reviewed.day} " in "\n".join(text)
    for day in (leaflet.reviewed, leaflet.next_review):
        assert f"{day.day} {day:%B} {day.year}" in "\n".join(text)
    assert "Next review: " in "\n".join(text)


def test_page_numbers_are_page_and_numpages_fields_in_the_footer(sample: Built) -> None:
    footer = sample.document.sections[0].footer
    assert not footer.is_linked_to_previous
    paragraph = footer.paragraphs[0]
    instructions = [t.strip() for t in xpath(paragraph._p, ".//w:instrText/text()")]
    assert instructions == ["PAGE", "NUMPAGES"]
    texts = xpath(paragraph._p, ".//w:t/text()")
    assert texts[0] == "Page " and " of " in texts
    assert paragraph.style.font.size == Pt(18)  # page numbers as large as the body


def test_page_is_a4_with_room_round_the_text(sample: Built) -> None:
    section = sample.document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == (
        pytest.approx(210, abs=0.1),
        pytest.approx(297, abs=0.1),
    )
    assert section.left_margin.mm == pytest.approx(20, abs=0.1)


def test_every_paragraph_of_the_leaflet_is_in_the_document_in_order(sample: Built) -> None:
    text = "\n".join(plain(p.text) for p in sample.document.paragraphs)
    for address in link_addresses(sample.leaflet):  # printed after the words of a link
        text = text.replace(f" ({address})", "")
    assert_in_order(text, reading_order(sample.leaflet))


def test_easy_read_text_is_left_to_the_easy_read_page(sample: Built) -> None:
    text = "\n".join(p.text for p in sample.document.paragraphs)
    for point in easy_points(sample.leaflet):
        words = plain(plain_text(point.inlines))
        in_full_text = any(
            words in plain(plain_text(b.inlines))
            for b in leaflet_blocks(sample.leaflet)
            if isinstance(b, Paragraph)
        )
        if not in_full_text:
            assert words not in plain(text)


# --- valid OOXML -----------------------------------------------------------------------------------


def test_every_part_is_well_formed_xml_with_elements_in_schema_order(sample: Built) -> None:
    orders = {"pPr": PPR_ORDER, "rPr": RPR_ORDER, "sectPr": SECTPR_ORDER}
    for name, root in parts_xml(sample.path).items():
        for tag, order in orders.items():
            positions = {qn(f"w:{child}"): i for i, child in enumerate(order)}
            for element in root.iter(qn(f"w:{tag}")):
                seen = [positions[c.tag] for c in element if c.tag in positions]
                assert seen == sorted(seen), f"{name}: {tag} children out of order"
                unknown = [c.tag for c in element if c.tag not in positions]
                assert not unknown, f"{name}: {unknown} in {tag}"


def test_every_relationship_target_exists(sample: Built) -> None:
    with zipfile.ZipFile(sample.path) as package:
        names = set(package.namelist())
        rels = etree_rels(package.read("word/_rels/document.xml.rels"))
    for target, mode in rels:
        if mode != "External":
            assert posixpath.normpath(posixpath.join("word", target)) in names, target


def in_order(wanted: list, found: list) -> bool:
    """True when every item of `wanted` is in `found`, in the same order."""
    remaining = iter(found)
    return all(item in remaining for item in wanted)


def etree_rels(data: bytes) -> list[tuple[str, str | None]]:
    root = etree.fromstring(data)
    return [(r.get("Target"), r.get("TargetMode")) for r in root]
