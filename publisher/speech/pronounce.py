"""How the audio says what was written for the eye.

Marks that only steer how text is drawn (direction marks, the Arabic tatweel) are taken
out, then the leaflet's own `pronounce` lexicon applies, then the language's speech table
(normalise.py): phone and emergency numbers, symbols, units, ranges, times and the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.characters import BIDI_CONTROLS
from .normalise import PHONE, Normaliser, dialled, digits
from .tables import SpeechTable

# Drawn, never said: direction marks, and the tatweel that stretches an Arabic word.
NOT_SAID = str.maketrans(dict.fromkeys([*BIDI_CONTROLS, "\u0640"]))

__all__ = ["Pronouncer", "dialled", "digits", "is_phone"]


def is_phone(text: str) -> bool:
    """Whether some text is a phone number (a run of at least 9 digits, spaces, dashes)."""
    found = PHONE.fullmatch(text.strip())
    return found is not None and 9 <= sum(c.isdigit() for c in found.group(0)) <= 16


@dataclass(frozen=True, slots=True)
class Pronouncer:
    """Turns a leaflet's written text into the words to speak, in its language."""

    language: str
    table: SpeechTable = field(default_factory=lambda: SpeechTable("en"))
    lexicon: tuple[tuple[str, str], ...] = ()

    def __call__(self, text: str) -> str:
        return self.normaliser(self.prepared(text))

    def dropped(self, text: str) -> list[str]:
        """What of `text` no step says and no engine would say (for `publisher check`)."""
        return self.normaliser.dropped(self.prepared(text))

    @property
    def normaliser(self) -> Normaliser:
        return Normaliser(self.table, self.language)

    def prepared(self, text: str) -> str:
        return self.lexicon_applied(text.translate(NOT_SAID))

    def lexicon_applied(self, text: str) -> str:
        """Whole words as the `pronounce` list says; longer entries first (PET-CT before CT)."""
        if not self.lexicon:
            return text
        said = dict(self.lexicon)
        written = sorted(said, key=len, reverse=True)
        pattern = re.compile(rf"(?<!\w)({'|'.join(re.escape(w) for w in written)})(?!\w)")
        return pattern.sub(lambda found: said[found.group(1)], text)
