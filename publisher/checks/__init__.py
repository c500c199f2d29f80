"""Content checks that `check` runs and `build` respects: review dates, easy read, reading age."""

from .content import check_leaflet, is_overdue

__all__ = ["check_leaflet", "is_overdue"]
