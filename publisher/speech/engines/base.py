"""The one small interface every speech engine offers, and the sound it returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # numpy only where sound is made: `--help` and `check` never load it
    import numpy as np


@dataclass(frozen=True, slots=True)
class Settings:
    """How fast to speak; engines that cannot change the rate ignore it."""

    rate: int = 170  # words per minute: with the pauses, about 145 overall (140-180 is the aim)


@dataclass(frozen=True, slots=True)
class Speech:
    """Mono 16-bit PCM at `rate` samples per second."""

    samples: np.ndarray
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


@dataclass(frozen=True, slots=True)
class VoiceInfo:
    """One voice an engine offers for a language; `id` is what publisher.toml names."""

    id: str
    name: str


class Engine(Protocol):
    """A text-to-speech engine: which voices it has, and speech for some text."""

    name: str
    online: bool

    def voices(self, language: str) -> list[VoiceInfo]:
        """The voices that speak `language` (a BCP 47 tag), best first; empty if none."""
        ...

    def has_voice(self, voice: str) -> bool:
        """Whether `voice` names one of this engine's voices."""
        ...

    def settings_key(self, settings: Settings) -> tuple:
        """The settings that change this engine's output, for the cache key."""
        ...

    def synthesise(self, text: str, voice: str, settings: Settings) -> Speech:
        """Speak plain text (not markup) with one voice; raise BuildError on failure."""
        ...
