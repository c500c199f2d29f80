"""The easy-read page: one self-contained HTML file from Jinja templates (prose, fonts)."""

from .writer import write

__all__ = ["write"]
