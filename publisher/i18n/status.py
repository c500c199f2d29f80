"""`i18n status`: language x leaflet, with counts, check results and review state.

As a text table for people, or JSON or CSV for CI and spreadsheets; `published`
says whether a build would publish that translation now.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass

from ..config import Config
from ..model import Leaflet
from .state import CHANGED, NOT_VALID, REVIEWED, Translation, leaflet_translation, tool_translation

HEADINGS = ("language", "leaflet", "translated", "fuzzy", "untranslated", "checks", "review")
FORMATS = ("text", "json", "csv")


@dataclass(frozen=True, slots=True)
class Row:
    language: str
    leaflet: str
    configured: bool
    words: int  # words of the source text
    translated: int
    fuzzy: int
    untranslated: int
    percent: float  # of the strings, translated and not fuzzy
    errors: int
    warnings: int
    checks: str
    review_state: str
    reviewer: str
    reviewed_on: str
    review: str
    published: bool

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
        rows += [row(state, language in config.languages) for state in states]
    return rows


def row(state: Translation, configured: bool = False) -> Row:
    record = state.record
    total = len(state.units)
    errors = len(state.errors)
    return Row(
        language=state.language,
        leaflet=state.domain,
        configured=configured,
        words=sum(len(unit.msgid.split()) for unit in state.units),
        translated=state.translated,
        fuzzy=state.fuzzy,
        untranslated=state.untranslated,
        percent=round(100 * state.translated / total, 1) if total else 100.0,
        errors=errors,
        warnings=len(state.problems) - errors,
        checks=checks_summary(state),
        review_state=state.review_state if state.exists else "no PO file",
        reviewer=record.reviewer if record else "",
        reviewed_on=record.date.isoformat() if record else "",
        review=review_summary(state),
        published=state.publishable,
    )


def unpublished(rows: list[Row]) -> list[Row]:
    """The rows of configured languages that a build would not publish."""
    return [r for r in rows if r.configured and not r.published]


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
    if state.review_state == NOT_VALID:
        return f"sign-off not valid: {'; '.join(state.distrust)}"
    if record is None:
        return "not reviewed"
    by = f"by {record.reviewer} on {record.date.isoformat()}"
    if state.review_state == REVIEWED:
        return f"reviewed {by}"
    assert state.review_state == CHANGED
    return f"changed since review ({by})"


def _cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula ('=...') is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def render(rows: list[Row], kind: str = "text") -> str:
    """The rows as a text table, JSON (a list of objects) or CSV (a header line first)."""
    if kind == "json":
        return json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False)
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, fieldnames=list(Row.__dataclass_fields__), lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in asdict(r).items()} for r in rows)
        return buffer.getvalue().rstrip("\n")
    table = [HEADINGS, *(r.cells() for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADINGS))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in table
    )
