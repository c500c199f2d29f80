"""Font instances are cut once per machine: shared by every project, never twice at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from filelock import FileLock

from publisher.files import CACHE_VARIABLE
from publisher.text import font_sources
from publisher.text.fonts import font_cache, static_instance, typeface_for

from .conftest import write_leaflet
from .pdf_support import FONT_CACHE


def snapshot(folder: Path) -> dict[str, int]:
    """Each font file in `folder` and when it was last written."""
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.ttf")} if folder.is_dir() else {}


def make_project(root: Path) -> Path:
    for name in ("one", "two"):
        write_leaflet(root / "content", "## Your visit\n\nCome at 9am.\n", name=f"{name}.md")
    (root / "publisher.toml").write_text(
        '[publisher]\norganisation = "Example"\nformats = ["pdf", "html"]\n', encoding="utf-8"
    )
    return root


def build(root: Path, home: Path) -> None:
    """`publisher build` in `root` as a user whose home (and cache folder) is `home`."""
    env = {k: v for k, v in os.environ.items() if k != CACHE_VARIABLE}
    env |= {"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    done = subprocess.run(
        [sys.executable, "-m", "publisher.cli", "--root", str(root), "build", "--jobs", "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr


def test_the_second_project_on_a_machine_cuts_no_font(tmp_path: Path) -> None:
    # The user's cache starts with the regular instance only, so the first project cuts
    # the bold one (about 6 s) there, and not in its own folder.
    shared = FONT_CACHE / "fonts"
    regular = typeface_for("en-GB", FONT_CACHE).regular
    cache = tmp_path / "home" / ".cache" / "publisher" / "fonts"
    cache.mkdir(parents=True)
    shutil.copy2(regular, cache / regular.name)
    first, second = make_project(tmp_path / "first"), make_project(tmp_path / "second")

    build(first, tmp_path / "home")
    made = snapshot(cache)
    assert len(made) == 2 and made[regular.name] == snapshot(shared)[regular.name]
    assert not (first / ".cache" / "publisher" / "fonts").exists()

    build(second, tmp_path / "home")
    assert snapshot(cache) == made  # nothing cut, nothing rewritten
    assert not (second / ".cache" / "publisher" / "fonts").exists()
    assert len(list((second / "out").rglob("*-large-print.pdf"))) == 2


def test_the_cache_folder_is_the_users_unless_one_is_named(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(CACHE_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    expected = tmp_path / "xdg" / "publisher" / "fonts"
    assert font_cache(tmp_path / "a" / ".cache") == font_cache(tmp_path / "b") == expected
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "named"))
    assert font_cache(tmp_path / "a") == tmp_path / "named" / "fonts"


def test_a_read_only_home_keeps_the_fonts_with_the_project(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(CACHE_VARIABLE)
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    assert font_cache(tmp_path / "project") == tmp_path / "project" / "fonts"


def test_a_process_waits_for_the_cut_under_way_and_does_not_cut_again(tmp_path: Path) -> None:
    regular = typeface_for("en-GB", FONT_CACHE).regular
    folder = tmp_path / "fonts"
    source = font_sources.font_file("Noto Sans", 400, ())  # the variable file
    name = static_instance(source, 400, FONT_CACHE / "fonts").name  # made already: no cut
    assert name == regular.name
    folder.mkdir()
    lock = FileLock(folder / f"{name}.lock")
    lock.acquire()  # another process is cutting it
    found: list[Path] = []
    waiting = threading.Thread(target=lambda: found.append(static_instance(source, 400, folder)))
    waiting.start()
    waiting.join(timeout=1)
    assert waiting.is_alive() and not found  # it waits for the lock
    finished = folder / name
    finished.write_bytes(b"the other process's instance")
    lock.release()
    waiting.join(timeout=60)
    assert found == [finished]
    assert finished.read_bytes() == b"the other process's instance"  # not cut a second time
