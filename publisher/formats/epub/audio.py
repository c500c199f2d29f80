"""The talking book's sound: one MP3 per content document, with each element's clip.

Each element's clip is the sound of its utterances (a sentence, or its pieces in other
languages: the same cached recording as the MP3 edition), each then its pause, padded
to a whole millisecond so every clip boundary is an exact clock value. The MP3 carries
a LAME "Info" frame with its encoder delay and padding, so gapless decoders (FFmpeg,
Chromium, Apple's) play exactly those samples and the clips land where the overlays say.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import lameenc
import numpy as np

from ...errors import BuildError, Problem
from ...model import Leaflet
from ...speech import loudness
from ...speech.script import Script, Utterance
from .content import Anchor, Document

RATE = 24_000  # samples per second, as the MP3 edition: MPEG-2 layer III
MS = RATE // 1000  # samples in a millisecond
BIT_RATE = 64  # kbit/s, mono
FRAME_SAMPLES = 576  # samples in an MPEG-2 layer III frame
FRAME_BYTES = 72 * BIT_RATE * 1000 // RATE  # 192: no padding slot is ever needed
ENCODER_DELAY = 576  # LAME's delay before the first sample; decoders add their own 529
# LAME lowers the level by about half a decibel: aim that much higher, as the MP3 edition does.
CODEC_LOSS_DB = 0.5


@dataclass(frozen=True, slots=True)
class Clip:
    """The samples [begin, end) of a document's track that read element `id`."""

    id: str
    begin: int
    end: int


@dataclass(frozen=True, slots=True)
class Track:
    name: str
    samples: np.ndarray
    clips: tuple[Clip, ...]


def tracks(
    leaflet: Leaflet, documents: list[Document], script: Script, spoken: list[list[np.ndarray]]
) -> list[Track]:
    """Each document's sound, its elements' clips back to back, levelled as the MP3 is."""
    said = said_about(script, spoken)
    found = []
    for document in documents:
        parts, clips, at = [], [], 0
        for anchor in document.anchors:
            pieces = said.get((anchor.about, anchor.part))
            if not pieces:
                raise BuildError([Problem(leaflet.source, _line(anchor.about), _unsaid(anchor))])
            begin = at
            for utterance, sound in pieces:
                whole = -len(sound) % MS  # silence to the next whole millisecond
                parts += [sound, np.zeros(whole + MS * utterance.pause)]
                at += len(sound) + whole + MS * utterance.pause
            clips.append(Clip(anchor.id, begin, at))
        found.append(Track(document.name, np.concatenate(parts or [np.zeros(0)]), tuple(clips)))
    lengths = [len(t.samples) for t in found]
    whole = np.concatenate([t.samples for t in found] or [np.zeros(0, dtype=np.float32)])
    whole = loudness.normalise(whole, lengths, RATE, loudness.TARGET_LUFS + CODEC_LOSS_DB)
    levelled = np.split(whole, np.cumsum(lengths)[:-1]) if found else []
    return [Track(t.name, s, t.clips) for t, s in zip(found, levelled, strict=True)]


def said_about(
    script: Script, spoken: list[list[np.ndarray]]
) -> dict[tuple[object, int], list[tuple[Utterance, np.ndarray]]]:
    """What the script says for each part of the leaflet ((about, part): a sentence, a
    caption...), in order, with its sound."""
    said: dict[tuple[object, int], list[tuple[Utterance, np.ndarray]]] = {}
    for chapter, sounds in zip(script.chapters, spoken, strict=True):
        for utterance, sound in zip(chapter.utterances, sounds, strict=True):
            if utterance.about is not None:
                said.setdefault((utterance.about, utterance.part), []).append((utterance, sound))
    return said


def _line(about: object) -> int | None:
    return getattr(about, "line", None)


def _unsaid(anchor: Anchor) -> str:
    what = anchor.about if isinstance(anchor.about, str) else type(anchor.about).__name__
    return f"the talking book shows text the speech script does not say ({what}): a bug to report"


def encode(samples: np.ndarray) -> bytes:
    """MP3 of float samples, with an Info frame saying where the real samples are."""
    pcm = np.clip(np.round(samples * 32767), -32768, 32767).astype("<i2")
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE)
    encoder.set_in_sample_rate(RATE)
    encoder.set_channels(1)
    encoder.set_quality(5)  # as the MP3 edition
    frames = bytes(encoder.encode(pcm.tobytes()) + encoder.flush())
    return info_frame(frames, len(pcm)) + frames


def info_frame(frames: bytes, samples: int) -> bytes:
    """A silent first frame holding the Xing "Info" and LAME tags (delay and padding)."""
    count = len(frames) // FRAME_BYTES
    padding = count * FRAME_SAMPLES - samples - ENCODER_DELAY
    if len(frames) % FRAME_BYTES or not 0 <= padding < 4096 or frames[:2] != b"\xff\xf3":
        raise BuildError("the MP3 encoder wrote frames of an unexpected form")
    header = frames[:4]
    xing = b"Info" + struct.pack(">III", 0x3, count, len(frames) + FRAME_BYTES)
    lame = (
        b"LAME3.100"
        + bytes([0x01, 0x00])  # tag revision 0, constant bit rate; no lowpass given
        + bytes(8)  # no ReplayGain
        + bytes([0x00, BIT_RATE])  # no flags; the bit rate
        + (ENCODER_DELAY << 12 | padding).to_bytes(3, "big")
        + bytes(12)  # misc, MP3 gain, preset, music length and CRCs not given
    )
    side_info = bytes(9)  # MPEG-2 mono: no data in this frame
    frame = header + side_info + xing + lame
    return frame + bytes(FRAME_BYTES - len(frame))
