"""A leaflet's speech script as plain text, for proofreading what the audio will say."""

from __future__ import annotations

from datetime import date

from ..config import Config
from ..errors import PublisherError
from ..formats import WriteContext
from ..i18n.words import Words
from ..reading import read_leaflet
from ..speech.script import speech_script


def script_text(config: Config, slug: str, language: str, today: date) -> str:
    """Chapter by chapter, one utterance a line; a problem is said in the text itself."""
    path = config.root / config.content_dir / f"{slug}.md"
    if not path.is_file():
        return f"There is no leaflet called {slug}."
    try:
        leaflet, words, draft = _in_language(
            read_leaflet(path, config.source_language), language, config
        )
        script = speech_script(leaflet, WriteContext(config, today, words, draft))
    except PublisherError as err:
        return "\n".join(str(problem) for problem in err.problems)
    lines = []
    for number, chapter in enumerate(script.chapters, start=1):
        lines += [f"== Chapter {number}: {chapter.title} ==", ""]
        lines += [utterance.text for utterance in chapter.utterances] + [""]
    return "\n".join(lines)


def _in_language(leaflet, language: str, config: Config):  # noqa: ANN001, ANN202
    if language.lower() in (leaflet.language.lower(), leaflet.language.split("-")[0].lower()):
        return leaflet, Words(leaflet.language), False
    from ..i18n.apply import localise  # Babel and the PO reader: only for translations

    return (*localise(leaflet, language, config, draft=True), True)
