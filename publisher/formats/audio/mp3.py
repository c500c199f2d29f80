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
ENCODE_SAMPLES = 10 * RATE


def encode(samples: np.ndarray) -> bytes:
    """Float samples in [-1, 1] at RATE as a constant-bit-rate mono MP3."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE)
    encoder.set_in_sample_rate(RATE)
    encoder.set_channels(1)
    encoder.set_quality(5)  # LAME's "good and fast": speech at 64 kbit/s loses nothing more
    mp3 = bytearray()
    for start in range(0, len(samples), ENCODE_SAMPLES):  # 16-bit copies of 10 s at a time
        part = samples[start : start + ENCODE_SAMPLES] * np.float32(32767)
        pcm = np.clip(np.round(part, out=part), -32768, 32767, out=part).astype("<i2")
        mp3 += encoder.encode(pcm.tobytes())
    return bytes(mp3 + encoder.flush())


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
    levels = [(c.title, c.level) for c in script.chapters]
    add_chapters(found, levels, lengths, words("Contents"))
    return found


def add_chapters(
    tags: ID3, chapters: list[tuple[str, int]], lengths: list[int], contents: str
) -> None:
    """One CHAP frame per chapter in time order, in a table of contents that nests like the
    headings: a section with subsections is a child CTOC (titled like the section) holding
    the section's own chapter and one per subsection (DAISY's navigation levels)."""
    ends = np.cumsum(lengths) * 1000 // RATE
    starts = [0, *ends[:-1]]
    ids = [f"chp{n}" for n in range(len(chapters))]
    top: list[str] = []
    children: dict[str, list[str]] = {}  # child CTOC id -> its chapters
    for index, (_title, level) in enumerate(chapters):
        if level > 2 and top:
            parent = top[-1] if top[-1] in children else _nest(top, children, ids)
            children[parent].append(ids[index])
        else:
            top.append(ids[index])
    ordered = CTOCFlags.ORDERED
    tags.add(_toc("toc", CTOCFlags.TOP_LEVEL | ordered, top, contents))
    titles = {ids[i]: title for i, (title, _) in enumerate(chapters)}
    for element, inner in children.items():
        tags.add(_toc(element, ordered, inner, titles[inner[0]]))
    for element, (title, _), start, end in zip(ids, chapters, starts, ends, strict=True):
        chapter = CHAP(
            element_id=element,
            start_time=int(start),
            end_time=int(end),
            start_offset=0xFFFFFFFF,  # "not given": players use the times
            end_offset=0xFFFFFFFF,
            sub_frames=[TIT2(encoding=3, text=[title])],
        )
        tags.add(chapter)


def _nest(top: list[str], children: dict[str, list[str]], ids: list[str]) -> str:
    """Replace the last top-level chapter by a child table of contents that starts with it."""
    chapter = top.pop()
    element = f"toc{ids.index(chapter)}"
    children[element] = [chapter]
    top.append(element)
    return element


def _toc(element: str, flags: int, child_ids: list[str], title: str) -> CTOC:
    return CTOC(
        element_id=element,
        flags=flags,
        child_element_ids=child_ids,
        sub_frames=[TIT2(encoding=3, text=[title])],
    )


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
