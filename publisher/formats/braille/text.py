"""Leaflet text -> braille cells through the language's table, character by character checked.

liblouis embosses a character its table lacks as a backslash escape nobody can read, and
some tables write e-mail addresses in 8-dot computer braille, which a BRF cannot hold.
So: plain stand-ins where the table lacks a character (straight quotes for curly ones, a
hyphen for a dash...); a word the table still cannot write in six dots (an address, a Latin
word in an Urdu leaflet) is written in Unified English Braille; and a character neither has
braille for is refused with its file and line. Words in another language (a `{lang=..}`
span, a Latin word in a leaflet in another script) are in that language's code, marked as
switching.py says.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ... import model as m
from ...errors import BuildError, Problem
from .cells import BLANK, is_six_dot
from .liblouis import Louis
from .switching import enclose, is_latin_word, primary

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
Tagged = list[tuple[str, bool, str]]  # and its language when a span gives one, else ""


@dataclass
class Translator:
    """One language's braille: text in, six-dot cells out, every character checked once."""

    louis: Louis
    table: str
    source: Path
    script: str = "Latn"  # the leaflet's script (ISO 15924); in another, Latin words are English
    switch: Callable[[str], Translator | None] | None = None  # another language's translator
    switched: dict[str, None] = field(default_factory=dict)  # the languages marked, in order
    known: dict[str, str | None] = field(default_factory=dict)  # character -> as translated

    def cells(self, text: str, line: int | None = None) -> str:
        return self.styled([(c, False) for c in text], line)

    def cells_in(self, text: str, language: str) -> str:
        """Text in another language (the English copy of a notice), in its code, marked."""
        return self.run([(c, False) for c in text], language, None)

    def inlines(self, runs: tuple[m.Inline, ...], line: int | None) -> str:
        """The cells of inline runs, each span in another language in that language's code."""
        out, before = "", ""
        for language, group in itertools.groupby(tagged(runs), key=lambda c: c[2]):
            chars = [(c, bold) for c, bold, _ in group]
            text = "".join(c for c, _ in chars)
            cells = self.run(chars, language, line)
            if cells:
                spaced = out != "" and (before[-1:].isspace() or text[:1].isspace())
                out += (BLANK if spaced else "") + cells
            before = text if cells else before + text
        return out

    def run(self, chars: Styled, language: str, line: int | None) -> str:
        """A run in `language` ("" for the leaflet's): marked when its code is another one;
        in the leaflet's own code when that language has no table."""
        other = self.other(language) if language else None
        if other is None:
            return self.styled(chars, line, latin=not language)
        return self.mark(other.styled(chars, line), language)

    def other(self, language: str) -> Translator | None:
        """The translator of another language whose braille code is not this one's."""
        found = self.switch(language) if self.switch else None
        return found if found is not None and found.table != self.table else None

    def mark(self, cells: str, language: str) -> str:
        if cells:
            self.switched.setdefault(primary(language))
        return enclose(cells, language)

    def styled(self, chars: Styled, line: int | None, latin: bool = True) -> str:
        """The cells of some text; in a leaflet in another script (with `latin`), runs of
        Latin words are English, in its code, marked."""
        chars = self.recompose(clean(chars))
        english = self.other("en") if latin and self.script != "Latn" else None
        if english is None:
            return self.native(chars, line)
        pieces = []
        for in_latin, words, tail in runs_by_script(split_words(chars), english):
            run = [c for word in words for c in [(" ", False), *word]][1:]
            if in_latin:  # its sentence's punctuation (an Arabic comma) after the closing sign
                pieces.append(self.mark(english.native(run, line), "en") + self.native(tail, line))
            else:
                pieces.append(self.native(run, line))
        return BLANK.join(piece for piece in pieces if piece)

    def native(self, chars: Styled, line: int | None) -> str:
        """The cells of some text in this table: all at once when it can, else word by word."""
        if not chars:
            return ""
        whole = self.translate(chars)
        if whole is not None:
            return whole
        return BLANK.join(self.word_by_word(split_words(chars), line))

    def word_by_word(self, words: list[Styled], line: int | None) -> list[str]:
        """Runs of words the table writes, translated together (contractions span words);
        each other word in UEB, marked, or refused."""
        out: list[str] = []
        run: list[Styled] = []
        for word in words:
            if self.translate(word) is not None:
                run.append(word)
                continue
            if run:
                out.append(self.run_cells(run))
                run = []
            out.append(self.foreign(word, line))
        if run:
            out.append(self.run_cells(run))
        return out

    def run_cells(self, run: list[Styled]) -> str:
        """Words the table writes one by one, together; one by one if together they need 8 dots."""
        together = self.translate([c for word in run for c in [(" ", False), *word]][1:])
        return together or BLANK.join(self.translate(word) or "" for word in run)

    def foreign(self, word: Styled, line: int | None) -> str:
        english = self.other("en")
        cells = english.translate(word) if english else None
        if cells is not None:
            return self.mark(cells, "en")
        text = "".join(c for c, _ in word)
        missing = [c for c, _ in word if self.replacement(c) is None]
        if missing:
            char = missing[0]
            name = unicodedata.name(char, "unnamed character")
            message = (
                f"the braille table {self.table} has no braille for '{char}' "
                f"(U+{ord(char):04X} {name}): write it another way, or choose another "
                "table under [braille.tables] in publisher.toml"
            )
        else:
            message = f"the braille table {self.table} has no six-dot braille for '{text}'"
        raise BuildError([Problem(self.source, line, message)])

    def translate(self, chars: Styled) -> str | None:
        """Six-dot cells, or None when the table lacks a character or needs dots 7 and 8."""
        replaced = [(self.replacement(c), bold) for c, bold in chars]
        if any(text is None for text, _ in replaced):
            return None
        chars = [(c, bold) for text, bold in replaced for c in text or ""]
        text = "".join(c for c, _ in chars)
        bold = [b for _, b in chars] if any(b for _, b in chars) else None
        braille = self.louis.translate(self.table, text, bold).replace(" ", BLANK)
        return braille if is_six_dot(braille) else None

    def replacement(self, char: str) -> str | None:
        """The character, or its stand-in when the table lacks it; None when it has neither."""
        if char == " ":
            return char
        if char not in self.known:
            self.known[char] = None
            for option in (char, STAND_INS.get(char, "")):
                if option and all(self.louis.defines(self.table, c) for c in option):
                    self.known[char] = option
                    break
        return self.known[char]

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


def runs_by_script(
    words: list[Styled], english: Translator
) -> list[tuple[bool, list[Styled], Styled]]:
    """Words in runs, each (whether its words are Latin, the words, the punctuation after the
    run that English braille has no sign for); such punctuation ends a Latin run. A Latin
    word with another character English braille lacks stays in the leaflet's code."""
    runs: list[tuple[bool, list[Styled], Styled]] = []
    for whole in words:
        word, tail = whole, []
        latin = is_latin_word(plain(word))
        while latin and word and english.replacement(word[-1][0]) is None:
            word, tail = word[:-1], [word[-1], *tail]
        if latin and any(english.replacement(c) is None for c, _ in word):
            latin, word, tail = False, whole, []
        if runs and runs[-1][0] == latin and not runs[-1][2]:
            runs[-1] = (latin, [*runs[-1][1], word], tail)
        else:
            runs.append((latin, [word], tail))
    return runs


def split_words(chars: Styled) -> list[Styled]:
    words: list[Styled] = [[]]
    for char, bold in chars:
        if char == " ":
            words.append([])
        else:
            words[-1].append((char, bold))
    return [word for word in words if word]


def plain(word: Styled) -> str:
    return "".join(c for c, _ in word)


def tagged(runs: tuple[m.Inline, ...], bold: bool = False, language: str = "") -> Tagged:
    """The characters of some inline runs, with their emphasis and the language of the span
    they are in; a link's address follows when its text differs."""
    chars: Tagged = []
    for run in runs:
        match run:
            case m.Text(text) | m.Term(text, _):
                chars += [(c, bold, language) for c in unicodedata.normalize("NFC", text)]
            case m.Strong(children) | m.Emphasis(children):
                chars += tagged(children, True, language)
            case m.Span(children, lang):
                chars += tagged(children, bold, lang)
            case m.Link(children, url):
                chars += tagged(children, bold, language)
                if not same_address(m.plain_text(children), url):
                    chars += [(c, bold, language) for c in f" ({display_address(url)})"]
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
