"""The easy-read HTML page: one self-contained file per leaflet and language.

A `##` section with easy-read text anywhere in it (its own `::: easy` block or
a subsection's) shows only that text, one point per row: picture, then words.
A section with no easy-read text is shown in full. Pictures are inlined as
data: URIs and the CSS sits in the page, so the file works offline and by e-mail.
The page layout lives in templates/easy-read.html and .css; this module turns
the model into escaped Markup, one function per node type.
"""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import __version__
from ..checks import is_overdue
from ..dates import format_date
from ..errors import BuildError, Problem
from ..model import (
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
    Strong,
    Term,
    Text,
    iter_inlines,
)
from ..resources import templates_dir
from ..scripts import direction
from ..words import Words
from . import WriteContext

PAGE = "easy-read.html"
TOOL_LANGUAGE = "en-GB"  # the language the tool's own words are written in
DRAFT = "Draft: this translation has not been checked by a reviewer yet."
OVERDUE = "This leaflet was due to be checked on {date}. Some information may be out of date."
# Every tool word this page uses, for the translation tooling to extract.
WORDS = (
    "{title} (easy read)",
    "Skip to main content",
    DRAFT,
    OVERDUE,
    "Listen to this leaflet",
    "Download the recording (MP3)",
    "Call {phone}",
    "Hard words",
    "About this leaflet",
    "This leaflet is from {organisation}.",
    "Last checked",
    "Next check due",
    "Where this information comes from",
)
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def write(leaflet: Leaflet, path: Path, context: WriteContext) -> None:
    path.write_text(render_page(leaflet, context), encoding="utf-8")


def render_page(leaflet: Leaflet, context: WriteContext) -> str:
    """The whole page as HTML text."""
    environment = Environment(
        loader=FileSystemLoader(templates_dir(PAGE)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return environment.get_template(PAGE).render(page_values(leaflet, context))


def page_values(leaflet: Leaflet, context: WriteContext) -> dict[str, object]:
    """Everything the page template shows, in reading order."""
    say = Say(context.words, leaflet.language)
    prose = Prose(leaflet)
    # Parts first: building them decides where each hard word is first explained.
    intro = prose.intro(leaflet)
    parts = tuple(prose.part(section) for section in leaflet.sections)
    source_language = context.config.source_language
    helpline = leaflet.helpline
    return {
        "lang": leaflet.language,
        "dir": direction(leaflet.language),
        "title": leaflet.title,
        "summary": leaflet.summary,
        "organisation": context.config.organisation,
        "version": __version__,
        "say": say,
        "draft": context.draft,
        "draft_message": DRAFT,
        "tool_language": TOOL_LANGUAGE,
        "overdue": overdue_notice(leaflet, context.today, say),
        "audio": quote(context.siblings["audio"]) if "audio" in context.siblings else None,
        "helpline": helpline,
        "phone": Markup('<span dir="ltr">{}</span>').format(helpline.phone) if helpline else "",
        "phone_href": phone_href(helpline.phone) if helpline else "",
        "intro": intro,
        "parts": parts,
        "hard_words": prose.hard_words(),
        "reviewed": date_markup(leaflet.reviewed, leaflet.language),
        "next_review": date_markup(leaflet.next_review, leaflet.language),
        "references": leaflet.references,
        "references_lang": _other_language(source_language, leaflet.language),
    }


# --- tool words --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Say:
    """Tool words for the page; words still in English on another language's page are
    marked as English so screen readers pronounce them right (WCAG 3.1.2)."""

    words: Words
    language: str

    def __call__(self, message: str, **values: object) -> Markup:
        # Translate with the placeholders kept, then escape the words and fill in the
        # values: text values are escaped, Markup values (a dated <time>) are kept.
        template = self.words(message, **{name: f"{{{name}}}" for name in values})
        shown = escape(template).format(**values)
        if self.translated(message) or _is_english(self.language):
            return shown
        return Markup('<span lang="{}" dir="ltr">{}</span>').format(TOOL_LANGUAGE, shown)

    def text(self, message: str, **values: object) -> str:
        """The words as plain text, for attributes and the window title."""
        return self.words(message, **values)

    def translated(self, message: str) -> bool:
        return message in self.words.table and not _is_english(self.language)

    def language_of(self, message: str) -> str:
        """The language these words will be shown in: the page's, or the English source."""
        if self.translated(message) or _is_english(self.language):
            return self.language
        return TOOL_LANGUAGE


def overdue_notice(leaflet: Leaflet, today: date, say: Say) -> Markup | None:
    if not is_overdue(leaflet, today):
        return None
    # The date reads in the language of the sentence around it.
    return say(OVERDUE, date=date_markup(leaflet.next_review, say.language_of(OVERDUE)))


def date_markup(day: date, language: str) -> Markup:
    """A date written out for readers ('2 March 2026'), machine-readable too."""
    return Markup('<time datetime="{}">{}</time>').format(
        day.isoformat(), format_date(day, language)
    )


def phone_href(phone: str) -> str:
    """A tel: address: digits and a leading +, without the spaces people read."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + digits


def _is_english(language: str) -> bool:
    return language.lower().split("-")[0] == "en"


def _other_language(language: str, page_language: str) -> dict[str, str] | None:
    """lang and dir for text left in `language` on a page in `page_language`."""
    if language.lower() == page_language.lower():
        return None
    return {"lang": language, "dir": direction(language)}


# --- the leaflet's own text --------------------------------------------------


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
            (entry.term, entry.definition)
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
                img, image.caption
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
        if image.path.suffix.lower() == ".svg" and b"<svg" in data:
            return f"data:image/svg+xml;base64,{encoded}", None
        raise self.error(image, f"{image.path.name} is not a PNG or SVG picture")

    # --- inline runs ---

    def inlines(self, runs: tuple[Inline, ...]) -> Markup:
        return Markup("").join(self.inline(run) for run in runs)

    def inline(self, run: Inline) -> Markup:
        match run:
            case Text(text):
                return escape(text)
            case Strong(children):
                return Markup("<strong>{}</strong>").format(self.inlines(children))
            case Emphasis(children):
                return Markup("<em>{}</em>").format(self.inlines(children))
            case Link(children, url):
                return self.link(children, url)
            case Term(text, _):
                return Markup('<b class="term">{}</b>').format(text)
        raise BuildError([Problem(self.leaflet.source, None, f"cannot show {run!r} in HTML")])

    def link(self, children: tuple[Inline, ...], url: str) -> Markup:
        if urlsplit(url).scheme.lower() not in LINK_SCHEMES:  # the reader refuses these too
            raise BuildError([Problem(self.leaflet.source, None, f"link not allowed: {url}")])
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
                key, self.definition(key, block)
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


def has_easy(section: Section) -> bool:
    """Whether a section, or one of its subsections, has easy-read text."""
    return bool(section.easy) or any(sub.easy for sub in section.subsections)
