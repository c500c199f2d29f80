"""Leaflet -> spoken MP3: speech script, synthesis (cached), loudness, MP3 with ID3 chapters.

For blind and partially sighted listeners: one chapter per section so a
player can skip between them, tags that name the leaflet, its organisation
and language, and an even loudness from the first chapter to the last.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import sys
from pathlib import Path

import click
import numpy as np
from scipy.signal import resample_poly

from ...model import Leaflet
from ...speech import loudness
from ...speech.cache import SpeechCache
from ...speech.engines.base import Settings, Speech
from ...speech.engines.registry import Choice, choose
from ...speech.script import Script, speech_script
from ...speech.synth import Progress, speak_all
from .. import WriteContext
from .mp3 import RATE, encode, tags

SILENCE_DBFS = -50  # quieter than this at an utterance's ends is trimmed: our pauses set the pace
# LAME lowers the level by about half a decibel (measured on speech, tones and noise, at any
# bit rate): aim that much higher so the decoded file is at the target.
CODEC_LOSS_DB = 0.5
PROGRESS_FROM = 10  # utterances to synthesise before a progress bar is worth showing


def write(leaflet: Leaflet, path: Path, context: WriteContext) -> None:
    # 1. Choose the engine and voice first: a language no engine speaks stops here.
    choice = choose(context.config, leaflet.language)
    cache = SpeechCache(context.config.cache_dir)
    # 2. Speak the script; if the sound's length differs from the estimate, say the real one.
    script = speech_script(leaflet, context)
    chapters = render(script, choice, context, cache)
    minutes = max(1, round(sum(len(c) for c in chapters) / RATE / 60))
    if minutes != script.minutes:
        script = speech_script(leaflet, context, minutes)
        chapters = render(script, choice, context, cache)  # only the changed sentence is new
    path.write_bytes(recording(leaflet, context, script, chapters))


def recording(
    leaflet: Leaflet, context: WriteContext, script: Script, chapters: list[np.ndarray]
) -> bytes:
    """The chapters levelled alike, encoded and tagged in memory (a failure writes nothing)."""
    # 3. Level every chapter alike, then the whole, with the true peak limited.
    chapters = loudness.normalise(chapters, RATE, loudness.TARGET_LUFS + CODEC_LOSS_DB)
    # 4. Encode and tag in memory; the caller writes once.
    mp3 = io.BytesIO(encode(np.concatenate(chapters)))
    tags(leaflet, context, script, [len(c) for c in chapters]).save(mp3, v2_version=3)
    return mp3.getvalue()


def render(
    script: Script,
    choice: Choice,
    context: WriteContext,
    cache: SpeechCache,
    settings: Settings = Settings(),  # noqa: B008  (frozen: one shared default is safe)
) -> list[np.ndarray]:
    """Each chapter's sound: its utterances, each followed by its pause."""
    choices = {"": choice}
    for utterance in script.utterances():
        if utterance.language not in choices:  # e.g. the English draft notice
            choices[utterance.language] = choose(
                context.config, utterance.language, choice.engine.name
            )
    items = [(choices[u.language], u.text) for u in script.utterances()]
    with progress_bar(f"speaking {script.title} ({script.language})") as progress:
        spoken = iter(speak_all(items, settings, cache, progress))
    chapters = []
    for chapter in script.chapters:
        parts = []
        for utterance in chapter.utterances:
            parts += [trimmed(resampled(next(spoken))), np.zeros(RATE * utterance.pause // 1000)]
        chapters.append(np.concatenate(parts))
    return chapters


def resampled(speech: Speech) -> np.ndarray:
    """Float samples in [-1, 1] at RATE, whatever rate the engine spoke at."""
    samples = speech.samples.astype(np.float64) / 32768
    if speech.rate == RATE:
        return samples
    divisor = np.gcd(RATE, speech.rate)
    return resample_poly(samples, RATE // divisor, speech.rate // divisor)


def trimmed(samples: np.ndarray) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > 10 ** (SILENCE_DBFS / 20))
    if len(loud) == 0:
        return samples[:0]
    margin = RATE // 50  # 20 ms, so no consonant is clipped
    return samples[max(0, loud[0] - margin) : loud[-1] + margin]


class progress_bar:
    """A bar for long syntheses on a terminal; silent in pipes, CI and worker processes."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: click._termui_impl.ProgressBar | None = None

    def __enter__(self) -> Progress | None:
        shown = sys.stderr.isatty() and not os.environ.get("CI")
        # Worker processes share the terminal: their bars would garble the build's own.
        return self.advance if shown and multiprocessing.parent_process() is None else None

    def advance(self, done: int, total: int) -> None:
        if self.bar is None and total >= PROGRESS_FROM:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
