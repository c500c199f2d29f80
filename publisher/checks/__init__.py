"""The rules `check` and `build` both run: what would stop a writer (before_writing) and
content warnings (review dates, easy read, reading age)."""

from .content import check_leaflet, is_overdue

__all__ = ["check_leaflet", "is_overdue"]
