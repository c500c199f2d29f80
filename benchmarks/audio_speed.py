"""How fast the audio is made: seconds of speech per second of build time, for a sample leaflet.

    .venv/bin/python benchmarks/audio_speed.py [content/secondary-breast-cancer.md] [--engine espeak]

It builds the MP3 twice, with an empty synthesis cache and then with a full
one, and prints both rates. Offline with espeak (the default); with gtts it
calls Google's service.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from mutagen.mp3 import MP3

from publisher.config import Config
from publisher.formats import WriteContext
from publisher.formats.audio.writer import write as write_audio
from publisher.reading.source import read_leaflet
from publisher.speech.engines.registry import with_engine

ROOT = Path(__file__).resolve().parent.parent


def timed_build(leaflet_path: Path, context: WriteContext, target: Path) -> tuple[float, float]:
    """(seconds of audio, seconds of build time) for one build."""
    leaflet = read_leaflet(leaflet_path)
    start = time.perf_counter()
    write_audio(leaflet, target, context)
    took = time.perf_counter() - start
    return MP3(target).info.length, took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "leaflet", nargs="?", type=Path, default=ROOT / "content" / "secondary-breast-cancer.md"
    )
    parser.add_argument("--engine", default="espeak", help="espeak (offline) or gtts (online)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        config = with_engine(Config(cache_dir=folder / "cache"), options.engine)
        context = WriteContext(config, date.today())
        for run in ("empty cache", "full cache"):
            audio, took = timed_build(options.leaflet, context, folder / "out.mp3")
            print(
                f"{options.leaflet.name} with {options.engine}, {run}: "
                f"{audio:.1f} s of audio in {took:.2f} s = {audio / took:.1f} s of audio per second"
            )


if __name__ == "__main__":
    main()
