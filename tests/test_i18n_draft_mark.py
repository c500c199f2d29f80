"""The draft mark is put there by code: an unreviewed publisher.po cannot word it away from any
format's title metadata or first words; once the tool words are signed off it is said twice."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from docx import Document
from mutagen.id3 import ID3

from publisher.i18n.catalogs import read_catalog, write_catalog
from publisher.i18n.words import DRAFT_MARK, DRAFT_NOTICE, Words, draft_notices, draft_title

from .conftest import ROOT, write_leaflet
from .i18n_support import (
    TRANSLATOR_NAME,
    pdf_pages,
    read_docx,
    read_html,
    run,
    translate,
    write_config,
)

WELSH = {"Test leaflet": "Taflen brawf", "Call us": "Ffoniwch ni", "Words.": "Geiriau."}
AWAY = {DRAFT_NOTICE: "Croeso i'r daflen.", DRAFT_MARK: "Terfynol"}  # 'Welcome', 'Final'
TITLE = f"{DRAFT_MARK}: Taflen brawf"


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Welsh draft whose unreviewed tool words translate the draft notice and mark away."""
    root = tmp_path_factory.mktemp("draft-mark")
    write_leaflet(root / "content", "## Call us\n\nWords.\n")
    write_config(root, ["cy"], cache=ROOT / ".cache" / "publisher")
    assert run(root, "i18n", "update", "--lang", "cy").exit_code == 0
    translate(root / "locales" / "cy" / "test.po", WELSH, TRANSLATOR_NAME)
    tool_words = root / "locales" / "cy" / "publisher.po"
    translate(tool_words, None, TRANSLATOR_NAME)
    catalog = read_catalog(tool_words, "cy")
    for msgid, text in AWAY.items():
        catalog.get(msgid).string = text
    write_catalog(tool_words, catalog)
    result = run(root, "build", "--lang", "cy", "--draft", "--jobs", "2")
    assert result.exit_code == 0, result.output
    return root / "out" / "test" / "cy"


def test_pdf_title_and_first_words(draft: Path) -> None:
    with pikepdf.open(draft / "test-large-print.pdf") as pdf:
        assert str(pdf.docinfo["/Title"]) == TITLE
    pages = pdf_pages(draft / "test-large-print.pdf")
    for page in pages:
        assert page.splitlines()[0] == DRAFT_NOTICE  # the top of every page
    assert not any(AWAY[DRAFT_NOTICE] in page for page in pages)


def test_word_title_and_first_words(draft: Path) -> None:
    assert Document(str(draft / "test.docx")).core_properties.title == TITLE
    word = read_docx(draft / "test.docx")
    assert word.headers and all(h.splitlines()[0] == DRAFT_NOTICE for h in word.headers)
    assert DRAFT_NOTICE in word.body.splitlines()[:3]  # under the title, in a box
    assert AWAY[DRAFT_NOTICE] not in word.body + "".join(word.headers)


def test_html_title_and_first_words(draft: Path) -> None:
    page = read_html(draft / "test-easy-read.html")
    # the window title's own words come from the draft's tool words; the mark does not
    assert page.findtext(".//title") == f"{DRAFT_MARK}: CY Taflen brawf (EASY READ)"
    words = " ".join(page.body.text_content().split())
    assert words.startswith(DRAFT_NOTICE)
    assert AWAY[DRAFT_NOTICE] not in words
    english = page.xpath("//aside//*[@lang='en-GB']")
    assert english and english[0].text_content() == DRAFT_NOTICE


def test_mp3_title_and_first_words(draft: Path, tmp_path: Path) -> None:
    tags = ID3(draft / "test.mp3")
    assert tags["TIT2"].text == [TITLE]
    from publisher.config import load_config
    from publisher.formats import WriteContext
    from publisher.i18n.apply import localise
    from publisher.reading.source import read_leaflet
    from publisher.speech.script import speech_script

    root = draft.parents[2]
    config = load_config(root)
    welsh, words = localise(read_leaflet(root / "content" / "test.md"), "cy", config, True)
    from datetime import date

    script = speech_script(welsh, WriteContext(config, date(2026, 11, 30), words, True))
    first = next(script.utterances())
    assert first.text == DRAFT_NOTICE and first.language == "en-GB"
    assert AWAY[DRAFT_NOTICE] not in script.text()


def test_once_the_tool_words_are_reviewed_the_mark_is_also_in_the_language() -> None:
    reviewed = Words("cy", {DRAFT_MARK: "Drafft heb ei adolygu", DRAFT_NOTICE: "Drafft."}, True)
    assert draft_title("Cael sgan", reviewed) == (
        "Unreviewed draft / Drafft heb ei adolygu: Cael sgan"
    )
    assert draft_notices(reviewed) == (DRAFT_NOTICE, "Drafft.")
    unreviewed = Words("cy", {DRAFT_MARK: "Terfynol", DRAFT_NOTICE: "Croeso."}, False)
    assert draft_title("Cael sgan", unreviewed) == "Unreviewed draft: Cael sgan"
    assert draft_notices(unreviewed) == (DRAFT_NOTICE,)
