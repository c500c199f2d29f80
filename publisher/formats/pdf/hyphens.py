"""Soft hyphens (U+00AD) in large print, which is never hyphenated (UKAAF): a soft hyphen
shows nowhere, except in a word too long for a whole line, which breaks there with a hyphen
rather than at any letter or off the page."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from .text import BREAK, Span

SHY = "\u00ad"
_SPACES = re.compile(r"(\s+)")


def break_long_words(
    spans: Sequence[Span], width: float, measure: Callable[[str, bool], float]
) -> tuple[list[Span], bool]:
    """The spans without soft hyphens, a word wider than `width` (by `measure(text, bold)`)
    broken at its soft hyphens onto lines of its own; True when a word was broken."""
    result: list[Span] = []
    broken = False
    for span in spans:
        if SHY not in span.text:
            result.append(span)
            continue
        text = ""
        for token in _SPACES.split(span.text):
            if SHY not in token or measure(token.replace(SHY, ""), span.bold) <= width:
                text += token.replace(SHY, "")
                continue
            lines = _lines(token.split(SHY), width, lambda t, b=span.bold: measure(t, b))
            starts = bool((text or _said(result)).strip())  # after words: on a new line
            if text:
                result.append(dataclasses.replace(span, text=text))
            for line in lines[:-1]:
                result += [BREAK] if starts else []
                result.append(dataclasses.replace(span, text=line + "-"))
                starts = True
            result.append(BREAK)
            text = lines[-1]
            broken = True
        if text:
            result.append(dataclasses.replace(span, text=text))
    return result, broken


def _lines(parts: list[str], width: float, measure: Callable[[str], float]) -> list[str]:
    """The word's parts joined into as few lines as fit, each but the last with its hyphen."""
    lines, current = [], parts[0]
    for part in parts[1:]:
        if measure(current + part + "-") <= width:
            current += part
        else:
            lines.append(current)
            current = part
    return [*lines, current]


def _said(spans: Sequence[Span]) -> str:
    """The text since the last line break."""
    text = "".join(span.text for span in spans)
    return text.rsplit("\n", 1)[-1]
