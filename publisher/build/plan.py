"""Plan leaflet x language x format: which files to write, from which inputs (digests)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import __version__
from ..checks import is_overdue
from ..config import Config
from ..errors import ContentError, NoTranslation, Problem, PublisherError, UsageError
from ..formats import FORMATS, Format, WriteContext
from ..formats.templates import templates_dir
from ..i18n.words import Words
from ..model import Image, Leaflet, easy_points, leaflet_blocks
from .inputs import fingerprint, input_files
from .read_cache import ReadCache
from .report import BuildReport

PACKAGE_DIR = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class Job:
    """One output file: a leaflet in one language in one format."""

    leaflet: Leaflet
    format: Format
    context: WriteContext
    target: Path
    digest: str
    source_language: str  # the language the leaflet was written in
    inputs: dict[str, str]  # the files it is made from, with their SHA-256 (see inputs.py)


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
    cache = ReadCache(config.cache_dir, code_digest())  # a no-op build parses nothing
    for path in paths:
        try:
            leaflets.append(cache.read(path, config.source_language))
        except ContentError as err:
            problems += err.problems
    if problems:
        raise ContentError(problems)
    return leaflets


def choose_formats(
    formats: tuple[str, ...] | None, config: Config, report: BuildReport
) -> list[Format]:
    names = formats or config.formats
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise UsageError(f"unknown format '{unknown[0]}' (choose from {', '.join(FORMATS)})")
    chosen, skipped = [], []
    # the table's order; a format's other files come with it (braille: the BRF and the PEF)
    for fmt in (f for f in FORMATS.values() if f.name in names or f.part_of in names):
        message = fmt.missing()
        if message is None:
            chosen.append(fmt)
        elif formats:
            raise UsageError(message)
        elif message + "; skipped" not in skipped:
            skipped.append(message + "; skipped")
    report.warnings += [Problem(None, None, message, "warning") for message in skipped]
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
            model = repr(version)  # once for all its formats: the slow part of a digest
            files = files_digest(version, config)
            translated = None if version is leaflet else version.language
            inputs = fingerprint(
                config, input_files(config, leaflet.source, leaflet.slug, translated)
            )
            for fmt in formats:
                digest = job_digest(version, fmt, context, code, model, files)
                target = folder / fmt.output_name(leaflet.slug)
                jobs.append(Job(version, fmt, context, target, digest, leaflet.language, inputs))
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
        from ..i18n.apply import localise  # Babel and the PO reader: only when translating

        try:
            versions.append((*localise(leaflet, language, config, draft=False), False))
        except UsageError:
            raise
        except PublisherError as err:
            refused = err
            if draft:
                try:  # a draft still needs a translation file to start from
                    versions.append((*localise(leaflet, language, config, draft=True), True))
                    continue
                except PublisherError as no_draft:
                    refused = no_draft
            report.refused.add((leaflet.slug, language))
            if explicit:  # asked for by name: an error, once the rest is built and withdrawn
                report.errors += refused.problems
                continue
            warnings = [dataclasses.replace(p, severity="warning") for p in refused.problems]
            if isinstance(refused, NoTranslation):
                untranslated[language] = warnings[0]
            else:
                report.warnings += warnings
    if len(untranslated) == 1:
        report.warnings += untranslated.values()
    elif untranslated:
        from ..i18n.apply import no_translations

        report.warnings.append(no_translations(leaflet, list(untranslated)))
    return versions


def _same_language(requested: str, source: str) -> bool:
    return requested.lower() in (source.lower(), source.split("-")[0].lower())


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


def job_digest(
    leaflet: Leaflet,
    fmt: Format,
    context: WriteContext,
    code: str,
    model: str = "",
    files: str = "",
) -> str:
    """What an output depends on: the model, the pictures, the settings and the code.

    Today's date counts only through whether the review is overdue. `model` and `files`
    (repr(leaflet) and files_digest) may be given when they are known already.
    """
    sha = hashlib.sha256()
    stable = dataclasses.replace(context, today=date.min)
    overdue = is_overdue(leaflet, context.today)
    described = repr((model or repr(leaflet), fmt, stable, overdue, code))
    sha.update(without_root(described, context.config.root).encode())
    if fmt.name in ("audio", "epub"):  # what is said depends on the language's speech table
        from ..speech.tables import load_table  # not for a build without speech

        sha.update(load_table(context.config.locales_dir, leaflet.language).text.encode())
    sha.update((files or files_digest(leaflet, context.config)).encode())
    return sha.hexdigest()


def files_digest(leaflet: Leaflet, config: Config) -> str:
    """The leaflet's pictures and the brand's logo, by their bytes: a new logo file
    rebuilds every output."""
    sha = hashlib.sha256()
    for picture in sorted({str(p.path) for p in pictures(leaflet)}):
        sha.update(hashlib.sha256(Path(picture).read_bytes()).digest())
    if config.brand_logo is not None:
        sha.update(hashlib.sha256(config.brand_logo.read_bytes()).digest())
    return sha.hexdigest()


def without_root(described: str, root: Path) -> str:
    """Paths in a repr made relative to the project folder (as given or resolved), so that
    `--root /abs/project` and a build run inside the project describe the same job."""
    # Path('<root>/x') and, inside the model's own repr (a string in a repr), Path(\'<root>/x\')
    quote = r"(Path\((?:\\)?['\"])"
    for spelled in [r for r in dict.fromkeys([str(root.resolve()), str(root)]) if r != "."]:
        described = re.sub(quote + re.escape(f"{spelled}/"), r"\1", described)
        end = r"(?=(?:\\)?['\"]\))"
        described = re.sub(quote + re.escape(spelled) + end, r"\1.", described)
    return described


def pictures(leaflet: Leaflet) -> list[Image]:
    found = [b for b in leaflet_blocks(leaflet) if isinstance(b, Image)]
    return found + [p.picture for p in easy_points(leaflet) if p.picture is not None]


def code_digest() -> str:
    """A digest of the package and templates, so a new version rebuilds everything."""
    sha = hashlib.sha256(__version__.encode())
    for folder in (PACKAGE_DIR, templates_dir("catalogue.html")):
        for path in _files_under(str(folder)):
            with open(path, "rb") as file:
                sha.update(file.read())
    return sha.hexdigest()


def _files_under(folder: str) -> list[str]:
    """Every file under `folder` but bytecode, in a fixed order. (os.walk, not Path.rglob:
    rglob lists every __pycache__ too, and was most of a one-leaflet build's digest.)"""
    found = []
    for where, folders, names in os.walk(folder):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        found += [os.path.join(where, name) for name in sorted(names)]
    return found
