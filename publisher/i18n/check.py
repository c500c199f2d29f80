"""Translation problems for `publisher check`: errors once a language is signed off."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..config import Config
from ..errors import Problem, UsageError
from ..model import Leaflet
from ..reading.source import read_leaflet
from .apply import as_if_accepted, refusal
from .catalogs import known_languages
from .qa import Finding, acceptable
from .state import Translation, leaflet_translation, tool_translation
from .toolwords import DOMAIN


def translation_problems(leaflets: list[Leaflet], config: Config) -> list[Problem]:
    """Check every translation found; a configured language that will not be published warns."""
    problems: list[Problem] = []
    for language in known_languages(config):
        configured = language in config.languages
        for leaflet in leaflets:
            state = leaflet_translation(config, leaflet, language)
            problems += _problems(state, leaflet.slug, leaflet.source, configured)
            glossary = glossary_warnings(config, leaflet, state)
            problems += [f.problem for f in glossary if f.id not in state.accepted]
        state = tool_translation(config, language)
        problems += _problems(state, "no leaflet", None, configured)
    return problems


def _problems(
    state: Translation, subject: str, source: Path | None, configured: bool
) -> list[Problem]:
    # Until someone signs a language off, its problems are work in progress, not errors.
    signed_off = state.record is not None
    found = [
        p if signed_off else dataclasses.replace(p, severity="warning") for p in state.problems
    ]
    if configured and state.exists and not state.publishable:
        found.append(dataclasses.replace(refusal(subject, source, state), severity="warning"))
    return found


def glossary_warnings(config: Config, leaflet: Leaflet, state: Translation) -> list[Finding]:
    """Glossary terms the English explains whose translation never appears in the translated text."""
    if not state.exists:
        return []
    version = as_if_accepted(leaflet, state)
    found = {entry.term for entry in version.glossary_used()}
    problems = []
    for entry in leaflet.glossary_used():
        term = state.strings.get(entry.term)
        if term and term not in found:
            message = (
                f"the glossary term '{term}' ('{entry.term}') is not in the translated text, "
                "so it is not explained there: use it in the text as the glossary writes it"
            )
            warning = Problem(state.po, None, message, "warning")
            problems.append(acceptable(warning, "glossary", entry.term, term))
    return problems


def translation_for(config: Config, slug: str, language: str) -> tuple[Translation, Leaflet | None]:
    """The translation of content/<slug>.md and that leaflet, or of the tool's words ('publisher')."""
    if slug == DOMAIN:
        return tool_translation(config, language), None
    path = config.content_dir / f"{slug}.md"
    if not path.is_file():
        raise UsageError(
            f"no leaflet {Path(path).as_posix()} (give the leaflet's file name without .md)"
        )
    leaflet = read_leaflet(path, config.source_language)
    return leaflet_translation(config, leaflet, language), leaflet
