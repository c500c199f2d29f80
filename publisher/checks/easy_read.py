"""How much of a leaflet has easy-read text, and whether that is enough to publish its page."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Config
from ..errors import Problem
from ..model import Block, Leaflet, Paragraph, Section, iter_blocks, plain_text


@dataclass(frozen=True, slots=True)
class Coverage:
    """Sections with easy-read text, and the words of the full text they stand for."""

    sections: int
    total_sections: int
    words: int
    total_words: int

    @property
    def percent(self) -> int:
        """Sections covered, in whole percent (a leaflet with no sections: its introduction)."""
        return round(100 * self.sections / self.total_sections) if self.total_sections else 0

    @property
    def word_percent(self) -> int:
        return round(100 * self.words / self.total_words) if self.total_words else 0

    def describe(self) -> str:
        return (
            f"easy read covers {self.sections} of {self.total_sections} section(s) "
            f"({self.percent}%) and {self.words} of {self.total_words} words ({self.word_percent}%)"
        )


def easy_coverage(leaflet: Leaflet) -> Coverage:
    """Each `##` section counts once, covered when it or a subsection has `::: easy` text."""
    if not leaflet.sections:
        words = _words(leaflet.intro)
        covered = bool(leaflet.intro_easy)
        return Coverage(int(covered), 1, words if covered else 0, words)
    counted = [(has_easy(s), _section_words(s)) for s in leaflet.sections]
    return Coverage(
        sum(covered for covered, _ in counted),
        len(counted),
        sum(words for covered, words in counted if covered),
        sum(words for _, words in counted),
    )


def coverage_problems(leaflet: Leaflet, config: Config) -> list[Problem]:
    """Below publisher.toml's minimum: a warning, or an error when the page is not to be
    published so (`refuse_below`)."""
    coverage = easy_coverage(leaflet)
    if coverage.percent >= config.easy_min_coverage:
        return []
    severity = "error" if config.easy_refuse_below else "warning"
    consequence = ": the easy-read page is not published" if config.easy_refuse_below else ""
    message = (
        f"{coverage.describe()}, under the {config.easy_min_coverage}% set in publisher.toml"
        f"{consequence}"
    )
    return [Problem(leaflet.source, None, message, severity)]


def has_easy(section: Section) -> bool:
    """Whether a section, or one of its subsections, has easy-read text."""
    return bool(section.easy) or any(sub.easy for sub in section.subsections)


def _section_words(section: Section) -> int:
    return _words(section.blocks) + sum(_words(sub.blocks) for sub in section.subsections)


def _words(blocks: tuple[Block, ...]) -> int:
    return sum(
        len(plain_text(b.inlines).split()) for b in iter_blocks(blocks) if isinstance(b, Paragraph)
    )
