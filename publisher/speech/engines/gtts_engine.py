"""The online engine: Google Translate's speech through gTTS, with the accent of each language.

A voice is written `lang:tld`, for example `en:co.uk` (British English) or
`pt:com.br` (Brazilian Portuguese): gTTS picks the accent by the Google domain.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass

import numpy as np
import requests
import soundfile
from gtts import gTTS, gTTSError
from gtts.lang import tts_langs

from ...errors import BuildError
from .base import Settings, Speech, VoiceInfo

# Language tag (lower case) -> Google domain giving that accent (gTTS docs, "Localized accents").
ACCENTS = {
    "en-gb": "co.uk", "en-us": "com", "en-au": "com.au", "en-ca": "ca", "en-in": "co.in",
    "en-ie": "ie", "en-za": "co.za", "en-ng": "com.ng", "fr-ca": "ca", "fr-fr": "fr",
    "pt-br": "com.br", "pt-pt": "pt", "es-es": "es", "es-mx": "com.mx", "es-us": "us",
}  # fmt: skip
DEFAULT_TLD = "com"
RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_WAIT = 30.0  # seconds: never honour a longer Retry-After than this


def wait(seconds: float) -> None:
    """Sleep between retries (its own name so tests can skip the waiting)."""
    time.sleep(seconds)


@dataclass(frozen=True, slots=True)
class GttsEngine:
    name: str = "gtts"
    online: bool = True
    timeout: float = 15.0  # seconds per request
    attempts: int = 4
    backoff: float = 1.0  # seconds before the first retry, doubled after each

    def voices(self, language: str) -> list[VoiceInfo]:
        lang = _gtts_language(language)
        if lang is None:
            return []
        tld = ACCENTS.get(language.lower(), DEFAULT_TLD)
        return [VoiceInfo(f"{lang}:{tld}", f"{tts_langs()[lang]} (translate.google.{tld})")]

    def has_voice(self, voice: str) -> bool:
        lang, _, tld = voice.partition(":")
        return lang in tts_langs() and bool(tld)

    def settings_key(self, settings: Settings) -> tuple:
        return ()  # Google speaks at one rate

    def synthesise(self, text: str, voice: str, settings: Settings) -> Speech:
        lang, _, tld = voice.partition(":")
        request = gTTS(text, tld=tld or DEFAULT_TLD, lang=lang, timeout=self.timeout)
        return _decode(self._fetch(request))

    def _fetch(self, request: gTTS) -> bytes:
        """The MP3 bytes for one request, retrying network errors, 429 and 5xx with back-off."""
        delay = self.backoff
        for attempt in range(1, self.attempts + 1):
            try:
                return b"".join(request.stream())  # all parts, or nothing
            except gTTSError as err:
                status = err.rsp.status_code if err.rsp is not None else None
                if status is not None and status not in RETRY_STATUS:
                    raise BuildError(f"Google's speech service refused the text: {err}") from None
                if attempt == self.attempts:
                    raise _unreachable(request, status, self.attempts) from None
                wait(min(_retry_after(err.rsp) or delay, MAX_WAIT))
                delay *= 2
        raise AssertionError("unreachable")  # the loop returns or raises


def _gtts_language(language: str) -> str | None:
    """gTTS's code for a BCP 47 tag: the full tag when it knows it (zh-CN), else the base."""
    known = {code.lower(): code for code in tts_langs()}
    for tag in (language.lower(), language.split("-")[0].lower()):
        if tag in known:
            return known[tag]
    return None


def _retry_after(response: requests.Response | None) -> float | None:
    try:
        return float(response.headers["Retry-After"]) if response is not None else None
    except (KeyError, ValueError):
        return None


def _unreachable(request: gTTS, status: int | None, attempts: int) -> BuildError:
    host = f"translate.google.{request.tld}"
    reason = "too many requests (HTTP 429)" if status == 429 else "no answer"
    if status is not None and status != 429:
        reason = f"HTTP {status}"
    return BuildError(
        f"cannot reach Google's speech service at {host} ({reason}, {attempts} tries); "
        "check the internet connection, or use the offline engine with --tts espeak"
    )


def _decode(mp3: bytes) -> Speech:
    try:
        samples, rate = soundfile.read(io.BytesIO(mp3), dtype="int16")
    except (soundfile.LibsndfileError, RuntimeError) as err:
        raise BuildError(f"Google's speech service sent audio that cannot be read: {err}") from None
    if samples.ndim > 1:
        samples = samples.mean(axis=1).astype(np.int16)
    return Speech(samples, rate)
