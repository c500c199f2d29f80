"""The per-language speech tables: locales/<lang>/speech.toml, data a translator extends.

A project's own `locales/<lang>/speech.toml` (then `locales/<base>/speech.toml`) wins; else
the copy that ships with the tool. The file's text is part of what a reviewer signs off
with the tool's words (i18n/state.py), so a changed table is a changed translation.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
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
    emergency: tuple[str, ...] = ()  # numbers always said digit by digit
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


def _candidates(locales: Path, language: str) -> list[Path]:
    tags = list(dict.fromkeys([language, language.split("-")[0]]))
    folders = [locales, SOURCE_LOCALES, *_installed()]
    return [folder / tag / FILE for folder in folders for tag in tags]


@functools.cache
def _installed() -> tuple[Path, ...]:
    """Where a wheel put the tool's tables (share/publisher/locales, see pyproject.toml)."""
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
        emergency=tuple(str(n) for n in numbers.get("emergency", ())),
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
    """Unknown sections, values that are not text, units without an 'other' form."""
    found = [f"unknown section [{name}]" for name in data if name not in SECTIONS]
    for name, section in data.items():
        if not isinstance(section, dict):
            found.append(f"[{name}] must be a table of entries")
            continue
        for key, value in section.items():
            if name == "units":
                if not isinstance(value, dict) or "other" not in value:
                    found.append(f"[units] '{key}' needs at least an 'other' form")
                elif unknown := set(value) - set(PLURALS):
                    found.append(f"[units] '{key}': unknown plural forms {sorted(unknown)}")
            elif name == "numbers" and key == "emergency":
                if not isinstance(value, list):
                    found.append("[numbers] emergency must be a list of numbers as text")
            elif not isinstance(value, str):
                found.append(f"[{name}] '{key}' must be text in quotes")
    return [Problem(path, None, message) for message in found]


def _line_of(err: tomllib.TOMLDecodeError) -> int | None:
    marker = "(at line "
    message = str(err)
    if marker not in message:
        return None
    return int(message.split(marker)[1].split(",")[0])
