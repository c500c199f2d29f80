"""publisher: one leaflet source in, accessible leaflets out."""

__version__ = "0.1.0"
