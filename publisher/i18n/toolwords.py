"""The tool's own words ("Page {page} of {pages}", "Glossary"...): one PO domain, 'publisher'.

Each writer keeps the msgids it uses in a module-level tuple WORDS; they are
collected here from every module of the packages below, plus our own.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from .units import Unit
from .words import Plural

DOMAIN = "publisher"
PACKAGES = ("publisher.formats", "publisher.speech.script")
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


@dataclass(frozen=True, slots=True)
class ToolWord:
    unit: Unit
    module: Path  # the file that uses it, for the PO reference


def tool_words() -> list[ToolWord]:
    """Every msgid the writers and the speech script use, once, in module order."""
    found: dict[str, ToolWord] = {}
    for module in _modules():
        path = Path(module.__file__ or "")
        for word in getattr(module, "WORDS", ()):
            message, plural = (
                (word.singular, word.plural) if isinstance(word, Plural) else (word, "")
            )
            if message in found:
                continue
            notes = (f"words the tool puts into outputs, used by {module.__name__}",)
            if PLACEHOLDER.search(message):
                notes += ("keep each {name} exactly: a value replaces it",)
            if plural:
                notes += ("one form for each plural form of your language (Plural-Forms)",)
            unit = Unit(message, notes, _line_of(path, message), False, plural)
            found[message] = ToolWord(unit, path)
    return list(found.values())


def _modules() -> list[ModuleType]:
    modules = []
    for name in PACKAGES:
        try:
            package = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name == name:  # not written yet: nothing to translate from it
                continue
            raise
        modules.append(package)
        for info in pkgutil.walk_packages(getattr(package, "__path__", []), f"{name}."):
            modules.append(importlib.import_module(info.name))
    return modules


def _line_of(path: Path, message: str) -> int | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    for quote in ('"', "'"):
        at = text.find(quote + message)
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None


def placeholders(text: str) -> list[str]:
    """The {name} placeholders of a tool word, sorted."""
    return sorted(found.group(1) for found in PLACEHOLDER.finditer(text))
