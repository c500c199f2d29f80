"""What a build did: files written and up to date, warnings, errors, withdrawn outputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    refused: set[tuple[str, str]] = field(default_factory=set)  # (slug, language) not published
    # earlier outputs taken out of out/ (a translation changed since review, say), and why
    withdrawn: list[tuple[Path, str]] = field(default_factory=list)
