"""Pictures on the large-print page: a caption in its own style kept with its picture, and a
short label from the description for a picture without one (unless `{.no-label}`), read back
with pdfplumber (page furniture removed), pikepdf and `pdfinfo -struct-text`."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image as PILImage

from publisher.reading.source import read_leaflet

from .conftest import write_leaflet
from .pdf_support import Line, build_pdf, lines, struct_text, structure

CAPTION = "Caption {number}: the times the clinic is open on each day of the week"
FILLER = "Some words that fill the page up to the picture. "


def text_lines(pdf: Path) -> list[Line]:
    """The printed lines without the page numbers at the foot of each page."""
    return [line for line in lines(pdf) if not re.fullmatch(r"Page \d+ of \d+", line.text)]


def pictures(pdf: Path) -> list[tuple[int, float, float]]:
    """(page, top, bottom) of each PNG picture, in order."""
    with pdfplumber.open(pdf) as document:
        return [
            (number, image["top"], image["bottom"])
            for number, page in enumerate(document.pages, start=1)
            for image in page.images
        ]


def wide_png(folder: Path) -> None:
    (folder / "images").mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", (800, 300), "#777777").save(folder / "images" / "chart.png")


@pytest.fixture(scope="module")
def labelled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A picture without a caption, one marked {.no-label}, and one with a caption."""
    folder = tmp_path_factory.mktemp("labels")
    wide_png(folder)
    body = (
        "## Pictures\n\nBefore the pictures.\n\n"
        "![A wide grey box standing for a chart of the week](images/chart.png)\n\n"
        "Between the pictures.\n\n"
        "![A grey box with the times of every clinic](images/chart.png){.no-label}\n\n"
        "After the pictures.\n\n"
        '![A grey box again](images/chart.png "Opening times")\n\n'
        "The end.\n"
    )
    return build_pdf(write_leaflet(folder, body), folder / "labels.pdf")[1]


@pytest.fixture(scope="module")
def captioned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Captioned pictures after more and more text, so that some fall near a page's foot."""
    folder = tmp_path_factory.mktemp("captions")
    wide_png(folder)
    body = "".join(
        f"## Part {number}\n\n{FILLER * (number * 3)}\n\n"
        f'![A grey box](images/chart.png "{CAPTION.format(number=number)}")\n\n'
        for number in range(1, 9)
    )
    return build_pdf(write_leaflet(folder, body), folder / "captions.pdf")[1]


def test_a_picture_without_a_caption_has_a_short_label_under_it(labelled: Path) -> None:
    found = text_lines(labelled)
    texts = [line.text for line in found]
    at = texts.index("Before the pictures.")
    assert texts[at : at + 5] == [
        "Before the pictures.",
        "A wide grey box standing…",  # five words at most, cut between words
        "Between the pictures.",  # {.no-label}: nothing under the picture
        "After the pictures.",
        "Opening times",  # a caption is shown whole, never a label instead
    ]
    (first, _, third) = pictures(labelled)
    label = found[at + 1]
    assert label.page == first[0] and 0 <= label.top - first[2] < 18  # just under it
    caption = found[at + 4]
    assert caption.page == third[0] and 0 <= caption.top - third[2] < 18
    # never over other text: no other line on the page shares the label's height
    others = [line for line in found if line.page == label.page and line is not label]
    assert all(line.bottom <= label.top or line.top >= label.bottom for line in others)


def test_labels_and_captions_are_captions_inside_their_figure(labelled: Path) -> None:
    elements = structure(labelled)
    figures = [index for index, element in enumerate(elements) if element.role == "Figure"]
    inside = [
        (elements[index + 1].role, elements[index + 1].depth - elements[index].depth)
        for index in figures
    ]
    assert inside == [("Caption", 1), ("P", 0), ("Caption", 1)]
    assert [elements[index].alt for index in figures] == [
        "A wide grey box standing for a chart of the week",
        "A grey box with the times of every clinic",
        "A grey box again",
    ]
    captions = [text for _, role, text in struct_text(labelled) if role == "Caption"]
    assert [text.strip() for text in captions] == ["A wide grey box standing…", "Opening times"]


def test_captions_are_bold_at_the_body_size_on_their_pictures_page(captioned: Path) -> None:
    found = text_lines(captioned)
    shown = pictures(captioned)
    assert len(shown) == 8
    starts = [line for line in found if line.text.startswith("Caption ")]
    assert [line.text.split(":")[0] for line in starts] == [f"Caption {n}" for n in range(1, 9)]
    pages = {line.page for line in found}
    assert len(pages) > 3  # the pictures fall at many places on the pages
    for (page, _, bottom), caption in zip(shown, starts, strict=True):
        assert caption.page == page, caption.text  # never the caption alone on the next page
        assert 0 <= caption.top - bottom < 18  # right under its picture
        assert caption.size == 18 and caption.bold  # not smaller than the body; stands apart
    body = [line for line in found if line.text.startswith("Some words")]
    assert body and all(line.size == 18 and not line.bold for line in body)


def test_no_label_and_unknown_picture_classes_in_the_source(tmp_path: Path) -> None:
    wide_png(tmp_path)
    source = write_leaflet(tmp_path, "## A\n\n![A chart](images/chart.png){.no-label}\n")
    (image,) = [block for block in read_leaflet(source).sections[0].blocks]
    assert image.label is False
    from publisher.errors import ContentError

    bad = write_leaflet(tmp_path, "## A\n\n![A chart](images/chart.png){.small}\n", name="b.md")
    with pytest.raises(ContentError, match=r"b.md:\d+: a picture may be marked"):
        read_leaflet(bad)


def test_an_arabic_label_is_in_arabic(tmp_path: Path) -> None:
    wide_png(tmp_path)
    body = "## قسم\n\n![جهاز فحص وسرير يمر عبر حلقة كبيرة](images/chart.png)\n"
    _, pdf = build_pdf(write_leaflet(tmp_path, body, "language: ar\n"), tmp_path / "ar.pdf")
    captions = [text.strip() for _, role, text in struct_text(pdf) if role == "Caption"]
    assert captions == ["جهاز فحص وسرير يمر عبر…"]
