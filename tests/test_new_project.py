"""`publisher new`: an empty folder becomes a project that builds at once, in every format."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pdfplumber
import pytest
from mutagen.mp3 import MP3

from .conftest import require_tool

ORGANISATION = 'Stoma "Care" Trust \\ North'


def publisher(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "publisher", *args], cwd=cwd, capture_output=True, text=True
    )


class Alts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.alts: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "img":
            self.alts.append(dict(attrs).get("alt", ""))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("start") / "leaflets"
    made = publisher("new", str(folder), "--organisation", ORGANISATION, cwd=folder.parent)
    assert made.returncode == 0, made.stderr
    done = publisher("build", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder


def test_the_project_has_its_files(built: Path) -> None:
    settings = tomllib.loads((built / "publisher.toml").read_text(encoding="utf-8"))
    assert settings["publisher"]["organisation"] == ORGANISATION
    assert settings["publisher"]["languages"] == []
    # the format table's order; braille's PEF comes with braille
    assert settings["publisher"]["formats"] == [
        "pdf",
        "docx",
        "audio",
        "easy-audio",
        "html",
        "epub",
        "braille",
    ]
    assert "# " in (built / "publisher.toml").read_text(encoding="utf-8")  # commented
    assert (built / "content" / "example-leaflet.md").is_file()
    assert (built / "content" / "images" / "talking.svg").is_file()
    assert (built / "locales").is_dir()
    assert "/out/" in (built / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_check_passes_without_a_warning(built: Path) -> None:
    checked = publisher("check", cwd=built)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.splitlines() == [
        "content/example-leaflet.md: easy read covers 2 of 2 section(s) (100%) "
        "and 46 of 46 words (100%)",
        "checked 1 leaflet(s): 0 warning(s)",
    ]


def test_every_format_is_built_and_reads_back(built: Path) -> None:
    out = built / "out" / "example-leaflet" / "en-GB"
    with pdfplumber.open(out / "example-leaflet-large-print.pdf") as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Coming to your appointment" in text
    assert "Tell the staff at the clinic desk that you are here." in " ".join(text.split())
    word = docx.Document(str(out / "example-leaflet.docx"))
    assert word.core_properties.author == ORGANISATION
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Coming to your appointment", "Before you come", "When you arrive"]
    page = Alts()
    page.feed((out / "example-leaflet-easy-read.html").read_text(encoding="utf-8"))
    assert "Two people talking" in page.alts
    assert "A nurse will call your name." in " ".join(" ".join(page.text).split())
    audio = MP3(out / "example-leaflet.mp3")
    assert audio.info.length > 20
    assert str(audio.tags["TIT2"]) == "Coming to your appointment"
    easy = MP3(out / "example-leaflet-easy-read.mp3")
    assert 5 < easy.info.length < audio.info.length
    with zipfile.ZipFile(out / "example-leaflet.epub") as book:
        assert book.read("mimetype") == b"application/epub+zip"
        assert b"Coming to your appointment" in book.read("EPUB/package.opf")
    require_tool("lou_translate")  # braille needs liblouis: CI installs it
    brf = (out / "example-leaflet.brf").read_bytes().decode("ascii")
    assert brf.strip() and (out / "example-leaflet.pef").is_file()


def test_a_folder_with_files_in_it_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    done = publisher("new", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert "is not an empty folder" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]
