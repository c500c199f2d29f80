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
import lameenc
import langcodes
import numpy as np
from mutagen.id3 import CHAP, COMM, CTOC, ID3, TALB, TDRC, TIT2, TLAN, TPE1, CTOCFlags
from mutagen.id3._tags import save_frame
from scipy.signal import resample_poly

from .. import loudness
from ..model import Leaflet
from ..speech import Script, is_draft_translation, speech_script
from ..tts.base import Settings, Speech
from ..tts.cache import SpeechCache
from ..tts.registry import Choice, choose
from ..tts.synth import Progress, speak_all
from . import WriteContext

WORDS = (
    "{organisation} patient information",
    "{title} (unreviewed draft)",
    "Contents",
)
RATE = 24_000  # samples per second: MPEG-2 layer III, plenty for speech
BIT_RATE = 64  # kbit/s, mono
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
    choices = {"": choice}
    for utterance in script.utterances():
        if utterance.language not in choices:  # e.g. the English draft notice
            choices[utterance.language] = choose(
                context.config, utterance.language, choice.engine.name
            )
    items = [(choices[u.language], u.text) for u in script.utterances()]
    with progress_bar(f"speaking {script.title} ({script.language})") as progress:
        spoken = iter(speak_all(items, Settings(), cache, progress))
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


def encode(samples: np.ndarray) -> bytes:
    pcm = np.clip(np.round(samples * 32767), -32768, 32767).astype("<i2")
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE)
    encoder.set_in_sample_rate(RATE)
    encoder.set_channels(1)
    encoder.set_quality(5)  # LAME's "good and fast": speech at 64 kbit/s loses nothing more
    return bytes(encoder.encode(pcm.tobytes()) + encoder.flush())


def tags(leaflet: Leaflet, context: WriteContext, script: Script, lengths: list[int]) -> ID3:
    """Title, artist (the organisation), album, language, date, summary and chapters."""
    words, organisation = context.words, context.config.organisation
    title = leaflet.title
    if is_draft_translation(leaflet, context):
        title = words("{title} (unreviewed draft)", title=title)
    language = iso639_2(leaflet.language)
    found = _OrderedID3()
    found.add(TIT2(encoding=3, text=[title]))
    found.add(TPE1(encoding=3, text=[organisation]))
    album = words("{organisation} patient information", organisation=organisation)
    found.add(TALB(encoding=3, text=[album]))
    found.add(TLAN(encoding=3, text=[language]))
    found.add(TDRC(encoding=3, text=[leaflet.reviewed.isoformat()]))
    if leaflet.summary:
        found.add(COMM(encoding=3, lang=language, desc="", text=[leaflet.summary]))
    add_chapters(found, [c.title for c in script.chapters], lengths, words("Contents"))
    return found


def add_chapters(tags: ID3, titles: list[str], lengths: list[int], contents: str) -> None:
    """One CHAP frame per chapter in time order, listed by a top-level, ordered CTOC."""
    ends = np.cumsum(lengths) * 1000 // RATE
    starts = [0, *ends[:-1]]
    ids = [f"chp{n}" for n in range(len(titles))]
    flags = CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED
    tags.add(
        CTOC(
            element_id="toc",
            flags=flags,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text=[contents])],
        )
    )
    for element, title, start, end in zip(ids, titles, starts, ends, strict=True):
        chapter = CHAP(
            element_id=element,
            start_time=int(start),
            end_time=int(end),
            start_offset=0xFFFFFFFF,  # "not given": players use the times
            end_offset=0xFFFFFFFF,
            sub_frames=[TIT2(encoding=3, text=[title])],
        )
        tags.add(chapter)


class _OrderedID3(ID3):
    """ID3 frames written in the order they were added.

    mutagen sorts frames by size, which would put chapters out of time order, and
    ffprobe and many players list CHAP frames in file order. mutagen has no public
    switch for this, so `_write` is replaced; the chapter-order test guards it.
    """

    def _write(self, config: object) -> bytearray:
        return bytearray().join(save_frame(frame, config=config) for frame in self.values())


def iso639_2(tag: str) -> str:
    """The three-letter language code ID3 asks for ('cym' for cy, 'eng' for en-GB)."""
    try:
        return langcodes.Language.get(tag).to_alpha3()
    except (LookupError, ValueError):
        return "und"


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
