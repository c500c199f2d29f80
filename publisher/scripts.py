"""Facts about writing systems that every format needs, such as text direction."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

# Scripts written right to left (ISO 15924 codes, lower case).
RTL_SCRIPTS = {"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr", "mend"}
# Languages written right to left in their usual script, for tags Babel does not know.
RTL_LANGUAGES = {
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi",
}  # fmt: skip


@cache
def is_rtl(language: str) -> bool:
    """True when a BCP 47 tag (such as 'ar', 'ur-PK', 'ku-Arab') is written right to left."""
    subtags = language.replace("_", "-").split("-")
    scripts = [tag.lower() for tag in subtags[1:] if len(tag) == 4 and tag.isalpha()]
    if scripts:  # an explicit script wins: 'ku-Arab' is right to left, 'ku' is not
        return scripts[0] in RTL_SCRIPTS
    try:
        return Locale.parse("-".join(subtags), sep="-").character_order == "right-to-left"
    except (UnknownLocaleError, ValueError):
        return subtags[0].lower() in RTL_LANGUAGES


def direction(language: str) -> str:
    """The HTML `dir` value of a language: 'rtl' or 'ltr'."""
    return "rtl" if is_rtl(language) else "ltr"
