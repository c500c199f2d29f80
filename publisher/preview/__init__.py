"""Live preview: `publisher serve` rebuilds on save and reloads the open page."""

from .server import serve

__all__ = ["serve"]
