"""Written text -> the words to speak, by one language's speech table (tables.py).

One ordered list of steps, each a pattern and the table entries it uses: addresses,
phone and emergency numbers, dates, times, money, whole words and abbreviations,
ratios ('7/10'), units and rates, ranges, then symbols. Whatever no step could say and no engine would say is
dropped, and `dropped` names it so that `publisher check` can warn before a listener
misses it. Numbers themselves stay digits: each engine reads them in its own language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ..i18n.dates import babel_locale, format_date
from ..text.phones import dialled
from ..text.scripts import script_of
from .tables import SpeechTable

NUMBER = r"\d+(?:[.,]\d+)?"
# A phone number: at least 9 digits in groups, maybe "+44 (0)20 ..." with a trunk zero.
PHONE = re.compile(r"(?<![\w+])(\+\d{1,3}\s?\(0\)\s?)?\+?\d[\d \-]{7,}\d(?!\w)")
ADDRESS = re.compile(
    r"(?:(?:https?://|mailto:|www\.)[^\s<>()]+[^\s<>().,;:!?'\"]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    # a bare web address as leaflets print it: 'example.org/scans', 'nhs.uk'
    r"|(?<![\w@.])(?:[a-z0-9-]+\.)+(?:org|com|net|uk|gov|nhs|wales|scot|info|eu|pl|ie)\b"
    r"(?:/[^\s<>()]*[^\s<>().,;:!?'\"])?)",
    re.IGNORECASE,
)
DMY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
ISO_DATE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
RANGE = re.compile(rf"(?<![\w.,\-–])({NUMBER})\s?[-–—]\s?({NUMBER})(?![\w\-–])")
TIMES_BY = re.compile(r"(?<=\d)\s?[x×]\s?(?=\d)")  # "2x500" -> "2 × 500"
SPACES = re.compile(r"\s+")
# Punctuation an engine pauses at rather than says: kept. Everything else that is not a
# letter, mark, digit or space and that no table entry says is dropped (and warned of).
PAUSES = set(".,;:!?'\"…·¿¡،؛؟।。、")  # and every bracket, quote and dash (_said)
SILENT = set("|•")  # list and layout marks: dropped quietly, like a line break


@dataclass(frozen=True, slots=True)
class Normaliser:
    """The words to speak for some written text, in one language."""

    table: SpeechTable
    language: str

    def __call__(self, text: str) -> str:
        for step in self.steps():
            text = step(text)
        kept = "".join(_kept(c) for c in text)  # what is dropped: see `dropped`
        return SPACES.sub(" ", kept).strip()

    def dropped(self, text: str) -> list[str]:
        """The characters of `text` that would not be spoken, each once, in order."""
        for step in self.steps():
            text = step(text)
        return list(dict.fromkeys(c for c in text if not _said(c) and not _silent(c)))

    def steps(self) -> tuple[Callable[[str], str], ...]:
        return (
            self.addresses,
            self.phones,
            self.emergency,
            self.dates,
            self.times,
            self.money,
            self.words,
            self.ratios,
            self.units,
            self.ranges,
            self.symbols,
        )

    # --- the steps, in order -------------------------------------------------

    def addresses(self, text: str) -> str:
        """Web and e-mail addresses said by their parts: 'example dot org slash help'."""
        spoken = self.table.address
        if not spoken:
            return text

        def say(found: re.Match[str]) -> str:
            address = re.sub(r"^(?:https?://|mailto:)", "", found.group(0), flags=re.I)
            address = address.removeprefix("www.").rstrip("/")
            for mark, key in (("@", "at"), (".", "dot"), ("/", "slash"), ("-", "dash")):
                if key in spoken:
                    address = address.replace(mark, f" {spoken[key]} ")
            return address

        return ADDRESS.sub(say, text)

    def emergency(self, text: str) -> str:
        """Emergency and short service numbers ('999', '116 123'): digit by digit, unless a unit
        or a counted word follows ('112 ml' is a dose, 'wait 111 days' is not a call)."""
        units, counted = _whole_words(self.table.units), _whole_words(self.table.counted)
        not_a_call = rf"(?!\s?(?:[%°]|{units}))(?!\s(?i:{counted}))"
        for number in sorted(self.table.emergency, key=len, reverse=True):
            groups = number.split()
            pattern = r"[\s\-]?".join(_digit_class(g) for g in groups)
            text = re.sub(
                rf"(?<![\d\w+£$€]){pattern}(?![\d\w]){not_a_call}",
                lambda found: digits(found.group(0), self.language),
                text,
            )
        return text

    def phones(self, text: str) -> str:
        def say(found: re.Match[str]) -> str:
            number = found.group(0)
            if not 9 <= sum(c.isdigit() for c in number) <= 16:
                return number
            return digits(dialled(number), self.language)

        return PHONE.sub(say, text)

    def dates(self, text: str) -> str:
        def say(day: int, month: int, year: int, written: str) -> str:
            try:
                return format_date(date(year, month, day), self.language)
            except ValueError:
                return written

        def dmy(found: re.Match[str]) -> str:
            first, second, year = (int(g) for g in found.groups())
            day, month = (second, first) if self.table.date_order == "mdy" else (first, second)
            return say(day, month, year, found.group(0))

        text = DMY.sub(dmy, text)
        return ISO_DATE.sub(
            lambda f: say(int(f.group(3)), int(f.group(2)), int(f.group(1)), f.group(0)), text
        )

    def times(self, text: str) -> str:
        """'8am', '8.30pm', '8yb': a time said with the table's words."""
        if not self.table.times:
            return text
        suffixes = "|".join(re.escape(s) for s in sorted(self.table.times, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w.:])(\d{{1,2}})(?:[:.](\d\d))?\s?({suffixes})(?!\w)")

        def say(found: re.Match[str]) -> str:
            hour, minutes, suffix = found.groups()
            time = hour if minutes in (None, "00") else f"{hour} {minutes}"
            return self.table.times[suffix].format(time=time)

        return pattern.sub(say, text)

    def money(self, text: str) -> str:
        money = self.table.money
        if not money:
            return text

        def say(found: re.Match[str]) -> str:
            pounds, pence = found.group(1), found.group(2)
            if pence and pence != "00" and "pence" in money:
                return money["pence"].format(n=pounds, pence=pence)
            form = "one" if pounds == "1" and "one" in money else "other"
            return money[form].format(n=pounds)

        return re.sub(r"£(\d+)(?:\.(\d\d))?(?!\d)", say, text)

    def words(self, text: str) -> str:
        """Whole tokens as the table says: '24/7', 'e.g.', 'Aug', 'AJCC', '½'."""
        return _replace_tokens(text, self.table.words)

    def ratios(self, text: str) -> str:
        """'7/10' (a pain score) -> '7 out of 10'; fractions and dates are said before."""
        said = self.table.out_of
        if not said:
            return text
        return re.sub(
            r"(?<![\w/.,])(\d+)\s?/\s?(\d+)(?![\w/])",
            lambda f: f" {said.format(a=f.group(1), b=f.group(2))} ",
            text,
        )

    def units(self, text: str) -> str:
        """'4 g/day' -> '4 grams a day'; '5 mg' -> '5 milligrams'; 'tablets/day' too."""
        units, per = self.table.units, self.table.per
        if not units:
            return text
        text = TIMES_BY.sub(" × ", text)
        names = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
        rates = "|".join(re.escape(p) for p in sorted(per, key=len, reverse=True)) or "(?!)"
        pattern = re.compile(rf"(?<![\w.,])({NUMBER})\s?({names})(?:\s?/\s?({rates}))?(?![\w/])")

        def say(found: re.Match[str]) -> str:
            number, unit, rate = found.groups()
            forms = units[unit]
            spoken = forms.get(self.plural(number), forms["other"]).format(n=number)
            return f"{spoken} {per[rate]}" if rate else spoken

        text = pattern.sub(say, text)
        if per:
            text = re.sub(
                rf"(?<=[^\W\d])/({rates})(?![\w/])", lambda f: f" {per[f.group(1)]}", text
            )
        return text

    def ranges(self, text: str) -> str:
        if not self.table.range:
            return text
        return RANGE.sub(
            lambda f: f" {self.table.range.format(low=f.group(1), high=f.group(2))} ", text
        )

    def symbols(self, text: str) -> str:
        """Each symbol the table names, said with spaces around it, longest first; then
        those whose words take the amount after them ('> 4 g' -> '4 গ্রাম এর বেশি')."""
        symbols = self.table.symbols
        around = [s for s in symbols if "{n}" in symbols[s]]
        for symbol in sorted(set(symbols) - set(around), key=len, reverse=True):
            text = text.replace(symbol, f" {symbols[symbol]} ")
        for symbol in sorted(around, key=len, reverse=True):
            said = symbols[symbol]
            amount = re.compile(rf"{re.escape(symbol)}\s?({NUMBER}(?:\s+(?:{self.unit_words()}))?)")
            text = amount.sub(lambda f, said=said: f" {said.format(n=f.group(1))} ", text)
            text = text.replace(symbol, f" {said.replace('{n}', '')} ")
        return text

    def unit_words(self) -> str:
        """The words that may follow a number once units and symbols are said, as a pattern."""
        units = self.table.units.values()
        words = {form.replace("{n}", "").strip() for forms in units for form in forms.values()}
        words |= {said for said in self.table.symbols.values() if "{n}" not in said}
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w) or "(?!)"

    # --- helpers -------------------------------------------------------------

    def plural(self, number: str) -> str:
        """The CLDR plural category of a written number in this language."""
        try:
            value = float(number.replace(",", ".")) if re.search(r"[.,]", number) else int(number)
            return babel_locale(self.language).plural_form(value)
        except ValueError:
            return "other"


def digits(number: str, language: str = "en-GB") -> str:
    """'0800 123 4567' -> '0 8 0 0, 1 2 3, 4 5 6 7': each digit said, groups kept apart
    by the comma of the language ('،' in Arabic and Urdu, '，' in Chinese)."""
    groups = [group for group in re.split(r"[\s\-]+", number.strip()) if group]
    comma = COMMAS.get(script_of(language), ",")
    return f"{comma} ".join(" ".join(group) for group in groups)


COMMAS = {"Arab": "\u060c", "Hans": "\uff0c", "Hant": "\uff0c", "Jpan": "\u3001"}


def _said(char: str) -> bool:
    """Letters, marks, digits, spaces, and the punctuation an engine pauses at."""
    category = unicodedata.category(char)
    return char in PAUSES or char.isspace() or category[0] in "LMN" or category in BREAKS


BREAKS = {"Pi", "Pf", "Ps", "Pe", "Pd"}  # quotes, brackets, dashes


def _kept(char: str) -> str:
    """The character as the engine gets it: itself, nothing (an invisible format character
    such as a zero-width joiner inside a word), or a space where a symbol was."""
    if _said(char):
        return char
    return "" if unicodedata.category(char) == "Cf" else " "


def _silent(char: str) -> bool:
    """Dropped without a word: layout marks, and invisible format characters (soft hyphen,
    zero-width space and joiners) that show nothing on the page either."""
    return char in SILENT or unicodedata.category(char) == "Cf"


def _whole_words(names: Iterable[str]) -> str:
    """Names as one pattern, longest first, each a whole word; one that never matches if none."""
    written = sorted(names, key=len, reverse=True)
    return "|".join(rf"{re.escape(name)}(?!\w)" for name in written) or "(?!)"


def _digit_class(group: str) -> str:
    """A number's digits matched in any script ('999' also as '٩٩٩' or '৯৯৯')."""
    return "".join(f"[{''.join(SAME_DIGIT[int(d)])}]" for d in group)


SAME_DIGIT = [
    [chr(base + value) for base in (0x30, 0x660, 0x6F0, 0x966, 0x9E6)] for value in range(10)
]


def _replace_tokens(text: str, table: dict[str, str]) -> str:
    if not table:
        return text
    written = sorted(table, key=len, reverse=True)
    pattern = re.compile(rf"(?<![\w/])({'|'.join(re.escape(w) for w in written)})(?![\w/])")
    return pattern.sub(lambda found: f" {table[found.group(1)]} ", text)
