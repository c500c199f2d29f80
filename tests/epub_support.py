"""The sample talking books, built once per test session (conftest.py's `books`), and
readers for their parts."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from publisher.build.run import build
from publisher.config import Config, load_config

from .conftest import CONTENT, ROOT

TODAY = date(2026, 6, 1)
LANGUAGES = ("cy", "pl", "ar", "bn")
# Every sample in every published language (only having-a-scan is translated).
BOOKS = [("having-a-scan", lang) for lang in ("en-GB", *LANGUAGES)] + [
    ("secondary-breast-cancer", "en-GB")
]
NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "smil": "http://www.w3.org/ns/SMIL",
}


@dataclass(frozen=True)
class Built:
    config: Config
    out: Path
    epub_syntheses: int  # sounds the engine spoke while the EPUBs were built, after the MP3s

    def epub(self, slug: str, lang: str) -> Path:
        return self.out / slug / lang / f"{slug}.epub"

    def pdf(self, slug: str, lang: str) -> Path:
        return self.out / slug / lang / f"{slug}-large-print.pdf"

    def mp3(self, slug: str, lang: str) -> Path:
        return self.out / slug / lang / f"{slug}.mp3"


def build_books(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The MP3s first, then the PDFs and EPUBs in a second build (the page list reads the
    PDF), noting what that second build adds to the speech cache (the session fixture
    `books` in conftest.py)."""
    root = tmp_path_factory.mktemp("epub")
    config = Config(
        root=root,
        organisation="Example Cancer Care",
        languages=LANGUAGES,
        reviewers=load_config(ROOT).reviewers,  # the sample reviewer's key checks the sign-offs
        content_dir=CONTENT,
        locales_dir=ROOT / "locales",
        out_dir=root / "out",
        cache_dir=root / "cache",
    )
    report = build([CONTENT], config, formats=("audio",), today=TODAY, jobs=2)
    assert report.errors == []
    spoken = speech_cache(config)
    assert spoken  # the MP3s' sentences, each stored as the engine spoke it
    report = build([CONTENT], config, formats=("pdf", "epub"), today=TODAY, jobs=2)
    assert report.errors == []
    return Built(config, config.out_dir, len(speech_cache(config).items() - spoken.items()))


def speech_cache(config: Config) -> dict[Path, int]:
    """Every sound in the speech cache, with when it was written: the engine spoke it then
    (speech/synth.py stores everything it speaks)."""
    return {path: path.stat().st_mtime_ns for path in (config.cache_dir / "speech").rglob("*")}


def members(epub: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(epub) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def package(epub: Path) -> etree._Element:
    return xml(members(epub)["EPUB/package.opf"])


def spine_documents(epub: Path) -> list[str]:
    """The content documents in reading order (file names inside EPUB/)."""
    opf = package(epub)
    hrefs = {i.get("id"): i.get("href") for i in opf.iterfind(".//opf:item", NS)}
    return [hrefs[ref.get("idref")] for ref in opf.iterfind(".//opf:itemref", NS)]


def words_of(element: etree._Element) -> str:
    """The text a reader sees in an element (an image's is its description)."""
    if element.tag == f"{{{NS['x']}}}img":
        return element.get("alt", "")
    return " ".join(" ".join(element.itertext()).split())
