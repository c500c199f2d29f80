"""Reading: a leaflet's Markdown and front matter into the model, with errors at file:line."""

from .source import read_leaflet

__all__ = ["read_leaflet"]
