"""The quantities of a text in reading order: numbers with their units, times and dates as values.

'Wait one to two weeks' reads as [1, 2 weeks]; '8pm' as the time 20:00; '2 March
2026' as a date. Number words come from num2words (one to a hundred in the
language, where it knows the language), unit words and month names from CLDR
(Babel), so 'un a deux ans' is found to say years where the English said weeks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale
from babel.dates import get_month_names
from babel.units import format_unit
from num2words import num2words

from .dates import babel_locale

# Units a leaflet gives doses, lengths and waits in; CLDR names them in every language.
UNITS = (
    "duration-second",
    "duration-minute",
    "duration-hour",
    "duration-day",
    "duration-week",
    "duration-month",
    "duration-year",
    "mass-microgram",
    "mass-milligram",
    "mass-gram",
    "mass-kilogram",
    "volume-milliliter",
    "volume-liter",
    "length-millimeter",
    "length-centimeter",
    "length-meter",
    "temperature-celsius",
)
COUNTS = (0, 1, 2, 3, 4, 5, 6, 11, 21, 100, Decimal("1.5"))
WORD_NUMBERS = range(0, 101)
TIME_12 = re.compile(
    r"(?<![\d:.])(\d{1,2})(?:[:.](\d{2}))?\s?(a\.?m\.?|p\.?m\.?|y\.?b\.?|y\.?h\.?|y\.?p\.?)(?!\w)",
    re.I,
)
TIME_24 = re.compile(r"(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?!\d)")
NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/])")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
AFTERNOON = {"pm", "yh", "yp"}  # Welsh: yr hwyr, y prynhawn


@dataclass(frozen=True, slots=True)
class Quantity:
    kind: str  # "number", "time" (minutes after midnight) or "date" ((year, month, day))
    value: object
    unit: str | None  # a CLDR unit such as "duration-week"
    firm: bool  # digits, a time, a date or a counted unit; a bare number word ('one') is not
    at: int

    def show(self) -> str:
        if self.kind == "time" and isinstance(self.value, int):
            return f"the time {self.value // 60:02d}:{self.value % 60:02d}"
        if self.kind == "date" and isinstance(self.value, tuple):
            year, month, day = self.value
            return f"the date {day} {_ENGLISH_MONTHS[month - 1]}" + (f" {year}" if year else "")
        unit = f" {self.unit.split('-', 1)[1]}(s)" if self.unit else ""
        return f"the number {self.value}{unit}"


_ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def quantities(text: str, language: str) -> list[Quantity]:
    """Every quantity of `text` in the order a reader meets it."""
    text = _ascii_digits(unicodedata.normalize("NFKC", text))
    found: list[Quantity] = []
    text = _take_times(text, found)
    text = _take_dates(text, language, found)
    table = _table(language)
    for match in table.pattern.finditer(text):
        number, word, unit_text = match.group("n"), match.group("w"), match.group("u")
        unit = table.units.get(_fold(unit_text)) if unit_text else None
        if number:
            found.append(Quantity("number", _number(number), unit, True, match.start()))
        elif word and unit is None and _fold(word) in ARTICLES.get(table.language, {}):
            continue  # 'a scan' is no number; 'a week' is
        elif word:
            value = str(table.words[_fold(word)])
            found.append(Quantity("number", value, unit, unit is not None, match.start()))
        else:  # a unit word that is itself a count: Arabic 'أسبوعان', two weeks
            count, unit = table.counted[_fold(match.group("c"))]
            found.append(Quantity("number", str(count), unit, True, match.start()))
    return sorted(found, key=lambda q: q.at)


def _take_times(text: str, found: list[Quantity]) -> str:
    for match in TIME_12.finditer(text):
        suffix = re.sub(r"\W", "", match.group(3)).lower()
        hour = int(match.group(1)) % 12 + (12 if suffix in AFTERNOON else 0)
        found.append(
            Quantity("time", hour * 60 + int(match.group(2) or 0), None, True, match.start())
        )
    text = _blank(TIME_12, text)
    for match in TIME_24.finditer(text):
        minutes = int(match.group(1)) * 60 + int(match.group(2))
        found.append(Quantity("time", minutes, None, True, match.start()))
    return _blank(TIME_24, text)


def _take_dates(text: str, language: str, found: list[Quantity]) -> str:
    for match in ISO_DATE.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        found.append(Quantity("date", (year, month, day), None, True, match.start()))
    text = _blank(ISO_DATE, text)
    for match in NUMERIC_DATE.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        found.append(Quantity("date", (year, month, day), None, True, match.start()))
    text = _blank(NUMERIC_DATE, text)
    months = _months(language)
    for match in months.pattern.finditer(text):
        month = months.numbers[_fold(match.group("m1") or match.group("m2"))]
        day = int(match.group("d1") or match.group("d2"))
        year = int(match.group("y")) if match.group("y") else 0
        found.append(Quantity("date", (year, month, day), None, True, match.start()))
    return _blank(months.pattern, text)


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """The text with each match replaced by spaces, so later positions stay true."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


@dataclass(frozen=True, slots=True)
class _Table:
    language: str
    pattern: re.Pattern[str]
    words: dict[str, int]  # 'two' -> 2
    units: dict[str, str]  # 'weeks' -> 'duration-week'
    counted: dict[str, tuple[int, str]]  # a unit form with no digits: 'أسبوعان' -> (2, week)


@lru_cache(maxsize=32)
def _table(language: str) -> _Table:
    """Number words and unit words of a language (and of English, whose units leak into others)."""
    locale = babel_locale(language)
    words = _number_words(locale.language)
    units: dict[str, str] = {}
    counted: dict[str, tuple[int, str]] = {}
    for tag in dict.fromkeys([str(locale), "en"]):
        for unit in UNITS:
            for count in COUNTS:
                for length in ("long", "short"):
                    form = format_unit(count, unit, length=length, locale=tag)
                    _add_unit_form(form, count, unit, units, counted)
    word_list = "|".join(_alternatives(words)) or r"(?!x)x"
    unit_list = "|".join(_alternatives(units)) or r"(?!x)x"
    counted_list = "|".join(_alternatives(counted)) or r"(?!x)x"
    space = r"[\s\u00a0\u202f-]?"
    pattern = (
        rf"(?:(?P<n>(?<![\w.,])\d+(?:[.,]\d+)*)|(?<!\w)(?P<w>{word_list})(?!\w))"
        rf"(?:{space}(?P<u>{unit_list})(?!\w))?"
        rf"|(?<!\w)(?P<c>{counted_list})(?!\w)"
    )
    return _Table(locale.language, re.compile(pattern, re.I), words, units, counted)


def _add_unit_form(
    form: str, count: object, unit: str, units: dict[str, str], counted: dict[str, tuple[int, str]]
) -> None:
    word = _fold(re.sub(r"[\d.,]+", " ", _ascii_digits(form)))
    if not word or not re.search(r"[^\W\d_]|[µ°]", word):
        return
    if re.search(r"\d", _ascii_digits(form)):
        units.setdefault(word, unit)
    elif count == 2:  # a dual says how many by itself; a singular alone is no count
        counted.setdefault(word, (count, unit))


ARTICLES = {"en": {"a": 1, "an": 1}}  # 'a week' is one week (counted only before a unit)


def _number_words(language: str) -> dict[str, int]:
    words = dict(ARTICLES.get(language, {}))
    for tag in dict.fromkeys([language, "en"]) if language == "en" else [language]:
        for value in WORD_NUMBERS:
            try:
                spoken = num2words(value, lang=tag)
            except (NotImplementedError, KeyError, ValueError, TypeError, OverflowError):
                return words
            words.setdefault(_fold(spoken), value)
    return words


def _alternatives(forms: dict) -> list[str]:
    """Longest first, so 'twenty one' wins over 'twenty'; spaces match any space."""
    ordered = sorted(forms, key=len, reverse=True)
    return [r"[\s\u00a0\u202f-]+".join(re.escape(part) for part in f.split()) for f in ordered]


@dataclass(frozen=True, slots=True)
class _Months:
    pattern: re.Pattern[str]
    numbers: dict[str, int]


@lru_cache(maxsize=32)
def _months(language: str) -> _Months:
    """'2 March 2026', 'March 2', '2 marca 2026': day, month name (CLDR), optional year."""
    locale: Locale = babel_locale(language)
    numbers: dict[str, int] = {}
    for tag in dict.fromkeys([str(locale), "en"]):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for month, name in get_month_names(width, context, tag).items():
                    numbers.setdefault(_fold(name.rstrip(".")), month)
    names = "|".join(_alternatives(numbers))
    day = r"(?:[0-2]?\d|3[01])"
    pattern = (
        rf"(?<![\d\w])(?:(?P<d1>{day})(?:\.|st|nd|rd|th)?\s+(?P<m1>{names})\.?"
        rf"|(?P<m2>{names})\.?\s+(?P<d2>{day})(?:st|nd|rd|th)?,?)(?!\w)(?:\s+(?P<y>\d{{4}}))?"
    )
    return _Months(re.compile(pattern, re.I), numbers)


def _fold(text: str | None) -> str:
    return " ".join((text or "").casefold().replace("\u00a0", " ").replace("\u202f", " ").split())


def _ascii_digits(text: str) -> str:
    """Digits of any script as 0-9: '١٠' (Arabic-Indic) and '১০' (Bengali) are 10."""
    return re.sub(r"\d", lambda found: str(unicodedata.decimal(found.group(0))), text)


def _number(text: str) -> str:
    """'1,5' and '1.5' are 1.5; '1,000' is a thousand; '007' is 7."""
    thousands = re.fullmatch(r"\d{1,3}(?:,\d{3})+", text)
    value = text.replace(",", "") if thousands else text.replace(",", ".")
    try:
        return str(Decimal(value).normalize()) if "." in value else str(int(value))
    except (InvalidOperation, ValueError):
        return value
