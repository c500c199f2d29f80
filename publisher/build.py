"""Plan leaflet x language x format, skip what is up to date, write the rest safely."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import __version__
from .catalogue import write_catalogue
from .checks import is_overdue
from .config import Config
from .errors import BuildError, ContentError, NoTranslation, Problem, PublisherError, UsageError
from .files import atomic_path, write_text_atomic
from .formats import FORMATS, Format, WriteContext
from .model import Image, Leaflet, easy_points, leaflet_blocks
from .resources import templates_dir
from .source import read_leaflet
from .words import Words

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Job:
    """One output file: a leaflet in one language in one format."""

    leaflet: Leaflet
    format: Format
    context: WriteContext
    target: Path
    digest: str
    source_language: str  # the language the leaflet was written in


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    refused: set[tuple[str, str]] = field(default_factory=set)  # (slug, language) not published
    withdrawn: list[Path] = field(default_factory=list)  # earlier outputs of those, removed


Progress = Callable[[int, int], None]  # (files done, files planned)


def find_leaflets(paths: Iterable[Path], config: Config) -> list[Path]:
    """The Markdown files named, or found directly inside the folders named."""
    found: list[Path] = []
    for path in list(paths) or [config.content_dir]:
        if path.is_dir():
            found += sorted(path.glob("*.md"))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    if not found:
        raise UsageError("no leaflets (*.md) found")
    return found


def read_all(paths: list[Path], config: Config) -> list[Leaflet]:
    """Read every leaflet; report the problems of all of them together."""
    leaflets, problems = [], []
    for path in paths:
        try:
            leaflets.append(read_leaflet(path, config.source_language))
        except ContentError as err:
            problems += err.problems
    if problems:
        raise ContentError(problems)
    return leaflets


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
        entry = manifest.get(_key(job.target, config))
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
        manifest[_key(job.target, config)] = manifest_entry(job)


def with_existing_siblings(job: Job, code: str) -> Job:
    """The job, linking only to the sibling outputs that exist (a failed one may not)."""
    folder = job.target.parent
    siblings = {
        name: file
        for name, file in job.context.siblings.items()
        if name == job.format.name or (folder / file).is_file()
    }
    if siblings == job.context.siblings:
        return job
    context = dataclasses.replace(job.context, siblings=siblings)
    digest = job_digest(job.leaflet, job.format, context, code)
    return dataclasses.replace(job, context=context, digest=digest)


def overdue_warning(leaflet: Leaflet) -> Problem:
    message = f"review overdue since {leaflet.next_review.isoformat()}: check the content before publishing"
    return Problem(leaflet.source, None, message, "warning")


def choose_formats(
    formats: tuple[str, ...] | None, config: Config, report: BuildReport
) -> list[Format]:
    names = formats or config.formats
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise UsageError(f"unknown format '{unknown[0]}' (choose from {', '.join(FORMATS)})")
    chosen = []
    for name in (n for n in FORMATS if n in names):  # the table's order
        if FORMATS[name].load() is None:
            message = f"the {name} format is not available yet"
            if formats:
                raise UsageError(message)
            report.warnings.append(Problem(None, None, message + "; skipped", "warning"))
        else:
            chosen.append(FORMATS[name])
    return chosen


def plan(
    leaflets: list[Leaflet],
    formats: list[Format],
    languages: tuple[str, ...] | None,
    config: Config,
    draft: bool,
    today: date,
    code: str,
    report: BuildReport,
) -> list[Job]:
    jobs = []
    for leaflet in leaflets:
        for version, words, is_draft in language_versions(
            leaflet, languages, config, draft, report
        ):
            folder = config.out_dir / leaflet.slug / version.language
            siblings = {f.name: f.output_name(leaflet.slug) for f in formats}
            context = WriteContext(config, today, words, is_draft, siblings)
            for fmt in formats:
                digest = job_digest(version, fmt, context, code)
                target = folder / fmt.output_name(leaflet.slug)
                jobs.append(Job(version, fmt, context, target, digest, leaflet.language))
    return jobs


def language_versions(
    leaflet: Leaflet,
    languages: tuple[str, ...] | None,
    config: Config,
    draft: bool,
    report: BuildReport,
) -> list[tuple[Leaflet, Words, bool]]:
    """The leaflet in each language to publish, and whether that version is a draft.

    A translation that is not complete and signed off is published only with
    `draft`, and then it is marked as a draft; the source never is.
    """
    explicit = languages is not None and languages != ("all",)
    wanted = languages if explicit else (leaflet.language, *config.languages)
    versions: list[tuple[Leaflet, Words, bool]] = []
    untranslated: dict[str, Problem] = {}  # said once for all languages, not once each
    for language in dict.fromkeys(wanted):
        if _same_language(language, leaflet.language):
            versions.append((leaflet, Words(leaflet.language), False))
            continue
        try:
            versions.append((*localise(leaflet, language, config, draft=False), False))
        except PublisherError as err:
            refused = err
            if draft:
                try:  # a draft still needs a translation file to start from
                    versions.append((*localise(leaflet, language, config, draft=True), True))
                    continue
                except PublisherError as no_draft:
                    refused = no_draft
            if explicit:
                raise refused from None
            warnings = [dataclasses.replace(p, severity="warning") for p in refused.problems]
            if isinstance(refused, NoTranslation):
                untranslated[language] = warnings[0]
            else:
                report.warnings += warnings
            report.refused.add((leaflet.slug, language))
    if len(untranslated) == 1:
        report.warnings += untranslated.values()
    elif untranslated:
        from .i18n.apply import no_translations

        report.warnings.append(no_translations(leaflet, list(untranslated)))
    return versions


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


def localise(leaflet: Leaflet, language: str, config: Config, draft: bool) -> tuple[Leaflet, Words]:
    """The reviewed translation of a leaflet (publisher.locales, when it exists)."""
    try:
        from . import locales  # type: ignore[attr-defined]
    except ImportError:
        raise BuildError(
            f"{leaflet.slug}: no translation to '{language}' can be built yet "
            "(translations are not available in this version)"
        ) from None
    return locales.localise(leaflet, language, config, draft)


def _same_language(requested: str, source: str) -> bool:
    return requested.lower() in (source.lower(), source.split("-")[0].lower())


def run_jobs(jobs: list[Job], processes: int) -> Iterable[tuple[Job, list[Problem]]]:
    """Each job with the problems that stopped it (none when its file was written)."""
    if processes <= 1 or len(jobs) <= 1:
        yield from ((job, run_job(job)) for job in jobs)
        return
    with ProcessPoolExecutor(max_workers=min(processes, len(jobs))) as pool:
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


def job_digest(leaflet: Leaflet, fmt: Format, context: WriteContext, code: str) -> str:
    """What an output depends on: the model, the pictures, the settings and the code.

    Today's date counts only through whether the review is overdue.
    """
    sha = hashlib.sha256()
    stable = dataclasses.replace(context, today=date.min)
    overdue = is_overdue(leaflet, context.today)
    sha.update(repr((leaflet, fmt, stable, overdue, code)).encode())
    for picture in sorted({str(p.path) for p in pictures(leaflet)}):
        sha.update(Path(picture).read_bytes())
    return sha.hexdigest()


def pictures(leaflet: Leaflet) -> list[Image]:
    found = [b for b in leaflet_blocks(leaflet) if isinstance(b, Image)]
    return found + [p.picture for p in easy_points(leaflet) if p.picture is not None]


def code_digest() -> str:
    """A digest of the package and templates, so a new version rebuilds everything."""
    sha = hashlib.sha256(__version__.encode())
    for folder in (PACKAGE_DIR, templates_dir("catalogue.html")):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                sha.update(path.read_bytes())
    return sha.hexdigest()


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
    if job.format.name == "audio":
        from .tts.registry import choose  # loads a speech engine: only for audio

        choice = choose(job.context.config, leaflet.language)
        entry |= {"engine": choice.engine.name, "voice": choice.voice}
    return entry


def _key(target: Path, config: Config) -> str:
    return target.relative_to(config.out_dir).as_posix()
