"""`publisher import`: Word documents (made with python-docx, saved by LibreOffice, and
written by publisher itself) become leaflets that `check` reads and `build` builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches

from publisher.model import Paragraph, Section, iter_blocks, plain_text
from publisher.reading.source import read_leaflet

from .conftest import CONTENT, ROOT, require_tool

DATES = "reviewed: 2026-05-01\nnext_review: 2028-05-01\n"
PNG = CONTENT / "images" / "body-map.png"


def publisher(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "publisher", *args], cwd=cwd, capture_output=True, text=True
    )


def add_link(paragraph, text: str, address: str) -> None:
    r_id = paragraph.part.relate_to(address, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = text
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def add_text_box(paragraph, text: str) -> None:
    """A minimal VML text box, as older Word files hold them."""
    run = paragraph.add_run()._r
    pict = OxmlElement("w:pict")
    box = OxmlElement("w:txbxContent")
    inner = OxmlElement("w:p")
    inner_run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = text
    inner_run.append(words)
    inner.append(inner_run)
    box.append(inner)
    pict.append(box)
    run.append(pict)


def describe_last_picture(document, description: str) -> None:
    properties = document.inline_shapes[-1]._inline.docPr
    properties.set("descr", description)


@pytest.fixture(scope="module")
def word_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    document = docx.Document()
    document.core_properties.title = "Living with a stoma"
    document.core_properties.subject = "What a stoma is and how to look after it."
    document.add_paragraph("Living with a stoma", style="Title")
    document.add_paragraph("Heading one", style="Heading 1")
    intro = document.add_paragraph("A stoma is ")
    intro.add_run("an opening").bold = True
    intro.add_run(" on your ")
    intro.add_run("tummy").italic = True
    intro.add_run(". Read *this* [carefully] #1.")
    document.add_paragraph("Bring these:", style="Normal")
    document.add_paragraph("your bags", style="List Bullet")
    document.add_paragraph("a spare bag", style="List Bullet 2")
    document.add_paragraph("your letter", style="List Bullet")
    document.add_paragraph("Heading two", style="Heading 2")
    document.add_paragraph("Call the nurse", style="List Number")
    document.add_paragraph("Wait for a call back", style="List Number")
    linked = document.add_paragraph("See ")
    add_link(linked, "our website", "https://example.org/stoma")
    linked.add_run(" for more.")
    document.add_picture(str(PNG), width=Inches(2))
    describe_last_picture(document, "A drawing of the body")
    document.add_paragraph("Where the stoma sits", style="Caption")
    document.add_picture(str(PNG), width=Inches(1))  # no description
    document.add_paragraph("Deep heading", style="Heading 3")
    document.add_paragraph("1. Not a list: a sentence that starts with a number.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Day"
    boxed = document.add_paragraph("Before the box.")
    add_text_box(boxed, "Words in a box")
    path = tmp_path_factory.mktemp("word") / "Living With A Stoma (v2).docx"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def imported(word_file: Path, tmp_path_factory: pytest.TempPathFactory):
    project = tmp_path_factory.mktemp("project")
    done = publisher("import", str(word_file), "--out", "content", cwd=project)
    return project, done


def test_the_leaflet_has_the_word_structure(imported) -> None:
    project, done = imported
    assert done.returncode == 0, done.stderr
    text = (project / "content" / "living-with-a-stoma-v2.md").read_text(encoding="utf-8")
    assert "title: Living with a stoma\n" in text
    assert "summary: What a stoma is and how to look after it.\n" in text
    assert "\n## Heading one\n" in text
    assert "\n### Heading two\n" in text
    assert "\n### Deep heading\n" in text  # Heading 3 under Heading 2: as deep as leaflets go
    assert (
        "A stoma is **an opening** on your *tummy*. Read \\*this\\* \\[carefully\\] \\#1." in text
    )
    assert "- your bags\n  - a spare bag\n- your letter\n" in text
    assert "1. Call the nurse\n1. Wait for a call back\n" in text
    assert "See [our website](<https://example.org/stoma>) for more." in text
    assert "1\\. Not a list" in text
    assert (
        '![A drawing of the body](images/living-with-a-stoma-v2/picture-1.png "Where the stoma sits")'
        in text
    )
    assert "![TODO describe this picture](images/living-with-a-stoma-v2/picture-2.png)" in text
    assert "Words in a box" not in text and "Day" not in text
    assert (
        project / "content/images/living-with-a-stoma-v2/picture-1.png"
    ).read_bytes() == PNG.read_bytes()


def test_what_needs_a_person_is_said_with_its_place(imported) -> None:
    _, done = imported
    lines = done.stderr.splitlines()
    leaflet = "content/living-with-a-stoma-v2.md"
    todo = [line for line in lines if "had no description" in line]
    assert len(todo) == 1 and todo[0].startswith(f"warning: {leaflet}:")
    line = int(todo[0].split(":")[2])
    text = (imported[0] / leaflet).read_text(encoding="utf-8").splitlines()
    assert "TODO describe this picture" in text[line - 1]
    assert any("table 1 (after the heading 'Deep heading') was not imported" in x for x in lines)
    assert any("text box 1 (after the heading 'Deep heading') was not imported" in x for x in lines)
    assert "Traceback" not in done.stderr


def test_check_says_what_is_missing_then_the_leaflet_builds(imported) -> None:
    project, _ = imported
    leaflet = project / "content" / "living-with-a-stoma-v2.md"
    checked = publisher("check", str(leaflet.relative_to(project)), cwd=project)
    assert checked.returncode == 1
    assert "reviewed" in checked.stderr and "Traceback" not in checked.stderr
    text = leaflet.read_text(encoding="utf-8")
    leaflet.write_text(
        text.replace("---\n", "---\n" + DATES, 1).replace(
            "TODO describe this picture", "A second drawing of the body"
        ),
        encoding="utf-8",
    )
    built = publisher("build", "--format", "pdf,docx,html", "--lang", "en-GB", cwd=project)
    assert built.returncode == 0, built.stderr
    result = docx.Document(
        str(project / "out/living-with-a-stoma-v2/en-GB/living-with-a-stoma-v2.docx")
    )
    styles = [(p.style.name, p.text) for p in result.paragraphs]
    assert ("Heading 2", "Heading one") in styles and ("Heading 3", "Heading two") in styles


def test_the_word_file_publisher_built_comes_back(tmp_path: Path) -> None:
    out = tmp_path / "out"
    built = publisher(
        "build",
        "--format",
        "docx",
        "--lang",
        "en-GB",
        "--out",
        str(out),
        str(CONTENT / "having-a-scan.md"),
        cwd=ROOT,
    )
    assert built.returncode == 0, built.stderr
    done = publisher(
        "import",
        str(out / "having-a-scan/en-GB/having-a-scan.docx"),
        "--out",
        str(tmp_path / "content"),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    path = tmp_path / "content" / "having-a-scan.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("---\n", "---\n" + DATES, 1), encoding="utf-8"
    )
    original, again = read_leaflet(CONTENT / "having-a-scan.md"), read_leaflet(path)
    assert again.title == original.title == "Having a scan"
    headings = [s.title for s in again.sections]
    assert headings[:3] == ["Before your scan", "On the day", "After your scan"]
    assert [s.title for s in original.sections] == headings[:3]
    for section, back in zip(original.sections, again.sections, strict=False):
        assert words(section) == words(back)


def words(section: Section) -> list[str]:
    """The words of a section's paragraphs, list items and notes, in order."""
    found = [plain_text(b.inlines) for b in iter_blocks(section.blocks) if isinstance(b, Paragraph)]
    return " ".join(found).split()


def test_a_file_saved_by_libreoffice_imports(tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    flat = tmp_path / "clinic.fodt"
    flat.write_text(FLAT_ODT, encoding="utf-8")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "docx", "--outdir", str(tmp_path), str(flat)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    done = publisher("import", str(tmp_path / "clinic.docx"), "--out", "content", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "content" / "clinic.md").read_text(encoding="utf-8")
    assert "title: Going to the clinic\n" in text
    assert "\n## Before you come\n" in text and "\n### Parking\n" in text
    assert "Bring your **letter** with you." in text
    assert "- your medicines\n- a drink\n" in text
    assert "1. Park in zone B\n1. Pay at the machine\n" in text


FLAT_ODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>Going to the clinic</dc:title></office:meta>
 <office:automatic-styles>
  <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <text:list-style style:name="Bullets">
   <text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
  </text:list-style>
  <text:list-style style:name="Numbers">
   <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
  </text:list-style>
 </office:automatic-styles>
 <office:body><office:text>
  <text:h text:outline-level="1">Before you come</text:h>
  <text:p>Bring your <text:span text:style-name="B">letter</text:span> with you.</text:p>
  <text:list text:style-name="Bullets">
   <text:list-item><text:p>your medicines</text:p></text:list-item>
   <text:list-item><text:p>a drink</text:p></text:list-item>
  </text:list>
  <text:h text:outline-level="2">Parking</text:h>
  <text:list text:style-name="Numbers">
   <text:list-item><text:p>Park in zone B</text:p></text:list-item>
   <text:list-item><text:p>Pay at the machine</text:p></text:list-item>
  </text:list>
 </office:text></office:body>
</office:document>
"""


def test_a_file_that_is_not_word_is_one_clear_error(tmp_path: Path) -> None:
    fake = tmp_path / "notes.docx"
    fake.write_text("just some text, not a zip file", encoding="utf-8")
    done = publisher("import", str(fake), "--out", "content", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("error: notes.docx: not a Word (.docx) file")
    assert "Traceback" not in done.stderr and not (tmp_path / "content").exists()


def test_an_existing_leaflet_is_never_replaced_silently(word_file: Path, tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    mine = tmp_path / "content" / "living-with-a-stoma-v2.md"
    mine.write_text("my own edits\n", encoding="utf-8")
    done = publisher("import", str(word_file), "--out", "content", cwd=tmp_path)
    assert done.returncode == 2 and "already exists: use --force" in done.stderr
    assert mine.read_text(encoding="utf-8") == "my own edits\n"


def test_markdown_marks_in_word_text_stay_words(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Leaflet", style="Title")
    document.add_paragraph("::: note", style="Normal")
    document.add_paragraph("- not a bullet <b>bold?</b> & ![x](y)", style="Normal")
    document.add_paragraph("# not a heading", style="Normal")
    path = tmp_path / "marks.docx"
    document.save(str(path))
    done = publisher("import", str(path), "--out", "content", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    leaflet = tmp_path / "content" / "marks.md"
    leaflet.write_text(
        leaflet.read_text(encoding="utf-8").replace("---\n", "---\n" + DATES, 1), encoding="utf-8"
    )
    read = read_leaflet(leaflet)
    paragraphs = [
        plain_text(b.inlines) for b in iter_blocks(read.intro) if isinstance(b, Paragraph)
    ]
    assert paragraphs == ["::: note", "- not a bullet <b>bold?</b> & ![x](y)", "# not a heading"]
