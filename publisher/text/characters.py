"""The one gate every piece of text passes, whatever file it comes from.

Markdown, YAML front matter (after its escapes are read), PO files and publisher.toml
all go through `text_problems`: control characters, lone surrogates and noncharacters
cannot be shown by any format, and the bidi embedding and override controls (U+202A to
U+202E) can make a phone number show one number and dial another. Direction marks and
isolates are kept for right-to-left words, but not beside a digit: the publisher keeps
numbers, dates and addresses left to right itself (text/bidi.py), and a mark there can
only reorder them.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..errors import Problem

LINE_BREAKS = "\n\r"
ALLOWED_CONTROLS = "\t\n\r"
EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e")  # LRE, RLE, PDF, LRO, RLO
MARKS = frozenset("\u200e\u200f\u061c\u2066\u2067\u2068\u2069")  # LRM, RLM, ALM, isolates
# Every explicit bidi formatting character: they steer the algorithm and are never drawn.
BIDI_CONTROLS = EMBEDDINGS | MARKS
# Invisible characters that hide or reorder text: Unicode tags (hidden "ASCII" text) and the
# interlinear annotation marks; line and paragraph separators break lines in some outputs only.
HIDDEN = {
    **{chr(c): "a Unicode tag character (invisible text)" for c in range(0xE0000, 0xE0080)},
    "\ufff9": "an interlinear annotation mark",
    "\ufffa": "an interlinear annotation mark",
    "\ufffb": "an interlinear annotation mark",
    "\u2028": "a line separator (start a new line instead)",
    "\u2029": "a paragraph separator (leave an empty line instead)",
}
# Every character `refusal` or `_near_number` may object to lies in these ranges (a test
# checks all of Unicode): a line with none of them, nearly every line, is passed at C speed.
SUSPECT_RANGES = (
    (0x00, 0x1F), (0x7F, 0x9F), (0x061C, 0x061C), (0x200E, 0x200F), (0x2028, 0x202E),
    (0x2066, 0x2069), (0xD800, 0xDFFF), (0xFDD0, 0xFDEF), (0xFFF9, 0xFFFB),
    (0xE0000, 0xE007F), *((plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)),
)  # fmt: skip
SUSPECT = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in SUSPECT_RANGES) + "]")
NUMBER_JOINERS = frozenset("+-./:()")  # what stands between the digits of a number or date
SHOWN_LENGTH = 60


def refusal(char: str) -> str | None:
    """Why `char` may not stand in any text, in words; None when it may."""
    code = ord(char)
    category = unicodedata.category(char)
    if category == "Cc" and char not in ALLOWED_CONTROLS:
        return "a control character"
    if category == "Cs":
        return "half of a surrogate pair (not a character on its own)"
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return "a noncharacter"
    if char in EMBEDDINGS:
        return "a bidi embedding or override control, which can reorder what is shown"
    return HIDDEN.get(char)


def text_problems(
    text: str, path: Path | None, first_line: int | None, one_line: bool = False
) -> list[Problem]:
    """Each character `text` may not hold, once per line, at the line it is on.

    `first_line` None: a value with no line of its own (reported without one).
    `one_line`: line breaks are refused too (a title, a phone number).
    """
    problems = []
    for offset, line in enumerate(text.split("\n")):
        if not SUSPECT.search(line):
            continue
        number = None if first_line is None else first_line + offset
        seen: set[str] = set()
        for index, char in enumerate(line):
            reason = refusal(char) or _near_number(line, index)
            if reason and char not in seen:
                seen.add(char)
                problems.append(Problem(path, number, _message(char, reason)))
    if one_line and any(c in LINE_BREAKS for c in text.strip()):
        problems.append(Problem(path, first_line, "this text must be one line"))
    return problems


def _near_number(line: str, index: int) -> str | None:
    """A direction mark or isolate right beside a digit (spaces and +-./:() between)."""
    if line[index] not in MARKS:
        return None
    for step in (-1, 1):
        position = index + step
        while 0 <= position < len(line) and (line[position].isspace() or line[position] in MARKS):
            position += step
        joined = 0 <= position < len(line) and line[position] in NUMBER_JOINERS
        if joined:
            position += step
        if 0 <= position < len(line) and unicodedata.category(line[position]) == "Nd":
            return (
                "a direction mark beside a number, which can change the order its digits are "
                "shown in (the publisher keeps numbers left to right itself)"
            )
    return None


def _message(char: str, reason: str) -> str:
    if unicodedata.category(char) == "Cc":
        return f"control character U+{ord(char):04X} cannot be printed or shown; delete it"
    name = unicodedata.name(char, "") if unicodedata.category(char) != "Cs" else ""
    label = f"U+{ord(char):04X}" + (f" {name}" if name else "")
    return f"invisible character {label} is {reason}; delete it"


def shown(text: str, limit: int = SHOWN_LENGTH) -> str:
    """Input quoted in a message: one line, no invisible characters, at most `limit` long."""
    safe = "".join(
        c if c.isprintable() and not refusal(c) else f"\\u{ord(c):04x}" for c in text[: limit + 1]
    )
    return safe if len(text) <= limit and len(safe) <= limit else safe[:limit] + "…"
