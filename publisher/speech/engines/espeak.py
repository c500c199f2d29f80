"""The offline default engine: espeak-ng from the espeakng-loader wheel, through ctypes.

espeak-ng keeps its state (voice, rate, callback, and the wave generator's pitch flutter,
phase and gain) in C globals that neither espeak_Terminate nor espeak_Initialize reset, so
the same sentence came out a few samples different after different sentences. Each
utterance is therefore spoken by a freshly loaded copy of the library (dlopen, speak,
dlclose: about 5 ms), with a fixed random seed, so the same text always gives the same
samples and the speech cache is exact. Every call holds one process-wide lock; parallel
builds use processes.
"""

from __future__ import annotations

import _ctypes
import contextlib
import ctypes
import functools
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import espeakng_loader
import numpy as np

from ...errors import BuildError
from .base import Settings, Speech, VoiceInfo

# The one piece of global mutable state allowed: the C library's own state is global.
_LOCK = threading.Lock()

AUDIO_OUTPUT_SYNCHRONOUS = 2
CHARS_UTF8 = 1
SSML = 0x10
POS_CHARACTER = 1
RATE = 1  # espeakRATE
EE_OK = 0
SEED = 1  # any fixed seed: espeak-ng adds a little pseudo-random noise to some sounds

# Tags whose usual spoken language espeak-ng files under another tag: Chinese as written in
# Hong Kong and Macau is read in Cantonese (plain 'zh' and 'zh-TW' are read in Mandarin).
SPOKEN_AS = {"zh-hk": "yue", "zh-mo": "yue", "zh-hant-hk": "yue", "zh-hant-mo": "yue"}

SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class _Voice(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_void_p),  # (priority byte, zero-terminated tag)..., zero byte
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    ]


@dataclass(frozen=True, slots=True)
class _Library:
    """What espeak-ng offers in this process: its sample rate and voices."""

    rate: int
    voices: tuple[tuple[str, str, tuple[tuple[int, str], ...]], ...]  # id, name, languages


@functools.cache
def _library(pid: int) -> _Library:
    """Check espeak-ng loads, and list its voices, once per process (`pid`: a forked child
    starts afresh)."""
    with _loaded() as (lib, rate):
        return _Library(rate, _list_voices(lib))


@contextlib.contextmanager
def _loaded() -> Iterator[tuple[ctypes.CDLL, int]]:
    """A fresh copy of the library, initialised, and unloaded afterwards with its state."""
    try:
        path, data = espeakng_loader.get_library_path(), espeakng_loader.get_data_path()
    except (OSError, RuntimeError) as err:
        raise BuildError(f"cannot load espeak-ng from the espeakng-loader package: {err}") from None
    if not (Path(data) / "phontab").is_file():  # espeak-ng would exit() the whole process
        raise BuildError(f"espeak-ng's data is missing from {data}: reinstall espeakng-loader")
    try:
        lib = ctypes.CDLL(path)
    except OSError as err:
        raise BuildError(f"cannot load espeak-ng from the espeakng-loader package: {err}") from None
    try:
        _declare(lib)
        rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data.encode(), 0)
        if rate <= 0:
            raise BuildError(f"espeak-ng could not start (its data folder is {data})")
        try:
            lib.espeak_ng_SetRandSeed(SEED)
            yield lib, rate
        finally:
            lib.espeak_Terminate()
    finally:
        _ctypes.dlclose(lib._handle)  # the next load starts from the library's initial state


def _declare(lib: ctypes.CDLL) -> None:
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    lib.espeak_Initialize.restype = ctypes.c_int
    lib.espeak_ListVoices.argtypes = [ctypes.c_void_p]
    lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_Voice))
    lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    lib.espeak_SetVoiceByName.restype = ctypes.c_int
    lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.espeak_SetParameter.restype = ctypes.c_int
    lib.espeak_SetSynthCallback.argtypes = [SynthCallback]
    lib.espeak_SetSynthCallback.restype = None
    lib.espeak_Synth.argtypes = [
        ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
        ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
    ]  # fmt: skip
    lib.espeak_Synth.restype = ctypes.c_int
    lib.espeak_Synchronize.restype = ctypes.c_int
    lib.espeak_ng_SetRandSeed.argtypes = [ctypes.c_long]
    lib.espeak_ng_SetRandSeed.restype = None


def _list_voices(lib: ctypes.CDLL) -> tuple[tuple[str, str, tuple[tuple[int, str], ...]], ...]:
    found = []
    table = lib.espeak_ListVoices(None)
    index = 0
    while table[index]:
        voice = table[index].contents
        languages = tuple(_languages(voice.languages))
        found.append((voice.identifier.decode(), voice.name.decode(), languages))
        index += 1
    return tuple(found)


def _languages(address: int) -> list[tuple[int, str]]:
    """Decode espeak's packed list of (priority, language tag) pairs."""
    pairs = []
    while (priority := ctypes.c_ubyte.from_address(address).value) != 0:
        tag = ctypes.string_at(address + 1)
        pairs.append((priority, tag.decode().lower()))
        address += len(tag) + 2
    return pairs


def ssml(text: str) -> bytes:
    """Leaflet text as an SSML document: everything from content is escaped."""
    return f"<speak>{escape(text)}</speak>".encode()


@dataclass(frozen=True, slots=True)
class EspeakEngine:
    name: str = "espeak"
    online: bool = False

    def voices(self, language: str) -> list[VoiceInfo]:
        tag = language.lower()
        base = tag.split("-")[0]
        voices = _library(os.getpid()).voices
        for wanted in (SPOKEN_AS.get(tag, tag), base):
            ranked = sorted(
                (priority, identifier, name)
                for identifier, name, languages in voices
                for priority, spoken in languages
                if spoken == wanted
            )
            if ranked:
                return list(dict.fromkeys(VoiceInfo(i, n) for _, i, n in ranked))
        return []

    def has_voice(self, voice: str) -> bool:
        return any(voice in (i, n) for i, n, _ in _library(os.getpid()).voices)

    def settings_key(self, settings: Settings) -> tuple:
        return (settings.rate,)

    def synthesise(self, text: str, voice: str, settings: Settings) -> Speech:
        chunks: list[np.ndarray] = []

        def collect(wav: ctypes._Pointer, count: int, _events: int) -> int:
            if count > 0:
                chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
            return 0  # go on synthesising

        callback = SynthCallback(collect)  # kept alive by this frame until synthesis ends
        document = ssml(text)
        with _LOCK, _loaded() as (lib, rate):
            if lib.espeak_SetVoiceByName(voice.encode()) != EE_OK:
                raise BuildError(f"espeak-ng has no voice '{voice}' (see `publisher voices`)")
            lib.espeak_SetParameter(RATE, settings.rate, 0)
            lib.espeak_SetSynthCallback(callback)
            flags = CHARS_UTF8 | SSML
            status = lib.espeak_Synth(
                document, len(document) + 1, 0, POS_CHARACTER, 0, flags, None, None
            )
            lib.espeak_Synchronize()
        if status != EE_OK:
            raise BuildError(f"espeak-ng could not speak this text (error {status}): {text[:60]}")
        samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
        return Speech(samples.astype(np.int16), rate)
