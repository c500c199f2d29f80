"""The words the tool itself puts into leaflets ("Page 1 of 4", "Glossary"...).

Writers ask a Words object for them, so one table per language serves every
format. English is the source; other languages come from the PO workflow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Notices every format shows, in the leaflet's language and, for a draft, in English too.
# One msgid each, so translators translate them once.
DRAFT_NOTICE = "Draft: this translation has not been reviewed yet."
OVERDUE_NOTICE = (
    "Review overdue: this information was due to be checked by {date}. "
    "Some of it may be out of date."
)


@dataclass(frozen=True, slots=True)
class Words:
    """Translate tool words for one language; unknown ones stay in English."""

    language: str = "en-GB"
    table: dict[str, str] = field(default_factory=dict)

    def __call__(self, message: str, **values: object) -> str:
        return self.table.get(message, message).format(**values)
