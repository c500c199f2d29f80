"""Translations of leaflets (publisher.i18n does the work; build.py calls localise here)."""

from __future__ import annotations

from .i18n.apply import localise

__all__ = ["localise"]
