"""A Word document read into blocks of the content format: headings, paragraphs, lists,
notes and pictures, with what cannot be carried over reported by position."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from ..errors import ContentError, Problem
from .blocks import Block, Heading, Item, Note, Para, Picture, Span

DC = "http://purl.org/dc/elements/1.1/"
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True)
HEADING_STYLE = re.compile(r"^Heading (\d)$")
LIST_STYLE = re.compile(r"^List (Bullet|Number)(?: (\d))?$")
NOTE_STYLES = {"Note", "Intense Quote", "Quote"}
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
R_EMBED = qn("r:embed")


@dataclass(frozen=True, slots=True)
class WordDocument:
    """What a Word file holds, in the content format's terms."""

    title: str
    summary: str
    language: str
    blocks: tuple[Block, ...]
    notes: tuple[str, ...]  # things to rewrite by hand, each with its position


def read_word(path: Path) -> WordDocument:
    """Read `path` (.docx) into blocks; a file Word cannot have written is one clear error."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as err:
        raise ContentError([Problem(path, None, f"not a Word (.docx) file: {err}")]) from None
    reader = _Reader(document)
    blocks = tuple(reader.read())
    props = core_properties(document)
    title = reader.title or props.get("title", "")
    summary = props.get("subject", "")
    return WordDocument(
        title=title,
        summary="" if summary == title else summary,
        language=props.get("language", ""),
        blocks=blocks,
        notes=tuple(reader.notes),
    )


class _Reader:
    """Walks the body in order, remembering where it is for the notes it makes."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.notes: list[str] = []
        self.title = ""
        self.place = "at the start"
        self.count = {"table": 0, "text box": 0}
        self.top = self._top_heading_level()

    def read(self) -> Iterator[Block]:
        for item in self.document.iter_inner_content():
            if isinstance(item, Table):
                self._note("table", "rewrite it as paragraphs or a list")
            else:
                yield from self.paragraph(item)

    def paragraph(self, paragraph: Paragraph) -> Iterator[Block]:
        if paragraph._p.findall(".//" + qn("w:txbxContent")):
            self._note("text box", "move its words into the text")
        style = _style(paragraph)
        spans, pictures = self.inline(paragraph)
        yield from pictures
        if not _plain(spans).strip():
            return
        if style == "Title":
            self.title = self.title or _plain(spans).strip()
        elif level := _heading_level(style):
            if level < self.top and not self.title:
                self.title = _plain(spans).strip()  # Heading 1 used as the title
            else:
                yield self._heading(spans, level - self.top + 1)
        elif style == "Caption":
            yield Para(spans, caption=True)
        elif listed := self._list_place(paragraph, style):
            yield Item(spans, ordered=listed[0], level=listed[1])
        elif style in NOTE_STYLES:
            yield Note(spans)
        else:
            yield Para(spans)

    def _heading(self, spans: tuple[Span, ...], level: int) -> Heading:
        text = _plain(spans).strip()
        if level > 2:
            self.notes.append(f"the heading '{text[:60]}' is a level too deep: it became a ###")
        self.place = f"after the heading '{text[:60]}'"
        return Heading(spans, max(1, min(level, 2)))

    def _top_heading_level(self) -> int:
        """The heading level that starts sections: 2 when a lone first Heading 1 is the title
        (no Title style, and the document's title, if it has one, is that heading)."""
        paragraphs = self.document.paragraphs
        headings = [
            (level, p.text.strip()) for p in paragraphs if (level := _heading_level(_style(p)))
        ]
        levels = [level for level, _ in headings]
        lone_first = levels[:1] == [1] and levels.count(1) == 1 and 2 in levels
        if not lone_first or "Title" in {_style(p) for p in paragraphs}:
            return 1
        named = core_properties(self.document).get("title", "")
        return 2 if named in ("", headings[0][1]) else 1

    def _list_place(self, paragraph: Paragraph, style: str) -> tuple[bool, int] | None:
        """(numbered, level) for a list paragraph, from its numbering or its list style."""
        num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        if num_pr is not None and num_pr.numId is not None and num_pr.numId.val != 0:
            level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            return self._numbered(num_pr.numId.val, level), level
        found = LIST_STYLE.match(style)
        if found:
            return found.group(1) == "Number", int(found.group(2) or 1) - 1
        return None

    def _numbered(self, num_id: int, level: int) -> bool:
        try:
            numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return False
        for num in numbering.findall(qn("w:num")):
            if num.get(qn("w:numId")) != str(num_id):
                continue
            abstract = num.find(qn("w:abstractNumId"))
            return _format_of(numbering, abstract.get(qn("w:val")), level) not in ("bullet", "none")
        return False

    def inline(self, paragraph: Paragraph) -> tuple[tuple[Span, ...], list[Picture]]:
        spans: list[Span] = []
        pictures: list[Picture] = []
        for item in paragraph.iter_inner_content():
            if isinstance(item, Hyperlink):
                address = item.address + (f"#{item.fragment}" if item.fragment else "")
                spans.append(Span(item.text, link=address))
            elif isinstance(item, Run):
                pictures += self.pictures(item)
                spans.append(Span(item.text, bold=bool(item.bold), italic=bool(item.italic)))
        return tuple(s for s in spans if s.text), pictures

    def pictures(self, run: Run) -> list[Picture]:
        found = []
        for drawing in run._r.findall(".//" + qn("w:drawing")):
            properties = drawing.find(".//" + qn("wp:docPr"))
            blip = drawing.find(".//" + qn("a:blip"))
            if blip is None:
                continue
            svg = blip.find(".//" + SVG_BLIP)
            r_id = (svg if svg is not None else blip).get(R_EMBED)
            part = self.document.part.related_parts.get(r_id)
            if part is None:
                continue
            found.append(
                Picture(
                    data=part.blob,
                    content_type=part.content_type,
                    alt=_describe(properties),
                    decorative=properties is not None
                    and any(e.get("val") == "1" for e in properties.iter(DECORATIVE)),
                )
            )
        return found

    def _note(self, kind: str, advice: str) -> None:
        self.count[kind] += 1
        self.notes.append(f"{kind} {self.count[kind]} ({self.place}) was not imported: {advice}")


def _format_of(numbering, abstract_id: str | None, level: int) -> str:  # noqa: ANN001
    for abstract in numbering.findall(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) != abstract_id:
            continue
        for lvl in abstract.findall(qn("w:lvl")):
            if lvl.get(qn("w:ilvl")) == str(level):
                fmt = lvl.find(qn("w:numFmt"))
                return fmt.get(qn("w:val")) if fmt is not None else "decimal"
    return "bullet"


def core_properties(document: Document) -> dict[str, str]:
    """Title, subject and language from docProps/core.xml, found by either relationship
    type: LibreOffice writes the 'officedocument' spelling, which python-docx does not
    look for (it then makes up a title, 'Word Document')."""
    for rel in document.part.package.rels.values():
        if rel.is_external or not rel.reltype.lower().endswith("/metadata/core-properties"):
            continue
        try:
            root = etree.fromstring(rel.target_part.blob, parser=SAFE_XML)
        except etree.XMLSyntaxError:
            return {}
        found = {
            name: root.findtext(f"{{{DC}}}{name}") for name in ("title", "subject", "language")
        }
        return {name: " ".join(value.split()) for name, value in found.items() if value}
    return {}


def _style(paragraph: Paragraph) -> str:
    return (paragraph.style.name or "") if paragraph.style is not None else ""


def _heading_level(style: str) -> int:
    found = HEADING_STYLE.match(style)
    return int(found.group(1)) if found else 0


def _describe(properties) -> str:  # noqa: ANN001
    if properties is None:
        return ""
    return (properties.get("descr") or properties.get("title") or "").strip()


def _plain(spans: tuple[Span, ...]) -> str:
    return "".join(s.text for s in spans)
