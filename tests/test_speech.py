"""The speech script: what the recording says, checked against the leaflet it comes from."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from publisher.config import Config
from publisher.errors import BuildError
from publisher.formats import WriteContext
from publisher.i18n.words import DRAFT_NOTICE, Words
from publisher.model import Image, Leaflet, ListBlock, Note, Paragraph, plain_text
from publisher.reading.source import read_leaflet
from publisher.speech.pronounce import Pronouncer
from publisher.speech.script import (
    PAUSE_ITEM,
    PAUSE_PARAGRAPH,
    Script,
    speech_script,
)
from publisher.speech.tables import SpeechTable

from .conftest import CONTENT, write_leaflet

TODAY = date(2026, 6, 1)
CONFIG = Config(organisation="Example Cancer Care")
SAMPLES = sorted(CONTENT.glob("*.md"))


def script_of(leaflet: Leaflet, **context: object) -> Script:
    return speech_script(leaflet, WriteContext(CONFIG, TODAY, **context))


@pytest.fixture(scope="module")
def cancer() -> tuple[Leaflet, Script]:
    leaflet = read_leaflet(CONTENT / "secondary-breast-cancer.md")
    return leaflet, script_of(leaflet)


def texts(script: Script) -> list[str]:
    return [u.text for u in script.utterances()]


def test_opening_says_title_organisation_contents_and_length(cancer) -> None:
    leaflet, script = cancer
    opening = texts(script)[:20]
    assert opening[0] == "Secondary breast cancer"
    assert opening[1] == "From Example Cancer Care."
    assert opening[2] == leaflet.summary
    assert re.fullmatch(r"This recording is about \d+ minutes long\.", opening[3])
    assert opening[4] == "After this introduction it has 8 chapters:"
    listed = opening[5:13]
    assert listed[0] == "Chapter 1: What is secondary breast cancer?"
    assert listed[2] == "Chapter 3: Scans"
    assert listed[-2:] == ["Chapter 7: More information", "Chapter 8: Sources"]
    assert opening[13] == "Most players can skip from one chapter to the next."
    assert opening[14:16] == [  # one sentence at a time
        "This information was checked on 2 March 2026.",
        "It will be checked again by 2 March 2029.",
    ]


def test_in_a_translation_the_organisation_is_said_in_its_own_language(tmp_path: Path) -> None:
    """'Gan Example Cancer Care.': a Welsh voice would mangle the English name."""
    leaflet = read_leaflet(write_leaflet(tmp_path, "## Rhan\n\nGeiriau.\n", "language: cy\n"))
    words = Words("cy", {"From {organisation}.": "Gan {organisation}."}, reviewed=True)
    said = [u for u in script_of(leaflet, words=words).utterances() if u.about == "organisation"]
    assert [(u.text, u.language) for u in said] == [("Gan", ""), ("Example Cancer Care.", "en-GB")]
    assert said[0].pause == 0 and said[-1].pause >= PAUSE_PARAGRAPH
    english = read_leaflet(write_leaflet(tmp_path, "## Part\n\nWords.\n", name="en.md"))
    said = [u for u in script_of(english).utterances() if u.about == "organisation"]
    assert [(u.text, u.language) for u in said] == [("From Example Cancer Care.", "")]


def test_each_section_is_a_chapter_with_its_heading_announced(cancer) -> None:
    leaflet, script = cancer
    sections = list(leaflet.all_sections())
    titles = [c.title for c in script.chapters]
    assert titles == [leaflet.title, *(s.title for s in sections), "More information", "Sources"]
    pairs = zip(sections, script.chapters[1:-2], strict=True)
    for number, (section, chapter) in enumerate(pairs, start=1):
        assert chapter.utterances[0].text == f"Chapter {number}: {section.title}"
        assert chapter.utterances[-1].pause > PAUSE_PARAGRAPH  # a longer breath between chapters


def test_list_items_are_read_with_short_pauses(cancer) -> None:
    _, script = cancer
    said = list(script.utterances())
    start = [u.text for u in said].index("the bones")
    items = said[start : start + 4]
    assert [u.text for u in items] == ["the bones", "the lungs", "the liver", "the brain"]
    assert [u.pause for u in items] == [PAUSE_ITEM] * 3 + [PAUSE_PARAGRAPH]
    assert "1. a CT scan" in texts(script)  # numbered lists say their numbers
    assert "4. a pet C T scan" in texts(script)


def test_pictures_are_described_and_decorative_ones_skipped(tmp_path: Path, cancer) -> None:
    _, script = cancer
    said = texts(script)
    assert "Picture: A body with red marks on the brain, lungs, liver and a leg bone" in said
    assert "Caption: Places where breast cancer can spread" in said
    pictures = [u for u in said if u.startswith("Picture:")]
    assert len(pictures) == 1  # the decorative divider is not spoken
    (tmp_path / "a.png").write_bytes((CONTENT / "images" / "body-map.png").read_bytes())
    path = write_leaflet(tmp_path, "## Part\n\n![](a.png){.decorative}\n\nWords.\n")
    assert not any("Picture" in t for t in texts(script_of(read_leaflet(path))))


def test_glossary_terms_are_explained_once_after_first_use(cancer) -> None:
    _, script = cancer
    said = texts(script)
    biopsy = "biopsy means: A test where a doctor takes a tiny piece of tissue to look at under a microscope."
    assert said.count(biopsy) == 1
    first_use = next(i for i, t in enumerate(said) if "A biopsy can show" in t)
    # After the paragraph that first uses it: its other sentences come first.
    assert said[first_use + 1 : first_use + 4] == [
        "Your doctor may also test the cancer for her 2 and for hormone receptors.",
        "This helps them choose the best treatment for you.",
        biopsy,
    ]
    # "You may have:" leads into a list: the explanation waits until the list is read.
    scan = said.index("scan means: A way to take pictures of the inside of the body.")
    assert said[scan - 1] == "4. a pet C T scan"
    assert said.count("lymph nodes means: Small glands that help the body fight infection.") == 1


def test_phone_numbers_are_read_digit_by_digit(cancer) -> None:
    _, script = cancer
    said = texts(script)
    assert "Nurse helpline: 0 8 0 0, 1 2 3, 4 5 6 7." in said
    assert "call our nurses on 0 8 0 0, 1 2 3, 4 5 6 7" in said
    assert "0800" not in script.text()


def test_an_international_helpline_is_read_as_dialled(tmp_path: Path) -> None:
    front = "helpline:\n  label: Nurse helpline\n  phone: +44 (0)20 7946 0018\n"
    body = "## Part\n\nCall [our nurses](<tel:+44 (0)20 7946 0018>).\n"
    said = texts(script_of(read_leaflet(write_leaflet(tmp_path, body, front))))
    assert "Nurse helpline: plus 4 4, 2 0, 7 9 4 6, 0 0 1 8." in said
    assert "Call our nurses (at plus 4 4, 2 0, 7 9 4 6, 0 0 1 8)." in said


def test_the_pronounce_lexicon_is_applied(cancer) -> None:
    _, script = cancer
    text = script.text()
    assert "pet C T" in text and "PET-CT" not in text
    assert "for her 2 and for hormone receptors" in text and "HER2" not in text
    scan = script_of(read_leaflet(CONTENT / "having-a-scan.md")).text()
    assert "A C T scan takes about 10 minutes.\nAn M R I scan" in scan


@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.stem)
def test_nothing_of_the_leaflet_is_left_out(source: Path) -> None:
    """Every word of the leaflet, in reading order, is in what the recording says."""
    leaflet = read_leaflet(source)
    script = script_of(leaflet)
    # Only the leaflet's own `pronounce` list applies (no speech table): the words must be
    # heard as written; numbers are left out, as the table may say them another way.
    say = Pronouncer(leaflet.language, SpeechTable(leaflet.language), leaflet.pronounce)
    spoken = words(script.text())
    expected = [*written_text(leaflet)]
    assert is_subsequence(lettered(" ".join(say(t) for t in expected)), spoken)
    for entry in leaflet.glossary_used():
        assert is_subsequence(lettered(say(entry.definition)), spoken), entry.term


def written_text(leaflet: Leaflet) -> list[str]:
    """The leaflet's text in the order a reader meets it (glossary aside)."""
    found = [leaflet.title, leaflet.summary, *blocks_text(leaflet.intro)]
    for section in leaflet.all_sections():
        found += [section.title, *blocks_text(section.blocks)]
    if leaflet.helpline:
        helpline = leaflet.helpline
        found += [helpline.label, helpline.phone, helpline.hours, helpline.email]
    return found + list(leaflet.references)


def blocks_text(blocks: tuple) -> list[str]:
    found: list[str] = []
    for block in blocks:
        match block:
            case Paragraph(inlines=inlines):
                found.append(plain_text(inlines))
            case Image(decorative=False, alt=alt, caption=caption):
                found += [alt, caption]
            case ListBlock(items=items):
                for item in items:
                    found += blocks_text(item.blocks)
            case Note(blocks=inner):
                found += blocks_text(inner)
    return found


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def lettered(text: str) -> list[str]:
    """The words of some text that hold no digit ('8am' and '0800' are said another way)."""
    return [word for word in words(text) if not any(c.isdigit() for c in word)]


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    remaining = iter(haystack)
    return all(word in remaining for word in needle)


def test_doses_units_money_and_ranges_are_said_in_words(tmp_path: Path) -> None:
    body = (
        "## Medicine\n\nTake 1-2 tablets of 500mg, or 1 mg, in 5 ml of water.\n\n"
        "Your sugar should be 4–7 mmol/L. A prescription costs £9.90, or £1.\n"
    )
    said = script_of(read_leaflet(write_leaflet(tmp_path, body))).text()
    assert (
        "Take 1 to 2 tablets of 500 milligrams, or 1 milligram, in 5 millilitres of water." in said
    )
    assert "Your sugar should be 4 to 7 millimoles per litre." in said
    assert "A prescription costs 9 pounds 90, or 1 pound." in said


def test_the_tools_own_words_come_from_the_language_table(tmp_path: Path) -> None:
    image = tmp_path / "a.png"
    image.write_bytes((CONTENT / "images" / "body-map.png").read_bytes())
    body = "## Rhan\n\n![Corff](a.png)\n\nCymerwch 5 mg.\n"
    leaflet = read_leaflet(write_leaflet(tmp_path, body, "language: cy\n"))
    table = {
        "Picture: {alt}": "Llun: {alt}",
        "Chapter {number}: {title}": "Pennod {number}: {title}",
    }
    said = texts(script_of(leaflet, words=Words("cy", table)))
    assert "Llun: Corff" in said and "Pennod 1: Rhan" in said
    # Units come from the Welsh speech table (locales/cy/speech.toml), never English words.
    assert "Cymerwch 5 miligram." in said


def test_a_draft_translation_says_so_in_its_language_and_in_english(tmp_path: Path) -> None:
    leaflet = read_leaflet(write_leaflet(tmp_path, "## Rhan\n\nGeiriau.\n", "language: cy\n"))
    notice = DRAFT_NOTICE
    table = {notice: "Cyfieithiad drafft yw hwn. Nid yw adolygydd wedi ei wirio eto."}
    script = script_of(leaflet, words=Words("cy", table, reviewed=True), draft=True)
    opening = script.chapters[0].utterances
    assert opening[0].text == notice and opening[0].language == "en-GB"  # first, by code
    assert opening[1].text == table[notice] and opening[1].language == ""
    unreviewed = script_of(leaflet, words=Words("cy", table), draft=True).chapters[0]
    assert [u.text for u in unreviewed.utterances[:2]] == [notice, "Test leaflet"]
    assert notice not in script_of(read_leaflet(CONTENT / "having-a-scan.md"), draft=True).text()


def test_an_overdue_leaflet_says_so_in_its_opening(tmp_path: Path) -> None:
    front = "language: en-GB\n"
    path = write_leaflet(tmp_path, "## Part\n\nWords.\n", front)
    late = path.read_text().replace("next_review: 2029-01-10", "next_review: 2026-02-01")
    path.write_text(late)
    said = texts(script_of(read_leaflet(path)))
    assert said[2:4] == [  # one sentence at a time
        "Review overdue: this information was due to be checked by 1 February 2026.",
        "Some of it may be out of date.",
    ]


def test_the_length_in_the_opening_follows_the_measured_minutes(cancer) -> None:
    leaflet, script = cancer
    assert script.minutes >= 3  # about 600 words
    measured = speech_script(leaflet, WriteContext(CONFIG, TODAY), minutes=1)
    assert "This recording is about 1 minute long." in texts(measured)


def test_a_block_the_audio_cannot_speak_is_an_error(cancer) -> None:
    leaflet, _ = cancer
    odd = Leaflet(leaflet.source, "x", "X", "en-GB", TODAY, TODAY, intro=("not a block",))  # type: ignore[arg-type]
    with pytest.raises(BuildError, match="cannot speak a str"):
        script_of(odd)
