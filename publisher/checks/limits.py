"""What the writers can hold: document-property lengths, word and address lengths.

Word keeps at most 255 characters in a core property (title, subject); a word with no
place to break makes every line-breaking algorithm slow, and none can show it well.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problem
from ..model import Leaflet
from ..text.fonts import Printed

PROPERTY_LENGTH = 255  # Word's core properties (python-docx refuses longer ones)
WORD_LENGTH = 120  # longer than any real word; a web address may be longer (below)
ADDRESS_LENGTH = 500
ADDRESS = re.compile(r"(?i)^(https?:|mailto:|tel:|www\.)")
# Scripts written without spaces break between any two letters: their runs are not words.
UNSPACED = re.compile(
    "[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u2e80-\u9fff"
    "\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]"
)
LONG_RUN = re.compile(rf"\S{{{WORD_LENGTH + 1},}}")


def limit_problems(leaflet: Leaflet, printed: list[Printed]) -> list[Problem]:
    problems = property_problems(leaflet)
    for piece in printed:
        problem = long_word(piece)
        if problem:
            problems.append(
                Problem(
                    leaflet.source, piece.line or front_line(leaflet.source, piece.text), problem
                )
            )
    return problems


def property_problems(leaflet: Leaflet) -> list[Problem]:
    problems = []
    for key, value in (("title", leaflet.title), ("summary", leaflet.summary)):
        if len(value) > PROPERTY_LENGTH:
            message = (
                f"the {key} is {len(value)} characters long; keep it to {PROPERTY_LENGTH} or "
                "fewer (a Word file's properties hold no more)"
            )
            problems.append(Problem(leaflet.source, front_line(leaflet.source, key + ":"), message))
    return problems


def long_word(piece: Printed) -> str | None:
    """A message for the first run of letters with no place to break, if it is too long."""
    for found in LONG_RUN.finditer(piece.text):
        run = found.group(0)
        if ADDRESS.match(run):
            if len(run) > ADDRESS_LENGTH:
                return f"a web address is {len(run)} characters long; keep it to {ADDRESS_LENGTH} or fewer"
            continue
        spaced = len(UNSPACED.sub("", run))
        if spaced > WORD_LENGTH:
            return (
                f"a word of {spaced} letters with no space ('{run[:20]}…'): no page can show it; "
                f"keep words to {WORD_LENGTH} letters"
            )
    return None


def front_line(source: Path, start: str) -> int | None:
    """The first line of the file that starts with `start` or holds it (for front matter values)."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(lines, 1) if line.startswith(start)), None) or next(
        (n for n, line in enumerate(lines, 1) if start[:40] in line), None
    )
