"""Create or merge locales/<lang>/<domain>.po from the templates (Babel, as msgmerge does).

An edited source string becomes fuzzy and keeps its previous msgid (#|), a
removed one becomes obsolete (#~), translations and translator comments stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from ..config import Config
from ..errors import UsageError
from ..model import Leaflet
from .catalogs import cldr_plural_forms, new_translation, po_path, read_catalog, write_catalog
from .extract import extract


@dataclass(frozen=True, slots=True)
class Updated:
    path: Path
    created: bool
    written: bool


def update(leaflets: list[Leaflet], config: Config, languages: tuple[str, ...]) -> list[Updated]:
    """Refresh the templates, then every PO of every language asked for."""
    if not languages:
        raise UsageError(
            "no languages: give --lang LANG, or list them in publisher.toml "
            '([publisher] languages = ["cy", "pl"])'
        )
    titles = {leaflet.slug: leaflet.title for leaflet in leaflets}
    results = []
    for template in extract(leaflets, config):
        title = titles.get(template.domain, "the publisher tool's own words")
        for language in languages:
            path = po_path(config, language, template.domain)
            if path.is_file():
                catalog = merged(read_catalog(path, language), template.catalog)
                cldr_plural_forms(catalog, language)
                created = False
            else:
                catalog = new_translation(template.catalog, language, title)
                created = True
            results.append(Updated(path, created, write_catalog(path, catalog)))
    return results


def merged(catalog: Catalog, template: Catalog) -> Catalog:
    """Babel's update, keeping the previous msgid of entries that are still fuzzy."""
    previous = {m.id: m.previous_id for m in catalog if m.fuzzy and m.previous_id}
    catalog.update(template)
    for message in catalog:
        if message.fuzzy and not message.previous_id and message.id in previous:
            message.previous_id = previous[message.id]
    return catalog
