"""The easy-read HTML page: one self-contained file per leaflet and language.

A `##` section with easy-read text anywhere in it (its own `::: easy` block or
a subsection's) shows only that text, one point per row: picture, then words.
A section with no easy-read text is shown in full. Pictures are inlined as
data: URIs and the CSS sits in the page, so the file works offline and by e-mail.
The layout lives in templates/easy-read.html and .css; html_prose.py turns the
leaflet's text into escaped Markup; this module gathers the page's values.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ... import __version__
from ...checks import is_overdue
from ...config import Config
from ...i18n.dates import format_date
from ...i18n.words import (
    DRAFT_MARK,
    DRAFT_NOTICE,
    OVERDUE_NOTICE,
    Words,
    draft_notices,
    draft_title,
)
from ...model import Leaflet
from ...text.scripts import direction
from .. import WriteContext
from ..templates import templates_dir
from .fonts import font_faces
from .prose import Prose

PAGE = "easy-read.html"
TOOL_LANGUAGE = "en-GB"  # the language the tool's own words are written in
DRAFT = DRAFT_NOTICE
OVERDUE = OVERDUE_NOTICE
# Every tool word this page uses, for the translation tooling to extract.
WORDS = (
    "{title} (easy read)",
    "Skip to main content",
    DRAFT,
    DRAFT_MARK,
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


def write(leaflet: Leaflet, path: Path, context: WriteContext) -> None:
    path.write_text(render_page(leaflet, context), encoding="utf-8")


def render_page(leaflet: Leaflet, context: WriteContext) -> str:
    """The whole page as HTML text, with its own fonts for a script machines may lack."""
    environment = Environment(
        loader=FileSystemLoader(templates_dir(PAGE)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    template = environment.get_template(PAGE)
    values = page_values(leaflet, context)
    # The page once to learn which characters it shows, then with fonts cut to those.
    page = template.render(values | {"fonts": Markup("")})
    fonts = font_faces(page, leaflet.language, context.config)
    return template.render(values | {"fonts": fonts}) if fonts else page


def page_values(leaflet: Leaflet, context: WriteContext) -> dict[str, object]:
    """Everything the page template shows, in reading order."""
    say = Say(context.words, leaflet.language)
    prose = Prose(leaflet)
    isolated = prose.plain  # numbers and Latin kept left to right in right-to-left text
    # Parts first: building them decides where each hard word is first explained.
    intro = prose.intro(leaflet)
    parts = tuple(prose.part(section) for section in leaflet.sections)
    source_language = context.config.source_language
    helpline = leaflet.helpline
    return {
        "lang": leaflet.language,
        "dir": direction(leaflet.language),
        "title": leaflet.title,
        "summary": isolated(leaflet.summary),
        "organisation": context.config.organisation,
        "version": __version__,
        "say": say,
        "draft": context.draft,
        "window_title": _window_title(leaflet, say, context.draft),
        "draft_notices": draft_notices(context.words),
        "tool_language": TOOL_LANGUAGE,
        "overdue": overdue_notice(leaflet, context.today, say),
        "audio": quote(context.siblings["audio"]) if "audio" in context.siblings else None,
        "helpline": helpline,
        "phone": Markup('<span dir="ltr">{}</span>').format(helpline.phone) if helpline else "",
        "hours": isolated(helpline.hours) if helpline else "",
        "phone_href": phone_href(helpline.phone) if helpline else "",
        "intro": intro,
        "parts": parts,
        "hard_words": prose.hard_words(),
        "reviewed": date_markup(leaflet.reviewed, leaflet.language),
        "next_review": date_markup(leaflet.next_review, leaflet.language),
        "references": leaflet.references,
        "references_lang": _other_language(source_language, leaflet.language),
        "brand_colour": context.config.brand_colour,
        "logo": logo_source(context.config),
        "logo_alt": context.config.brand_logo_alt,
    }


def logo_source(config: Config) -> str:
    """The brand logo as a data: address, so the page stays one self-contained file."""
    if config.brand_logo is None:
        return ""
    kind = "svg+xml" if config.brand_logo.suffix.lower() == ".svg" else "png"
    encoded = base64.b64encode(config.brand_logo.read_bytes()).decode("ascii")
    return f"data:image/{kind};base64,{encoded}"


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


def _window_title(leaflet: Leaflet, say: Say, draft: bool) -> str:
    title = say.text("{title} (easy read)", title=leaflet.title)
    return draft_title(title, say.words) if draft else title


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
