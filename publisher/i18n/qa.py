"""Checks on one translation against its source, as Weblate and translate-toolkit do.

Errors: an empty text, Markdown that does not read back, different bold,
emphasis or links, a missing or changed phone number, web address or e-mail
address, a changed {placeholder}. A number, time or date that is missing,
added, changed in its unit or moved out of order is an error a reviewer may
accept (`i18n review --accept ID`); so is every warning (text identical to the
source). Each acceptable finding has an ID made from the entry and the finding,
so accepting it once does not accept a later, different change.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Problem
from ..model import Emphasis, Inline, Link, Strong, iter_inlines, plain_text
from .markup import from_markdown
from .numbers import Quantity, quantities
from .toolwords import PLACEHOLDER, placeholders
from .units import Unit

URL = re.compile(
    r"(?:https?://|www\.)[^\s<>()\"]+|\b(?:[a-z0-9-]+\.)+[a-z]{2,6}/[^\s<>()\"]*", re.I
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])\+?\d(?:[ -]?\d){6,}(?!\w)")
TRAILING = ".,;:!?'\""
LETTER = re.compile(r"[^\W\d_]")
FIELD = re.compile(r"\{(\w+)\}")  # a tool word's placeholder, as str.format fills it
MARKS = {Strong: "bold (**...**)", Emphasis: "emphasis (*...*)", Link: "links ([text](address))"}


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem of one entry; `id` is set when a reviewer may accept it."""

    problem: Problem
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Languages:
    source: str
    target: str


def finding_id(kind: str, *parts: str) -> str:
    """A short, stable name for one finding of one entry: 'number-3fa2c91b'."""
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:8]
    return f"{kind}-{digest}"


def acceptable(problem: Problem, kind: str, msgid: str, translation: str) -> Finding:
    """A finding the reviewer may accept, its ID shown at the end of its message."""
    ident = finding_id(kind, msgid, translation, problem.message)
    message = f"{problem.message} [{ident}: a reviewer may accept it with --accept {ident}]"
    return Finding(Problem(problem.path, problem.line, message, problem.severity), ident)


def check(
    unit: Unit,
    translation: str,
    path: Path,
    line: int | None,
    tool_word: bool = False,
    languages: Languages = Languages("en", "en"),
) -> list[Finding]:
    """Every finding of one translated entry, at its PO file and line.

    A tool word's translation is filled in with str.format, so its braces are checked strictly."""
    short = unit.msgid if len(unit.msgid) <= 60 else unit.msgid[:57] + "..."

    def problem(message: str, severity: str = "error") -> Problem:
        return Problem(path, line, f'{message} (English: "{short}")', severity)

    def accept(message: str, kind: str, severity: str = "error") -> Finding:
        return acceptable(problem(message, severity), kind, unit.msgid, translation)

    if not LETTER.search(translation) and LETTER.search(unit.msgid):
        return [Finding(problem("the translation is empty"))]
    found = [Finding(p) for p in _fixed(unit, translation, problem, tool_word, (path, line))]
    source, target = _texts(unit, translation, path, line)
    if source is not None and target is not None:
        # a tool word's {placeholder} (even '{page:>9}') is filled in later: no number
        source_q = quantities(PLACEHOLDER.sub(" ", Things.of(*source).rest), languages.source)
        target_q = quantities(PLACEHOLDER.sub(" ", Things.of(*target).rest), languages.target)
        found += [accept(m, "number") for m in number_differences(source_q, target_q)]
    if translation.strip() == unit.msgid.strip() and _sentence(unit.msgid):
        found.append(accept("the translation is the same as the English", "same", "warning"))
    return list(dict.fromkeys(found))  # a phone number in a link's text and address: once


def _texts(
    unit: Unit, translation: str, path: Path, line: int | None
) -> tuple[tuple[str, list[str]] | None, tuple[str, list[str]] | None]:
    """Plain text and link targets of the source and the translation (None if unreadable)."""
    if not unit.markdown:
        return (unit.msgid, []), (translation, [])
    try:
        source_runs = from_markdown(unit.msgid, path, line or 0)
        target_runs = from_markdown(translation, path, line or 0)
    except ContentError:
        return None, None
    return (
        (plain_text(source_runs), link_targets(source_runs)),
        (plain_text(target_runs), link_targets(target_runs)),
    )


def _fixed(
    unit: Unit, translation: str, problem, tool_word: bool, where: tuple[Path, int | None]
) -> list[Problem]:
    """The findings no reviewer may accept: they break the output or lose a way to get help."""
    path, line = where
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
    if tool_word:
        found += [problem(m) for m in template_differences(unit.msgid, translation)]
    elif placeholders(unit.msgid) != placeholders(translation) and "{" in unit.msgid:
        found.append(problem("the {placeholders} must be the same as in the English"))
    return found


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

    def __init__(self, urls: Counter, emails: Counter, phones: Counter, rest: str) -> None:
        self.urls, self.emails, self.phones = urls, emails, phones
        self.rest = rest  # the text without them, where numbers are looked for

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
        return cls(urls, emails, phones, rest)

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


def number_differences(source: list[Quantity], target: list[Quantity]) -> list[str]:
    """Numbers, times and dates compared in order, with their units.

    The longest common run in order pairs most of them; of the rest, the same value
    elsewhere is a change of order, the same value with another unit a changed unit.
    A bare number word ('one') need not be in the other text: it is often no number."""
    paired = _in_order(source, target)
    left_source = [q for i, q in enumerate(source) if i not in paired and q.firm]
    used = set(paired.values())
    left_target = [q for i, q in enumerate(target) if i not in used and q.firm]
    messages = []
    for wanted in left_source:
        same = next((q for q in left_target if _same(wanted, q)), None)
        other_unit = next((q for q in left_target if q.value == wanted.value), None)
        if same is not None:
            left_target.remove(same)
            messages.append(
                f"{wanted.show()} is in a different place in the translation: "
                "check the numbers are in the English's order"
            )
        elif other_unit is not None:
            left_target.remove(other_unit)
            messages.append(f"{wanted.show()} became {other_unit.show()} in the translation")
        else:
            messages.append(f"{wanted.show()} is missing from the translation")
    messages += [f"the translation has {q.show()}, which the English does not" for q in left_target]
    return messages


def _in_order(source: list[Quantity], target: list[Quantity]) -> dict[int, int]:
    """Source index -> target index of the best sequence of matching quantities, in order.

    A firm source quantity (digits, a counted unit) weighs more than a bare number word,
    so 'an injection ... a minute' pairs 'a minute', not 'an', with the translation's 1."""
    rows, cols = len(source), len(target)
    best = [[0] * (cols + 1) for _ in range(rows + 1)]

    def gain(i: int, j: int) -> int:
        return (
            (2 if source[i].firm else 1) + best[i + 1][j + 1] if _same(source[i], target[j]) else 0
        )

    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], gain(i, j))
    pairs, i, j = {}, 0, 0
    while i < rows and j < cols:
        if _same(source[i], target[j]) and best[i][j] == gain(i, j):
            pairs[i] = j
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def _same(a: Quantity, b: Quantity) -> bool:
    """The same value, and the same unit where both texts name one.

    A time may be written as a bare hour ('8pm' as '20' or '8'), and the other way round."""
    if a.kind == b.kind:
        return a.value == b.value and (a.unit is None or b.unit is None or a.unit == b.unit)
    times = [q.value for q in (a, b) if q.kind == "time"]
    numbers = [q.value for q in (a, b) if q.kind == "number"]
    if len(times) == 1 and len(numbers) == 1 and isinstance(times[0], int) and times[0] % 60 == 0:
        hour = times[0] // 60
        return numbers[0] in (str(hour), str(hour % 12 or 12))
    return False
