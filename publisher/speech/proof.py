"""The speech script as plain text for proofreading: what a listener will hear, chapter by
chapter, after the speech tables have done their work (`publisher speech`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..build.plan import find_leaflets, language_versions, read_all
from ..build.report import BuildReport
from ..config import Config
from ..errors import Problem
from ..formats import WriteContext
from ..model import Leaflet
from .script import Script, speech_script


def proof_scripts(
    paths: Iterable[Path],
    config: Config,
    languages: tuple[str, ...] | None,
    draft: bool,
    today: date,
) -> tuple[list[tuple[Leaflet, Script]], list[Problem]]:
    """The script of each leaflet in each language a build would speak, and any warnings."""
    report = BuildReport()
    found = []
    for leaflet in read_all(find_leaflets(paths, config), config):
        for version, words, is_draft in language_versions(
            leaflet, languages, config, draft, report
        ):
            context = WriteContext(config, today, words, is_draft)
            found.append((version, speech_script(version, context)))
    return found, report.warnings


def proof_text(script: Script) -> str:
    """Chapter marks ('## 2 Title', '### 3 Title' inside it), then one utterance a line;
    words in another language start with its tag in brackets ('[en] ...')."""
    lines = [f"# {script.title} ({script.language}), about {script.minutes} min"]
    for number, chapter in enumerate(script.chapters):
        lines += ["", f"{'#' * chapter.level} {number} {chapter.title}"]
        for utterance in chapter.utterances:
            mark = f"[{utterance.language}] " if utterance.language else ""
            lines.append(mark + utterance.text)
    return "\n".join(lines) + "\n"
