"""The YAML front matter of a leaflet, checked key by key with line numbers.

YAML is composed into nodes rather than loaded, so that every value keeps its
line and nothing is guessed: dates are checked as ISO text, not converted by
PyYAML's own rules, and duplicate keys are refused instead of overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from ..config import LANGUAGE_TAG
from ..errors import Problem
from ..model import GlossaryEntry, Helpline
from ..text.characters import shown, text_problems

KEYS = {
    "title", "language", "summary", "reviewed", "next_review",
    "helpline", "glossary", "pronounce", "references",
}  # fmt: skip
REQUIRED = ("title", "reviewed", "next_review")
HELPLINE_KEYS = {"label", "phone", "hours", "email"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Limits checked while YAML is composed, before any value is built: a leaflet's front matter
# is two levels deep and a few hundred lines at most; aliases are never needed.
MAX_SIZE = 100_000  # characters
MAX_DEPTH = 4
MAX_NODES = 5_000
MULTI_LINE = {"glossary", "references"}  # values that may run over several lines


class _Refused(Exception):
    """A limit the front matter breaks, found while composing it."""

    def __init__(self, mark: yaml.Mark, message: str) -> None:
        super().__init__(message)
        self.mark, self.message = mark, message


class _LimitedLoader(yaml.SafeLoader):
    """PyYAML's safe composer, refusing aliases and counting depth and nodes as it goes.

    An alias bomb (`? *l8`) or 5,000 nested brackets never become Python objects.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = self.nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(event.start_mark, "anchors and aliases ('&', '*') are not allowed")
        self.depth += 1
        self.nodes += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"it is nested more than {MAX_DEPTH} levels deep")
        if self.nodes > MAX_NODES:
            raise _Refused(event.start_mark, f"it has more than {MAX_NODES} values")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


@dataclass(frozen=True, slots=True)
class FrontMatter:
    title: str
    language: str
    reviewed: date
    next_review: date
    summary: str = ""
    helpline: Helpline | None = None
    glossary: tuple[GlossaryEntry, ...] = ()
    pronounce: tuple[tuple[str, str], ...] = ()
    references: tuple[str, ...] = ()


class _Checker:
    """Turns YAML nodes into values, collecting a problem for each bad one."""

    def __init__(self, path: Path, first_line: int) -> None:
        self.path = path
        self.first_line = first_line
        self.problems: list[Problem] = []

    def line(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def fail(self, node: yaml.Node | None, message: str) -> None:
        line = self.line(node) if node is not None else self.first_line - 1
        self.problems.append(Problem(self.path, line, message))

    def text(self, node: yaml.Node, key: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            self.fail(node, f"'{shown(key)}' must be a piece of text")
            return ""
        value = str(node.value).strip()
        # The gate sees the text after YAML's escapes ("\e", "\0", "\ud83d") are read; a
        # folded value has lost its own lines, so every problem is put at the value's first.
        one_line = key.partition(":")[0] not in MULTI_LINE
        problems = text_problems(value, self.path, self.line(node), one_line)
        self.problems += [Problem(p.path, self.line(node), p.message) for p in problems]
        return value

    def iso_date(self, node: yaml.Node, key: str) -> date | None:
        value = self.text(node, key)
        if not value:
            return None
        try:
            if not ISO_DATE.match(value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.fail(node, f"'{key}' must be a date written YYYY-MM-DD, not '{shown(value)}'")
            return None

    def mapping(self, node: yaml.Node, key: str) -> list[tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"'{key}' must be a list of 'name: value' lines")
            return []
        seen: set[str] = set()
        pairs = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, f"a name in '{shown(key)}' must be plain text")
                continue
            name = str(key_node.value)
            if name in seen:
                self.fail(key_node, f"'{shown(name)}' is given twice in '{shown(key)}'")
            seen.add(name)
            pairs.append((key_node, value_node))
        return pairs

    def pairs(self, node: yaml.Node, key: str) -> tuple[tuple[str, str], ...]:
        """A mapping of text to text, such as the glossary or pronunciations."""
        return tuple(
            (self.text(k, key), self.text(v, f"{key}: {k.value}"))
            for k, v in self.mapping(node, key)
        )

    def helpline(self, node: yaml.Node) -> Helpline | None:
        fields: dict[str, str] = {}
        for key_node, value_node in self.mapping(node, "helpline"):
            name = str(key_node.value)
            if name not in HELPLINE_KEYS:
                self.fail(
                    key_node, f"unknown helpline key '{shown(name)}' ({known(HELPLINE_KEYS)})"
                )
                continue
            fields[name] = self.text(value_node, f"helpline: {name}")
        for needed in ("label", "phone"):
            if needed not in fields:
                self.fail(node, f"the helpline needs a '{needed}'")
        if "label" not in fields or "phone" not in fields:
            return None
        return Helpline(**fields)

    def references(self, node: yaml.Node) -> tuple[str, ...]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, "'references' must be a list of lines starting with '- '")
            return ()
        return tuple(self.text(item, "references") for item in node.value)


def known(names: set[str]) -> str:
    return "known keys: " + ", ".join(sorted(names))


def parse_front_matter(
    text: str, path: Path, first_line: int, default_language: str
) -> tuple[FrontMatter | None, list[Problem]]:
    """Check the YAML text that starts on `first_line` of `path`."""
    check = _Checker(path, first_line)
    if len(text) > MAX_SIZE:
        message = (
            f"the front matter is longer than {MAX_SIZE:,} characters; move text into the body"
        )
        return None, [Problem(path, first_line - 1, message)]
    try:
        root = yaml.compose(text, Loader=_LimitedLoader)
    except _Refused as err:
        message = f"the front matter cannot be read: {err.message}"
        return None, [Problem(path, first_line + err.mark.line, message)]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + mark.line if mark else first_line
        message = f"the front matter is not valid YAML: {shown(str(err.problem), 120)}"
        return None, [Problem(path, line, message)]
    except yaml.YAMLError as err:  # a reader error (a character YAML refuses) has no mark
        return None, [
            Problem(path, first_line, f"the front matter is not valid YAML: {shown(str(err), 120)}")
        ]
    if root is None or not isinstance(root, yaml.MappingNode):
        return None, [Problem(path, first_line - 1, "the front matter must be 'key: value' lines")]
    nodes: dict[str, yaml.Node] = {}
    for key_node, value_node in check.mapping(root, "front matter"):
        name = str(key_node.value)
        if name not in KEYS:
            check.fail(key_node, f"unknown front matter key '{shown(name)}' ({known(KEYS)})")
        nodes[name] = value_node
    for name in REQUIRED:
        if name not in nodes:
            check.fail(None, f"the front matter needs '{name}'")
    values = _values(check, nodes, default_language)
    if check.problems:
        return None, check.problems
    return FrontMatter(**values), []


def _values(check: _Checker, nodes: dict[str, yaml.Node], default_language: str) -> dict:
    values: dict = {"language": default_language}
    readers = {
        "title": check.text,
        "language": check.text,
        "summary": check.text,
        "reviewed": check.iso_date,
        "next_review": check.iso_date,
        "helpline": lambda node, _key: check.helpline(node),
        "pronounce": check.pairs,
        "glossary": lambda node, key: tuple(GlossaryEntry(*p) for p in check.pairs(node, key)),
        "references": lambda node, _key: check.references(node),
    }
    for name, node in nodes.items():
        if name in readers:
            values[name] = readers[name](node, name)
    if "language" in nodes and values["language"] and not LANGUAGE_TAG.match(values["language"]):
        check.fail(
            nodes["language"], f"'{shown(values['language'])}' is not a language tag like en-GB"
        )
    reviewed, next_review = values.get("reviewed"), values.get("next_review")
    if reviewed and next_review and next_review <= reviewed:
        check.fail(nodes["next_review"], "'next_review' must be after 'reviewed'")
    return values
