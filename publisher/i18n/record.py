"""The review record beside a PO file (<domain>.review.json): who signed off exactly what.

It holds the reviewer (as named in publisher.toml), the date, the translators
of the text, the warnings the reviewer accepted, every source string with its
translation as reviewed, their digest, and an SSH signature over all of it.
Every build verifies it against the reviewers' keys in publisher.toml: an
edited digest, name, date, translator or accepted warning breaks the signature.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ..config import Config, Reviewer
from ..errors import ContentError, Problem
from ..files import write_text_atomic
from . import sshsig
from .names import may_be_same_person, mixed_scripts, same_name

FORMAT = "publisher-review/2"
Pairs = tuple[tuple[str, object], ...]  # (source text, translation or plural forms)


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """A second person's sign-off of exactly one version of a translation."""

    language: str
    domain: str
    reviewer: str
    date: date
    translators: tuple[str, ...]
    accepted: tuple[str, ...]  # IDs of warnings and number changes the reviewer accepted
    strings: Pairs
    digest: str
    signature: str = ""

    def payload(self) -> bytes:
        """The bytes the reviewer's key signs: every field but the signature, canonically."""
        fields = self.fields()
        return json.dumps(
            fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode()

    def fields(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "leaflet": self.domain,
            "language": self.language,
            "reviewer": self.reviewer,
            "date": self.date.isoformat(),
            "translators": list(self.translators),
            "accepted": list(self.accepted),
            "digest": self.digest,
            "strings": [[msgid, _plain(text)] for msgid, text in self.strings],
        }

    def to_json(self) -> str:
        record = self.fields() | ({"signature": self.signature} if self.signature else {})
        return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def text_digest(language: str, domain: str, pairs: Pairs) -> str:
    """SHA-256 over each source text and its translation, in reading order."""
    data = [language, domain, [[msgid, _plain(text)] for msgid, text in pairs]]
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _plain(text: object) -> object:
    return list(text) if isinstance(text, tuple | list) else text


def today() -> date:
    """The date a sign-off is given, the same for a reviewer anywhere (UTC)."""
    return datetime.now(UTC).date()


def read_record(path: Path) -> ReviewRecord | None:
    """The review record beside a PO file; None if there is none."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("an older or unknown kind of record, with no signature")
        strings = tuple(
            (str(msgid), tuple(text) if isinstance(text, list) else text)
            for msgid, text in data["strings"]
        )
        return ReviewRecord(
            language=str(data["language"]),
            domain=str(data["leaflet"]),
            reviewer=str(data["reviewer"]),
            date=date.fromisoformat(data["date"]),
            translators=tuple(str(name) for name in data["translators"]),
            accepted=tuple(str(ident) for ident in data.get("accepted", [])),
            strings=strings,
            digest=str(data["digest"]),
            signature=str(data.get("signature", "")),
        )
    except (OSError, ValueError, KeyError, TypeError) as err:
        reason = f"missing '{err.args[0]}'" if isinstance(err, KeyError) else str(err)
        message = f"not a valid review record ({reason}); sign the translation off again"
        raise ContentError([Problem(path, None, message)]) from None


def write_record(path: Path, record: ReviewRecord) -> None:
    write_text_atomic(path, record.to_json())


def sign_record(record: ReviewRecord, key_file: Path) -> ReviewRecord:
    return dataclasses.replace(record, signature=sshsig.sign(record.payload(), key_file))


def distrust(record: ReviewRecord, config: Config, language: str, domain: str) -> list[str]:
    """Every reason not to trust a record; none means it is what the reviewer signed."""
    reasons = []
    if (record.language, record.domain) != (language, domain):
        reasons.append(f"it is the record of {record.domain} in {record.language}")
    if record.date > today():
        reasons.append(f"its date {record.date.isoformat()} is in the future")
    if text_digest(record.language, record.domain, record.strings) != record.digest:
        reasons.append("its digest does not match the text it records")
    for translator in record.translators:
        if may_be_same_person(record.reviewer, translator):
            reasons.append(f"the reviewer {record.reviewer} is also a translator ({translator})")
    reasons += name_problems(record.translators)
    reviewer = roster_entry(config, language, record.reviewer)
    if reviewer is None and (config.signatures or config.reviewers_of(language)):
        reasons.append(roster_message(config, language, record.reviewer))
    elif reviewer is not None and config.signatures:
        reasons += signature_problems(record, reviewer)
    return reasons


def signature_problems(record: ReviewRecord, reviewer: Reviewer) -> list[str]:
    if not record.signature:
        return ["it is not signed (publisher.toml asks for signatures: [review] signatures)"]
    try:
        sshsig.verify(record.payload(), record.signature, sshsig.public_key_blob(reviewer.key))
    except sshsig.SignatureError as err:
        return [f"its signature is not {reviewer.name}'s key in publisher.toml: {err}"]
    return []


def roster_entry(config: Config, language: str, name: str) -> Reviewer | None:
    """The reviewer of `language` in publisher.toml with this name, compared as names are."""
    return next((r for r in config.reviewers_of(language) if same_name(r.name, name)), None)


def roster_message(config: Config, language: str, name: str) -> str:
    names = ", ".join(r.name for r in config.reviewers_of(language)) or "nobody yet"
    return (
        f"'{name}' is not a reviewer of {language} in publisher.toml "
        f"([[review.reviewers]]; reviewers of {language}: {names})"
    )


def name_problems(translators: tuple[str, ...]) -> list[str]:
    found = []
    for name in translators:
        scripts = mixed_scripts(name)
        if scripts:
            found.append(
                f"the translator's name '{name}' mixes letters of {' and '.join(scripts)} "
                "in one word: write it in one script"
            )
    return found
