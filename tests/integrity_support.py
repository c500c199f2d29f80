"""Helpers for the build-integrity tests: the command as its own process, what out/ offers,
every output opened in its reader, and the processes a build leaves behind."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import mutagen
import pdfplumber
import pikepdf
from docx import Document
from lxml import etree, html

ROOT = Path(__file__).resolve().parent.parent
OWN_FILES = {"index.html", "manifest.json", "withdrawn.json"}


def publisher(root: Path, *args: str, stand_in: bool = False, **env: str):
    """`publisher --root ROOT ARGS` as a user runs it (or with the stand-in 'slow' format)."""
    return subprocess.run(
        command(root, *args, stand_in=stand_in), capture_output=True, text=True,
        cwd=root, env=environment(env), timeout=600,
    )  # fmt: skip


def start(root: Path, *args: str, stand_in: bool = False, **env: str) -> subprocess.Popen:
    """The same, started in its own session so that Ctrl-C can be sent to all of it."""
    return subprocess.Popen(
        command(root, *args, stand_in=stand_in), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, cwd=root, env=environment(env), start_new_session=True,
    )  # fmt: skip


def environment(extra: dict[str, str]) -> dict[str, str]:
    """Run in the project folder, as a user does; the stand-in format is found in tests/."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **extra}


def command(root: Path, *args: str, stand_in: bool = False) -> list[str]:
    module = "tests.fixtures.stand_in_build" if stand_in else "publisher"
    return [sys.executable, "-m", module, "--root", str(root), *args]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest_now(out: Path) -> dict[str, dict]:
    """What the manifest says right now: manifest.json and the journal lines after it."""
    path = out / "manifest.json"
    entries = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    journal = out / ".manifest-journal.jsonl"
    if journal.is_file():
        for line in journal.read_text(encoding="utf-8").splitlines():
            change = json.loads(line)
            if change["entry"] is None:
                entries.pop(change["key"], None)
            else:
                entries[change["key"]] = change["entry"]
    return entries


def outputs(out: Path) -> list[Path]:
    """The files out/ offers: everything but hidden files and the build's own three."""
    return sorted(
        p for p in out.rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.relative_to(out).as_posix() not in OWN_FILES
    )  # fmt: skip


def temporaries(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob(".*") if p.is_file() and p.name.startswith(".tmp-"))


def text_of(path: Path) -> str:
    """Open an output in its reader (failing if it is broken) and return what it says."""
    if path.suffix == ".pdf":
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) >= 1
        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if path.suffix == ".docx":
        return "\n".join(p.text for p in Document(str(path)).paragraphs)
    if path.suffix == ".mp3":
        audio = mutagen.File(path)
        assert audio is not None and audio.info.length > 1, path
        return str(audio.tags["TIT2"])
    if path.suffix == ".html":
        return html.fromstring(path.read_bytes()).text_content()
    if path.suffix == ".brf":  # braille, read back by liblouis (these projects are in English)
        from .braille_support import back_translate, body_lines, brf_pages

        return "\n".join(back_translate(body_lines(brf_pages(path)), "en-ueb-g2.ctb"))
    if path.suffix == ".pef":
        return etree.parse(str(path)).findtext(".//{http://purl.org/dc/elements/1.1/}title") or ""
    if path.suffix == ".epub":  # a zip of XHTML pages (and audio)
        with zipfile.ZipFile(path) as book:
            assert book.testzip() is None
            pages = [n for n in book.namelist() if n.endswith(".xhtml")]
            return "\n".join(html.fromstring(book.read(n)).text_content() for n in pages)
    return path.read_text(encoding="utf-8")


def catalogue_links(out: Path) -> list[str]:
    page = html.fromstring((out / "index.html").read_bytes())
    return [a.get("href") for a in page.iter("a") if a.get("href")]


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (the build's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running, and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def processes_of(root: Path) -> list[int]:
    """Every live process whose command line names the project (a build or its workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                words = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if os.fsencode(root) in words and alive(int(entry.name)):
                found.append(int(entry.name))
    return found
