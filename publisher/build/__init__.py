"""Building: plan leaflet x language x format, write what changed, keep the manifest and catalogue."""

from .run import build, find_leaflets, read_all

__all__ = ["build", "find_leaflets", "read_all"]
