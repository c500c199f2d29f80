"""The large-print PDFs of the sample leaflets, read back against STANDARDS.md (large print)."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.formats.pdf.story import display_address, same_address
from publisher.formats.print_style import PrintStyle
from publisher.model import (
    Image,
    Leaflet,
    Link,
    ListBlock,
    Paragraph,
    iter_inlines,
    leaflet_blocks,
    plain_text,
)
from publisher.reading.source import read_leaflet

from .conftest import CONTENT, require_tool
from .pdf_support import (
    ORGANISATION,
    Line,
    build_pdf,
    lines,
    outline,
    pdftotext,
    structure,
    use_font_cache,
    words_only,
)

SAMPLES = sorted(CONTENT.glob("*.md"))
A4 = (595.28, 841.89)


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda path: path.stem)
def sample(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A sample leaflet and its PDF at the default 18pt, built once per module."""
    target = tmp_path_factory.mktemp("pdf") / f"{request.param.stem}-large-print.pdf"
    return build_pdf(request.param, target)


@pytest.fixture(scope="module")
def sample_lines(sample) -> list[Line]:
    return lines(sample[1])


def body_lines(found: list[Line]) -> list[Line]:
    """Lines of the text column: not page numbers, not the invisible alt text."""
    return [line for line in found if not is_footer(line) and not line.text.startswith("Picture:")]


def is_footer(line: Line) -> bool:
    return re.fullmatch(r"Page \d+ of \d+", line.text) is not None


def headings(leaflet: Leaflet) -> list[tuple[str, int]]:
    """What the outline must hold: the title, each section and subsection, the end matter."""
    expected = [(leaflet.title, 0)]
    expected += [(section.title, section.level - 1) for section in leaflet.all_sections()]
    if leaflet.glossary_used():
        expected.append(("Glossary", 1))
    if leaflet.references:
        expected.append(("References", 1))
    return expected


# --- size, typeface, page ---------------------------------------------------------------


def test_every_character_is_at_least_16pt_and_body_text_is_18pt(sample) -> None:
    _, pdf = sample
    with pdfplumber.open(pdf) as document:
        sizes = [round(c["size"], 1) for page in document.pages for c in page.chars]
    assert min(sizes) >= 16
    assert Counter(sizes).most_common(1)[0][0] == 18


def test_page_numbers_captions_and_notes_are_as_large_as_the_body(sample, sample_lines) -> None:
    leaflet, _ = sample
    captions = [b.caption for b in leaflet_blocks(leaflet) if isinstance(b, Image) and b.caption]
    footers = [line for line in sample_lines if is_footer(line)]
    assert footers
    assert all(line.size == 18 for line in footers)
    for caption in captions:
        assert any(line.text == caption and line.size == 18 for line in sample_lines), caption


def test_headings_are_larger_and_bold(sample, sample_lines) -> None:
    leaflet, _ = sample
    sizes = PrintStyle(18)
    for section in leaflet.all_sections():
        found = [line for line in sample_lines if line.text == section.title]
        assert found, section.title
        assert found[0].bold
        assert found[0].size == sizes.heading_size(section.level) > 18


def test_no_italic_or_oblique_font_and_every_font_embedded(sample) -> None:
    _, pdf = sample
    with pikepdf.open(pdf) as document:
        fonts = {
            str(font.BaseFont): font
            for page in document.pages
            for font in page.Resources.get("/Font", {}).values()
        }
        assert fonts
        for name, font in fonts.items():
            assert not re.search("italic|oblique", name, re.IGNORECASE), name
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:  # a Type 0 font keeps it in its descendant
                descriptor = font.DescendantFonts[0].FontDescriptor
            assert float(descriptor.ItalicAngle) == 0, name
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
    listing = subprocess.run(
        [require_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing
    for row in listing:
        assert row.split()[-5] == "yes", row  # the 'emb' column
        assert "Sans" in row.split()[0], row


def test_pages_are_a4_portrait(sample) -> None:
    _, pdf = sample
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            assert (round(page.width, 2), round(page.height, 2)) == A4


def test_page_numbers_read_page_n_of_m_in_the_same_place(sample, sample_lines) -> None:
    _, pdf = sample
    with pdfplumber.open(pdf) as document:
        count = len(document.pages)
    footers = [line for line in sample_lines if is_footer(line)]
    assert [line.text for line in footers] == [f"Page {n} of {count}" for n in range(1, count + 1)]
    assert len({(round(line.x0, 1), round(line.top, 1)) for line in footers}) == 1
    assert all(
        line.top
        > max(other.bottom for other in body_lines(sample_lines) if other.page == line.page)
        for line in footers
    )


# --- layout ------------------------------------------------------------------------------


def test_one_column_left_aligned_and_ragged_right(sample_lines) -> None:
    body = body_lines(sample_lines)
    left = min(line.x0 for line in body)
    # Every line starts at the margin, or indented inside a list or a note box.
    assert all(line.x0 - left < 40 for line in body)
    long_lines = [line for line in body if line.x1 - line.x0 > 300]
    right_edges = {round(line.x1) for line in long_lines}
    assert len(right_edges) > len(long_lines) / 2  # ragged: justified text would share one edge


def test_no_word_is_hyphenated_at_a_line_end(sample, sample_lines) -> None:
    leaflet, _ = sample
    source_words = set(re.findall(r"[\w-]+", plain_text_of(leaflet)))
    for line in body_lines(sample_lines):
        if line.text.endswith("-"):
            word = line.text.split()[-1]
            assert word in source_words, f"hyphenated at the line end: {line.text}"


def test_line_spacing_is_at_least_1_2_times_the_size(sample_lines) -> None:
    body = [line for line in body_lines(sample_lines) if line.size == 18]
    gaps = [
        b.top - a.top
        for a, b in zip(body, body[1:], strict=False)
        if a.page == b.page and b.top > a.top
    ]
    assert gaps
    assert min(gaps) >= 1.2 * 18


def test_paragraphs_have_clear_space_between_them(sample, sample_lines) -> None:
    leaflet, _ = sample
    body = body_lines(sample_lines)
    starts = [
        words_only(plain_text(b.inlines))[:30]
        for b in leaflet_blocks(leaflet)
        if isinstance(b, Paragraph)
    ]
    checked = 0
    for previous, line in zip(body, body[1:], strict=False):
        starts_paragraph = any(line.text.startswith(s) for s in starts)
        same_page = line.page == previous.page and previous.size == line.size == 18
        if starts_paragraph and same_page:
            assert line.top - previous.top >= 18 * 1.35 + 0.75 * 18, line.text
            checked += 1
    assert checked


def test_a_heading_is_never_the_last_line_of_a_page(sample, sample_lines) -> None:
    leaflet, _ = sample
    titles = {title for title, _ in headings(leaflet)} - {leaflet.title}
    body = body_lines(sample_lines)
    last_lines = [
        line for line, after in zip(body, body[1:], strict=False) if after.page != line.page
    ]
    assert last_lines
    for line in last_lines:
        assert line.text not in titles, f"heading alone at the foot of page {line.page}"


def test_no_lines_drawn_under_text(sample) -> None:
    _, pdf = sample
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            rules = [e for e in page.lines + page.rects if abs(e["top"] - e["bottom"]) < 4]
            for char in page.chars:
                for rule in rules:
                    under = char["bottom"] - 6 <= rule["top"] <= char["bottom"] + 3
                    across = rule["x0"] < char["x1"] and rule["x1"] > char["x0"]
                    assert not (under and across), (
                        f"line under '{char['text']}' on page {page.page_number}"
                    )


# --- navigation and metadata -----------------------------------------------------------------


def test_outline_has_an_entry_for_every_heading_nested_by_level(sample) -> None:
    leaflet, pdf = sample
    assert outline(pdf) == headings(leaflet)


def test_metadata_title_author_subject_language_and_window_title(sample) -> None:
    leaflet, pdf = sample
    with pikepdf.open(pdf) as document:
        info = document.docinfo
        assert str(info.Title) == leaflet.title
        assert str(info.Author) == ORGANISATION
        assert str(info.Subject) == leaflet.summary
        assert str(document.Root.Lang) == leaflet.language == "en-GB"
        assert bool(document.Root.ViewerPreferences.DisplayDocTitle) is True
        assert str(document.Root.PageMode) == "/UseOutlines"


# --- content ------------------------------------------------------------------------------


def plain_text_of(leaflet: Leaflet) -> str:
    return " ".join(
        plain_text(b.inlines) for b in leaflet_blocks(leaflet) if isinstance(b, Paragraph)
    )


def test_pdftotext_yields_the_source_sentences_in_reading_order(sample) -> None:
    leaflet, pdf = sample
    text = words_only(pdftotext(pdf))
    for link in links_of(leaflet):  # the printed addresses come after the link text
        text = text.replace(f" ({display_address(link.url)})", "")
    expected = [leaflet.title, leaflet.summary, ORGANISATION]
    for block in leaflet_blocks(leaflet):
        if isinstance(block, Paragraph):
            expected += sentences(plain_text(block.inlines))
        elif isinstance(block, Image) and block.caption:
            expected.append(block.caption)
    position = 0
    for sentence in expected:
        found = text.find(words_only(sentence), position)
        assert found >= 0, f"not found in reading order: {sentence!r}"
        position = found + len(sentence)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:])\s+", words_only(text)) if s]


def links_of(leaflet: Leaflet) -> list[Link]:
    return [
        run
        for block in leaflet_blocks(leaflet)
        if isinstance(block, Paragraph)
        for run in iter_inlines(block.inlines)
        if isinstance(run, Link)
    ]


def test_title_page_has_title_summary_and_organisation(sample, sample_lines) -> None:
    leaflet, _ = sample
    first = words_only(" ".join(line.text for line in sample_lines if line.page == 1))
    assert first.startswith(leaflet.title)
    assert words_only(leaflet.summary) in first
    assert ORGANISATION in first
    assert first.endswith("Page 1 of " + first.rsplit(" ", 1)[-1])


def test_emphasis_is_bold(sample) -> None:
    leaflet, pdf = sample
    with pdfplumber.open(pdf) as document:
        words = [
            w
            for page in document.pages
            for w in page.extract_words(extra_attrs=["fontname", "size"])
        ]
    bold = {w["text"].strip(".,") for w in words if "Bold" in w["fontname"] and w["size"] == 18}
    if leaflet.slug == "secondary-breast-cancer":
        assert {"metastatic", "stage", "4"} <= bold  # *metastatic* and **stage 4**


def test_lists_have_large_bold_markers(sample) -> None:
    leaflet, pdf = sample
    lists = [b for b in leaflet_blocks(leaflet) if isinstance(b, ListBlock)]
    with pdfplumber.open(pdf) as document:
        chars = [c for page in document.pages for c in page.chars]
    markers = [c for c in chars if c["text"] in "•–"]
    numbers = [c for c in chars if c["text"] == "." and "Bold" in c["fontname"]]
    bullets = sum(len(b.items) for b in lists if not b.ordered)
    if any(not b.ordered for b in lists):
        assert len(markers) >= bullets
        assert all("Bold" in c["fontname"] and c["size"] >= 18 for c in markers)
    if any(b.ordered for b in lists):
        assert len(numbers) >= sum(len(b.items) for b in lists if b.ordered)


def test_links_print_their_address_when_the_text_differs(sample) -> None:
    leaflet, pdf = sample
    text = words_only(pdftotext(pdf))
    with pikepdf.open(pdf) as document:
        targets = {
            str(annot.A.URI)
            for page in document.pages
            for annot in page.get("/Annots", [])
            if "/A" in annot and "/URI" in annot.A
        }
    for link in links_of(leaflet):
        assert link.url in targets  # still a working link on screen
        label = f"{plain_text(link.children)} ({display_address(link.url)})"
        if same_address(plain_text(link.children), link.url):
            assert label not in text
        else:
            assert label in text


def test_pictures_are_as_wide_as_the_text_with_captions_and_alt_text(sample) -> None:
    leaflet, pdf = sample
    pictures = [b for b in leaflet_blocks(leaflet) if isinstance(b, Image) and not b.decorative]
    with pdfplumber.open(pdf) as document:
        images = [i for page in document.pages for i in page.images]
        text_width = document.pages[0].width - 2 * images[0]["x0"] if images else 0
    figures = [element.alt for element in structure(pdf) if element.role == "Figure"]
    assert figures == [picture.alt for picture in pictures]  # for screen readers: /Alt
    for image in images:
        wide = abs(image["width"] - text_width) < 1
        tall = image["height"] > 0.6 * A4[1]  # a tall picture stops at the height of the page
        assert wide or tall


def test_no_invisible_text_over_pictures(sample) -> None:
    """A picture's description is its Figure's /Alt, never words laid over the page, which
    ran over the next paragraph and which a reader of the page's text met twice."""
    leaflet, pdf = sample
    pictures = [b for b in leaflet_blocks(leaflet) if isinstance(b, Image) and not b.decorative]
    modes = []
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            modes += [
                int(operands[0])
                for operands, operator in pikepdf.parse_content_stream(page)
                if str(operator) == "Tr"
            ]
    assert 3 not in modes
    text = words_only(pdftotext(pdf))
    for picture in pictures:
        assert picture.alt not in text


def test_note_boxes_have_a_strong_border_and_no_background(sample) -> None:
    _, pdf = sample
    with pdfplumber.open(pdf) as document:
        rules = [e for page in document.pages for e in page.lines + page.rects]
        filled = [r for page in document.pages for r in page.rects if r.get("fill")]
    borders = [rule for rule in rules if rule["linewidth"] >= 3]
    assert len(borders) >= 4  # the four sides of at least one box (notes, helpline)
    assert all(r["non_stroking_color"] in ((1,), (1, 1, 1), [1], [1, 1, 1]) for r in filled)


def test_helpline_glossary_references_and_review_dates(sample) -> None:
    leaflet, pdf = sample
    text = words_only(pdftotext(pdf))
    helpline = leaflet.helpline
    assert helpline is not None
    assert f"{helpline.label} Phone: {helpline.phone}" in text
    assert helpline.hours in text
    if helpline.email:
        assert f"Email: {helpline.email}" in text
    for entry in leaflet.glossary_used():
        assert f"{entry.term} {words_only(entry.definition)}" in text
    unused = set(leaflet.glossary) - set(leaflet.glossary_used())
    for entry in unused:
        assert words_only(entry.definition) not in text
    for reference in leaflet.references:
        assert words_only(reference) in text
    reviewed = leaflet.reviewed.strftime("%-d %B %Y")
    due = leaflet.next_review.strftime("%-d %B %Y")
    assert f"Reviewed: {reviewed} Next review: {due}" in text
    assert "Review overdue" not in text and "Draft" not in text


def test_publisher_build_writes_the_large_print_pdf_of_each_sample(project: Path) -> None:
    use_font_cache(project)
    arguments = ["--root", str(project), "build", "--format", "pdf", "--jobs", "1"]
    result = CliRunner().invoke(main, [*arguments, str(project / "content")])
    assert result.exit_code == 0, result.output
    for source in SAMPLES:
        leaflet = read_leaflet(source)
        target = project / "out" / source.stem / "en-GB" / f"{source.stem}-large-print.pdf"
        assert target.is_file()
        assert pdftotext(target).startswith(leaflet.title)
