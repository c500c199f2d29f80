"""The talking books read back: overlays in step with the text, exact durations, the
heading tree, the print pages, right-to-left, notices, and one speech pass for two formats."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from mutagen.mp3 import MP3

from publisher.build.run import build
from publisher.config import Config
from publisher.formats import WriteContext
from publisher.formats.epub import write as write_epub
from publisher.i18n.apply import localise
from publisher.i18n.words import Words
from publisher.model import GlossaryEntry
from publisher.reading.source import read_leaflet
from publisher.speech import recording
from publisher.speech.cache import SpeechCache
from publisher.speech.engines.registry import choose
from publisher.speech.pronounce import Pronouncer
from publisher.speech.script import speech_script
from publisher.speech.tables import load_table

from .conftest import CONTENT, require_tool, write_leaflet
from .epub_support import (
    BOOKS,
    NS,
    TODAY,
    members,
    package,
    spine_documents,
    words_of,
    xml,
)

RATE = 24_000


def ms(clock: str) -> int:
    """'0:01:02.345' -> 62345."""
    hours, minutes, seconds = clock.split(":")
    whole, _, fraction = seconds.partition(".")
    return ((int(hours) * 60 + int(minutes)) * 60 + int(whole)) * 1000 + int(fraction.ljust(3, "0"))


def overlays(epub: Path) -> list[tuple[str, list[tuple[str, str, int, int]]]]:
    """Per content document: (document, [(element id, audio file, begin ms, end ms)])."""
    files = members(epub)
    found = []
    for document in spine_documents(epub):
        smil = xml(files[f"EPUB/{document.replace('.xhtml', '.smil')}"])
        pars = []
        for par in smil.iterfind(".//smil:par", NS):
            text, audio = par.find("smil:text", NS), par.find("smil:audio", NS)
            target, _, ident = text.get("src").partition("#")
            assert target == document
            begin, end = ms(audio.get("clipBegin")), ms(audio.get("clipEnd"))
            pars.append((ident, audio.get("src"), begin, end))
        found.append((document, pars))
    return found


def mp3_ms(data: bytes, folder: Path) -> float:
    path = folder / "track.mp3"
    path.write_bytes(data)
    return MP3(path).info.length * 1000


def test_the_epub_build_speaks_nothing_the_mp3_build_did_not(books) -> None:
    assert books.epub_syntheses == 0


@pytest.mark.parametrize("slug,lang", BOOKS)
def test_every_clip_points_at_an_element_inside_its_audio_in_order(
    books, slug: str, lang: str, tmp_path: Path
) -> None:
    epub = books.epub(slug, lang)
    files = members(epub)
    for document, pars in overlays(epub):
        page = xml(files[f"EPUB/{document}"])
        ids = {e.get("id") for e in page.iter() if e.get("id")}
        assert pars, document
        audio = {src for _, src, _, _ in pars}
        assert audio == {f"audio/{document.replace('.xhtml', '.mp3')}"}
        length = mp3_ms(files[f"EPUB/{audio.pop()}"], tmp_path)
        previous_end = 0
        for ident, _, begin, end in pars:
            assert ident in ids, (document, ident)
            assert previous_end <= begin < end <= length + 0.001, (document, ident)
            previous_end = end


@pytest.mark.parametrize("slug,lang", BOOKS)
def test_every_word_of_the_book_is_in_an_element_with_a_clip(books, slug: str, lang: str) -> None:
    epub = books.epub(slug, lang)
    files = members(epub)
    for document, pars in overlays(epub):
        read = {ident for ident, *_ in pars}
        body = xml(files[f"EPUB/{document}"]).find("x:body", NS)
        for element in body.iter():
            # An element's own text, and the text after each of its children, is its own.
            texts = [element.text or "", *(child.tail or "" for child in element)]
            if element.tag == f"{{{NS['x']}}}img":
                texts.append(element.get("alt", ""))
            if not "".join(texts).strip():
                continue
            chain = [element, *element.iterancestors()]
            assert any(e.get("id") in read for e in chain), (document, "".join(texts))


@pytest.mark.parametrize("slug,lang", BOOKS)
def test_media_durations_are_exact(books, slug: str, lang: str, tmp_path: Path) -> None:
    epub = books.epub(slug, lang)
    files = members(epub)
    opf = package(epub)
    durations = {
        m.get("refines"): ms(m.text)
        for m in opf.iterfind(".//opf:meta[@property='media:duration']", NS)
    }
    items = {i.get("href"): i for i in opf.iterfind(".//opf:item", NS)}
    total = 0
    for document, pars in overlays(epub):
        overlay = items[document].get("media-overlay")
        track = f"audio/{document.replace('.xhtml', '.mp3')}"
        length = mp3_ms(files[f"EPUB/{track}"], tmp_path)
        # The overlay lasts exactly as long as its sound, which ends with its last clip.
        assert durations[f"#{overlay}"] == pars[-1][3] == pytest.approx(length, abs=0.001)
        total += durations[f"#{overlay}"]
    assert durations[None] == total


def test_a_gapless_decoder_plays_exactly_the_samples_the_overlays_count(
    books, tmp_path: Path
) -> None:
    ffmpeg = require_tool("ffmpeg")
    epub = books.epub("having-a-scan", "en-GB")
    files = members(epub)
    for document, pars in overlays(epub):
        path = tmp_path / "track.mp3"
        path.write_bytes(files[f"EPUB/audio/{document.replace('.xhtml', '.mp3')}"])
        pcm = subprocess.run(
            [ffmpeg, "-v", "error", "-i", str(path), "-f", "s16le", "-"],
            capture_output=True,
            check=True,
        ).stdout
        assert len(pcm) // 2 == pars[-1][3] * RATE // 1000, document


def nav_tree(epub: Path) -> list[tuple[str, list[str]]]:
    nav = xml(members(epub)["EPUB/nav.xhtml"])
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    tree = []
    for item in toc.find("x:ol", NS).iterfind("x:li", NS):
        children = [words_of(a) for a in item.iterfind("x:ol/x:li/x:a", NS)]
        tree.append((words_of(item.find("x:a", NS)), children))
    return tree


def test_the_contents_are_the_leaflets_heading_tree(books) -> None:
    assert nav_tree(books.epub("secondary-breast-cancer", "en-GB")) == [
        ("Secondary breast cancer", []),
        ("What is secondary breast cancer?", []),
        ("Tests", ["Scans", "Biopsy"]),
        ("Treatment", []),
        ("Help and support", []),
        ("More information", []),
    ]
    assert nav_tree(books.epub("having-a-scan", "en-GB")) == [
        ("Having a scan", []),
        ("Before your scan", []),
        ("On the day", []),
        ("After your scan", []),
        ("More information", []),
    ]


def test_a_translations_contents_are_its_translated_headings(books) -> None:
    leaflet, words = localise(
        read_leaflet(CONTENT / "having-a-scan.md"), "ar", books.config, draft=False
    )
    expected = [(leaflet.title, [])]
    expected += [(s.title, [sub.title for sub in s.subsections]) for s in leaflet.sections]
    expected.append((words("More information"), []))
    assert nav_tree(books.epub("having-a-scan", "ar")) == expected
    assert all(re.search("[\u0600-\u06ff]", title) for title, _ in expected)


# --- the spoken words of each clip ---------------------------------------------------------


def said(text: str) -> set[str]:
    """The words (letters and their marks; longer than one letter: 'CT' is said 'C T') of
    some text, without case, punctuation or numbers."""
    kept = "".join(c if unicodedata.category(c)[0] in "LM" else " " for c in text.casefold())
    return {word for word in kept.split() if len(word) > 1}


def belongs(spoken: str, shown: str, sentence: bool = False) -> bool:
    """Most of the words shown are spoken (the rest: numbers read digit by digit,
    abbreviations spelt out as the leaflet's pronounce list says); for a sentence, most
    words spoken are shown too (its clip says no other sentence)."""
    words, heard = said(shown), said(spoken)
    if sentence and len(words & heard) < 0.75 * len(heard):
        return False
    return bool(words) and len(words & heard) >= 0.75 * len(words)


@pytest.mark.parametrize("slug,lang", BOOKS)
def test_each_clip_speaks_the_words_of_its_element(books, slug: str, lang: str) -> None:
    """A clip's length identifies the utterance it plays (its sound, to the whole
    millisecond, then its pause); that utterance's words are the element's."""
    leaflet = read_leaflet(CONTENT / f"{slug}.md")
    words = Words(lang)
    if lang != leaflet.language:
        leaflet, words = localise(leaflet, lang, books.config, draft=False)
    context = WriteContext(books.config, TODAY, words)
    script = speech_script(leaflet, context)
    choice = choose(books.config, leaflet.language)
    cache = SpeechCache(books.config.cache_dir)
    sounds = recording.spoken(script, choice, books.config, cache, RATE)
    table = load_table(books.config.locales_dir, leaflet.language)
    speakable = Pronouncer(leaflet.language, table, leaflet.pronounce)  # 'CT' as 'C T'

    # A part said in two voices ('Gan' + 'Example Cancer Care.') is one clip of both.
    parts: dict[object, tuple[str, int]] = {}
    for chapter, chapter_sounds in zip(script.chapters, sounds, strict=True):
        for n, (u, sound) in enumerate(zip(chapter.utterances, chapter_sounds, strict=True)):
            key = (u.about, u.part) if u.about is not None else (chapter.title, n)
            text, length = parts.get(key, ("", 0))
            parts[key] = (
                (text + " " + u.text).strip(),
                length + -(-len(sound) // (RATE // 1000)) + u.pause,
            )
    lengths = list(parts.values())
    epub = books.epub(slug, lang)
    files = members(epub)
    for document, pars in overlays(epub):
        page = xml(files[f"EPUB/{document}"])
        elements = {e.get("id"): e for e in page.iter() if e.get("id")}
        for ident, _, begin, end in pars:
            element = elements[ident]
            # A web or mail link's address is said after its words.
            addresses = [
                a.get("href")
                for a in element.iter(f"{{{NS['x']}}}a")
                if a.get("href").startswith(("http", "mailto:"))
            ]
            shown = speakable(" ".join([words_of(element), *addresses]))  # '8am': '8 am'
            sentence = element.tag == f"{{{NS['x']}}}span"
            played = [text for text, length in lengths if length == end - begin]
            assert any(belongs(text, shown, sentence) for text in played), (
                document,
                shown,
                played,
            )


# --- sentence by sentence ------------------------------------------------------------------

SENTENCE_END = re.compile(
    r"[.!?\u061f\u0964][\"'\u201d)]*\s"
)  # '.', '!', '?', '؟', '।' then a space


def sentence_of(span: etree._Element) -> str:
    """A sentence as a reader sees it (its links and terms run on in it)."""
    return " ".join("".join(span.itertext()).split())


def sentence_spans(page) -> list[tuple[etree._Element, list[etree._Element]]]:
    """Each paragraph and list item (a p or li with no id of its own) with its sentences."""
    found = []
    for element in page.find("x:body", NS).iter(f"{{{NS['x']}}}p", f"{{{NS['x']}}}li"):
        if element.get("id") or not words_of(element):
            continue
        if any(child.tag.endswith(("}p", "}ul", "}ol")) for child in element):
            continue  # an item made of paragraphs: those hold the sentences
        found.append((element, element.findall("x:span[@id]", NS)))
    return found


@pytest.mark.parametrize("slug,lang", BOOKS)
def test_every_sentence_of_each_paragraph_has_its_own_clip(books, slug: str, lang: str) -> None:
    epub = books.epub(slug, lang)
    files = members(epub)
    paragraphs = 0
    for document, pars in overlays(epub):
        read = {ident for ident, *_ in pars}
        for element, spans in sentence_spans(xml(files[f"EPUB/{document}"])):
            paragraphs += 1
            # Only spaces between the sentences: every word is in one of them.
            outside = (element.text or "") + "".join(span.tail or "" for span in spans)
            assert spans and not outside.strip(), (document, words_of(element))
            for span in spans:
                shown = sentence_of(span)
                assert span.get("id") in read, (document, shown)
                assert not SENTENCE_END.search(shown + " ", 0, len(shown)), (document, shown)
    assert paragraphs >= 10


def test_a_paragraphs_sentences_are_the_ones_a_reader_sees(books) -> None:
    page = xml(members(books.epub("having-a-scan", "en-GB"))["EPUB/section-2.xhtml"])
    first = [span for _, spans in sentence_spans(page)[:1] for span in spans]
    assert [sentence_of(span) for span in first] == [
        "A radiographer will explain what will happen.",
        "You lie on a bed that moves slowly into the scanner.",
        "A CT scan takes about 10 minutes.",
        "An MRI scan can take up to 45 minutes and is quite noisy, so we will give you ear plugs.",
    ]
    page = xml(members(books.epub("having-a-scan", "ar"))["EPUB/section-1.xhtml"])
    spans = [span for _, found in sentence_spans(page) for span in found]
    assert len(spans) > len(sentence_spans(page))  # some paragraph has more than one sentence


SENTENCES = """## Before you come

Dr. Patel will see you. Call 0800 123 4567 first. Take 1.5 tablets, e.g. with water.
Say [bore da]{lang=cy} to the nurse. **Do not eat. Drink water.**

- Bring your letter. Bring a friend.
"""


LED_IN = """## Scans

A scanner takes pictures. Your nurse will explain it.

![A scanner with a bed](images/body-map.png "The scanner is a ring. The bed moves through it.")
"""


def test_a_hard_word_and_a_caption_of_two_sentences_have_a_clip_for_each(
    books, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    shutil.copy(CONTENT / "images" / "body-map.png", content / "images")
    front = "glossary:\n  scanner: A machine that takes pictures. It does not hurt.\n"
    leaflet = read_leaflet(write_leaflet(content, LED_IN, front))
    context = WriteContext(books.config, TODAY, Words("en-GB"))
    epub = tmp_path / "led-in.epub"
    write_epub(leaflet, epub, context)
    files = members(epub)
    pages = [xml(files[f"EPUB/{name}"]) for name in spine_documents(epub)]
    read = [ident for _, pars in overlays(epub) for ident, *_ in pars]
    (dd,) = [found for page in pages for found in page.iterfind(".//x:dd", NS)]
    (figcaption,) = [found for page in pages for found in page.iterfind(".//x:figcaption", NS)]
    definition = dd.findall("x:span[@id]", NS)
    caption = figcaption.findall("x:span[@id]", NS)
    assert [sentence_of(s) for s in definition] == [
        "A machine that takes pictures.",
        "It does not hurt.",
    ]
    assert [sentence_of(s) for s in caption] == [
        "The scanner is a ring.",
        "The bed moves through it.",
    ]
    assert all(s.get("id") in read for s in definition + caption)
    script = speech_script(leaflet, context)
    said = [(u.text, u.part) for u in script.utterances() if isinstance(u.about, GlossaryEntry)]
    assert said == [("scanner means: A machine that takes pictures.", 0), ("It does not hurt.", 1)]
    image = leaflet.sections[0].blocks[1]
    said = [(u.text, u.part) for u in script.utterances() if u.about == image]
    assert said[1:] == [("Caption: The scanner is a ring.", 1), ("The bed moves through it.", 2)]


def test_abbreviations_numbers_and_other_languages_stay_in_their_sentence(
    books, tmp_path: Path
) -> None:
    leaflet = read_leaflet(write_leaflet(tmp_path / "content", SENTENCES))
    epub = tmp_path / "sentences.epub"
    write_epub(leaflet, epub, WriteContext(books.config, TODAY, Words("en-GB")))
    files = members(epub)
    page = xml(files["EPUB/section-1.xhtml"])
    shown = [[sentence_of(span) for span in spans] for _, spans in sentence_spans(page)]
    assert shown == [
        [
            "Dr. Patel will see you.",
            "Call 0800 123 4567 first.",
            "Take 1.5 tablets, e.g. with water.",
            "Say bore da to the nurse.",
            "Do not eat.",
            "Drink water.",
        ],
        ["Bring your letter.", "Bring a friend."],
    ]
    welsh = page.find(".//x:span[@lang='cy']", NS)
    assert words_of(welsh) == "bore da" and welsh.get("dir") == "ltr"
    # The sentence with Welsh words in it is three utterances (English, Welsh, English),
    # all in its clip, one after the other.
    context = WriteContext(books.config, TODAY, Words("en-GB"))
    script = speech_script(leaflet, context)
    choice = choose(books.config, leaflet.language)
    sounds = recording.spoken(
        script, choice, books.config, SpeechCache(books.config.cache_dir), RATE
    )
    lengths = {
        id(u): -(-len(sound) // (RATE // 1000)) + u.pause
        for chapter, found in zip(script.chapters, sounds, strict=True)
        for u, sound in zip(chapter.utterances, found, strict=True)
    }
    pieces = [u for u in script.utterances() if u.about == leaflet.sections[0].blocks[0]]
    welsh_sentence = [u for u in pieces if u.part == 3]
    assert [(u.text.strip(), u.language) for u in welsh_sentence] == [
        ("Say", ""),
        ("bore da", "cy"),
        ("to the nurse.", ""),
    ]
    ((_, pars),) = [o for o in overlays(epub) if o[0] == "section-1.xhtml"]
    clips = {ident: end - begin for ident, _, begin, end in pars}
    say = next(s for s in page.iter(f"{{{NS['x']}}}span") if sentence_of(s).startswith("Say"))
    assert clips[say.get("id")] == sum(lengths[id(u)] for u in welsh_sentence)
    assert len(clips) == 1 + 6 + 2  # the heading, then one clip a sentence


# --- pages, direction, metadata, notices ----------------------------------------------------


@pytest.mark.parametrize("slug", ["having-a-scan", "secondary-breast-cancer"])
def test_the_page_list_goes_to_headings_printed_on_those_pages(books, slug: str) -> None:
    epub = books.epub(slug, "en-GB")
    files = members(epub)
    nav = xml(files["EPUB/nav.xhtml"])
    entries = nav.findall(".//x:nav[@epub:type='page-list']/x:ol/x:li/x:a", NS)
    labels = [int(a.text) for a in entries]
    assert labels[0] == 1 and labels == sorted(set(labels))
    with pdfplumber.open(books.pdf(slug, "en-GB")) as pdf:
        printed = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
        assert max(labels) <= len(pdf.pages)
    for anchor in entries:
        document, _, ident = anchor.get("href").partition("#")
        page = xml(files[f"EPUB/{document}"])
        mark = page.find(f".//*[@id='{ident}']")
        assert mark.get(f"{{{NS['epub']}}}type") == "pagebreak"
        assert mark.get("aria-label") == anchor.text
        heading = mark.getnext()
        assert heading.tag in {f"{{{NS['x']}}}h{n}" for n in (1, 2, 3)}
        assert words_of(heading) in printed[int(anchor.text) - 1]


def test_without_the_pdf_there_is_no_page_list_and_the_metadata_says_so(
    books, tmp_path: Path
) -> None:
    config = dataclasses.replace(books.config, out_dir=tmp_path / "out")
    report = build(
        [CONTENT / "having-a-scan.md"], config, formats=("epub",), languages=("en-GB",), today=TODAY
    )
    assert report.errors == []
    epub = config.out_dir / "having-a-scan" / "en-GB" / "having-a-scan.epub"
    files = members(epub)
    assert b"page-list" not in files["EPUB/nav.xhtml"]
    assert not any(b"pagebreak" in data for name, data in files.items() if name.endswith(".xhtml"))
    features = [
        m.text for m in package(epub).iterfind(".//opf:meta", NS) if "Feature" in m.get("property")
    ]
    assert "pageNavigation" not in features and "pageBreakMarkers" not in features
    assert package(epub).find(".//dc:source", NS) is None
    summary = package(epub).find(".//opf:meta[@property='schema:accessibilitySummary']", NS).text
    assert "page" not in summary


def metadata(epub: Path, name: str) -> list[str]:
    return [m.text for m in package(epub).iterfind(f".//opf:meta[@property='{name}']", NS)]


def test_the_accessibility_metadata_says_what_the_book_has(books) -> None:
    epub = books.epub("secondary-breast-cancer", "en-GB")
    assert sorted(metadata(epub, "schema:accessMode")) == ["auditory", "textual", "visual"]
    assert sorted(metadata(epub, "schema:accessModeSufficient")) == ["auditory", "textual"]
    assert set(metadata(epub, "schema:accessibilityFeature")) == {
        "structuralNavigation", "tableOfContents", "readingOrder", "synchronizedAudioText",
        "displayTransformability", "alternativeText", "pageBreakMarkers", "pageNavigation",
    }  # fmt: skip
    assert metadata(epub, "schema:accessibilityHazard") == ["none"]
    assert metadata(epub, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert "highlighted as it is read" in metadata(epub, "schema:accessibilitySummary")[0]
    # Every picture that is not decoration is described; the one decoration is hidden.
    files = members(epub)
    images = [
        img
        for name, data in files.items()
        if name.endswith(".xhtml")
        for img in xml(data).iter(f"{{{NS['x']}}}img")
    ]
    assert images and all(img.get("alt") or img.get("role") == "presentation" for img in images)


def test_arabic_reads_right_to_left(books) -> None:
    epub = books.epub("having-a-scan", "ar")
    opf = package(epub)
    assert opf.find("opf:spine", NS).get("page-progression-direction") == "rtl"
    assert opf.find(".//dc:language", NS).text == "ar"
    files = members(epub)
    for document in [*spine_documents(epub), "nav.xhtml"]:
        html = xml(files[f"EPUB/{document}"])
        assert html.get("dir") == "rtl"
        assert html.get("lang") == html.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    english = package(books.epub("having-a-scan", "en-GB"))
    assert english.find("opf:spine", NS).get("page-progression-direction") is None


DRAFT = "Draft: this translation has not been reviewed yet."


def test_a_draft_says_so_on_every_document_in_its_language_and_in_english(
    books, tmp_path: Path
) -> None:
    leaflet, words = localise(
        read_leaflet(CONTENT / "having-a-scan.md"), "cy", books.config, draft=True
    )
    context = WriteContext(books.config, TODAY, words, draft=True)
    epub = tmp_path / "draft.epub"
    write_epub(leaflet, epub, context)
    files = members(epub)
    title = package(epub).find(".//dc:title", NS).text
    assert title.startswith("Unreviewed draft") and title.endswith(leaflet.title)
    for document, pars in overlays(epub):
        page = xml(files[f"EPUB/{document}"])
        notice = page.find(".//x:body/x:div[@class='notice draft']", NS)
        english, *welsh = notice.findall("x:p", NS)  # English first, as every format
        assert words_of(english) == DRAFT and english.get("lang") == "en-GB"
        assert all(words_of(p) != DRAFT and p.get("lang") is None for p in welsh)
        read = {ident for ident, *_ in pars}
        assert {p.get("id") for p in (english, *welsh)} <= read


def test_an_overdue_leaflet_says_so_first(books, tmp_path: Path) -> None:
    leaflet = read_leaflet(CONTENT / "having-a-scan.md")
    context = WriteContext(books.config, date(2029, 1, 1), Words("en-GB"))
    epub = tmp_path / "overdue.epub"
    write_epub(leaflet, epub, context)
    opening = xml(members(epub)["EPUB/opening.xhtml"])
    texts = [words_of(p) for p in opening.iterfind(".//x:p", NS)]
    notice = (
        "Review overdue: this information was due to be checked by 11 May 2028. "
        "Some of it may be out of date."
    )
    assert notice in texts[:3]
    # The notice and the review dates are read, and highlighted, a sentence at a time.
    ((_, pars),) = [o for o in overlays(epub) if o[0] == "opening.xhtml"]
    read = {ident for ident, *_ in pars}
    spans = {
        sentence_of(span): span.get("id")
        for p in opening.iterfind(".//x:p[@class]", NS)
        for span in p.iterfind("x:span", NS)
    }
    assert {
        "Review overdue: this information was due to be checked by 11 May 2028.",
        "Some of it may be out of date.",
        "This information was checked on 11 May 2026.",
        "It will be checked again by 11 May 2028.",
    } <= spans.keys()
    assert set(spans.values()) <= read


HOSTILE = """## Tom & Jerry's &lt;b&gt;guide&lt;/b&gt;

Read &lt;script&gt;alert(1)&lt;/script&gt; & "this" at [the site](https://example.org/?a=1&b=2).

- one & two
- &lt;img src=x onerror=alert(1)&gt;
"""


def test_text_that_looks_like_markup_stays_words(tmp_path: Path) -> None:
    source = write_leaflet(tmp_path / "content", HOSTILE, front="summary: A & B <i>\n")
    leaflet = read_leaflet(source)
    epub = tmp_path / "hostile.epub"
    config = Config(root=tmp_path, cache_dir=tmp_path / "cache")
    write_epub(leaflet, epub, WriteContext(config, TODAY, Words("en-GB")))
    files = members(epub)
    section = xml(files["EPUB/section-1.xhtml"])  # well-formed XML, or this raises
    assert section.find(".//x:script", NS) is None and section.find(".//x:b", NS) is None
    texts = ["".join(e.itertext()) for e in section.iter(f"{{{NS['x']}}}h2", f"{{{NS['x']}}}p")]
    assert texts[0] == "Tom & Jerry's <b>guide</b>"
    assert texts[1] == 'Read <script>alert(1)</script> & "this" at the site.'
    link = section.find(".//x:p//x:a", NS)
    assert link.get("href") == "https://example.org/?a=1&b=2"
    assert words_of(section.findall(".//x:li", NS)[1]) == "<img src=x onerror=alert(1)>"
    opening = xml(files["EPUB/opening.xhtml"])
    assert "A & B <i>" in [words_of(p) for p in opening.iterfind(".//x:p", NS)]
