"""The PDF/UA parts ReportLab does not write, added with pikepdf once the pages are drawn.

The structure tree (StructTreeRoot, ParentTree, StructParents), everything no node marked
wrapped as an Artifact, link areas in their Link elements, `/MarkInfo`, `/Lang`, tab order,
XMP metadata with `pdfuaid:part 1`, and ToUnicode maps without private-use targets.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

from .tags import Area, Content, Node, TaggingCanvas

# Operators that start or end a text object or a marked-content sequence: an Artifact
# wrapper never spans them, so marked content and text objects stay properly nested.
_BOUNDARIES = {"BT", "ET", "BDC", "BMC", "EMC"}
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


@dataclass(frozen=True, slots=True)
class Description:
    """What the metadata says about the document."""

    title: str
    language: str
    author: str
    subject: str


def finish(
    data: bytes,
    target: Path | io.BytesIO,
    canvas: TaggingCanvas,
    description: Description,
    glyph_text: Mapping[tuple[str, str], str],
) -> None:
    """Add the structure tree and metadata to the PDF `data` and save it to `target`."""
    with Pdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            mark_artifacts(pdf, page)
            page.obj.Tabs = Name.S
        write_tree(pdf, canvas)
        real_unicode(pdf, glyph_text)
        describe(pdf, description)
        pdf.save(target, fix_metadata_version=False)


def mark_artifacts(pdf: Pdf, page: pikepdf.Page) -> None:
    """Wrap every run of content that no tagged sequence covers in /Artifact BMC ... EMC."""
    result: list = []
    marks: list[bool] = []  # for each open sequence: whether it is tagged (MCID or Artifact)
    wrapping = False
    for instruction in pikepdf.parse_content_stream(page):
        operator = (
            str(instruction.operator)
            if not isinstance(instruction, pikepdf.ContentStreamInlineImage)
            else "INLINE IMAGE"
        )
        if operator in _BOUNDARIES:
            if wrapping:
                result.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
                wrapping = False
            if operator == "EMC":
                marks.pop()
            elif operator in ("BDC", "BMC"):
                marks.append(_tagged(instruction.operands))
        elif not wrapping and not any(marks):
            result.append(
                pikepdf.ContentStreamInstruction([Name.Artifact], pikepdf.Operator("BMC"))
            )
            wrapping = True
        result.append(instruction)
    if wrapping:
        result.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(result))


def _tagged(operands: list) -> bool:
    if operands and operands[0] == Name.Artifact:
        return True
    return len(operands) > 1 and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]


def write_tree(pdf: Pdf, canvas: TaggingCanvas) -> None:
    """StructTreeRoot > Document > ...: each node with its marked content and link areas."""
    pages = [page.obj for page in pdf.pages]
    annotations = _annotations(pdf)
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    elements: dict[int, Dictionary] = {}
    document = _element(pdf, canvas.tree.root, root, pages, annotations, elements)
    root.K = Array([document])
    numbers = Array()
    for index, page in enumerate(pages):
        page.StructParents = index
        marked = canvas.pages[index] if index < len(canvas.pages) else []
        numbers.extend([index, Array([elements[node.number] for node in marked])])
    for number, node in enumerate(canvas.areas):
        key = len(pages) + number
        annotations[number].StructParent = key
        numbers.extend([key, elements[node.number]])
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=numbers))
    root.ParentTreeNextKey = len(pages) + len(canvas.areas)
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)


def _annotations(pdf: Pdf) -> dict[int, Dictionary]:
    """The link areas TaggingCanvas numbered, by number (the number is then removed)."""
    found = {}
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", Array()):
            if "/PublisherArea" in annotation:
                found[int(annotation.PublisherArea)] = annotation
                del annotation["/PublisherArea"]
    return found


def _element(
    pdf: Pdf,
    node: Node,
    parent: Dictionary,
    pages: list[Dictionary],
    annotations: Mapping[int, Dictionary],
    elements: dict[int, Dictionary],
) -> Dictionary:
    element = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.role), P=parent))
    elements[node.number] = element
    kids = Array()
    for kid in node.kids:
        if isinstance(kid, Node):
            if _has_content(kid):
                kids.append(_element(pdf, kid, element, pages, annotations, elements))
        elif isinstance(kid, Content) and kid.page == _first_page(node):
            kids.append(kid.mcid)  # on the element's /Pg: the MCID alone
        elif isinstance(kid, Content):
            kids.append(Dictionary(Type=Name.MCR, Pg=pages[kid.page], MCID=kid.mcid))
        elif isinstance(kid, Area):
            kids.append(Dictionary(Type=Name.OBJR, Pg=pages[kid.page], Obj=annotations[kid.number]))
    if _first_page(node) is not None:
        element.Pg = pages[_first_page(node)]
    element.K = kids[0] if len(kids) == 1 else kids
    for key, value in (("/Alt", node.alt), ("/Lang", node.lang), ("/ActualText", node.actual)):
        if value:
            element[key] = pikepdf.String(value)
    return element


def _first_page(node: Node) -> int | None:
    return next((kid.page for kid in node.kids if isinstance(kid, Content | Area)), None)


def _has_content(node: Node) -> bool:
    return any(isinstance(kid, Content | Area) for n in node.nodes() for kid in n.kids)


def real_unicode(pdf: Pdf, glyph_text: Mapping[tuple[str, str], str]) -> None:
    """Every ToUnicode target that ReportLab left in the private-use area (a joined Arabic
    form, a Bengali conjunct) replaced by the characters the glyph stands for."""
    seen = set()
    for font in _fonts(pdf):
        stream = font.get("/ToUnicode")
        if stream is None or stream.objgen in seen:
            continue
        seen.add(stream.objgen)
        face = str(font.BaseFont).split("+", 1)[-1]
        cmap = stream.read_bytes().decode("latin-1")
        fixed = re.sub(
            r"<([0-9A-F]{2})> <([0-9A-F]{4})>",
            lambda match, face=face: _target(match, face, glyph_text),
            cmap,
        )
        if fixed != cmap:
            stream.write(fixed.encode("latin-1"))


def _target(match: re.Match[str], face: str, glyph_text: Mapping[tuple[str, str], str]) -> str:
    char = chr(int(match.group(2), 16))
    if not _PRIVATE_USE.match(char):
        return match.group(0)
    text = glyph_text.get((face, char), "\ufffd")  # every shaped glyph is learned: see shaping
    return f"<{match.group(1)}> <{text.encode('utf-16-be').hex().upper()}>"


def _fonts(pdf: Pdf) -> Iterable[Dictionary]:
    for thing in pdf.objects:
        if isinstance(thing, Dictionary) and thing.get("/Type") == Name.Font:
            yield thing


def describe(pdf: Pdf, description: Description) -> None:
    """/Lang, the title in the window bar, and XMP metadata that says PDF/UA-1."""
    pdf.Root.Lang = pikepdf.String(description.language)
    preferences = pdf.Root.get("/ViewerPreferences", Dictionary())
    preferences.DisplayDocTitle = True
    pdf.Root.ViewerPreferences = preferences
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        # ReportLab's producer; no dates, which would make two builds of one source differ
        meta["pdf:Producer"] = str(pdf.docinfo.get("/Producer", ""))
        meta["xmp:CreatorTool"] = str(pdf.docinfo.get("/Creator", ""))
        # the title ReportLab wrote (the document info), so a change there shows here too
        meta["dc:title"] = str(pdf.docinfo.get("/Title", description.title))
        meta["dc:language"] = {description.language}
        meta["dc:creator"] = [description.author]
        if description.subject:
            meta["dc:description"] = description.subject
        meta["pdfuaid:part"] = "1"
