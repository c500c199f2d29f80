"""Words in another language than the leaflet's, in that language's braille code, marked.

liblouis's Arabic and Bengali tables write Latin letters with the cells of their own letters,
and no table has a sign for a change of language. So a run in another language is written
with its own language's table (English in UEB) and enclosed in UEB's code switch indicators
(UEB Rules 14.3): the opening non-UEB passage indicator (dots 5, 12356 ... 3) with the
language's code between as its identifier (14.3.3), and the closing one (dots 6, 5, 23456).
In a leaflet in another code with English in it, they enclose the UEB, as 13.7.3 advises;
in a UEB leaflet they enclose the other code. A transcriber's note on the title page shows
each opening sign with the language's name, as 14.2.5 asks of identifiers.
"""

from __future__ import annotations

import unicodedata

from babel import Locale, UnknownLocaleError

from .cells import dots, from_ascii

OPEN, IDENTIFIED, CLOSE = dots("5", "12356"), dots("3"), dots("6", "5", "23456")


def primary(language: str) -> str:
    """The language subtag of a BCP 47 tag: 'en' of 'en-GB'."""
    return language.replace("_", "-").split("-")[0].lower()


def opening(language: str) -> str:
    """The opening non-UEB passage indicator with the language's code: 5, 12356, e, n, 3."""
    return OPEN + from_ascii(primary(language)) + IDENTIFIED


def enclose(cells: str, language: str) -> str:
    return opening(language) + cells + CLOSE if cells else ""


def is_latin_word(word: str) -> bool:
    """Whether a word's letters are all Latin ('CT', 'example.org'); digits alone are not."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(unicodedata.name(c, "").startswith("LATIN") for c in letters)


def language_name(language: str, reader: str) -> str:
    """A language's name in the reader's language (CLDR), or its code when CLDR has none."""
    try:
        name = Locale.parse(primary(reader)).languages.get(primary(language))
    except (ValueError, UnknownLocaleError):
        name = None
    return name or primary(language)
