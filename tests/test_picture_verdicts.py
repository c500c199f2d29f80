"""A picture that passed its checks is not decoded again; a changed one always is."""

from __future__ import annotations

import io
import os
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image as Pillow

from publisher.checks import pictures
from publisher.cli import main

from .conftest import write_leaflet

PILL_ERROR = (
    "error: content/test.md:12: the font Noto Sans has no glyph for '\U0001f48a' "
    "(U+1F48A PILL): it would print as an empty box; remove it or write it in words"
)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def errors(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("error:")]


def png() -> bytes:
    """A PNG no other test has: its digest, and so its verdict, is this test's own."""
    picture = Pillow.new("RGB", (64, 48), "white")
    for x, byte in enumerate(uuid.uuid4().bytes):
        picture.putpixel((x, 0), (byte, 0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def svg(inside: str) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 90 90">'
        f'<rect width="90" height="90" fill="#{uuid.uuid4().hex[:6]}"/>{inside}</svg>'
    ).encode()


def replace_keeping_time(path: Path, data: bytes) -> None:
    """New bytes with the old modification time: only the content says it changed."""
    old = path.stat()
    path.write_bytes(data)
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_leaflet(tmp_path / "content", "## S\n\nText.\n\n![A map](map.png)\n")
    return tmp_path


def test_a_png_broken_between_builds_is_refused_and_the_last_good_file_kept(
    project: Path,
) -> None:
    picture = project / "content" / "map.png"
    good = png()
    picture.write_bytes(good)
    assert run("build", "--format", "docx").exit_code == 0
    word = project / "out" / "test" / "en-GB" / "test.docx"
    built = word.read_bytes()
    # The same length and time, the pixels gone: only decoding it again finds that.
    replace_keeping_time(picture, good[:100] + bytes(len(good) - 100))
    second = run("build", "--format", "docx")
    assert second.exit_code == 1
    [error] = errors(second)
    assert error.startswith("error: content/test.md:10: picture 'map.png' cannot be read (")
    assert error.endswith("); save it again as PNG")
    assert errors(run("check")) == [error]
    assert word.read_bytes() == built
    replace_keeping_time(picture, good)
    assert run("build", "--format", "docx").exit_code == 0


def test_an_svg_given_a_script_between_builds_is_refused(project: Path) -> None:
    picture = project / "content" / "map.svg"
    (project / "content" / "test.md").write_text(
        (project / "content" / "test.md").read_text().replace("map.png", "map.svg")
    )
    good = svg("")
    picture.write_bytes(good)
    assert run("check").exit_code == 0
    replace_keeping_time(picture, good.replace(b"</svg>", b'<script>alert("x")</script></svg>'))
    assert errors(run("check")) == [
        "error: content/test.md:10: picture 'map.svg' holds a script, which is not allowed"
    ]
    replace_keeping_time(picture, good)
    assert run("check").exit_code == 0


def test_a_picture_that_passed_is_not_decoded_or_drawn_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "content" / "map.png").write_bytes(png())
    (project / "content" / "pill.svg").write_bytes(svg("<text x='9' y='40'>Take \U0001f48a</text>"))
    leaflet = project / "content" / "test.md"
    leaflet.write_text(leaflet.read_text() + "\n![Pill](pill.svg)\n")
    first = run("check")
    assert errors(first) == [PILL_ERROR]  # the SVG passes; the words it draws do not

    def never(*args: object) -> None:
        raise AssertionError("a picture that passed was checked again")

    for name in ("raster_problem", "svg_problem", "trial_draw"):
        monkeypatch.setattr(pictures, name, never)
    second = run("check")
    assert errors(second) == [PILL_ERROR]  # the words it draws come from its verdict
    assert "Traceback" not in second.output


def test_a_damaged_verdict_means_checking_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUBLISHER_CACHE", str(project / "machine-cache"))
    (project / "content" / "map.png").write_bytes(png())
    assert run("check").exit_code == 0
    [verdict] = (project / "machine-cache" / "pictures-checked").iterdir()
    verdict.write_text("{not json")
    checked = []
    monkeypatch.setattr(pictures, "raster_problem", lambda *a: checked.append(a[1]))
    assert run("check").exit_code == 0
    assert checked == ["map.png"]
    assert verdict.read_text() == "[]"


def test_a_renderers_reason_names_the_picture_not_the_copy_it_drew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child draws a copy of the bytes checked: `check` and `build` still say the same."""
    from publisher.model import Image

    says_its_file = "import sys\nprint('no', 0, 'cannot open', sys.argv[2], flush=True)\n"
    monkeypatch.setattr(pictures, "TRIAL", says_its_file)
    trial = pictures.Trial(Image(tmp_path / "map.svg", "A map", "", False, 4), b"<svg/>", "x", ())
    [(_, reason)] = pictures.trial_draw([trial])
    assert reason == "cannot be drawn (cannot open map.svg)"
