"""A Leaflet in another language: the reviewed translation applied to every unit.

A translation that is not complete, correct and signed off is refused, unless
the build asks for a draft; a draft falls back to English wherever a string is
missing, fuzzy or wrong, and every writer marks it as an unreviewed draft.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..config import Config
from ..errors import BuildError, ContentError, NoTranslation, Problem
from ..model import Inline, Leaflet
from ..reading.glossary import mark_terms
from .dates import language_name
from .markup import from_markdown, to_markdown, without_terms
from .state import REVIEWED, Translation, leaflet_translation, tool_translation
from .toolwords import DOMAIN
from .units import Notes, walk
from .words import Words


def localise(leaflet: Leaflet, language: str, config: Config, draft: bool) -> tuple[Leaflet, Words]:
    """The leaflet and the tool's words in `language`; BuildError if it may not be published."""
    text = leaflet_translation(config, leaflet, language)
    words = tool_translation(config, language)
    if not text.exists:  # not even a draft: an English text labelled as another language
        raise NoTranslation([refusal(leaflet.slug, leaflet.source, text)])
    if not draft:
        refusals = [
            refusal(leaflet.slug, leaflet.source, state)
            for state in (text, words)
            if not state.publishable
        ]
        if refusals:
            raise BuildError(refusals)
    translated = walk(leaflet, _Translator(text))
    translated = dataclasses.replace(translated, language=language)
    table = {m: s for m, s in words.strings.items() if m not in words.faulty}
    return mark_terms(translated), Words(language, table, words.publishable, words.plural_expr)


def as_if_accepted(leaflet: Leaflet, state: Translation) -> Leaflet:
    """The translated leaflet with every finding a reviewer may accept taken as accepted."""
    kept = tuple((msgid, f) for msgid, f in state.located if not f.id)
    translated = walk(leaflet, _Translator(dataclasses.replace(state, located=kept)))
    return mark_terms(dataclasses.replace(translated, language=state.language))


class _Translator:
    """Swaps each unit for its translation (or keeps the English, in a draft)."""

    def __init__(self, state: Translation) -> None:
        self.state = state

    def _usable(self, msgid: str) -> str | None:
        if msgid in self.state.faulty:
            return None
        return self.state.strings.get(msgid)

    def text(self, text: str, notes: Notes, line: int | None) -> str:
        return self._usable(text) or text

    def inlines(self, inlines: tuple[Inline, ...], notes: Notes, line: int) -> tuple[Inline, ...]:
        found = self._usable(to_markdown(inlines))
        if found is None:
            return without_terms(inlines)  # terms are marked again in the target glossary
        try:
            return from_markdown(found, self.state.po, line)
        except ContentError:  # only reachable in a draft: qa.check counts it as an error
            return without_terms(inlines)


def no_translations(leaflet: Leaflet, languages: list[str]) -> Problem:
    """One warning for all the languages a leaflet has no translation in yet."""
    names = ", ".join(language_name(language) for language in languages)
    slug = leaflet.slug
    return Problem(
        leaflet.source,
        None,
        f"{slug} is not published in {names}: there is no translation yet: run "
        f"`publisher i18n update --lang {','.join(languages)}`, translate "
        f"locales/LANG/{slug}.po, then a second person runs "
        f"`publisher i18n review --lang LANG {slug} --reviewer NAME --key FILE` for each language",
        "warning",
    )


def refusal(subject: str, source: Path | None, state: Translation) -> Problem:
    """Why `state` may not be published, and the command that moves it forward."""
    name = language_name(state.language)
    what = state.po.as_posix() + (" (the tool's own words)" if state.domain == DOMAIN else "")
    review = (
        f"publisher i18n review --lang {state.language} {state.domain} --reviewer NAME --key FILE"
    )
    update = f"publisher i18n update --lang {state.language}"
    if not state.exists:
        return Problem(
            source,
            None,
            f"{subject} is not published in {name}: there is no translation yet: run `{update}`, "
            f"translate {state.po.as_posix()}, then a second person runs `{review}`",
        )
    if not state.complete:
        reason = (
            f"{what} is not complete ({state.fuzzy} fuzzy, {state.untranslated} untranslated): "
            f"run `{update}`, finish it, then a second person runs `{review}`"
        )
    elif state.distrust:
        record = review_path_of(state)
        reason = (
            f"{record} cannot be trusted: {'; '.join(state.distrust)}: "
            f"a reviewer named in publisher.toml runs `{review}`"
        )
    elif state.errors:
        reason = (
            f"{what} fails {len(state.errors)} check(s) (see `publisher check`): "
            f"fix them, then a second person runs `{review}`"
        )
    else:
        when = ""
        if state.record is not None and state.review_state != REVIEWED:
            when = f" (reviewed by {state.record.reviewer} on {state.record.date}, changed since)"
        reason = f"{what} is not signed off{when}: a second person runs `{review}`"
    message = f"{subject} is not published in {name}: {reason}; or build with --draft"
    return Problem(source, None, message)


def review_path_of(state: Translation) -> str:
    return state.po.with_name(f"{state.domain}.review.json").as_posix()
