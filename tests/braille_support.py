"""Reading braille outputs back as a braille reader's software would: BRF pages and lines,
Braille ASCII as cells, and liblouis's own command-line back-translator (lou_translate)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from publisher.formats.braille.liblouis import open_liblouis

from .conftest import IN_CI, require_tool

# North American Braille ASCII, written out from the standard's chart: the character of the
# cell whose dots value (dot n = 2 ** (n - 1)) is its index.
BRAILLE_ASCII = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
BOX_LINE = re.compile(r"^(7+|G+)$")  # BANA's box lines: dots 2356 above, dots 1245 below


def require_liblouis() -> None:
    """Skip without liblouis (the library and its lou_translate), except in CI where it must be."""
    require_tool("lou_translate")
    if open_liblouis() is None:
        if IN_CI:
            pytest.fail("liblouis20 is required in CI (.ci/run installs it)")
        pytest.skip("liblouis is not installed (apt install liblouis20 liblouis-data)")


def brf_pages(path: Path) -> list[list[str]]:
    """The pages of a BRF: lines ending CR LF, each page ending with a form feed."""
    data = path.read_bytes()
    assert data.endswith(b"\r\n\f"), "a BRF ends its last page with a form feed"
    text = data.decode("ascii")
    pages = text.split("\f")[:-1]
    assert all(page.endswith("\r\n") for page in pages)
    return [page[:-2].split("\r\n") for page in pages]


def cells(line: str) -> str:
    """Braille ASCII -> Unicode braille patterns."""
    return "".join(chr(0x2800 + BRAILLE_ASCII.index(c)) for c in line)


def body_lines(pages: list[list[str]]) -> list[str]:
    """The text lines: without each page's last line (its number) and without box lines."""
    return [line for page in pages for line in page[:-1] if line and not BOX_LINE.match(line)]


def back_translate(lines: list[str], table: str) -> list[str]:
    """Each BRF line read back to text by lou_translate, one line at a time."""
    lou = require_tool("lou_translate")
    braille = "\n".join(cells(line.strip()) for line in lines) + "\n"
    result = subprocess.run(
        [lou, "--backward", f"unicode.dis,{table}"],
        input=braille,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


# UEB 14.3's code switch indicators in Braille ASCII: the opening non-UEB passage indicator
# (dots 5, 12356, the language's code, then 3), the run, and the closing one (6, 5, 23456).
SWITCHED = re.compile(r'"\(([A-Z]+)\'(.*?),"\)')


def switched_runs(lines: list[str]) -> list[tuple[str, str]]:
    """(language code, Braille ASCII) of each run between code switch indicators (but the
    transcriber's note's, which shows the signs with nothing between)."""
    found = SWITCHED.findall(" ".join(line.strip() for line in lines))
    return [(code.lower(), run.strip()) for code, run in found if run.strip()]


def forward_translate(text: str, table: str) -> str:
    """Text -> Unicode braille by lou_translate, blanks as the blank cell."""
    lou = require_tool("lou_translate")
    result = subprocess.run(
        [lou, "--forward", f"unicode.dis,{table}"], input=text, capture_output=True, text=True
    )
    return result.stdout.strip("\n").replace(" ", "\u2800")


def words(text: str) -> list[str]:
    """Lower-case words of letters and their marks (Bengali vowel signs are marks), without
    punctuation or digits, in Unicode's composed form."""
    text = unicodedata.normalize("NFC", text).lower()
    kept = "".join(c if unicodedata.category(c)[0] in "LM" or c in "'’" else " " for c in text)
    return [word.strip("'’") for word in kept.split() if word.strip("'’")]


def find_in_order(paragraphs: list[list[str]], stream: list[str], share: float = 1.0) -> list[str]:
    """The paragraphs not found, each in turn after the one before, with at least `share`
    of its words matched in order (1.0: every word, one after the other)."""
    from difflib import SequenceMatcher

    missing, position = [], 0
    for paragraph in paragraphs:
        if not paragraph:
            continue
        window = stream[position : position + 2 * len(paragraph) + 10]
        if share == 1.0:
            found = _exact(paragraph, stream, position)
            if found is None:
                missing.append(" ".join(paragraph))
            else:
                position = found
            continue
        matcher = SequenceMatcher(None, paragraph, window, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        matched = sum(b.size for b in blocks)
        if matched < share * len(paragraph):
            missing.append(" ".join(paragraph))
        else:
            position += blocks[-1].b + blocks[-1].size
    return missing


def _exact(paragraph: list[str], stream: list[str], start: int) -> int | None:
    for index in range(start, len(stream) - len(paragraph) + 1):
        if stream[index : index + len(paragraph)] == paragraph:
            return index + len(paragraph)
    return None
