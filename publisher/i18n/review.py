"""`i18n review`: a second person signs off exactly one version of a translation.

The sign-off lives in a file beside the PO (<domain>.review.json, record.py):
PO has no standard approval field, and translators' editors drop flags they do
not know. The reviewer is named in publisher.toml with their SSH key; they may
not have translated or edited the text, and must accept each warning by its ID.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from ..config import Config, Reviewer
from ..errors import ContentError, Problem
from .catalogs import review_path
from .dates import language_name
from .names import may_be_same_person
from .qa import Finding
from .record import (
    ReviewRecord,
    name_problems,
    roster_entry,
    roster_message,
    sign_record,
    signature_problems,
    today,
    write_record,
)
from .sshsig import SignatureError
from .state import Translation


@dataclass(frozen=True, slots=True)
class Request:
    """What the reviewer asks for: their name, their key, the findings they accept."""

    reviewer: str
    key: Path | None
    accept: tuple[str, ...] = ()


def sign_off(
    config: Config, state: Translation, request: Request, warnings: list[Finding]
) -> ReviewRecord:
    """Sign and write the record of `state`; ContentError listing every reason it cannot be."""
    problems = refusals(config, state, request, warnings)
    if problems:
        raise ContentError(problems)
    entry = roster_entry(config, state.language, request.reviewer)
    record = ReviewRecord(
        language=state.language,
        domain=state.domain,
        reviewer=entry.name if entry else " ".join(request.reviewer.split()),
        date=today(),
        translators=state.translators,
        accepted=tuple(sorted(set(request.accept))),
        strings=state.pairs,
        digest=state.digest,
    )
    if config.signatures and entry is not None and request.key is not None:
        record = _signed(record, request.key, entry)
    write_record(review_path(config, state.language, state.domain), record)
    return record


def _signed(record: ReviewRecord, key: Path, entry: Reviewer) -> ReviewRecord:
    try:
        signed = sign_record(record, key)
    except SignatureError as err:
        raise ContentError([Problem(key, None, str(err))]) from None
    wrong = signature_problems(signed, entry)
    if wrong:
        message = f"{key} is not the key publisher.toml gives {entry.name}: {wrong[0]}"
        raise ContentError([Problem(key, None, message)])
    return signed


def refusals(
    config: Config, state: Translation, request: Request, warnings: list[Finding]
) -> list[Problem]:
    name = language_name(state.language)
    update = f"publisher i18n update --lang {state.language}"
    if not state.exists:
        return [Problem(state.po, None, f"no {name} translation to review yet: run `{update}`")]
    findings = [*state.findings, *warnings]
    problems = [f.problem for f in findings if f.problem.severity == "error" and not f.id]
    problems += _unaccepted(state, findings, request.accept)
    if state.untranslated or state.fuzzy:
        message = (
            f"{state.untranslated} string(s) untranslated and {state.fuzzy} fuzzy: "
            f"run `{update}` and finish the translation before it is reviewed"
        )
        problems.append(Problem(state.po, None, message))
    problems += _person_problems(config, state, request)
    return problems


def _unaccepted(
    state: Translation, findings: list[Finding], accept: tuple[str, ...]
) -> list[Problem]:
    """Each acceptable finding not accepted, and each --accept that names none of them."""
    known = {f.id for f in findings if f.id}
    problems = [
        Problem(f.problem.path, f.problem.line, f"not accepted: {f.problem.message}")
        for f in findings
        if f.id and f.id not in accept
    ]
    for ident in accept:
        if ident not in known:
            message = f"--accept {ident}: no such warning in this translation now"
            problems.append(Problem(state.po, None, message))
    return problems


def _person_problems(config: Config, state: Translation, request: Request) -> list[Problem]:
    reviewer = request.reviewer
    if not " ".join(reviewer.split()):
        return [Problem(None, None, "give the reviewer's name with --reviewer NAME")]
    problems = []
    entry = roster_entry(config, state.language, reviewer)
    if entry is None and (config.signatures or config.reviewers_of(state.language)):
        problems.append(
            Problem(
                config.root / "publisher.toml",
                None,
                roster_message(config, state.language, reviewer),
            )
        )
    if config.signatures and request.key is None:
        problems.append(Problem(None, None, "give your SSH private key with --key FILE"))
    if not state.translator:
        message = (
            "Last-Translator is empty: the translator puts their name there (Poedit does), "
            "so that a second person can review"
        )
        problems.append(Problem(state.po, None, message))
    names = {reviewer, entry.name} if entry else {reviewer}
    for translator in state.translators:
        if any(may_be_same_person(name, translator) for name in names):
            message = (
                f"{' '.join(reviewer.split())} translated or edited this text "
                f"(the PO file names '{translator}'): a second person must review it"
            )
            problems.append(Problem(state.po, None, message))
    problems += [Problem(state.po, None, m) for m in name_problems(state.translators)]
    return problems


def changes(state: Translation) -> list[str]:
    """What changed since the last sign-off, as lines for the reviewer to read."""
    record = state.record
    if record is None:
        return [f"first sign-off: all {len(state.units)} strings are new to review"]
    head = f"changed since the sign-off by {record.reviewer} on {record.date.isoformat()}:"
    old, new = list(record.strings), list(state.pairs)
    lines = []
    matcher = difflib.SequenceMatcher(a=[m for m, _ in old], b=[m for m, _ in new], autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            for (msgid, was), (_, now) in zip(old[a1:a2], new[b1:b2], strict=True):
                if _plain(was) != _plain(now):
                    lines += _change(msgid, msgid, was, now)
            continue
        before, after = old[a1:a2], new[b1:b2]
        for index in range(max(len(before), len(after))):
            was = before[index] if index < len(before) else ("", None)
            now = after[index] if index < len(after) else ("", None)
            lines += _change(was[0], now[0], was[1], now[1])
    if set(record.translators) != set(state.translators):
        lines.append(f"  translators were: {', '.join(record.translators)}")
        lines.append(f"  translators are:  {', '.join(state.translators)}")
    return [head, *lines] if lines else [head, "  nothing: the text is as signed off"]


def _change(old_id: str, new_id: str, was: object, now: object) -> list[str]:
    lines = ["  -"]
    if old_id != new_id:
        lines += [
            f"    English was:     {old_id or '(none)'}",
            f"    English is:      {new_id or '(removed)'}",
        ]
    else:
        lines += [f"    English:         {new_id}"]
    lines += [f"    translation was: {_shown(was)}", f"    translation is:  {_shown(now)}"]
    return lines


def _plain(text: object) -> object:
    return list(text) if isinstance(text, tuple | list) else text


def _shown(text: object) -> str:
    if text is None:
        return "(none)"
    return " | ".join(text) if isinstance(text, tuple | list) else str(text)
