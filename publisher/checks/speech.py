"""What the audio would leave out: a character or token that no speech-table entry says
and the engine would skip ('→', '✓', '§'...). A listener cannot glance back at the page."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

from ..errors import Problem
from ..model import (
    Block,
    Image,
    Inline,
    Leaflet,
    ListBlock,
    Note,
    Paragraph,
    Span,
    iter_blocks,
    plain_text,
)
from ..speech.pronounce import Pronouncer
from ..speech.tables import load_table


def unspoken_warnings(leaflet: Leaflet, locales: Path) -> list[Problem]:
    """One warning per text and character the audio would drop, at the text's line."""
    pronouncers: dict[str, Pronouncer] = {}

    def say(language: str) -> Pronouncer:
        if language not in pronouncers:
            table = load_table(locales, language)
            pronouncers[language] = Pronouncer(language, table, leaflet.pronounce)
        return pronouncers[language]

    problems = []
    for line, language, text in spoken_texts(leaflet):
        for char in say(language).dropped(text):
            name = unicodedata.name(char, "a symbol").lower()
            message = (
                f"the audio would not say '{char}' (U+{ord(char):04X} {name}): write it in "
                f"words, or add it to locales/{language.split('-')[0]}/speech.toml"
            )
            problems.append(Problem(leaflet.source, line, message, "warning"))
    return problems


def spoken_texts(leaflet: Leaflet) -> Iterator[tuple[int | None, str, str]]:
    """(line, language, text) for everything the recording reads aloud."""
    own = leaflet.language
    for text in (leaflet.title, leaflet.summary):
        yield None, own, text
    yield from _blocks(leaflet.intro, own)
    for section in leaflet.all_sections():
        yield from _inlines(section.heading, section.line, own)
        yield from _blocks(section.blocks, own)
    for entry in leaflet.glossary_used():
        yield None, own, entry.definition
    if leaflet.helpline:
        yield None, own, f"{leaflet.helpline.label} {leaflet.helpline.hours}"
    for reference in leaflet.references:
        yield None, own, reference


def _blocks(blocks: tuple[Block, ...], language: str) -> Iterator[tuple[int | None, str, str]]:
    for block in iter_blocks(blocks):
        match block:
            case Paragraph(inlines=inlines, line=line):
                yield from _inlines(inlines, line, language)
            case Image(decorative=False, alt=alt, caption=caption, line=line):
                yield line, language, f"{alt} {caption}"
            case ListBlock() | Note() | Image():
                continue


def _inlines(
    runs: tuple[Inline, ...], line: int, language: str
) -> Iterator[tuple[int | None, str, str]]:
    """The runs' words in the leaflet's language, and each span's in its own."""
    own = []
    for run in runs:
        if isinstance(run, Span):
            yield from _inlines(run.children, line, run.lang)
        else:
            own.append(run)
    yield line, language, plain_text(tuple(own))
