"""Draw the README's picture of the talking book: one section as a reading system shows
it while the voice reads a sentence, with the overlay's highlight on that sentence.

    .venv/bin/python scripts/screenshot_epub.py out/having-a-scan/en-GB/having-a-scan.epub \
        section-2 3 docs/epub-highlight.png

Opens the section in Chromium (Debian's, /usr/bin/chromium) at a phone-like width and
gives the element of the overlay's Nth clip the book's own media:active-class.
"""

from __future__ import annotations

import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree
from playwright.sync_api import sync_playwright

SMIL = "{http://www.w3.org/ns/SMIL}"


def main(epub: str, section: str, clip: str, target: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        zipfile.ZipFile(epub).extractall(folder)
        book = Path(folder) / "EPUB"
        smil = etree.parse(str(book / f"{section}.smil"))
        text = list(smil.iter(f"{SMIL}text"))[int(clip) - 1]
        ident = text.get("src").partition("#")[2]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            page = browser.new_page(viewport={"width": 480, "height": 640}, device_scale_factor=1)
            page.goto((book / f"{section}.xhtml").as_uri())
            page.add_style_tag(content="body { font-size: 22px; margin: 1.2em; }")
            page.evaluate(
                "id => document.getElementById(id).classList.add('-epub-media-overlay-active')",
                ident,
            )
            page.screenshot(path=target)
            browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
