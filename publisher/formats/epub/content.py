"""Leaflet -> the talking book's content documents: one XHTML body per `##` section.

Every element a voice reads gets an id and an Anchor naming what the speech script
says for it (`Utterance.about` and `part`), so the overlays can put text and voice in
step; a paragraph's or list item's sentences each get a <span> of their own, read by the
script sentence by sentence, so each is highlighted as it is read.
The opening holds the title, the organisation, the summary, notices and review
dates; a closing document holds the helpline, the glossary and the sources.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from ...checks import is_overdue
from ...i18n.dates import format_date
from ...i18n.words import OVERDUE_NOTICE, TOOL_LANGUAGE, draft_notices
from ...model import (
    Block,
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
)
from ...speech.script import REVIEW_DATES, is_draft_translation, sources_count
from ...speech.tables import load_table
from ...text.scripts import direction
from ...text.sentences import sentences, split_runs
from .. import WriteContext

# Every tool word here is one the speech script says (speech/script.py WORDS), so a
# reviewed translation of those covers the book; no WORDS of its own, or the reviewed
# publisher.po files would count as changed.
CLOSING = "more-information"


@dataclass(frozen=True, slots=True)
class Anchor:
    """An element the voice reads: its id, and what the script says for it (`about`,
    `part`: the utterances with those)."""

    id: str
    about: object
    part: int = 0


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of the book, for the table of contents and the page list."""

    title: str
    level: int  # 1 the title, 2 a section, 3 a subsection
    href: str
    key: object  # what it is in the leaflet: "title", a Section, CLOSING


@dataclass(frozen=True, slots=True)
class Page:
    """A page of the large-print edition, and its page-break mark in the book."""

    label: str
    href: str


@dataclass(frozen=True, slots=True)
class Document:
    name: str  # without extension: name.xhtml, name.smil, audio/name.mp3
    title: str
    body: Markup
    anchors: tuple[Anchor, ...]


@dataclass(frozen=True, slots=True)
class Picture:
    source: Path
    href: str  # inside the book


@dataclass
class Book:
    """Builds the documents in reading order, numbering ids and collecting pictures."""

    leaflet: Leaflet
    context: WriteContext
    anchors: list[Anchor] = field(default_factory=list)
    pictures: dict[Path, Picture] = field(default_factory=dict)
    print_pages: dict[object, int] = field(default_factory=dict)  # heading -> its PDF page
    headings: list[Heading] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    document: str = ""
    count: int = 0

    # --- documents -----------------------------------------------------------

    def documents(self) -> list[Document]:
        leaflet = self.leaflet
        found = [self.build("opening", leaflet.title, self.opening)]
        for number, section in enumerate(leaflet.sections, start=1):
            found.append(self.build(f"section-{number}", section.title, self.section, section))
        closing = self.words("More information")
        found.append(self.build(CLOSING, closing, self.closing))
        return found

    def build(self, name: str, title: str, make: Callable[..., Markup], *args: object) -> Document:
        self.document, self.anchors = name, []
        body = self.draft_notice() + make(*args)
        return Document(name, title, body, tuple(self.anchors))

    def opening(self) -> Markup:
        leaflet, config = self.leaflet, self.context.config
        title = self.element("h1", escape(leaflet.title), "title", attrs=' class="title"')
        title = self.heading(leaflet.title, 1, "title") + title
        parts = [
            title,
            self.words_element(
                "p", "From {organisation}.", "organisation", organisation=config.organisation
            ),
        ]
        if leaflet.summary:
            summary = [escape(s) for s in sentences(leaflet.summary, leaflet.language)]
            parts.append(Markup('<p class="summary">{}</p>').format(self.spans(summary, "summary")))
        if is_overdue(leaflet, self.context.today):
            due = format_date(leaflet.next_review, self.words_language(OVERDUE_NOTICE))
            parts.append(
                self.words_element(
                    "p", OVERDUE_NOTICE, "overdue", ' class="notice" role="note"', date=due
                )
            )
        parts.append(self.review_dates())
        parts.append(self.blocks(leaflet.intro))
        return Markup('<section class="opening">\n{}\n</section>').format(Markup("\n").join(parts))

    def review_dates(self) -> Markup:
        language = self.words_language(REVIEW_DATES)
        reviewed, due = self.leaflet.reviewed, self.leaflet.next_review
        dates = {
            "reviewed": Markup('<time datetime="{}">{}</time>').format(
                reviewed.isoformat(), format_date(reviewed, language)
            ),
            "next_review": Markup('<time datetime="{}">{}</time>').format(
                due.isoformat(), format_date(due, language)
            ),
        }
        return self.words_element("p", REVIEW_DATES, "review-dates", ' class="dates"', **dates)

    def section(self, section: Section) -> Markup:
        tag = "h2" if section.level == 2 else "h3"
        heading = self.element(tag, self.inlines(section.heading), section)
        heading = self.heading(section.title, section.level, section) + heading
        inner = [heading, self.blocks(section.blocks)]
        inner += [self.section(sub) for sub in section.subsections]
        kind = ' epub:type="chapter" role="doc-chapter"' if section.level == 2 else ""
        return Markup("<section{}>\n{}\n</section>").format(Markup(kind), Markup("\n").join(inner))

    def closing(self) -> Markup:
        leaflet, title = self.leaflet, self.words("More information")
        heading = self.words_element("h2", "More information", CLOSING)
        self.heading(title, 2, CLOSING)
        parts = [heading, *self.helpline(), self.glossary()]
        if leaflet.references:
            table = load_table(self.context.config.locales_dir, leaflet.language)
            said = sources_count(table, len(leaflet.references))  # what the recording says
            parts.append(self.element("p", escape(said), "sources", ' class="sources"'))
            items = [
                self.element("li", escape(ref), f"reference-{n}")
                for n, ref in enumerate(leaflet.references, start=1)
            ]
            parts.append(
                Markup("<ol{}>{}</ol>").format(self.source_language(), Markup("").join(items))
            )
        return Markup("<section>\n{}\n</section>").format(Markup("\n").join(parts))

    def helpline(self) -> list[Markup]:
        helpline = self.leaflet.helpline
        if helpline is None:
            return []
        phone = Markup('<a href="{}" dir="ltr">{}</a>').format(_tel(helpline.phone), helpline.phone)
        parts = [
            self.words_element(
                "p", "{label}: {phone}.", "helpline", label=helpline.label, phone=phone
            )
        ]
        if helpline.hours:
            parts.append(
                self.words_element("p", "Opening hours: {hours}.", "hours", hours=helpline.hours)
            )
        if helpline.email:
            mail = Markup('<a href="mailto:{0}" dir="ltr">{0}</a>').format(helpline.email)
            parts.append(self.words_element("p", "E-mail: {email}.", "email", email=mail))
        return parts

    def glossary(self) -> Markup:
        """Every hard word the text uses, each read as the recording explains it."""
        entries = self.leaflet.glossary_used()
        if not entries:
            return Markup("")
        items = []
        for entry in entries:
            ident, definition = self.glossary_ids[entry.term], escape(entry.definition)
            found = sentences(entry.definition, self.leaflet.language)
            if len(found) > 1:  # read a sentence at a time, as the script says it
                definition = self.spans([escape(sentence) for sentence in found], entry)
            else:
                self.anchor(entry, ident=ident)
            items.append(
                Markup('<div id="{}"><dt>{}</dt><dd>{}</dd></div>').format(
                    ident, entry.term, definition
                )
            )
        return Markup('<dl class="glossary">{}</dl>').format(Markup("").join(items))

    # --- blocks --------------------------------------------------------------

    def blocks(self, blocks: tuple[Block, ...]) -> Markup:
        return Markup("\n").join(self.block(block) for block in blocks)

    def block(self, block: Block) -> Markup:
        match block:
            case Paragraph():
                return Markup("<p>{}</p>").format(self.paragraph(block))
            case Image():
                return self.picture(block)
            case ListBlock():
                return self.list_block(block)
            case Note():
                label = self.words_element("p", "Note.", block, ' class="label"')
                return Markup('<aside class="note" role="note">{}{}</aside>').format(
                    label, self.blocks(block.blocks)
                )
        raise TypeError(block)

    def list_block(self, block: ListBlock) -> Markup:
        items = []
        for item in block.items:
            only = item.blocks[0] if len(item.blocks) == 1 else None
            if isinstance(only, Paragraph):  # the usual item: its sentences, no <p>
                items.append(Markup("<li>{}</li>").format(self.paragraph(only)))
            else:
                items.append(Markup("<li>{}</li>").format(self.blocks(item.blocks)))
        if not block.ordered:
            return Markup("<ul>{}</ul>").format(Markup("").join(items))
        start = Markup(' start="{}"').format(block.start) if block.start != 1 else ""
        return Markup("<ol{}>{}</ol>").format(start, Markup("").join(items))

    def paragraph(self, paragraph: Paragraph) -> Markup:
        """A paragraph's words, each sentence in a span the voice reads on its own."""
        found = split_runs(paragraph.inlines, self.leaflet.language)
        return self.spans([self.inlines(runs) for runs in found], paragraph)

    def spans(self, found: list[Markup], about: object, first: int = 0) -> Markup:
        """Each sentence in a span with its id (its `part` of `about`); the space after a
        sentence goes between the spans, so the highlight ends with the sentence."""
        spans = []
        for part, sentence in enumerate(found, start=first):
            words = sentence.rstrip()
            ident = self.anchor(about, part)
            spans.append(
                Markup('<span id="{}">{}</span>{}').format(ident, words, sentence[len(words) :])
            )
        return Markup("").join(spans)

    def picture(self, image: Image) -> Markup:
        href = self.picture_href(image)
        if image.decorative:
            return Markup('<img src="{}" alt="" role="presentation" />').format(href)
        img = Markup('<img id="{}" src="{}" alt="{}" />').format(
            self.anchor(image), href, image.alt
        )
        if not image.caption:
            return Markup('<figure class="picture">{}</figure>').format(img)
        found = sentences(image.caption, self.leaflet.language)
        caption = self.sentenced("figcaption", [escape(f) for f in found], image, first=1)
        return Markup('<figure class="picture">{}{}</figure>').format(img, caption)

    def picture_href(self, image: Image) -> str:
        source = image.path.resolve()
        if source not in self.pictures:
            name = f"images/{len(self.pictures) + 1}-{_safe(source.name)}"
            self.pictures[source] = Picture(source, name)
        return self.pictures[source].href

    # --- inline runs ---------------------------------------------------------

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
                return Markup('<a href="{}">{}</a>').format(url, self.inlines(children))
            case Term(text, key):
                return self.term(text, key)
            case Span(children, lang):  # words in another language, read in its voice
                return Markup('<span lang="{0}" xml:lang="{0}" dir="{1}">{2}</span>').format(
                    lang, direction(lang), self.inlines(children)
                )
        raise TypeError(run)

    def term(self, text: str, key: str) -> Markup:
        if key not in self.glossary_ids:
            return escape(text)
        href = f"{CLOSING}.xhtml#{self.glossary_ids[key]}"
        return Markup(
            '<a class="term" epub:type="glossref" role="doc-glossref" href="{}">{}</a>'
        ).format(href, text)

    # --- pieces --------------------------------------------------------------

    def element(
        self, tag: str, inner: Markup, about: object, attrs: str = "", part: int = 0
    ) -> Markup:
        ident = self.anchor(about, part)
        return Markup('<{0} id="{1}"{2}>{3}</{0}>').format(tag, ident, Markup(attrs), inner)

    def anchor(self, about: object, part: int = 0, ident: str = "") -> str:
        if not ident:
            self.count += 1
            ident = f"t{self.count}"
        self.anchors.append(Anchor(ident, about, part))
        return ident

    def words(self, message: str, **values: object) -> str:
        return self.context.words(message, **values)

    def words_language(self, message: str) -> str:
        """The leaflet's language, or English for tool words not translated into it."""
        translated = message in self.context.words.table
        english = self.leaflet.language.lower().startswith("en")
        return self.leaflet.language if translated or english else TOOL_LANGUAGE

    def words_element(
        self, tag: str, message: str, about: object, attrs: str = "", **values: object
    ) -> Markup:
        """Tool words in an element, marked as English when they are still in English;
        words of more than one sentence have a span for each, as the script says them."""
        template = self.words(message, **{name: f"{{{name}}}" for name in values})
        language = self.words_language(message)
        if language != self.leaflet.language:
            attrs += f' lang="{language}" xml:lang="{language}" dir="{direction(language)}"'
        found = sentences(template, self.leaflet.language)
        return self.sentenced(tag, [escape(part).format(**values) for part in found], about, attrs)

    def sentenced(
        self, tag: str, found: list[Markup], about: object, attrs: str = "", first: int = 0
    ) -> Markup:
        """Text read in one clip as one element; of more than one sentence (`found`, which
        together are the text), a span for each, read a sentence at a time as the script does."""
        if len(found) == 1:
            return self.element(tag, found[0], about, attrs, part=first)
        spans = self.spans(found, about, first)
        return Markup("<{0}{1}>{2}</{0}>").format(tag, Markup(attrs), spans)

    def source_language(self) -> Markup:
        """lang and dir for text left in the source language (the sources), as the HTML does."""
        source = self.context.config.source_language
        if source.lower() == self.leaflet.language.lower():
            return Markup("")
        return Markup(' lang="{0}" xml:lang="{0}" dir="{1}"').format(source, direction(source))

    def draft_notice(self) -> Markup:
        """On every document of an unreviewed translation: in English first, then in its
        language once its tool words are reviewed (the words the audio says, in order)."""
        if not is_draft_translation(self.leaflet, self.context):
            return Markup("")
        english, *own = draft_notices(self.context.words)
        marked = Markup(' lang="{0}" xml:lang="{0}" dir="ltr"').format(TOOL_LANGUAGE)
        parts = [self.element("p", escape(english), "draft-en", marked)]
        parts += [self.element("p", escape(line), "draft") for line in own]
        return Markup('<div class="notice draft" role="note">{}</div>\n').format(
            Markup("").join(parts)
        )

    @property
    def glossary_ids(self) -> dict[str, str]:
        """Each hard word the text uses -> the id of its entry in the glossary."""
        used = self.leaflet.glossary_used()
        return {entry.term: f"g-{n}" for n, entry in enumerate(used, start=1)}

    def heading(self, title: str, level: int, key: object) -> Markup:
        """Record the heading just made (the last anchor) for the contents; return the
        page-break mark to put before it when it is the first heading on a print page."""
        href = f"{self.document}.xhtml#{self.anchors[-1].id}"
        self.headings.append(Heading(title, level, href, key))
        page = self.print_pages.get(key)
        if page is None:
            return Markup("")
        self.pages.append(Page(str(page), f"{self.document}.xhtml#page-{page}"))
        return Markup(
            '<span epub:type="pagebreak" role="doc-pagebreak" id="page-{0}" aria-label="{0}"></span>'
        ).format(page)


def _safe(name: str) -> str:
    """A name fit for a file or an id inside the book: letters, digits, '-', '.', '_'."""
    kept = "".join(c if c.isascii() and (c.isalnum() or c in "-._") else "-" for c in name)
    return kept.strip("-") or "x"


def _tel(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + digits
