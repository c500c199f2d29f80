"""Read a leaflet's Markdown source (CONTENT-FORMAT.md) into the model.

markdown-it-py does the parsing; this module only walks its syntax tree, keeps
what the content format allows and reports everything else with file:line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..errors import ContentError, Problem
from ..model import (
    Block,
    EasyPoint,
    Emphasis,
    Image,
    Inline,
    Leaflet,
    Link,
    ListBlock,
    ListItem,
    Note,
    Paragraph,
    Section,
    Span,
    Strong,
    Text,
    plain_text,
)
from ..symbols import SCHEME, is_symbol, similar_names, symbol_path
from ..text.characters import shown, text_problems
from .frontmatter import parse_front_matter
from .glossary import mark_terms

LINK_SCHEMES = {"http", "https", "mailto", "tel"}
IMAGE_CLASSES = {"decorative", "no-label"}  # {.decorative}: no description; {.no-label}: no label
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# markdown-it takes time that grows with the square of a list's nesting depth (5,000 levels:
# minutes), so a line nested or indented this deep is refused before it is parsed.
NESTING_MARKERS = 8
NESTING_INDENT = 40
NESTING = re.compile(r"[ \t]*(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
MAX_FILE_SIZE = 2_000_000  # bytes: a leaflet is a few pages; this is a book
BOXES = {"note", "easy"}
UNSUPPORTED = {
    "html_block": "raw HTML is not allowed; write it in Markdown",
    "table": "tables are not supported yet; use a list or short paragraphs",
    "code_block": "code blocks are not supported; indent text only inside lists",
    "fence": "code blocks are not supported in leaflets",
    "blockquote": "quotes ('>') are not supported; use a '::: note' box",
}


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    md.use(front_matter_plugin).use(attrs_plugin, spans=True)  # [words]{lang=en}
    md.use(container_plugin, name="box", validate=lambda *_: True)
    # markdown-it leaves javascript: and similar links as plain text; let them through
    # as links so that the scheme check below refuses them with a clear message.
    md.validateLink = lambda _url: True
    return md


MARKDOWN = _markdown()


def read_leaflet(path: Path, default_language: str = "en-GB") -> Leaflet:
    """Read and check one leaflet; raise ContentError listing every problem found."""
    text = _decode(path)
    too_deep = nesting_problems(text, path)
    if too_deep:
        raise ContentError(too_deep)
    tokens = MARKDOWN.parse(text)
    too_deep = nested_tokens(tokens, path)
    if too_deep:
        raise ContentError(too_deep)
    if not tokens or tokens[0].type != "front_matter":
        raise ContentError(
            [Problem(path, 1, "a leaflet starts with front matter between '---' lines")]
        )
    front_token = tokens[0]
    meta, problems = parse_front_matter(front_token.content, path, 2, default_language)
    problems += control_characters(text, path, 1)
    body = _BodyReader(path, problems)
    body.read(SyntaxTreeNode(tokens[1:]))
    if meta is not None and body.title is not None and body.title[1] != meta.title:
        problems.append(
            Problem(path, body.title[0], "the '# ' title must equal the front matter title")
        )
    if problems or meta is None:
        # The same character may be found in the file and again in the value YAML reads.
        raise ContentError(sorted(dict.fromkeys(problems), key=lambda p: p.line or 0))
    leaflet = Leaflet(
        source=path,
        slug=path.stem,
        title=meta.title,
        language=meta.language,
        reviewed=meta.reviewed,
        next_review=meta.next_review,
        summary=meta.summary,
        helpline=meta.helpline,
        glossary=meta.glossary,
        pronounce=meta.pronounce,
        references=meta.references,
        intro=tuple(body.intro.blocks),
        intro_easy=body.intro.easy,
        sections=tuple(draft.freeze() for draft in body.sections),
    )
    return mark_terms(leaflet)


def parse_inline(text: str, path: Path, line: int) -> tuple[Inline, ...]:
    """Inline Markdown (e.g. a translated paragraph) -> inline runs, by the leaflet's own rules.

    Raises ContentError, naming `path` and `line`, for anything a paragraph may not hold.
    """
    problems = control_characters(text, path, line)
    root = SyntaxTreeNode(MARKDOWN.parseInline(text))
    inlines = _BodyReader(path, problems).inlines(root.children[0], line, allow_images=False)
    if problems:
        raise ContentError(list(dict.fromkeys(problems)))
    return inlines


def control_characters(text: str, path: Path, first_line: int) -> list[Problem]:
    """Invisible characters (pasted from other programs, or hostile) that the text gate refuses."""
    return text_problems(text, path, first_line)


def nesting_problems(text: str, path: Path) -> list[Problem]:
    """The first line nested (lists, quotes) or indented deeper than any leaflet needs."""
    for number, line in enumerate(text.split("\n"), start=1):
        markers, end = 0, 0
        while markers <= NESTING_MARKERS and (found := NESTING.match(line, end)):
            markers, end = markers + 1, found.end()
        indent = len(line) - len(line.lstrip(" \t"))
        if markers > NESTING_MARKERS or indent > NESTING_INDENT:
            message = "this line is nested or indented too deeply (lists may be nested one level deep at most)"
            return [Problem(path, number, message)]
    return []


def nested_tokens(tokens: list, path: Path) -> list[Problem]:
    """Emphasis marks nested too deep ('*' x 5,000): markdown-it pairs them without a limit."""
    for token in tokens:
        depth = deepest = 0
        for child in token.children or ():
            depth += child.nesting
            deepest = max(deepest, depth)
        if deepest > NESTING_MARKERS:
            line = token.map[0] + 1 if token.map else None
            return [Problem(path, line, "emphasis ('*' or '_') is nested too deeply here")]
    return []


def _decode(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_SIZE:
            message = (
                f"the file is larger than {MAX_FILE_SIZE // 1_000_000} MB; a leaflet is a few pages"
            )
            raise ContentError([Problem(path, None, message)])
        raw = path.read_bytes()
    except OSError as err:
        raise ContentError([Problem(path, None, f"cannot read the file: {err.strerror}")]) from None
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ContentError(
            [Problem(path, line, "the file is not UTF-8 text; save it as UTF-8")]
        ) from None


@dataclass
class _Draft:
    """A section while it is being read; frozen into a Section at the end."""

    heading: tuple[Inline, ...] = ()
    level: int = 1
    line: int = 0
    blocks: list[Block] = field(default_factory=list)
    easy: tuple[EasyPoint, ...] | None = None
    subsections: list[_Draft] = field(default_factory=list)

    def freeze(self) -> Section:
        subs = tuple(s.freeze() for s in self.subsections)
        return Section(self.heading, self.level, tuple(self.blocks), self.easy, subs, self.line)


class _BodyReader:
    """Walks markdown-it's syntax tree and fills drafts, collecting problems."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.content_dir = path.resolve().parent
        self.problems = problems
        self.title: tuple[int, str] | None = None
        self.intro = _Draft()
        self.sections: list[_Draft] = []
        self.current = self.intro

    def fail(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def read(self, root: SyntaxTreeNode) -> None:
        for index, node in enumerate(root.children):
            if node.type == "heading":
                self.heading(node, first=index == 0)
            elif node.type == "container_box" and node.info.strip() == "easy":
                self.easy(node)
            else:
                self.current.blocks.extend(self.blocks(node))

    # --- structure ---------------------------------------------------------

    def heading(self, node: SyntaxTreeNode, first: bool) -> None:
        line = _line(node)
        level = int(node.tag[1])
        inlines = self.inlines(node.children[0], line, allow_images=False)
        if level == 1:
            if not first or self.title is not None:
                self.fail(line, "a '# ' title may only be the first line after the front matter")
            self.title = (line, plain_text(inlines))
        elif level == 2:
            self.current = _Draft(inlines, 2, line)
            self.sections.append(self.current)
        elif level == 3:
            if not self.sections:
                self.fail(line, "a '### ' subsection must come after a '## ' section")
                return
            self.current = _Draft(inlines, 3, line)
            self.sections[-1].subsections.append(self.current)
        else:
            self.fail(
                line, f"headings deeper than '###' are not allowed (this one is level {level})"
            )

    def easy(self, node: SyntaxTreeNode) -> None:
        if self.current.easy is not None:
            self.fail(_line(node), "this section already has a '::: easy' block")
        points = [self.easy_point(child) for child in node.children]
        self.current.easy = tuple(p for p in points if p is not None)

    def easy_point(self, node: SyntaxTreeNode) -> EasyPoint | None:
        line = _line(node)
        if node.type != "paragraph":
            self.fail(line, "an easy-read block holds only paragraphs, one short point each")
            return None
        parts = self.paragraph_parts(node, line)
        picture = parts.pop(0) if parts and isinstance(parts[0], Image) else None
        if any(isinstance(p, Image) for p in parts):
            self.fail(line, "in easy read, a picture goes at the start of its point")
        words = tuple(run for part in parts if not isinstance(part, Image) for run in part)
        if not plain_text(words).strip():
            self.fail(line, "an easy-read point needs words, not only a picture")
        return EasyPoint(words, picture, line)

    # --- blocks ------------------------------------------------------------

    def blocks(self, node: SyntaxTreeNode, depth: int = 0, in_box: bool = False) -> list[Block]:
        line = _line(node)
        kind = node.type
        if kind in UNSUPPORTED:
            self.fail(line, UNSUPPORTED[kind])
        elif kind == "paragraph":
            return self.paragraph(node, line)
        elif kind in ("bullet_list", "ordered_list"):
            return [self.list_block(node, line, depth)]
        elif kind == "container_box":
            return self.box(node, line, in_box)
        elif kind == "heading":
            self.fail(line, "headings cannot stand inside lists or boxes")
        elif kind != "hr":  # a thematic break is only a visual pause: nothing to keep
            self.fail(line, f"'{kind}' is not part of the content format")
        return []

    def paragraph(self, node: SyntaxTreeNode, line: int) -> list[Block]:
        """A paragraph; pictures inside it stand as figures in their place."""
        blocks: list[Block] = []
        for part in self.paragraph_parts(node, line):
            if isinstance(part, Image) and is_symbol(part.path):
                self.fail(line, "symbols are for easy-read points: inside '::: easy' only")
            elif isinstance(part, Image):
                blocks.append(part)
            elif plain_text(part).strip():
                blocks.append(Paragraph(part, line))
        return blocks

    def list_block(self, node: SyntaxTreeNode, line: int, depth: int) -> ListBlock:
        if depth > 1:  # said once for the outermost list too deep; what is inside is not read
            self.fail(line, "lists may be nested one level deep at most")
            return ListBlock((), node.type == "ordered_list", 1, line)
        items = []
        for item in node.children:
            blocks = [b for child in item.children for b in self.blocks(child, depth + 1, True)]
            items.append(ListItem(tuple(blocks), _line(item)))
        start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 1
        return ListBlock(tuple(items), node.type == "ordered_list", start, line)

    def box(self, node: SyntaxTreeNode, line: int, in_box: bool) -> list[Block]:
        name = node.info.strip()
        if name not in BOXES:
            self.fail(line, f"unknown box '::: {name}' (use '::: note' or '::: easy')")
            return []
        if in_box or name == "easy":
            self.fail(line, f"a '::: {name}' box cannot stand inside a list or another box")
            return []
        inner = [b for child in node.children for b in self.blocks(child, 0, True)]
        return [Note(tuple(inner), line)]

    # --- inline runs -------------------------------------------------------

    def paragraph_parts(self, node: SyntaxTreeNode, line: int) -> list:
        """Split a paragraph into runs of text and the images between them."""
        parts: list = [[]]
        cursor = _Cursor(line)
        for child in node.children[0].children:
            if child.type == "image":
                parts += [self.image(child, cursor.line), []]
            else:
                parts[-1].extend(self.inline(child, cursor, allow_images=False))
        return [p if isinstance(p, Image) else _tidy(p) for p in parts if p != []]

    def inlines(self, node: SyntaxTreeNode, line: int, allow_images: bool) -> tuple[Inline, ...]:
        cursor = _Cursor(line)
        return _tidy([run for c in node.children for run in self.inline(c, cursor, allow_images)])

    def inline(self, node: SyntaxTreeNode, cursor: _Cursor, allow_images: bool) -> list[Inline]:
        kind = node.type
        if kind in ("softbreak", "hardbreak"):
            cursor.line += 1
            return [Text(" ")]
        if kind in ("text", "code_inline"):
            # '&#x202E;' becomes the character itself only here, after the file was checked.
            self.problems += text_problems(node.content, self.path, cursor.line)
            return [Text(node.content)]
        children = [run for c in node.children for run in self.inline(c, cursor, allow_images)]
        if kind == "strong":
            return [Strong(_tidy(children, strip=False))]
        if kind == "em":
            return [Emphasis(_tidy(children, strip=False))]
        if kind == "link":
            return [self.link(node, children, cursor.line)]
        if kind == "span":
            return [self.span(node, children, cursor.line)]
        if kind == "html_inline":
            self.fail(cursor.line, f"raw HTML is not allowed: {shown(node.content)}")
        elif kind == "image":
            self.fail(cursor.line, "pictures cannot stand inside headings or links")
        else:
            self.fail(cursor.line, f"'{kind}' is not part of the content format")
        return []

    def link(self, node: SyntaxTreeNode, children: list[Inline], line: int) -> Inline:
        url = str(node.attrs.get("href", ""))
        scheme = urlsplit(url).scheme.lower()
        if scheme not in LINK_SCHEMES:
            shown_scheme = (
                f"'{shown(scheme)}:' links"
                if scheme
                else "links without http://, https://, mailto: or tel:"
            )
            self.fail(line, f"{shown_scheme} are not allowed: {shown(url)}")
        self.problems += text_problems(unquote(url), self.path, line, one_line=True)
        return Link(_tidy(children, strip=False), url)

    def span(self, node: SyntaxTreeNode, children: list[Inline], line: int) -> Inline:
        """Words in another language: `[Example Cancer Care]{lang=en}`; nothing else."""
        lang = str(node.attrs.get("lang", ""))
        if set(node.attrs) != {"lang"} or not LANGUAGE_TAG.fullmatch(lang):
            self.fail(line, "a [bracketed span] marks another language only: [words]{lang=en}")
        return Span(_tidy(children, strip=False), lang)

    def image(self, node: SyntaxTreeNode, line: int) -> Image:
        src = unquote(str(node.attrs.get("src", "")))
        alt = _plain(node).strip()  # node.content is the raw source, with its \-escapes
        classes = set(str(node.attrs.get("class", "")).split())
        if classes - IMAGE_CLASSES or set(node.attrs) - {"src", "alt", "title", "class"}:
            self.fail(line, "a picture may be marked {.decorative} or {.no-label}, nothing else")
        decorative = "decorative" in classes
        label = "no-label" not in classes
        caption = str(node.attrs.get("title", "")).strip()
        for words in (src, alt, caption):  # entities and %-escapes are resolved by now
            self.problems += text_problems(words, self.path, line, one_line=True)
        if not alt and not decorative:
            self.fail(line, "image has no alt text (add a description, or mark it {.decorative})")
        if src.lower().startswith(SCHEME):
            return Image(self.symbol(src, line), alt, caption, decorative, line, label)
        path = (self.content_dir / src).resolve()
        if urlsplit(src).scheme or not path.is_relative_to(self.content_dir):
            self.fail(line, f"image '{shown(src)}' is outside the content folder")
        elif not path.is_file():
            self.fail(line, f"image '{shown(src)}' does not exist")
        return Image(path, alt, caption, decorative, line, label)

    def symbol(self, src: str, line: int) -> Path:
        """A picture from the symbol set: `symbol:doctor` (see `publisher symbols`)."""
        name = src[len(SCHEME) :]
        path = symbol_path(name)
        if path is None:
            near = " or ".join(similar_names(name))
            hint = f" (did you mean {near}?)" if near else " (`publisher symbols` lists them)"
            self.fail(line, f"there is no symbol called '{name}'{hint}")
        return path or Path(name)


@dataclass
class _Cursor:
    """The source line an inline run is on, advanced at each line break."""

    line: int


def _plain(node: SyntaxTreeNode) -> str:
    """The words of an inline node, as text: escapes and entities resolved, marks dropped
    (HTML-like text the reader let through is kept as the words it is)."""
    if node.type in ("text", "code_inline", "html_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_plain(child) for child in node.children)


def _line(node: SyntaxTreeNode) -> int:
    return node.map[0] + 1 if node.map else 0


def _tidy(runs: list[Inline], strip: bool = True) -> tuple[Inline, ...]:
    """Join neighbouring text runs and, for a whole paragraph, trim its ends."""
    merged: list[Inline] = []
    for run in runs:
        if isinstance(run, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + run.text)
        else:
            merged.append(run)
    if strip and merged and isinstance(merged[0], Text):
        merged[0] = Text(merged[0].text.lstrip())
    if strip and merged and isinstance(merged[-1], Text):
        merged[-1] = Text(merged[-1].text.rstrip())
    return tuple(run for run in merged if not (isinstance(run, Text) and not run.text))
