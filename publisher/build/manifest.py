"""out/manifest.json: what was built from which inputs; withdrawing what may not stay."""

from __future__ import annotations

import json
from pathlib import Path

from ..config import Config
from .plan import Job
from .report import BuildReport


def load_manifest(path: Path) -> dict[str, dict]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def manifest_entry(job: Job) -> dict:
    leaflet = job.leaflet
    entry = {
        "digest": job.digest,
        "source": str(leaflet.source),
        "slug": leaflet.slug,
        "title": leaflet.title,
        "language": leaflet.language,
        "source_language": job.source_language,
        "format": job.format.name,
        "draft": job.context.draft,
        "reviewed": leaflet.reviewed.isoformat(),
        "next_review": leaflet.next_review.isoformat(),
    }
    if job.format.name in ("audio", "easy-audio"):
        from ..speech.engines.registry import choose  # loads a speech engine: only for audio

        choice = choose(job.context.config, leaflet.language)
        entry |= {"engine": choice.engine.name, "voice": choice.voice}
    return entry


def withdraw(manifest: dict, config: Config, report: BuildReport) -> None:
    """Remove earlier outputs of the translations refused now (changed since review, say),
    so that neither out/ nor its catalogue offers a text nobody signed off."""
    for key, entry in list(manifest.items()):
        if (entry.get("slug"), entry.get("language")) in report.refused:
            path = config.out_dir / key
            path.unlink(missing_ok=True)
            del manifest[key]
            report.withdrawn.append(path)
            if path.parent.is_dir() and not any(path.parent.iterdir()):
                path.parent.rmdir()


def key(target: Path, config: Config) -> str:
    return target.relative_to(config.out_dir).as_posix()
