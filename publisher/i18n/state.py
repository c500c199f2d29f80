"""Where one language of one leaflet (or of the tool's words) stands right now.

Everything is measured against the current source, not only the PO file: a
source edited since the last `i18n update` shows as untranslated and as
changed since review. The review digest covers exactly the source units and
the translations that would be printed and spoken.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel.messages.catalog import Catalog

from ..config import Config
from ..errors import ContentError, Problem
from ..model import Leaflet
from ..speech.tables import load_table
from .catalogs import po_path, read_catalog, review_path, translation_of, translator_name
from .qa import check
from .toolwords import DOMAIN, tool_words
from .units import Unit, leaflet_units

REVIEWED, CHANGED, NOT_REVIEWED = "reviewed", "changed since review", "not reviewed"


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """A second person's sign-off of exactly one version of a translation."""

    reviewer: str
    date: date
    digest: str
    translator: str

    def to_json(self, language: str, domain: str, strings: int) -> str:
        record = {
            "leaflet": domain,
            "language": language,
            "reviewer": self.reviewer,
            "date": self.date.isoformat(),
            "translator": self.translator,
            "strings": strings,
            "digest": self.digest,
        }
        return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True, slots=True)
class Translation:
    """One language of one domain: counts, check results and review state."""

    language: str
    domain: str
    po: Path
    exists: bool
    units: tuple[Unit, ...]
    strings: dict[str, str]  # msgid -> translation, translated and not fuzzy
    fuzzy: int
    untranslated: int
    problems: tuple[Problem, ...]
    faulty: frozenset[str]  # msgids whose translation has an error
    translator: str
    digest: str
    record: ReviewRecord | None

    @property
    def translated(self) -> int:
        return len(self.units) - self.fuzzy - self.untranslated

    @property
    def complete(self) -> bool:
        return self.exists and self.fuzzy == 0 and self.untranslated == 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def review_state(self) -> str:
        if self.record is None:
            return NOT_REVIEWED
        return REVIEWED if self.record.digest == self.digest else CHANGED

    @property
    def publishable(self) -> bool:
        return self.complete and not self.errors and self.review_state == REVIEWED


def leaflet_translation(config: Config, leaflet: Leaflet, language: str) -> Translation:
    return translation(config, language, leaflet.slug, leaflet_units(leaflet))


def tool_translation(config: Config, language: str) -> Translation:
    return translation(config, language, DOMAIN, [word.unit for word in tool_words()])


def translation(config: Config, language: str, domain: str, units: list[Unit]) -> Translation:
    """Read the PO file of `domain` in `language` and measure it against `units`."""
    distinct = tuple({unit.msgid: unit for unit in reversed(units)}.values())[::-1]
    path = po_path(config, language, domain)
    catalog = read_catalog(path, language) if path.is_file() else Catalog()
    strings: dict[str, str] = {}
    fuzzy = untranslated = 0
    problems: list[Problem] = []
    faulty: set[str] = set()
    for unit in distinct:
        message = translation_of(catalog, unit.msgid)
        text = message.string if message is not None else ""
        if not isinstance(text, str) or not text:
            untranslated += 1
        elif message is not None and message.fuzzy:
            fuzzy += 1
        else:
            strings[unit.msgid] = text
            line = message.lineno if message else None
            found = check(unit, text, path, line, tool_word=domain == DOMAIN)
            problems += found
            if any(p.severity == "error" for p in found):
                faulty.add(unit.msgid)
    return Translation(
        language=language,
        domain=domain,
        po=path,
        exists=path.is_file(),
        units=distinct,
        strings=strings,
        fuzzy=fuzzy,
        untranslated=untranslated,
        problems=tuple(problems),
        faulty=frozenset(faulty),
        translator=translator_name(catalog),
        digest=digest(language, domain, distinct, strings, reviewed_with(config, language, domain)),
        record=read_record(review_path(config, language, domain)),
    )


def digest(
    language: str, domain: str, units: tuple[Unit, ...], strings: dict[str, str], extra: str = ""
) -> str:
    """SHA-256 over each source text and its translation, in reading order, and `extra`."""
    pairs = [[unit.msgid, strings.get(unit.msgid)] for unit in units]
    signed = [language, domain, pairs, *([extra] if extra else [])]
    data = json.dumps(signed, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def reviewed_with(config: Config, language: str, domain: str) -> str:
    """What else a reviewer signs off with a translation: with the tool's words, the
    language's speech table (locales/<lang>/speech.toml, how the audio says symbols,
    units and numbers), as the audio will use it."""
    if domain != DOMAIN:
        return ""
    return load_table(config.locales_dir, language).text


def read_record(path: Path) -> ReviewRecord | None:
    """The review record beside a PO file; None if there is none."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ReviewRecord(
            reviewer=str(data["reviewer"]),
            date=date.fromisoformat(data["date"]),
            digest=str(data["digest"]),
            translator=str(data.get("translator", "")),
        )
    except (OSError, ValueError, KeyError, TypeError) as err:
        message = f"not a valid review record ({err}); sign the translation off again"
        raise ContentError([Problem(path, None, message)]) from None
