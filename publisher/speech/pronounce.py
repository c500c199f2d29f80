"""How the audio says what was written for the eye.

Marks that only steer how text is drawn (direction marks, the Arabic tatweel) are taken
out, then the leaflet's own `pronounce` lexicon applies, then phone numbers digit by
digit (their groups apart with the language's own comma), money, doses with their units,
and number ranges. Numbers themselves stay digits: each engine reads them by its own
language's rules, Western and Arabic-Indic digits alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n.words import Words
from ..text.bidi import BIDI_CONTROLS
from ..text.scripts import script_of

# Abbreviation -> (one, many): the words for a dose or measure.
UNITS = {
    "mmol/L": ("millimole per litre", "millimoles per litre"),
    "mmol/l": ("millimole per litre", "millimoles per litre"),
    "mcg": ("microgram", "micrograms"),
    "µg": ("microgram", "micrograms"),
    "μg": ("microgram", "micrograms"),
    "mg": ("milligram", "milligrams"),
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "ml": ("millilitre", "millilitres"),
    "mL": ("millilitre", "millilitres"),
    "l": ("litre", "litres"),
    "L": ("litre", "litres"),
    "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"),
}
WORDS = (
    *dict.fromkeys(word for pair in UNITS.values() for word in pair),
    "{low} to {high}",
    "{pounds} pound",
    "{pounds} pounds",
    "{pounds} pounds {pence}",
)

NUMBER = r"\d+(?:[.,]\d+)?"
PHONE = re.compile(r"(?<![\w+])\+?\d[\d \-]{7,}\d(?!\w)")
MONEY = re.compile(r"£(\d+)(?:\.(\d\d))?(?!\d)")
UNIT = re.compile(rf"(?<![\w.,])({NUMBER})\s?({'|'.join(re.escape(u) for u in UNITS)})(?![\w/])")
RANGE = re.compile(rf"(?<![\w.,\-–])({NUMBER})\s?[-–]\s?({NUMBER})(?![\w\-–])")
SPACES = re.compile(r"\s+")
# Drawn, never said: direction marks, and the tatweel that stretches an Arabic word.
NOT_SAID = str.maketrans(dict.fromkeys([*BIDI_CONTROLS, "\u0640"]))
# The comma a language's speech engine pauses at, by script (others use ',').
COMMAS = {"Arab": "\u060c", "Hans": "\uff0c", "Hant": "\uff0c", "Jpan": "\u3001"}


def digits(number: str, language: str = "en-GB") -> str:
    """'0800 123 4567' -> '0 8 0 0, 1 2 3, 4 5 6 7': each digit said, groups kept apart
    by the comma of the language ('،' in Arabic and Urdu, '，' in Chinese)."""
    groups = [group for group in re.split(r"[\s\-]+", number.strip()) if group]
    comma = COMMAS.get(script_of(language), ",")
    return f"{comma} ".join(" ".join(group) for group in groups)


def is_phone(text: str) -> bool:
    """Whether some text is a phone number (a run of at least 9 digits, spaces, dashes)."""
    found = PHONE.fullmatch(text.strip())
    return found is not None and _is_phone_match(found.group(0))


def _is_phone_match(text: str) -> bool:
    return 9 <= sum(c.isdigit() for c in text) <= 15


@dataclass(frozen=True, slots=True)
class Pronouncer:
    """Turns a leaflet's written text into the words to speak, in its language."""

    words: Words
    language: str
    lexicon: tuple[tuple[str, str], ...] = ()

    def __call__(self, text: str) -> str:
        text = text.translate(NOT_SAID)
        for step in (self.lexicon_applied, self.phones, self.money, self.units, self.ranges):
            text = step(text)
        return SPACES.sub(" ", text).strip()

    def phones(self, text: str) -> str:
        def say(found: re.Match[str]) -> str:
            number = found.group(0)
            return digits(number, self.language) if _is_phone_match(number) else number

        return PHONE.sub(say, text)

    def lexicon_applied(self, text: str) -> str:
        """Whole words as the `pronounce` list says; longer entries first (PET-CT before CT)."""
        if not self.lexicon:
            return text
        said = dict(self.lexicon)
        written = sorted(said, key=len, reverse=True)
        pattern = re.compile(rf"(?<!\w)({'|'.join(re.escape(w) for w in written)})(?!\w)")
        return pattern.sub(lambda found: said[found.group(1)], text)

    def money(self, text: str) -> str:
        def say(found: re.Match[str]) -> str:
            pounds, pence = found.group(1), found.group(2)
            if pence and pence != "00":
                return self.said(
                    "{pounds} pounds {pence}", found.group(0), pounds=pounds, pence=pence
                )
            msgid = "{pounds} pound" if pounds == "1" else "{pounds} pounds"
            return self.said(msgid, found.group(0), pounds=pounds)

        return MONEY.sub(say, text)

    def units(self, text: str) -> str:
        def say(found: re.Match[str]) -> str:
            number, unit = found.groups()
            one, many = UNITS[unit]
            name = self.said(one if number == "1" else many, unit)
            return f"{number} {name}"

        return UNIT.sub(say, text)

    def ranges(self, text: str) -> str:
        def say(found: re.Match[str]) -> str:
            low, high = found.groups()
            return self.said("{low} to {high}", found.group(0), low=low, high=high)

        return RANGE.sub(say, text)

    def said(self, msgid: str, written: str, **values: str) -> str:
        """The tool's words for a phrase; untranslated English is not put in another language."""
        if self.words.table.get(msgid) or self.language.lower().startswith("en"):
            return self.words(msgid, **values)
        return written
