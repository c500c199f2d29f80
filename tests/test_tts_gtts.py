"""The online engine, with Google's HTTP service faked at requests.Session.send: no network."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import lameenc
import numpy as np
import pytest
import requests
from mutagen.id3 import ID3

from publisher.build.run import build
from publisher.config import Config, Voice
from publisher.errors import BuildError
from publisher.formats import WriteContext
from publisher.formats.audio.writer import write as write_audio
from publisher.reading.source import read_leaflet
from publisher.speech.engines import gtts_engine
from publisher.speech.engines.base import Settings
from publisher.speech.engines.gtts_engine import GttsEngine

from .conftest import write_leaflet

TONE_SECONDS = 0.5


def tone_mp3() -> bytes:
    """Half a second of a 220 Hz tone as MP3, standing in for Google's speech."""
    rate = 24_000
    t = np.arange(int(rate * TONE_SECONDS)) / rate
    pcm = (0.3 * 32767 * np.sin(2 * np.pi * 220 * t)).astype("<i2")
    encoder = lameenc.Encoder()
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_bit_rate(64)
    return bytes(encoder.encode(pcm.tobytes()) + encoder.flush())


def response(status: int, request: requests.PreparedRequest, headers: dict | None = None):
    answer = requests.Response()
    answer.status_code = status
    answer.reason = {200: "OK", 429: "Too Many Requests", 403: "Forbidden"}.get(status, "")
    answer.request = request
    answer.headers.update(headers or {})
    audio = base64.b64encode(tone_mp3()).decode()
    rpc = [["wrb.fr", "jQ1olc", json.dumps([audio]), None, None, None, "generic"]]
    body = json.dumps(rpc, separators=(",", ":"))  # as Google writes it, no spaces
    answer._content = (")]}'\n\n" + body + "\n").encode() if status == 200 else b""
    answer._content_consumed = True
    return answer


class FakeGoogle:
    """Answers each request in turn from a list of status codes or exceptions."""

    def __init__(self, answers: list[int | Exception]) -> None:
        self.answers = answers
        self.requests: list[tuple[requests.PreparedRequest, dict]] = []

    def send(self, request: requests.PreparedRequest, **kwargs):
        self.requests.append((request, kwargs))
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        headers = {"Retry-After": "3"} if answer == 429 else {}
        return response(answer, request, headers)


@pytest.fixture
def google(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[int | Exception]], FakeGoogle]:
    waits: list[float] = []
    monkeypatch.setattr(gtts_engine, "wait", waits.append)

    def install(answers: list[int | Exception]) -> FakeGoogle:
        fake = FakeGoogle(answers)
        fake.waits = waits  # type: ignore[attr-defined]
        monkeypatch.setattr(requests.Session, "send", lambda _session, **kw: fake.send(**kw))
        return fake

    return install


@pytest.mark.parametrize(
    ("language", "voice"),
    [("en-GB", "en:co.uk"), ("en-US", "en:com"), ("en-AU", "en:com.au"), ("pt-BR", "pt:com.br"),
     ("fr-CA", "fr-CA:ca"), ("cy", "cy:com"), ("zh-CN", "zh-CN:com")],
)  # fmt: skip
def test_each_language_gets_its_accent(language: str, voice: str) -> None:
    assert GttsEngine().voices(language)[0].id == voice


def test_a_language_google_cannot_speak_has_no_voice() -> None:
    assert GttsEngine().voices("so") == []


def test_success_speaks_with_the_british_accent_and_a_timeout(google) -> None:
    fake = google([200])
    speech = GttsEngine().synthesise("Hello, how are you?", "en:co.uk", Settings())
    assert speech.seconds == pytest.approx(TONE_SECONDS, abs=0.1)
    request, options = fake.requests[0]
    assert request.url.startswith("https://translate.google.co.uk/")
    sent = requests.utils.unquote(request.body)
    assert '\\"Hello, how are you?\\",\\"en\\"' in sent  # the text, in English
    assert options["timeout"] == GttsEngine().timeout
    assert fake.waits == []


def test_long_text_is_sent_in_parts_and_joined(google) -> None:
    fake = google([200])
    text = "Drink plenty of water if you had contrast dye. " * 6
    speech = GttsEngine().synthesise(text, "en:co.uk", Settings())
    assert len(fake.requests) >= 3
    assert speech.seconds == pytest.approx(len(fake.requests) * TONE_SECONDS, rel=0.2)


def test_too_many_requests_then_success_waits_and_retries(google) -> None:
    fake = google([429, 200])
    speech = GttsEngine().synthesise("Hello.", "en:co.uk", Settings())
    assert speech.seconds == pytest.approx(TONE_SECONDS, abs=0.1)
    assert len(fake.requests) == 2
    assert fake.waits == [3.0]  # as the service's Retry-After asked


def test_network_errors_back_off_then_fail_clearly(google) -> None:
    fake = google([requests.ConnectionError("no route to host")])
    with pytest.raises(BuildError) as caught:
        GttsEngine().synthesise("Hello.", "en:co.uk", Settings())
    message = str(caught.value)
    assert "cannot reach Google's speech service at translate.google.co.uk" in message
    assert "--tts espeak" in message
    assert len(fake.requests) == GttsEngine().attempts
    assert fake.waits == [1.0, 2.0, 4.0]


def test_a_refusal_is_not_retried(google) -> None:
    fake = google([403])
    with pytest.raises(BuildError, match="refused"):
        GttsEngine().synthesise("Hello.", "en:co.uk", Settings())
    assert len(fake.requests) == 1


GTTS = Config(organisation="Example Cancer Care", voices={"en": Voice("gtts")})


def small_leaflet(folder: Path) -> Path:
    return write_leaflet(folder, "## Part one\n\nSome words.\n\n## Part two\n\nMore words.\n")


def test_an_mp3_is_built_with_google_voices(google, tmp_path: Path) -> None:
    fake = google([200])
    config = Config(organisation="Example", voices={"en": Voice("gtts")}, cache_dir=tmp_path / "c")
    target = tmp_path / "test.mp3"
    write_audio(
        read_leaflet(small_leaflet(tmp_path)), target, WriteContext(config, date(2026, 6, 1))
    )
    chapters = [f.sub_frames["TIT2"].text[0] for f in ID3(target).getall("CHAP")]
    assert chapters == ["Test leaflet", "Part one", "Part two", "More information"]
    assert fake.requests and all("translate.google.co.uk" in r.url for r, _ in fake.requests)


def test_an_unreachable_service_leaves_no_file(google, tmp_path: Path) -> None:
    google([requests.ConnectionError("no route to host")])
    config = Config(
        root=tmp_path, organisation="Example", voices={"en": Voice("gtts")},
        out_dir=tmp_path / "out", cache_dir=tmp_path / "cache",
    )  # fmt: skip
    target = tmp_path / "direct.mp3"
    with pytest.raises(BuildError, match="cannot reach Google's speech service"):
        write_audio(
            read_leaflet(small_leaflet(tmp_path / "content")),
            target,
            WriteContext(config, date(2026, 6, 1)),
        )
    assert not target.exists()
    report = build([tmp_path / "content"], config, formats=("audio",))
    assert report.written == []
    assert any("cannot reach Google's speech service" in p.message for p in report.errors)
    assert not any((tmp_path / "out").rglob("*.mp3"))
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.name.startswith(".")]
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]  # nothing half-cached
