"""Leaflet text -> braille cells through the language's table, character by character checked.

A character the table has no braille for is refused with its file and line (liblouis would
emboss it as a backslash escape nobody can read), after the plain stand-ins braille readers
expect: straight quotes for curly ones, a hyphen for a dash, and so on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ... import model as m
from ...errors import BuildError, Problem
from .cells import BLANK, is_six_dot
from .liblouis import Louis

# Used only when the table has no braille for the character itself.
STAND_INS = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2026": "...",
    "\u0964": ".", "\u0965": "..",  # Bengali and Devanagari danda: dots 2-5-6 as a full stop
}  # fmt: skip

# Letters with a nukta that NFC keeps apart (composition exclusions: Bengali YYA, Devanagari
# QA...), while liblouis's Indian tables know the letter as one character.
NUKTA_LETTERS = {
    unicodedata.normalize("NFD", chr(code)): chr(code)
    for code in range(0x0900, 0x0A80)
    if unicodedata.decomposition(chr(code)).endswith(("093C", "09BC", "0A3C"))
}

Styled = list[tuple[str, bool]]  # each character and whether it is emphasised


@dataclass
class Translator:
    """One language's braille: text in, six-dot cells out, every character checked once."""

    louis: Louis
    table: str
    source: Path
    known: dict[str, str] = field(default_factory=dict)  # character -> what is translated

    def cells(self, text: str, line: int | None = None) -> str:
        return self.styled([(c, False) for c in text], line)

    def inlines(self, runs: tuple[m.Inline, ...], line: int | None) -> str:
        return self.styled(styled(runs), line)

    def styled(self, chars: Styled, line: int | None) -> str:
        chars = [(self.stand_in(c, line), bold) for c, bold in self.recompose(clean(chars))]
        chars = [(c, bold) for text, bold in chars for c in text]
        text = "".join(c for c, _ in chars)
        if not text:
            return ""
        bold = [b for _, b in chars] if any(b for _, b in chars) else None
        braille = self.louis.translate(self.table, text, bold).replace(" ", BLANK)
        if not is_six_dot(braille):
            message = f"the braille table {self.table} made cells an embosser cannot print"
            raise BuildError([Problem(self.source, line, message)])
        return braille

    def recompose(self, chars: Styled) -> Styled:
        """Letter + nukta as the one letter the table knows, where it knows it."""
        out: Styled = []
        for char, bold in chars:
            letter = NUKTA_LETTERS.get(out[-1][0] + char, "") if out else ""
            if letter and self.louis.defines(self.table, letter):
                out[-1] = (letter, out[-1][1])
            else:
                out.append((char, bold))
        return out

    def stand_in(self, char: str, line: int | None) -> str:
        """The character, or its plain stand-in when the table lacks it; else a clear refusal."""
        if char == " ":
            return char
        if char not in self.known:
            if self.louis.defines(self.table, char):
                self.known[char] = char
            elif char in STAND_INS and all(
                self.louis.defines(self.table, c) for c in STAND_INS[char]
            ):
                self.known[char] = STAND_INS[char]
            else:
                name = unicodedata.name(char, "unnamed character")
                message = (
                    f"the braille table {self.table} has no braille for '{char}' "
                    f"(U+{ord(char):04X} {name}): write it another way, or choose another "
                    "table under [braille.tables] in publisher.toml"
                )
                raise BuildError([Problem(self.source, line, message)])
        return self.known[char]


def styled(runs: tuple[m.Inline, ...], bold: bool = False) -> Styled:
    """The characters of some inline runs; a link's address follows when its text differs."""
    chars: Styled = []
    for run in runs:
        match run:
            case m.Text(text) | m.Term(text, _):
                chars += [(c, bold) for c in unicodedata.normalize("NFC", text)]
            case m.Strong(children) | m.Emphasis(children):
                chars += styled(children, True)
            case m.Link(children, url):
                chars += styled(children, bold)
                if not same_address(m.plain_text(children), url):
                    chars += [(c, bold) for c in f" ({display_address(url)})"]
    return chars


def clean(chars: Styled) -> Styled:
    """No invisible format characters (soft hyphens, direction marks); spaces single and plain;
    digits 0-9."""
    out: Styled = []
    for char, bold in chars:
        category = unicodedata.category(char)
        if category == "Cf" or (category[0] == "C" and not char.isspace()):
            continue
        if char.isspace() or category == "Zs":
            if out and out[-1][0] != " ":
                out.append((" ", False))
            continue
        out.append((western_digit(char), bold))
    while out and out[-1][0] == " ":
        out.pop()
    return out


def western_digit(char: str) -> str:
    """A digit of any script as 0-9: braille writes every script's numbers as the number sign
    and the cells a-j, and liblouis's Bengali table writes Bengali digits without the number
    sign (so they would read as letters)."""
    value = unicodedata.decimal(char, None)
    return str(value) if value is not None else char


def display_address(url: str) -> str:
    """What a reader would type or dial: the URL, or the address of a mailto: or tel: link."""
    parts = urlsplit(url)
    return unquote(parts.path) if parts.scheme in ("mailto", "tel") else url


def same_address(text: str, url: str) -> bool:
    """True when a link's text already tells the reader its address."""
    parts = urlsplit(url)
    if parts.scheme == "tel":
        digits = re.sub(r"\D", "", text)
        return digits != "" and digits == re.sub(r"\D", "", unquote(parts.path))
    said, address = (normal_address(value) for value in (text, display_address(url)))
    return said == address


def normal_address(value: str) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", value.strip().lower()).rstrip("/")
