"""EPUB 3 talking book: the text in one document per section (content), the MP3's voice
in step with it (audio, SMIL overlays), the heading tree and the print pages (nav, pages)."""

from .writer import write

__all__ = ["write"]
