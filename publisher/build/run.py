"""Run a build: read, plan, skip what is up to date, write the rest safely, record it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from datetime import date
from pathlib import Path

from ..checks import is_overdue
from ..config import Config
from ..errors import Problem, PublisherError
from ..files import atomic_path, write_text_atomic
from ..model import Leaflet
from .catalogue import write_catalogue
from .manifest import key, load_manifest, manifest_entry, withdraw
from .plan import (
    Job,
    choose_formats,
    code_digest,
    find_leaflets,
    plan,
    read_all,
    with_existing_siblings,
)
from .report import BuildReport

Progress = Callable[[int, int], None]  # (files done, files planned)


def build(
    paths: Iterable[Path],
    config: Config,
    formats: tuple[str, ...] | None = None,
    languages: tuple[str, ...] | None = None,
    draft: bool = False,
    jobs: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build every requested output; raise only for problems that stop everything."""
    today = today or date.today()
    report = BuildReport()
    # 1. Read and check every leaflet first: one bad file stops the build before any write.
    leaflets = read_all(find_leaflets(paths, config), config)
    for leaflet in leaflets:
        if is_overdue(leaflet, today):
            report.warnings.append(overdue_warning(leaflet))
    # 2. Choose the writers; a format that is not built yet is said, not faked.
    chosen = choose_formats(formats, config, report)
    # 3. Plan the jobs; outputs whose inputs have not changed are left as they are.
    manifest_path = config.out_dir / "manifest.json"
    manifest = load_manifest(manifest_path)
    code = code_digest()
    planned = plan(leaflets, chosen, languages, config, draft, today, code, report)
    counter = _Counter(len(planned), progress)
    # 4. Write, in parallel processes when asked, each file atomically. Pages that link
    #    to the other outputs come last, linking only to the files that are there.
    first = [job for job in planned if not job.format.links_siblings]
    for job, problems in run_jobs(_stale(first, manifest, config, report, counter), jobs):
        _record(job, problems, manifest, config, report)
        counter()
    second = [with_existing_siblings(j, code) for j in planned if j.format.links_siblings]
    for job, problems in run_jobs(_stale(second, manifest, config, report, counter), jobs):
        _record(job, problems, manifest, config, report)
        counter()
    # 5. Record what was built from what; out/ keeps only what may be published now.
    withdraw(manifest, config, report)
    write_text_atomic(manifest_path, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    write_catalogue(manifest, config.out_dir, config.organisation, today)
    return report


class _Counter:
    """Counts finished and up-to-date files for the progress bar."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def __call__(self) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)


def _stale(
    jobs: list[Job], manifest: dict, config: Config, report: BuildReport, counter: _Counter
) -> list[Job]:
    """The jobs whose output is missing or was built from other inputs."""
    todo = []
    for job in jobs:
        entry = manifest.get(key(job.target, config))
        if entry and entry.get("digest") == job.digest and job.target.is_file():
            report.up_to_date.append(job.target)
            counter()
        else:
            todo.append(job)
    return todo


def _record(
    job: Job, problems: list[Problem], manifest: dict, config: Config, report: BuildReport
) -> None:
    if problems:
        report.errors += problems
    else:
        report.written.append(job.target)
        manifest[key(job.target, config)] = manifest_entry(job)


def overdue_warning(leaflet: Leaflet) -> Problem:
    message = f"review overdue since {leaflet.next_review.isoformat()}: check the content before publishing"
    return Problem(leaflet.source, None, message, "warning")


def run_jobs(jobs: list[Job], processes: int) -> Iterable[tuple[Job, list[Problem]]]:
    """Each job with the problems that stopped it (none when its file was written).

    The slowest (audio) start first. In parallel, the typefaces are cut first, once per
    language, so no two workers cut the same font (font_cache's lock waits for it).
    """
    jobs = sorted(jobs, key=lambda job: not job.format.slow)
    if processes <= 1 or len(jobs) <= 1:
        yield from ((job, run_job(job)) for job in jobs)
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only when needed

    with ProcessPoolExecutor(max_workers=min(processes, len(jobs))) as pool:
        from ..text.fonts import cut_instances  # fontTools: only when something is written

        config = jobs[0].context.config
        for language in dict.fromkeys(j.leaflet.language for j in jobs if j.format.typefaces):
            pool.submit(cut_instances, language, config.cache_dir, config.root)
        futures: list[tuple[Job, Future]] = [(job, pool.submit(run_job, job)) for job in jobs]
        yield from ((job, future.result()) for job, future in futures)


def run_job(job: Job) -> list[Problem]:
    """Write one output; user-facing failures come back as problems."""
    writer = job.format.load()
    assert writer is not None  # choose_formats only plans formats that load
    try:
        with atomic_path(job.target) as temporary:
            writer(job.leaflet, temporary, job.context)
    except PublisherError as err:
        return err.problems
    return []
