"""What the writers can hold: document-property lengths, word and address lengths.

Word keeps at most 255 characters in a core property (title, subject); a word with no
place to break makes every line-breaking algorithm slow, and none can show it well.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problem
from ..model import Leaflet
from ..text.characters import shown
from ..text.fonts import Printed

PROPERTY_LENGTH = 255  # Word's core properties (python-docx refuses longer ones)
WORD_LENGTH = 120  # longer than any real word; a web address may be longer (below)
ADDRESS_LENGTH = 500
ADDRESS = re.compile(r"(?i)^(https?:|mailto:|tel:|www\.)")
# Scripts written without spaces break between any two letters: their runs are not words.
UNSPACED = (
    "[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u2e80-\u9fff"
    "\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]"
)  # compiled only for a long run (re's cache keeps it): compiling costs a short build 2 ms
LONG_RUN = re.compile(rf"\S{{{WORD_LENGTH + 1},}}")


def limit_problems(leaflet: Leaflet, printed: list[Printed]) -> list[Problem]:
    problems = property_problems(leaflet)
    for piece in printed:
        problem = long_word(piece)
        if problem:  # front matter values have no line in the model: found in the file
            line = piece.line or front_line(leaflet.source, piece.text[:40])
            problems.append(Problem(leaflet.source, line, problem))
    return problems


def property_problems(leaflet: Leaflet) -> list[Problem]:
    problems = []
    for key, value in (("title", leaflet.title), ("summary", leaflet.summary)):
        if len(value) > PROPERTY_LENGTH:
            message = (
                f"the {key} is {len(value)} characters long; keep it to {PROPERTY_LENGTH} or "
                "fewer (a Word file's properties hold no more)"
            )
            line = front_line(leaflet.source, f"{key}:", at_start=True)
            problems.append(Problem(leaflet.source, line, message))
    return problems


def long_word(piece: Printed) -> str | None:
    """A message for the first run of letters with no place to break, if it is too long."""
    for found in LONG_RUN.finditer(piece.text):
        run = found.group(0)
        if ADDRESS.match(run):
            if len(run) > ADDRESS_LENGTH:
                return f"a web address is {len(run)} characters long; keep it to {ADDRESS_LENGTH} or fewer"
            continue
        spaced = len(re.sub(UNSPACED, "", run))
        if spaced > WORD_LENGTH:
            return (
                f"a word of {spaced} letters with no space ('{shown(run, 20)}'): no page can show it; "
                f"keep words to {WORD_LENGTH} letters"
            )
    return None


def front_line(source: Path, fragment: str, at_start: bool = False) -> int | None:
    """The first line of the file that holds `fragment` (or starts with it)."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, 1):
        if line.startswith(fragment) if at_start else fragment in line:
            return number
    return None
