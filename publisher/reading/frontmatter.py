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

from ..errors import Problem
from ..model import GlossaryEntry, Helpline

KEYS = {
    "title", "language", "summary", "reviewed", "next_review",
    "helpline", "glossary", "pronounce", "references",
}  # fmt: skip
REQUIRED = ("title", "reviewed", "next_review")
HELPLINE_KEYS = {"label", "phone", "hours", "email"}
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# libyaml's loader when PyYAML has it: ten times faster than the pure-Python one.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
            self.fail(node, f"'{key}' must be a piece of text")
            return ""
        return str(node.value).strip()

    def iso_date(self, node: yaml.Node, key: str) -> date | None:
        value = self.text(node, key)
        if not value:
            return None
        try:
            if not ISO_DATE.match(value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.fail(node, f"'{key}' must be a date written YYYY-MM-DD, not '{value}'")
            return None

    def mapping(self, node: yaml.Node, key: str) -> list[tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"'{key}' must be a list of 'name: value' lines")
            return []
        seen: set[str] = set()
        pairs = []
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name in seen:
                self.fail(key_node, f"'{name}' is given twice in '{key}'")
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
                self.fail(key_node, f"unknown helpline key '{name}' ({known(HELPLINE_KEYS)})")
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


def _compose(text: str) -> yaml.Node | None:
    """The YAML's node tree: libyaml's loader for speed, the pure-Python one (whose messages
    and lines the errors quote) for text libyaml refuses."""
    try:
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def parse_front_matter(
    text: str, path: Path, first_line: int, default_language: str
) -> tuple[FrontMatter | None, list[Problem]]:
    """Check the YAML text that starts on `first_line` of `path`."""
    check = _Checker(path, first_line)
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + mark.line if mark else first_line
        return None, [Problem(path, line, f"the front matter is not valid YAML: {err.problem}")]
    if root is None or not isinstance(root, yaml.MappingNode):
        return None, [Problem(path, first_line - 1, "the front matter must be 'key: value' lines")]
    nodes: dict[str, yaml.Node] = {}
    for key_node, value_node in check.mapping(root, "front matter"):
        name = str(key_node.value)
        if name not in KEYS:
            check.fail(key_node, f"unknown front matter key '{name}' ({known(KEYS)})")
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
        check.fail(nodes["language"], f"'{values['language']}' is not a language tag like en-GB")
    reviewed, next_review = values.get("reviewed"), values.get("next_review")
    if reviewed and next_review and next_review <= reviewed:
        check.fail(nodes["next_review"], "'next_review' must be after 'reviewed'")
    return values
