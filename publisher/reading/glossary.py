"""Find glossary terms in a leaflet's text and mark them as Term runs."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable

from ..model import (
    Block,
    EasyPoint,
    Emphasis,
    Inline,
    Leaflet,
    ListBlock,
    ListItem,
    Note,
    Paragraph,
    Section,
    Strong,
    Term,
    Text,
)


def term_pattern(terms: list[str]) -> re.Pattern[str] | None:
    """Whole words, any case; longer terms first so 'lymph nodes' beats 'lymph'."""
    if not terms:
        return None
    words = sorted((t for t in terms if t.strip()), key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)", re.IGNORECASE)


def mark_terms(leaflet: Leaflet) -> Leaflet:
    """Return the leaflet with every glossary term in its text marked."""
    pattern = term_pattern([entry.term for entry in leaflet.glossary])
    if pattern is None:
        return leaflet
    keys = {entry.term.casefold(): entry.term for entry in leaflet.glossary}

    def mark(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return _mark_runs(inlines, pattern, keys)

    return map_text(leaflet, mark)


def _mark_runs(
    inlines: tuple[Inline, ...], pattern: re.Pattern[str], keys: dict[str, str]
) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for run in inlines:
        match run:
            case Text(text):
                out.extend(_split_text(text, pattern, keys))
            case Strong(children):
                out.append(Strong(_mark_runs(children, pattern, keys)))
            case Emphasis(children):
                out.append(Emphasis(_mark_runs(children, pattern, keys)))
            case _:  # link text stays a link; an existing term stays as it is
                out.append(run)
    return tuple(out)


def _split_text(text: str, pattern: re.Pattern[str], keys: dict[str, str]) -> list[Inline]:
    runs: list[Inline] = []
    position = 0
    for found in pattern.finditer(text):
        if not _whole_word(text, found.start(), found.end()):
            continue
        if found.start() > position:
            runs.append(Text(text[position : found.start()]))
        runs.append(Term(found.group(0), keys[found.group(0).casefold()]))
        position = found.end()
    if position < len(text):
        runs.append(Text(text[position:]))
    return runs


def _whole_word(text: str, start: int, end: int) -> bool:
    """Not part of a longer word: `\\w` misses the combining vowel signs of Indic scripts."""
    neighbours = text[start - 1 : start] if start else ""
    neighbours += text[end : end + 1]
    return not any(unicodedata.category(c).startswith("M") for c in neighbours)


InlineMap = Callable[[tuple[Inline, ...]], tuple[Inline, ...]]


def map_text(leaflet: Leaflet, change: InlineMap) -> Leaflet:
    """Apply `change` to the inline runs of every paragraph and easy-read point."""

    def blocks(items: tuple[Block, ...]) -> tuple[Block, ...]:
        return tuple(block_(b) for b in items)

    def block_(block: Block) -> Block:
        match block:
            case Paragraph():
                return dataclasses.replace(block, inlines=change(block.inlines))
            case ListBlock():
                items = tuple(ListItem(blocks(i.blocks), i.line) for i in block.items)
                return dataclasses.replace(block, items=items)
            case Note():
                return dataclasses.replace(block, blocks=blocks(block.blocks))
        return block

    def easy(points: tuple[EasyPoint, ...] | None) -> tuple[EasyPoint, ...] | None:
        if points is None:
            return None
        return tuple(dataclasses.replace(p, inlines=change(p.inlines)) for p in points)

    def section(s: Section) -> Section:
        subs = tuple(section(sub) for sub in s.subsections)
        return dataclasses.replace(s, blocks=blocks(s.blocks), easy=easy(s.easy), subsections=subs)

    return dataclasses.replace(
        leaflet,
        intro=blocks(leaflet.intro),
        intro_easy=easy(leaflet.intro_easy),
        sections=tuple(section(s) for s in leaflet.sections),
    )
