"""A speech table is data a translator edits: any mistake is one clear line naming the file,
never a traceback and never a silently wrong recording."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main

from .conftest import write_leaflet


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            '[numbers]\nrange = "{low} i {uchel}"\n',
            "[numbers] 'range': '{low} i {uchel}' must use {high}, {low} (all of them)",
        ),
        ('[numbers]\nrange = "{low} i {high"\n', "[numbers] 'range': unbalanced braces"),
        (
            '[numbers]\nemergency = ["999", "nine"]\n',
            "[numbers] 'emergency' must be a list of numbers",
        ),
        ('[numbers]\nemergency = "999"\n', "[numbers] 'emergency' must be a list of numbers"),
        ('[numbers]\ncounted = "days"\n', "[numbers] 'counted' must be a list of words"),
        ('[numbers]\ncounted = ["days", 3]\n', "[numbers] 'counted' must be a list of words"),
        ('[numbers]\ndate_order = "ymd"\n', '[numbers] \'date_order\' must be "dmy" or "mdy"'),
        ('[units]\nmg = { one = "{n} miligram" }\n', "[units] 'mg' needs at least an 'other' form"),
        (
            '[units]\nmg = { other = "miligram" }\n',
            "[units] 'mg' other: 'miligram' must use {n} (all of them)",
        ),
        (
            '[units]\nmg = { lots = "{n} mg", other = "{n} mg" }\n',
            "[units] 'mg': unknown plural forms ['lots']",
        ),
        ('[times]\nyb = "y bore"\n', "[times] 'yb': 'y bore' must use {time}"),
        ("[symbols]\n'<' = 3\n", "[symbols] '<' must be text in quotes"),
        ('[symbolau]\n"<" = "llai na"\n', "unknown section [symbolau]"),
        ('symbols = "x"\n', "[symbols] must be a table of entries"),
        (
            '[words]\n"24/7" = "drwy\'r {amser}"\n',
            "[words] '24/7': \"drwy'r {amser}\" must use no placeholders",
        ),
        ("[symbols\n", "not a valid speech table"),
    ],
)
def test_a_wrong_table_is_one_clear_line(tmp_path: Path, table: str, message: str) -> None:
    write_leaflet(tmp_path / "content", "## Rhan\n\nGeiriau.\n", "language: cy\n")
    path = tmp_path / "locales" / "cy" / "speech.toml"
    path.parent.mkdir(parents=True)
    path.write_text(table, encoding="utf-8")
    result = CliRunner().invoke(main, ["--root", str(tmp_path), "speech"])
    assert result.exit_code == 1
    assert f"error: {path}" in result.output and message in result.output, result.output
    assert "Traceback" not in result.output
