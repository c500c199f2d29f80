"""People's names as the sign-off compares them: the same person however the name is typed.

A name is compared after NFKC, case folding, removing format characters (a
zero-width space) and treating punctuation as a space. An initial matches the
word it stands for ('T. Translator' may be 'Tina Translator'): refusing a
sign-off wrongly costs a second look, allowing one wrongly costs a patient.
"""

from __future__ import annotations

import unicodedata


def normal(name: str) -> str:
    """'  Tina\u200b  TRANSLATOR. ' -> 'tina translator'."""
    text = unicodedata.normalize("NFKC", name.split("<", 1)[0])
    kept = []
    for char in text.casefold():
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        kept.append(" " if category[0] in "PZS" or char.isspace() else char)
    return " ".join("".join(kept).split())


def same_name(a: str, b: str) -> bool:
    """Exactly the same name once normalised: how a reviewer's name meets the roster."""
    return bool(normal(a)) and normal(a) == normal(b)


def may_be_same_person(a: str, b: str) -> bool:
    """The same name, or one whose words are the other's or their initials, in order."""
    first, second = normal(a).split(), normal(b).split()
    if not first or len(first) != len(second):
        return same_name(a, b)
    return all(
        x == y or _initial(x, y) or _initial(y, x) for x, y in zip(first, second, strict=True)
    )


def _initial(short: str, word: str) -> bool:
    return len(short) == 1 and word.startswith(short)


def mixed_scripts(name: str) -> list[str]:
    """The scripts mixed inside one word of a name ('Tinа' with a Cyrillic 'а'), UTS #39-style."""
    for word in normal(name).split():
        scripts = {_script(char) for char in word if char.isalpha()}
        if len(scripts) > 1:
            return sorted(scripts)
    return []


EAST_ASIAN = {"Cjk": "Han", "Hiragana": "Han", "Katakana": "Han"}  # written together in one name


def _script(char: str) -> str:
    """The script of a letter, from its Unicode name ('CYRILLIC SMALL LETTER A' -> 'Cyrillic')."""
    script = unicodedata.name(char, "UNKNOWN").split(" ")[0].title()
    return EAST_ASIAN.get(script, script)
