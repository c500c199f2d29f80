"""The words the tool itself puts into leaflets ("Page 1 of 4", "Glossary"...).

Writers ask a Words object for them, so one table per language serves every
format. English is the source; other languages come from the PO workflow.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from typing import NamedTuple

# Notices every format shows, in the leaflet's language and, for a draft, in English too.
# One msgid each, so translators translate them once.
DRAFT_NOTICE = "Draft: this translation has not been reviewed yet."
OVERDUE_NOTICE = (
    "Review overdue: this information was due to be checked by {date}. "
    "Some of it may be out of date."
)


# The draft mark: added by code to every draft's title and first words, always in English,
# and in the language only once its tool words are signed off, so no unreviewed
# translation can word it away.
DRAFT_MARK = "Unreviewed draft"


class Plural(NamedTuple):
    """A tool word with a count, in a writer's WORDS: translated in every plural form."""

    singular: str
    plural: str


ENGLISH_PLURAL = "(n != 1)"
# The language the tool's own words are written in, before translation.
TOOL_LANGUAGE = "en-GB"


@dataclass(frozen=True, slots=True)
class Words:
    """Translate tool words for one language; unknown ones stay in English."""

    language: str = TOOL_LANGUAGE
    table: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    reviewed: bool = False  # the table is signed off (publisher.po), not a draft's
    plural_expr: str = ENGLISH_PLURAL  # the PO file's Plural-Forms 'plural=' (CLDR's rule)

    def __call__(self, message: str, **values: object) -> str:
        found = self.table.get(message, message)
        return (found[0] if isinstance(found, tuple) else found).format(**values)

    def ngettext(self, word: Plural, n: int, /, **values: object) -> str:
        """The form of `word` for the count `n` in this language ('minutę', 'minuty', 'minut')."""
        forms = self.table.get(word.singular)
        if not isinstance(forms, tuple):
            forms, rule = (word.singular, word.plural), ENGLISH_PLURAL
        else:
            rule = self.plural_expr
        index = gettext.c2py(rule)(n)
        return forms[min(index, len(forms) - 1)].format(**values)

    def reviewed_only(self, message: str, **values: object) -> str | None:
        """The translation when the tool words are signed off and it differs; else None."""
        if not self.reviewed or self.table.get(message, message) == message:
            return None
        return self(message, **values)


def draft_marks(words: Words) -> tuple[str, ...]:
    """'Unreviewed draft', then the same in the language once its tool words are reviewed."""
    return (DRAFT_MARK, *filter(None, [words.reviewed_only(DRAFT_MARK)]))


def draft_title(title: str, words: Words) -> str:
    """The title a draft carries in its metadata: 'Unreviewed draft / …: Cael sgan'."""
    return f"{' / '.join(draft_marks(words))}: {title}"


def draft_notices(words: Words) -> tuple[str, ...]:
    """The draft notice, English first, then in the language once its tool words are reviewed."""
    return (DRAFT_NOTICE, *filter(None, [words.reviewed_only(DRAFT_NOTICE)]))
