"""A signed-off translation goes through the same pre-write rules as the source leaflet."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main

from .conftest import ROOT

SAMPLE_KEY = ROOT / "examples" / "sample-reviewer" / "id_ed25519"  # example data, published

EMOJI_ERROR = (
    "error: locales/cy/having-a-scan.po: in the cy translation: the font Noto Sans has no "
    "glyph for '\U0001f48a' (U+1F48A PILL): it would print as an empty box; remove it or "
    "write it in words"
)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_an_emoji_in_a_signed_off_translation_is_refused_by_check_and_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    po = project / "locales" / "cy" / "having-a-scan.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Cael sgan"\n', 'msgstr "Cael sgan \U0001f48a"\n'), "utf-8")
    signed = run(
        "i18n", "review", "having-a-scan", "--lang", "cy",
        "--reviewer", "Example Reviewer (sample data)", "--key", str(SAMPLE_KEY),
        "--accept", "number-5075e672", "--accept", "number-ba66045e",  # the sample's accepted
    )  # fmt: skip
    assert signed.exit_code == 0, signed.output
    check = run("check", "content/having-a-scan.md")
    assert check.exit_code == 1
    assert [line for line in check.output.splitlines() if line.startswith("error:")] == [
        EMOJI_ERROR
    ]
    build = run("build", "--format", "docx,html", "--jobs", "1", "content/having-a-scan.md")
    assert build.exit_code == 1
    assert [line for line in build.output.splitlines() if line.startswith("error:")] == [
        EMOJI_ERROR
    ]
    assert not (project / "out").exists()  # not even the English or the Word file


def test_a_renderer_that_crashes_takes_only_its_child_process_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """resvg aborts the whole process when it cannot allocate: the trial runs in a child."""
    from publisher.checks import pictures
    from publisher.model import Image

    trials = []
    for name, colour, line in (("good.svg", "red", 3), ("bad.svg", "blue", 9)):
        data = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">'
            f'<rect width="9" height="9" fill="{colour}"/></svg>'
        ).encode()
        image = Image(tmp_path / name, name, "", False, line)
        trials.append(pictures.Trial(image, data, name, ()))
    # The child aborts as resvg does, on the second picture only.
    crash = "import os, sys\nprint('ok', 0, flush=True)\nos.abort()\n"
    monkeypatch.setattr(pictures, "TRIAL", crash)
    drawn = pictures.trial_draw(trials)
    assert [(trial.image.line, reason) for trial, reason in drawn] == [
        (3, None),
        (9, "makes the SVG renderer crash or take too long; simplify it"),
    ]
