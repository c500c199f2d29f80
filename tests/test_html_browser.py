"""The easy-read pages in headless Chromium: axe-core, contrast, reflow, text size, layout.

Every check runs on every sample leaflet in content/ (built by the real build,
in each language it publishes) and on the test leaflets of fixtures/easy_read.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from publisher.build.run import build
from publisher.config import load_config

from .browser import (
    DESKTOP,
    PHONE,
    TEXT_SPACING_CSS,
    axe_violations,
    box,
    chromium,
    contrasts,
    describe,
    open_page,
    overflowing,
    scrolls_sideways,
    text_sizes,
)
from .conftest import CONTENT, ROOT, require_tool, write_leaflet
from .fixtures.easy_read import (
    TODAY,
    TRICKY_ALT,
    TRICKY_CAPTION,
    TRICKY_EASY,
    TRICKY_HEADING,
    TRICKY_TEXT,
    TRICKY_TITLE,
    build_page,
    build_test_pages,
)

SAMPLES = sorted(path.stem for path in CONTENT.glob("*.md"))
TEST_PAGES = ["rich", "arabic", "tricky", "welsh"]
EVERY_PAGE = TEST_PAGES + [f"sample:{slug}" for slug in SAMPLES]
MIN_TEXT_PX = 18.67  # 14pt
MIN_CONTRAST = 7.0  # WCAG 1.4.6 (AAA)


@pytest.fixture(scope="module")  # one Playwright at a time: test_rtl_html starts its own
def browser() -> Iterator[Browser]:
    with chromium(require_tool("chromium")) as launched:
        yield launched


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Page name -> its HTML files: one per test leaflet, one per language per sample."""
    folder = tmp_path_factory.mktemp("easy-read-browser")
    built = {name: [path] for name, path in build_test_pages(folder / "tests").items()}
    config = dataclasses.replace(load_config(ROOT), out_dir=folder / "samples")
    report = build([CONTENT], config, formats=("html",), today=TODAY)
    assert not report.errors, report.errors
    for slug in SAMPLES:
        built[f"sample:{slug}"] = sorted(config.out_dir.glob(f"{slug}/*/{slug}-easy-read.html"))
        assert built[f"sample:{slug}"], f"no easy-read page built for {slug}"
    return built


# --- what every page must pass ---------------------------------------------------


@pytest.mark.parametrize("name", EVERY_PAGE)
def test_no_axe_violations_of_wcag_2_2_a_and_aa(
    browser: Browser, pages: dict[str, list[Path]], name: str
) -> None:
    for path in pages[name]:
        with open_page(browser, path) as opened:
            violations = axe_violations(opened.page)
        assert not violations, f"{path.name}:\n{describe(violations)}"


@pytest.mark.parametrize("name", EVERY_PAGE)
def test_no_axe_best_practice_violations(
    browser: Browser, pages: dict[str, list[Path]], name: str
) -> None:
    """Beyond WCAG: landmarks, heading order, one h1, a working skip link."""
    for path in pages[name]:
        with open_page(browser, path) as opened:
            violations = axe_violations(opened.page, ["best-practice"])
        assert not violations, f"{path.name}:\n{describe(violations)}"


@pytest.mark.parametrize("name", EVERY_PAGE)
def test_every_text_has_7_to_1_contrast(
    browser: Browser, pages: dict[str, list[Path]], name: str
) -> None:
    for path in pages[name]:
        with open_page(browser, path) as opened:
            measured = contrasts(opened.page)
            focused = focus_contrasts(opened.page)
        assert len(measured) > 10, "the page shows almost no text?"
        unreadable = [m for m in measured + focused if "error" in m or m["ratio"] < MIN_CONTRAST]
        assert not unreadable, f"{path.name}: {unreadable}"


def focus_contrasts(page: Page) -> list[dict]:
    """Tab through the page; the contrast of each focused control and its focus outline."""
    found = []
    for _ in range(60):
        page.keyboard.press("Tab")
        tag = page.evaluate("document.activeElement.tagName")
        if tag == "BODY":
            break
        if tag == "A":
            found += contrasts(page, ":focus")
            outline = page.evaluate(
                "[getComputedStyle(document.activeElement).outlineStyle,"
                " parseFloat(getComputedStyle(document.activeElement).outlineWidth)]"
            )
            assert outline[0] == "solid" and outline[1] >= 2, "focus must be clearly visible"
    assert found, "no link took the focus"
    return found


@pytest.mark.parametrize("name", EVERY_PAGE)
def test_no_sideways_scrolling_at_320px(
    browser: Browser, pages: dict[str, list[Path]], name: str
) -> None:
    for path in pages[name]:
        with open_page(browser, path, PHONE) as opened:
            assert opened.page.evaluate("document.documentElement.clientWidth") == 320
            assert not scrolls_sideways(opened.page), path.name
            assert not overflowing(opened.page), path.name


@pytest.mark.parametrize("name", EVERY_PAGE)
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_text_spacing_overrides_clip_nothing(
    browser: Browser, pages: dict[str, list[Path]], name: str, size: tuple[int, int]
) -> None:
    for path in pages[name]:
        with open_page(browser, path, size) as opened:
            page = opened.page
            page.add_style_tag(content=TEXT_SPACING_CSS)
            spacing = page.evaluate(
                "(() => { const s = getComputedStyle(document.querySelector('main p'));"
                " return [parseFloat(s.letterSpacing), parseFloat(s.fontSize)]; })()"
            )
            assert spacing[0] == pytest.approx(0.12 * spacing[1], abs=0.1), "overrides not applied"
            assert not scrolls_sideways(page), path.name
            clipped = overflowing(page)
            assert not clipped, f"{path.name}: {clipped}"


@pytest.mark.parametrize("name", EVERY_PAGE)
def test_text_is_large_and_scales_with_the_readers_setting(
    browser: Browser, pages: dict[str, list[Path]], name: str
) -> None:
    for path in pages[name]:
        with open_page(browser, path) as opened:
            page = opened.page
            body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert body >= 20  # the default: at least 20px
            small = [t for t in text_sizes(page) if t["size"] < MIN_TEXT_PX]
            assert not small, f"{path.name}: {small}"
            # Sizes are relative: doubling the reader's base size doubles the text.
            page.evaluate("document.documentElement.style.fontSize = '200%'")
            assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == 2 * body


@pytest.mark.parametrize("name", EVERY_PAGE)
def test_page_makes_no_network_request(
    browser: Browser, pages: dict[str, list[Path]], name: str
) -> None:
    for path in pages[name]:
        with open_page(browser, path) as opened:
            opened.page.wait_for_load_state("networkidle")
            allowed = {path.resolve().as_uri()}
            if name == "welsh":  # its recording, beside it in the same folder
                allowed.add(path.with_name("welsh.mp3").resolve().as_uri())
            assert set(opened.requests) <= allowed, opened.requests
            assert all(url.startswith("file://") for url in opened.requests)


# --- layout ------------------------------------------------------------------------


def row_boxes(page: Page) -> list[tuple[dict, dict]]:
    """(picture box, words box) of every easy-read row with a picture."""
    count = page.locator(".point:has(.picture)").count()
    assert count > 0
    return [
        (box(page, f":nth-match(.point:has(.picture), {n}) .picture img"),
         box(page, f":nth-match(.point:has(.picture), {n}) .words"))
        for n in range(1, count + 1)
    ]  # fmt: skip


def overlap_vertically(a: dict, b: dict) -> bool:
    return a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


@pytest.mark.parametrize("name", ["rich", "welsh", *[f"sample:{s}" for s in SAMPLES]])
def test_easy_read_picture_is_left_of_the_words_on_a_wide_screen(
    browser: Browser, pages: dict[str, list[Path]], name: str
) -> None:
    # the first left-to-right page (the samples' Arabic page, mirrored, comes first by name)
    path = next(page for page in pages[name] if 'dir="rtl"' not in page.read_text()[:300])
    with open_page(browser, path, DESKTOP) as opened:
        for picture, words in row_boxes(opened.page):
            assert picture["x"] + picture["width"] <= words["x"], (picture, words)
            assert overlap_vertically(picture, words)
            assert picture["width"] >= 100  # large enough to see what it shows


def test_right_to_left_rows_are_mirrored(browser: Browser, pages: dict[str, list[Path]]) -> None:
    with open_page(browser, pages["arabic"][0], DESKTOP) as opened:
        for picture, words in row_boxes(opened.page):
            assert words["x"] + words["width"] <= picture["x"], (picture, words)
            assert overlap_vertically(picture, words)


def test_rows_keep_the_picture_left_of_the_words_on_a_phone(
    browser: Browser, pages: dict[str, list[Path]]
) -> None:
    with open_page(browser, pages["rich"][0], PHONE) as opened:
        for picture, words in row_boxes(opened.page):
            assert picture["x"] + picture["width"] <= words["x"], (picture, words)
            assert 40 <= picture["width"] <= 100  # smaller than on a wide screen
            assert words["width"] >= 150


def test_helpline_number_is_big_and_easy_to_tap(
    browser: Browser, pages: dict[str, list[Path]]
) -> None:
    with open_page(browser, pages["rich"][0], PHONE) as opened:
        phone = box(opened.page, "a.phone")
        assert phone["height"] >= 44 and phone["width"] >= 44  # WCAG 2.5.5 target size
        size = opened.page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('a.phone')).fontSize)"
        )
        assert size >= 24


def test_skip_link_appears_on_focus_and_moves_to_main(
    browser: Browser, pages: dict[str, list[Path]]
) -> None:
    with open_page(browser, pages["rich"][0]) as opened:
        page = opened.page
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
        skip = box(page, ".skip-link")
        assert skip["y"] >= 0 and skip["x"] >= 0  # on screen once focused
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"


# --- content that looks like HTML -----------------------------------------------------


def test_html_like_text_shows_as_text_and_injects_nothing(
    browser: Browser, pages: dict[str, list[Path]]
) -> None:
    with open_page(browser, pages["tricky"][0]) as opened:
        page = opened.page
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.reload(wait_until="load")
        assert dialogs == []
        assert page.evaluate("document.querySelectorAll('script, iframe, [onerror]').length") == 0
        assert page.evaluate("document.querySelectorAll('main img').length") == 1
        assert page.title() == f"{TRICKY_TITLE} (easy read)"
        assert page.inner_text("h1") == TRICKY_TITLE
        assert page.inner_text("main h2 >> nth=1") == TRICKY_HEADING
        assert TRICKY_TEXT not in page.inner_text("main")  # the full text is never shown
        assert page.inner_text(".point .words p") == TRICKY_EASY
        assert page.get_attribute(".point img", "alt") == TRICKY_ALT
        assert page.inner_text(".point figcaption") == TRICKY_CAPTION
        assert page.inner_text(".summary") == 'Read <b>this</b> & "that"'
        assert page.inner_text(".helpline h2") == "Help & <support>"
        assert page.inner_text(".hard-words dd") == 'Research <and> "development" & more'
        assert page.inner_text("footer li") == 'Report <i>one</i> & "two"'


# --- the recording and printing --------------------------------------------------------------


def test_audio_player_plays_the_recording_beside_the_page(
    browser: Browser, pages: dict[str, list[Path]]
) -> None:
    with open_page(browser, pages["welsh"][0]) as opened:
        page = opened.page
        page.wait_for_function("document.querySelector('audio').readyState >= 1", timeout=5000)
        assert page.evaluate("document.querySelector('audio').duration") == pytest.approx(
            1, abs=0.2
        )
        player = box(page, "audio")
        label = box(page, "#listen-heading")
        assert label["y"] + label["height"] <= player["y"]  # the visible label sits above it
        assert page.is_visible("a[download]")


def test_print_stylesheet(browser: Browser, pages: dict[str, list[Path]], tmp_path: Path) -> None:
    with open_page(browser, pages["welsh"][0]) as opened:
        page = opened.page
        page.emulate_media(media="print")
        assert not page.is_visible(".listen")
        assert not page.is_visible(".skip-link")
        body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert body == pytest.approx(16 * 4 / 3, abs=0.1)  # 16pt
    source = write_leaflet(
        tmp_path, "::: easy\nSee the [map on our website](https://example.org/map).\n:::\n"
    )
    with open_page(browser, build_page(source, tmp_path / "out")) as opened:
        page = opened.page
        page.emulate_media(media="print")
        after = page.evaluate(
            "getComputedStyle(document.querySelector('a[href^=\"https\"]'), '::after').content"
        )
        assert "https://example.org/map" in after  # a printed page shows where a link goes
