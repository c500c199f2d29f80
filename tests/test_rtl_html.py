"""The Arabic and Bengali easy-read pages in headless Chromium: direction, axe-core, the
mirrored rows, and letters drawn by the page's own font (no system font needed)."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from fontTools.ttLib import TTFont
from playwright.sync_api import Browser, Page

from publisher.config import Config
from publisher.formats import WriteContext
from publisher.formats.html.fonts import visible_text
from publisher.text.fonts import typeface_for

from .browser import DESKTOP, axe_violations, box, chromium, describe, open_page
from .conftest import require_tool, write_leaflet
from .fixtures.easy_read import TODAY, build_page
from .pdf_support import FONT_CACHE
from .rtl_support import build_samples, require_noto_core

PAGE = "having-a-scan-easy-read.html"
FAMILIES = {"ar": "Noto Sans Arabic", "bn": "Noto Sans Bengali"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(require_tool("chromium")) as launched:
        yield launched


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folders = build_samples(tmp_path_factory.mktemp("rtl-html"), ("html",))
    return {language: folder / PAGE for language, folder in folders.items()}


def platform_fonts(page: Page, selector: str = "body *") -> list[tuple[str, list[dict]]]:
    """(text, fonts Chromium drew it with) for every element that shows text of its own."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    found = []
    for node in session.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})[
        "nodeIds"
    ]:
        text = session.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        if fonts:
            found.append((re.sub("<[^>]+>", "", text)[:60], fonts))
    return found


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("bn", "ltr")])
def test_the_page_has_its_language_and_direction(
    pages: dict[str, Path], language: str, direction: str
) -> None:
    html = lxml.html.parse(str(pages[language])).getroot()
    assert (html.get("lang"), html.get("dir")) == (language, direction)


@pytest.mark.parametrize("language", ["ar", "bn"])
def test_no_axe_violations(browser: Browser, pages: dict[str, Path], language: str) -> None:
    with open_page(browser, pages[language]) as opened:
        violations = axe_violations(opened.page)
        assert violations == [], describe(violations)
        assert opened.requests == [pages[language].resolve().as_uri()]  # nothing from outside


def test_the_easy_read_picture_is_right_of_the_words_in_arabic(
    browser: Browser, pages: dict[str, Path]
) -> None:
    with open_page(browser, pages["ar"], DESKTOP) as opened:
        rows = opened.page.locator(".point:has(.picture)").count()
        assert rows >= 5
        for n in range(1, rows + 1):
            row = f":nth-match(.point:has(.picture), {n})"
            picture, words = (
                box(opened.page, f"{row} .picture img"),
                box(opened.page, f"{row} .words"),
            )
            assert words["x"] + words["width"] <= picture["x"], (picture, words)
            assert (
                picture["y"] < words["y"] + words["height"]
                and words["y"] < picture["y"] + picture["height"]
            )


@pytest.mark.parametrize("language", ["ar", "bn"])
def test_every_letter_is_drawn_by_the_pages_own_font(
    browser: Browser, pages: dict[str, Path], language: str
) -> None:
    """This machine has no system font for Arabic or Bengali: the page brings its own."""
    with open_page(browser, pages[language]) as opened:
        drawn = platform_fonts(opened.page)
    assert len(drawn) >= 20
    for text, fonts in drawn:
        assert {f["familyName"] for f in fonts} == {FAMILIES[language]}, text
        assert all(f["isCustomFont"] for f in fonts), text


@pytest.mark.parametrize("language", ["ar", "bn"])
def test_the_fonts_inside_the_page_hold_only_the_letters_it_uses(
    pages: dict[str, Path], language: str
) -> None:
    html = pages[language].read_text(encoding="utf-8")
    found = re.findall(r"url\(data:font/woff2;base64,([^)]+)\)", html)
    assert len(found) == 2  # regular and bold
    full = TTFont(typeface_for(language, FONT_CACHE).regular, lazy=True)
    shown = {ord(char) for char in visible_text(html)} & set(full.getBestCmap())
    for data in found:
        subset = TTFont(io.BytesIO(base64.b64decode(data)))
        assert set(subset.getBestCmap()) == shown  # the characters on the page, no others
        assert subset["maxp"].numGlyphs < full["maxp"].numGlyphs / 2
        assert "GSUB" in subset and "GPOS" in subset  # joining, conjuncts and marks kept
    assert len(html.encode()) < 150_000


def test_phone_numbers_and_latin_stay_left_to_right_in_arabic(
    browser: Browser, pages: dict[str, Path]
) -> None:
    html = lxml.html.parse(str(pages["ar"])).getroot()
    isolated = [span.text_content() for span in html.xpath("//main//p//span[@dir='ltr']")]
    assert "0800 123 4567" in isolated and "CT" in isolated
    with open_page(browser, pages["ar"]) as opened:
        # where each group of the number is drawn, in the paragraph that gives it
        lefts = opened.page.evaluate(
            """() => {
              const link = [...document.querySelectorAll('main p a')]
                .find(a => a.textContent.includes('0800 123 4567'));
              const text = link.querySelector('span[dir=ltr]').firstChild;
              return ['0800', '123', '4567'].map(group => {
                const range = document.createRange();
                const start = text.data.indexOf(group);
                range.setStart(text, start);
                range.setEnd(text, start + group.length);
                return range.getBoundingClientRect().left;
              });
            }"""
        )
    assert lefts == sorted(lefts)  # dialling order, left to right


def test_urdu_is_drawn_in_the_pages_own_nastaliq_with_room_between_lines(
    browser: Browser, tmp_path: Path
) -> None:
    require_noto_core("NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Bold.ttf")
    body = "## اسکین سے پہلے\n\nاگر آپ کو کوئی سوال ہو تو ہمیں فون کریں۔\n"
    source = write_leaflet(tmp_path / "content", body, "language: ur\n", "ur.md")
    page = build_page(source, tmp_path, WriteContext(Config(cache_dir=FONT_CACHE), TODAY))
    with open_page(browser, page) as opened:
        drawn = platform_fonts(opened.page, "main p, main h2")
        height = opened.page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('main p')).lineHeight)"
        )
        size = opened.page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"
        )
        violations = axe_violations(opened.page)
    urdu = [(text, fonts) for text, fonts in drawn if re.search("[\u0600-\u06ff]", text)]
    assert urdu
    for text, fonts in urdu:
        assert {f["familyName"] for f in fonts} == {"Noto Nastaliq Urdu"}, text
    assert height >= 2.2 * size - 0.5
    assert violations == [], describe(violations)
