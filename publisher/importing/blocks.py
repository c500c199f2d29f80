"""What an imported document is made of, before it is written as Markdown."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with its emphasis, or a link."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""


@dataclass(frozen=True, slots=True)
class Heading:
    spans: tuple[Span, ...]
    level: int  # 1 for a section (##), 2 for a subsection (###)


@dataclass(frozen=True, slots=True)
class Para:
    spans: tuple[Span, ...]
    caption: bool = False  # Word's Caption style: the picture before it gets it as its caption


@dataclass(frozen=True, slots=True)
class Item:
    spans: tuple[Span, ...]
    ordered: bool
    level: int  # 0 or 1 (the content format allows one level of nesting)


@dataclass(frozen=True, slots=True)
class Note:
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Picture:
    data: bytes
    content_type: str
    alt: str
    decorative: bool = False


Block = Heading | Para | Item | Note | Picture
