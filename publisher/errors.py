"""One exception root with an exit code per kind, and the problems it reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with an input, at a place a person can find."""

    path: Path | None
    line: int | None
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        place = ""
        if self.path is not None:
            place = f"{display_path(self.path)}:"
            if self.line is not None:
                place += f"{self.line}:"
            place += " "
        return f"{self.severity}: {place}{self.message}"


class PublisherError(Exception):
    """A problem the user can fix; printed as one line each, never as a traceback."""

    exit_code = 1

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(None, None, problems)]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ContentError(PublisherError):
    """The content or a locale file breaks the rules (exit 1)."""


class UsageError(PublisherError):
    """The command was called wrongly (exit 2)."""

    exit_code = 2


class BuildError(PublisherError):
    """A writer or speech engine could not make an output (exit 1)."""


class NoTranslation(BuildError):
    """A leaflet has no translation file for a language at all, not even a draft."""


def content_error(path: Path, line: int | None, message: str) -> ContentError:
    return ContentError([Problem(path, line, message)])


def display_path(path: Path) -> str:
    """The path relative to the current folder when it is inside it, invisible characters
    (a file named with U+202E, say) written as codes so that the message shows what it says."""
    try:
        shown = str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        shown = str(path)
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in shown)
