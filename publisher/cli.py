"""The `publisher` command: options in, one library call, messages out."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from .config import LANGUAGE_TAG, load_config
from .errors import BuildError, Problem, PublisherError, UsageError, display_path
from .text.characters import shown

# Each command imports what it uses: `--help`, `check` and a build with nothing to do start
# quickly, without the PO reader, signatures, Markdown or any writer.
ENGINE_NAMES = ("espeak", "gtts")  # speech.engines.registry.ENGINES (a test keeps them equal)


class PublisherGroup(click.Group):
    """Turns PublisherError into one line per problem and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PublisherError as err:
            if ctx.meta.get("debug"):
                traceback.print_exc()
            for problem in err.problems:
                click.echo(str(problem), err=True)
            ctx.exit(err.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as err:  # a bug of ours: say so plainly, keep the trace for --debug
            if ctx.meta.get("debug"):
                raise
            click.echo(f"error: internal error: {err!r} (run with --debug for details)", err=True)
            ctx.exit(1)


def report(problems: list[Problem]) -> None:
    for problem in dict.fromkeys(problems):  # once each: braille's two files meet the same one
        click.echo(str(problem), err=True)


def split_list(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple | None:
    if value is None:
        return None
    return tuple(part.strip() for part in value.split(",") if part.strip())


def language_list(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple | None:
    """Language tags (or 'all'): they name folders under locales/, so nothing else gets through."""
    tags = split_list(ctx, param, value)
    for tag in tags or ():
        if tag != "all" and not LANGUAGE_TAG.match(tag):
            raise click.BadParameter(f"'{shown(tag)}' is not a language tag like cy or en-GB")
    return tags


def language_tag(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """One language tag, checked as `language_list` checks each."""
    tags = language_list(ctx, param, value) or ()
    if len(tags) != 1 or tags == ("all",):
        raise click.BadParameter("give one language tag, such as cy")
    return tags[0]


# The languages `build` and `speech` make outputs in.
published_languages = click.option(
    "--lang",
    "languages",
    callback=language_list,
    help="Comma-separated language tags, or 'all' (default: the original and publisher.toml's languages).",
)


@click.group(cls=PublisherGroup)
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="Project folder with publisher.toml, content/ and locales/.",
)
@click.version_option(package_name="publisher")
@click.pass_context
def main(ctx: click.Context, debug: bool, root: Path) -> None:
    """Publish patient-information leaflets as large print, Word, easy read and audio."""
    ctx.meta["debug"] = debug
    ctx.obj = load_config(root)


@main.command(short_help="Check leaflets and translations before publishing.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_obj
def check(config, paths: tuple[Path, ...], strict: bool) -> None:
    """Check leaflets (default: all in content/) and their translations; exit 1 on errors."""
    from .build import find_leaflets
    from .checks import check_leaflet
    from .checks.before_writing import read_and_check  # fontTools: not for `--help`
    from .checks.braille import braille_problems
    from .checks.easy_read import coverage_problems, easy_coverage
    from .checks.speech import unspoken_warnings
    from .i18n.check import translation_problems

    leaflets = read_and_check(find_leaflets(paths, config), config)
    warnings = [w for leaflet in leaflets for w in check_leaflet(leaflet, date.today())]
    warnings += [w for leaflet in leaflets for w in unspoken_warnings(leaflet, config.locales_dir)]
    for leaflet in leaflets:
        click.echo(f"{display_path(leaflet.source)}: {easy_coverage(leaflet).describe()}", err=True)
    warnings += [p for leaflet in leaflets for p in coverage_problems(leaflet, config)]
    report(warnings)
    translation = translation_problems(leaflets, config) + braille_problems(leaflets, config)
    report(translation)
    errors = sum(p.severity == "error" for p in translation + warnings)
    summary = f"checked {len(leaflets)} leaflet(s): {len(warnings) + len(translation) - errors} warning(s)"
    click.echo(summary + (f", {errors} error(s)" if errors else ""), err=True)
    if errors:
        raise click.exceptions.Exit(1)
    if strict and (warnings or translation):
        raise click.exceptions.Exit(1)


@main.command(short_help="Build leaflets in every format and language.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "formats",
    callback=split_list,
    help="Comma-separated: pdf,docx,html,audio,epub (default: publisher.toml's formats).",
)
@published_languages
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: out).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="the number of CPUs",
    help="Files to write at the same time.",
)
@click.option(
    "--draft", is_flag=True, help="Also publish translations not yet reviewed, marked as drafts."
)
@click.option("--font-size", type=float, help="Body text size in points for print (16 to 24).")
@click.option(
    "--tts",
    type=click.Choice(ENGINE_NAMES),
    help="Speech engine for the audio of every language: espeak (offline) or gtts (online).",
)
@click.pass_obj
def build(
    config,
    paths: tuple[Path, ...],
    formats: tuple[str, ...] | None,
    languages: tuple[str, ...] | None,
    out_dir: Path | None,
    jobs: int,
    draft: bool,
    font_size: float | None,
    tts: str | None,
) -> None:
    """Build leaflets (default: all in content/) into out/<slug>/<lang>/, with out/index.html."""
    from .build import build as build_outputs

    config = config.with_options(out_dir=out_dir, font_size=font_size)
    if tts is not None:  # the speech registry loads only when asked for
        from .speech.engines.registry import with_engine

        config = with_engine(config, tts)
    try:
        with progress_bar() as advance:
            result = build_outputs(
                paths, config, formats, languages, draft, jobs, progress=advance, waiting=say
            )
    except KeyboardInterrupt:
        click.echo(
            "error: build interrupted: the files already written are kept and listed; "
            "run the build again to finish",
            err=True,
        )
        raise click.exceptions.Exit(130) from None
    report(result.warnings)
    for path in result.written:
        click.echo(f"wrote {display_path(path)}")
    for path, reason in result.withdrawn:
        click.echo(f"removed {display_path(path)}: {reason}")
    if result.up_to_date:
        click.echo(f"{len(result.up_to_date)} file(s) already up to date")
    catalogue = config.out_dir / "index.html"
    if catalogue.is_file():  # not when a full disk stopped it
        click.echo(f"every file built is listed in {display_path(catalogue)}")
    if result.errors:
        report(result.errors)
        raise click.exceptions.Exit(1)


def say(message: str) -> None:
    click.echo(message, err=True)


class progress_bar:
    """A progress bar on a terminal; silent in pipes and CI."""

    def __enter__(self) -> Callable[[int, int], None]:
        self.bar: Any = None
        return self.advance

    def advance(self, done: int, total: int) -> None:
        if not sys.stderr.isatty() or os.environ.get("CI"):
            return
        if self.bar is None:  # the total is known only once the build is planned
            self.bar = click.progressbar(length=total, label="building", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@main.group(short_help="Translations: update, status and sign-off.")
def i18n() -> None:
    """Translations: PO files per language, checked and signed off by a second person."""


@i18n.command("extract", short_help="Write the templates (POT) translations start from.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def i18n_extract(config, paths: tuple[Path, ...]) -> None:
    """Write locales/templates/<slug>.pot for each leaflet, and publisher.pot for the tool's words."""
    from .build import find_leaflets, read_all
    from .i18n.extract import extract as extract_templates

    leaflets = read_all(find_leaflets(paths, config), config)
    for template in extract_templates(leaflets, config):
        click.echo(f"{'wrote' if template.written else 'unchanged'} {display_path(template.path)}")


@i18n.command("update", short_help="Create or refresh a language's PO files.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--lang",
    "languages",
    callback=language_list,
    help="Language tag(s); default: publisher.toml's languages.",
)
@click.pass_obj
def i18n_update(config, paths: tuple[Path, ...], languages: tuple[str, ...] | None) -> None:
    """Create or merge locales/LANG/<slug>.po: edited source text becomes fuzzy."""
    from .build import find_leaflets, read_all
    from .i18n.update import update as update_catalogs

    leaflets = read_all(find_leaflets(paths, config), config)
    if languages == ("all",):
        languages = None
    for result in update_catalogs(leaflets, config, languages or config.languages):
        done = "created" if result.created else "updated" if result.written else "unchanged"
        click.echo(f"{done} {display_path(result.path)}")


@i18n.command("status", short_help="Show what is translated, fuzzy and reviewed.")
@click.option(
    "--lang", "languages", callback=language_list, help="Language tag(s); default: all found."
)
@click.option(
    "--format",
    "kind",
    type=click.Choice(("text", "json", "csv")),  # i18n.status.FORMATS
    default="text",
    show_default=True,
    help="A table for people, or json or csv for CI and spreadsheets.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["unpublished"]),
    help="Exit 1 when a language of publisher.toml would not be published (for CI).",
)
@click.pass_obj
def i18n_status(config, languages: tuple[str, ...] | None, kind: str, fail_on: str | None) -> None:
    """Show language x leaflet: translated, fuzzy, untranslated, checks and review state."""
    from .build import find_leaflets, read_all
    from .i18n.catalogs import known_languages
    from .i18n.status import render as render_status
    from .i18n.status import status_rows, unpublished

    leaflets = read_all(find_leaflets((), config), config)
    languages = languages or known_languages(config)
    if not languages:
        raise UsageError(
            "no languages yet: list them in publisher.toml or run `publisher i18n update --lang LANG`"
        )
    rows = status_rows(leaflets, config, languages)
    click.echo(render_status(rows, kind))
    missing = unpublished(rows) if fail_on else []
    for row in missing:
        click.echo(
            f"error: {row.leaflet} in {row.language} will not be published: {row.review}"
            + (f", {row.checks}" if row.errors else "")
            + (
                f", {row.fuzzy + row.untranslated} string(s) to translate"
                if row.fuzzy or row.untranslated
                else ""
            ),
            err=True,
        )
    if missing:
        raise click.exceptions.Exit(1)


@i18n.command("review", short_help="Sign off one translation (a second person).")
@click.argument("slug")
@click.option(
    "--lang",
    "language",
    required=True,
    callback=language_tag,
    help="The language reviewed, e.g. cy.",
)
@click.option("--reviewer", required=True, help="Your name as publisher.toml lists it.")
@click.option(
    "--key",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your SSH private key, e.g. ~/.ssh/id_ed25519 (its public key is in publisher.toml).",
)
@click.option(
    "--accept",
    multiple=True,
    metavar="WARNING-ID",
    help="Accept one warning or changed number by its ID (repeat for each); recorded.",
)
@click.option("--dry-run", is_flag=True, help="Show the changes and warnings; sign nothing.")
@click.pass_obj
def i18n_review(
    config,
    slug: str,
    language: str,
    reviewer: str,
    key: Path | None,
    accept: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Show what changed since the last sign-off and every warning, then sign off
    locales/LANG/SLUG.po ('publisher' for the tool's words) with your SSH key."""
    from .i18n.check import glossary_warnings, translation_for
    from .i18n.review import Request, changes, sign_off

    state, leaflet = translation_for(config, slug, language)
    for line in changes(state):
        click.echo(line)
    glossary = glossary_warnings(config, leaflet, state) if leaflet is not None else []
    findings = [f for f in [*state.findings, *glossary] if f.id]
    report([f.problem for f in findings])
    if dry_run:
        click.echo(f"{len(findings)} finding(s) to accept by ID; nothing signed (--dry-run)")
        return
    record = sign_off(config, state, Request(reviewer, key, accept), glossary)
    signed = (
        "signed with " + str(key)
        if record.signature
        else "not signed ([review] signatures = false)"
    )
    click.echo(
        f"signed off {slug} in {language}: {len(state.units)} strings, "
        f"reviewed by {record.reviewer} on {record.date.isoformat()}, {signed}"
        + (f", accepting {', '.join(record.accepted)}" if record.accepted else "")
    )


@main.command(short_help="Print what the audio will say, to proofread it.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@published_languages
@click.option("--draft", is_flag=True, help="Also translations not yet reviewed.")
@click.pass_obj
def speech(config, paths: tuple[Path, ...], languages: tuple[str, ...] | None, draft: bool) -> None:
    """Print the speech script of leaflets (default: all in content/) as plain text, with
    chapter marks ('##', and '###' for a chapter inside another), one utterance a line."""
    from .speech.proof import proof_scripts, proof_text

    scripts, warnings = proof_scripts(paths, config, languages, draft, date.today())
    report(warnings)
    click.echo("\n".join(proof_text(script) for _, script in scripts), nl=False)


@main.command(short_help="Start a project in a new folder.")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--organisation",
    default="Example Health Charity",
    show_default=True,
    help="Your organisation's name, shown on every leaflet.",
)
def new(folder: Path, organisation: str) -> None:
    """Write a ready project into FOLDER: settings, an example leaflet, locales/, .gitignore."""
    from .project import new_project

    written = new_project(folder, organisation)
    click.echo(f"wrote {len(written)} files into {display_path(folder)}", err=True)
    click.echo(f"next: cd {display_path(folder)} && publisher build", err=True)


@main.command(short_help="Preview every format, rebuilt when you save.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port (0: any free port).")
@click.pass_obj
def serve(config, host: str, port: int) -> None:
    """Serve the catalogue, every page, PDF, Word file, recording and speech script locally."""
    from .preview import serve as serve_preview

    serve_preview(config, host, port, lambda url: click.echo(f"serving on {url}", err=True))


@main.command("import", short_help="Turn a Word document into a leaflet.")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the leaflet and its pictures (default: content/).",
)
@click.option("--force", is_flag=True, help="Replace a leaflet of the same name.")
@click.pass_obj
def import_(config, source: Path, out_dir: Path | None, force: bool) -> None:
    """Write SOURCE (.docx) as a leaflet in the content format, pictures under images/."""
    from .importing import import_word  # python-docx: only for this command

    done = import_word(source, out_dir or config.content_dir, force)
    report(list(done.warnings))
    click.echo(f"wrote {display_path(done.leaflet)} and {len(done.pictures)} picture(s)", err=True)
    click.echo(
        f"next: fill in the front matter, then run `publisher check {display_path(done.leaflet)}`",
        err=True,
    )


@main.command(short_help="List the symbols easy-read points can use.")
@click.argument("word", required=False, default="")
def symbols(word: str) -> None:
    """List the symbol names (those containing WORD), for ![words](symbol:NAME) in easy read."""
    from .symbols import CREDIT, symbol_names

    names = symbol_names(word)
    for name in names:
        click.echo(name)
    click.echo(f"{len(names)} symbol(s). {CREDIT}", err=True)
    if not names:
        raise click.exceptions.Exit(1)


@main.command()
@click.option(
    "--lang", "languages", callback=language_list, help="Language tag(s); default: all configured."
)
@click.pass_obj
def voices(config, languages: tuple[str, ...] | None) -> None:
    """List the speech engines and voices that can speak each language."""
    from .i18n.dates import language_name
    from .speech.engines.registry import voice_table

    rows = voice_table(config, languages or (config.source_language, *config.languages))
    for row in rows:
        click.echo(language_name(row.language))
        for engine_name, voice in row.voices:
            mark = "*" if row.chosen == (engine_name, voice.id) else " "
            click.echo(f"  {mark} {engine_name:7} {voice.id:24} {voice.name}")
        if not row.voices:
            click.echo("    no engine can speak this language")
    click.echo("(* the voice a build uses)")
    problems = [Problem(None, None, row.problem) for row in rows if row.chosen is None]
    if problems:
        raise BuildError(problems)


def run() -> None:
    main(prog_name="publisher")


if __name__ == "__main__":  # pragma: no cover
    run()


__all__ = ["main", "UsageError"]
