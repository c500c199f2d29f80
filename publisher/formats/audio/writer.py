"""Leaflet -> spoken MP3: speech script, synthesis (cached), loudness, MP3 with ID3 chapters.

For blind and partially sighted listeners: one chapter per section so a
player can skip between them, tags that name the leaflet, its organisation
and language, and an even loudness from the first chapter to the last.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from ...model import Leaflet
from ...speech import loudness, recording
from ...speech.cache import SpeechCache
from ...speech.engines.registry import Choice, choose
from ...speech.script import Script, speech_script
from .. import WriteContext
from .mp3 import RATE, encode, tags

# LAME lowers the level by about half a decibel (measured on speech, tones and noise, at any
# bit rate): aim that much higher so the decoded file is at the target.
CODEC_LOSS_DB = 0.5


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
    # 3. Level every chapter alike, then the whole, with the true peak limited.
    chapters = loudness.normalise(chapters, RATE, loudness.TARGET_LUFS + CODEC_LOSS_DB)
    # 4. Encode and tag in memory, then write once: a failure leaves no partial file.
    mp3 = io.BytesIO(encode(np.concatenate(chapters)))
    tags(leaflet, context, script, [len(c) for c in chapters]).save(mp3, v2_version=3)
    path.write_bytes(mp3.getvalue())


def render(
    script: Script, choice: Choice, context: WriteContext, cache: SpeechCache
) -> list[np.ndarray]:
    """Each chapter's sound: its utterances, each followed by its pause."""
    spoken = recording.spoken(script, choice, context.config, cache, RATE)
    chapters = []
    for chapter, sounds in zip(script.chapters, spoken, strict=True):
        parts = []
        for utterance, sound in zip(chapter.utterances, sounds, strict=True):
            parts += [sound, np.zeros(RATE * utterance.pause // 1000)]
        chapters.append(np.concatenate(parts))
    return chapters
