"""The format-neutral document model: what a leaflet says, not how it looks.

Readers build it, translation maps it to another Leaflet, writers walk it.
Nothing here knows about Markdown, ReportLab, python-docx, HTML or speech.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

# --- inline runs -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Emphasis:
    """Emphasis written as *em*: shown bold in print, never italic."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary term as written in the text; `key` is its glossary entry."""

    text: str
    key: str


@dataclass(frozen=True, slots=True)
class Span:
    """Words in another language than the leaflet's (`lang`, a BCP 47 tag): `[...]{lang=en}`."""

    children: tuple[Inline, ...]
    lang: str


Inline = Text | Strong | Emphasis | Link | Term | Span

# --- blocks ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Image:
    """A picture file; `alt` describes it, `caption` is shown under it; without a caption,
    large print shows the description's first words under it unless `label` is off."""

    path: Path
    alt: str
    caption: str
    decorative: bool
    line: int
    label: bool = True  # `{.no-label}` turns it off


@dataclass(frozen=True, slots=True)
class ListItem:
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[ListItem, ...]
    ordered: bool
    start: int
    line: int


@dataclass(frozen=True, slots=True)
class Note:
    """A highlighted box, such as 'Talk to your doctor about...'."""

    blocks: tuple[Block, ...]
    line: int


Block = Paragraph | Image | ListBlock | Note


@dataclass(frozen=True, slots=True)
class EasyPoint:
    """One easy-read idea: a few short words, optionally led by a picture."""

    inlines: tuple[Inline, ...]
    picture: Image | None
    line: int


# --- structure -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Section:
    """A `##` section (level 2) or `###` subsection (level 3)."""

    heading: tuple[Inline, ...]
    level: int
    blocks: tuple[Block, ...]
    easy: tuple[EasyPoint, ...] | None
    subsections: tuple[Section, ...]
    line: int

    @property
    def title(self) -> str:
        return plain_text(self.heading)


@dataclass(frozen=True, slots=True)
class Helpline:
    label: str
    phone: str
    hours: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: str
    definition: str


@dataclass(frozen=True, slots=True)
class Leaflet:
    """One leaflet in one language."""

    source: Path
    slug: str
    title: str
    language: str
    reviewed: date
    next_review: date
    summary: str = ""
    helpline: Helpline | None = None
    glossary: tuple[GlossaryEntry, ...] = ()
    pronounce: tuple[tuple[str, str], ...] = ()
    references: tuple[str, ...] = ()
    intro: tuple[Block, ...] = ()
    intro_easy: tuple[EasyPoint, ...] | None = None
    sections: tuple[Section, ...] = field(default=())

    def all_sections(self) -> Iterator[Section]:
        """Every section and subsection, in reading order."""
        for section in self.sections:
            yield section
            yield from section.subsections

    def glossary_used(self) -> tuple[GlossaryEntry, ...]:
        """The glossary entries whose terms appear in the text, in glossary order."""
        used = {term.key for term in iter_terms(self)}
        return tuple(entry for entry in self.glossary if entry.term in used)


# --- helpers shared by every writer ---------------------------------------


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The words of some inline runs, without any markup."""
    parts: list[str] = []
    for run in inlines:
        match run:
            case Text(text) | Term(text, _):
                parts.append(text)
            case Strong(children) | Emphasis(children) | Link(children, _) | Span(children, _):
                parts.append(plain_text(children))
    return "".join(parts)


def iter_inlines(inlines: tuple[Inline, ...]) -> Iterator[Inline]:
    """Every run, depth first, including the ones nested in strong, emphasis and links."""
    for run in inlines:
        yield run
        if isinstance(run, Strong | Emphasis | Link | Span):
            yield from iter_inlines(run.children)


def iter_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block, depth first, including the ones inside lists and notes."""
    for block in blocks:
        yield block
        match block:
            case ListBlock(items=items):
                for item in items:
                    yield from iter_blocks(item.blocks)
            case Note(blocks=inner):
                yield from iter_blocks(inner)


def leaflet_blocks(leaflet: Leaflet) -> Iterator[Block]:
    """Every block of the full text (not the easy read), in reading order."""
    yield from iter_blocks(leaflet.intro)
    for section in leaflet.all_sections():
        yield from iter_blocks(section.blocks)


def easy_points(leaflet: Leaflet) -> Iterator[EasyPoint]:
    yield from leaflet.intro_easy or ()
    for section in leaflet.all_sections():
        yield from section.easy or ()


def iter_terms(leaflet: Leaflet) -> Iterator[Term]:
    runs: list[tuple[Inline, ...]] = [
        block.inlines for block in leaflet_blocks(leaflet) if isinstance(block, Paragraph)
    ]
    runs += [point.inlines for point in easy_points(leaflet)]
    for inlines in runs:
        for run in iter_inlines(inlines):
            if isinstance(run, Term):
                yield run
