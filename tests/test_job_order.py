"""--jobs: the recordings, the longest jobs, start first, so no core idles at the end."""

from __future__ import annotations

from pathlib import Path

from publisher.build import run
from publisher.build.plan import Job
from publisher.formats import FORMATS


def test_audio_jobs_start_first_and_the_rest_keep_their_order(monkeypatch) -> None:
    names = ["pdf", "docx", "audio", "html", "pdf", "audio"]
    jobs = [
        Job(None, FORMATS[name], None, Path(f"{n}-{name}"), "", "en-GB", {})  # type: ignore[arg-type]
        for n, name in enumerate(names)
    ]
    started: list[str] = []
    monkeypatch.setattr(
        run, "run_job", lambda job: started.append(job.target.name) or run.Outcome("digest")
    )
    done = [job.target.name for job, outcome in run.run_jobs(jobs, 1) if outcome.problems == ()]
    assert started == done == ["2-audio", "5-audio", "0-pdf", "1-docx", "3-html", "4-pdf"]
