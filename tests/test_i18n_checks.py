"""Checks on each translation (what must not be lost), and the second-person rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from publisher.i18n.markup import from_markdown, to_markdown
from publisher.i18n.qa import Languages, check
from publisher.i18n.units import Unit
from publisher.model import Emphasis, Link, Strong, Text

from .conftest import write_leaflet
from .i18n_support import fake_translation, run, sign, translate, write_config

PO = Path("locales/cy/x.po")
LINKED = (
    "If you have questions, call us on [0800 123 4567](tel:08001234567) "
    "or visit [example.org/scans](https://example.org/scans)."
)
LINKED_CY = (
    "Os oes gennych gwestiynau, ffoniwch ni ar [0800 123 4567](tel:08001234567) "
    "neu ewch i [example.org/scans](https://example.org/scans)."
)


def problems(
    source: str, translation: str, markdown: bool = True, language: str = "cy"
) -> list[str]:
    unit = Unit(source, (), 3, markdown)
    found = check(unit, translation, PO, 42, False, Languages("en-GB", language))
    return [str(f.problem) for f in found]


def errors(source: str, translation: str, markdown: bool = True) -> list[str]:
    return [p for p in problems(source, translation, markdown) if p.startswith("error:")]


def test_a_faithful_translation_passes() -> None:
    assert problems(LINKED, LINKED_CY) == []


def test_a_dropped_url_is_an_error() -> None:
    dropped = LINKED_CY.replace("[example.org/scans](https://example.org/scans)", "ein gwefan")
    found = errors(LINKED, dropped)
    assert any("https://example.org/scans is missing from the translation" in e for e in found)
    assert all(e.startswith("error: locales/cy/x.po:42: ") for e in found)  # the PO entry's line


def test_a_changed_url_is_an_error() -> None:
    found = errors(
        LINKED, LINKED_CY.replace("https://example.org/scans", "https://example.org/sgan")
    )
    assert any("https://example.org/scans is missing" in e for e in found)
    assert any("https://example.org/sgan is not in the English" in e for e in found)


def test_a_changed_phone_number_is_an_error() -> None:
    changed = LINKED_CY.replace(
        "0800 123 4567](tel:08001234567)", "0800 123 4576](tel:08001234576)"
    )
    found = errors(LINKED, changed)
    assert any("phone number 08001234567 is missing" in e for e in found)
    assert any("phone number 08001234576 is not in the English" in e for e in found)


def test_a_phone_number_in_plain_text_is_checked_too() -> None:
    source = "Call the helpline on 0800 123 4567."
    assert errors(source, "Ffoniwch y llinell gymorth ar 0800 123 4567.", markdown=False) == []
    assert errors(source, "Ffoniwch y llinell gymorth ar 0800 123 457.", markdown=False)


def test_broken_bold_markup_is_an_error() -> None:
    source = "Drink **two glasses** of water."
    assert errors(source, "Yfwch **ddau wydraid** o ddŵr.") == []
    found = errors(source, "Yfwch **ddau wydraid o ddŵr.")
    assert any("bold (**...**): the English has 1, the translation 0" in e for e in found)
    assert errors(source, "Yfwch ddau wydraid o ddŵr.")  # the bold dropped altogether


def test_emphasis_and_links_must_match() -> None:
    assert any("emphasis" in e for e in errors("Do *not* eat.", "Peidiwch â bwyta."))
    assert any(
        "links" in e
        for e in errors(
            LINKED,
            LINKED_CY.replace("[0800 123 4567]", "0800 123 4567").replace("(tel:08001234567)", ""),
        )
    )


def test_a_dropped_email_address_is_an_error() -> None:
    source = "Write to [nurses@example.org](mailto:nurses@example.org)."
    assert errors(source, "Ysgrifennwch at [nurses@example.org](mailto:nurses@example.org).") == []
    found = errors(source, "Ysgrifennwch atom.")
    assert any("e-mail address nurses@example.org is missing" in e for e in found)


def test_a_changed_or_extra_number_is_an_error_a_reviewer_may_accept() -> None:
    source = "A CT scan takes about 10 minutes."
    assert errors(source, "Mae sgan CT yn cymryd tua 10 munud.") == []
    changed = errors(source, "Mae sgan CT yn cymryd tua 15 munud.")
    assert any("the number 10 minute(s) is missing" in e for e in changed)
    assert any("the translation has the number 15 minute(s)" in e for e in changed)
    extra = errors(source, "Mae sgan CT (1 sgan) yn cymryd tua 10 munud.")
    assert len(extra) == 1 and "the translation has the number 1," in extra[0]
    assert "--accept number-" in extra[0]


def test_digits_of_other_scripts_count_as_the_same_numbers() -> None:
    source = "A CT scan takes about 10 minutes. Call 0800 123 4567."
    assert errors(source, "يستغرق فحص CT حوالي ١٠ دقائق. اتصل على ٠٨٠٠ ١٢٣ ٤٥٦٧.") == []
    assert errors(source, "CT স্ক্যান প্রায় ১০ মিনিট সময় নেয়। ০৮০০ ১২৩ ৪৫৬৭ নম্বরে কল করুন।") == []
    assert errors(source, "يستغرق فحص CT حوالي ١٥ دقائق. اتصل على ٠٨٠٠ ١٢٣ ٤٥٦٧.")


def test_times_may_be_written_the_language_s_way() -> None:
    source = "Every day, 8am to 8pm"
    assert errors(source, "Bob dydd, 8yb tan 8yh", markdown=False) == []  # Welsh: y bore, yr hwyr
    assert errors(source, "Codziennie, 8:00–20:00", markdown=False) == []
    assert errors(source, "Codziennie od 8 do 20", markdown=False) == []
    assert any(
        "20:00 is missing" in e for e in errors(source, "Codziennie, 8:00–21:00", markdown=False)
    )


def test_an_empty_translation_is_an_error_and_a_copy_a_warning() -> None:
    assert any("empty" in e for e in errors("Before your scan", "  "))
    copied = problems("Before your scan", "Before your scan")
    assert copied == [p for p in copied if p.startswith("warning:")] and copied
    assert problems("gram", "gram", markdown=False) == []  # one word may well be the same


def test_placeholders_of_tool_words_must_match() -> None:
    found = errors("Page {page} of {pages}", "Tudalen {page} o {tudalennau}", markdown=False)
    assert any("{placeholders}" in e for e in found)
    assert errors("Page {page} of {pages}", "Tudalen {page} o {pages}", markdown=False) == []


def test_markdown_the_leaflet_may_not_hold_is_an_error() -> None:
    found = errors("Read [this](https://example.org).", "Darllenwch [hwn](javascript:alert(1)).")
    assert any("'javascript:' links are not allowed" in e for e in found)
    assert any("raw HTML" in e for e in errors("Hello there.", "Helo <b>yno</b>."))


# --- inline Markdown round trip ----------------------------------------------

words = st.text(alphabet=st.sampled_from("ab ŵ*_[]()<>&#;\\`!1."), min_size=1, max_size=12)


def runs(depth: int = 2, inside: frozenset = frozenset()):
    """Inline runs as a source makes them: no link in a link, no bold in bold."""
    text = words.map(Text)
    if depth == 0:
        return st.lists(text, min_size=1, max_size=3)
    choices = [text]
    for mark in (Strong, Emphasis):
        if mark not in inside:
            inner = runs(depth - 1, inside | {mark})
            choices.append(inner.map(lambda r, m=mark: m((Text("x"), *r, Text("y")))))
    if Link not in inside:
        inner = runs(depth - 1, inside | {Link})
        choices.append(inner.map(lambda r: Link((Text("x"), *r), "https://example.org/a_b")))
    # Marks side by side with nothing between ('**a****b**') do not come out of a source.
    return st.lists(st.one_of(*choices), min_size=1, max_size=3).map(_spaced)


def _spaced(items: list) -> list:
    return [x for item in items for x in (item, Text(" "))][:-1]


def test_bold_inside_bold_is_written_once() -> None:
    runs_ = (Strong((Text("a "), Strong((Text("b"),)), Text(" c"))),)
    assert to_markdown(runs_) == "**a b c**"


def words_and_marks(inlines) -> tuple[str, list[str]]:
    """The words and the sequence of marks, which must survive Markdown and back."""
    from publisher.model import iter_inlines, plain_text

    return plain_text(inlines), [
        type(r).__name__ for r in iter_inlines(inlines) if not isinstance(r, Text)
    ]


@given(runs())
def test_any_inline_runs_survive_markdown_and_back(inlines) -> None:
    text = to_markdown(tuple(inlines))
    back = from_markdown(text, PO, 1)
    expected_words, expected_marks = words_and_marks(tuple(inlines))
    got_words, got_marks = words_and_marks(back)
    assert " ".join(got_words.split()) == " ".join(expected_words.split())
    assert sorted(got_marks) == sorted(expected_marks)


# --- review: a second person, and nothing failing ------------------------------

TRANSLATOR = "Example Translator (test data) <translator@example.org>"


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    """A tiny project whose Welsh translation is complete and correct but not reviewed."""
    write_leaflet(tmp_path / "content", "## Call us\n\nCall [0800 123 4567](tel:08001234567).\n")
    write_config(tmp_path, ["cy"])
    assert run(tmp_path, "i18n", "update", "--lang", "cy").exit_code == 0
    welsh = {
        "Test leaflet": "Taflen brawf",
        "Call us": "Ffoniwch ni",
        "Call [0800 123 4567](tel:08001234567).": "Ffoniwch [0800 123 4567](tel:08001234567).",
    }
    translate(tmp_path / "locales" / "cy" / "test.po", welsh, TRANSLATOR)
    translate(tmp_path / "locales" / "cy" / "publisher.po", None, TRANSLATOR)
    return tmp_path


def review(root: Path, reviewer: str, domain: str = "test"):
    return sign(root, domain, reviewer=reviewer)


@pytest.mark.parametrize(
    "reviewer",
    ["Example Translator (test data)", "example translator (TEST DATA)", TRANSLATOR],
)
def test_the_last_translator_cannot_review_their_own_work(translated: Path, reviewer: str) -> None:
    result = review(translated, reviewer)
    assert result.exit_code == 1
    assert "translated or edited this text" in result.output
    assert "a second person must review it" in result.output
    assert not (translated / "locales" / "cy" / "test.review.json").exists()


def test_a_second_person_can_review(translated: Path) -> None:
    result = review(translated, "Example Reviewer (test data)")
    assert result.exit_code == 0, result.output
    record = json.loads((translated / "locales" / "cy" / "test.review.json").read_text())
    assert record["reviewer"] == "Example Reviewer (test data)"


def test_review_needs_a_named_translator(translated: Path) -> None:
    po = translated / "locales" / "cy" / "test.po"
    po.write_text(_without_translator(po.read_text(encoding="utf-8")), encoding="utf-8")
    result = review(translated, "Example Reviewer (test data)")
    assert result.exit_code == 1
    assert "Last-Translator is empty" in result.output


def _without_translator(text: str) -> str:
    start = text.index('"Last-Translator:')
    end = text.index('"Language:', start)
    return text[:start] + '"Last-Translator: \\n"\n' + text[end:]


def test_review_refuses_a_translation_failing_a_check(translated: Path) -> None:
    po = translated / "locales" / "cy" / "test.po"
    text = po.read_text(encoding="utf-8")
    broken = text.replace(
        'msgstr "Ffoniwch [0800 123 4567](tel:08001234567)."', 'msgstr "Ffoniwch ni."'
    )
    assert broken != text
    po.write_text(broken, encoding="utf-8")
    result = review(translated, "Example Reviewer (test data)")
    assert result.exit_code == 1
    assert "phone number 08001234567 is missing from the translation" in result.output
    assert "test.po:" in result.output  # the line of the entry, to find it


def test_review_refuses_while_strings_are_untranslated(tmp_path: Path) -> None:
    write_leaflet(tmp_path / "content", "Some text.\n")
    write_config(tmp_path, ["cy"])
    run(tmp_path, "i18n", "update", "--lang", "cy")
    result = review(tmp_path, "Example Reviewer (test data)")
    assert result.exit_code == 1
    assert "2 string(s) untranslated and 0 fuzzy" in result.output


def test_check_reports_translation_errors_once_signed_off(translated: Path) -> None:
    assert review(translated, "Example Reviewer (test data)").exit_code == 0
    assert review(translated, "Example Reviewer (test data)", "publisher").exit_code == 0
    assert run(translated, "check").exit_code == 0
    po = translated / "locales" / "cy" / "test.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            "Ffoniwch [0800 123 4567]", "Ffoniwch [0800 123 4568]"
        ),
        encoding="utf-8",
    )
    result = run(translated, "check")
    assert result.exit_code == 1
    assert (
        "error:" in result.output
        and "phone number 08001234568 is not in the English" in result.output
    )
    assert "warning:" in result.output and "is not published in Welsh (cy)" in result.output


def test_check_only_warns_about_translations_not_signed_off(translated: Path) -> None:
    po = translated / "locales" / "cy" / "test.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            "Ffoniwch [0800 123 4567]", "Ffoniwch [0800 123 4568]"
        ),
        encoding="utf-8",
    )
    result = run(translated, "check")
    assert result.exit_code == 0
    assert "warning:" in result.output and "08001234568" in result.output


def test_tool_words_are_translated_in_the_same_workflow(translated: Path) -> None:
    from publisher.config import load_config
    from publisher.i18n.apply import localise
    from publisher.reading.source import read_leaflet

    config = load_config(translated)
    leaflet = read_leaflet(translated / "content" / "test.md")
    # Not signed off: refused, naming the leaflet, the language and the command that fixes it.
    from publisher.errors import BuildError

    with pytest.raises(BuildError) as refused:
        localise(leaflet, "cy", config, draft=False)
    assert "publisher i18n review --lang cy test --reviewer NAME --key FILE" in str(refused.value)
    # A draft uses the translated tool words; English only where a word is missing.
    welsh, words = localise(leaflet, "cy", config, draft=True)
    assert welsh.language == "cy" and welsh.title == "Taflen brawf"
    assert words("Page {page} of {pages}", page=1, pages=4) == fake_translation(
        "Page {page} of {pages}"
    ).format(page=1, pages=4)
    assert words("A word no writer uses") == "A word no writer uses"


def test_no_translation_file_is_not_even_a_draft(tmp_path: Path) -> None:
    """An English text labelled as Welsh would be read aloud in the wrong voice: refused."""
    write_leaflet(tmp_path / "content", "Some text.\n")
    write_config(tmp_path, ["cy"])
    explicit = run(tmp_path, "build", "--lang", "cy", "--draft", "--format", "html")
    assert explicit.exit_code == 1
    assert "test is not published in Welsh (cy): there is no translation yet" in explicit.output
    assert "publisher i18n update --lang cy" in explicit.output
    configured = run(tmp_path, "build", "--draft", "--format", "html")
    assert configured.exit_code == 0, configured.output
    assert "warning:" in configured.output and "there is no translation yet" in configured.output
    assert (tmp_path / "out" / "test" / "en-GB" / "test-easy-read.html").is_file()
    assert not (tmp_path / "out" / "test" / "cy").exists()


@pytest.mark.parametrize(("term", "warned"), [("sgan", False), ("sganio", True)])
def test_a_glossary_term_missing_from_the_translated_text_warns(
    tmp_path: Path, term: str, warned: bool
) -> None:
    write_leaflet(tmp_path / "content", "Your scan is soon.\n", "glossary:\n  scan: A picture.\n")
    write_config(tmp_path, ["cy"])
    run(tmp_path, "i18n", "update", "--lang", "cy")
    welsh = {
        "Test leaflet": "Taflen brawf",
        "Your scan is soon.": "Mae eich sgan yn fuan.",
        "scan": term,
        "A picture.": "Llun.",
    }
    translate(tmp_path / "locales" / "cy" / "test.po", welsh, TRANSLATOR)
    result = run(tmp_path, "check")
    assert result.exit_code == 0, result.output
    message = f"the glossary term '{term}' ('scan') is not in the translated text"
    assert (message in result.output) == warned
