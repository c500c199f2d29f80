"""The package's imports point one way (docs/ARCHITECTURE.md): read with ast, not run.

The model imports nothing of the project, readers know no format, no writer
imports another writer, and no module imports itself back through others.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "publisher"
WRITERS = ("pdf", "docx", "html", "audio", "epub", "braille")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(root: Path) -> dict[str, set[str]]:
    """Every module of the package under `root` -> the project modules it imports anywhere."""
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([node.module] if node.module else []))
                # `from pkg import module` imports the module; `from pkg import name` the package
                found |= {
                    f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names
                }
        graph[name] = {m for m in found if m in files and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One path for each import cycle found by a depth-first walk."""
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def writer_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) > 2 and parts[1] == "formats" and parts[2] in WRITERS:
        return parts[2]
    return None


def crossings(graph: dict[str, set[str]]) -> list[str]:
    """Imports from one writer's folder into another's."""
    return [
        f"{a} -> {b}"
        for a, targets in graph.items()
        for b in targets
        if writer_of(a) and writer_of(b) and writer_of(a) != writer_of(b)
    ]


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return imports(PACKAGE)


def test_there_is_no_import_cycle(graph: dict[str, set[str]]) -> None:
    assert cycles(graph) == []


def test_the_model_imports_nothing_of_the_project(graph: dict[str, set[str]]) -> None:
    assert graph["publisher.model"] == set()


def test_no_writer_imports_another_writer(graph: dict[str, set[str]]) -> None:
    assert crossings(graph) == []


def test_readers_know_no_format_speech_or_build(graph: dict[str, set[str]]) -> None:
    reading = {m: t for m, t in graph.items() if m.startswith("publisher.reading")}
    assert reading, "the reading package is missing"
    for module, targets in reading.items():
        bad = [t for t in targets if t.split(".")[1] in ("formats", "speech", "build", "cli")]
        assert bad == [], f"{module} imports {bad}"


def test_every_format_has_its_own_folder_with_write_at_the_front() -> None:
    from publisher.formats import FORMATS

    for fmt in FORMATS.values():
        # a format's other file (braille's PEF, the easy-read recording) is written by a
        # module inside that format's folder
        folder = fmt.module.split(".")[2]
        assert (PACKAGE / "formats" / folder / "__init__.py").is_file(), f"formats/{folder}/"
        assert fmt.module.startswith(f"publisher.formats.{folder}")
        assert fmt.part_of in ("", folder)
        assert callable(fmt.load())


def test_the_package_root_holds_only_the_first_places_to_look() -> None:
    root = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert root == [
        "__init__.py",
        "__main__.py",
        "cli.py",
        "config.py",
        "errors.py",
        "files.py",
        "model.py",
    ]


def test_the_checks_find_a_planted_cycle_and_crossing(tmp_path: Path) -> None:
    """The walker itself: a cycle and a writer-to-writer import in a made-up package are found."""
    pkg = tmp_path / "publisher"
    for folder in ("", "formats", "formats/pdf", "formats/docx"):
        (pkg / folder).mkdir(exist_ok=True)
        (pkg / folder / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from . import b\n")
    (pkg / "b.py").write_text("def f():\n    from .a import x\n")
    (pkg / "formats/pdf/story.py").write_text("from ..docx import body\n")
    (pkg / "formats/docx/body.py").write_text("import os\n")
    found = imports(pkg)
    assert cycles(found) == [["publisher.a", "publisher.b", "publisher.a"]]
    assert crossings(found) == ["publisher.formats.pdf.story -> publisher.formats.docx.body"]
