"""Checks on one translation against its source, as Weblate and translate-toolkit do.

Errors: an empty text, Markdown that does not read back, different bold,
emphasis or links, a missing or changed number, phone number, web address or
e-mail address, a changed {placeholder}. Warnings: text identical to the
source, numbers the source does not have.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from ..errors import ContentError, Problem
from ..model import Emphasis, Inline, Link, Strong, iter_inlines, plain_text
from .markup import from_markdown
from .toolwords import PLACEHOLDER, placeholders
from .units import Unit

URL = re.compile(
    r"(?:https?://|www\.)[^\s<>()\"]+|\b(?:[a-z0-9-]+\.)+[a-z]{2,6}/[^\s<>()\"]*", re.I
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])\+?\d(?:[ -]?\d){6,}(?!\w)")
# Times: 9am, 9.30pm, 8yb / 8yh (Welsh: y bore, yr hwyr, y prynhawn), and 24-hour 17:00.
TIME_12 = re.compile(
    r"(?<![\d:.])(\d{1,2})(?:[:.](\d{2}))?\s?(a\.?m\.?|p\.?m\.?|y\.?b\.?|y\.?h\.?|y\.?p\.?)(?!\w)",
    re.I,
)
TIME_24 = re.compile(r"(?<![\d:.])([01]?\d|2[0-3]):([0-5]\d)(?!\d)")
AFTERNOON = {"pm", "yh", "yp"}  # Welsh: yr hwyr, y prynhawn
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
TRAILING = ".,;:!?'\""
LETTER = re.compile(r"[^\W\d_]")
FIELD = re.compile(r"\{(\w+)\}")  # a tool word's placeholder, as str.format fills it
MARKS = {Strong: "bold (**...**)", Emphasis: "emphasis (*...*)", Link: "links ([text](address))"}


def check(
    unit: Unit, translation: str, path: Path, line: int | None, tool_word: bool = False
) -> list[Problem]:
    """Every problem of one translated entry, at its PO file and line.

    A tool word's translation is filled in with str.format, so its braces are checked strictly."""
    short = unit.msgid if len(unit.msgid) <= 60 else unit.msgid[:57] + "..."

    def problem(message: str, severity: str = "error") -> Problem:
        return Problem(path, line, f'{message} (English: "{short}")', severity)

    if not LETTER.search(translation) and LETTER.search(unit.msgid):
        return [problem("the translation is empty")]
    source_text, target_text = unit.msgid, translation
    source_links: list[str] = []
    target_links: list[str] = []
    found: list[Problem] = []
    if unit.markdown:
        try:
            source_runs = from_markdown(unit.msgid, path, line or 0)
            target_runs = from_markdown(translation, path, line or 0)
        except ContentError as err:
            return [
                problem(f"the translation's Markdown is not allowed: {p.message}")
                for p in err.problems
            ]
        found += [problem(m) for m in markup_differences(source_runs, target_runs)]
        source_text, target_text = plain_text(source_runs), plain_text(target_runs)
        source_links, target_links = link_targets(source_runs), link_targets(target_runs)
    source = Things.of(source_text, source_links)
    target = Things.of(target_text, target_links)
    found += [problem(m) for m in source.differences(target)]
    found += [problem(m, "warning") for m in extra_numbers(source.numbers, target.numbers)]
    found += [problem(m) for m in missing_numbers(source.numbers, target.numbers)]
    if tool_word:
        found += [problem(m) for m in template_differences(unit.msgid, translation)]
    elif placeholders(unit.msgid) != placeholders(translation) and "{" in unit.msgid:
        found.append(problem("the {placeholders} must be the same as in the English"))
    if translation.strip() == unit.msgid.strip() and _sentence(unit.msgid):
        found.append(problem("the translation is the same as the English", "warning"))
    return list(dict.fromkeys(found))  # a phone number in a link's text and address: once


def template_differences(source: str, target: str) -> list[str]:
    """Braces in a tool word's translation: exactly the English's {name}s and nothing else,
    since anything else ('{', '}}', '{page!r}', '{page.real}') breaks or subverts str.format."""
    if set("{}") & set(FIELD.sub("", target)):
        return [
            "braces may hold only the English's {placeholders}, written exactly as there: "
            "remove any other '{' or '}'"
        ]
    if sorted(FIELD.findall(source)) != sorted(FIELD.findall(target)):
        return ["the {placeholders} must be the same as in the English"]
    return []


def _sentence(text: str) -> bool:
    """Two words or more: a single word ('gram', 'MRI') may well be the same in both languages."""
    words = [w for w in PLACEHOLDER.sub(" ", text).split() if LETTER.search(w)]
    return len(words) >= 2


def markup_differences(source: tuple[Inline, ...], target: tuple[Inline, ...]) -> list[str]:
    messages = []
    for kind, name in MARKS.items():
        have = sum(isinstance(run, kind) for run in iter_inlines(source))
        got = sum(isinstance(run, kind) for run in iter_inlines(target))
        if have != got:
            messages.append(
                f"{name}: the English has {have}, the translation {got}; "
                "check for a missing or extra mark"
            )
    return messages


def link_targets(runs: tuple[Inline, ...]) -> list[str]:
    return [run.url for run in iter_inlines(runs) if isinstance(run, Link)]


class Things:
    """The addresses, phone numbers and numbers found in one text and its link targets."""

    def __init__(self, urls: Counter, emails: Counter, phones: Counter, numbers: list) -> None:
        self.urls, self.emails, self.phones, self.numbers = urls, emails, phones, numbers

    @classmethod
    def of(cls, text: str, links: list[str]) -> Things:
        text = ascii_digits(text)
        urls: Counter = Counter()
        emails: Counter = Counter()
        phones: Counter = Counter()
        for target in links:
            scheme, _, rest = target.partition(":")
            if scheme.lower() == "mailto":
                emails[rest.lower()] += 1
            elif scheme.lower() == "tel":
                phones[_digits(rest)] += 1
            else:
                urls[target] += 1
        rest = text
        for pattern, bag, key in (
            (EMAIL, emails, str.lower),
            (URL, urls, lambda u: u.rstrip(TRAILING)),
            (PHONE, phones, _digits),
        ):
            for found in pattern.finditer(rest):
                bag[key(found.group(0))] += 1
            rest = pattern.sub(" ", rest)
        return cls(urls, emails, phones, numbers_in(rest))

    def differences(self, other: Things) -> list[str]:
        messages = []
        for name, mine, theirs in (
            ("web address", self.urls, other.urls),
            ("e-mail address", self.emails, other.emails),
            ("phone number", self.phones, other.phones),
        ):
            for value in sorted((mine - theirs).elements()):
                messages.append(f"the {name} {value} is missing from the translation")
            for value in sorted((theirs - mine).elements()):
                messages.append(f"the {name} {value} is not in the English; copy it exactly")
        return messages


def ascii_digits(text: str) -> str:
    """Digits of any script as 0-9: '١٠' (Arabic-Indic) and '১০' (Bengali) are 10."""
    return re.sub(r"\d", lambda found: str(unicodedata.decimal(found.group(0))), text)


def _digits(text: str) -> str:
    return ("+" if text.strip().startswith("+") else "") + re.sub(r"\D", "", text)


# A number is ("n", "1.5"); a time is ("t", minutes after midnight).
def numbers_in(text: str) -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for match in TIME_12.finditer(text):
        suffix = re.sub(r"\W", "", match.group(3)).lower()
        hour = int(match.group(1)) % 12 + (12 if suffix in AFTERNOON else 0)
        found.append(("t", hour * 60 + int(match.group(2) or 0)))
    text = TIME_12.sub(" ", text)
    for match in TIME_24.finditer(text):
        found.append(("t", int(match.group(1)) * 60 + int(match.group(2))))
    text = TIME_24.sub(" ", text)
    for match in NUMBER.finditer(text):
        found.append(("n", _number(match.group(0))))
    return found


def _number(text: str) -> str:
    value = text.replace(",", ".")
    return value.lstrip("0") or "0"


def _matches(wanted: tuple[str, object], offered: tuple[str, object]) -> bool:
    """A time may be written as a bare hour ('8pm' as '20' or '8'), and the other way round."""
    if wanted == offered:
        return True
    times = [v for kind, v in (wanted, offered) if kind == "t"]
    numbers = [v for kind, v in (wanted, offered) if kind == "n"]
    if len(times) == 1 and len(numbers) == 1 and isinstance(times[0], int) and times[0] % 60 == 0:
        hour = times[0] // 60
        return numbers[0] in (str(hour), str(hour % 12 or 12))
    return False


def _pair(source: list, target: list) -> tuple[list, list]:
    """The source numbers with no partner in the target, and the target's left over."""
    left = list(target)
    missing = []
    for wanted in source:
        partner = next((offer for offer in left if _matches(wanted, offer)), None)
        if partner is None:
            missing.append(wanted)
        else:
            left.remove(partner)
    return missing, left


def _show(value: tuple[str, object]) -> str:
    kind, number = value
    if kind == "t" and isinstance(number, int):
        return f"the time {number // 60:02d}:{number % 60:02d}"
    return f"the number {number}"


def missing_numbers(source: list, target: list) -> list[str]:
    missing, _ = _pair(source, target)
    return [f"{_show(value)} is missing from the translation" for value in missing]


def extra_numbers(source: list, target: list) -> list[str]:
    _, extra = _pair(source, target)
    return [f"the translation has {_show(value)}, which the English does not" for value in extra]
