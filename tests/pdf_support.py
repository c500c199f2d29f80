"""Building large-print PDFs for tests, and reading them back as a reader's tools would."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pdfplumber
import pikepdf

from publisher.config import Config
from publisher.formats import WriteContext
from publisher.formats.pdf.writer import write
from publisher.i18n.words import Words
from publisher.model import Leaflet
from publisher.reading.source import read_leaflet

from .conftest import ROOT, require_tool

# The project's own cache folder: the fonts cut from the variable Noto Sans are made once.
FONT_CACHE = ROOT / ".cache" / "publisher"
TODAY = date(2026, 6, 1)
ORGANISATION = "Example Cancer Care & Co <UK>"


def context(
    font_size: float = 18,
    today: date = TODAY,
    draft: bool = False,
    words: Words | None = None,
    page_size: str = "A4",
) -> WriteContext:
    config = Config(
        organisation=ORGANISATION, font_size=font_size, page_size=page_size, cache_dir=FONT_CACHE
    )
    return WriteContext(config, today, words or Words(), draft)


def use_font_cache(root: Path) -> None:
    """Point a scratch project's cache at FONT_CACHE, keeping the rest of its publisher.toml."""
    config = root / "publisher.toml"
    text = config.read_text(encoding="utf-8") if config.is_file() else ""
    setting = f'cache = "{FONT_CACHE.as_posix()}"'
    if re.search(r"^cache\s*=", text, flags=re.M):
        text = re.sub(r"^cache\s*=.*$", setting, text, flags=re.M)
    elif "[paths]" in text:
        text = text.replace("[paths]", f"[paths]\n{setting}")
    else:
        text += f"\n[paths]\n{setting}\n"
    config.write_text(text, encoding="utf-8")


def build_pdf(source: Path, target: Path, **options: object) -> tuple[Leaflet, Path]:
    """Read a leaflet and write its large-print PDF; options go to `context`."""
    leaflet = read_leaflet(source)
    write(leaflet, target, context(**options))  # type: ignore[arg-type]
    return leaflet, target


def pdftotext(path: Path, *options: str) -> str:
    tool = require_tool("pdftotext")
    done = subprocess.run([tool, *options, str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def words_only(text: str) -> str:
    """Text with every run of white space made one space, to compare across line breaks."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Line:
    """One printed line of a page, as pdfplumber finds it."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the largest character size on the line
    bold: bool  # every letter bold


def lines(path: Path) -> list[Line]:
    """Every line of every page, top to bottom (the invisible alt text included)."""
    found = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for line in page.extract_text_lines(return_chars=True, strip=True):
                letters = [c for c in line["chars"] if c["text"].strip()]
                found.append(
                    Line(
                        page=number,
                        text=line["text"],
                        x0=min(c["x0"] for c in letters),
                        x1=max(c["x1"] for c in letters),
                        top=min(c["top"] for c in letters),
                        bottom=max(c["bottom"] for c in letters),
                        size=round(max(c["size"] for c in letters), 1),
                        bold=all("Bold" in c["fontname"] for c in letters),
                    )
                )
    return found


def all_chars(path: Path) -> Iterator[tuple[int, dict]]:
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for char in page.chars:
                yield number, char


def outline(path: Path) -> list[tuple[str, int]]:
    """The bookmarks as (title, depth), in order."""
    entries: list[tuple[str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            entries.append((str(item.title), depth))
            walk(item.children, depth + 1)

    with pikepdf.open(path) as pdf, pdf.open_outline() as tree:
        walk(tree.root, 0)
    return entries


def boxes(page: pdfplumber.page.Page) -> list[tuple[float, float, float, float]]:
    """The bordered boxes (or the part of one on this page): (x0, top, x1, bottom)."""
    sides = [
        line for line in page.lines if line["linewidth"] >= 3 and abs(line["x0"] - line["x1"]) < 0.5
    ]
    lefts = sorted((s for s in sides if s["x0"] < page.width / 2), key=lambda s: s["top"])
    rights = [s["x0"] for s in sides if s["x0"] >= page.width / 2]
    return [(s["x0"], s["top"], max(rights), s["bottom"]) for s in lefts]


# --- the structure tree ------------------------------------------------------------------


@dataclass(frozen=True)
class Element:
    """One structure element as pikepdf reads it: role, depth under Document, attributes."""

    role: str
    depth: int
    alt: str | None
    lang: str | None
    mcids: tuple[tuple[int, int], ...]  # (page index, MCID) of its own marked content
    links: int  # link annotations (OBJR) among its kids
    contents: tuple[str, ...]  # those annotations' /Contents


def structure(path: Path) -> list[Element]:
    """Every structure element under StructTreeRoot, depth first: the reading order."""
    found: list[Element] = []
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}

        def walk(element: pikepdf.Dictionary, depth: int) -> None:
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            own, annotations, below = [], [], []
            for kid in kids:
                if isinstance(kid, int):
                    own.append((pages[element.Pg.objgen], int(kid)))
                elif kid.get("/Type") == "/MCR":
                    own.append((pages[kid.Pg.objgen], int(kid.MCID)))
                elif kid.get("/Type") == "/OBJR":
                    annotations.append(str(kid.Obj.get("/Contents", "")))
                else:
                    below.append(kid)
            found.append(
                Element(
                    str(element.S)[1:],
                    depth,
                    str(element.Alt) if "/Alt" in element else None,
                    str(element.Lang) if "/Lang" in element else None,
                    tuple(own),
                    len(annotations),
                    tuple(annotations),
                )
            )
            for kid in below:
                walk(kid, depth + 1)

        top = pdf.Root.StructTreeRoot.K
        for document in top if isinstance(top, pikepdf.Array) else [top]:
            walk(document, 0)
    return found


def struct_text(path: Path) -> list[tuple[int, str, str]]:
    """`pdfinfo -struct-text`: (depth, role, text) of each element, its text joined."""
    tool = require_tool("pdfinfo")
    done = subprocess.run([tool, "-struct-text", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows: list[list] = []
    for line in done.stdout.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        content = line.strip()
        if content.startswith('"'):
            rows[-1][2] += content[1:-1]
        elif content:
            rows.append([depth, content.split(" ")[0], ""])
    return [(depth, role, text) for depth, role, text in rows]
