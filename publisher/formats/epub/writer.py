"""Leaflet -> EPUB 3 talking book: the text, and the voice in step with it (media overlays).

For blind and partially sighted readers using talking-book players: headings to move
by, the large-print edition's pages, the sentence being read highlighted at the
reader's own size and colours. The voice is the MP3 edition's: the same speech
script, engine, voice and cache, so building both speaks each sentence once.
"""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ...config import Config
from ...i18n.words import TOOL_LANGUAGE, draft_title
from ...model import Image, Leaflet, leaflet_blocks
from ...speech import recording
from ...speech.cache import SpeechCache
from ...speech.engines.registry import choose
from ...speech.script import is_draft_translation, speech_script
from ...text.scripts import direction
from .. import WriteContext
from ..print_edition import bookmarks
from ..templates import templates_dir
from .audio import MS, RATE, Track, encode, tracks
from .content import Book, Document
from .nav import toc
from .pages import first_pages

# Tool words: "Contents", the MP3 edition's (audio/mp3.py); the draft mark is i18n.words'.
MEDIA_TYPES = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg"}
CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""
SUMMARY = (
    "The full text of the leaflet with a recorded voice in step: each sentence, heading "
    "and picture description is highlighted as it is read. Headings and a table "
    "of contents let you move around{pages}. Every picture has a text description, read "
    "aloud too. No sound, flashing or motion hazards."
)
PAGES = ", and a page list goes to the pages of the large-print edition"


def write(leaflet: Leaflet, path: Path, context: WriteContext) -> None:
    # 1. The voice first: a language no engine speaks stops here, as for the MP3.
    choice = choose(context.config, leaflet.language)
    cache = SpeechCache(context.config.cache_dir)
    # 2. The MP3's speech script, spoken through the same cache.
    script = speech_script(leaflet, context)
    spoken = recording.spoken(script, choice, context.config, cache, RATE)
    # 3. The text, one document per section, each element the voice reads with an id,
    #    and the large-print edition's pages marked when it was built beside this book.
    book = Book(leaflet, context, print_pages=print_pages(leaflet, path.parent, context))
    documents = book.documents()
    # 4. The sound of each document, clip by clip, levelled as the MP3 is.
    sounds = tracks(leaflet, documents, script, spoken)
    # 5. Everything into one zip; the build renames it into place.
    files = package_files(leaflet, context, book, documents, sounds)
    with zipfile.ZipFile(path, "w") as epub:
        _add(epub, "mimetype", b"application/epub+zip", zipfile.ZIP_STORED)
        for name, data in files.items():
            _add(epub, name, data, zipfile.ZIP_DEFLATED)


def print_pages(leaflet: Leaflet, folder: Path, context: WriteContext) -> dict[object, int]:
    """Heading -> its page in the large-print PDF built in this run; none without it."""
    pdf = context.siblings.get("pdf")
    if pdf is None or not (folder / pdf).is_file():
        return {}
    return first_pages(leaflet, bookmarks(folder / pdf))


def package_files(
    leaflet: Leaflet,
    context: WriteContext,
    book: Book,
    documents: list[Document],
    sounds: list[Track],
) -> dict[str, bytes]:
    render = _templates()
    shared = {"lang": leaflet.language, "dir": direction(leaflet.language)}
    files = {"META-INF/container.xml": CONTAINER.encode()}
    for document, track in zip(documents, sounds, strict=True):
        xhtml = render(
            "epub-content.xhtml", shared | {"title": document.title, "body": document.body}
        )
        files[f"EPUB/{document.name}.xhtml"] = xhtml
        clips = [{"id": c.id, "begin": clock(c.begin), "end": clock(c.end)} for c in track.clips]
        files[f"EPUB/{document.name}.smil"] = render(
            "epub-overlay.smil", {"name": document.name, "clips": clips}
        )
        files[f"EPUB/audio/{document.name}.mp3"] = encode(track.samples)
    files["EPUB/nav.xhtml"] = render("epub-nav.xhtml", shared | nav_values(book, context))
    files["EPUB/book.css"] = (templates_dir("epub.css") / "epub.css").read_bytes()
    files["EPUB/book.css"] += brand_css(context.config).encode()
    if context.config.brand_logo is not None:
        files[f"EPUB/{cover_href(context.config)}"] = context.config.brand_logo.read_bytes()
    for picture in book.pictures.values():
        files[f"EPUB/{picture.href}"] = picture.source.read_bytes()
    values = package_values(leaflet, context, book, sounds)
    files["EPUB/package.opf"] = render("epub-package.opf", shared | values)
    return files


def nav_values(book: Book, context: WriteContext) -> dict[str, object]:
    contents = context.words("Contents")
    english = "Contents" not in context.words.table and not book.leaflet.language.startswith("en")
    sections = [h for h in book.headings if h.level == 2]
    return {
        "title": contents,
        "contents": contents,
        "contents_lang": Markup(' lang="{0}" xml:lang="{0}"').format(TOOL_LANGUAGE)
        if english
        else "",
        "toc": toc(book.headings),
        "pages": book.pages,
        "body_href": (sections or book.headings)[0].href,
        "body_title": (sections or book.headings)[0].title,
    }


def package_values(
    leaflet: Leaflet, context: WriteContext, book: Book, sounds: list[Track]
) -> dict[str, object]:
    organisation = context.config.organisation
    title = leaflet.title
    if is_draft_translation(leaflet, context):
        title = draft_title(title, context.words)  # by code: no translation can take it away
    described = any(isinstance(b, Image) and not b.decorative for b in leaflet_blocks(leaflet))
    features = ["structuralNavigation", "tableOfContents", "readingOrder"]
    features += ["synchronizedAudioText", "displayTransformability"]
    features += ["alternativeText"] if described else []
    features += ["pageBreakMarkers", "pageNavigation"] if book.pages else []
    pdf = context.siblings.get("pdf", "")
    return {
        "identifier": f"urn:uuid:{book_id(organisation, leaflet)}",
        "title": title,
        "organisation": organisation,
        "reviewed": leaflet.reviewed.isoformat(),
        "modified": f"{leaflet.reviewed.isoformat()}T00:00:00Z",
        "summary": leaflet.summary,
        "page_source": pdf if book.pages else "",
        "access_modes": ["textual", "auditory", *(["visual"] if described else [])],
        "sufficient": ["textual", "auditory"],
        "features": features,
        "a11y_summary": SUMMARY.format(pages=PAGES if book.pages else ""),
        "duration": clock(sum(len(t.samples) for t in sounds)),
        "documents": [{"name": t.name, "duration": clock(len(t.samples))} for t in sounds],
        "pictures": [
            {"href": p.href, "media_type": MEDIA_TYPES[p.source.suffix.lower()]}
            for p in book.pictures.values()
        ],
        "cover": cover_values(context.config),
    }


def cover_href(config: Config) -> str:
    return f"images/cover{config.brand_logo.suffix.lower()}" if config.brand_logo else ""


def cover_values(config: Config) -> dict[str, str] | None:
    """The brand logo as the book's cover image (players show it in their library)."""
    if config.brand_logo is None:
        return None
    return {"href": cover_href(config), "media_type": MEDIA_TYPES[config.brand_logo.suffix.lower()]}


def brand_css(config: Config) -> str:
    """Headings and boxes in the brand colour (refused under 7:1 on white in publisher.toml)."""
    if not config.brand_colour:
        return ""
    return f"\nh1, h2, h3 {{ color: {config.brand_colour}; }}\n"


def book_id(organisation: str, leaflet: Leaflet) -> uuid.UUID:
    """The same identifier for every build of one leaflet in one language."""
    name = f"publisher:{organisation}:{leaflet.slug}:{leaflet.language}"
    return uuid.uuid5(uuid.NAMESPACE_URL, name)


def clock(samples: int) -> str:
    """A SMIL clock value, exact: every length here is a whole number of milliseconds."""
    assert samples % MS == 0, samples
    milliseconds = samples // MS
    seconds, ms = divmod(milliseconds, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{ms:03d}"


def _templates() -> Callable[[str, dict[str, object]], bytes]:
    environment = Environment(
        loader=FileSystemLoader(templates_dir("epub-content.xhtml")),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )

    def render(name: str, values: dict[str, object]) -> bytes:
        return environment.get_template(name).render(values).encode()

    return render


def _add(epub: zipfile.ZipFile, name: str, data: bytes, method: int) -> None:
    """A member with a fixed date, so the same book is the same file."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = method
    epub.writestr(info, data)
