"""PO files we write are read by every tool translators use, whatever the strings: msgfmt
--check, polib and translate-toolkit; and Plural-Forms come from the language's CLDR rule."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import polib
import pytest
from babel.messages.catalog import Catalog
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from translate.storage import po as toolkit_po

from publisher.i18n.catalogs import new_translation, read_catalog, write_catalog
from publisher.i18n.update import merged

from .conftest import ROOT, require_tool

# Any printable text, with the characters PO escapes (quotes, backslashes, tabs, newlines).
CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from('\n\t"\\ ')
TEXT = (
    st.text(CHARACTERS, min_size=1, max_size=400)
    .map(lambda t: t.strip("\n"))
    .filter(lambda t: t.strip())
)


def template(*msgids: str) -> Catalog:
    catalog = Catalog(domain="test", fuzzy=False)
    for msgid in msgids:
        catalog.add(msgid, locations=[("content/test.md", 3)], auto_comments=["paragraph"])
    return catalog


def read_by_every_tool(path: Path) -> polib.POFile:
    msgfmt = require_tool("msgfmt")
    checked = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr + path.read_text(encoding="utf-8")
    toolkit = toolkit_po.pofile(path.read_bytes())
    assert [u for u in toolkit.units if not u.isheader()]
    return polib.pofile(str(path))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=TEXT, edit=TEXT, at=st.integers(min_value=0), translation=TEXT)
def test_update_of_any_long_multi_line_text_writes_a_po_every_tool_reads(
    tmp_path_factory: pytest.TempPathFactory, old: str, edit: str, at: int, translation: str
) -> None:
    at %= len(old) + 1
    new = (old[:at] + edit + old[at:]).strip("\n")  # an edited sentence: similar, so fuzzy
    path = tmp_path_factory.mktemp("po") / "test.po"
    first = new_translation(template(old, "Keep me"), "cy", "Test")
    first.get(old).string = translation.strip("\n")
    first.get("Keep me").string = "Cadw fi"
    write_catalog(path, first)
    read_by_every_tool(path)
    # `i18n update` after the English changed: the PO is merged and written again.
    write_catalog(path, merged(read_catalog(path, "cy"), template(new, "Keep me")))
    entries = {e.msgid: e for e in read_by_every_tool(path)}
    assert entries["Keep me"].msgstr == "Cadw fi"
    entry = entries.get(new)
    if entry is not None and entry.fuzzy and new != old:
        assert entry.previous_msgid == old  # the old English shown beside the new
        ours = read_catalog(path, "cy").get(new)
        assert ours is not None and ours.previous_id == [old]


def test_a_long_edited_paragraph_keeps_a_valid_previous_msgid(tmp_path: Path) -> None:
    """The case Babel gets wrong: its '#|' lines wrap a quoted string across comment lines."""
    old = "Drink plenty of water if you had contrast dye. " * 6 + '"quoted"\nand a new line.'
    new = old.replace("plenty of", "lots of")
    path = tmp_path / "test.po"
    first = new_translation(template(old), "cy", "Test")
    first.get(old).string = "Yfwch ddigon o ddŵr."
    write_catalog(path, first)
    write_catalog(path, merged(read_catalog(path, "cy"), template(new)))
    text = path.read_text(encoding="utf-8")
    assert "#| msgid " in text
    assert all(line.startswith('#| "') or line.startswith("#| msgid ")
               for line in text.splitlines() if line.startswith("#|"))  # fmt: skip
    (entry,) = [e for e in read_by_every_tool(path) if e.msgid]
    assert entry.fuzzy and entry.previous_msgid == old


@pytest.mark.parametrize(
    ("language", "header"),
    [
        ("pl", "nplurals=4;"),  # one, few, many, other (CLDR)
        ("ar", "nplurals=6;"),  # zero, one, two, few, many, other
        ("cy", "nplurals=6;"),
        ("bn", "nplurals=2;"),
    ],
)
def test_plural_forms_come_from_cldr(tmp_path: Path, language: str, header: str) -> None:
    path = tmp_path / "test.po"
    write_catalog(path, new_translation(template("Words"), language, "Test"))
    (value,) = [
        line for line in path.read_text(encoding="utf-8").splitlines() if "Plural-Forms" in line
    ]
    assert header in value
    read_by_every_tool(path)


def test_sample_tool_words_have_every_plural_form_and_pass_msgfmt() -> None:
    for language, forms in (("pl", 4), ("ar", 6), ("cy", 6), ("bn", 2)):
        path = ROOT / "locales" / language / "publisher.po"
        plurals = [e for e in read_by_every_tool(path) if e.msgid_plural]
        assert plurals, f"{path}: no plural tool words"
        assert all(len(e.msgstr_plural) == forms and all(e.msgstr_plural.values())
                   for e in plurals)  # fmt: skip


# --- plural forms in what the outputs say --------------------------------------------------


@pytest.fixture(scope="module")
def sample_words():
    from publisher.config import load_config
    from publisher.i18n.apply import localise
    from publisher.reading.source import read_leaflet

    config = load_config(ROOT)
    leaflet = read_leaflet(ROOT / "content" / "having-a-scan.md")
    return config, {lang: localise(leaflet, lang, config, draft=False) for lang in ("pl", "ar")}


@pytest.mark.parametrize(
    ("language", "minutes", "said"),
    [
        ("pl", 1, "To nagranie trwa mniej więcej 1 minutę."),
        ("pl", 3, "To nagranie trwa mniej więcej 3 minuty."),
        ("pl", 5, "To nagranie trwa mniej więcej 5 minut."),
        ("pl", 22, "To nagranie trwa mniej więcej 22 minuty."),
        ("ar", 2, "مدة هذا التسجيل حوالي دقيقتين (2)."),
        ("ar", 3, "مدة هذا التسجيل حوالي 3 دقائق."),
        ("ar", 11, "مدة هذا التسجيل حوالي 11 دقيقة."),
    ],
)
def test_the_recording_says_its_length_in_the_language_s_plural_form(
    sample_words, language: str, minutes: int, said: str
) -> None:
    from publisher.formats import WriteContext
    from publisher.speech.script import speech_script

    config, versions = sample_words
    leaflet, words = versions[language]
    script = speech_script(leaflet, WriteContext(config, date(2026, 11, 30), words), minutes)
    opening = [u.text for u in script.chapters[0].utterances]
    assert said in opening
    chapters = len(script.chapters) - 1  # three sections, more information, the sources
    expected = {
        "pl": f"Po tym wstępie następuje {chapters} rozdziałów:",  # 5 to 21: 'many'
        "ar": f"بعد هذه المقدمة {chapters} فصول:",  # 3 to 10: 'few'
    }[language]
    assert chapters == 5 and expected in opening
