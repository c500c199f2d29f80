"""The sample translations (Welsh and Polish of content/having-a-scan.md): complete,
checked, signed off by a second person, valid for msgfmt, and the Welsh build read
back in every format."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from babel.messages.pofile import read_po

from publisher.config import load_config
from publisher.formats import FORMATS, WriteContext
from publisher.i18n.apply import localise
from publisher.i18n.markup import from_markdown
from publisher.i18n.state import REVIEWED, leaflet_translation, tool_translation
from publisher.model import plain_text
from publisher.reading.source import read_leaflet
from publisher.speech.engines.registry import choose
from publisher.speech.script import speech_script
from publisher.text.fonts import Coverage, typeface_for

from .conftest import CONTENT, ROOT, require_tool
from .i18n_support import (
    mp3_language,
    msgfmt_check,
    pdf_language,
    pdf_pages,
    read_docx,
    read_html,
    run,
)

LOCALES = ROOT / "locales"
SLUG = "having-a-scan"
SAMPLE_LANGUAGES = ("cy", "pl")
CACHE = ROOT / ".cache" / "publisher"  # fonts and speech made once for every test run


def welsh(msgid: str) -> str:
    with (LOCALES / "cy" / f"{SLUG}.po").open("rb") as handle:
        return read_po(handle)[msgid].string


@pytest.fixture(scope="module")
def leaflet():
    return read_leaflet(CONTENT / f"{SLUG}.md")


@pytest.mark.parametrize("language", SAMPLE_LANGUAGES)
def test_sample_translation_is_complete_checked_and_signed_off(leaflet, language: str) -> None:
    config = load_config(ROOT)
    for state in (
        leaflet_translation(config, leaflet, language),
        tool_translation(config, language),
    ):
        assert state.complete, f"{state.po}: {state.fuzzy} fuzzy, {state.untranslated} untranslated"
        assert state.problems == (), [str(p) for p in state.problems]
        assert state.review_state == REVIEWED, f"{state.po} changed since its review"
        assert state.record is not None
        assert "sample data" in state.record.reviewer  # example data, and says so
        assert "sample data" in state.translator
        assert state.record.reviewer != state.translator  # a second person reviewed it


def test_samples_are_published_by_default() -> None:
    assert set(SAMPLE_LANGUAGES) <= set(load_config(ROOT).languages)


def test_every_locale_file_passes_msgfmt_check() -> None:
    files = sorted(LOCALES.glob("**/*.po")) + sorted(LOCALES.glob("templates/*.pot"))
    assert len(files) >= 7
    for path in files:
        result = msgfmt_check(path)
        assert result.returncode == 0, result.stderr
        assert "error" not in result.stderr
        if path.suffix == ".po":
            assert result.stderr == ""


# --- the Welsh build ----------------------------------------------------------


@pytest.fixture(scope="module")
def welsh_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """content/having-a-scan.md built in Welsh, every format, from the repository's locales."""
    root = tmp_path_factory.mktemp("welsh")
    shutil.copytree(CONTENT, root / "content")
    shutil.copytree(LOCALES, root / "locales")
    config = (ROOT / "publisher.toml").read_text(encoding="utf-8")
    config = config.replace('cache = ".cache/publisher"', f'cache = "{CACHE.as_posix()}"')
    (root / "publisher.toml").write_text(config, encoding="utf-8")
    result = run(root, "build", str(root / "content" / f"{SLUG}.md"), "--lang", "cy", "--jobs", "2")
    assert result.exit_code == 0, result.output
    return root / "out" / SLUG / "cy"


def output(folder: Path, name: str) -> Path:
    return folder / FORMATS[name].output_name(SLUG)


def test_welsh_is_built_in_every_format(welsh_out: Path) -> None:
    for name in FORMATS:
        assert output(welsh_out, name).is_file(), name


def test_welsh_pdf_says_it_in_welsh_with_every_letter(welsh_out: Path) -> None:
    pdf = output(welsh_out, "pdf")
    assert pdf_language(pdf) == "cy"
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    for sentence in (
        "Cael sgan",
        "Yfwch ddigon o ddŵr os defnyddiwyd llifyn cyferbyniad.",
        "Gallwch ddod â rhywun gyda chi i'r apwyntiad.",
        "Ar ôl eich sgan",
        "Tudalen 1 o",
        "Adolygwyd: 11 Mai 2026",  # reviewed: 2026-05-11, as a Welsh reader writes it
    ):
        assert sentence in text
    assert "Page 1" not in text and "Reviewed" not in text
    # Every letter of the translation is printed as itself, from an embedded font that has it.
    letters = {c for c in welsh_text() if not c.isspace()}
    with pdfplumber.open(pdf) as document:
        printed = {char["text"] for page in document.pages for char in page.chars}
    assert letters - printed == set()
    assert Coverage.of(typeface_for("cy", CACHE)).missing("".join(sorted(letters))) == []
    fonts = subprocess.run([require_tool("pdffonts"), str(pdf)], capture_output=True, text=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows)


def welsh_text() -> str:
    """Every Welsh string the leaflet's outputs print, from the sample PO file."""
    with (LOCALES / "cy" / f"{SLUG}.po").open("rb") as handle:
        catalog = read_po(handle)
    # Alt text is spoken and shown in HTML; the print formats show captions, not alt text.
    shown = [m for m in catalog if m.id and "alt text" not in " ".join(m.auto_comments)]
    return " ".join(plain_text(from_markdown(m.string, Path("cy.po"), 0)) for m in shown)


def test_welsh_word_file(welsh_out: Path) -> None:
    word = read_docx(output(welsh_out, "docx"))
    assert "cy" in word.languages and "en-GB" not in word.languages
    assert "Cael sgan" in word.body
    assert welsh("Tell us before the day if you:") in word.body
    assert "11 Mai 2026" in word.body
    assert "Glossary" not in word.body and "Geirfa" in word.body


def test_welsh_easy_read_page(welsh_out: Path) -> None:
    page = read_html(output(welsh_out, "html"))
    assert page.get("lang") == "cy"
    text = " ".join(page.body.text_content().split())
    assert welsh("You lie still on a bed. The bed moves into the scanner.") in text
    assert "Mai 2026" in text
    assert "Skip to main content" not in text
    alts = {img.get("alt") for img in page.iter("img")}
    assert welsh("A calendar with a tick") in alts
    # glossary terms are explained in Welsh where they appear
    assert (
        "sganiwr" in text
        and welsh("The machine that takes pictures of the inside of the body.") in text
    )


def test_welsh_speech(welsh_out: Path, leaflet) -> None:
    assert mp3_language(output(welsh_out, "audio")) in (["cym"], ["wel"], ["cy"])
    config = load_config(ROOT)
    version, words = localise(leaflet, "cy", config, draft=False)
    script = speech_script(version, WriteContext(config, version.reviewed, words))
    assert script.language == "cy"
    assert script.text().startswith("Cael sgan\n")
    assert "Pennod 1: Cyn eich sgan" in script.text()
    assert "Ystyr sganiwr yw:" in script.text()  # a glossary term explained, in Welsh
    voice = choose(config, "cy")
    assert voice.voice in {v.id for v in voice.engine.voices("cy")}  # a Welsh voice reads it
