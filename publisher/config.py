"""publisher.toml -> Config. A missing file means the defaults below."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem, UsageError
from .text.characters import shown, text_problems

# Language tags as BCP 47 writes them for the languages a leaflet is published in.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?$")

ALL_FORMATS = ("pdf", "docx", "html", "audio", "epub")
PROPERTY_LENGTH = 255  # the organisation is the Word file's author: a core property
MIN_FONT_SIZE, MAX_FONT_SIZE = 16, 24

# Page sizes in points (width, height), portrait. UKAAF large print is A4.
PAGE_SIZES = {"A4": (595.28, 841.89), "A5": (419.53, 595.28), "LETTER": (612.0, 792.0)}


@dataclass(frozen=True, slots=True)
class Voice:
    """Which speech engine reads a language, and with which of its voices."""

    engine: str = "espeak"
    voice: str = ""


@dataclass(frozen=True, slots=True)
class Reviewer:
    """A person who may sign off translations: their name, SSH public key and languages."""

    name: str
    key: str  # one line, as in ~/.ssh/id_ed25519.pub: 'ssh-ed25519 AAAA... comment'
    languages: tuple[str, ...] = ()

    def reviews(self, language: str) -> bool:
        return any(
            tag.lower() in (language.lower(), language.split("-")[0].lower())
            for tag in self.languages
        )


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
    brand_logo: Path | None = (
        None  # PNG or SVG on the PDF's first page, Word's header, the HTML page
    )
    brand_logo_alt: str = ""
    brand_colour: str = ""  # "#RRGGBB" for headings and boxes; "" keeps the default black
    signatures: bool = True  # [review] signatures = false publishes unsigned sign-offs
    reviewers: tuple[Reviewer, ...] = ()

    def reviewers_of(self, language: str) -> tuple[Reviewer, ...]:
        return tuple(r for r in self.reviewers if r.reviews(language))

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
    "brand": {"logo": "brand_logo", "logo_alt": "brand_logo_alt", "colour": "brand_colour"},
    "review": {"signatures": "signatures", "reviewers": "reviewers"},
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


def check_languages(values: dict[str, Any], path: Path) -> None:
    """Language tags name folders in out/ and locales/: 'en-GB', never '../..'."""
    tags = [("source_language", values.get("source_language", "en-GB"))]
    tags += [("languages", tag) for tag in values.get("languages", ())]
    for key, tag in tags:
        if not LANGUAGE_TAG.match(tag):
            line = line_of(path, "publisher", key) if path.is_file() else None
            message = f"'{shown(tag)}' in '{key}' is not a language tag like en-GB or cy"
            raise ContentError([Problem(path, line, message)])


def load_config(root: Path = Path(".")) -> Config:
    """Read root/publisher.toml, refusing unknown sections and keys."""
    path = root / "publisher.toml"
    if not path.is_file():
        return _typed({"root": root}, path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        where = re.search(r" \(at line (\d+), column \d+\)$", str(err))
        line, reason = (int(where[1]), str(err)[: where.start()]) if where else (None, err)
        raise ContentError(
            [Problem(path, line, f"not valid TOML: {shown(str(reason), 120)}")]
        ) from None
    problems = text_problems(text, path, 1) or value_problems(data, path)
    if problems:
        raise ContentError(problems)
    values: dict[str, Any] = {"root": root}
    for section, table in data.items():
        if section not in TABLE or not isinstance(table, dict):
            raise ContentError([Problem(path, None, f"unknown section [{shown(section)}]")])
        for key, value in table.items():
            if key not in TABLE[section]:
                line = line_of(path, section, key)
                message = f"unknown key '{shown(key)}' in [{section}]"
                raise ContentError([Problem(path, line, message)])
            wrong = kind_problem(TABLE[section][key], value)
            if wrong:
                line = line_of(path, section, key)
                raise ContentError([Problem(path, line, f"'{key}' in [{section}] {wrong}")])
            values[TABLE[section][key]] = value
    return _typed(values, path)


def value_problems(data: dict[str, Any], path: Path) -> list[Problem]:
    """Every text setting through the text gate, after TOML's escapes ("\u202e") are read."""
    problems = []
    for section, table in data.items():
        for key, value in table.items() if isinstance(table, dict) else ():
            for text in _strings(value):
                line = line_of(path, section, key)
                problems += text_problems(text, path, line, one_line=True)
    table = data.get("publisher")
    organisation = table.get("organisation") if isinstance(table, dict) else None
    if isinstance(organisation, str) and len(organisation) > PROPERTY_LENGTH:
        message = (
            f"'organisation' is {len(organisation)} characters long; keep it to {PROPERTY_LENGTH}"
        )
        problems.append(Problem(path, line_of(path, "publisher", "organisation"), message))
    return list(dict.fromkeys(problems))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    return [s for item in value for s in _strings(item)] if isinstance(value, list) else []


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
    if name == "signatures":
        return None if isinstance(value, bool) else "must be true or false"
    if name == "reviewers":
        return reviewers_problem(value)
    return None if isinstance(value, str) else "must be text in quotes"


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


def reviewers_problem(value: Any) -> str | None:
    example = (
        '[[review.reviewers]] with name = "...", key = "ssh-ed25519 AAAA...", languages = ["cy"]'
    )
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return f"must be a list of tables: {example}"
    for spec in value:
        unknown = sorted(set(spec) - {"name", "key", "languages"})
        if unknown:
            return f"has an unknown key '{unknown[0]}' (only name, key and languages)"
        if not all(isinstance(spec.get(k), str) and spec[k].strip() for k in ("name", "key")):
            return f"needs a name and a key, in quotes, for each reviewer: {example}"
        languages = spec.get("languages", [])
        if not isinstance(languages, list) or not all(isinstance(v, str) for v in languages):
            return f'must give {spec["name"]}\'s languages as a list, like ["cy", "pl"]'
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


MIN_BRAND_CONTRAST = 7.0  # WCAG 1.4.6 (AAA), what large print and easy read promise
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def contrast_on_white(colour: str) -> float:
    """WCAG's contrast ratio of an sRGB colour ('#RRGGBB') against white."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


def _check_brand(values: dict[str, Any], path: Path) -> None:
    """A brand colour dark enough for 7:1 on white, and a logo that exists, with words."""
    colour = values.get("brand_colour", "")
    if colour:
        if not HEX_COLOUR.fullmatch(colour):
            raise _brand_error(path, "colour", f"'{colour}' is not a colour like \"#00307A\"")
        ratio = contrast_on_white(colour)
        if ratio < MIN_BRAND_CONTRAST:
            message = (
                f"the brand colour {colour} has a contrast of {ratio:.1f}:1 on white; large print "
                f"and easy read need at least {MIN_BRAND_CONTRAST:g}:1: choose a darker shade"
            )
            raise _brand_error(path, "colour", message)
    if "brand_logo" not in values:
        return
    logo = values["root"] / values["brand_logo"]
    if logo.suffix.lower() not in (".png", ".svg") or not logo.is_file():
        raise _brand_error(
            path, "logo", f"the logo '{values['brand_logo']}' is not a PNG or SVG file here"
        )
    if not values.get("brand_logo_alt", "").strip():
        raise _brand_error(
            path, "logo", "the logo needs logo_alt: the words a screen reader says for it"
        )
    values["brand_logo"] = logo


def _brand_error(path: Path, key: str, message: str) -> ContentError:
    return ContentError([Problem(path, line_of(path, "brand", key), message)])


def _typed(values: dict[str, Any], path: Path) -> Config:
    try:
        for name in ("languages", "formats"):
            if name in values:
                values[name] = tuple(str(v) for v in values[name])
        for name in ("content_dir", "locales_dir", "out_dir", "cache_dir"):
            if name in values:
                values[name] = values["root"] / values[name]
        if "reviewers" in values:
            values["reviewers"] = tuple(
                Reviewer(r["name"].strip(), r["key"].strip(), tuple(r.get("languages", ())))
                for r in values["reviewers"]
            )
        if "voices" in values:
            values["voices"] = {lang: Voice(**spec) for lang, spec in values["voices"].items()}
        unknown = sorted(set(values.get("formats", ())) - set(ALL_FORMATS))
        if unknown:
            line = line_of(path, "publisher", "formats")
            message = f"unknown format '{unknown[0]}' (choose from {', '.join(ALL_FORMATS)})"
            raise ContentError([Problem(path, line, message)])
        check_languages(values, path)
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
    _check_brand(values, path)
    values.setdefault("content_dir", values["root"] / "content")
    values.setdefault("locales_dir", values["root"] / "locales")
    values.setdefault("out_dir", values["root"] / "out")
    values.setdefault("cache_dir", values["root"] / ".cache/publisher")
    return Config(**values)
