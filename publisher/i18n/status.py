"""`i18n status`: language x leaflet, with counts, check results and review state."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Config
from ..model import Leaflet
from .state import CHANGED, REVIEWED, Translation, leaflet_translation, tool_translation

HEADINGS = ("language", "leaflet", "translated", "fuzzy", "untranslated", "checks", "review")


@dataclass(frozen=True, slots=True)
class Row:
    language: str
    leaflet: str
    translated: int
    fuzzy: int
    untranslated: int
    checks: str
    review: str

    def cells(self) -> tuple[str, ...]:
        return (
            self.language,
            self.leaflet,
            str(self.translated),
            str(self.fuzzy),
            str(self.untranslated),
            self.checks,
            self.review,
        )


def status_rows(leaflets: list[Leaflet], config: Config, languages: tuple[str, ...]) -> list[Row]:
    rows = []
    for language in languages:
        states = [leaflet_translation(config, leaflet, language) for leaflet in leaflets]
        states.append(tool_translation(config, language))
        rows += [row(state) for state in states]
    return rows


def row(state: Translation) -> Row:
    return Row(
        state.language,
        state.domain,
        state.translated,
        state.fuzzy,
        state.untranslated,
        checks_summary(state),
        review_summary(state),
    )


def checks_summary(state: Translation) -> str:
    errors = len(state.errors)
    warnings = len(state.problems) - errors
    parts = [f"{errors} error(s)"] if errors else []
    parts += [f"{warnings} warning(s)"] if warnings else []
    return ", ".join(parts) or "ok"


def review_summary(state: Translation) -> str:
    if not state.exists:
        return "no PO file"
    record = state.record
    if record is None:
        return "not reviewed"
    by = f"by {record.reviewer} on {record.date.isoformat()}"
    if state.review_state == REVIEWED:
        return f"reviewed {by}"
    assert state.review_state == CHANGED
    return f"changed since review ({by})"


def render(rows: list[Row]) -> str:
    """A plain text table, columns aligned."""
    table = [HEADINGS, *(r.cells() for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADINGS))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in table
    )
