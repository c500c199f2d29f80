"""Words in another language (`[Example Cancer Care]{lang=en}`): the model marks them, the
HTML and Word mark them with lang, and the audio speaks them with that language's voice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import lxml.html
import pytest
from docx.oxml.ns import qn

from publisher.config import Config
from publisher.errors import ContentError
from publisher.formats import WriteContext
from publisher.formats.audio.writer import write as write_audio
from publisher.formats.docx.writer import write as write_docx
from publisher.formats.html.writer import write as write_html
from publisher.i18n.markup import from_markdown, to_markdown
from publisher.model import Paragraph, Span, Text, leaflet_blocks
from publisher.reading.source import read_leaflet
from publisher.speech.cache import SpeechCache
from publisher.speech.engines.base import Settings
from publisher.speech.script import speech_script

from .conftest import write_leaflet

TODAY = date(2026, 6, 1)
WELSH = "## Cysylltu\n\nCysylltwch â [Example Cancer Care]{lang=en} heddiw.\n"


@pytest.fixture
def leaflet(tmp_path: Path):
    return read_leaflet(write_leaflet(tmp_path, WELSH, "language: cy\n"))


def test_the_model_marks_the_run(leaflet) -> None:
    (paragraph,) = [b for b in leaflet_blocks(leaflet) if isinstance(b, Paragraph)]
    assert paragraph.inlines == (
        Text("Cysylltwch â "),
        Span((Text("Example Cancer Care"),), "en"),
        Text(" heddiw."),
    )


@pytest.mark.parametrize(
    "written", ["[Example]{.big}", '[Example]{lang="../x"}', "[Example]{lang=en .x}"]
)
def test_a_span_only_marks_a_language(tmp_path: Path, written: str) -> None:
    with pytest.raises(ContentError, match=r"test.md:8: a \[bracketed span\] marks another"):
        read_leaflet(write_leaflet(tmp_path, f"## Part\n\n{written} words.\n"))


def test_translators_keep_the_mark(tmp_path: Path, leaflet) -> None:
    (paragraph,) = [b for b in leaflet_blocks(leaflet) if isinstance(b, Paragraph)]
    markdown = to_markdown(paragraph.inlines)
    assert markdown == "Cysylltwch â [Example Cancer Care]{lang=en} heddiw."
    assert from_markdown(markdown, tmp_path / "x.po", 1) == paragraph.inlines


def test_html_marks_the_language(tmp_path: Path) -> None:
    easy = WELSH + "\n::: easy\nCysylltwch â [Example Cancer Care]{lang=en} heddiw.\n:::\n"
    leaflet = read_leaflet(write_leaflet(tmp_path, easy, "language: cy\n"))  # the page: easy text
    target = tmp_path / "page.html"
    write_html(leaflet, target, WriteContext(Config(), TODAY))
    page = lxml.html.fromstring(target.read_bytes())
    (span,) = page.xpath("//span[@lang='en']")
    assert span.text_content() == "Example Cancer Care" and span.get("dir") == "ltr"
    assert page.get("lang") == "cy"


def test_an_arabic_name_in_english_runs_right_to_left(tmp_path: Path) -> None:
    body = "## Part\n\n::: easy\nAsk for [مركز الرعاية]{lang=ar} at the desk.\n:::\n"
    leaflet = read_leaflet(write_leaflet(tmp_path, body))
    target = tmp_path / "page.html"
    write_html(leaflet, target, WriteContext(Config(), TODAY))
    (span,) = lxml.html.fromstring(target.read_bytes()).xpath("//span[@lang='ar']")
    assert span.get("dir") == "rtl" and span.text_content() == "مركز الرعاية"


def test_word_marks_the_language(tmp_path: Path, leaflet) -> None:
    target = tmp_path / "file.docx"
    write_docx(leaflet, target, WriteContext(Config(), TODAY))
    runs = [r for p in docx.Document(str(target)).paragraphs for r in p.runs]
    (english,) = [r for r in runs if r.text == "Example Cancer Care"]
    lang = english._r.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en" and lang.get(qn("w:bidi")) == "en"
    welsh = next(r for r in runs if r.text.startswith("Cysylltwch"))
    assert welsh._r.rPr is None or welsh._r.rPr.find(qn("w:lang")) is None


def test_the_audio_speaks_it_with_an_english_voice(tmp_path: Path, leaflet) -> None:
    config = Config(cache_dir=tmp_path / "cache")
    context = WriteContext(config, TODAY)
    said = [(u.text, u.language) for u in speech_script(leaflet, context).utterances()]
    start = said.index(("Cysylltwch â", ""))
    assert said[start : start + 3] == [
        ("Cysylltwch â", ""),
        ("Example Cancer Care", "en"),
        ("heddiw.", ""),
    ]
    write_audio(leaflet, tmp_path / "file.mp3", context)
    cache = SpeechCache(config.cache_dir)
    key = cache.key("espeak", "gmw/en", (Settings().rate,), "Example Cancer Care")
    assert cache.get(key) is not None  # spoken by espeak-ng's English voice


def test_a_language_without_a_voice_is_read_by_the_leaflets_own(tmp_path: Path) -> None:
    body = "## Part\n\nThe word [nabad]{lang=so} means peace.\n"
    leaflet = read_leaflet(write_leaflet(tmp_path, body))
    config = Config(cache_dir=tmp_path / "cache")
    write_audio(leaflet, tmp_path / "file.mp3", WriteContext(config, TODAY))
    cache = SpeechCache(config.cache_dir)
    assert cache.get(cache.key("espeak", "gmw/en", (Settings().rate,), "nabad")) is not None
