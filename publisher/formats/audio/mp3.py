"""The MP3 itself: LAME encoding, and ID3 tags with one chapter per section in time order."""

from __future__ import annotations

import lameenc
import langcodes
import numpy as np
from mutagen.id3 import CHAP, COMM, CTOC, ID3, TALB, TDRC, TIT2, TLAN, TPE1, CTOCFlags
from mutagen.id3._tags import save_frame

from ...i18n.words import DRAFT_MARK, draft_title
from ...model import Leaflet
from ...speech.script import Script, is_draft_translation
from .. import WriteContext

WORDS = (
    "{organisation} patient information",
    DRAFT_MARK,
    "Contents",
)
RATE = 24_000  # samples per second: MPEG-2 layer III, plenty for speech
BIT_RATE = 64  # kbit/s, mono


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
        title = draft_title(title, words)  # by code: no translation can word it away
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
