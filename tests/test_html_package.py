"""A wheel carries the HTML templates and Word's reference document, and the installed
writers find them.

templates/ lives at the repository root, outside the package; this builds a
real wheel (offline, with the setuptools already installed), installs it into
a scratch prefix and writes a page with the installed copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib import metadata
from pathlib import Path

import docx

from .conftest import ROOT, write_leaflet

PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE", "publisher", "templates", "locales")
TEMPLATES = ("easy-read.html", "easy-read.css", "reference.docx")

WRITE_PAGE = """
import sys
from datetime import date
from pathlib import Path
from publisher.config import Config
from publisher.formats import WriteContext
from publisher.formats.html import writer as html
from publisher.formats.templates import templates_dir
from publisher.reading.source import read_leaflet

from publisher.formats.docx import writer as word

leaflet = read_leaflet(Path(sys.argv[1]))
html.write(leaflet, Path(sys.argv[2]), WriteContext(Config(), date(2026, 6, 1)))
word.write(leaflet, Path(sys.argv[3]), WriteContext(Config(), date(2026, 6, 1)))
print(html.__file__)
print(templates_dir(html.PAGE))
print(templates_dir(word.REFERENCE))
from publisher.speech.tables import load_table
print(load_table(Path("no-locales-here"), "cy").path)
"""


def pip(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args],
        check=True,
        capture_output=True,
    )


def test_installed_wheel_finds_its_templates(tmp_path: Path) -> None:
    # 1. A clean copy of the project (no build/ or egg-info left in the working tree).
    source = tmp_path / "src"
    source.mkdir()
    for name in PROJECT_FILES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif path.is_file():
            shutil.copy(path, source / name)
    # 2. Build the wheel offline and look inside.
    dist = tmp_path / "dist"
    pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist), str(source))
    (wheel,) = dist.glob("publisher-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for template in TEMPLATES:
        assert any(n.endswith(f".data/data/share/publisher/templates/{template}") for n in names)
    for language in ("en", "cy", "pl", "ar", "bn"):  # the speech tables
        assert any(n.endswith(f"share/publisher/locales/{language}/speech.toml") for n in names)
    # 3. Install it into a scratch prefix and write a page with the installed code.
    # --ignore-installed: without it pip would first uninstall this environment's own
    # (editable) publisher, breaking the environment the tests run in.
    prefix = tmp_path / "prefix"
    here = metadata.distribution("publisher").read_text("RECORD")
    pip(
        "install",
        "--no-deps",
        "--no-index",
        "--ignore-installed",
        "--prefix",
        str(prefix),
        str(wheel),
    )
    assert metadata.distribution("publisher").read_text("RECORD") == here  # left untouched
    site = sysconfig.get_path("purelib", vars={"base": str(prefix), "platbase": str(prefix)})
    leaflet = write_leaflet(tmp_path / "content", "Hello.\n")
    page, document = tmp_path / "page.html", tmp_path / "leaflet.docx"
    env = {**os.environ, "PYTHONPATH": site}
    done = subprocess.run(
        [sys.executable, "-c", WRITE_PAGE, str(leaflet), str(page), str(document)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    module, templates, reference, table = done.stdout.split()
    assert Path(module).is_relative_to(site)  # the installed copy, not this checkout
    assert Path(templates) == (prefix / "share" / "publisher" / "templates").resolve()
    assert Path(reference) == Path(templates)
    assert Path(table) == (prefix / "share/publisher/locales/cy/speech.toml").resolve()
    written = page.read_text(encoding="utf-8")
    assert "<h1>Test leaflet</h1>" in written
    assert "--picture:" in written  # the installed CSS is inside the page
    paragraphs = [p.text for p in docx.Document(str(document)).paragraphs]
    assert paragraphs[0] == "Test leaflet" and "Hello." in paragraphs  # the installed reference
