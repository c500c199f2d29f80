"""The offline engine: espeak-ng from the wheel, its voices, SSML escaping and its lock."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest

from publisher.config import Config, Voice
from publisher.errors import BuildError
from publisher.speech.engines import espeak
from publisher.speech.engines.base import Settings
from publisher.speech.engines.espeak import EspeakEngine, ssml
from publisher.speech.engines.registry import choose, with_engine

ENGINE = EspeakEngine()


@pytest.mark.parametrize(
    ("language", "voice"),
    [
        ("en-GB", "gmw/en"),
        ("en-US", "gmw/en-US"),
        ("cy", "cel/cy"),
        ("pl", "zlw/pl"),
        ("ur", "inc/ur"),
    ],
)
def test_each_language_gets_its_own_voice(language: str, voice: str) -> None:
    assert ENGINE.voices(language)[0].id == voice
    assert choose(Config(), language).voice == voice


def test_somali_is_refused_clearly_by_every_engine() -> None:
    assert ENGINE.voices("so") == []  # espeak-ng's bundled data has no Somali voice
    for engine in ("espeak", "gtts"):
        config = with_engine(Config(), engine)
        with pytest.raises(BuildError, match=r"cannot speak Somali \(so\)"):
            choose(config, "so")


def test_a_voice_named_in_the_config_must_exist() -> None:
    config = Config(voices={"cy": Voice("espeak", "no-such-voice")})
    with pytest.raises(BuildError, match="no voice 'no-such-voice'"):
        choose(config, "cy")
    assert choose(Config(voices={"en": Voice("espeak", "gmw/en-GB-x-rp")}), "en-GB").voice == (
        "gmw/en-GB-x-rp"
    )


def test_an_unknown_voice_is_an_error_when_speaking() -> None:
    with pytest.raises(BuildError, match="espeak-ng has no voice 'xx-nothing'"):
        ENGINE.synthesise("Hello", "xx-nothing", Settings())


def test_speech_is_16_bit_and_as_long_as_the_words() -> None:
    short = ENGINE.synthesise("Hello.", "gmw/en", Settings())
    long = ENGINE.synthesise("Hello. " * 10, "gmw/en", Settings())
    assert short.samples.dtype == np.int16 and short.rate == 22050
    assert 0.2 < short.seconds < 2
    assert long.seconds > 5 * short.seconds
    assert np.abs(long.samples).max() > 1000  # sound, not silence


def test_the_rate_setting_changes_the_speed() -> None:
    text = "Your doctor will tell you the results of the scan. " * 3
    slow = ENGINE.synthesise(text, "gmw/en", Settings(rate=120))
    fast = ENGINE.synthesise(text, "gmw/en", Settings(rate=200))
    assert slow.seconds > 1.4 * fast.seconds


def test_leaflet_text_is_escaped_for_ssml() -> None:
    document = ssml('Fish & chips <break time="10s"/> "today"')
    assert ElementTree.fromstring(document).text == 'Fish & chips <break time="10s"/> "today"'
    # Were the markup obeyed, ten seconds of silence would be heard.
    spoken = ENGINE.synthesise('Fish & chips <break time="10s"/>', "gmw/en", Settings())
    assert spoken.seconds < 6


def test_the_same_text_always_gives_the_same_samples() -> None:
    """Whatever was spoken before (another sentence, language or rate), so the cache is exact."""
    text = "In an emergency, call 9 9 9."
    first = ENGINE.synthesise(text, "gmw/en", Settings()).samples
    for before, voice, rate in [
        ("Something quite different, asked as a question?", "gmw/en", 170),
        ("Dzień dobry, jak się pan czuje?", "zlw/pl", 120),
        ("Bore da.", "cel/cy", 200),
    ]:
        ENGINE.synthesise(before, voice, Settings(rate=rate))
        again = ENGINE.synthesise(text, "gmw/en", Settings()).samples
        assert np.array_equal(first, again), f"differs after {before!r}"


def close(one: np.ndarray, other: np.ndarray) -> bool:
    """The very same samples: each utterance is spoken from espeak-ng's initial state."""
    return np.array_equal(one, other)


def test_threads_share_the_engine_safely() -> None:
    """espeak-ng's state is global: the lock keeps each call's voice and sound its own."""
    jobs = [
        ("Good morning.", "gmw/en"),
        ("Dzień dobry, jak się pan dzisiaj czuje po badaniu w szpitalu?", "zlw/pl"),
        ("Bore da. Sut ydych chi heddiw?", "cel/cy"),
    ] * 4
    alone = [ENGINE.synthesise(text, voice, Settings()).samples for text, voice in jobs]
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda job: ENGINE.synthesise(*job, Settings()).samples, jobs))
    assert all(close(a, b) for a, b in zip(alone, together, strict=True))


def _speak_in_child(text: str) -> np.ndarray:
    return EspeakEngine().synthesise(text, "gmw/en", Settings()).samples


def test_worker_processes_speak_the_same() -> None:
    text = "Call us if you have questions."
    here = ENGINE.synthesise(text, "gmw/en", Settings()).samples
    with ProcessPoolExecutor(max_workers=2) as pool:
        there = pool.submit(_speak_in_child, text).result()
    assert close(here, there)


def test_missing_espeak_data_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """Checked before espeak_Initialize, which would end the whole process."""
    monkeypatch.setattr(espeak.espeakng_loader, "get_data_path", lambda: str(tmp_path))
    with pytest.raises(BuildError, match="espeak-ng's data is missing"):
        espeak._library(-1)  # a pid of no real process: a fresh load, not the cached one
