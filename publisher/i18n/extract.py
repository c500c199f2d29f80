"""Source text -> templates: locales/templates/<slug>.pot and publisher.pot (the tool's words)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from .. import __version__
from ..config import Config
from ..errors import ContentError, Problem
from ..model import Leaflet
from .catalogs import template, template_path, write_catalog
from .toolwords import DOMAIN, tool_words
from .units import leaflet_units


@dataclass(frozen=True, slots=True)
class Template:
    domain: str
    catalog: Catalog
    path: Path
    written: bool


def templates(leaflets: list[Leaflet], config: Config) -> dict[str, Catalog]:
    """The template of every leaflet and of the tool's words, by domain (nothing written)."""
    clash = [leaflet for leaflet in leaflets if leaflet.slug == DOMAIN]
    if clash:
        message = f"the name '{DOMAIN}' is kept for the tool's own words; rename this leaflet"
        raise ContentError([Problem(clash[0].source, None, message)])
    found = {
        leaflet.slug: template(
            leaflet.slug,
            leaflet.title,
            leaflet.reviewed.isoformat(),
            [(unit, leaflet.source) for unit in leaflet_units(leaflet)],
            config.root,
        )
        for leaflet in leaflets
    }
    words = [(word.unit, word.module) for word in tool_words()]
    found[DOMAIN] = template(
        DOMAIN, "the publisher tool's own words", __version__, words, config.root
    )
    return found


def extract(leaflets: list[Leaflet], config: Config) -> list[Template]:
    """Write every template whose text changed; return them all."""
    written = []
    for domain, catalog in templates(leaflets, config).items():
        path = template_path(config, domain)
        written.append(Template(domain, catalog, path, write_catalog(path, catalog)))
    return written
