"""Imported blocks written as a leaflet in the content format (docs/CONTENT-FORMAT.md)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import yaml

from .blocks import Block, Heading, Item, Note, Para, Picture, Span
from .word import WordDocument

# Backslash-escapes for every ASCII mark Markdown (or our extensions) could read as syntax.
INLINE_MARKS = re.compile(r"([\\`*_\[\]{}<>#|!&~$])")
LINE_START = re.compile(r"^(\d+)([.)])|^([-+=:])")
SCHEMES = {"http", "https", "mailto", "tel"}
PICTURE_TYPES = {"image/png": "png", "image/svg+xml": "svg"}
CONVERTIBLE = {"image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/webp"}
NO_DESCRIPTION = "TODO describe this picture"

FRONT_MATTER_TODO = """\
# reviewed: 2026-01-31        # required: the day the content was last checked
# next_review: 2029-01-31     # required: when it must be checked again
# helpline:                   # optional: the contact box every format shows
#   label: Nurse helpline
#   phone: 0800 123 4567
#   hours: Monday to Friday, 9am to 5pm
# glossary:                   # optional: hard words and what they mean
#   scan: A picture of the inside of the body.
"""


@dataclass(frozen=True, slots=True)
class ImportedLeaflet:
    text: str
    pictures: tuple[tuple[str, bytes], ...]  # (path relative to the leaflet, contents)
    warnings: tuple[tuple[int | None, str], ...]  # (line in `text`, message)


@dataclass
class _Writer:
    slug: str
    lines: list[str] = field(default_factory=list)
    pictures: list[tuple[str, bytes]] = field(default_factory=list)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)
    previous: Block | None = None
    parent_marker: str = ""

    def add(self, text: str, tight: bool = False) -> int:
        if self.lines and not tight:
            self.lines.append("")
        self.lines.append(text)
        return len(self.lines)


def to_leaflet(document: WordDocument, slug: str) -> ImportedLeaflet:
    """The leaflet's Markdown, the pictures it names, and what a person must still do."""
    writer = _Writer(slug)
    writer.lines += front_matter(document).splitlines()
    blocks = list(document.blocks)
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        _write(writer, block, following)
        writer.previous = block
    return ImportedLeaflet(
        "\n".join(writer.lines) + "\n", tuple(writer.pictures), tuple(writer.warnings)
    )


def front_matter(document: WordDocument) -> str:
    known = {"title": document.title, "summary": document.summary, "language": document.language}
    filled = {key: value for key, value in known.items() if value}
    out = io.StringIO()
    out.write("---\n")
    if filled:
        yaml.safe_dump(filled, out, allow_unicode=True, sort_keys=False, width=10_000)
    if not document.title:
        out.write("# title: The leaflet's title      # required\n")
    if not document.summary:
        out.write("# summary: One sentence saying what the leaflet is about.\n")
    out.write(FRONT_MATTER_TODO)
    out.write("---\n")
    return out.getvalue()


def _write(writer: _Writer, block: Block, following: Block | None) -> None:
    match block:
        case Heading():
            writer.add("#" * (block.level + 1) + " " + inline(block.spans, writer))
        case Item():
            _item(writer, block)
        case Note():
            _note(writer, block)
        case Picture():
            _picture(writer, block, following)
        case Para() if block.caption and isinstance(writer.previous, Picture):
            return  # already the picture's caption
        case Para():
            writer.add(line_start(inline(block.spans, writer)))


def _item(writer: _Writer, item: Item) -> None:
    marker = "1." if item.ordered else "-"
    nested = item.level > 0 and isinstance(writer.previous, Item)
    if item.level > 1:
        writer.warnings.append(
            (len(writer.lines) + 1, "a list nested more than one level deep was flattened")
        )
    if nested:
        indent = " " * (len(writer.parent_marker) + 1)
        writer.add(f"{indent}{marker} {inline(item.spans, writer)}", tight=True)
        return
    writer.parent_marker = marker
    writer.add(f"{marker} {inline(item.spans, writer)}", tight=isinstance(writer.previous, Item))


def _note(writer: _Writer, note: Note) -> None:
    text = line_start(inline(note.spans, writer))
    if isinstance(writer.previous, Note):
        writer.lines.pop()  # reopen the box the last paragraph closed
        writer.add(text)
    else:
        writer.add("::: note")
        writer.add(text, tight=True)
    writer.add(":::", tight=True)


def _picture(writer: _Writer, picture: Picture, following: Block | None) -> None:
    number = len(writer.pictures) + 1
    stored = _stored(picture, writer.slug, number)
    if stored is None:
        writer.warnings.append(
            (
                None,
                f"picture {number} is a {picture.content_type} file, which leaflets cannot "
                "use: save it as PNG or SVG and add it by hand",
            )
        )
        return
    name, data = stored
    writer.pictures.append((name, data))
    if picture.decorative:
        writer.add(f"![]({name}){{.decorative}}")
        return
    alt = picture.alt or NO_DESCRIPTION
    title = ""
    if isinstance(following, Para) and following.caption:
        caption = "".join(s.text for s in following.spans).strip()
        title = ' "' + caption.replace("\\", "\\\\").replace('"', '\\"') + '"'
    line = writer.add(f"![{escape(' '.join(alt.split()))}]({name}{title})")
    if not picture.alt:
        writer.warnings.append(
            (line, "this picture had no description: write one in place of TODO")
        )


def _stored(picture: Picture, slug: str, number: int) -> tuple[str, bytes] | None:
    extension = PICTURE_TYPES.get(picture.content_type)
    data = picture.data
    if extension is None and picture.content_type in CONVERTIBLE:
        data, extension = _as_png(data), "png"
    if extension is None or data is None:
        return None
    return f"images/{slug}/picture-{number}.{extension}", data


def _as_png(data: bytes) -> bytes | None:
    from PIL import Image, UnidentifiedImageError  # only for JPEG and other raster pictures

    try:
        with Image.open(io.BytesIO(data)) as image:
            out = io.BytesIO()
            image.save(out, format="PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def inline(spans: tuple[Span, ...], writer: _Writer) -> str:
    """Spans as Markdown: emphasis marks outside the spaces, links with allowed schemes."""
    out = []
    for span in _merged(spans):
        text = escape(span.text.replace("\xa0", " ").replace("\t", " ").replace("\n", " "))
        if span.link and urlsplit(span.link).scheme.lower() in SCHEMES:
            out.append(f"[{text}](<{span.link.replace('>', '%3E')}>)")
            continue
        if span.link:
            writer.warnings.append(
                (len(writer.lines) + 1, f"a link to '{span.link[:80]}' was kept as plain text")
            )
        mark = "*" * (2 * span.bold + span.italic)
        core = text.strip()
        if mark and core:
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            text = f"{lead}{mark}{core}{mark}{trail}"
        out.append(text)
    return " ".join("".join(out).split())


def _merged(spans: tuple[Span, ...]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].link) == (
            span.bold,
            span.italic,
            span.link,
        ):
            last = merged.pop()
            span = Span(last.text + span.text, span.bold, span.italic, span.link)
        merged.append(span)
    return merged


def escape(text: str) -> str:
    return INLINE_MARKS.sub(r"\\\1", text)


def line_start(text: str) -> str:
    """Escape what would start a list, a heading underline or a container at a line's start."""
    return LINE_START.sub(
        lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text
    )
