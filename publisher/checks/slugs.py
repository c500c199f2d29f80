"""A leaflet's file name becomes its folder in out/: a plain lower-case name, or nothing is written."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problem
from ..text.characters import shown

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
SLUG_LENGTH = 64
RESERVED = {"index", "manifest"}  # beside out/index.html and out/manifest.json, too easy to mix up


def slug_problems(paths: list[Path]) -> list[Problem]:
    """File names that cannot be a folder of out/, and names given twice."""
    problems = []
    seen: dict[str, Path] = {}
    for path in paths:
        slug = path.name.removesuffix(".md")
        message = slug_problem(slug)
        if message is None and slug in seen and seen[slug].resolve() != path.resolve():
            message = f"another leaflet ({seen[slug]}) has the same name; each needs its own"
        if message:
            problems.append(Problem(path, None, message))
        seen.setdefault(slug, path)
    return problems


def slug_problem(slug: str) -> str | None:
    if len(slug) > SLUG_LENGTH:
        return f"the file name is {len(slug)} characters long; keep it to {SLUG_LENGTH}"
    if not SLUG.match(slug) or slug in RESERVED:
        return (
            f"'{shown(slug)}.md' cannot name a leaflet: use lower-case letters, digits and "
            "hyphens, like having-a-scan.md (it becomes the leaflet's folder in out/)"
        )
    return None
