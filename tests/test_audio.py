"""The samples' MP3s, built offline and read back as a listener's player and ffprobe read them."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile
from click.testing import CliRunner
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from publisher.build.run import build
from publisher.cli import main
from publisher.config import Config
from publisher.formats import WriteContext
from publisher.formats.audio.writer import write as write_audio
from publisher.i18n.words import DRAFT_NOTICE
from publisher.model import Leaflet
from publisher.reading.source import read_leaflet
from publisher.speech import loudness
from publisher.speech.cache import SpeechCache
from publisher.speech.engines.base import Settings
from publisher.speech.engines.registry import choose
from publisher.speech.script import speech_script

from .conftest import CONTENT, require_tool, write_leaflet

TODAY = date(2026, 6, 1)
SAMPLES = sorted(p.stem for p in CONTENT.glob("*.md"))


@dataclass(frozen=True)
class Built:
    leaflet: Leaflet
    mp3: Path
    config: Config


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Both samples built once, offline, through the real build."""
    root = tmp_path_factory.mktemp("audio")
    config = Config(
        root=root,
        organisation="Example Cancer Care",
        content_dir=CONTENT,
        out_dir=root / "out",
        cache_dir=root / "cache",
    )
    report = build([CONTENT], config, formats=("audio",), today=TODAY)
    assert report.errors == []
    found = {}
    for slug in SAMPLES:
        leaflet = read_leaflet(CONTENT / f"{slug}.md")
        mp3 = config.out_dir / slug / leaflet.language / f"{slug}.mp3"
        found[slug] = Built(leaflet, mp3, config)
    return found


def decoded(mp3: Path) -> tuple[np.ndarray, int]:
    samples, rate = soundfile.read(mp3, dtype="float64")
    return samples, rate


@pytest.mark.parametrize("slug", SAMPLES)
def test_the_mp3_decodes_as_mono_speech(built, slug: str) -> None:
    samples, rate = decoded(built[slug].mp3)
    assert samples.ndim == 1 and rate == 24_000
    assert len(samples) / rate > 60
    assert MP3(built[slug].mp3).info.channels == 1


@pytest.mark.parametrize("slug", SAMPLES)
def test_the_pace_suits_listeners(built, slug: str) -> None:
    """About 140 to 180 words a minute, pauses included (STANDARDS.md, audio: rate)."""
    item = built[slug]
    words = speech_script(item.leaflet, WriteContext(item.config, TODAY)).word_count()
    minutes = MP3(item.mp3).info.length / 60
    assert 140 <= words / minutes <= 180


@pytest.mark.parametrize("slug", SAMPLES)
def test_the_opening_says_the_real_length(built, slug: str) -> None:
    """The length said in the opening is the file's own, rounded to the minute."""
    item = built[slug]
    minutes = round(MP3(item.mp3).info.length / 60)
    said = f"This recording is about {minutes} minutes long."
    script = speech_script(item.leaflet, WriteContext(item.config, TODAY), minutes)
    assert said in script.text()
    choice = choose(item.config, item.leaflet.language)
    cache = SpeechCache(item.config.cache_dir)
    key = cache.key("espeak", choice.voice, choice.engine.settings_key(Settings()), said)
    assert cache.get(key) is not None  # it was spoken


def chapters(mp3: Path) -> list[tuple[str, int, int]]:
    tags = ID3(mp3)
    (toc,) = tags.getall("CTOC")
    frames = {frame.element_id: frame for frame in tags.getall("CHAP")}
    ordered = [frames[element] for element in toc.child_element_ids]
    return [(f.sub_frames["TIT2"].text[0], f.start_time, f.end_time) for f in ordered]


@pytest.mark.parametrize("slug", SAMPLES)
def test_one_chapter_per_section_titled_and_in_order(built, slug: str) -> None:
    item = built[slug]
    found = chapters(item.mp3)
    sections = [s.title for s in item.leaflet.all_sections()]
    assert [title for title, _, _ in found] == [item.leaflet.title, *sections, "More information"]
    starts = [start for _, start, _ in found]
    assert starts[0] == 0 and starts == sorted(set(starts))
    assert all(end == nxt for (_, _, end), nxt in zip(found[:-1], starts[1:], strict=True))
    assert found[-1][2] == pytest.approx(MP3(item.mp3).info.length * 1000, abs=150)
    (toc,) = ID3(item.mp3).getall("CTOC")
    assert toc.flags & 0b11 == 0b11  # top level and ordered


@pytest.mark.parametrize("slug", SAMPLES)
def test_ffprobe_lists_the_chapters_in_order(built, slug: str) -> None:
    ffprobe = require_tool("ffprobe")
    item = built[slug]
    shown = subprocess.run(
        [ffprobe, "-v", "error", "-show_chapters", "-of", "json", str(item.mp3)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    listed = json.loads(shown)["chapters"]
    expected = [
        item.leaflet.title,
        *(s.title for s in item.leaflet.all_sections()),
        "More information",
    ]
    assert [c["tags"]["title"] for c in listed] == expected
    assert [float(c["start_time"]) for c in listed] == sorted(
        float(c["start_time"]) for c in listed
    )


@pytest.mark.parametrize("slug", SAMPLES)
def test_tags_name_the_leaflet_organisation_and_language(built, slug: str) -> None:
    item = built[slug]
    tags = ID3(item.mp3)
    assert tags["TIT2"].text == [item.leaflet.title]
    assert tags["TPE1"].text == ["Example Cancer Care"]
    assert tags["TALB"].text == ["Example Cancer Care patient information"]
    assert tags["TLAN"].text == ["eng"]


@pytest.mark.parametrize("slug", SAMPLES)
def test_loudness_is_minus_16_lufs_with_true_peak_under_minus_1(built, slug: str) -> None:
    samples, rate = decoded(built[slug].mp3)
    level = pyloudnorm.Meter(rate).integrated_loudness(samples)
    assert -17.5 <= level <= -14.5
    assert loudness.true_peak(samples) <= -1.0


@pytest.mark.parametrize("slug", SAMPLES)
def test_loudness_is_even_from_chapter_to_chapter(built, slug: str) -> None:
    samples, rate = decoded(built[slug].mp3)
    meter = pyloudnorm.Meter(rate)
    levels = [
        meter.integrated_loudness(samples[start * rate // 1000 : end * rate // 1000])
        for _, start, end in chapters(built[slug].mp3)
    ]
    assert max(levels) - min(levels) <= 2.0, levels


def test_a_language_no_engine_speaks_fails_clearly(tmp_path: Path) -> None:
    path = write_leaflet(tmp_path / "content", "## Qeyb\n\nEreyo.\n", "language: so\n")
    config = Config(root=tmp_path, out_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    report = build([path], config, formats=("audio",), today=TODAY)
    assert report.written == []
    (problem,) = report.errors
    assert "cannot speak Somali (so)" in problem.message
    assert "wrong voice" in problem.message
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.suffix == ".mp3"]


def test_a_draft_translation_is_tagged_and_says_so_in_english_too(tmp_path: Path) -> None:
    path = write_leaflet(tmp_path, "## Rhan\n\nGeiriau yn Gymraeg.\n", "language: cy\n")
    config = Config(cache_dir=tmp_path / "cache")
    target = tmp_path / "draft.mp3"
    write_audio(read_leaflet(path), target, WriteContext(config, TODAY, draft=True))
    assert ID3(target)["TIT2"].text == ["Unreviewed draft: Test leaflet"]  # by code
    assert ID3(target)["TLAN"].text == ["cym"]
    notice = DRAFT_NOTICE
    cache = SpeechCache(config.cache_dir)
    english = choose(config, "en-GB")
    assert cache.get(cache.key("espeak", english.voice, (Settings().rate,), notice)) is not None


def test_the_command_builds_audio_and_lists_voices(tmp_path: Path) -> None:
    write_leaflet(tmp_path / "content", "## Part one\n\nSome words.\n")
    runner = CliRunner()
    built = runner.invoke(
        main, ["--root", str(tmp_path), "build", "--format", "audio", "--tts", "espeak"]
    )
    assert built.exit_code == 0, built.output
    assert (tmp_path / "out" / "test" / "en-GB" / "test.mp3").is_file()
    listed = runner.invoke(main, ["voices"])
    assert listed.exit_code == 0, listed.output
    assert "English (en-GB)" in listed.output and "* espeak  gmw/en" in listed.output
    assert "gtts    en:co.uk" in listed.output
    somali = runner.invoke(main, ["voices", "--lang", "so"])
    assert somali.exit_code == 1
    assert "no engine can speak this language" in somali.output
    assert "cannot speak Somali (so)" in somali.output
    wrong = runner.invoke(main, ["build", "--tts", "festival"])
    assert wrong.exit_code == 2


def test_publisher_toml_chooses_the_engine_of_each_language(tmp_path: Path) -> None:
    (tmp_path / "publisher.toml").write_text(
        '[publisher]\nlanguages = ["cy", "pl"]\n\n[speech]\nengine = "espeak"\n\n'
        '[speech.voices]\ncy = { engine = "gtts" }\npl = { engine = "espeak", voice = "zlw/pl" }\n'
    )
    listed = CliRunner().invoke(main, ["--root", str(tmp_path), "voices"])
    assert listed.exit_code == 0, listed.output
    assert "* espeak  gmw/en" in listed.output
    assert "* gtts    cy:com" in listed.output
    assert "* espeak  zlw/pl" in listed.output
    forced = CliRunner().invoke(main, ["--root", str(tmp_path), "voices", "--lang", "cy"])
    assert "* gtts    cy:com" in forced.output


def test_the_manifest_records_the_engine_and_voice_used(built) -> None:
    config = built[SAMPLES[0]].config
    manifest = json.loads((config.out_dir / "manifest.json").read_text())
    entry = manifest[f"{SAMPLES[0]}/en-GB/{SAMPLES[0]}.mp3"]
    assert entry["engine"] == "espeak"
    assert entry["voice"] == choose(config, "en-GB").voice != ""
