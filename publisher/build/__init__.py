"""Building: plan leaflet x language x format, write what changed, keep the manifest and catalogue."""

from .plan import read_all
from .run import build, find_leaflets

__all__ = ["build", "find_leaflets", "read_all"]
