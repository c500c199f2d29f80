"""The leaflet's own text as escaped HTML for the easy-read page, one function per node type.

Sections become Parts: easy-read rows (picture, then words) or the full text.
Each hard word is explained right after the paragraph or point where it first
appears. Pictures are inlined as data: URIs.
"""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree
from markupsafe import Markup, escape

from ...errors import BuildError, Problem
from ...model import (
    Block,
    EasyPoint,
    Emphasis,
    Image,
    Inline,
    Leaflet,
    Link,
    ListBlock,
    Note,
    Paragraph,
    Section,
    Span,
    Strong,
    Term,
    Text,
    iter_inlines,
    plain_text,
)
from ...text.bidi import ltr_spans
from ...text.phones import link_tel_url
from ...text.scripts import is_rtl

LINK_SCHEMES = {"http", "https", "mailto", "tel"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True, slots=True)
class Row:
    """One easy-read point: its picture (if any) and its words."""

    picture: Markup | None
    words: Markup


@dataclass(frozen=True, slots=True)
class Part:
    """A section as shown: easy-read rows, or the full text when it has none."""

    level: int
    heading: Markup
    rows: tuple[Row, ...] | None
    full: Markup
    subparts: tuple[Part, ...] = ()


@dataclass
class Prose:
    """Renders the leaflet's blocks and runs, explaining each hard word where it first
    appears. One instance renders one page, in reading order."""

    leaflet: Leaflet
    explained: list[str] = field(default_factory=list)

    def plain(self, text: str) -> Markup:
        """Escaped text. On a right-to-left page each run of Latin letters and digits is
        isolated left to right: a browser's bidi algorithm would show '0800 123 4567' inside
        Arabic as '4567 123 0800' (see bidi_text)."""
        return isolated(text) if is_rtl(self.leaflet.language) else escape(text)

    # --- structure ---

    def intro(self, leaflet: Leaflet) -> Part:
        if leaflet.intro_easy:
            return Part(1, Markup(""), self.rows(leaflet.intro_easy), Markup(""))
        return Part(1, Markup(""), None, self.blocks(leaflet.intro))

    def part(self, section: Section) -> Part:
        heading = self.inlines(section.heading)
        if has_easy(section):
            subparts = tuple(self.part(sub) for sub in section.subsections if sub.easy)
            return Part(section.level, heading, self.rows(section.easy or ()), Markup(""), subparts)
        subparts = tuple(self.part(sub) for sub in section.subsections)
        return Part(section.level, heading, None, self.blocks(section.blocks), subparts)

    def rows(self, points: tuple[EasyPoint, ...]) -> tuple[Row, ...]:
        return tuple(self.easy_point(point) for point in points)

    def easy_point(self, point: EasyPoint) -> Row:
        picture = self.picture(point.picture) if point.picture else None
        words = Markup("<p>{}</p>{}").format(self.inlines(point.inlines), self.meanings(point))
        return Row(picture, words)

    def hard_words(self) -> tuple[tuple[str, str], ...]:
        """The hard words explained on the page, in glossary order, for the list at the end."""
        return tuple(
            (self.plain(entry.term), self.plain(entry.definition))
            for entry in self.leaflet.glossary
            if entry.term in self.explained
        )

    # --- blocks ---

    def blocks(self, blocks: tuple[Block, ...]) -> Markup:
        return Markup("").join(self.block(block) for block in blocks)

    def block(self, block: Block) -> Markup:
        match block:
            case Paragraph():
                return self.paragraph(block)
            case Image():
                return self.picture(block)
            case ListBlock():
                return self.list_block(block)
            case Note():
                return self.note(block)
        raise self.error(block, f"the easy-read page cannot show a {type(block).__name__}")

    def paragraph(self, paragraph: Paragraph) -> Markup:
        return Markup("<p>{}</p>{}").format(
            self.inlines(paragraph.inlines), self.meanings(paragraph)
        )

    def list_block(self, block: ListBlock) -> Markup:
        items = Markup("").join(
            Markup("<li>{}</li>").format(self.blocks(item.blocks)) for item in block.items
        )
        if not block.ordered:
            return Markup("<ul>{}</ul>").format(items)
        start = Markup(' start="{}"').format(block.start) if block.start != 1 else ""
        return Markup("<ol{}>{}</ol>").format(start, items)

    def note(self, note: Note) -> Markup:
        return Markup('<div class="note" role="note">{}</div>').format(self.blocks(note.blocks))

    def picture(self, image: Image) -> Markup:
        """A picture, in a figure with its caption when it has one."""
        img = self.img(image)
        if image.caption:
            return Markup('<figure class="picture">{}<figcaption>{}</figcaption></figure>').format(
                img, self.plain(image.caption)
            )
        return Markup('<div class="picture">{}</div>').format(img)

    def img(self, image: Image) -> Markup:
        src, size = self.picture_data(image)
        extra = (
            Markup(' width="{}" height="{}"').format(*size) if size else Markup(' class="scalable"')
        )
        if image.decorative:  # hidden from screen readers: it says nothing
            return Markup('<img src="{}" alt="" aria-hidden="true"{}>').format(src, extra)
        return Markup('<img src="{}" alt="{}"{}>').format(src, image.alt, extra)

    def picture_data(self, image: Image) -> tuple[str, tuple[int, int] | None]:
        """A data: URI of a PNG or SVG file, and the PNG's size in pixels."""
        try:
            data = image.path.read_bytes()
        except OSError as err:
            raise self.error(
                image, f"cannot read the picture {image.path}: {err.strerror}"
            ) from None
        encoded = base64.b64encode(data).decode("ascii")
        if data.startswith(PNG_SIGNATURE) and len(data) >= 24:
            return f"data:image/png;base64,{encoded}", struct.unpack(">II", data[16:24])
        if image.path.suffix.lower() == ".svg" and is_svg(data):
            return f"data:image/svg+xml;base64,{encoded}", None
        raise self.error(image, f"{image.path.name} is not a PNG or SVG picture")

    # --- inline runs ---

    def inlines(self, runs: tuple[Inline, ...]) -> Markup:
        return Markup("").join(self.inline(run) for run in runs)

    def inline(self, run: Inline) -> Markup:
        match run:
            case Text(text):
                return self.plain(text)
            case Strong(children):
                return Markup("<strong>{}</strong>").format(self.inlines(children))
            case Emphasis(children):
                return Markup("<em>{}</em>").format(self.inlines(children))
            case Link(children, url):
                return self.link(children, url)
            case Term(text, _):
                return Markup('<b class="term">{}</b>').format(self.plain(text))
            case Span(children, lang):  # WCAG 3.1.2: a screen reader switches language
                direction = "rtl" if is_rtl(lang) else "ltr"
                return Markup('<span lang="{}" dir="{}">{}</span>').format(
                    lang, direction, self.inlines(children)
                )
        raise BuildError([Problem(self.leaflet.source, None, f"cannot show {run!r} in HTML")])

    def link(self, children: tuple[Inline, ...], url: str) -> Markup:
        if urlsplit(url).scheme.lower() not in LINK_SCHEMES:  # the reader refuses these too
            raise BuildError([Problem(self.leaflet.source, None, f"link not allowed: {url}")])
        if url.lower().startswith("tel:"):  # dial what the reader sees, '(0)' as dialled
            url = link_tel_url(url, plain_text(children))
        return Markup('<a href="{}">{}</a>').format(url, self.inlines(children))

    # --- hard words ---

    def meanings(self, block: Paragraph | EasyPoint) -> Markup:
        """The meaning of each hard word used here for the first time, right after it."""
        terms = [run.key for run in iter_inlines(block.inlines) if isinstance(run, Term)]
        new = [key for key in dict.fromkeys(terms) if key not in self.explained]
        if not new:
            return Markup("")
        self.explained.extend(new)
        groups = Markup("").join(
            Markup("<div><dt><dfn>{}</dfn></dt><dd>{}</dd></div>").format(
                self.plain(key), self.plain(self.definition(key, block))
            )
            for key in new
        )
        return Markup('<dl class="meaning">{}</dl>').format(groups)

    def definition(self, key: str, block: Paragraph | EasyPoint) -> str:
        for entry in self.leaflet.glossary:
            if entry.term == key:
                return entry.definition
        raise self.error(block, f"'{key}' is marked as a glossary term but has no definition")

    def error(self, node: Block | EasyPoint, message: str) -> BuildError:
        return BuildError([Problem(self.leaflet.source, getattr(node, "line", None), message)])


def isolated(text: str) -> Markup:
    """Escaped text with each left-to-right run in its own <span dir="ltr">."""
    parts, last = [], 0
    for start, end in ltr_spans(text):
        parts += [
            escape(text[last:start]),
            Markup('<span dir="ltr">{}</span>').format(text[start:end]),
        ]
        last = end
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def has_easy(section: Section) -> bool:
    """Whether a section, or one of its subsections, has easy-read text."""
    return bool(section.easy) or any(sub.easy for sub in section.subsections)


def is_svg(data: bytes) -> bool:
    """Well-formed XML whose root is <svg>: a browser shows nothing for a broken file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return False
    return etree.QName(root).localname == "svg"
