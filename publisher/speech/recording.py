"""A speech script spoken: each utterance's sound, through the cache, at one sample rate.

Shared by every format that plays the voice (the MP3, the talking book's overlays),
so each says exactly the same recording and a second format synthesises nothing new.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

import click
import numpy as np
from scipy.signal import resample_poly

from ..config import Config
from .cache import SpeechCache
from .engines.base import Settings, Speech
from .engines.registry import Choice, choose
from .script import Script
from .synth import Progress, speak_all

SILENCE_DBFS = -50  # quieter than this at an utterance's ends is trimmed: our pauses set the pace
PROGRESS_FROM = 10  # utterances to synthesise before a progress bar is worth showing


def spoken(
    script: Script, choice: Choice, config: Config, cache: SpeechCache, rate: int
) -> list[list[np.ndarray]]:
    """Per chapter, each utterance's sound (float samples at `rate`, ends trimmed), no pauses."""
    choices = {"": choice}
    for utterance in script.utterances():
        if utterance.language not in choices:  # e.g. the English draft notice
            choices[utterance.language] = choose(config, utterance.language, choice.engine.name)
    items = [(choices[u.language], u.text) for u in script.utterances()]
    with progress_bar(f"speaking {script.title} ({script.language})") as progress:
        sounds = iter(speak_all(items, Settings(), cache, progress))
    return [
        [trimmed(resampled(next(sounds), rate), rate) for _ in chapter.utterances]
        for chapter in script.chapters
    ]


def resampled(speech: Speech, rate: int) -> np.ndarray:
    """Float samples in [-1, 1] at `rate`, whatever rate the engine spoke at."""
    samples = speech.samples.astype(np.float64) / 32768
    if speech.rate == rate:
        return samples
    divisor = np.gcd(rate, speech.rate)
    return resample_poly(samples, rate // divisor, speech.rate // divisor)


def trimmed(samples: np.ndarray, rate: int) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > 10 ** (SILENCE_DBFS / 20))
    if len(loud) == 0:
        return samples[:0]
    margin = rate // 50  # 20 ms, so no consonant is clipped
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
