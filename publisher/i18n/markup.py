"""Inline runs <-> the Markdown a translator sees in a PO entry ('Call **us** on [0800](tel:0800)').

Translators keep the marks they know from the source; the translation is read
back with the leaflet's own Markdown rules (source.parse_inline).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Emphasis, Inline, Link, Span, Strong, Term, Text
from ..reading.source import parse_inline

SPECIAL = re.compile(r"([\\`*_\[\]<])|(&(?=#?\w+;))")
URL_NEEDS_BRACKETS = re.compile(r"[\s()]")


def to_markdown(inlines: tuple[Inline, ...], inside: frozenset[type] = frozenset()) -> str:
    """The Markdown text of some inline runs; glossary terms are plain words.

    Bold inside bold (or emphasis inside emphasis) is written once: Markdown cannot nest
    a mark in itself, and it would look the same.
    """
    return "".join(_run(run, inside) for run in inlines)


def _run(run: Inline, inside: frozenset[type]) -> str:
    match run:
        case Text(text) | Term(text, _):
            return escape(text)
        case Strong(children) | Emphasis(children):
            inner = to_markdown(children, inside | {type(run)})
            mark = "**" if isinstance(run, Strong) else "*"
            return inner if type(run) in inside else f"{mark}{inner}{mark}"
        case Link(children, url):
            target = f"<{url}>" if URL_NEEDS_BRACKETS.search(url) else url
            return f"[{to_markdown(children, inside)}]({target})"
        case Span(children, lang):
            return f"[{to_markdown(children, inside)}]{{lang={lang}}}"
    raise TypeError(f"no Markdown for {run!r}")


def escape(text: str) -> str:
    """Backslash the characters that would otherwise start Markdown marks or entities."""
    return SPECIAL.sub(lambda found: "\\" + found.group(0), text)


def from_markdown(text: str, path: Path, line: int) -> tuple[Inline, ...]:
    """A translated paragraph back into runs; ContentError (naming path:line) if not allowed."""
    return parse_inline(text, path, line)


def without_terms(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """The runs with glossary terms turned back into text, so they can be marked again."""
    out: list[Inline] = []
    for run in inlines:
        match run:
            case Term(text, _) | Text(text):
                if out and isinstance(out[-1], Text):
                    out[-1] = Text(out[-1].text + text)
                else:
                    out.append(Text(text))
            case Strong(children):
                out.append(Strong(without_terms(children)))
            case Emphasis(children):
                out.append(Emphasis(without_terms(children)))
            case Link(children, url):
                out.append(Link(without_terms(children), url))
            case Span(children, lang):
                out.append(Span(without_terms(children), lang))
    return tuple(out)
