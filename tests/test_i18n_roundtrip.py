"""The whole translation round trip on a small leaflet, through the command line:
extract, update, translate (as a translator's editor would), review, build; then
change one English sentence and see the language stop until it is reviewed again."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from publisher.config import load_config
from publisher.formats import FORMATS, WriteContext
from publisher.i18n.apply import localise
from publisher.i18n.catalogs import read_catalog
from publisher.i18n.toolwords import tool_words
from publisher.reading.source import read_leaflet
from publisher.speech.script import speech_script

from .conftest import CONTENT, write_leaflet
from .i18n_support import (
    copy_project,
    mp3_language,
    msgfmt_check,
    pdf_language,
    pdf_pages,
    read_docx,
    read_html,
    run,
    sign,
    translate,
    write_config,
)

FRONT = """summary: How to get ready for a test.
helpline:
  label: Test helpline
  phone: 0800 123 4567
  hours: Monday to Friday, 9am to 5pm
glossary:
  scan: A picture of the inside of the body.
"""
BODY = """## Before the test

Drink **two glasses** of water 2 hours before your scan.

Bring these things:

- your letter
- a list of your medicines

![A glass of water](images/calendar.svg "Water helps the scan")

::: note
Read more at [example.org/tests](https://example.org/tests).
:::

::: easy
![A glass of water](images/calendar.svg) Drink water before your scan.
:::
"""
OLD_SENTENCE = "Drink **two glasses** of water 2 hours before your scan."
NEW_SENTENCE = "Drink **two glasses** of water 1 hour before your scan."
WELSH = {
    "Test leaflet": "Taflen brawf",
    "How to get ready for a test.": "Sut i baratoi ar gyfer prawf.",
    "Before the test": "Cyn y prawf",
    OLD_SENTENCE: "Yfwch **ddau wydraid** o ddŵr 2 awr cyn eich sgan.",
    "Bring these things:": "Dewch â'r pethau hyn:",
    "your letter": "eich llythyr",
    "a list of your medicines": "rhestr o'ch meddyginiaethau",
    "A glass of water": "Gwydraid o ddŵr",
    "Water helps the scan": "Mae dŵr yn helpu'r sgan",
    "Read more at [example.org/tests](https://example.org/tests).": (
        "Darllenwch fwy yn [example.org/tests](https://example.org/tests)."
    ),
    "Drink water before your scan.": "Yfwch ddŵr cyn eich sgan.",
    "scan": "sgan",
    "A picture of the inside of the body.": "Llun o du mewn y corff.",
    "Test helpline": "Llinell gymorth brawf",
    "Monday to Friday, 9am to 5pm": "Dydd Llun i ddydd Gwener, 9yb tan 5yh",
}
TRANSLATOR = "Example Translator (test data) <translator@example.org>"
REVIEWER = "Example Reviewer (test data)"
TRANSLATOR_NOTE = "Checked against the hospital's Welsh style guide."
TODAY = date(2026, 1, 20)


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def po(self) -> Path:
        return self.root / "locales" / "cy" / "test.po"

    def catalog(self):
        return read_catalog(self.po, "cy")

    def out(self, name: str) -> Path:
        return self.root / "out" / "test" / "cy" / FORMATS[name].output_name("test")


def new_project(root: Path) -> Project:
    (root / "content" / "images").mkdir(parents=True)
    (root / "content" / "images" / "calendar.svg").write_bytes(
        (CONTENT / "images" / "easy" / "calendar.svg").read_bytes()
    )
    write_leaflet(root / "content", BODY, FRONT)
    write_config(root, ["cy"])
    return Project(root)


def add_translator_note(project: Project) -> None:
    text = project.po.read_text(encoding="utf-8")
    marked = text.replace('msgid "your letter"', f'# {TRANSLATOR_NOTE}\nmsgid "your letter"', 1)
    assert marked != text
    project.po.write_text(marked, encoding="utf-8")


def line_of(project: Project, start: str) -> int:
    lines = (project.root / "content" / "test.md").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(start))


@pytest.fixture(scope="module")
def signed_off(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Extracted, updated, translated by one person and reviewed by another."""
    project = new_project(tmp_path_factory.mktemp("signed-off"))
    assert run(project.root, "i18n", "extract").exit_code == 0
    assert run(project.root, "i18n", "update", "--lang", "cy").exit_code == 0
    translate(project.po, WELSH, TRANSLATOR)
    add_translator_note(project)
    translate(project.root / "locales" / "cy" / "publisher.po", None, TRANSLATOR)
    for domain in ("test", "publisher"):
        result = sign(project.root, domain, reviewer=REVIEWER)
        assert result.exit_code == 0, result.output
    return project


@pytest.fixture(scope="module")
def welsh_build(signed_off: Project) -> Project:
    result = run(signed_off.root, "build", "--lang", "cy", "--jobs", "1")
    assert result.exit_code == 0, result.output
    return signed_off


@pytest.fixture(scope="module")
def changed(signed_off: Project, tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The signed-off project after one English sentence changed, one item went, and update ran."""
    project = Project(copy_project(signed_off.root, tmp_path_factory.mktemp("changed") / "p"))
    source = project.root / "content" / "test.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace(OLD_SENTENCE, NEW_SENTENCE).replace("- a list of your medicines\n", "")
    source.write_text(text, encoding="utf-8")
    result = run(project.root, "i18n", "update", "--lang", "cy")
    assert result.exit_code == 0, result.output
    return project


@pytest.fixture(scope="module")
def draft_build(changed: Project) -> Project:
    result = run(changed.root, "build", "--lang", "cy", "--draft", "--jobs", "1")
    assert result.exit_code == 0, result.output
    return changed


# --- extract, update, review -----------------------------------------------


def test_extract_writes_one_template_entry_per_unit_with_what_and_where(
    signed_off: Project,
) -> None:
    with (signed_off.root / "locales" / "templates" / "test.pot").open("rb") as handle:
        template = read_po(handle)
    entries = {m.id: m for m in template if m.id}
    assert set(entries) == set(WELSH)
    sentence = entries[OLD_SENTENCE]
    assert sentence.auto_comments == [
        "paragraph",
        "in section 'Before the test'",
        "keep the marks: **bold**, *emphasis*, [link text](address)",
    ]
    assert sentence.locations == [("content/test.md", line_of(signed_off, "Drink **two"))]
    assert "alt text" in entries["A glass of water"].auto_comments[0]
    assert any(
        "easy-read point" in c for c in entries["Drink water before your scan."].auto_comments
    )
    assert entries["Test helpline"].locations == [
        ("content/test.md", line_of(signed_off, "  label"))
    ]
    assert "glossary term" in entries["scan"].auto_comments[0]


def test_tool_words_have_their_own_template(signed_off: Project) -> None:
    with (signed_off.root / "locales" / "templates" / "publisher.pot").open("rb") as handle:
        template = read_po(handle)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    assert ids == {word.unit.msgid for word in tool_words()}
    assert "Page {page} of {pages}" in ids  # the PDF's page numbers
    assert "python-brace-format" in template["Page {page} of {pages}"].flags


def test_every_file_the_tool_writes_passes_msgfmt_check(signed_off: Project, changed: Project):
    written = [*signed_off.root.glob("locales/**/*.po*"), *changed.root.glob("locales/**/*.po*")]
    assert len(written) == 8  # test and publisher: two templates and two PO files, twice
    for path in written:
        result = msgfmt_check(path)
        assert result.returncode == 0, result.stderr
        assert "error" not in result.stderr
        if path.suffix == ".po":  # a template has no language, the one warning allowed there
            assert result.stderr == "", result.stderr


def test_review_records_reviewer_date_and_digest(signed_off: Project) -> None:
    record = json.loads((signed_off.root / "locales" / "cy" / "test.review.json").read_text())
    assert record["reviewer"] == REVIEWER
    assert record["translators"] == ["Example Translator (test data)"]
    assert date.fromisoformat(record["date"]) == date.today()
    assert len(record["digest"]) == 64
    assert len(record["strings"]) == len(WELSH)
    assert record["signature"].startswith("-----BEGIN SSH SIGNATURE-----")


def test_status_shows_the_review(signed_off: Project) -> None:
    result = run(signed_off.root, "i18n", "status")
    assert result.exit_code == 0
    row = next(
        line for line in result.output.splitlines() if line.startswith("cy  ") and " test " in line
    )
    assert row.split()[2:5] == [str(len(WELSH)), "0", "0"]
    assert f"reviewed by {REVIEWER} on {date.today().isoformat()}" in row


# --- the signed-off Welsh build ----------------------------------------------


def test_signed_off_welsh_is_built_in_every_format(welsh_build: Project) -> None:
    for name in FORMATS:
        assert welsh_build.out(name).is_file(), name


def test_welsh_pdf(welsh_build: Project) -> None:
    text = " ".join(pdf_pages(welsh_build.out("pdf"))).replace("\n", " ")
    assert "Taflen brawf" in text
    assert "Yfwch ddau wydraid o ddŵr 2 awr cyn eich sgan." in text
    assert "10 Ionawr 2026" in text  # reviewed: 2026-01-10, in Welsh
    assert "Drink" not in text and "draft" not in text.lower()
    assert pdf_language(welsh_build.out("pdf")) == "cy"


def test_welsh_word(welsh_build: Project) -> None:
    word = read_docx(welsh_build.out("docx"))
    assert "Taflen brawf" in word.body
    assert "Dewch â'r pethau hyn:" in word.body
    assert "10 Ionawr 2026" in word.body
    assert "cy" in word.languages and "en-GB" not in word.languages


def test_welsh_html(welsh_build: Project) -> None:
    page = read_html(welsh_build.out("html"))
    assert page.get("lang") == "cy"
    text = page.text_content()
    assert "Yfwch ddŵr cyn eich sgan." in text
    assert "Gwydraid o ddŵr" in {img.get("alt") for img in page.iter("img")}
    assert "Ionawr 2026" in text


def test_welsh_glossary_terms_are_marked_in_the_translation(welsh_build: Project) -> None:
    config = load_config(welsh_build.root)
    leaflet = read_leaflet(welsh_build.root / "content" / "test.md")
    welsh, _words = localise(leaflet, "cy", config, draft=False)
    assert [entry.term for entry in welsh.glossary_used()] == ["sgan"]


def test_welsh_audio(welsh_build: Project) -> None:
    assert any(tag in ("cy", "cym", "wel") for tag in mp3_language(welsh_build.out("audio")))
    script = opening(welsh_build.root, draft=False)
    assert script.language == "cy"
    assert "Taflen brawf" in script.text()


def opening(root: Path, draft: bool):
    config = load_config(root)
    leaflet = read_leaflet(root / "content" / "test.md")
    welsh, words = localise(leaflet, "cy", config, draft)
    return speech_script(welsh, WriteContext(config, TODAY, words, draft))


# --- one English sentence changes ----------------------------------------------


def test_changed_sentence_is_fuzzy_with_its_previous_msgid(changed: Project) -> None:
    entry = changed.catalog()[NEW_SENTENCE]
    assert entry.fuzzy
    assert entry.previous_id == [OLD_SENTENCE]
    assert entry.string == WELSH[OLD_SENTENCE]  # the old translation, for the translator to edit
    assert '#| msgid "Drink **two glasses** of water 2 hours before your scan."' in (
        changed.po.read_text(encoding="utf-8")
    )


def test_a_second_update_keeps_the_previous_msgid(changed: Project) -> None:
    before = changed.po.read_text(encoding="utf-8")
    result = run(changed.root, "i18n", "update", "--lang", "cy")
    assert "unchanged " + str(changed.po) in result.output
    assert changed.po.read_text(encoding="utf-8") == before


def test_update_keeps_translations_and_comments_and_obsoletes_removed_text(changed: Project):
    catalog = changed.catalog()
    assert catalog["your letter"].string == "eich llythyr"
    assert not catalog["your letter"].fuzzy
    assert catalog["your letter"].user_comments == [TRANSLATOR_NOTE]
    assert "a list of your medicines" not in catalog
    assert "a list of your medicines" in catalog.obsolete
    assert '#~ msgid "a list of your medicines"' in changed.po.read_text(encoding="utf-8")


def test_status_shows_changed_since_review(changed: Project) -> None:
    result = run(changed.root, "i18n", "status")
    row = next(line for line in result.output.splitlines() if " test " in line)
    assert row.split()[2:5] == [str(len(WELSH) - 2), "1", "0"]
    assert f"changed since review (by {REVIEWER}" in row


def test_build_of_the_changed_language_is_refused(changed: Project) -> None:
    result = run(changed.root, "build", "--lang", "cy", "--format", "html")
    assert result.exit_code == 1
    assert "test is not published in Welsh (cy)" in result.output
    assert "publisher i18n review --lang cy test --reviewer NAME --key FILE" in result.output
    assert not changed.out("html").exists()


def test_configured_language_not_signed_off_is_skipped_with_a_warning(changed: Project) -> None:
    result = run(changed.root, "build", "--format", "html")
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if line.startswith("warning:"))
    assert "content/test.md: test is not published in Welsh (cy)" in warning
    assert (changed.root / "out" / "test" / "en-GB" / "test-easy-read.html").is_file()
    assert not changed.out("html").exists()


def test_review_refuses_while_anything_is_fuzzy(changed: Project) -> None:
    result = sign(changed.root, "test", reviewer=REVIEWER)
    assert result.exit_code == 1
    assert "0 string(s) untranslated and 1 fuzzy" in result.output


# --- the draft -------------------------------------------------------------------


def draft_notices(module: str) -> list[str]:
    """The draft notice(s) a writer uses, from the msgids it declares."""
    import importlib

    from publisher.i18n.words import DRAFT_NOTICE

    words = importlib.import_module(module).WORDS
    assert DRAFT_NOTICE in words, f"{module} declares no draft notice in WORDS"
    return [DRAFT_NOTICE]


def both(notices: list[str]) -> list[str]:
    from .i18n_support import fake_translation

    return [text for notice in notices for text in (notice, fake_translation(notice))]


def test_draft_build_writes_every_format(draft_build: Project) -> None:
    for name in FORMATS:
        assert draft_build.out(name).is_file(), name


def test_draft_pdf_says_so_on_every_page_in_welsh_and_english(draft_build: Project) -> None:
    pages = pdf_pages(draft_build.out("pdf"))
    for number, page in enumerate(pages, start=1):
        flat = " ".join(page.split())
        for text in both(draft_notices("publisher.formats.pdf.writer")):
            assert text in flat, f"page {number} lacks {text!r}"


def test_draft_word_says_so_on_every_page_in_welsh_and_english(draft_build: Project) -> None:
    word = read_docx(draft_build.out("docx"))
    assert word.headers
    for header in word.headers:
        for text in both(draft_notices("publisher.formats.docx.writer")):
            assert text in header


def test_draft_html_says_so_at_the_top_in_welsh_and_english(draft_build: Project) -> None:
    page = read_html(draft_build.out("html"))
    text = " ".join(page.body.text_content().split())
    first_heading = " ".join(page.xpath("//h1")[0].text_content().split())
    for notice in both(draft_notices("publisher.formats.html.writer")):
        assert notice in text
        assert text.index(notice) < text.index(first_heading)
    english = page.xpath("//*[@lang='en-GB']")
    assert any(
        draft_notices("publisher.formats.html.writer")[0] in e.text_content() for e in english
    )


def test_draft_audio_says_so_in_its_opening_in_welsh_and_english(draft_build: Project) -> None:
    script = opening(draft_build.root, draft=True)
    first = [u.text for u in script.chapters[0].utterances[:6]]
    for notice in both(draft_notices("publisher.speech.script")):
        assert notice in first
    english = [u for u in script.chapters[0].utterances if u.language.startswith("en")]
    assert english, "the English notice is spoken in an English voice"
    assert draft_build.out("audio").stat().st_size > 0


def test_draft_keeps_the_english_of_the_fuzzy_sentence(draft_build: Project) -> None:
    text = " ".join(" ".join(pdf_pages(draft_build.out("pdf"))).split())
    assert "Drink two glasses of water 1 hour before your scan." in text
    assert "Dewch â'r pethau hyn:" in text
