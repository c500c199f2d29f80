"""Make templates/reference.docx, the empty document every Word file starts from.

    .venv/bin/python scripts/make_word_reference.py

It is python-docx's own default document (Word's built-in styles, which the navigation
pane and screen readers know), less what no leaflet uses but every Word file would carry:
99 of its 100 table styles (424 KB of the 438 KB of styles.xml; the default "Normal Table"
stays), the copy of the styles for Word 2010 (stylesWithEffects.xml), web settings,
custom XML and the picture of a blank page. Opening and saving those was three quarters
of the work of writing a leaflet's Word file. The writer restyles what is left
(formats/docx/styles.py). Run this again after upgrading python-docx if its default
document changes; tests/test_docx.py checks what the writer needs is there.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

TARGET = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
DROPPED_PARTS = {RT.WEB_SETTINGS, RT.CUSTOM_XML, STYLES_WITH_EFFECTS}
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the same bytes on every run: a diff shows real changes


def reference() -> Document:
    document = docx.Document()
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:default")) != "1":
            styles.remove(style)
    package_rels = document.part.package.rels
    for r_id in [r for r, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        del package_rels[r_id]
    for r_id in [r for r, rel in document.part.rels.items() if rel.reltype in DROPPED_PARTS]:
        del document.part.rels[r_id]
    properties = document.core_properties  # python-docx's own name and dates: the writer's job
    properties.author = properties.last_modified_by = properties.title = ""
    properties.comments = properties.keywords = properties.subject = properties.category = ""
    return document


def fixed_times(saved: bytes) -> bytes:
    """The same parts, in the same order, dated alike."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            fixed = zipfile.ZipInfo(item.filename, FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(item))
    return out.getvalue()


def main() -> None:
    saved = io.BytesIO()
    reference().save(saved)
    TARGET.write_bytes(fixed_times(saved.getvalue()))
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
