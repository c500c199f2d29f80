"""The words the tool itself puts into leaflets ("Page 1 of 4", "Glossary"...).

Writers ask a Words object for them, so one table per language serves every
format. English is the source; other languages come from the PO workflow.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Words:
    """Translate tool words for one language; unknown ones stay in English."""

    language: str = "en-GB"
    table: dict[str, str] = field(default_factory=dict)

    def __call__(self, message: str, **values: object) -> str:
        return self.table.get(message, message).format(**values)
