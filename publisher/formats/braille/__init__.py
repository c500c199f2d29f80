"""Braille: the leaflet in its language's braille code (liblouis), paged to braille formats,
as a BRF for embossers (writer) and as PEF (pef, the `pef` format)."""

from .writer import unavailable, write

__all__ = ["unavailable", "write"]
