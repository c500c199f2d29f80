"""The structure tree of the tagged PDF, built in source order and filled in while drawing.

The story adds a node (Document, H1, P, L, LI, Figure, Link, Note...) for everything it
prints, in the order of the source; each flowable carries its node as `tag`. While the
pages are drawn, `TaggingCanvas` wraps what a node draws in marked content with an MCID
and remembers which page each MCID and each link area is on; `structure.finish` then
writes the StructTreeRoot from the tree. Whatever no node claims is an Artifact.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import ListFlowable

MARK_CALLBACK = "publisher-mark"  # the name of the <onDraw> callback of a link's start and end
ACTUAL_TEXT = "/Span <</ActualText "  # how shaping.py marks a letter drawn as other glyphs


@dataclass(frozen=True, slots=True)
class Content:
    """Marked content `mcid` on page `page` (0-based)."""

    page: int
    mcid: int


@dataclass(frozen=True, slots=True)
class Area:
    """A link area: the `number`th link annotation made while drawing, on page `page`."""

    page: int
    number: int


@dataclass(eq=False)
class Node:
    """One structure element: its role, attributes and kids (nodes, content, link areas)."""

    role: str
    number: int
    parent: Node | None = None
    alt: str | None = None  # a Figure's description
    lang: str | None = None  # when it differs from the document's
    url: str | None = None  # a Link's address
    contents: str | None = None  # a Link's description: its text and where it goes
    actual: str | None = None  # the words, where the page shows them otherwise (a broken word)
    kids: list[Node | Content | Area] = field(default_factory=list)

    def nodes(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.nodes()

    def child(self, role: str) -> Node | None:
        return next((k for k in self.kids if isinstance(k, Node) and k.role == role), None)

    def ancestor(self, role: str) -> Node | None:
        node: Node | None = self
        while node is not None and node.role != role:
            node = node.parent
        return node


class Tree:
    """The structure tree under construction: `add` puts a node under the current parent."""

    def __init__(self) -> None:
        self.root = Node("Document", 0)
        self.all = [self.root]
        self._parent = self.root

    def add(
        self, role: str, attach: bool = True, parent: Node | None = None, **attributes: str | None
    ) -> Node:
        """A node under `parent` or the current parent; `attach=False` (a Link): it joins its
        parent's kids when it is first drawn, so that it comes after the text drawn before it."""
        node = Node(role, len(self.all), parent or self._parent, **attributes)
        if attach:
            self._parent.kids.append(node)
        self.all.append(node)
        return node

    @contextmanager
    def inside(self, role: str, attach: bool = True, **attributes: str | None) -> Iterator[Node]:
        """A node whose nodes are added inside the `with` block."""
        node = self.add(role, attach, **attributes)
        with self.within(node):
            yield node

    @contextmanager
    def within(self, node: Node) -> Iterator[None]:
        """Nodes added inside the `with` block go under `node` (a Figure's caption)."""
        outer, self._parent = self._parent, node
        try:
            yield
        finally:
            self._parent = outer


class Switch(str):
    """A place inside a text object where the marked content changes to `node`'s (an empty
    string to ReportLab; TaggingCanvas.drawText replaces it with EMC and the next BDC)."""

    node: Node

    def __new__(cls, node: Node) -> Switch:
        switch = super().__new__(cls, "")
        switch.node = node
        return switch


class TaggingCanvas(Canvas):
    """A canvas that marks what each node draws with an MCID; the rest stays unmarked."""

    def __init__(self, *args: object, tree: Tree, **options: object) -> None:
        super().__init__(*args, **options)
        self.tree = tree
        self.block: Node | None = None  # the node of the flowable being drawn
        self.inline: Node | None = None  # a Link inside it
        self.sealed = False  # inside a Figure: its content is already one marked sequence
        self.pages: list[list[Node]] = [[]]  # per page, the node of each MCID
        self.areas: list[Node] = []  # the Link node of each link annotation, in order
        self.setNamedCB(MARK_CALLBACK, self._mark_callback)
        self.glyph_text: dict[tuple[str, str], str] = {}  # (font, private-use glyph) -> text

    # --- which node is drawing ------------------------------------------------------

    @contextmanager
    def drawing(self, node: Node | None, opening: int | None = None) -> Iterator[None]:
        """What is drawn inside the block belongs to `node` (None: an artifact); `opening`:
        the Link node its text starts in."""
        outer = self.block, self.inline
        self.block = node
        self.inline = self.tree.all[opening] if opening is not None else None
        try:
            yield
        finally:
            self.block, self.inline = outer

    @contextmanager
    def linking(self, number: int | None) -> Iterator[None]:
        """The text drawn inside is the link node `number`'s (None: no link)."""
        outer = self.inline
        self.inline = self.tree.all[number] if number is not None else outer
        try:
            yield
        finally:
            self.inline = outer

    @contextmanager
    def figure(self, node: Node | None) -> Iterator[None]:
        """Everything drawn inside is one marked sequence: the Figure's, or an artifact's."""
        if node is None:
            with self.drawing(None):
                yield
            return
        self._code.append(self._begin(node))
        self.sealed = True
        try:
            yield
        finally:
            self.sealed = False
            self._code.append("EMC")

    @property
    def current(self) -> Node | None:
        return self.inline or self.block

    # --- marked content ---------------------------------------------------------------

    def _begin(self, node: Node, properties: str = "") -> str:
        page = self.getPageNumber() - 1
        while len(self.pages) <= page:
            self.pages.append([])
        mcid = len(self.pages[page])
        self.pages[page].append(node)
        _attach(node)
        node.kids.append(Content(page, mcid))
        # poppler takes ActualText only from a sequence tagged /Span, whatever its node
        tag = "Span" if properties else node.role
        return f"/{tag} <<{properties}/MCID {mcid}>> BDC"

    def beginText(self, x: float = 0, y: float = 0, direction: object = None) -> PDFTextObject:  # noqa: N802
        text = super().beginText(x, y, direction)
        text.starts_with = self.current  # type: ignore[attr-defined]
        return text

    def drawText(self, text: PDFTextObject) -> None:  # noqa: N802 - ReportLab's name
        """The text object's content inside BT ... ET marked as its node's."""
        start = getattr(text, "starts_with", self.current)
        code = text._code
        if self.sealed or (start is None and not any(isinstance(c, Switch) for c in code)):
            text._code = [c for c in code if not isinstance(c, Switch)]
            super().drawText(text)
            return
        marked = [code[0]]
        node, state = start, ""  # whose content it is; what is open: "", "node", "letter"
        for item in code[1:]:
            if item.endswith((" Tj T*", " TJ T*")):
                # A space where ReportLab breaks the line, or a reader of the tree (a
                # screen reader, pdfinfo -struct-text) runs the last word into the next.
                # (ReportLab keeps code 32 a space in every subset of a font.)
                item = item[: -len("T*")] + "( ) Tj T*"
            elif item.strip() == "T*" and marked[-1].endswith((" Tj", " TJ")):
                # a line break of its own (<br/>); none after a word broken at its hyphen
                item = item if marked[-1].endswith("-) Tj") else "( ) Tj" + item
            if isinstance(item, Switch):
                marked += ["EMC"] if state else []
                node, state = item.node, ""
            elif node is not None and item.startswith(ACTUAL_TEXT):
                # A letter with ActualText is marked content of its own, not nested in the
                # node's: poppler's tree reader ends a node's content at the first EMC.
                marked += ["EMC"] if state else []
                marked.append(self._begin(node, item[len("/Span <<") : -len(">> BDC")]))
                state = "letter"
            elif item == "EMC" and state == "letter":
                marked.append(item)
                state = ""
            else:
                if not state and node is not None:
                    marked.append(self._begin(node))
                    state = "node"
                marked.append(item)
        if state:
            marked.append("EMC")
        text._code = marked
        super().drawText(text)

    def _mark_callback(self, canvas: Canvas, kind: str, label: str | None) -> None:
        """<onDraw> at a link's start (label: its node) and end (label: "") in a Paragraph."""
        text = canvas._curr_tx_info["tx"]  # type: ignore[attr-defined]
        self.inline = self.tree.all[int(label)] if label else None
        node = self.current
        if node is not None and not self.sealed:
            text._code.append(Switch(node))

    # --- link areas ---------------------------------------------------------------------

    def linkURL(
        self, url: str, rect, relative=0, thickness=0, color=None, dashArray=None, kind="URI", **kw
    ) -> None:  # type: ignore[override]  # noqa: N802, E501
        """A link area, numbered so that `structure.finish` can put it in its Link node."""
        node = self._link_node(url)
        if node is not None:
            kw["PublisherArea"] = len(self.areas)
            kw["Contents"] = _pdf_string(node.contents or url)
            self.areas.append(node)  # attached to its parent when its text is drawn
            node.kids.append(Area(self.getPageNumber() - 1, len(self.areas) - 1))
        super().linkURL(url, rect, relative, thickness, color, dashArray, kind, **kw)

    def _link_node(self, url: str) -> Node | None:
        """The Link node of a link area: the link being drawn, else the first of the block's
        links to `url` (ReportLab makes a line's link areas once the line is done)."""
        if self.inline is not None and self.inline.url == url:
            return self.inline
        block = self.block
        if block is None:
            return None
        return next(
            (
                node
                for node in self.tree.all
                if node.role == "Link" and node.url == url and _inside(node, block)
            ),
            None,
        )


def _inside(node: Node, block: Node) -> bool:
    while node.parent is not None:
        if node.parent is block:
            return True
        node = node.parent
    return False


def _attach(node: Node) -> None:
    """`node` among its parent's kids, and so on up (a Span inside a Link not drawn yet)."""
    if node.parent is not None and not any(kid is node for kid in node.parent.kids):
        _attach(node.parent)
        node.parent.kids.append(node)


def _pdf_string(text: str) -> PDFString:
    return PDFString(text)


class Marked:
    """A flowable mixin: what the flowable draws is marked as its node's, `tag`."""

    tag: Node | None = None
    opening: int | None = None  # the Link node its text starts in (MarkupSetter.markup)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        drawing = getattr(canvas, "drawing", None)
        if drawing is None:
            super().drawOn(canvas, x, y, _sW)  # type: ignore[misc]
            return
        with drawing(self.tag, self.opening):
            super().drawOn(canvas, x, y, _sW)  # type: ignore[misc]

    def split(self, available_width: float, available_height: float) -> list:
        parts = super().split(available_width, available_height)  # type: ignore[misc]
        for number, part in enumerate(parts):
            if isinstance(part, Marked):
                part.tag = self.tag
                part.opening = self.opening if number == 0 else None
        return parts


class MarkedList(ListFlowable):
    """ReportLab's list, each item's marker drawn as the Lbl of its LI node (the L's kids)."""

    def __init__(self, tag: Node, flowables: list, **options: object) -> None:
        self.tag = tag
        self._made = 0
        super().__init__(flowables, **options)

    def _getContent(self, *args: object) -> list:  # noqa: N802 - ReportLab's name
        self._made = 0  # ReportLab makes the content again for each split
        return super()._getContent(*args)

    def _makeLIIndenter(self, flowable, bullet, params=None):  # noqa: N802 - ReportLab's name
        if bullet is not None:
            items = [kid for kid in self.tag.kids if isinstance(kid, Node)]
            if self._made < len(items):
                bullet = _Label(bullet, items[self._made].child("Lbl"))
            self._made += 1
        return super()._makeLIIndenter(flowable, bullet, params)


class _Label:
    """A list marker drawn as its Lbl node's content; otherwise ReportLab's bullet."""

    def __init__(self, bullet: object, node: Node | None) -> None:
        self._bullet, self._node = bullet, node

    def drawOn(self, indenter, canvas, x, y, _sW=0):  # noqa: N802, N803 - ReportLab's name
        drawing = getattr(canvas, "drawing", None)
        if drawing is None:
            self._bullet.drawOn(indenter, canvas, x, y, _sW)
            return
        with drawing(self._node):
            self._bullet.drawOn(indenter, canvas, x, y, _sW)

    def __getattr__(self, name: str) -> object:
        return getattr(self._bullet, name)
