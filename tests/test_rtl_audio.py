"""The Arabic and Bengali recordings: each language's own voice, text made ready for it, and a
language no engine speaks refused plainly rather than read in the wrong voice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyloudnorm
import pytest
import soundfile
from mutagen.id3 import ID3

from publisher.build.run import build
from publisher.config import Config, load_config
from publisher.formats import WriteContext
from publisher.i18n.apply import localise
from publisher.reading.source import read_leaflet
from publisher.speech.engines.registry import choose
from publisher.speech.pronounce import Pronouncer, digits
from publisher.speech.script import speech_script
from publisher.speech.tables import load_table
from publisher.text.bidi import BIDI_CONTROLS

from .conftest import ROOT, write_leaflet
from .pdf_support import FONT_CACHE
from .rtl_support import SAMPLE, SLUG, TODAY, build_samples

VOICES = {"ar": "sem/ar", "bn": "inc/bn", "ur": "inc/ur", "pa": "inc/pa", "zh": "sit/cmn",
          "zh-TW": "sit/cmn", "zh-HK": "sit/yue"}  # fmt: skip
ISO_639_2 = {"ar": "ara", "bn": "ben"}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_samples(tmp_path_factory.mktemp("rtl-audio"), ("audio",))


def script_text(language: str) -> str:
    config = load_config(ROOT)
    leaflet, words = localise(read_leaflet(SAMPLE), language, config, draft=False)
    return speech_script(leaflet, WriteContext(config, TODAY, words)).text()


@pytest.mark.parametrize(("language", "voice"), VOICES.items())
def test_each_language_is_read_by_its_own_espeak_voice(language: str, voice: str) -> None:
    assert choose(Config(), language).voice == voice


def test_the_recordings_were_made_with_those_voices(folders: dict[str, Path]) -> None:
    manifest = json.loads((folders["ar"].parent.parent / "manifest.json").read_text())
    for language in ("ar", "bn"):
        entry = manifest[f"{SLUG}/{language}/{SLUG}.mp3"]
        assert (entry["engine"], entry["voice"], entry["language"]) == (
            "espeak",
            VOICES[language],
            language,
        )


@pytest.mark.parametrize("language", ["ar", "bn"])
def test_tags_and_chapters_are_in_the_language(folders: dict[str, Path], language: str) -> None:
    tags = ID3(folders[language] / f"{SLUG}.mp3")
    assert [str(text) for frame in tags.getall("TLAN") for text in frame.text] == [
        ISO_639_2[language]
    ]
    titles = [str(chapter.sub_frames["TIT2"].text[0]) for chapter in tags.getall("CHAP")]
    config = load_config(ROOT)
    leaflet, _ = localise(read_leaflet(SAMPLE), language, config, draft=False)
    assert titles[0] == leaflet.title
    assert titles[1:-2] == [section.title for section in leaflet.all_sections()]  # then
    # the closing chapter and the sources, last


@pytest.mark.parametrize("language", ["ar", "bn"])
def test_the_recording_is_speech_at_an_even_loudness(
    folders: dict[str, Path], language: str
) -> None:
    samples, rate = soundfile.read(folders[language] / f"{SLUG}.mp3", dtype="float64")
    assert len(samples) / rate > 60
    loudness = pyloudnorm.Meter(rate).integrated_loudness(samples)
    assert -17 <= loudness <= -15  # -16 LUFS, within the 1 LU AES TD1004 allows


def test_phone_numbers_are_said_digit_by_digit_with_the_languages_comma() -> None:
    arabic, bengali = script_text("ar"), script_text("bn")
    # 'Scan department: 0 8 0 0, 1 2 3, 4 5 6 7.' in each language's words
    assert "قسم التصوير: 0 8 0 0، 1 2 3، 4 5 6 7." in arabic
    assert "স্ক্যান বিভাগ: 0 8 0 0, 1 2 3, 4 5 6 7।" in bengali
    assert digits("0800 123 4567", "zh") == "0 8 0 0， 1 2 3， 4 5 6 7"
    for text in (arabic, bengali):
        assert "0800" not in text  # never read as 'eight hundred'
        assert not set(text) & BIDI_CONTROLS


def test_marks_that_are_only_drawn_are_not_said() -> None:
    say = Pronouncer("ar", load_table(ROOT / "locales", "ar"))
    written = "\u202bاتصل\u200f بنا على\u2066 0800 123 4567\u2069 الآن"
    assert say(written) == "اتصل بنا على 0 8 0 0، 1 2 3، 4 5 6 7 الآن"
    assert say("جميـــل") == "جميل"  # the tatweel only stretches a word


def test_a_language_with_no_voice_fails_clearly_and_makes_no_recording(tmp_path: Path) -> None:
    """Pashto, right to left in Arabic letters: its large print is made, no recording is."""
    body = "## د سکن نه مخکې\n\nموږ به تاسو ته یو لیک ولیږو.\n"
    write_leaflet(tmp_path / "content", body, "language: ps\n", "pashto.md")
    config = Config(root=tmp_path, out_dir=tmp_path / "out", cache_dir=FONT_CACHE)
    report = build([tmp_path / "content"], config, formats=("pdf", "audio"), today=TODAY)
    (problem,) = report.errors
    assert re.search(r"cannot speak Pashto \(ps\)", problem.message)
    assert "no recording is made rather than one in the wrong voice" in problem.message
    folder = tmp_path / "out" / "pashto" / "ps"
    assert (folder / "pashto-large-print.pdf").is_file()
    assert not list(folder.glob("*.mp3"))
