"""Templates compiled once per machine: an edited template or environment compiles again."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from publisher.formats.templates import compiled_templates


def render(folder: Path, cache: Path, owner: Path, autoescape: bool) -> str:
    environment = Environment(
        loader=FileSystemLoader(folder),
        autoescape=autoescape,
        bytecode_cache=compiled_templates(cache, str(owner)),
    )
    return environment.get_template("page.html").render(name="<b>")


def test_an_edited_template_or_environment_is_compiled_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PUBLISHER_CACHE", str(tmp_path / "machine"))
    (tmp_path / "page.html").write_text("Hello {{ name }}")
    owner = tmp_path / "writer.py"
    owner.write_text("autoescape=True")
    assert render(tmp_path, tmp_path, owner, True) == "Hello &lt;b&gt;"
    assert len(list((tmp_path / "machine" / "templates").iterdir())) == 1
    assert render(tmp_path, tmp_path, owner, True) == "Hello &lt;b&gt;"  # from the cache
    (tmp_path / "page.html").write_text("Goodbye {{ name }}")
    assert render(tmp_path, tmp_path, owner, True) == "Goodbye &lt;b&gt;"
    # The writer's code changed (its escaping here): never the code compiled for the old one.
    owner.write_text("autoescape=False")
    assert render(tmp_path, tmp_path, owner, False) == "Goodbye <b>"
    owner.write_text("autoescape=True")
    assert render(tmp_path, tmp_path, owner, True) == "Goodbye &lt;b&gt;"
