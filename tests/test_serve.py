"""`publisher serve` in Chromium: the page follows the source as it is saved, and a broken
edit shows its error with the file and line, without anyone pressing reload."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import require_tool

WAIT_MS = 60_000  # a rebuild on a busy CI machine; it takes a second or two when idle


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("serve") / "project"
    subprocess.run(
        [sys.executable, "-m", "publisher", "new", str(folder)], check=True, capture_output=True
    )
    settings = folder / "publisher.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"(?m)^formats = .*$", 'formats = ["html"]', text), encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "publisher", "serve", "--port", "0"],
        cwd=folder,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = server.stderr.readline()
        found = re.search(r"serving on (http://127\.0\.0\.1:\d+/)", line)
        assert found, line
        url = found.group(1)
        wait_for_build(url, 1)
        yield url, folder
    finally:
        server.terminate()
        server.wait(timeout=30)


def status(url: str) -> dict:
    with urllib.request.urlopen(url + "__status", timeout=10) as response:
        return json.loads(response.read())


def wait_for_build(url: str, generation: int) -> dict:
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        found = status(url)
        if found["generation"] >= generation and not found["building"]:
            return found
        time.sleep(0.2)
    raise AssertionError(f"no build {generation} within {WAIT_MS} ms")


def test_the_list_offers_every_format_built(served: tuple[str, Path]) -> None:
    url, _ = served
    with urllib.request.urlopen(url, timeout=10) as response:
        page = response.read().decode()
    assert "/files/example-leaflet/en-GB/example-leaflet-easy-read.html" in page
    assert "/script/example-leaflet/en-GB" in page
    with urllib.request.urlopen(url + "script/example-leaflet/en-GB", timeout=30) as response:
        script = response.read().decode()
    assert "Tell the staff at the clinic desk that you are here." in script
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(url + "files/../publisher.toml", timeout=10)


def test_a_saved_edit_appears_and_a_broken_one_shows_its_error(served: tuple[str, Path]) -> None:
    from .browser import chromium

    url, folder = served
    leaflet = folder / "content" / "example-leaflet.md"
    original = leaflet.read_text(encoding="utf-8")
    with chromium(require_tool("chromium")) as browser:
        page = browser.new_page()
        page.goto(url + "files/example-leaflet/en-GB/example-leaflet-easy-read.html")
        assert "A nurse will call your name." in page.inner_text("main")
        leaflet.write_text(
            original.replace("A nurse will call your name.", "A nurse will come and find you."),
            encoding="utf-8",
        )
        page.wait_for_function(
            "document.body.innerText.includes('A nurse will come and find you.')", timeout=WAIT_MS
        )
        broken = original.replace("title: Coming", "colour: red\ntitle: Coming", 1)
        leaflet.write_text(broken, encoding="utf-8")
        alert = page.wait_for_selector("#publisher-preview-problems", timeout=WAIT_MS)
        message = alert.inner_text()
        assert "error: content/example-leaflet.md:2:" in message, message
        assert "colour" in message
        leaflet.write_text(original, encoding="utf-8")
        page.wait_for_function(
            "!document.getElementById('publisher-preview-problems')"
            " && document.body.innerText.includes('A nurse will call your name.')",
            timeout=WAIT_MS,
        )
