"""Braille settings `check` reports before `build` meets them: every language braille is
built in needs a liblouis table in publisher.toml (or among the defaults)."""

from __future__ import annotations

from pathlib import Path

from ..config import Config, line_of
from ..errors import Problem
from ..i18n.dates import language_name
from ..model import Leaflet

BRAILLE_FORMATS = ("braille", "pef")


def braille_problems(leaflets: list[Leaflet], config: Config) -> list[Problem]:
    """An error for each language to publish in braille that has no braille table."""
    if not set(BRAILLE_FORMATS) & set(config.formats):
        return []
    languages = dict.fromkeys([leaflet.language for leaflet in leaflets] + list(config.languages))
    return [
        no_table(language, config) for language in languages if not config.braille_table(language)
    ]


def no_table(language: str, config: Config) -> Problem:
    settings = config.root / "publisher.toml"
    message = (
        f"no braille table for {language_name(language)}: add one to [braille.tables], "
        f'like {language.split("-")[0]} = "<liblouis table>"'
    )
    return Problem(settings, setting_line(settings, language), message)


def setting_line(settings: Path, language: str) -> int | None:
    """The line of publisher.toml that sets the language's table, else its [braille.tables]."""
    if not settings.is_file():
        return None
    for key in (language, language.split("-")[0], "tables"):
        line = line_of(settings, "braille", key)
        if line is not None:
            return line
    return None
