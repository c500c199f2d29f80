"""Start-up: `--help`, `check` and a build with nothing to do load no writer and no heavy library.

Each command runs in a fresh Python process, which then lists the modules it imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import write_leaflet

# Libraries only writing a file needs: sound, PDF and Word. (`check` and `build` read the
# typeface's character map with fontTools, to refuse a character it cannot print.)
HEAVY = ("numpy", "scipy", "pyloudnorm", "lameenc", "reportlab", "docx", "uharfbuzz")
# Libraries only some commands need: Markdown and YAML (a leaflet not read before), the PO
# reader, signatures and number words (translations), templates (writing a page).
READING = ("markdown_it", "yaml")
TRANSLATING = ("cryptography", "num2words", "babel.messages")
RUN = """
import json, sys
from publisher.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    print(json.dumps(sorted(sys.modules)))
"""


def imported(root: Path, *args: str) -> set[str]:
    """The modules a `publisher` command imported, in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def heavy(modules: set[str]) -> list[str]:
    writers = [m for m in modules if m.startswith(("publisher.formats.", "publisher.speech.loud"))]
    writers = [m for m in writers if m not in ("publisher.formats.templates",)]
    return sorted(writers + [m for m in modules if m.split(".")[0] in HEAVY])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-leaflet project built once in every format."""
    root = tmp_path_factory.mktemp("startup")
    write_leaflet(root / "content", "## Your visit\n\nCome at 9am. Bring your letter.\n")
    (root / "publisher.toml").write_text(
        '[publisher]\norganisation = "Example"\nformats = ["pdf", "docx", "html", "audio"]\n',
        encoding="utf-8",
    )
    modules = imported(root, "build", "--jobs", "1")
    assert "publisher.formats.audio.writer" in modules  # it did write: the check below can fail
    assert len(list((root / "out" / "test" / "en-GB").iterdir())) == 4
    return root


def test_a_build_with_nothing_to_do_loads_no_writer(built: Path) -> None:
    found = imported(built, "build")
    assert heavy(found) == []
    # No translations to publish, every leaflet read before: no parser, no PO file, no key.
    assert loaded(found, READING + TRANSLATING + ("importlib.metadata",)) == []


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(name for name in names if name in modules)


def test_help_loads_only_the_command_line() -> None:
    found = imported(Path("."), "--help")
    assert loaded(found, READING + TRANSLATING + ("jinja2", "babel", "lxml", "fontTools")) == []
    assert [m for m in found if m.startswith(("publisher.build", "publisher.i18n"))] == []


def test_the_speech_engines_offered_are_the_registry_s() -> None:
    from publisher import cli
    from publisher.speech.engines.registry import ENGINES

    assert tuple(ENGINES) == cli.ENGINE_NAMES


def test_check_and_help_load_no_writer(built: Path) -> None:
    assert heavy(imported(built, "check")) == []
    for command in (["--help"], ["build", "--help"]):
        found = imported(built, *command)
        assert heavy(found) == [] and "fontTools" not in found


def test_a_build_of_one_format_loads_only_that_writer(built: Path) -> None:
    (built / "content" / "test.md").write_text(
        (built / "content" / "test.md").read_text(encoding="utf-8").replace("9am", "10am"),
        encoding="utf-8",
    )
    found = imported(built, "build", "--format", "docx", "--jobs", "1")
    assert "publisher.formats.docx.writer" in found
    others = ("publisher.formats.pdf", "publisher.formats.html", "publisher.formats.audio")
    assert [m for m in found if m.startswith(others)] == []
    assert not {"numpy", "reportlab", "scipy"} & found
    # One job at a time, nothing spoken: no worker pool, no speech engine, no font read.
    pool_speech_fonts = ("multiprocessing", "publisher.speech.engines.registry", "fontTools")
    assert loaded(found, pool_speech_fonts) == []
