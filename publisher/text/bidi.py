"""Mixed right-to-left and left-to-right text: which way each piece runs, and in what order.

The Unicode Bidirectional Algorithm (UAX #9) in two halves, as a layout engine needs them:
`paragraph_levels` resolves the embedding level of every character of a whole paragraph
(python-bidi's implementation), and `visual_order` reorders the pieces of one line (rule L2).
Pieces keep their characters in logical order: the shaper (HarfBuzz) draws an odd-level,
right-to-left piece from right to left itself, which keeps Arabic letters joined.

Runs of Latin letters and digits inside right-to-left text ("NHS 111", "0800 123 4567",
"www.nhs.uk") are kept together as left-to-right units, the way a reader expects to see
them: plain UAX #9 (and a browser) shows the phone number as "4567 123 0800", because the
spaces between its groups take the direction of the Arabic around them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from bidi import algorithm

from .characters import BIDI_CONTROLS

LRE, PDF = "\u202a", "\u202c"  # embeddings: python-bidi's algorithm predates isolates
_ISOLATES_AS_EMBEDDINGS = str.maketrans(
    {"\u2066": LRE, "\u2067": "\u202b", "\u2068": LRE, "\u2069": PDF}
)

# A left-to-right unit: starts and ends with a Latin letter or a digit (or a web address's
# last '/'), and may hold single (no-break) spaces and the punctuation of numbers, addresses and
# abbreviations in between; a full stop after it stays with the sentence.
_ALNUM = r"[A-Za-z0-9\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]+"
_LTR_UNIT = re.compile(rf"{_ALNUM}(?:(?:[.,:/@&+\-_#%=?~]{{1,3}}|[ \u00a0\u202f]){_ALNUM})*/?")


def has_rtl_letters(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def has_ltr_letters(text: str) -> bool:
    return any(unicodedata.bidirectional(char) == "L" for char in text)


def runs_rtl(text: str, rtl_language: bool) -> bool:
    """The direction of one paragraph of a leaflet: its language's, except that a paragraph
    with only left-to-right words (an English reference or notice) runs left to right."""
    return rtl_language and (has_rtl_letters(text) or not has_ltr_letters(text))


def ltr_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of Latin letters and digits to keep together left to right."""
    return [match.span() for match in _LTR_UNIT.finditer(text)]


def wrap_ltr_spans(text: str, opening: str = "\u2066", closing: str = "\u2069") -> str:
    """`text` with every left-to-right unit between `opening` and `closing` (default LRI, PDI).

    For writers whose reader runs the bidi algorithm itself (Word, a browser): the marks
    make "NHS 111" read as one unit inside Arabic there too.
    """
    pieces, last = [], 0
    for start, end in ltr_spans(text):
        pieces += [text[last:start], opening, text[start:end], closing]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def paragraph_levels(text: str, rtl: bool, keep_units: bool = True) -> tuple[int, ...]:
    """The embedding level of every character of one paragraph: odd levels run right to left.

    `rtl` is the paragraph's direction (from its language, never guessed from its first
    letter). With `keep_units`, runs of Latin letters and digits stay left-to-right units.
    """
    if keep_units and rtl:
        return _levels_with_units(text)
    storage = algorithm.get_empty_storage()
    storage["base_level"] = int(rtl)
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(text.translate(_ISOLATES_AS_EMBEDDINGS), storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index  # the steps below drop explicit marks: keep each char's place
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    resolved = {char["index"]: char["level"] for char in storage["chars"]}
    levels, previous = [], int(rtl)
    for index in range(len(text)):
        previous = resolved.get(index, previous)  # a dropped mark takes its neighbour's level
        levels.append(previous)
    return tuple(levels)


def _levels_with_units(text: str) -> tuple[int, ...]:
    """Levels of a right-to-left paragraph with its left-to-right units embedded (LRE ... PDF)."""
    marked, origin = [], []
    last = 0
    for start, end in ltr_spans(text):
        marked += [*text[last:start], LRE, *text[start:end], PDF]
        origin += [*range(last, start), None, *range(start, end), None]
        last = end
    marked += text[last:]
    origin += range(last, len(text))
    levels = paragraph_levels("".join(marked), rtl=True, keep_units=False)
    return tuple(level for level, index in zip(levels, origin, strict=True) if index is not None)


def line_levels(text: str, levels: Sequence[int], rtl: bool) -> list[int]:
    """Rule L1 for one line: whitespace at its end goes back to the paragraph level."""
    result = list(levels)
    for index in range(len(text) - 1, -1, -1):
        if not (text[index].isspace() or text[index] in BIDI_CONTROLS):
            break
        result[index] = int(rtl)
    return result


def visual_order(levels: Sequence[int]) -> list[int]:
    """Rule L2: the indices of a line's pieces from left to right, given each piece's level."""
    order = list(range(len(levels)))
    if not order:
        return order
    lowest_odd = min(levels) | 1
    for level in range(max(levels), lowest_odd - 1, -1):
        start = 0
        while start < len(order):
            if levels[order[start]] < level:
                start += 1
                continue
            end = start
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[start:end] = order[start:end][::-1]
            start = end
    return order


@dataclass(frozen=True, slots=True)
class Piece:
    """Characters [start, end) of a paragraph with one level and one look, in logical order."""

    start: int
    end: int
    level: int
    look: Hashable

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1


def line_pieces(
    text: str, levels: Sequence[int], looks: Sequence[Hashable], start: int, end: int, rtl: bool
) -> list[Piece]:
    """The pieces of the line text[start:end], left to right as they are drawn.

    A piece ends where the level, the look (font, colour, link) or the kind of character
    changes (letters apart from digits and punctuation), so each piece can be shaped alone.
    """
    line = text[start:end]
    levels = line_levels(line, levels[start:end], rtl)
    kinds = _kinds(line)
    pieces: list[Piece] = []
    begin = 0
    for index in range(1, len(line) + 1):
        if index < len(line) and (
            (levels[index], looks[start + index], kinds[index])
            == (levels[index - 1], looks[start + index - 1], kinds[index - 1])
        ):
            continue
        if any(char not in BIDI_CONTROLS for char in line[begin:index]):
            pieces.append(Piece(start + begin, start + index, levels[begin], looks[start + begin]))
        begin = index
    return [pieces[i] for i in visual_order([piece.level for piece in pieces])]


def _kinds(line: str) -> list[str]:
    """'letter' or 'other' for each character; marks belong with the character before them."""
    kinds, previous = [], "other"
    for char in line:
        bidi_class = unicodedata.bidirectional(char)
        if bidi_class not in ("NSM", "BN") and char not in BIDI_CONTROLS:
            previous = "letter" if bidi_class in ("L", "R", "AL") else "other"
        kinds.append(previous)
    return kinds
