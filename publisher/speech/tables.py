"""The per-language speech tables: locales/<lang>/speech.toml, data a translator extends.

A project's own `locales/<lang>/speech.toml` (then `locales/<base>/speech.toml`) wins; else
the copy that ships with the tool. The file's text is part of what a reviewer signs off
with the tool's words (i18n/state.py), so a changed table is a changed translation.
"""

from __future__ import annotations

import functools
import re
import string
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, Problem

FILE = "speech.toml"
SOURCE_LOCALES = Path(__file__).resolve().parents[2] / "locales"
PLURALS = ("zero", "one", "two", "few", "many", "other")  # CLDR plural categories
SECTIONS = {
    "numbers", "symbols", "units", "per", "words", "times", "money", "address", "references",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class SpeechTable:
    """One language's rules for saying what is written for the eye."""

    language: str
    path: Path | None = None
    text: str = ""  # the file as written: what the review digest covers
    range: str = ""  # "{low} to {high}"
    out_of: str = ""  # "{a} out of {b}": 7/10
    emergency: tuple[str, ...] = ()  # numbers always said digit by digit
    counted: tuple[str, ...] = ()  # words that make one of those a count: "111 days"
    date_order: str = "dmy"  # how 12/03/2026 is meant
    symbols: dict[str, str] = field(default_factory=dict)
    units: dict[str, dict[str, str]] = field(default_factory=dict)  # word -> plural -> "{n} ..."
    per: dict[str, str] = field(default_factory=dict)  # "day" in "g/day" -> "a day"
    words: dict[str, str] = field(default_factory=dict)  # whole tokens: "24/7", "e.g.", "Aug"
    times: dict[str, str] = field(default_factory=dict)  # "am" -> "{time} a m"
    money: dict[str, str] = field(default_factory=dict)  # one, other, pence
    address: dict[str, str] = field(default_factory=dict)  # at, dot, slash, dash
    references: dict[str, str] = field(default_factory=dict)  # et_al, count templates


def load_table(locales: Path, language: str) -> SpeechTable:
    """The table for `language`: the project's, else the tool's own; empty if neither has one."""
    for path in _candidates(locales, language):
        if path.is_file():
            return _read(path, language, path.stat().st_mtime_ns)
    return SpeechTable(language)


def _candidates(locales: Path, language: str) -> Iterator[Path]:
    """The project's tables, then the checkout's, then a wheel's (found only if needed:
    importlib.metadata is slow to load)."""
    tags = list(dict.fromkeys([language, language.split("-")[0]]))
    for folder in (locales, SOURCE_LOCALES):
        yield from (folder / tag / FILE for tag in tags)
    for folder in _installed():
        yield from (folder / tag / FILE for tag in tags)


@functools.cache
def _installed() -> tuple[Path, ...]:
    """Where a wheel put the tool's tables (share/publisher/locales, see pyproject.toml)."""
    from importlib import metadata

    try:
        files = metadata.distribution("publisher").files or []
    except metadata.PackageNotFoundError:
        return ()
    found = {Path(str(f.locate())).resolve().parents[1] for f in files if f.name == FILE}
    return tuple(sorted(found))


@functools.cache
def _read(path: Path, language: str, _mtime: int) -> SpeechTable:
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = f"not a valid speech table: {err}"
        raise ContentError([Problem(path, _line_of(err), message)]) from None
    problems = _problems(path, data)
    if problems:
        raise ContentError(problems)
    numbers = data.get("numbers", {})
    return SpeechTable(
        language=language,
        path=path,
        text=text,
        range=str(numbers.get("range", "")),
        out_of=str(numbers.get("out_of", "")),
        emergency=tuple(str(n) for n in numbers.get("emergency", ())),
        counted=tuple(str(word) for word in numbers.get("counted", ())),
        date_order=str(numbers.get("date_order", "dmy")),
        symbols=data.get("symbols", {}),
        units=data.get("units", {}),
        per=data.get("per", {}),
        words=data.get("words", {}),
        times=data.get("times", {}),
        money=data.get("money", {}),
        address=data.get("address", {}),
        references=data.get("references", {}),
    )


def _problems(path: Path, data: dict) -> list[Problem]:
    """Unknown sections, values that are not text, and placeholders that are wrong."""
    found = [f"unknown section [{name}]" for name in data if name not in SECTIONS]
    for name, section in data.items():
        if not isinstance(section, dict):
            found.append(f"[{name}] must be a table of entries")
            continue
        for key, value in section.items():
            found += _entry_problems(name, key, value)
    return [Problem(path, None, message) for message in found]


def _entry_problems(section: str, key: str, value: object) -> list[str]:
    where = f"[{section}] '{key}'"
    if section == "numbers" and key == "emergency":
        numbers = value if isinstance(value, list) else [None]
        if not all(isinstance(n, str) and re.fullmatch(r"\d+(?: \d+)*", n) for n in numbers):
            return [f'{where} must be a list of numbers in quotes, such as ["999", "116 123"]']
        return []
    if section == "numbers" and key == "counted":
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            return [f'{where} must be a list of words in quotes, such as ["days", "people"]']
        return []
    if section == "units":
        if not isinstance(value, dict) or "other" not in value:
            return [f"{where} needs at least an 'other' form: {{ other = \"{{n}} ...\" }}"]
        if unknown := set(value) - set(PLURALS):
            return [f"{where}: unknown plural forms {sorted(unknown)} (use {', '.join(PLURALS)})"]
        return [
            p
            for form, text in value.items()
            for p in _text_problems(f"{where} {form}", text, section, form)
        ]
    return _text_problems(where, value, section, key)


def _text_problems(where: str, value: object, section: str, key: str) -> list[str]:
    """A value must be text, with exactly the placeholders its place allows."""
    if not isinstance(value, str):
        return [f"{where} must be text in quotes"]
    if section == "numbers" and key == "date_order":
        return [] if value in ("dmy", "mdy") else [f'{where} must be "dmy" or "mdy"']
    try:
        names = {field for _, field, _, _ in string.Formatter().parse(value) if field is not None}
    except ValueError:
        return [f"{where}: unbalanced braces in {value!r}"]
    nothing: tuple[set[str], set[str]] = (set(), set())
    allowed, required = PLACEHOLDERS.get((section, key), PLACEHOLDERS.get((section, "*"), nothing))
    if not names <= allowed or not required <= names:
        shown = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "no placeholders"
        return [f"{where}: {value!r} must use {shown}" + (" (all of them)" if required else "")]
    return []


# (section, key) -> (placeholders allowed, placeholders required); '*' for any key.
PLACEHOLDERS: dict[tuple[str, str], tuple[set[str], set[str]]] = {
    ("numbers", "range"): ({"low", "high"}, {"low", "high"}),
    ("numbers", "out_of"): ({"a", "b"}, {"a", "b"}),
    ("symbols", "*"): ({"n"}, set()),
    ("units", "zero"): ({"n"}, set()),
    ("units", "one"): ({"n"}, set()),
    ("units", "two"): ({"n"}, set()),  # Arabic's dual says the number in the noun
    ("units", "*"): ({"n"}, {"n"}),
    ("times", "*"): ({"time"}, {"time"}),
    ("money", "pence"): ({"n", "pence"}, {"n", "pence"}),
    ("money", "*"): ({"n"}, {"n"}),
    ("references", "title"): (set(), set()),
    ("references", "et_al"): (set(), set()),
    ("references", "*"): ({"n"}, set()),
}


def _line_of(err: tomllib.TOMLDecodeError) -> int | None:
    marker = "(at line "
    message = str(err)
    if marker not in message:
        return None
    return int(message.split(marker)[1].split(",")[0])
