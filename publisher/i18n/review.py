"""`i18n review`: a second person signs off exactly one version of a translation.

The sign-off lives in a file beside the PO (<domain>.review.json): PO has no
standard approval field, and translators' editors drop flags they do not know.
"""

from __future__ import annotations

from datetime import date

from ..config import Config
from ..errors import ContentError, Problem
from ..files import write_text_atomic
from .catalogs import review_path
from .dates import language_name
from .state import ReviewRecord, Translation


def sign_off(config: Config, state: Translation, reviewer: str, today: date) -> ReviewRecord:
    """Record the review of `state`; ContentError listing every reason it cannot be signed off."""
    problems = refusals(state, reviewer)
    if problems:
        raise ContentError(problems)
    record = ReviewRecord(reviewer.strip(), today, state.digest, state.translator)
    path = review_path(config, state.language, state.domain)
    write_text_atomic(path, record.to_json(state.language, state.domain, len(state.units)))
    return record


def refusals(state: Translation, reviewer: str) -> list[Problem]:
    name = language_name(state.language)
    update = f"publisher i18n update --lang {state.language}"
    if not state.exists:
        return [Problem(state.po, None, f"no {name} translation to review yet: run `{update}`")]
    problems = list(state.errors)
    if state.untranslated or state.fuzzy:
        message = (
            f"{state.untranslated} string(s) untranslated and {state.fuzzy} fuzzy: "
            f"run `{update}` and finish the translation before it is reviewed"
        )
        problems.append(Problem(state.po, None, message))
    if not reviewer.strip():
        problems.append(Problem(None, None, "give the reviewer's name with --reviewer NAME"))
    elif not state.translator:
        message = (
            "Last-Translator is empty: the translator puts their name there (Poedit does), "
            "so that a second person can review"
        )
        problems.append(Problem(state.po, None, message))
    elif _same_person(reviewer, state.translator):
        message = (
            f"{reviewer.strip()} is the last translator of this file: "
            "a second person must review it"
        )
        problems.append(Problem(state.po, None, message))
    return problems


def _same_person(reviewer: str, translator: str) -> bool:
    def name(text: str) -> str:
        return " ".join(text.split("<", 1)[0].split()).casefold()

    return name(reviewer) == name(translator)
