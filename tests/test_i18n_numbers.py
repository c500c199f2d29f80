"""Numbers in translations: in order, with their units and number words, times and dates as
values; a changed number is an error a reviewer may accept, never a silent pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.i18n.qa import Languages, check
from publisher.i18n.units import Unit

PO = Path("locales/xx/test.po")


def findings(source: str, translation: str, language: str):
    unit = Unit(source, (), 3, markdown=False)
    return check(unit, translation, PO, 9, False, Languages("en-GB", language))


def errors(source: str, translation: str, language: str) -> list[str]:
    return [f.problem.message for f in findings(source, translation, language)
            if f.problem.severity == "error"]  # fmt: skip


SCAN = "A CT scan takes about 10 minutes. An MRI scan can take up to 45 minutes."


def test_the_same_numbers_in_the_same_order_pass() -> None:
    welsh = "Mae sgan CT yn cymryd tua 10 munud. Gall sgan MRI gymryd hyd at 45 munud."
    assert errors(SCAN, welsh, "cy") == []


def test_swapped_numbers_are_an_error() -> None:
    swapped = "Mae sgan CT yn cymryd tua 45 munud. Gall sgan MRI gymryd hyd at 10 munud."
    found = errors(SCAN, swapped, "cy")
    assert found, "10 and 45 minutes swapped must not pass"
    assert any("in a different place in the translation" in e for e in found)


def test_weeks_that_became_years_are_an_error() -> None:
    found = errors("This usually takes one to two weeks.", "Cela prend un a deux ans.", "fr")
    assert any("the number 2 week(s) became the number 2 year(s)" in e for e in found), found


def test_number_words_count_as_their_numbers() -> None:
    assert errors("This usually takes one to two weeks.", "Cela prend 1 à 2 semaines.", "fr") == []
    assert errors("Wait 2 weeks.", "Czekaj dwa tygodnie.", "pl") == []
    assert errors("Wait 2 weeks.", "انتظر أسبوعان.", "ar") == []  # the dual says 'two weeks'
    assert errors("Wait 3 weeks.", "Czekaj dwa tygodnie.", "pl")


def test_a_number_the_english_does_not_have_is_an_error_that_can_be_accepted() -> None:
    found = findings("You can eat as normal.", "Peidiwch â bwyta am 6 awr.", "cy")
    number = [f for f in found if f.problem.severity == "error"]
    assert len(number) == 1
    assert "the translation has the number 6 hour(s), which the English does not" in (
        number[0].problem.message
    )
    assert number[0].id and number[0].id.startswith("number-")
    assert f"--accept {number[0].id}" in number[0].problem.message


def test_the_id_of_a_finding_changes_with_the_text() -> None:
    first = findings("You can eat as normal.", "Peidiwch â bwyta am 6 awr.", "cy")
    second = findings("You can eat as normal.", "Peidiwch â bwyta am 8 awr.", "cy")
    assert first[0].id != second[0].id  # accepting one change does not accept the next


@pytest.mark.parametrize(
    ("translation", "ok"),
    [
        ("Bob dydd, 8yb tan 8yh", True),  # Welsh: y bore, yr hwyr
        ("Codziennie, 8:00–20:00", True),
        ("Codziennie, 20:00–8:00", False),  # swapped opening and closing
        ("Codziennie, 8:00–21:00", False),
    ],
)
def test_times_are_compared_as_times(translation: str, ok: bool) -> None:
    assert (errors("Every day, 8am to 8pm", translation, "pl") == []) is ok


@pytest.mark.parametrize(
    ("language", "translation", "ok"),
    [
        ("cy", "Dewch ar 2 Mawrth 2026.", True),
        ("pl", "Proszę przyjść 2 marca 2026.", True),
        ("pl", "Proszę przyjść 2 kwietnia 2026.", False),  # April, not March
        ("pl", "Proszę przyjść 02.03.2026.", True),
    ],
)
def test_dates_are_compared_as_dates(language: str, translation: str, ok: bool) -> None:
    assert (errors("Come on 2 March 2026.", translation, language) == []) is ok


def test_a_changed_dose_unit_is_an_error() -> None:
    found = errors("Take 5 ml twice a day.", "Cymerwch 5 mg ddwywaith y dydd.", "cy")
    assert any("5 milliliter(s) became the number 5 milligram(s)" in e for e in found), found


def test_digits_of_other_scripts_are_the_same_numbers_in_order() -> None:
    assert (
        errors(SCAN, "يستغرق فحص CT حوالي ١٠ دقائق. وقد يستغرق فحص MRI حتى ٤٥ دقيقة.", "ar") == []
    )
    assert errors(SCAN, "يستغرق فحص CT حوالي ٤٥ دقيقة. وقد يستغرق فحص MRI حتى ١٠ دقائق.", "ar")
