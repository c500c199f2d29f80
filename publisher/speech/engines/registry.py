"""Speech engines by name, and the choice of engine and voice for a language."""

from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass

from ...config import Config, Voice
from ...errors import BuildError, UsageError
from ...i18n.dates import language_name
from .base import Engine, VoiceInfo

# name -> (module, class): engines load only when asked for, so gTTS stays unused offline.
ENGINES = {
    "espeak": ("publisher.speech.engines.espeak", "EspeakEngine"),
    "gtts": ("publisher.speech.engines.gtts_engine", "GttsEngine"),
}


def engine(name: str) -> Engine:
    if name not in ENGINES:
        raise UsageError(f"unknown speech engine '{name}' (choose from {', '.join(ENGINES)})")
    module, cls = ENGINES[name]
    return getattr(importlib.import_module(module), cls)()


@dataclass(frozen=True, slots=True)
class Choice:
    """The engine and voice that will read one language."""

    engine: Engine
    voice: str


def choose(config: Config, language: str, engine_name: str | None = None) -> Choice:
    """The configured engine and voice for `language`; a clear error if it cannot speak it.

    With `engine_name`, that engine reads it (its configured voice, else its default one).
    """
    wanted = config.voice_for(language)
    if engine_name is not None and wanted.engine != engine_name:
        wanted = Voice(engine_name)
    chosen = engine(wanted.engine)
    if wanted.voice:
        if not chosen.has_voice(wanted.voice):
            raise BuildError(
                f"the {chosen.name} engine has no voice '{wanted.voice}' for {language_name(language)} "
                "(run `publisher voices` to see the voices)"
            )
        return Choice(chosen, wanted.voice)
    voices = chosen.voices(language)
    if not voices:
        raise BuildError(cannot_speak(language, chosen.name))
    return Choice(chosen, voices[0].id)


def cannot_speak(language: str, engine_name: str) -> str:
    others = [name for name in ENGINES if name != engine_name]
    able = [name for name in others if engine(name).voices(language)]
    said = f"the {engine_name} speech engine cannot speak {language_name(language)}"
    if able:
        return f"{said}; the {able[0]} engine can: use --tts {able[0]} or set it in publisher.toml"
    return f"{said}, and neither can {', '.join(others)}: no recording is made rather than one in the wrong voice"


def with_engine(config: Config, name: str | None) -> Config:
    """The config with every language read by engine `name` (the --tts option)."""
    if name is None:
        return config
    engine(name)  # refuse an unknown name now, as a usage error
    voices = {lang: v for lang, v in config.voices.items() if v.engine == name}
    return dataclasses.replace(config, speech_engine=name, voices=voices)


@dataclass(frozen=True, slots=True)
class LanguageVoices:
    """What `publisher voices` shows for one language."""

    language: str
    voices: tuple[tuple[str, VoiceInfo], ...]  # (engine name, voice), every engine that can
    chosen: tuple[str, str] | None  # (engine, voice) a build would use, or None
    problem: str = ""  # why a build cannot speak it


def voice_table(config: Config, languages: tuple[str, ...]) -> list[LanguageVoices]:
    rows = []
    for language in dict.fromkeys(languages):
        found = tuple((name, v) for name in ENGINES for v in engine(name).voices(language))
        try:
            choice = choose(config, language)
            rows.append(LanguageVoices(language, found, (choice.engine.name, choice.voice)))
        except BuildError as err:
            rows.append(LanguageVoices(language, found, None, str(err.problems[0].message)))
    return rows
