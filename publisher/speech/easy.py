"""The easy-read recording's script: only the easy-read text, one point at a time, with a
long pause after each so a listener can take it in."""

from __future__ import annotations

from ..formats import WriteContext
from ..model import EasyPoint, Leaflet, Term, iter_inlines
from .script import PAUSE_CHAPTER, PAUSE_HEADING, Chapter, Script, Utterance, _Speaker

PAUSE_POINT = 1500  # milliseconds after each easy-read point
EASY_TITLE = "{title}: easy read"
WORDS = (EASY_TITLE, "This is the easy read version.", "End of the easy read version.")


def easy_script(leaflet: Leaflet, context: WriteContext) -> Script:
    """Title and notices, the easy introduction, each section with easy text, the helpline."""
    speaker = _Speaker(leaflet, context)
    words = context.words
    title = words(EASY_TITLE, title=speaker.say(leaflet.title))
    opening = [
        Utterance(title, PAUSE_HEADING),
        Utterance(words("From {organisation}.", organisation=context.config.organisation)),
        *speaker.notices(),
        Utterance(words("This is the easy read version."), PAUSE_POINT),
        *points(speaker, leaflet.intro_easy or ()),
    ]
    chapters = [Chapter(leaflet.title, tuple(opening))]
    for section in leaflet.all_sections():
        if section.easy:
            heading = Utterance(speaker.say(section.title), PAUSE_HEADING)
            chapters.append(Chapter(section.title, (heading, *points(speaker, section.easy))))
    closing = [
        *speaker.helpline(),
        Utterance(words("End of the easy read version."), PAUSE_CHAPTER),
    ]
    chapters.append(Chapter(words("More information"), tuple(closing)))
    return Script(leaflet.title, leaflet.language, 1, tuple(chapters))


def points(speaker: _Speaker, found: tuple[EasyPoint, ...]) -> list[Utterance]:
    """Each point on its own, then the hard words it is the first to use."""
    said = []
    for point in found:
        said.append(Utterance(speaker.say(speaker.inlines(point.inlines)), PAUSE_POINT))
        terms = [run.key for run in iter_inlines(point.inlines) if isinstance(run, Term)]
        for term in dict.fromkeys(terms):
            if term in speaker.definitions and term not in speaker.explained:
                speaker.explained.add(term)
                said += speaker.explanation(term)
    return said
