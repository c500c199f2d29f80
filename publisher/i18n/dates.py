"""Dates as a reader of a language writes them (Babel's CLDR data): '2 Mawrth 2026'."""

from __future__ import annotations

import functools
from datetime import date

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date


def format_date(day: date, language: str) -> str:
    """A long date in `language` (a BCP 47 tag such as en-GB, cy or pl)."""
    return babel_format_date(day, format="long", locale=babel_locale(language))


@functools.cache  # Babel parses the tag and merges its data each time: a catalogue has hundreds
def babel_locale(language: str) -> Locale:
    """Babel's locale for a tag; an unknown tag falls back to its base language, then English."""
    for tag in (language, language.split("-")[0]):
        try:
            return Locale.parse(tag, sep="-")
        except (ValueError, UnknownLocaleError):
            continue
    return Locale.parse("en_GB")


def language_name(language: str) -> str:
    """The English name of a language, for messages: 'Welsh (cy)'."""
    base = language.split("-")[0].lower()
    name = Locale.parse("en").languages.get(base, language)
    return f"{name} ({language})"
