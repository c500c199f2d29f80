"""Where one language of one leaflet (or of the tool's words) stands right now.

Everything is measured against the current source, not only the PO file: a
source edited since the last `i18n update` shows as untranslated and as
changed since review. The review digest covers exactly the source units and
the translations that would be printed and spoken.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from babel.messages.catalog import Catalog

from ..config import Config
from ..errors import ContentError, Problem
from ..model import Leaflet
from .catalogs import po_path, read_catalog, review_path, translation_of, translators_of
from .qa import Finding, Languages, check
from .record import ReviewRecord, distrust, read_record, text_digest
from .toolwords import DOMAIN, tool_words
from .units import Unit, leaflet_units

REVIEWED, CHANGED, NOT_REVIEWED = "reviewed", "changed since review", "not reviewed"
NOT_VALID = "sign-off not valid"


@dataclass(frozen=True, slots=True)
class Translation:
    """One language of one domain: counts, check results and review state."""

    language: str
    domain: str
    po: Path
    exists: bool
    units: tuple[Unit, ...]
    strings: dict[str, str | tuple[str, ...]]  # msgid -> translation (plural: every form)
    fuzzy: int
    untranslated: int
    findings: tuple[Finding, ...]  # every check result, accepted ones included
    translators: tuple[str, ...]  # Last-Translator, then the header's list of contributors
    digest: str
    record: ReviewRecord | None
    distrust: tuple[str, ...]  # why the record cannot be trusted (forged, unsigned, ...)
    plural_expr: str  # Plural-Forms' plural= of the PO file

    @property
    def translator(self) -> str:
        return self.translators[0] if self.translators else ""

    @property
    def pairs(self) -> tuple[tuple[str, object], ...]:
        return tuple((unit.msgid, self.strings.get(unit.msgid)) for unit in self.units)

    @property
    def accepted(self) -> frozenset[str]:
        """Findings the reviewer accepted in a record that can be trusted."""
        if self.record is None or self.distrust:
            return frozenset()
        return frozenset(self.record.accepted)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(f.problem for f in self.findings if f.id not in self.accepted or not f.id)

    @property
    def faulty(self) -> frozenset[str]:
        """Msgids whose translation has an error not accepted: a draft shows the English."""
        return frozenset(
            msgid
            for msgid, finding in self.located
            if finding.problem.severity == "error" and finding.id not in self.accepted
        )

    located: tuple[tuple[str, Finding], ...] = ()  # (msgid, finding), for `faulty`

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
        if self.distrust:
            return NOT_VALID
        if self.record is None:
            return NOT_REVIEWED
        same = set(self.record.translators) == set(self.translators)
        return REVIEWED if self.record.digest == self.digest and same else CHANGED

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
    languages = Languages(config.source_language, language)
    strings: dict[str, str] = {}
    fuzzy = untranslated = 0
    located: list[tuple[str, Finding]] = []
    for unit in distinct:
        message = translation_of(catalog, unit.msgid)
        text = _text(message, unit, catalog)
        if not text:
            untranslated += 1
        elif message is not None and message.fuzzy:
            fuzzy += 1
        else:
            strings[unit.msgid] = text
            line = message.lineno if message else None
            for form in text if isinstance(text, tuple) else (text,):
                checked = replace(unit, msgid=unit.plural) if unit.plural else unit
                found = check(checked, form, path, line, domain == DOMAIN, languages)
                located += [(unit.msgid, finding) for finding in found]
    pairs = tuple((unit.msgid, strings.get(unit.msgid)) for unit in distinct)
    record, doubts = _record(config, language, domain)
    return Translation(
        language=language,
        domain=domain,
        po=path,
        exists=path.is_file(),
        units=distinct,
        strings=strings,
        fuzzy=fuzzy,
        untranslated=untranslated,
        findings=tuple(f for _, f in located),
        translators=translators_of(catalog),
        digest=text_digest(language, domain, pairs),
        record=record,
        distrust=doubts,
        plural_expr=catalog.plural_expr if path.is_file() else "(n != 1)",
        located=tuple(located),
    )


def _text(message, unit: Unit, catalog: Catalog) -> str | tuple[str, ...]:
    """The translation ('' when missing); a plural word's forms, all of them or nothing."""
    if message is None:
        return ""
    if unit.plural:
        forms = message.string if isinstance(message.string, tuple | list) else ()
        complete = len(forms) == catalog.num_plurals and all(forms)
        return tuple(forms) if complete and isinstance(message.id, tuple | list) else ""
    return message.string if isinstance(message.string, str) else ""


def _record(config: Config, language: str, domain: str) -> tuple[ReviewRecord | None, tuple]:
    """The review record and every reason not to trust it (a broken file is one)."""
    try:
        record = read_record(review_path(config, language, domain))
    except ContentError as err:
        return None, tuple(p.message for p in err.problems)
    if record is None:
        return None, ()
    return record, tuple(distrust(record, config, language, domain))
