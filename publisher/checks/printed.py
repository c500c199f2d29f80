"""Every piece of text a leaflet shows, with the source line it comes from where the model has one."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import (
    EasyPoint,
    Image,
    Inline,
    Leaflet,
    Link,
    ListBlock,
    Note,
    Paragraph,
    easy_points,
    iter_blocks,
    iter_inlines,
    plain_text,
)
from ..text.fonts import Printed


def printed_text(leaflet: Leaflet) -> list[Printed]:
    """The words of every block, heading, picture, front matter value and link address."""
    found = [Printed(text) for text in front_matter_text(leaflet) if text]
    for block in iter_blocks(leaflet.intro):
        found += block_text(block)
    for section in leaflet.all_sections():
        found += inline_text(section.heading, section.line)
        for block in iter_blocks(section.blocks):
            found += block_text(block)
    for point in easy_points(leaflet):
        found += easy_text(point)
    return found


def front_matter_text(leaflet: Leaflet) -> Iterator[str]:
    yield from (leaflet.title, leaflet.summary, *leaflet.references)
    if leaflet.helpline is not None:
        line = leaflet.helpline
        yield from (line.label, line.phone, line.hours, line.email)
    for entry in leaflet.glossary:
        yield from (entry.term, entry.definition)


def block_text(block: object) -> list[Printed]:
    match block:
        case Paragraph(inlines=inlines, line=line):
            return inline_text(inlines, line)
        case Image():
            return picture_text(block)
        case ListBlock() | Note():  # their contents come from iter_blocks
            return []
    return []


def easy_text(point: EasyPoint) -> list[Printed]:
    found = inline_text(point.inlines, point.line)
    return found + (picture_text(point.picture) if point.picture else [])


def picture_text(image: Image) -> list[Printed]:
    return [Printed(text, image.line) for text in (image.alt, image.caption) if text]


def inline_text(inlines: tuple[Inline, ...], line: int | None) -> list[Printed]:
    """The words, and each link's address (print formats show it beside the words)."""
    found = [Printed(plain_text(inlines), line)]
    found += [Printed(run.url, line) for run in iter_inlines(inlines) if isinstance(run, Link)]
    return found
