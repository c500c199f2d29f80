"""Content rules beyond the format itself: review dates, easy-read length, reading level."""

from __future__ import annotations

import re
import warnings
from datetime import date, timedelta

from ..errors import Problem
from ..model import Leaflet, Paragraph, easy_points, leaflet_blocks, plain_text

DUE_SOON = timedelta(days=90)
EASY_SENTENCE_WORDS = 15
READING_AGE_LIMIT = 11
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def check_leaflet(leaflet: Leaflet, today: date) -> list[Problem]:
    """Warnings about a leaflet that reads correctly but needs attention."""
    return [
        *review_warnings(leaflet, today),
        *structure_warnings(leaflet),
        *easy_read_warnings(leaflet),
        *reading_level_warnings(leaflet),
        *unused_glossary_warnings(leaflet),
    ]


def review_warnings(leaflet: Leaflet, today: date) -> list[Problem]:
    due = leaflet.next_review
    if due < today:
        message = (
            f"review overdue: 'next_review' was {due.isoformat()}; check the content and update it"
        )
    elif due - today <= DUE_SOON:
        message = f"review due soon: 'next_review' is {due.isoformat()}"
    else:
        return []
    return [Problem(leaflet.source, None, message, "warning")]


def is_overdue(leaflet: Leaflet, today: date) -> bool:
    return leaflet.next_review < today


def structure_warnings(leaflet: Leaflet) -> list[Problem]:
    if leaflet.sections:
        return []
    message = "the leaflet has no '## ' sections: readers and listeners cannot find their way"
    return [Problem(leaflet.source, None, message, "warning")]


def easy_read_warnings(leaflet: Leaflet) -> list[Problem]:
    problems = []
    for section in leaflet.sections:
        has_easy = section.easy is not None or any(s.easy for s in section.subsections)
        if not has_easy:
            problems.append(
                warning(leaflet, section.line, f"section '{section.title}' has no '::: easy' text")
            )
    for point in easy_points(leaflet):
        for sentence in sentences(plain_text(point.inlines)):
            if len(sentence.split()) > EASY_SENTENCE_WORDS:
                message = (
                    f"easy-read sentence has {len(sentence.split())} words "
                    f"(keep to {EASY_SENTENCE_WORDS} or fewer): {sentence}"
                )
                problems.append(warning(leaflet, point.line, message))
    return problems


def unused_glossary_warnings(leaflet: Leaflet) -> list[Problem]:
    """A term the text never uses is shown nowhere: usually a typo or a changed word."""
    used = {entry.term for entry in leaflet.glossary_used()}
    return [
        Problem(
            leaflet.source,
            None,
            f"glossary term '{entry.term}' is not used in the text, so no format shows it",
            "warning",
        )
        for entry in leaflet.glossary
        if entry.term not in used
    ]


def reading_level_warnings(leaflet: Leaflet) -> list[Problem]:
    """English only: textstat's formulas are made for English text."""
    age = reading_age(leaflet)
    if age is None or age <= READING_AGE_LIMIT:
        return []
    message = f"reading age is about {age:.0f} (aim for {READING_AGE_LIMIT} or lower): use shorter sentences and words"
    return [Problem(leaflet.source, None, message, "warning")]


def reading_age(leaflet: Leaflet) -> float | None:
    if not leaflet.language.lower().startswith("en"):
        return None
    with warnings.catch_warnings():  # textstat 0.7.4 imports the deprecated pkg_resources
        warnings.simplefilter("ignore", UserWarning)
        import textstat  # slow to import; only English leaflets need it

    text = " ".join(
        plain_text(b.inlines) for b in leaflet_blocks(leaflet) if isinstance(b, Paragraph)
    )
    if len(text.split()) < 30:
        return None
    # A US school grade plus 5 is the usual reading age (grade 1 is age 6).
    return textstat.flesch_kincaid_grade(text) + 5


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if s]


def warning(leaflet: Leaflet, line: int, message: str) -> Problem:
    return Problem(leaflet.source, line, message, "warning")
