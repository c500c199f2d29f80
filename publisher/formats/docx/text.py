"""Text that XML cannot hold: find it before writing, so a .docx is never half made or corrupt.

XML 1.0 forbids most control characters (a stray U+0007 pasted from another
program, say). lxml refuses them with a bare ValueError; here each one is
named with the file and line where it is, so the author can delete it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ...errors import BuildError, Problem
from ...model import (
    Block,
    Image,
    Leaflet,
    Link,
    ListBlock,
    Note,
    Paragraph,
    iter_inlines,
    plain_text,
)

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def forbidden(text: str) -> str | None:
    """A description of the first character XML forbids in `text`, or None."""
    found = FORBIDDEN.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def check_text(leaflet: Leaflet) -> None:
    """Raise one BuildError listing every piece of the leaflet XML cannot hold."""
    problems = [
        Problem(
            leaflet.source,
            line,
            f"{what} contains a control character ({code}) that a Word file cannot hold; delete it",
        )
        for line, what, text in _texts(leaflet)
        if (code := forbidden(text)) is not None
    ]
    if problems:
        raise BuildError(problems)


def safe(text: str, what: str, source: Path | None = None) -> str:
    """`text` unchanged, or a BuildError when it holds a character XML forbids."""
    code = forbidden(text)
    if code is not None:
        raise BuildError(
            [
                Problem(
                    source,
                    None,
                    f"{what} contains a control character ({code}) that a Word file cannot hold: {text!r}",
                )
            ]
        )
    return text


def _texts(leaflet: Leaflet) -> Iterator[tuple[int | None, str, str]]:
    """(line, what it is, text) for every piece of text the Word file shows."""
    yield None, "the title", leaflet.title
    yield None, "the summary", leaflet.summary
    if leaflet.helpline:
        for name in ("label", "phone", "hours", "email"):
            yield None, f"the helpline {name}", getattr(leaflet.helpline, name)
    for entry in leaflet.glossary:
        yield None, "the glossary", entry.term + entry.definition
    for reference in leaflet.references:
        yield None, "a reference", reference
    yield from _blocks(leaflet.intro)
    for section in leaflet.all_sections():
        yield section.line, "a heading", plain_text(section.heading)
        yield from _blocks(section.blocks)


def _blocks(blocks: tuple[Block, ...]) -> Iterator[tuple[int | None, str, str]]:
    for block in blocks:
        match block:
            case Paragraph(inlines=inlines, line=line):
                yield line, "a paragraph", plain_text(inlines)
                for run in iter_inlines(inlines):
                    if isinstance(run, Link):
                        yield line, "a link address", run.url
            case Image(alt=alt, caption=caption, line=line):
                yield line, "a picture's alt text or caption", alt + caption
            case ListBlock(items=items):
                for item in items:
                    yield from _blocks(item.blocks)
            case Note(blocks=inner):
                yield from _blocks(inner)
