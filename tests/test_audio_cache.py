"""The synthesis cache: a rebuild speaks only what changed; and progress on a terminal."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from publisher.config import Config, Voice
from publisher.formats import WriteContext
from publisher.formats.audio.writer import write as write_audio
from publisher.reading.source import read_leaflet
from publisher.speech.engines.espeak import EspeakEngine

from .conftest import write_leaflet

TODAY = date(2026, 6, 1)
BODY = """## Before your scan

We will send you a letter with the date and time of your scan.

You can eat and drink as normal, unless your letter says not to.

## After your scan

Your doctor will tell you the results.
"""


@pytest.fixture
def spoken(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text that reaches the engine."""
    texts: list[str] = []
    original = EspeakEngine.synthesise

    def counting(self, text, voice, settings):
        texts.append(text)
        return original(self, text, voice, settings)

    monkeypatch.setattr(EspeakEngine, "synthesise", counting)
    return texts


def test_a_rebuild_speaks_only_the_changed_paragraph(tmp_path: Path, spoken: list[str]) -> None:
    context = WriteContext(Config(cache_dir=tmp_path / "cache"), TODAY)
    source = write_leaflet(tmp_path / "content", BODY)
    write_audio(read_leaflet(source), tmp_path / "first.mp3", context)
    assert len(spoken) > 10
    spoken.clear()
    write_audio(read_leaflet(source), tmp_path / "second.mp3", context)
    assert spoken == []  # everything came from the cache
    assert (tmp_path / "second.mp3").stat().st_size > 10_000
    source.write_text(source.read_text().replace("as normal", "as usual"))
    write_audio(read_leaflet(source), tmp_path / "third.mp3", context)
    assert spoken == ["You can eat and drink as usual, unless your letter says not to."]


def test_cache_files_are_whole_and_a_broken_one_is_made_again(
    tmp_path: Path, spoken: list[str]
) -> None:
    context = WriteContext(Config(cache_dir=tmp_path / "cache"), TODAY)
    leaflet = read_leaflet(write_leaflet(tmp_path / "content", BODY))
    write_audio(leaflet, tmp_path / "first.mp3", context)
    stored = sorted((tmp_path / "cache").rglob("*"))
    files = [p for p in stored if p.is_file()]
    assert len(files) == len(set(spoken))
    assert not [p for p in files if p.name.startswith(".")]  # no temporary files left
    files[0].write_bytes(b"not a cache file")
    files[1].write_bytes(b"")  # what a power cut can leave: entries are not flushed to disk
    spoken.clear()
    write_audio(leaflet, tmp_path / "second.mp3", context)
    assert len(spoken) == 2


def test_the_engine_voice_and_settings_are_part_of_the_key(tmp_path: Path, spoken) -> None:
    config = Config(cache_dir=tmp_path / "cache")
    leaflet = read_leaflet(write_leaflet(tmp_path / "content", BODY))
    write_audio(leaflet, tmp_path / "en.mp3", WriteContext(config, TODAY))
    first = len(spoken)
    welsh_voice = Config(cache_dir=tmp_path / "cache", voices={"en": Voice("espeak", "cel/cy")})
    write_audio(leaflet, tmp_path / "cy.mp3", WriteContext(welsh_voice, TODAY))
    assert len(spoken) == 2 * first  # another voice: nothing reused


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_synthesis_shows_progress_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    leaflet = read_leaflet(write_leaflet(tmp_path / "content", BODY))
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    write_audio(leaflet, tmp_path / "a.mp3", WriteContext(Config(cache_dir=tmp_path / "c1"), TODAY))
    assert "speaking Test leaflet (en-GB)" in terminal.getvalue()
    piped = io.StringIO()
    monkeypatch.setattr("sys.stderr", piped)
    write_audio(leaflet, tmp_path / "b.mp3", WriteContext(Config(cache_dir=tmp_path / "c2"), TODAY))
    assert piped.getvalue() == ""
