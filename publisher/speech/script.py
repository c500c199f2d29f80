"""Leaflet -> speech script: what the recording says, in chapters of utterances with pauses.

Built from the model, one function per node type. The opening follows the
UKAAF audio standard: title and organisation first, then what the recording
holds and how long it is. Each section is a chapter whose heading is
announced, and a `###` subsection is a chapter inside its section's (`level` 3); a
closing chapter gives the helpline, and the sources come last in a chapter of their own,
announced with their count and read short, so a listener can skip them.

Text goes through the language's speech table (pronounce.py, normalise.py); words marked
as another language (`[...]{lang=en}`) are their own utterances in that language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import unquote

from ..checks import is_overdue
from ..errors import BuildError
from ..formats import WriteContext
from ..i18n.dates import babel_locale, format_date
from ..i18n.words import DRAFT_NOTICE, OVERDUE_NOTICE, TOOL_LANGUAGE, Plural, Words, draft_notices
from ..model import (
    Block,
    Emphasis,
    GlossaryEntry,
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
from ..text.sentences import sentences, split_runs
from .pronounce import Pronouncer, dialled, digits, is_phone
from .references import short_reference
from .tables import SpeechTable, load_table

LENGTH = Plural(
    "This recording is about {minutes} minute long.",
    "This recording is about {minutes} minutes long.",
)
CHAPTERS = Plural(
    "After this introduction it has {count} chapter:",
    "After this introduction it has {count} chapters:",
)
REVIEW_DATES = (
    "This information was checked on {reviewed}. It will be checked again by {next_review}."
)
WORDS = (
    DRAFT_NOTICE,
    OVERDUE_NOTICE,
    REVIEW_DATES,
    "From {organisation}.",
    LENGTH,
    CHAPTERS,
    "Most players can skip from one chapter to the next.",
    "Chapter {number}: {title}",
    "Picture: {alt}",
    "Caption: {caption}",
    "Note.",
    "End of note.",
    "{text} (at {address})",
    "{term} means: {definition}",
    "More information",
    "{label}: {phone}.",
    "Opening hours: {hours}.",
    "E-mail: {email}.",
    "End of {title}.",
)

# Silence after an utterance, in milliseconds.
# Each sentence is spoken on its own, so a talking book can highlight it: espeak-ng leaves
# 365 ms of silence between two sentences it reads together, less the 20 ms our trimming
# keeps at each end (recording.trimmed), so the pace is the engine's own.
PAUSE_SENTENCE = 325
PAUSE_ITEM = 350
PAUSE_PARAGRAPH = 600
PAUSE_HEADING = 800
PAUSE_CHAPTER = 1200
WORDS_PER_MINUTE = 170  # the engines speak at about this rate (engines.base.Settings)


@dataclass(frozen=True, slots=True)
class Utterance:
    """Words spoken in one go, then a pause; `language` set only when not the script's own.

    `about` is what they speak, for a talking book to put text and voice in step: the
    model node (block, section, glossary entry) or a name for the tool's own part
    ("title", "summary", "review-dates"...); None for words only the recording says.
    `part` is which part of it: a paragraph's sentence, a picture's caption (1).
    """

    text: str
    pause: int = PAUSE_PARAGRAPH
    language: str = ""
    about: object = field(default=None, compare=False, repr=False)
    part: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Chapter:
    """One chapter: `level` 2 for the opening, a `##` section and the closing chapters,
    3 for a `###` subsection (a chapter inside the one before it)."""

    title: str
    utterances: tuple[Utterance, ...]
    level: int = 2


@dataclass(frozen=True, slots=True)
class Script:
    title: str
    language: str
    minutes: int
    chapters: tuple[Chapter, ...]

    def utterances(self) -> Iterator[Utterance]:
        for chapter in self.chapters:
            yield from chapter.utterances

    def text(self) -> str:
        """Everything the recording says, one utterance per line."""
        return "\n".join(u.text for u in self.utterances())

    def word_count(self) -> int:
        return len(self.text().split())


def speech_script(leaflet: Leaflet, context: WriteContext, minutes: int | None = None) -> Script:
    """The script of a leaflet; `minutes` is its length as measured, else estimated."""
    speaker = _Speaker(leaflet, context)
    # 1. Reading order decides where each glossary term is first explained.
    intro = speaker.blocks(leaflet.intro)
    sections = [speaker.section(s, n) for n, s in enumerate(leaflet.all_sections(), start=1)]
    closing = [speaker.closing(len(sections) + 1)]
    if leaflet.references:  # last, so a listener can stop before them
        closing.append(speaker.sources(len(sections) + 2))
    body = (*sections, *closing)
    # 2. The opening, with an estimated length until the sound is measured.
    draft = Script(leaflet.title, leaflet.language, 1, (speaker.opening(body, 1, intro), *body))
    minutes = minutes or estimate_minutes(draft)
    opening = speaker.opening(body, minutes, intro)
    return Script(leaflet.title, leaflet.language, minutes, (opening, *body))


def estimate_minutes(script: Script) -> int:
    pauses = sum(u.pause for u in script.utterances()) / 60_000
    return max(1, round(script.word_count() / WORDS_PER_MINUTE + pauses))


class _Speaker:
    """Turns model nodes into utterances; remembers which glossary terms were explained."""

    def __init__(self, leaflet: Leaflet, context: WriteContext) -> None:
        self.leaflet = leaflet
        self.context = context
        self.words: Words = context.words
        self.pronouncers: dict[str, Pronouncer] = {}
        self.say = self.pronouncer(leaflet.language)
        self.table = self.say.table
        self.definitions = {entry.term: entry.definition for entry in leaflet.glossary}
        self.explained: set[str] = set()

    def pronouncer(self, language: str) -> Pronouncer:
        """The pronouncer of a language: its speech table and the leaflet's lexicon."""
        if language not in self.pronouncers:
            table = load_table(self.context.config.locales_dir, language)
            self.pronouncers[language] = Pronouncer(language, table, self.leaflet.pronounce)
        return self.pronouncers[language]

    # --- chapters ----------------------------------------------------------

    def opening(self, body: tuple[Chapter, ...], minutes: int, intro: list[Utterance]) -> Chapter:
        leaflet, words = self.leaflet, self.words
        said = [
            *self.draft_notices(),  # the first words of a draft, put there by code
            Utterance(self.say(leaflet.title), PAUSE_HEADING, about="title"),
            *self.organisation(),
        ]
        if leaflet.summary:
            said += _ended(self.sentences(leaflet.summary, "summary"), PAUSE_PARAGRAPH)
        said += self.notices()
        said.append(Utterance(self.length(minutes), PAUSE_ITEM))
        said.append(
            Utterance(
                words.ngettext(CHAPTERS, len(body), count=len(body)),
                PAUSE_ITEM,
            )
        )
        for number, chapter in enumerate(body, start=1):
            listed = self.words(
                "Chapter {number}: {title}", number=number, title=self.say(chapter.title)
            )
            said.append(Utterance(listed, PAUSE_ITEM))
        said = _ended(said, PAUSE_PARAGRAPH)
        said.append(Utterance(words("Most players can skip from one chapter to the next.")))
        said += self.review_dates()
        return Chapter(leaflet.title, _end_chapter([*said, *intro]))

    def organisation(self) -> list[Utterance]:
        """'From {organisation}.': in a translation, the name is said by the voice of the
        language it is written in (the source's), the words around it by the leaflet's."""
        name, own = self.context.config.organisation, self.leaflet.language
        source = self.context.config.source_language
        if _same_language(source, own):
            return [
                Utterance(
                    self.words("From {organisation}.", organisation=name), about="organisation"
                )
            ]
        before, _, after = self.words("From {organisation}.", organisation="\0").partition("\0")
        if not any(char.isalnum() for char in after):  # only the full stop: it ends the name
            name, after = name + after.strip(), ""
        pieces = [(before, ""), (name, source), (after, "")]
        return _ended(self.voiced(pieces, "organisation"), PAUSE_PARAGRAPH)

    def notices(self) -> list[Utterance]:
        """Said before anything else that matters: an unreviewed draft, an overdue review."""
        said = []
        if is_overdue(self.leaflet, self.context.today):
            due = self.date(self.leaflet.next_review)
            said += self.words_sentences(OVERDUE_NOTICE, "overdue", date=due)
        return said

    def draft_notices(self) -> list[Utterance]:
        """An unreviewed draft says so first, in English, then in its language once reviewed."""
        if not is_draft_translation(self.leaflet, self.context):
            return []
        english, *own = draft_notices(self.words)
        return [
            Utterance(english, language=TOOL_LANGUAGE, about="draft-en"),
            *(Utterance(line, about="draft", part=n) for n, line in enumerate(own)),
        ]

    def length(self, minutes: int) -> str:
        return self.words.ngettext(LENGTH, minutes, minutes=minutes)

    def review_dates(self) -> list[Utterance]:
        reviewed, next_review = self.leaflet.reviewed, self.leaflet.next_review
        dates = {"reviewed": self.date(reviewed), "next_review": self.date(next_review)}
        return self.words_sentences(REVIEW_DATES, "review-dates", **dates)

    def words_sentences(self, message: str, about: str, **values: str) -> list[Utterance]:
        """Tool words, each sentence of them its own utterance (`part` its number): cut
        before the fields are filled, so a value's full stop ('11. Mai') cuts nothing."""
        template = self.words(message, **{name: f"{{{name}}}" for name in values})
        found = sentences(template, self.leaflet.language)
        said = [
            Utterance(part.format(**values).strip(), PAUSE_SENTENCE, about=about, part=n)
            for n, part in enumerate(found)
        ]
        return _ended(said, PAUSE_PARAGRAPH)

    def section(self, section: Section, number: int) -> Chapter:
        title = self.say(section.title)
        heading = self.words("Chapter {number}: {title}", number=number, title=title)
        said = [Utterance(heading, PAUSE_HEADING, about=section), *self.blocks(section.blocks)]
        return Chapter(section.title, _end_chapter(said), section.level)

    def closing(self, number: int) -> Chapter:
        """The helpline, terms not yet explained, the sources and the end."""
        title = self.words("More information")
        said = [
            Utterance(
                self.words("Chapter {number}: {title}", number=number, title=title),
                PAUSE_HEADING,
                about="more-information",
            )
        ]
        said += self.helpline()
        # Terms used only in the easy-read text: explained here, so none is left out.
        for entry in self.leaflet.glossary_used():
            if entry.term not in self.explained:
                self.explained.add(entry.term)
                said += self.explanation(entry.term)
        if not self.leaflet.references:
            said.append(self.end())
        return Chapter(title, _end_chapter(said))

    def sources(self, number: int) -> Chapter:
        """The references: their count, then each as authors, title and year."""
        table, references = self.table, self.leaflet.references
        title = table.references.get("title", "Sources")
        heading = self.words("Chapter {number}: {title}", number=number, title=title)
        count = Utterance(sources_count(table, len(references)), about="sources")
        said = [Utterance(heading, PAUSE_HEADING), count]
        et_al = table.references.get("et_al", "and others")
        said += [
            Utterance(self.say(short_reference(ref, et_al)), PAUSE_ITEM, about=f"reference-{n}")
            for n, ref in enumerate(references, start=1)
        ]
        said = _ended(said, PAUSE_PARAGRAPH)
        return Chapter(title, _end_chapter([*said, self.end()]))

    def end(self) -> Utterance:
        return Utterance(self.words("End of {title}.", title=self.say(self.leaflet.title)))

    def helpline(self) -> list[Utterance]:
        helpline = self.leaflet.helpline
        if helpline is None:
            return []
        label = self.say(helpline.label)
        said = [
            Utterance(
                self.words("{label}: {phone}.", label=label, phone=self.digits(helpline.phone)),
                about="helpline",
            )
        ]
        if helpline.hours:
            said.append(
                Utterance(
                    self.words("Opening hours: {hours}.", hours=self.say(helpline.hours)),
                    about="hours",
                )
            )
        if helpline.email:
            email = self.say(helpline.email)
            said.append(Utterance(self.words("E-mail: {email}.", email=email), about="email"))
        return said

    # --- blocks ------------------------------------------------------------

    def blocks(self, blocks: tuple[Block, ...]) -> list[Utterance]:
        """The blocks, each followed by the glossary terms it is the first to use.

        A paragraph that leads into a list ("You may have:") keeps its
        explanations until after the list, so the list follows its lead-in.
        """
        said: list[Utterance] = []
        waiting: list[str] = []
        for index, block in enumerate(blocks):
            said += self.block(block)
            waiting += self.first_used(block)
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if not _leads_into_list(block, following):
                said += [u for term in waiting for u in self.explanation(term)]
                waiting = []
        return said + [u for term in waiting for u in self.explanation(term)]

    def first_used(self, block: Block) -> list[str]:
        """The glossary terms a paragraph uses that no earlier paragraph did."""
        if not isinstance(block, Paragraph):
            return []  # lists and notes explain the terms of their own paragraphs
        terms = [run.key for run in iter_inlines(block.inlines) if isinstance(run, Term)]
        new = [t for t in dict.fromkeys(terms) if t in self.definitions and t not in self.explained]
        self.explained.update(new)
        return new

    def block(self, block: Block) -> list[Utterance]:
        match block:
            case Paragraph():
                return self.paragraph(block)
            case Image():
                return self.image(block)
            case ListBlock():
                return self.list_block(block)
            case Note():
                return self.note(block)
        raise BuildError(f"{self.leaflet.source}: the audio cannot speak a {type(block).__name__}")

    def paragraph(self, paragraph: Paragraph) -> list[Utterance]:
        """Each sentence on its own (`part` its number), split again where words in another
        language ('[...]{lang=en}') are read in theirs."""
        said: list[Utterance] = []
        for number, runs in enumerate(split_runs(paragraph.inlines, self.leaflet.language)):
            said += _ended(self.voiced(self.pieces(runs), paragraph, number), PAUSE_SENTENCE)
        return _ended(said, PAUSE_PARAGRAPH)

    def voiced(
        self, pieces: list[tuple[str, str]], about: object, part: int = 0
    ) -> list[Utterance]:
        """(text, language) pieces said one straight after another, each by its language's
        voice ('' is the leaflet's), as one part of `about`."""
        said = [
            Utterance(self.pronouncer(lang or self.leaflet.language)(text), 0, lang, about, part)
            for text, lang in pieces
        ]
        return [u for u in said if u.text]

    def sentences(self, text: str, about: object) -> list[Utterance]:
        """Plain text, each sentence its own utterance (`part` its number)."""
        said = [
            Utterance(self.say(sentence), PAUSE_SENTENCE, about=about, part=number)
            for number, sentence in enumerate(sentences(text, self.leaflet.language))
        ]
        return [u for u in said if u.text]

    def pieces(self, runs: tuple[Inline, ...], lang: str = "") -> list[tuple[str, str]]:
        """The words of some runs as (text, language) pieces; '' is the leaflet's language."""
        found: list[tuple[str, str]] = []
        for run in runs:
            if isinstance(run, Span):
                inner = "" if _same_language(run.lang, self.leaflet.language) else run.lang
                found += self.pieces(run.children, inner)
            elif isinstance(run, Strong | Emphasis):
                found += self.pieces(run.children, lang)
            else:
                found.append((self.inline(run), lang))
        merged: list[tuple[str, str]] = []
        for text, language in found:
            if merged and merged[-1][1] == language:
                merged[-1] = (merged[-1][0] + text, language)
            else:
                merged.append((text, language))
        return merged

    def explanation(self, term: str) -> list[Utterance]:
        definition = self.definitions[term]
        template = self.words("{term} means: {definition}", term=term, definition="\0")
        return self.led(template, definition, GlossaryEntry(term, definition))

    def led(self, template: str, text: str, about: object, first: int = 0) -> list[Utterance]:
        """Text led in by tool words ('Caption: {caption}', the text's place a NUL), each
        sentence its own utterance (`part` from `first`), the lead-in said with the first."""
        before, _, after = template.partition("\0")
        found = [piece.strip() for piece in sentences(text, self.leaflet.language)] or [text]
        found[0] = before + found[0]
        found[-1] += after  # the same piece when there is one sentence
        said = [
            Utterance(self.say(piece), PAUSE_SENTENCE, about=about, part=first + number)
            for number, piece in enumerate(found)
        ]
        return _ended([u for u in said if u.text], PAUSE_PARAGRAPH)

    def image(self, image: Image) -> list[Utterance]:
        if image.decorative:  # hidden from screen readers, so from listeners too
            return []
        alt = self.say(self.words("Picture: {alt}", alt=image.alt))
        said = [Utterance(alt, PAUSE_ITEM, about=image)]
        if image.caption:
            lead = self.words("Caption: {caption}", caption="\0")
            said += self.led(lead, image.caption, image, first=1)
        return _ended(said, PAUSE_PARAGRAPH)

    def list_block(self, block: ListBlock) -> list[Utterance]:
        said: list[Utterance] = []
        for number, item in enumerate(block.items, start=block.start):
            spoken = self.blocks(item.blocks)
            if block.ordered and spoken:
                spoken[0] = dataclasses.replace(spoken[0], text=f"{number}. {spoken[0].text}")
            # Read as a list: the short pause after each part of an item, the long one at the end.
            said += [dataclasses.replace(u, pause=min(u.pause, PAUSE_ITEM)) for u in spoken]
        return _ended(said, PAUSE_PARAGRAPH)

    def note(self, note: Note) -> list[Utterance]:
        inner = self.blocks(note.blocks)
        return [
            Utterance(self.words("Note."), PAUSE_ITEM, about=note),
            *inner,
            Utterance(self.words("End of note.")),
        ]

    # --- inline runs -------------------------------------------------------

    def inlines(self, runs: tuple[Inline, ...]) -> str:
        return "".join(self.inline(run) for run in runs)

    def inline(self, run: Inline) -> str:
        match run:
            case Text(text) | Term(text, _):
                return text
            case Strong(children) | Emphasis(children) | Span(children, _):
                return self.inlines(children)
            case Link(children, url):
                return self.link(self.inlines(children), url)
        raise BuildError(f"{self.leaflet.source}: the audio cannot speak a {type(run).__name__}")

    def link(self, text: str, url: str) -> str:
        """A link's words, and its address too when the words do not already say it."""
        address = unquote(_address(url))
        if _same_address(text, address):
            return text
        if url.lower().startswith("tel:") and is_phone(address):
            address = self.digits(dialled(address))
        elif url.lower().startswith(("http://", "https://")):
            address = url  # the speech table says it by its parts: 'example dot org slash help'
        return self.words("{text} (at {address})", text=text, address=address)

    def date(self, day: date) -> str:
        return format_date(day, self.leaflet.language)

    def digits(self, number: str) -> str:
        """A phone number digit by digit, as dialled ('+44 (0)20' -> 'plus 4 4, 2 0')."""
        return self.say(digits(dialled(number), self.leaflet.language))


def _same_language(one: str, other: str) -> bool:
    return one.split("-")[0].lower() == other.split("-")[0].lower()


def sources_count(table: SpeechTable, count: int) -> str:
    """'This chapter has 3 sources.', in the plural form the language uses for `count`."""
    forms = table.references
    category = babel_locale(table.language).plural_form(count)
    form = forms.get(category) or forms.get("other")
    if form is None:
        form = "This chapter has 1 source." if count == 1 else "This chapter has {n} sources."
    return form.format(n=count)


def _leads_into_list(block: Block, following: Block | None) -> bool:
    if not isinstance(block, Paragraph) or not isinstance(following, ListBlock):
        return False
    return plain_text(block.inlines).rstrip().endswith(":")


def _end_chapter(said: list[Utterance]) -> tuple[Utterance, ...]:
    return tuple(_ended(said, PAUSE_CHAPTER))


def _ended(said: list[Utterance], pause: int) -> list[Utterance]:
    """The utterances with at least `pause` after the last one."""
    if said and said[-1].pause < pause:
        said[-1] = dataclasses.replace(said[-1], pause=pause)
    return said


def _address(url: str) -> str:
    """A link address as said aloud: without the scheme, 'www.' or a trailing slash."""
    for scheme in ("https://", "http://", "mailto:", "tel:"):
        if url.lower().startswith(scheme):
            url = url[len(scheme) :]
            break
    return url.removeprefix("www.").rstrip("/")


def _same_address(text: str, address: str) -> bool:
    def squeeze(value: str) -> str:
        return "".join(c for c in value.lower() if c.isalnum())

    return squeeze(_address(text.strip())) == squeeze(address)


def is_draft_translation(leaflet: Leaflet, context: WriteContext) -> bool:
    """An unreviewed translation, built with --draft (the source itself is never one)."""
    source = context.config.source_language.split("-")[0].lower()
    return context.draft and leaflet.language.split("-")[0].lower() != source
