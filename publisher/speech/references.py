"""A reference as a listener needs it: who, what, when ('Smith and others. Title. 2024.').

Journal names, volumes, issues and pages help a reader find a source on paper; read
aloud they take a fifth of a recording and help nobody, so the audio says the authors
(the first and "and others" when there are more than two), the title and the year.
"""

from __future__ import annotations

import re

YEAR = re.compile(r"\b(?:19|20)\d\d\b")
PARTS = re.compile(r"(?<=[^\s.]{2})\.\s+|(?<=[a-z\d])\.\s+")  # not after an initial ("J. ")
ET_AL = re.compile(r",?\s*\bet\.?\s*al\b\.?", re.I)
INITIALS = re.compile(r"^(?:[A-Z]\.?){1,3}$")


def short_reference(reference: str, et_al: str = "and others") -> str:
    """Authors, title and year of a reference written in the usual (Vancouver) way."""
    parts = [p.strip(" .") for p in PARTS.split(reference.strip()) if p.strip(" .")]
    if len(parts) < 2:
        return reference.strip()
    year = YEAR.search(reference)
    said = [authors(parts[0], et_al), parts[1]]
    if year and year.group(0) not in parts[1]:
        said.append(year.group(0))
    return ". ".join(said) + "."


def authors(written: str, et_al: str) -> str:
    """'Smith J, Jones AB, Brown C, et al' -> 'Smith and others'; an organisation stays whole."""
    more = bool(ET_AL.search(written))
    names = [surname(n) for n in ET_AL.sub("", written).split(",") if n.strip()]
    if len(names) > 2 or (more and names):
        return f"{names[0]} {et_al}"
    return ", ".join(names)


def surname(name: str) -> str:
    """A name without its initials: 'Jones AB' -> 'Jones'; 'Example Society' stays."""
    words = name.split()
    while len(words) > 1 and INITIALS.match(words[-1]):
        words.pop()
    return " ".join(words)
