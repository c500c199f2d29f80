"""Text -> sentences, so a talking book can highlight each sentence as it is read.

The rules of Unicode's sentence boundaries (UAX #29), kept to what a leaflet needs: a
sentence ends after a terminator ('.', '!', '?', Arabic '؟', Bengali and Hindi '।', CJK
'。'...), any closing quotes or brackets, then a space, unless a lower-case word follows
('e.g. today', '"Stop!" he said'). A full stop does not end one after an initial
('J. Smith'), a word with a dot inside ('a.m.') or a title the language abbreviates
('Dr. Patel'); inside a number ('1.5') no space follows it, so it never does. ICU's own
rules (with CLDR's exceptions) still split 'Dr. Smith' and 'J. Smith', so these are ours.
"""

from __future__ import annotations

import dataclasses
import re

from ..model import Emphasis, Inline, Link, Span, Strong, Term, Text

FULL_STOPS = ".\u2024\ufe52\uff0e"  # Unicode's ATerm: a dot that may end an abbreviation
TERMINATORS = (
    "!?\u0589\u061f\u06d4\u0700-\u0702\u07f9\u0964\u0965\u104a\u104b\u1362\u1367\u1368"
    "\u166e\u1803\u1809\u203c\u203d\u2047-\u2049\u3002\ufe56\ufe57\uff01\uff1f\uff61"
)  # Unicode's STerm in the scripts a health leaflet is written in
CLOSING = "\"'\u2019\u201d\u00bb\u203a)]}\u300d\u300f"  # after a terminator, before the space
OPENING = "\"'\u2018\u201c\u00ab\u2039([{"
NO_SPACE_NEEDED = "\u3002\uff01\uff1f\uff61"  # CJK ends a sentence with no space after it

_END = re.compile(
    rf"(?:[{FULL_STOPS}{TERMINATORS}]+)[{re.escape(CLOSING)}]*(?P<space>\s+|(?<=[{NO_SPACE_NEEDED}]))"
)
_WORD_BEFORE = re.compile(r"(\S*?)[" + FULL_STOPS + r"]+$")

# Titles and words a language writes with a full stop that are usually followed by a
# capital or a number: the stop does not end the sentence. Lower case, without the stop.
ABBREVIATIONS = {
    "en": {"mr", "mrs", "ms", "mx", "dr", "prof", "st", "no", "nos", "vs", "approx", "tel"},
    "cy": {"mr", "mrs", "ms", "dr", "prof", "st", "rhif", "ff"},
    "pl": {"dr", "prof", "mgr", "inż", "lek", "nr", "np", "tzn", "tj", "ul", "tel", "godz", "ok"},
}


def sentence_ends(text: str, language: str) -> list[int]:
    """The offsets where each sentence but the last ends (after its trailing space)."""
    known = ABBREVIATIONS.get(language.split("-")[0].lower(), set())
    ends = []
    for found in _END.finditer(text):
        end = found.end()
        if end >= len(text) or not text[end:].strip():
            break
        if _continues(text[: found.start("space")], text[end], known):
            continue
        ends.append(end)
    return ends


def sentences(text: str, language: str) -> list[str]:
    """The text cut into its sentences (together they are the text); a piece with no
    letter or digit in it stays with the sentence before it."""
    cuts = [0, *sentence_ends(text, language), len(text)]
    pieces = [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
    return _merged(pieces)


def _continues(before: str, following: str, abbreviations: set[str]) -> bool:
    """Whether the sentence goes on past the terminator ending `before`: into a lower-case
    word (UAX #29 SB8, for '!' and '?' too), or after an abbreviation."""
    if following.islower():
        return True  # '"Stop!" he said.', 'e.g. today'
    stripped = before.rstrip(CLOSING)
    if not stripped or stripped[-1] not in FULL_STOPS:
        return False  # '!', '?', '؟', '।' before anything else end a sentence
    word = _WORD_BEFORE.search(stripped)
    letters = word.group(1).lstrip(OPENING) if word else ""
    if len(letters) == 1 and letters.isalpha():
        return True  # an initial
    if any(c in FULL_STOPS for c in letters):
        return True  # 'a.m.', 'e.g.'
    return letters.lower() in abbreviations


def _has_words(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _merged(pieces: list[str]) -> list[str]:
    found: list[str] = []
    for piece in pieces:
        if found and not (_has_words(piece) and _has_words(found[-1])):
            found[-1] += piece
        else:
            found.append(piece)
    return found


# --- inline runs -----------------------------------------------------------


def split_runs(runs: tuple[Inline, ...], language: str) -> list[tuple[Inline, ...]]:
    """Inline runs cut into sentences, each with the markup around its words; never
    inside a link or a glossary term, which stay whole in the sentence they begin."""
    text, whole = _flatten(runs)
    cuts, at = [], 0
    for piece in sentences(text, language)[:-1]:
        at += len(piece)
        if not any(start < at < end for start, end in whole):
            cuts.append(at)
    bounds = [0, *cuts, len(text)]
    return [_cut(runs, a, b) for a, b in zip(bounds, bounds[1:], strict=False)]


def _flatten(runs: tuple[Inline, ...]) -> tuple[str, list[tuple[int, int]]]:
    """The runs' text, and the (start, end) of every link and term in it."""
    parts: list[str] = []
    whole: list[tuple[int, int]] = []

    def walk(items: tuple[Inline, ...]) -> None:
        for run in items:
            start = sum(len(p) for p in parts)
            if isinstance(run, Text | Term):
                parts.append(run.text)
            else:
                walk(run.children)
            if isinstance(run, Link | Term):
                whole.append((start, sum(len(p) for p in parts)))

    walk(runs)
    return "".join(parts), whole


def _cut(runs: tuple[Inline, ...], begin: int, end: int) -> tuple[Inline, ...]:
    """The part of some runs between two text offsets, nesting kept."""
    found: list[Inline] = []
    at = 0
    for run in runs:
        length = _length(run)
        a, b = max(begin, at), min(end, at + length)
        if a < b or (length == 0 and begin <= at < end):
            found.append(_part(run, a - at, b - at))
        at += length
    return tuple(found)


def _part(run: Inline, begin: int, end: int) -> Inline:
    if isinstance(run, Text):
        return Text(run.text[begin:end])
    if isinstance(run, Term):
        return run  # never cut (split_runs keeps cuts outside terms)
    assert isinstance(run, Strong | Emphasis | Link | Span)
    return dataclasses.replace(run, children=_cut(run.children, begin, end))


def _length(run: Inline) -> int:
    if isinstance(run, Text | Term):
        return len(run.text)
    return sum(_length(child) for child in run.children)
