"""Easy read that stays easy: only easy-read text on the page, coverage in check, pictures
on the left at every width (right in Arabic), symbols with their credit, a recording inside
the page that plays wherever the page goes, links to every other format, and a print view
that keeps each row whole."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pytest
from playwright.sync_api import Browser

from .browser import axe_violations, chromium, describe, open_page
from .conftest import ROOT, require_tool

FIVE_SECTIONS = """---
title: Looking after your wound
reviewed: 2026-01-10
next_review: 2029-01-10
---
## Keeping it clean

Wash your hands before and after you touch the dressing on your wound.

::: easy
![A bar of soap](symbol:soap) Wash your hands.

![A doctor](symbol:doctor) A nurse will look at your wound.
:::

## Changing the dressing

The district nurse will change the dressing every second day at your home.

## Signs of infection

Redness, swelling, heat or pus around the wound can be signs of an infection.

## Pain relief

Paracetamol can help with the pain, taken as the label on the packet says.

## Getting back to normal

Most people can go back to light work after two weeks if the wound has healed.
"""
FULL_TEXT = [
    "Wash your hands before and after you touch the dressing",
    "The district nurse will change the dressing",
    "Redness, swelling, heat or pus",
    "Paracetamol can help with the pain",
    "Most people can go back to light work",
]
WIDTHS = (320, 375, 1280)


def publisher(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "publisher", *args], cwd=cwd, capture_output=True, text=True
    )


def project(folder: Path, settings: str = "") -> Path:
    (folder / "content").mkdir(parents=True)
    (folder / "content" / "wound.md").write_text(FIVE_SECTIONS, encoding="utf-8")
    (folder / "publisher.toml").write_text(
        '[publisher]\nformats = ["pdf", "docx", "html", "audio", "easy-audio", "epub", "braille"]\n'
        + settings,
        encoding="utf-8",
    )
    return folder


class Page(HTMLParser):
    """The words, pictures and links of a page, read as a parser would."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.words: list[str] = []
        self.images: list[dict] = []
        self.links: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "img":
            self.images.append(dict(attrs))
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))

    def handle_data(self, data: str) -> None:
        self.words.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = project(tmp_path_factory.mktemp("easy") / "project")
    done = publisher("build", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder / "out" / "wound" / "en-GB"


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's Arabic page (built as a draft, so new tool words may still be English)."""
    out = tmp_path_factory.mktemp("arabic")
    done = publisher(
        "build",
        "--lang",
        "ar",
        "--draft",
        "--format",
        "html",
        "--out",
        str(out),
        "content/having-a-scan.md",
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return out / "having-a-scan" / "ar" / "having-a-scan-easy-read.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(require_tool("chromium")) as launched:
        yield launched


def test_check_reports_coverage_and_warns_under_the_minimum(tmp_path: Path) -> None:
    folder = project(tmp_path / "project")
    done = publisher("check", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert (
        "content/wound.md: easy read covers 1 of 5 section(s) (20%) and 13 of 70 words (19%)"
        in done.stderr
    )
    assert "warning: content/wound.md: easy read covers 1 of 5 section(s) (20%)" in done.stderr
    assert "under the 50% set in publisher.toml" in done.stderr


def test_the_page_holds_no_paragraph_of_the_full_text(built: Path) -> None:
    page = Page((built / "wound-easy-read.html").read_text(encoding="utf-8"))
    for sentence in FULL_TEXT:
        assert sentence not in page.text
    assert "Wash your hands." in page.text and "A nurse will look at your wound." in page.text
    assert page.text.count("This part is not in easy read yet.") == 4
    asks = [h for h in page.links if h == "wound-large-print.pdf"]
    assert len(asks) == 4 + 1  # each section without easy read, and the list of versions


def test_the_page_links_every_other_format_built(built: Path) -> None:
    page = Page((built / "wound-easy-read.html").read_text(encoding="utf-8"))
    every = ("wound-large-print.pdf", "wound.docx", "wound.mp3", "wound.epub", "wound.brf")
    assert {"wound.epub", "wound.brf"} <= set(page.links)  # written before the page links them
    for name in (*every, "wound-easy-read.mp3"):
        assert name in page.links and (built / name).is_file()


def test_a_page_under_the_minimum_can_be_refused(tmp_path: Path) -> None:
    folder = project(tmp_path / "project", "[easy_read]\nmin_coverage = 50\nrefuse_below = true\n")
    checked = publisher("check", cwd=folder)
    assert checked.returncode == 1
    assert "error: content/wound.md: easy read covers 1 of 5 section(s) (20%)" in checked.stderr
    built = publisher("build", "--format", "pdf,html", cwd=folder)
    assert built.returncode == 1
    assert "the easy-read page is not published" in built.stderr
    out = folder / "out" / "wound" / "en-GB"
    assert (out / "wound-large-print.pdf").is_file()
    assert not (out / "wound-easy-read.html").exists()


def test_symbols_show_with_their_words_and_the_credit(built: Path) -> None:
    page = Page((built / "wound-easy-read.html").read_text(encoding="utf-8"))
    alts = {image.get("alt") for image in page.images}
    assert {"A bar of soap", "A doctor"} <= alts
    soap = next(i for i in page.images if i.get("alt") == "A bar of soap")
    assert soap["src"].startswith("data:image/svg+xml;base64,")
    assert (
        "Symbols by OpenMoji, the open-source emoji and icon project. Licence: CC BY-SA 4.0."
        in page.text
    )
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in page.links


def test_the_sample_without_symbols_has_no_credit() -> None:
    from publisher.symbols import is_symbol, symbol_path

    assert symbol_path("doctor").is_file() and is_symbol(symbol_path("doctor"))
    assert not is_symbol(ROOT / "content" / "images" / "easy" / "scan.svg")


def test_the_symbol_list_has_what_health_leaflets_need() -> None:
    done = publisher("symbols", cwd=ROOT)
    names = done.stdout.split()
    assert len(names) >= 60
    for needed in (
        "doctor",
        "nurse",
        "hospital",
        "medicine",
        "phone",
        "calendar",
        "scan",
        "pain",
        "family",
        "question",
    ):
        assert needed in names
    assert publisher("symbols", "doc", cwd=ROOT).stdout.split() == ["doctor"]


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        (
            "::: easy\n![A doktor](symbol:doktor) Words.\n:::\n",
            "7: there is no symbol called 'doktor' (did you mean doctor?)",
        ),
        ("![A doctor](symbol:doctor)\n", "6: symbols are for easy-read points"),
    ],
)
def test_a_wrong_symbol_is_refused_at_its_line(tmp_path: Path, markdown: str, message: str) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "x.md").write_text(
        "---\ntitle: X\nreviewed: 2026-01-10\nnext_review: 2029-01-10\n---\n" + markdown,
        encoding="utf-8",
    )
    done = publisher("check", cwd=tmp_path)
    assert done.returncode == 1 and f"error: content/x.md:{message}" in done.stderr


@pytest.mark.parametrize("width", WIDTHS)
def test_pictures_stay_left_of_their_words(browser: Browser, built: Path, width: int) -> None:
    with open_page(browser, built / "wound-easy-read.html", (width, 800)) as opened:
        rows = row_boxes(opened.page)
        assert len(rows) == 2
        for picture, words in rows:
            assert picture["x"] + picture["width"] <= words["x"], (width, picture, words)
            assert picture["width"] >= 40
        assert describe(axe_violations(opened.page)) == ""


@pytest.mark.parametrize("width", WIDTHS)
def test_arabic_pictures_stay_right_of_their_words(
    browser: Browser, arabic: Path, width: int
) -> None:
    with open_page(browser, arabic, (width, 800)) as opened:
        rows = row_boxes(opened.page)
        assert rows
        for picture, words in rows:
            assert words["x"] + words["width"] <= picture["x"], (width, picture, words)
        assert describe(axe_violations(opened.page)) == ""


def row_boxes(page) -> list[tuple[dict, dict]]:  # noqa: ANN001
    return page.evaluate(
        """() => [...document.querySelectorAll('.point')]
          .filter(row => row.querySelector('.picture'))
          .map(row => [row.querySelector('.picture').getBoundingClientRect().toJSON(),
                       row.querySelector('.words').getBoundingClientRect().toJSON()])"""
    )


def test_the_recording_plays_from_a_page_on_its_own(
    browser: Browser, built: Path, tmp_path: Path
) -> None:
    alone = tmp_path / "sent-by-email" / "page.html"
    alone.parent.mkdir()
    shutil.copy(built / "wound-easy-read.html", alone)  # no MP3 beside it
    with open_page(browser, alone) as opened:
        player = opened.page.locator("audio")
        player.evaluate("a => a.play().catch(() => {})")
        opened.page.wait_for_function(
            "() => { const a = document.querySelector('audio');"
            " return a.error || (a.duration > 0 && a.currentTime > 0.2); }",
            timeout=30_000,
        )
        state = player.evaluate("a => ({duration: a.duration, error: a.error && a.error.code})")
    assert state["error"] is None and state["duration"] > 5
    assert all(not url.endswith(".mp3") for url in opened.requests)


def test_the_easy_recording_is_slower_and_only_easy_text(built: Path) -> None:
    from mutagen.mp3 import MP3

    easy, full = MP3(built / "wound-easy-read.mp3"), MP3(built / "wound.mp3")
    assert str(easy.tags["TIT2"]) == "Looking after your wound: easy read"
    assert 5 < easy.info.length < full.info.length


def test_printing_keeps_each_row_on_one_page(browser: Browser, tmp_path: Path) -> None:
    folder = project(tmp_path / "project")
    text = (folder / "content" / "wound.md").read_text(encoding="utf-8")
    many = "\n\n".join(
        f"![A calendar](symbol:calendar) Point number {n} says one short thing." for n in range(40)
    )
    (folder / "content" / "wound.md").write_text(
        text.replace("::: easy\n", f"::: easy\n{many}\n\n", 1), encoding="utf-8"
    )
    assert publisher("build", "--format", "pdf,html", cwd=folder).returncode == 0
    page_path = folder / "out" / "wound" / "en-GB" / "wound-easy-read.html"
    printed = tmp_path / "printed.pdf"
    with open_page(browser, page_path) as opened:
        opened.page.emulate_media(media="print")
        opened.page.pdf(path=str(printed), format="A4")
    with pdfplumber.open(printed) as pdf:
        pages = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
        sizes = [(p.width, p.height) for p in pdf.pages]
    assert len(pages) >= 2
    assert all(abs(w - 595.3) < 1 and abs(h - 841.9) < 1.5 for w, h in sizes), sizes  # A4
    for n in range(40):
        point = f"Point number {n} says one short thing."
        assert sum(point in page for page in pages) == 1, point
    assert not any("Skip to main content" in page for page in pages)
    assert re.search(r"Wash your hands\.", " ".join(pages))
