"""Run a build: read, plan, withdraw what may not stay, write the rest safely, record it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..checks import is_overdue
from ..config import Config
from ..errors import Problem, PublisherError
from ..files import (
    FULL_OR_READ_ONLY,
    atomic_path,
    os_problem,
    prune_empty_folders,
    remove_empty_folders,
    remove_temporaries,
    sha256_file,
)
from ..formats import Format
from ..model import Leaflet
from .catalogue import write_catalogue
from .lock import out_lock
from .manifest import Manifest, key, manifest_entry
from .plan import (
    Job,
    choose_formats,
    code_digest,
    find_leaflets,
    plan,
    with_existing_siblings,
)
from .read_cache import ReadCache
from .report import BuildReport
from .withdraw import (
    merge_notes,
    notes_for,
    read_notes,
    refusal,
    still_withdrawn,
    to_withdraw,
    unlisted_outputs,
    write_notes,
)
from .workers import WAKE, as_they_come, interrupted_by_sigterm, worker_pool

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

Progress = Callable[[int, int], None]  # (files done, files planned)
Waiting = Callable[[str], None]  # told once when another build holds out/


@dataclass(frozen=True, slots=True)
class Settings:
    """What the build was asked for, besides the leaflets."""

    config: Config
    languages: tuple[str, ...] | None
    draft: bool
    jobs: int
    today: date


def build(
    paths: Iterable[Path],
    config: Config,
    formats: tuple[str, ...] | None = None,
    languages: tuple[str, ...] | None = None,
    draft: bool = False,
    jobs: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
    waiting: Waiting | None = None,
) -> BuildReport:
    """Build every requested output; raise only for problems that stop everything."""
    settings = Settings(config, languages, draft, jobs, today or date.today())
    report = BuildReport()
    # 1. Read and check every leaflet first: one bad file stops the build before any write.
    from ..checks.before_writing import read_and_check  # fontTools: not for `--help`

    code = code_digest()  # once: it reads every file of the package
    read = ReadCache(config.cache_dir, code).read  # a no-op build parses nothing
    leaflets = read_and_check(find_leaflets(paths, config), config, read)
    for leaflet in leaflets:
        if is_overdue(leaflet, settings.today):
            report.warnings.append(overdue_warning(leaflet))
    # 2. Choose the writers; a format that is not built yet is said, not faked.
    chosen = choose_formats(formats, config, report)
    try:
        with interrupted_by_sigterm(), out_lock(config.out_dir, waiting) as lock:
            _build_locked(leaflets, chosen, settings, report, progress, lock, code)
    except OSError as err:  # disk full, read-only out/: one line naming the path
        _add_once(report, os_problem(err))
    return report


def _build_locked(
    leaflets: list[Leaflet],
    chosen: list[Format],
    settings: Settings,
    report: BuildReport,
    progress: Progress | None,
    lock: int,
    code: str,
) -> None:
    config = settings.config
    # 3. Plan the jobs, holding out/; an interrupted earlier build is mended first.
    manifest = Manifest.open(config.out_dir)
    if manifest.mended:
        _catalogue(manifest.entries, config, settings.today)
    remove_temporaries(config.out_dir)  # left by a build killed before it kept a journal
    prune_empty_folders(config.out_dir)  # an empty out/<slug>/<lang>/ would suggest a version
    planned = plan(
        leaflets, chosen, settings.languages, config, settings.draft, settings.today, code, report
    )
    counter = _Counter(len(planned), progress)
    manifest.begin()
    try:
        # 4. Withdraw what may not be published now, whatever this build was asked for.
        _withdraw(manifest, planned, leaflets, settings, report)
        # 5. Write, in parallel processes when asked, each file atomically, in rounds: files
        #    that read or link to other outputs come after them, and see only those there.
        for number in sorted({job.format.round for job in planned}):
            batch = [job for job in planned if job.format.round == number]
            if number:
                batch = [with_existing_siblings(job, code) for job in batch]
            todo = _stale(batch, manifest, report, counter)
            if not _write(todo, manifest, settings, lock, report, counter):
                break
    except BaseException:  # Ctrl-C, SIGTERM, the disk full: leave out/ as a finished build would
        manifest.close()
        with contextlib.suppress(OSError):
            mended = Manifest.open(config.out_dir)  # put back what was not replaced; tidy up
            _catalogue(mended.entries, config, settings.today)
        raise
    # 6. Record what was built from what, and list it.
    manifest.save()
    notes = still_withdrawn(read_notes(config.out_dir), manifest.entries)
    write_notes(config.out_dir, notes)
    _catalogue(manifest.entries, config, settings.today)


def _withdraw(
    manifest: Manifest,
    planned: list[Job],
    leaflets: list[Leaflet],
    settings: Settings,
    report: BuildReport,
) -> None:
    """Take out of out/ every output whose translation or source changed since it was made."""
    config = settings.config
    keys = {key(job.target, config) for job in planned}
    present = {(e.get("slug"), e.get("language")) for e in manifest.entries.values()}
    by_slug = {leaflet.slug: leaflet for leaflet in leaflets}
    refused = {
        (slug, language): refusal(config, by_slug[slug], language)
        for slug, language in report.refused
        if (slug, language) in present
    }
    for path in unlisted_outputs(config.out_dir, set(manifest.entries) | keys):
        path.unlink(missing_ok=True)  # a lost or hand-edited manifest: nobody vouches for it
        report.withdrawn.append((path, "not recorded in the manifest"))
    withdrawn = to_withdraw(manifest.entries, keys, refused, config)
    if not withdrawn:
        return
    # The notes and the catalogue first (no link to a file about to go), then the files,
    # then their entries: a build killed in between leaves no entry that lies.
    notes = notes_for(withdrawn, manifest.entries, settings.today)
    write_notes(config.out_dir, merge_notes(read_notes(config.out_dir), notes))
    kept = {k: e for k, e in manifest.entries.items() if k not in withdrawn}
    _catalogue(kept, config, settings.today)
    for name in withdrawn:
        (config.out_dir / name).unlink(missing_ok=True)
        remove_empty_folders((config.out_dir / name).parent, config.out_dir)
        report.withdrawn.append((config.out_dir / name, withdrawn[name].reason))
    manifest.forget(withdrawn)


def _write(
    jobs: list[Job],
    manifest: Manifest,
    settings: Settings,
    lock: int,
    report: BuildReport,
    counter: _Counter,
) -> bool:
    """Run the jobs, keeping the manifest true as each file lands (or fails).

    False when a failure (the disk full, say) means no other file can be written.
    """
    config = settings.config
    before = {
        key(job.target, config): manifest.entries.get(key(job.target, config)) for job in jobs
    }
    manifest.forget(before)  # from here until it is recorded, no entry vouches for the file
    for job, outcome in run_jobs(jobs, settings.jobs, lock):
        name = key(job.target, config)
        if outcome.sha256 is not None:
            manifest.record(name, manifest_entry(job, outcome.sha256))
            report.written.append(job.target)
        else:
            report.errors += outcome.problems
            old = before[name]
            if old and job.target.is_file():  # the last good file is untouched
                manifest.record(name, old)
        counter()
        if outcome.stops_all:
            return False  # the disk is full or read-only: the other files would fail the same way
    return True


def _catalogue(entries: dict[str, dict], config: Config, today: date) -> None:
    notes = read_notes(config.out_dir)
    write_catalogue(
        entries,
        notes,
        config.out_dir,
        config.organisation,
        today,
        config.signatures,
        config.cache_dir,
    )


def _add_once(report: BuildReport, problem: Problem) -> None:
    """Add a problem unless the same failure (the disk full, say) was reported already."""
    reason = problem.message.split(" (")[0]
    if not any(p.message.split(" (")[0] == reason for p in report.errors):
        report.errors.append(problem)


class _Counter:
    """Counts finished and up-to-date files for the progress bar."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def __call__(self) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)


def _stale(
    jobs: list[Job], manifest: Manifest, report: BuildReport, counter: _Counter
) -> list[Job]:
    """The jobs whose output is missing or was built from other inputs."""
    todo = []
    for job in jobs:
        entry = manifest.entries.get(key(job.target, job.context.config))
        if entry and entry.get("digest") == job.digest and job.target.is_file():
            report.up_to_date.append(job.target)
            counter()
        else:
            todo.append(job)
    return todo


def overdue_warning(leaflet: Leaflet) -> Problem:
    message = f"review overdue since {leaflet.next_review.isoformat()}: check the content before publishing"
    return Problem(leaflet.source, None, message, "warning")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one job: the digest of the file written, or the problems that stopped it."""

    sha256: str | None
    problems: tuple[Problem, ...] = ()
    stops_all: bool = False


def run_jobs(
    jobs: list[Job], processes: int, lock: int | None = None
) -> Iterator[tuple[Job, Outcome]]:
    """Each job with its outcome, as each finishes.

    The slowest (audio) start first. In parallel, each language's typefaces are cut first,
    so no two workers cut the same font (font_cache's lock makes any other wait for it).
    """
    jobs = sorted(jobs, key=lambda job: not job.format.slow)
    if processes <= 1 or len(jobs) <= 1:
        yield from ((job, run_job(job)) for job in jobs)
        return
    with worker_pool(min(processes, len(jobs)), lock) as pool:
        cutting = _cut_typefaces(pool, jobs)
        for index, outcome in as_they_come(pool.imap_unordered(_run_numbered, enumerate(jobs))):
            yield jobs[index], outcome
        for cut in cutting:  # the pool ends with the build: let a cut under way finish
            while not cut.ready():  # a moment at a time, as as_they_come waits
                cut.wait(WAKE)


def _cut_typefaces(pool: Pool, jobs: list[Job]) -> list[AsyncResult]:
    """Queue the cutting of each language's typefaces ahead of the jobs."""
    from ..text.fonts import cut_instances  # fontTools: only when something is written

    config = jobs[0].context.config
    languages = dict.fromkeys(j.leaflet.language for j in jobs if j.format.typefaces)
    return [
        pool.apply_async(cut_instances, (language, config.cache_dir, config.root))
        for language in languages
    ]


def _run_numbered(numbered: tuple[int, Job]) -> tuple[int, Outcome]:
    return numbered[0], run_job(numbered[1])


def run_job(job: Job) -> Outcome:
    """Write one output; every failure comes back as problems, so the other files go on."""
    writer = job.format.load()
    assert writer is not None  # choose_formats only plans formats that load
    try:
        with atomic_path(job.target) as temporary:
            writer(job.leaflet, temporary, job.context)
            sha256 = sha256_file(temporary)
    except PublisherError as err:
        return Outcome(None, tuple(err.problems))
    except OSError as err:
        return Outcome(None, (os_problem(err, job.target),), err.errno in FULL_OR_READ_ONLY)
    except Exception as err:  # a writer's bug: name the file and format, build the rest
        detail = f"{type(err).__name__}: {(str(err).strip().splitlines() or [''])[0].rstrip(':, ')}"
        detail = detail if len(detail) <= 200 else detail[:200] + "..."  # one readable line
        message = f"the {job.format.name} file {job.target.name} could not be written: {detail}"
        return Outcome(None, (Problem(job.leaflet.source, None, message),))
    return Outcome(sha256)
