"""A leaflet's speech script as plain text, for proofreading what the audio will say."""

from __future__ import annotations

from datetime import date

from ..config import Config
from ..errors import PublisherError
from ..speech.proof import proof_scripts, proof_text


def script_text(config: Config, slug: str, language: str, today: date) -> str:
    """What `publisher speech --draft` prints for one edition; a problem is said in the text."""
    path = config.root / config.content_dir / f"{slug}.md"
    if not path.is_file():
        return f"There is no leaflet called {slug}."
    try:
        scripts, warnings = proof_scripts([path], config, (language,), True, today)
    except PublisherError as err:
        return "\n".join(str(problem) for problem in err.problems)
    return "".join(proof_text(script) for _, script in scripts) or "\n".join(map(str, warnings))
