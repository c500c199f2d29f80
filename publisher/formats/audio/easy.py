"""The easy-read recording: the easy-read text alone, spoken slowly (publisher.toml's
[easy_read] words_per_minute), one point per pause; the easy-read page plays it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ...model import Leaflet
from ...speech.cache import SpeechCache
from ...speech.easy import EASY_TITLE, easy_script
from ...speech.engines.base import Settings
from ...speech.engines.registry import choose
from .. import WriteContext
from .writer import encoded, render


def write(leaflet: Leaflet, path: Path, context: WriteContext) -> None:
    choice = choose(context.config, leaflet.language)
    script = easy_script(leaflet, context)
    settings = Settings(rate=context.config.easy_words_per_minute)
    chapters = render(script, choice, context, SpeechCache(context.config.cache_dir), settings)
    # The tags name the easy-read version, so a player's list tells the two recordings apart.
    named = dataclasses.replace(leaflet, title=context.words(EASY_TITLE, title=leaflet.title))
    path.write_bytes(encoded(named, context, script, chapters))
