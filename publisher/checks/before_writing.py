"""The rules `check` and `build` both apply before anything is written.

Whatever a writer cannot show is said here, with file and line: a file name that cannot
be a folder of out/, text the gate refuses (in reading/), properties too long for Word,
words no page can break, pictures that cannot be decoded or drawn, and characters the
print typeface lacks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..config import Config
from ..errors import ContentError, Problem, PublisherError
from ..model import Leaflet
from .glyphs import glyph_problems
from .limits import limit_problems
from .pictures import check_pictures
from .printed import printed_text
from .slugs import slug_problems


def read_and_check(
    paths: list[Path], config: Config, read: Callable[[Path, str], Leaflet] | None = None
) -> list[Leaflet]:
    """Read every leaflet (with `read`: the build's reads from its cache) and apply every
    rule; raise one ContentError with all problems."""
    if read is None:
        from ..reading.source import read_leaflet  # Markdown and YAML: not for cached reads

        read = read_leaflet
    problems = slug_problems(paths)
    leaflets = []
    for path in paths:
        try:
            leaflet = read(path, config.source_language)
        except ContentError as err:
            problems += err.problems
            continue
        found = leaflet_problems(leaflet, config) + translation_limits(leaflet, config)
        problems += found
        if not found:
            leaflets.append(leaflet)
    if problems:
        raise ContentError(problems)
    return leaflets


def translation_limits(leaflet: Leaflet, config: Config) -> list[Problem]:
    """The same rules for each translation that will be published (complete, signed off).

    A translation that may not be published is not built; `check` says why elsewhere.
    """
    source = (leaflet.language.lower(), leaflet.language.split("-")[0].lower())
    others = [language for language in config.languages if language.lower() not in source]
    if not others:
        return []
    from ..i18n.apply import localise  # Babel and the PO reader: only with languages to publish

    problems = []
    for language in others:
        try:
            version, _words = localise(leaflet, language, config, draft=False)
        except PublisherError:
            continue
        po = config.locales_dir / language / f"{leaflet.slug}.po"
        for problem in leaflet_problems(version, config):
            message = f"in the {language} translation: {problem.message}"
            problems.append(Problem(po, None, message))
    return list(dict.fromkeys(problems))


def leaflet_problems(leaflet: Leaflet, config: Config) -> list[Problem]:
    """What would stop a writer, for a leaflet that has been read."""
    printed = printed_text(leaflet)
    pictures = check_pictures(leaflet, config.cache_dir)
    problems = limit_problems(leaflet, printed) + pictures.problems
    problems += glyph_problems(leaflet, printed + pictures.printed, config)
    return sorted(dict.fromkeys(problems), key=lambda p: p.line or 0)
