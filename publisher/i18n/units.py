"""What is translated in a leaflet (CONTENT-FORMAT.md, 'Translation units'), in reading order.

One walker visits every unit and may replace it: extraction collects the units,
localisation swaps in their translations. Paragraph-like units are Markdown
inline text (markup.py); titles, alt text, glossary and helpline are plain text.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import yaml

from ..model import (
    Block,
    EasyPoint,
    GlossaryEntry,
    Image,
    Inline,
    Leaflet,
    ListBlock,
    ListItem,
    Note,
    Paragraph,
    Section,
)
from .markup import to_markdown

MARKS = re.compile(r"\*|\[.*\]\(")


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of source text to translate, with what it is and where it stands."""

    msgid: str
    notes: tuple[str, ...]  # for translators: ("list item", "in section 'Before your scan'")
    line: int | None
    markdown: bool  # the msgid is inline Markdown and its translation is read back as such
    plural: str = ""  # a tool word with a count: msgid_plural, translated in every plural form


Notes = tuple[str, ...]


class Visitor(Protocol):
    def text(self, text: str, notes: Notes, line: int | None) -> str: ...

    def inlines(
        self, inlines: tuple[Inline, ...], notes: Notes, line: int
    ) -> tuple[Inline, ...]: ...


def leaflet_units(leaflet: Leaflet) -> list[Unit]:
    """Every translation unit of a leaflet, in reading order (repeated text repeats)."""
    collector = _Collector()
    walk(leaflet, collector)
    return collector.units


class _Collector:
    def __init__(self) -> None:
        self.units: list[Unit] = []

    def text(self, text: str, notes: Notes, line: int | None) -> str:
        self.units.append(Unit(text, notes, line, markdown=False))
        return text

    def inlines(self, inlines: tuple[Inline, ...], notes: Notes, line: int) -> tuple[Inline, ...]:
        msgid = to_markdown(inlines)
        if MARKS.search(msgid):
            notes = (*notes, "keep the marks: **bold**, *emphasis*, [link text](address)")
        self.units.append(Unit(msgid, notes, line, markdown=True))
        return inlines


def walk(leaflet: Leaflet, visit: Visitor) -> Leaflet:
    """The leaflet with each unit replaced by what `visit` returns for it."""
    lines = front_matter_lines(leaflet.source)
    replace = dataclasses.replace
    title = visit.text(leaflet.title, ("title of the leaflet",), lines.get("title"))
    summary = leaflet.summary and visit.text(
        leaflet.summary, ("summary of the leaflet (one sentence)",), lines.get("summary")
    )
    intro = "in the introduction"
    return replace(
        leaflet,
        title=title,
        summary=summary,
        intro=_blocks(leaflet.intro, visit, "paragraph", intro),
        intro_easy=_easy(leaflet.intro_easy, visit, intro),
        sections=tuple(_section(s, visit) for s in leaflet.sections),
        glossary=tuple(_glossary(entry, visit, lines) for entry in leaflet.glossary),
        helpline=leaflet.helpline and _helpline(leaflet, visit, lines),
    )


def _section(section: Section, visit: Visitor) -> Section:
    kind = "section heading" if section.level == 2 else "subsection heading"
    heading = visit.inlines(section.heading, (kind,), section.line)
    place = f"in section '{section.title}'"
    return dataclasses.replace(
        section,
        heading=heading,
        blocks=_blocks(section.blocks, visit, "paragraph", place),
        easy=_easy(section.easy, visit, place),
        subsections=tuple(_section(s, visit) for s in section.subsections),
    )


def _blocks(blocks: tuple[Block, ...], visit: Visitor, kind: str, place: str) -> tuple[Block, ...]:
    return tuple(_block(block, visit, kind, place) for block in blocks)


def _block(block: Block, visit: Visitor, kind: str, place: str) -> Block:
    match block:
        case Paragraph():
            inlines = visit.inlines(block.inlines, (kind, place), block.line)
            return dataclasses.replace(block, inlines=inlines)
        case Image():
            return _image(block, visit, "a picture", place)
        case ListBlock():
            items = tuple(_item(item, visit, place) for item in block.items)
            return dataclasses.replace(block, items=items)
        case Note():
            inner = _blocks(block.blocks, visit, "note box", place)
            return dataclasses.replace(block, blocks=inner)
    raise TypeError(f"no translation units known for {block!r}")


def _item(item: ListItem, visit: Visitor, place: str) -> ListItem:
    return dataclasses.replace(item, blocks=_blocks(item.blocks, visit, "list item", place))


def _image(image: Image, visit: Visitor, kind: str, place: str) -> Image:
    alt, caption = image.alt, image.caption
    if alt and not image.decorative:
        what = f"alt text of {kind} (for people who cannot see it)"
        alt = visit.text(alt, (what, place), image.line)
    if caption:
        caption = visit.text(caption, (f"caption under {kind}", place), image.line)
    return dataclasses.replace(image, alt=alt, caption=caption)


def _easy(points: tuple[EasyPoint, ...] | None, visit: Visitor, place: str):
    if points is None:
        return None
    return tuple(_point(point, visit, place) for point in points)


def _point(point: EasyPoint, visit: Visitor, place: str) -> EasyPoint:
    picture = point.picture and _image(point.picture, visit, "an easy-read picture", place)
    what = "easy-read point: one short idea in short words"
    return dataclasses.replace(
        point, picture=picture, inlines=visit.inlines(point.inlines, (what, place), point.line)
    )


def _glossary(entry: GlossaryEntry, visit: Visitor, lines: dict[str, int]) -> GlossaryEntry:
    line = lines.get(f"glossary.{entry.term}")
    what = "glossary term: write it as the translated text uses it, to be found there"
    term = visit.text(entry.term, (what,), line)
    definition = visit.text(entry.definition, (f"glossary definition of '{entry.term}'",), line)
    return GlossaryEntry(term, definition)


def _helpline(leaflet: Leaflet, visit: Visitor, lines: dict[str, int]):
    helpline = leaflet.helpline
    assert helpline is not None
    label = visit.text(helpline.label, ("name of the helpline",), lines.get("helpline.label"))
    hours = helpline.hours and visit.text(
        helpline.hours, ("opening hours of the helpline",), lines.get("helpline.hours")
    )
    return dataclasses.replace(helpline, label=label, hours=hours)


def front_matter_lines(path: Path) -> dict[str, int]:
    """Source lines of the front matter values: 'title', 'helpline.label', 'glossary.<term>'."""
    try:
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
        head = text.split("\n---", 1)[0].removeprefix("---\n")
        root = yaml.compose(head, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    lines: dict[str, int] = {}
    for key, value in root.value if isinstance(root, yaml.MappingNode) else ():
        lines[str(key.value)] = key.start_mark.line + 2  # the file's line 1 is '---'
        if isinstance(value, yaml.MappingNode):
            for sub_key, _ in value.value:
                lines[f"{key.value}.{sub_key.value}"] = sub_key.start_mark.line + 2
    return lines
