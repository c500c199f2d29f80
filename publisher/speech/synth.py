"""Speak many texts through the cache: only what is not stored yet reaches an engine."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .cache import SpeechCache
from .engines.base import Settings, Speech
from .engines.registry import Choice

Progress = Callable[[int, int], None]  # (texts spoken, texts to speak)


def speak_all(
    items: Sequence[tuple[Choice, str]],
    settings: Settings,
    cache: SpeechCache,
    progress: Progress | None = None,
) -> list[Speech]:
    """Speech for each (engine and voice, text), in order, synthesising only cache misses."""
    keys = [
        cache.key(choice.engine.name, choice.voice, choice.engine.settings_key(settings), text)
        for choice, text in items
    ]
    found = {key: cache.get(key) for key in dict.fromkeys(keys)}
    todo = {key: item for key, item in zip(keys, items, strict=True) if found[key] is None}
    for done, (key, (choice, text)) in enumerate(todo.items(), start=1):
        speech = choice.engine.synthesise(text, choice.voice, settings)
        cache.put(key, speech)
        found[key] = speech
        if progress:
            progress(done, len(todo))
    return [found[key] for key in keys]  # type: ignore[misc]  # every key is filled above
