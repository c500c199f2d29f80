"""Facts about writing systems that every format needs, such as text direction."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

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


@cache
def script_of(language: str) -> str:
    """The ISO 15924 script of a BCP 47 tag: its own script subtag, else the usual one
    (from CLDR's likely subtags: 'pa' -> 'pa_Guru_IN', 'zh-TW' -> 'zh_Hant_TW')."""
    parts = language.replace("_", "-").split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return part.title()
    base = parts[0].lower()
    regions = [p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()]
    likely = get_global("likely_subtags")
    for key in [f"{base}_{region}" for region in regions] + [base]:
        if key in likely:
            return likely[key].split("_")[1]
    return "Latn"
