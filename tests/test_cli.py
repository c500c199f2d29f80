"""The publisher command: check and build, as a user runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.build import plan as build_module
from publisher.cli import main
from publisher.files import atomic_path
from publisher.formats import Format

from .conftest import CONTENT, write_leaflet
from .fixtures import text_writer


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def overdue_copy(tmp_path: Path) -> Path:
    """The big sample leaflet, with its review date in the past."""
    shutil.copytree(CONTENT, tmp_path / "content")
    path = tmp_path / "content" / "secondary-breast-cancer.md"
    text = path.read_text().replace("next_review: 2029-03-02", "next_review: 2025-03-02")
    text = text.replace("reviewed: 2026-03-02", "reviewed: 2024-03-02")
    path.write_text(text)
    return path


def test_check_passes_on_the_samples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CONTENT.parent)
    result = invoke("check", "--strict")
    assert result.exit_code == 0, result.output
    assert "checked 2 leaflet(s): 0 warning(s)" in result.output


def test_check_warns_about_an_overdue_review(tmp_path: Path) -> None:
    path = overdue_copy(tmp_path)
    result = invoke("check", str(path))
    assert result.exit_code == 0
    assert "warning:" in result.output and "review overdue" in result.output
    strict = invoke("check", "--strict", str(path))
    assert strict.exit_code == 1
    assert "review overdue" in strict.output


def test_check_warns_when_review_is_due_soon(tmp_path: Path) -> None:
    soon = (date.today() + timedelta(days=30)).isoformat()
    path = tmp_path / "soon.md"
    path.write_text(f"---\ntitle: T\nreviewed: 2020-01-01\nnext_review: {soon}\n---\nText.\n")
    result = invoke("check", str(path))
    assert f"review due soon: 'next_review' is {soon}" in result.output


def test_check_warns_about_easy_read_and_reading_level(tmp_path: Path) -> None:
    long_sentence = " ".join(["word"] * 16) + "."
    hard = (
        "Pharmacological interventions necessitate comprehensive multidisciplinary "
        "consideration of contraindications, notwithstanding individualised "
        "therapeutic considerations and longitudinal haematological monitoring. "
    ) * 3
    body = f"## With easy\n\n{hard}\n\n::: easy\n{long_sentence}\n:::\n\n## Without easy\n\nText.\n"
    path = write_leaflet(tmp_path, body)
    result = invoke("check", "--strict", str(path))
    assert result.exit_code == 1
    assert "easy-read sentence has 16 words" in result.output
    assert "section 'Without easy' has no '::: easy' text" in result.output
    assert "reading age is about" in result.output


def test_unknown_format_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CONTENT.parent)
    result = invoke("build", "--format", "rtf")
    assert result.exit_code == 2
    assert "unknown format 'rtf'" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("build", "--lang", "../../etc"),
        ("build", "--lang", "cy,pl/../../x"),
        ("build", "--lang", "cy\u202e"),
        ("i18n", "status", "--lang", "../cy"),
        ("i18n", "update", "--lang", "/tmp/x"),
        ("i18n", "review", "having-a-scan", "--lang", "../cy", "--reviewer", "x"),
        ("i18n", "review", "having-a-scan", "--lang", "cy,pl", "--reviewer", "x"),
    ],
)
def test_a_language_that_is_not_a_tag_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """A --lang value names a folder under locales/: a path must never get that far."""
    monkeypatch.chdir(CONTENT.parent)
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--lang'" in result.output
    assert "Traceback" not in result.output


def test_font_size_below_16_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CONTENT.parent)
    result = invoke("build", "--font-size", "14")
    assert result.exit_code == 2
    assert "large print is at least 16pt" in result.output


@pytest.fixture
def text_format(monkeypatch: pytest.MonkeyPatch) -> None:
    fmt = Format("txt", "tests.fixtures.text_writer", "{slug}.txt")
    monkeypatch.setattr(build_module, "FORMATS", {"txt": fmt})
    text_writer.CALLS.clear()


def test_build_writes_each_leaflet_and_skips_up_to_date(tmp_path: Path, text_format) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    args = ["--root", str(tmp_path), "build", "--jobs", "1", "--format", "txt"]
    first = invoke(*args)
    assert first.exit_code == 0, first.output
    out = tmp_path / "out"
    built = out / "having-a-scan" / "en-GB" / "having-a-scan.txt"
    assert built.read_text().startswith("Having a scan\n")
    assert sorted(text_writer.CALLS) == ["having-a-scan", "secondary-breast-cancer"]
    assert (out / "manifest.json").is_file()
    # nothing changed: nothing is written again
    text_writer.CALLS.clear()
    second = invoke(*args)
    assert text_writer.CALLS == [] and "2 file(s) already up to date" in second.output
    # one leaflet changed: only it is written again
    source = tmp_path / "content" / "having-a-scan.md"
    source.write_text(source.read_text().replace("Please\nread it carefully.", "Read it."))
    invoke(*args)
    assert text_writer.CALLS == ["having-a-scan"]


def test_failed_write_keeps_the_last_good_output(tmp_path: Path, text_format) -> None:
    content = tmp_path / "content"
    path = write_leaflet(content, "Text.\n")
    args = ["--root", str(tmp_path), "build", "--jobs", "1", "--format", "txt"]
    assert invoke(*args).exit_code == 0
    target = tmp_path / "out" / "test" / "en-GB" / "test.txt"
    good = target.read_text()
    path.write_text(path.read_text().replace("title: Test leaflet", "title: FAIL"))
    result = invoke(*args)
    assert result.exit_code == 1
    assert "error: test: cannot write this one" in result.output
    assert target.read_text() == good
    assert sorted(p.name for p in target.parent.iterdir()) == ["test.txt"]


def test_bad_leaflet_stops_the_build_before_any_write(tmp_path: Path, text_format) -> None:
    content = tmp_path / "content"
    write_leaflet(content, "Text.\n", name="good.md")
    write_leaflet(content, "## S\n\n<b>x</b>\n", name="bad.md")
    result = invoke("--root", str(tmp_path), "build", "--format", "txt")
    assert result.exit_code == 1
    assert "bad.md:8: raw HTML" in result.output
    assert not (tmp_path / "out" / "good").exists()


def test_overdue_leaflet_warns_on_every_build(tmp_path: Path, text_format) -> None:
    overdue_copy(tmp_path)
    args = ["--root", str(tmp_path), "build", "--jobs", "1", "--format", "txt"]
    for _ in range(2):
        result = invoke(*args)
        assert "warning:" in result.output and "review overdue since 2025-03-02" in result.output


def test_parallel_build_writes_the_same_files(tmp_path: Path, text_format) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    result = invoke("--root", str(tmp_path), "build", "--jobs", "2", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").rglob("*.txt"))) == 2


def test_atomic_path_leaves_nothing_behind_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_text("half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_atomic_path_flushes_the_new_file_before_it_takes_the_old_ones_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A power cut after the rename must not leave an empty file where the last good one was."""
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(handle: int) -> None:
        events.append("fsync " + Path(os.readlink(f"/proc/self/fd/{handle}")).name)
        real_fsync(handle)

    def replace(source: Path, target: Path) -> None:
        events.append("replace")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "a.pdf"
    with atomic_path(target) as temporary:
        temporary.write_text("new")
        name = temporary.name
    assert events == [f"fsync {name}", "replace", f"fsync {tmp_path.name}"]
    assert target.read_text() == "new"


def test_how_the_project_folder_is_named_does_not_rebuild(
    tmp_path: Path, text_format, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--root /abs/project, --root project and a build inside it are the same jobs."""
    project = tmp_path / "project"
    shutil.copytree(CONTENT, project / "content")
    assert invoke("--root", str(project), "build", "--format", "txt").exit_code == 0
    monkeypatch.chdir(project)
    for args in (["build"], ["--root", ".", "build"], ["--root", "../project", "build"]):
        text_writer.CALLS.clear()
        again = invoke(*args, "--jobs", "1", "--format", "txt")
        assert text_writer.CALLS == [] and "2 file(s) already up to date" in again.output, args
    moved = tmp_path / "moved"
    project.rename(moved)
    monkeypatch.chdir(moved)
    text_writer.CALLS.clear()
    assert "2 file(s) already up to date" in invoke("build", "--format", "txt").output
    assert text_writer.CALLS == []


def test_python_dash_m_runs_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "publisher", "--help"], capture_output=True, text=True, check=True
    )
    assert "build" in done.stdout and "check" in done.stdout


def test_catalogue_lists_every_leaflet_language_and_file(tmp_path: Path, text_format) -> None:
    overdue_copy(tmp_path)
    result = invoke("--root", str(tmp_path), "build", "--jobs", "1", "--format", "txt")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "index.html").read_text()
    assert '<h2 id="having-a-scan">Having a scan</h2>' in page
    assert 'href="secondary-breast-cancer/en-GB/secondary-breast-cancer.txt"' in page
    assert "Review overdue" in page and page.count("Review overdue") == 1


def test_page_links_only_to_outputs_that_were_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    formats = {
        "txt": Format("txt", "tests.fixtures.text_writer", "{slug}.txt"),
        "page": Format("page", "tests.fixtures.page_writer", "{slug}.html", links_siblings=True),
    }
    monkeypatch.setattr(build_module, "FORMATS", formats)
    path = write_leaflet(tmp_path / "content", "Text.\n")
    path.write_text(path.read_text().replace("title: Test leaflet", "title: FAIL"))
    result = invoke("--root", str(tmp_path), "build", "--jobs", "1", "--format", "txt,page")
    assert result.exit_code == 1
    page = tmp_path / "out" / "test" / "en-GB" / "test.html"
    assert page.read_text().split() == ["page"]  # no link to the text file that failed
    path.write_text(path.read_text().replace("title: FAIL", "title: Fine"))
    assert invoke("--root", str(tmp_path), "build", "--format", "txt,page").exit_code == 0
    assert page.read_text().split() == ["page", "txt"]


def test_check_warns_about_a_glossary_term_the_text_never_uses(tmp_path: Path) -> None:
    front = "glossary:\n  biopsy: A tiny sample.\n  scanner: A machine.\n"
    path = write_leaflet(tmp_path, "## S\n\nA biopsy is quick.\n", front)
    result = invoke("check", str(path))
    assert "glossary term 'scanner' is not used in the text" in result.output
    assert "'biopsy'" not in result.output


def test_check_warns_about_a_leaflet_without_sections(tmp_path: Path) -> None:
    result = invoke("check", str(write_leaflet(tmp_path, "Only one paragraph.\n")))
    assert result.exit_code == 0
    assert "warning: " in result.output and "has no '## ' sections" in result.output
