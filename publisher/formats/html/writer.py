"""The easy-read HTML page: one self-contained file per leaflet and language.

A `##` section with easy-read text anywhere in it (its own `::: easy` block or
a subsection's) shows only that text, one point per row: picture, then words.
A section with no easy-read text shows its heading and one fixed easy sentence
pointing to the large print; the page never falls back to the full text.
Pictures, the CSS and the easy-read recording sit inside the page (data: URIs),
so the file works offline and by e-mail; it links to every other format built.
The layout lives in templates/easy-read.html and .css; html_prose.py turns the
leaflet's text into escaped Markup; this module gathers the page's values.
"""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ... import __version__
from ...checks import is_overdue
from ...checks.easy_read import coverage_problems
from ...config import Config
from ...errors import BuildError, Problem
from ...i18n.dates import format_date
from ...i18n.words import (
    DRAFT_MARK,
    DRAFT_NOTICE,
    OVERDUE_NOTICE,
    TOOL_LANGUAGE,
    Words,
    draft_notices,
    draft_title,
)
from ...model import Leaflet, easy_points
from ...symbols import CREDIT, CREDIT_URL, is_symbol
from ...text.phones import tel_url
from ...text.scripts import direction
from .. import WriteContext
from ..templates import compiled_templates, templates_dir
from .fonts import font_faces
from .prose import Prose

PAGE = "easy-read.html"
DRAFT = DRAFT_NOTICE
OVERDUE = OVERDUE_NOTICE
# A section with no easy-read text yet says so, and where to find the whole text.
NOT_EASY_YET = "This part is not in easy read yet."
ASK_FOR_HELP = "Ask someone to help you read the large print version."
# The other formats the page links to, by format name (the easy-read recording plays in it).
VERSION_LABELS = {
    "pdf": "Large print (PDF)",
    "docx": "Word document",
    "audio": "Full recording (MP3)",
    "epub": "Talking book (EPUB)",
    "braille": "Braille (BRF)",
}
SYMBOL_CREDIT = CREDIT  # OpenMoji's licence asks for this line wherever its symbols show
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
    NOT_EASY_YET,
    ASK_FOR_HELP,
    "Other versions of this leaflet",
    *VERSION_LABELS.values(),
    SYMBOL_CREDIT,
)
MAX_EMBEDDED_AUDIO = 4_000_000  # bytes of MP3 inside the page: about 8 minutes of speech


def write(leaflet: Leaflet, path: Path, context: WriteContext) -> None:
    refused = [p for p in coverage_problems(leaflet, context.config) if p.severity == "error"]
    if refused:  # publisher.toml asks for no page with this little easy-read text
        raise BuildError(refused)
    path.write_text(render_page(leaflet, context, path.parent), encoding="utf-8")


def render_page(leaflet: Leaflet, context: WriteContext, folder: Path | None = None) -> str:
    """The whole page as HTML text, with its own fonts for a script machines may lack."""
    environment = _environment(templates_dir(PAGE), context.config.cache_dir)
    template = environment.get_template(PAGE)
    values = page_values(leaflet, context) | recording_values(leaflet, context, folder)
    # The page once to learn which characters it shows, then with fonts cut to those.
    page = template.render(values | {"fonts": Markup("")})
    fonts = font_faces(page, leaflet.language, context.config)
    return template.render(values | {"fonts": fonts}) if fonts else page


@functools.cache  # one per process, so each template is compiled once, not once per page
def _environment(folder: Path, cache_dir: Path) -> Environment:
    return Environment(
        loader=FileSystemLoader(folder),
        bytecode_cache=compiled_templates(cache_dir, __file__),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


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
        "large_print": quote(context.siblings["pdf"]) if "pdf" in context.siblings else "",
        "not_easy_yet": NOT_EASY_YET,
        "symbol_credit": SYMBOL_CREDIT if any(is_symbol(p) for p in easy_pictures(leaflet)) else "",
        "credit_url": CREDIT_URL,
        "ask_for_help": ASK_FOR_HELP,
        "versions": [
            (say(VERSION_LABELS[name]), quote(file))
            for name, file in context.siblings.items()
            if name in VERSION_LABELS
        ],
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


def easy_pictures(leaflet: Leaflet) -> list[Path]:
    return [p.picture.path for p in easy_points(leaflet) if p.picture is not None]


def recording_values(leaflet: Leaflet, context: WriteContext, folder: Path | None) -> dict:
    """The easy-read recording inside the page (it plays when the page is saved or e-mailed
    alone), and a link to it as a file."""
    name = context.siblings.get("easy-audio")
    if folder is None or name is None or not (folder / name).is_file():
        return {"audio": None, "audio_file": None}
    data = (folder / name).read_bytes()
    if len(data) > MAX_EMBEDDED_AUDIO:
        message = (
            f"the easy-read recording is {len(data) / 1e6:.1f} MB, over the page's "
            f"{MAX_EMBEDDED_AUDIO / 1e6:.0f} MB: shorten the easy-read text"
        )
        raise BuildError([Problem(leaflet.source, None, message)])
    encoded = base64.b64encode(data).decode("ascii")
    return {"audio": f"data:audio/mpeg;base64,{encoded}", "audio_file": quote(name)}


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
    """A tel: address: the digits a caller dials, a leading +, no trunk '(0)' after it."""
    return tel_url(phone)


def _is_english(language: str) -> bool:
    return language.lower().split("-")[0] == "en"


def _other_language(language: str, page_language: str) -> dict[str, str] | None:
    """lang and dir for text left in `language` on a page in `page_language`."""
    if language.lower() == page_language.lower():
        return None
    return {"lang": language, "dir": direction(language)}
