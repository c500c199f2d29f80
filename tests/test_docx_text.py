"""Awkward text in the Word file: markup characters, nesting, control characters, warnings, sizes."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from publisher.build.run import build
from publisher.config import Config
from publisher.errors import BuildError, ContentError
from publisher.formats.docx.links import shown_address
from publisher.formats.docx.writer import DRAFT_WORDS, PAGE_WORDS, WORDS
from publisher.i18n.words import Words
from publisher.model import (
    Leaflet,
    Link,
    Note,
    Paragraph,
    Text,
    iter_blocks,
    leaflet_blocks,
    plain_text,
)

from .conftest import CONTENT, write_leaflet
from .docx_leaflets import MARKUP_TEXTS, markup_source
from .docx_support import (
    ORGANISATION,
    assert_in_order,
    build_docx,
    docdefaults_rpr,
    headings,
    link_addresses,
    parts_xml,
    plain,
    reading_order,
    xpath,
)


@pytest.fixture(scope="module")
def markup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Leaflet, Document, Path]:
    folder = tmp_path_factory.mktemp("markup")
    leaflet, document = build_docx(markup_source(folder), folder / "markup.docx")
    return leaflet, document, folder / "markup.docx"


def texts(document: Document) -> list[str]:
    return [plain(p.text) for p in document.paragraphs]


# --- the markup-heavy leaflet --------------------------------------------------------------------


def test_markup_characters_come_out_as_themselves_in_reading_order(markup: tuple) -> None:
    found = texts(markup[1])
    positions = [found.index(plain(expected)) for expected in MARKUP_TEXTS]
    assert positions == sorted(positions)


def test_every_block_of_the_source_is_in_the_document_in_order(markup: tuple) -> None:
    """Text matches the source: each heading, paragraph, list item and caption, in order."""
    leaflet, document, _ = markup
    joined = "\n".join(texts(document))
    for address in link_addresses(leaflet):  # printed after the words of a link
        joined = joined.replace(f" ({address})", "")
    assert_in_order(joined, reading_order(leaflet))


def test_the_file_is_well_formed_and_opens_again(markup: tuple) -> None:
    _, _, path = markup
    parts = parts_xml(path)
    assert "word/document.xml" in parts and "word/styles.xml" in parts
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
    again = docx.Document(str(path))
    assert again.core_properties.title == """Fish & chips <for> "everyone" 'here'"""


def test_nested_markup_keeps_bold_and_links(markup: tuple) -> None:
    document = markup[1]
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Bold with"))
    runs = xpath(paragraph._p, ".//w:r")
    bold = {"".join(xpath(r, ".//w:t/text()")): bool(xpath(r, "./w:rPr/w:b")) for r in runs}
    assert bold["Bold with "] and bold["nested emphasis"] and bold["a strong link"]
    assert not bold[" then plain."]
    assert not xpath(paragraph._p, ".//w:i")
    link = paragraph.hyperlinks[0]
    assert (link.text, link.address) == ("a strong link", "https://example.org/s?a=1&b=2")


def test_headings_keep_their_links_and_levels(markup: tuple) -> None:
    document = markup[1]
    assert [level for level, _ in headings(document)] == [1, 2, 2, 2, 2]
    heading = next(p for p in document.paragraphs if p.style.name == "Heading 2")
    assert heading.hyperlinks[0].address == "https://example.org/h"


def test_numbered_list_starts_at_its_own_number_and_nests(markup: tuple) -> None:
    document = markup[1]
    numbering = document.part.numbering_part.element
    third = next(p for p in document.paragraphs if p.text == "third item")
    num = numbering.num_having_numId(third._p.pPr.numPr.numId.val)
    assert xpath(num, "./w:lvlOverride/w:startOverride/@w:val") == ["3"]
    nested = next(p for p in document.paragraphs if p.text.startswith("nested bullet"))
    assert nested.style.name == "List Bullet 2" and nested._p.pPr.numPr.ilvl.val == 1
    more = next(p for p in document.paragraphs if p.text.startswith("A second paragraph"))
    assert more.style.name == "List Continue" and more._p.pPr.numPr is None


def test_a_picture_can_start_a_list_item(markup: tuple) -> None:
    document = markup[1]
    paragraphs = document.paragraphs
    index = next(
        i
        for i, p in enumerate(paragraphs)
        if xpath(p._p, ".//wp:docPr[@descr='A scanner with a bed']")
    )
    assert paragraphs[index].style.name == "List Bullet"
    assert paragraphs[index]._p.pPr.numPr is not None
    assert paragraphs[index + 1].text == "The scanner & its bed"


def test_everything_inside_a_note_is_in_one_box(markup: tuple) -> None:
    leaflet, document, _ = markup
    note = next(b for b in leaflet_blocks(leaflet) if isinstance(b, Note))
    inside = [
        plain(plain_text(b.inlines)) for b in iter_blocks(note.blocks) if isinstance(b, Paragraph)
    ]
    paragraphs = document.paragraphs
    start = texts(document).index(inside[0])
    box = paragraphs[start : start + len(inside) + 1]  # and the picture
    style_border = document.styles["Note"].element.pPr.find(qn("w:pBdr"))
    for paragraph in box:
        own = paragraph._p.pPr.find(qn("w:pBdr"))
        border = own if own is not None else paragraph.style.element.pPr.find(qn("w:pBdr"))
        assert border is not None, paragraph.text
        assert [(b.tag, dict(b.attrib)) for b in border] == [
            (b.tag, dict(b.attrib)) for b in style_border
        ]
    assert xpath(box[-1]._p, ".//wp:docPr/@descr") == ["A calendar with a tick"]


def test_decorative_picture_has_empty_alt_text_and_the_mark(markup: tuple) -> None:
    document = markup[1]
    decorative = xpath(document.element.body, ".//wp:docPr[.//adec:decorative/@val='1']")
    assert len(decorative) == 1 and decorative[0].get("descr") == ""
    others = xpath(document.element.body, ".//wp:docPr[not(.//adec:decorative)]")
    assert others and all(d.get("descr") for d in others)


def test_language_is_the_leaflets(markup: tuple) -> None:
    document = markup[1]
    assert docdefaults_rpr(document).find(qn("w:lang")).get(qn("w:val")) == "cy"
    assert document.core_properties.language == "cy"
    assert document.core_properties.author == ORGANISATION


# --- characters XML cannot hold --------------------------------------------------------------------


def test_a_control_character_is_refused_naming_file_and_line(tmp_path: Path) -> None:
    """The reader refuses it before any writer runs, so no Word file is ever corrupt."""
    source = write_leaflet(tmp_path, "## Part\n\nFine text.\n\nA bell \x07 rings.\n")
    with pytest.raises(ContentError) as caught:
        build_docx(source, tmp_path / "out.docx")
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == (source, 10)
    assert "U+0007" in problem.message and "delete it" in problem.message
    assert not (tmp_path / "out.docx").exists()


def test_a_control_character_stops_the_build_before_any_write(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_leaflet(content, "## Part\n\nAn escape \x1b here.\n", name="bad.md")
    write_leaflet(content, "## Part\n\nAll good here.\n", name="good.md")
    config = Config(root=tmp_path, content_dir=content, out_dir=tmp_path / "out")
    with pytest.raises(ContentError) as caught:
        build([content], config, formats=("docx",), today=date(2026, 6, 1))
    assert [str(p) for p in caught.value.problems] == [
        f"error: {content / 'bad.md'}:8: control character U+001B cannot be printed or shown; "
        "delete it"
    ]
    assert not list(tmp_path.rglob("*.docx"))


def test_a_control_character_in_translated_words_is_refused(tmp_path: Path) -> None:
    source = write_leaflet(tmp_path, "## Part\n\nText.\n")
    words = Words("cy", {PAGE_WORDS: "Tudalen {page} o {pages}\x0b"})
    with pytest.raises(BuildError, match="U\\+000B"):
        build_docx(source, tmp_path / "out.docx", words=words)


# --- warnings: drafts and overdue reviews --------------------------------------------------------------


WELSH_DRAFT = "Drafft: nid yw'r cyfieithiad hwn wedi'i adolygu eto."


def test_a_draft_says_so_on_every_page_in_its_language_and_in_english(tmp_path: Path) -> None:
    source = write_leaflet(tmp_path, "## Rhan\n\nGeiriau.\n", "language: cy\n")
    words = Words("cy", {DRAFT_WORDS: WELSH_DRAFT}, reviewed=True)  # signed-off tool words
    _, document = build_docx(source, tmp_path / "draft.docx", draft=True, words=words)
    sections = document.sections
    assert len(sections) == 1  # one header, on every page
    header = [plain(p.text) for p in sections[0].header.paragraphs]
    assert header == [DRAFT_WORDS, WELSH_DRAFT]  # English first, put there by code
    english = sections[0].header.paragraphs[0]
    assert xpath(english._p, ".//w:rPr/w:lang/@w:val") == ["en-GB"]
    assert all(r.bold for p in sections[0].header.paragraphs for r in p.runs)
    found = texts(document)
    assert found[1:3] == [DRAFT_WORDS, WELSH_DRAFT]  # boxed at the top, under the title
    assert document.paragraphs[1].style.name == "Note"


def test_an_english_draft_says_it_once(tmp_path: Path) -> None:
    source = write_leaflet(tmp_path, "## Part\n\nWords.\n")
    _, document = build_docx(source, tmp_path / "draft.docx", draft=True)
    assert [plain(p.text) for p in document.sections[0].header.paragraphs] == [DRAFT_WORDS]


def test_a_leaflet_not_draft_has_an_empty_header(tmp_path: Path) -> None:
    source = write_leaflet(tmp_path, "## Part\n\nWords.\n")
    _, document = build_docx(source, tmp_path / "final.docx")
    assert [p.text for p in document.sections[0].header.paragraphs] == [""]
    assert DRAFT_WORDS not in texts(document)


def test_an_overdue_leaflet_is_flagged_at_the_top(tmp_path: Path) -> None:
    source = write_leaflet(tmp_path, "## Part\n\nWords.\n")  # next review 2029-01-10
    _, document = build_docx(source, tmp_path / "old.docx", today=date(2029, 2, 1))
    flag = document.paragraphs[1]
    assert plain(flag.text) == (
        "Review overdue: this information was due to be checked by 10 January 2029. "
        "Some of it may be out of date."
    )
    assert flag.style.name == "Note" and all(run.bold for run in flag.runs)
    _, current = build_docx(source, tmp_path / "new.docx", today=date(2029, 1, 10))
    assert not any("Review overdue" in text for text in texts(current))


def test_translated_page_words_may_put_the_fields_in_any_order(tmp_path: Path) -> None:
    source = write_leaflet(tmp_path, "## Rhan\n\nGeiriau.\n", "language: cy\n")
    words = Words("cy", {PAGE_WORDS: "{pages} tudalen, hon yw {page}"})
    _, document = build_docx(source, tmp_path / "pages.docx", words=words)
    footer = document.sections[0].footer.paragraphs[0]._p
    assert [t.strip() for t in xpath(footer, ".//w:instrText/text()")] == ["NUMPAGES", "PAGE"]
    assert " tudalen, hon yw " in xpath(footer, ".//w:t/text()")


def test_the_tool_words_are_listed_for_translators() -> None:
    assert PAGE_WORDS in WORDS and DRAFT_WORDS in WORDS
    assert all(isinstance(word, str) and word for word in WORDS)


# --- sizes and pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [16, 24])
def test_body_text_follows_the_configured_size(size: int, tmp_path: Path) -> None:
    _, document = build_docx(CONTENT / "having-a-scan.md", tmp_path / "scan.docx", font_size=size)
    assert document.styles["Normal"].font.size == Pt(size)
    assert xpath(docdefaults_rpr(document), "./w:sz/@w:val") == [str(size * 2)]
    for name in ("Footer", "Caption", "Note", "List Bullet", "List Number"):
        style = document.styles[name]
        while style.font.size is None:
            style = style.base_style
        assert style.font.size >= Pt(size), name
    sizes = xpath(document.element.body, ".//w:r/w:rPr/w:sz/@w:val")
    assert all(int(value) >= size * 2 for value in sizes)  # no run made smaller
    heading = document.styles["Heading 2"].font.size
    assert heading > Pt(size)


def test_an_unknown_page_size_is_a_clear_error(tmp_path: Path) -> None:
    source = write_leaflet(tmp_path, "## Part\n\nWords.\n")
    with pytest.raises(BuildError, match="page size 'B7'"):
        build_docx(source, tmp_path / "b7.docx", page_size="B7")


def test_a_broken_svg_picture_is_a_clear_error_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "broken.svg").write_text("<svg this is not", encoding="utf-8")
    source = write_leaflet(
        tmp_path, "## Part\n\nWords.\n\n![A broken picture](images/broken.svg)\n"
    )
    with pytest.raises(BuildError) as caught:
        build_docx(source, tmp_path / "broken.docx")
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == (source, 10)
    assert "broken.svg" in problem.message


# --- links -------------------------------------------------------------------------------------


def test_a_link_without_words_shows_its_address_as_its_words(tmp_path: Path) -> None:
    source = write_leaflet(tmp_path, "## Part\n\nSee [](https://example.org/empty) here.\n")
    _, document = build_docx(source, tmp_path / "empty.docx")
    paragraph = next(p for p in document.paragraphs if p.text.startswith("See "))
    assert [(h.text, h.address) for h in paragraph.hyperlinks] == [
        ("https://example.org/empty", "https://example.org/empty")
    ]
    assert paragraph.text == "See https://example.org/empty here."


@pytest.mark.parametrize(
    ("words", "url", "shown"),
    [
        ("0800 123 4567", "tel:08001234567", None),
        ("call us", "tel:08001234567", "08001234567"),
        ("nurses@example.org", "mailto:nurses@example.org", None),
        ("mail us", "mailto:help%40example.org?subject=Hi", "help@example.org"),
        ("example.org/scans", "https://example.org/scans", None),
        ("www.example.org", "https://example.org/", None),
        ("our website", "https://example.org/secondary", "https://example.org/secondary"),
    ],
)
def test_the_address_is_printed_only_when_the_words_do_not_say_it(
    words: str, url: str, shown: str | None
) -> None:
    assert shown_address(Link((Text(words),), url)) == shown
