"""Open built HTML pages in Debian's headless Chromium and measure what a reader gets.

One browser serves a whole test session (see the `browser` fixture in the test
modules); each page opens in a fresh context at the size asked for, with every
request the page makes recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = (1280, 900)
PHONE = (320, 640)  # WCAG 1.4.10: content reflows at 320 CSS pixels
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# WCAG 1.4.12's text-spacing overrides (the bookmarklet testers use).
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


@contextmanager
def chromium(executable: str) -> Iterator[Browser]:
    """Debian's Chromium, headless; nothing is downloaded."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Opened:
    """A page loaded from a file, and every URL it asked for."""

    page: Page
    requests: list[str] = field(default_factory=list)


@contextmanager
def open_page(browser: Browser, path: Path, size: tuple[int, int] = DESKTOP) -> Iterator[Opened]:
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        opened = Opened(page)
        page.on("request", lambda request: opened.requests.append(request.url))
        page.goto(path.resolve().as_uri(), wait_until="load")
        yield opened
    finally:
        context.close()


def axe_violations(page: Page, tags: list[str] = WCAG_TAGS) -> list[dict]:
    """axe-core's violations of the rules with these tags (WCAG 2.2 A and AA by default)."""
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [node["target"] for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']}: {violation['help']} at {targets}")
    return "\n".join(lines)


# Contrast of every element that shows text, from the colours Chromium rendered:
# the text colour over the composited background of the element and its ancestors.
CONTRAST_JS = """
(root) => {
  const parse = (value) => {
    const m = value.match(/^rgba?\\(([^)]*)\\)$/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v = v / 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    const layers = [];
    let opacity = 1;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== 'none') return {error: 'background image'};
      const colour = parse(style.backgroundColor);
      if (!colour) return {error: 'unreadable colour ' + style.backgroundColor};
      if (colour[3] > 0) layers.push(colour);
      opacity *= Number(style.opacity);
      if (colour[3] === 1) break;
    }
    let result = [255, 255, 255, 1];  // the canvas behind everything
    for (const layer of layers.reverse()) result = over(layer, result);
    return {colour: result, opacity};
  };
  const found = [];
  const elements = root ? [root, ...root.querySelectorAll('*')]
                       : Array.from(document.querySelectorAll('body *'));
  for (const el of elements) {
    const hasText = Array.from(el.childNodes).some(
      n => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!hasText || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const back = background(el);
    const text = parse(style.color);
    if (back.error || !text) {
      found.push({text: el.textContent.trim().slice(0, 60), error: back.error || style.color});
      continue;
    }
    const fore = over([text[0], text[1], text[2], text[3] * back.opacity], back.colour);
    const [l1, l2] = [luminance(fore), luminance(back.colour)].sort((a, b) => b - a);
    found.push({
      tag: el.tagName.toLowerCase(),
      text: el.textContent.trim().slice(0, 60),
      ratio: (l1 + 0.05) / (l2 + 0.05),
      color: style.color,
      background: 'rgb(' + back.colour.slice(0, 3).join(', ') + ')',
    });
  }
  return found;
}
"""


def contrasts(page: Page, selector: str | None = None) -> list[dict]:
    """The contrast ratio of each element showing text (or of the one selected and its children)."""
    if selector is None:
        return page.evaluate(CONTRAST_JS, None)
    return page.evaluate_handle(f"document.querySelector({selector!r})").evaluate(CONTRAST_JS)


# Boxes whose content does not fit them: clipped, or spilling over what follows.
OVERFLOW_JS = """
() => {
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.display.startsWith('inline') && style.display !== 'inline-block') continue;
    if (el.tagName === 'AUDIO' || el.tagName === 'IMG') continue;
    const wide = el.scrollWidth > el.clientWidth + 1;
    const tall = el.scrollHeight > el.clientHeight + 1;
    if (wide || tall) {
      found.push({tag: el.tagName.toLowerCase(), className: el.className,
                  text: el.textContent.trim().slice(0, 60), wide, tall,
                  scroll: [el.scrollWidth, el.scrollHeight],
                  client: [el.clientWidth, el.clientHeight]});
    }
  }
  return found;
}
"""


def overflowing(page: Page) -> list[dict]:
    return page.evaluate(OVERFLOW_JS)


def scrolls_sideways(page: Page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


TEXT_SIZES_JS = """
() => Array.from(document.querySelectorAll('body *'))
  .filter(el => el.getClientRects().length > 0 && Array.from(el.childNodes).some(
    n => n.nodeType === 3 && n.textContent.trim() !== ''))
  .map(el => ({text: el.textContent.trim().slice(0, 60),
               size: parseFloat(getComputedStyle(el).fontSize)}))
"""


def text_sizes(page: Page) -> list[dict]:
    """The computed font size of every element that shows text."""
    return page.evaluate(TEXT_SIZES_JS)


def box(page: Page, selector: str) -> dict:
    found = page.locator(selector).bounding_box()
    assert found is not None, f"{selector} is not shown"
    return found
