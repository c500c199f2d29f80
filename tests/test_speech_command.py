"""`publisher speech` prints what will be heard; `check` warns about what would not be;
the speech tables are data a translator extends, signed off with the tool's words."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from publisher.cli import main
from publisher.config import load_config
from publisher.i18n.state import CHANGED, REVIEWED, tool_translation

from .conftest import write_leaflet

BODY = """## Doses

Do not take > 4 g/day. In an emergency call 999.

### At night

Take it at 8pm → then sleep ✓.
"""
FRONT = "references:\n  - Smith J, Jones AB, Brown C, et al. Pain relief at home. J Pain. 2024;32(4):1-9.\n"


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), *args])


def test_speech_prints_the_script_with_chapter_marks(tmp_path: Path) -> None:
    write_leaflet(tmp_path / "content", BODY, FRONT)
    result = run(tmp_path, "speech")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "# Test leaflet (en-GB), about 1 min"
    assert "## 1 Doses" in lines and "### 2 At night" in lines
    # One sentence a line, as each is spoken.
    dose = lines.index("Do not take more than 4 grams a day.")
    assert lines[dose + 1] == "In an emergency call 9 9 9."
    assert lines[lines.index("## 4 Sources") + 1 :] == [
        "Chapter 4: Sources",
        "This chapter has 1 source.",
        "Smith and others. Pain relief at home. 2024.",
        "End of Test leaflet.",
    ]


def test_speech_of_one_language_and_one_path(project: Path) -> None:
    result = run(project, "speech", "--lang", "cy", str(project / "content" / "having-a-scan.md"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Cael sgan (cy)")
    assert "## 1 Cyn eich sgan" in result.output
    assert "(en-GB)" not in result.output  # only the language asked for
    wrong = run(project, "speech", "--lang", "cy", str(project / "content" / "nothing.md"))
    assert wrong.exit_code != 0 and "Traceback" not in wrong.output


def test_check_warns_about_what_the_audio_would_not_say(tmp_path: Path) -> None:
    body = "## Doses\n\nTake > 4 g/day.\n\n### At night\n\nSee § 3 & rest †.\n"
    write_leaflet(tmp_path / "content", body)
    result = run(tmp_path, "check")
    assert "test.md:12: the audio would not say '§' (U+00A7 section sign)" in result.output
    assert "test.md:12: the audio would not say '†' (U+2020 dagger)" in result.output
    assert "'&'" not in result.output and "'>'" not in result.output  # the table says them
    assert "'>'" not in result.output  # the English table says it
    assert result.exit_code == 0


def test_a_project_table_extends_what_is_said(tmp_path: Path) -> None:
    write_leaflet(tmp_path / "content", "## Part\n\nSee § 3 when done.\n")
    assert "would not say '§'" in run(tmp_path, "check").output  # the shipped table has none
    table = tmp_path / "locales" / "en" / "speech.toml"
    table.parent.mkdir(parents=True)
    shipped = Path(__file__).resolve().parents[1] / "locales" / "en" / "speech.toml"
    table.write_text(shipped.read_text() + "\n[more]\n", encoding="utf-8")
    broken = run(tmp_path, "speech")
    assert broken.exit_code == 1
    assert f"error: {table}: unknown section [more]" in broken.output
    text = shipped.read_text().replace('"→" = "then"', '"→" = "then"\n"§" = "section"')
    table.write_text(text, encoding="utf-8")
    assert "See section 3 when done." in run(tmp_path, "speech").output
    checked = run(tmp_path, "check")
    assert checked.exit_code == 0 and "would not say" not in checked.output
    table.write_text("[symbols]\n'<' = \n", encoding="utf-8")
    bad = run(tmp_path, "speech")
    assert bad.exit_code == 1 and "not a valid speech table" in bad.output
    assert "Traceback" not in bad.output


def test_the_speech_table_is_signed_off_with_the_tools_words(project: Path) -> None:
    config = load_config(project)
    assert tool_translation(config, "cy").review_state == REVIEWED
    table = project / "locales" / "cy" / "speech.toml"
    table.write_text(table.read_text().replace('"<" = "llai na"', '"<" = "mwy na"'))
    assert tool_translation(config, "cy").review_state == CHANGED
    built = run(project, "build", "--format", "html", "--lang", "cy")
    assert "not signed off" in built.output and "changed since" in built.output
    shutil.copy(Path(__file__).resolve().parents[1] / "locales" / "cy" / "speech.toml", table)
    assert tool_translation(config, "cy").review_state == REVIEWED
