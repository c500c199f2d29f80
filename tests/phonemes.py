"""What espeak-ng will actually say: phonemes from espeak_TextToPhonemes, through ctypes.

The library is loaded from espeakng-loader on its own and unloaded afterwards, so the
engine's own fresh-load-per-utterance (and its exact cache) is not disturbed.
"""

from __future__ import annotations

import _ctypes
import ctypes
import re
from collections.abc import Iterable

import espeakng_loader

AUDIO_OUTPUT_SYNCHRONOUS = 2
CHARS_UTF8 = 1
# Stress marks and pauses change with a word's place in a sentence; the sounds do not.
NOT_SOUNDS = re.compile(r"[',_: ]|%")


def phonemes(texts: Iterable[tuple[str, str]]) -> list[str]:
    """espeak-ng's phoneme mnemonics for each (text, voice), all clauses joined."""
    lib = ctypes.CDLL(espeakng_loader.get_library_path())
    try:
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_TextToPhonemes.argtypes = [
            ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int,
        ]  # fmt: skip
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        data = espeakng_loader.get_data_path().encode()
        assert lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0) > 0
        found = [_phonemes(lib, text, voice) for text, voice in texts]
        lib.espeak_Terminate()
        return found
    finally:
        _ctypes.dlclose(lib._handle)


def _phonemes(lib: ctypes.CDLL, text: str, voice: str) -> str:
    assert lib.espeak_SetVoiceByName(voice.encode()) == 0, voice
    buffer = ctypes.create_string_buffer(text.encode())
    pointer = ctypes.c_void_p(ctypes.addressof(buffer))
    clauses = []
    while pointer.value:
        clauses.append(lib.espeak_TextToPhonemes(ctypes.byref(pointer), CHARS_UTF8, 0).decode())
    return " ".join(clauses)


def sounds(phoneme_text: str) -> str:
    """Phonemes without stress, pauses or word breaks, to look for one inside another."""
    return NOT_SOUNDS.sub("", phoneme_text)
