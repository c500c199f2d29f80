"""publisher.toml -> Config. A missing file means the defaults below."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem, UsageError

ALL_FORMATS = ("pdf", "docx", "html", "audio", "easy-audio")
MIN_FONT_SIZE, MAX_FONT_SIZE = 16, 24

# Page sizes in points (width, height), portrait. UKAAF large print is A4.
PAGE_SIZES = {"A4": (595.28, 841.89), "A5": (419.53, 595.28), "LETTER": (612.0, 792.0)}


@dataclass(frozen=True, slots=True)
class Voice:
    """Which speech engine reads a language, and with which of its voices."""

    engine: str = "espeak"
    voice: str = ""


@dataclass(frozen=True, slots=True)
class Config:
    root: Path = Path(".")
    organisation: str = "Example Health Charity"
    source_language: str = "en-GB"
    languages: tuple[str, ...] = ()
    formats: tuple[str, ...] = ALL_FORMATS
    font_size: float = 18
    page_size: str = "A4"
    speech_engine: str = "espeak"
    voices: dict[str, Voice] = field(default_factory=dict)
    content_dir: Path = Path("content")
    locales_dir: Path = Path("locales")
    out_dir: Path = Path("out")
    cache_dir: Path = Path(".cache/publisher")
    easy_min_coverage: int = 50  # percent of sections with easy-read text; check warns below
    easy_refuse_below: bool = False  # true: no easy-read page is published below the minimum
    easy_words_per_minute: int = 130  # the easy-read recording: slower than the full one

    def voice_for(self, language: str) -> Voice:
        """The configured voice of a language, else of its base language, else the default."""
        for tag in (language, language.split("-")[0]):
            if tag in self.voices:
                return self.voices[tag]
        return Voice(self.speech_engine)

    def with_options(self, **options: Any) -> Config:
        """A copy with command-line options (those not None) taking precedence."""
        given = {k: v for k, v in options.items() if v is not None}
        if "font_size" in given:
            check_font_size(given["font_size"])
        return dataclasses.replace(self, **given)


# Sections and keys of publisher.toml, mapped to Config fields.
TABLE = {
    "publisher": {
        "organisation": "organisation",
        "source_language": "source_language",
        "languages": "languages",
        "formats": "formats",
    },
    "print": {"font_size": "font_size", "page_size": "page_size"},
    "speech": {"engine": "speech_engine", "voices": "voices"},
    "easy_read": {
        "min_coverage": "easy_min_coverage",
        "refuse_below": "easy_refuse_below",
        "words_per_minute": "easy_words_per_minute",
    },
    "paths": {
        "content": "content_dir",
        "locales": "locales_dir",
        "out": "out_dir",
        "cache": "cache_dir",
    },
}


def check_font_size(size: float) -> None:
    if not MIN_FONT_SIZE <= size <= MAX_FONT_SIZE:
        raise UsageError(
            f"font size {size:g}pt is outside {MIN_FONT_SIZE} to {MAX_FONT_SIZE}pt "
            "(large print is at least 16pt)"
        )


def load_config(root: Path = Path(".")) -> Config:
    """Read root/publisher.toml, refusing unknown sections and keys."""
    path = root / "publisher.toml"
    if not path.is_file():
        return _typed({"root": root}, path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        where = re.search(r" \(at line (\d+), column \d+\)$", str(err))
        line, reason = (int(where[1]), str(err)[: where.start()]) if where else (None, err)
        raise ContentError([Problem(path, line, f"not valid TOML: {reason}")]) from None
    values: dict[str, Any] = {"root": root}
    for section, table in data.items():
        if section not in TABLE or not isinstance(table, dict):
            raise ContentError([Problem(path, None, f"unknown section [{section}]")])
        for key, value in table.items():
            if key not in TABLE[section]:
                line = line_of(path, section, key)
                raise ContentError([Problem(path, line, f"unknown key '{key}' in [{section}]")])
            wrong = kind_problem(TABLE[section][key], value)
            if wrong:
                line = line_of(path, section, key)
                raise ContentError([Problem(path, line, f"'{key}' in [{section}] {wrong}")])
            values[TABLE[section][key]] = value
    return _typed(values, path)


def kind_problem(name: str, value: Any) -> str | None:
    """What is wrong with the type of a setting, in words; None when it is right."""
    if name in ("languages", "formats"):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return None
        example = '["cy", "pl"]' if name == "languages" else '["pdf", "html"]'
        return f"must be a list of names in quotes, like {example}"
    if name == "font_size":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else "must be a number of points, like 18"
    if name == "voices":
        return voices_problem(value)
    if name == "easy_refuse_below":
        return None if isinstance(value, bool) else "must be true or false"
    if name in ("easy_min_coverage", "easy_words_per_minute"):
        return _whole_number_problem(name, value)
    return None if isinstance(value, str) else "must be text in quotes"


def _whole_number_problem(name: str, value: Any) -> str | None:
    low, high = (0, 100) if name == "easy_min_coverage" else (80, 200)
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return None
    return f"must be a whole number from {low} to {high}"


def voices_problem(value: Any) -> str | None:
    fields = {f.name for f in dataclasses.fields(Voice)}
    if not isinstance(value, dict):
        return 'must be a table of languages, like cy = { engine = "espeak" }'
    for language, spec in value.items():
        if not isinstance(spec, dict):
            return f'must give {language} a table, like {language} = {{ engine = "espeak" }}'
        unknown = sorted(set(spec) - fields)
        if unknown:
            return f"gives {language} an unknown key '{unknown[0]}' (only engine and voice)"
        if not all(isinstance(v, str) for v in spec.values()):
            return f"must give {language}'s engine and voice as text in quotes"
    return None


def line_of(path: Path, section: str, key: str) -> int | None:
    """The line that sets `key` in `section` (or a sub-table of it), for the message."""
    current = ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.split("#")[0].strip()
        if text.startswith("["):
            if text.replace(" ", "").startswith(f"[{section}.{key}"):
                return number
            current = text.strip("[] ").split(".")[0].strip()
        elif current == section and text.partition("=")[0].strip().strip("\"'") == key:
            return number
    return None


def _typed(values: dict[str, Any], path: Path) -> Config:
    try:
        for name in ("languages", "formats"):
            if name in values:
                values[name] = tuple(str(v) for v in values[name])
        for name in ("content_dir", "locales_dir", "out_dir", "cache_dir"):
            if name in values:
                values[name] = values["root"] / values[name]
        if "voices" in values:
            values["voices"] = {lang: Voice(**spec) for lang, spec in values["voices"].items()}
        unknown = sorted(set(values.get("formats", ())) - set(ALL_FORMATS))
        if unknown:
            line = line_of(path, "publisher", "formats")
            message = f"unknown format '{unknown[0]}' (choose from {', '.join(ALL_FORMATS)})"
            raise ContentError([Problem(path, line, message)])
        check_font_size(float(values.get("font_size", 18)))
        page = str(values.get("page_size", "A4"))
        if page.upper() not in PAGE_SIZES:
            line = line_of(path, "print", "page_size")
            message = f"unknown page size '{page}' (choose from {', '.join(PAGE_SIZES)})"
            raise ContentError([Problem(path, line, message)])
    except UsageError as err:
        line = line_of(path, "print", "font_size") if path.is_file() else None
        raise ContentError([dataclasses.replace(err.problems[0], path=path, line=line)]) from None
    except (TypeError, ValueError) as err:
        raise ContentError([Problem(path, None, str(err))]) from None
    values.setdefault("content_dir", values["root"] / "content")
    values.setdefault("locales_dir", values["root"] / "locales")
    values.setdefault("out_dir", values["root"] / "out")
    values.setdefault("cache_dir", values["root"] / ".cache/publisher")
    return Config(**values)
