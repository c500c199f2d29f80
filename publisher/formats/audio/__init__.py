"""Spoken audio: the speech script spoken by an engine, loudness-normalised, encoded as MP3 with chapters (mp3)."""

from .writer import write

__all__ = ["write"]
