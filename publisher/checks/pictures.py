"""Pictures, checked before any writer opens them: kind, pixel count, decoding, SVG features.

A picture is read whole here, so that a truncated PNG is refused by `check` and not by
one writer halfway through a build. An SVG may draw only itself: references to other
files or addresses, entities, scripts and style sheets are refused, and every SVG is
drawn once by both renderers in a child process, which a renderer's crash (resvg aborts
the process when it cannot allocate) cannot take down with it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import io
import json
import math
import re
import resource
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem
from ..files import atomic_path, user_cache
from ..model import Image, Leaflet, easy_points, leaflet_blocks
from ..text.characters import shown
from ..text.fonts import Printed

if TYPE_CHECKING:
    from lxml import etree

MAX_PIXELS = 40_000_000
MAX_ASPECT = 10  # width to height or height to width: resvg draws at a fixed width
SVG_ELEMENTS = 10_000
SVG_DEPTH = 40
TRIAL_WIDTH = 1400  # pixels: wider than the Word writer draws at (the text width at 200 dpi)
TRIAL_SECONDS = 60
TRIAL_MEMORY = 2 * 1024**3
RENDERERS = ("PIL", "lxml", "resvg_py", "svglib")  # decoding (Pillow, lxml) and drawing
RASTER_KINDS = {"PNG"}  # what every writer takes (the easy-read page shows PNG and SVG)
SVG_NS = "{http://www.w3.org/2000/svg}"
REFUSED_ELEMENTS = {
    "script": "a script",
    "foreignObject": "a web page inside it (foreignObject)",
    "image": "another picture (draw it into this one instead)",
    "feImage": "another picture (feImage)",
    "iframe": "a web page inside it",
    "video": "a video",
    "audio": "a sound",
}
OUTSIDE_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
NUMBER = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:e[-+]?[0-9]+)?)\s*(px|pt|mm|cm|in|pc)?\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Checked:
    """What checking a leaflet's pictures found: problems, and the words drawn inside SVGs."""

    problems: list[Problem]
    printed: list[Printed]


def leaflet_pictures(leaflet: Leaflet) -> list[Image]:
    found = [b for b in leaflet_blocks(leaflet) if isinstance(b, Image)]
    return found + [p.picture for p in easy_points(leaflet) if p.picture is not None]


def check_pictures(leaflet: Leaflet, cache_dir: Path) -> Checked:
    """Each picture file once, at the line of its first use; a picture whose exact bytes
    passed before (under these rules and renderers) is not decoded or drawn again."""
    first: dict[Path, Image] = {}
    for image in leaflet_pictures(leaflet):
        first.setdefault(image.path, image)
    verdicts = Verdicts(user_cache(cache_dir) / "pictures-checked")
    problems, printed, svgs = [], [], []
    for path, image in first.items():
        try:
            data = path.read_bytes()
        except OSError as err:
            problems.append(picture_problem(leaflet, image, f"cannot be read ({err.strerror})"))
            continue
        digest = verdicts.digest(data)
        known = verdicts.passed(digest)
        if known is not None:
            printed += [Printed(text, image.line) for text in known]
            continue
        if path.suffix.lower() == ".svg":
            reason, words = svg_problem(data, path.name)
            printed += [Printed(text, image.line) for text in words]
            if reason is None:
                svgs.append(Trial(image, data, digest, tuple(words)))
        else:
            reason = raster_problem(data, path.name)
            if reason is None:
                verdicts.remember(digest, ())
        if reason:
            problems.append(picture_problem(leaflet, image, reason))
    for trial, reason in trial_draw(svgs) if svgs else []:
        if reason is None:
            verdicts.remember(trial.digest, trial.words)
        else:
            problems.append(picture_problem(leaflet, trial.image, reason))
    return Checked(problems, printed)


@dataclass(frozen=True, slots=True)
class Trial:
    """An SVG to draw once in the child process: the bytes that were checked, and their key."""

    image: Image
    data: bytes
    digest: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Verdicts:
    """Pictures that passed every check, by a digest of their bytes, the rules and the
    renderers: in the machine's cache, so any change to one of those checks it again."""

    folder: Path

    def digest(self, data: bytes) -> str:
        return hashlib.sha256(_rules() + b"\0" + data).hexdigest()

    def passed(self, digest: str) -> list[str] | None:
        """The words a picture that passed draws; None if these bytes have not passed."""
        try:
            words = json.loads((self.folder / digest).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if isinstance(words, list) and all(isinstance(w, str) for w in words):
            return words
        return None  # a damaged or hand-made entry: check the picture again

    def remember(self, digest: str, words: tuple[str, ...]) -> None:
        try:
            with atomic_path(self.folder / digest, durable=False) as temporary:
                temporary.write_text(json.dumps(list(words)), encoding="utf-8")
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower


@functools.cache
def _rules() -> bytes:
    """These rules (this module's own code) and the installed files of what decodes and
    draws pictures: upgrading or reinstalling one checks every picture again. (Their file
    details, not their versions: importlib.metadata costs a no-op build more than the rest.)"""
    installed = []
    for name in RENDERERS:
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec and spec.origin else None
        found = origin.stat() if origin and origin.is_file() else None
        installed.append(f"{origin}:{found.st_size}:{found.st_mtime_ns}" if found else name)
    return Path(__file__).read_bytes() + "\0".join(installed).encode()


def picture_problem(leaflet: Leaflet, image: Image, reason: str) -> Problem:
    return Problem(leaflet.source, image.line, f"picture '{shown(image.path.name)}' {reason}")


def raster_problem(data: bytes, name: str) -> str | None:
    """Why a PNG cannot be shown: its kind, its size (from the header), or decoding."""
    from PIL import Image as Pillow  # ReportLab's own dependency

    buffer = io.BytesIO(data)
    try:
        with Pillow.open(buffer) as picture:  # reads the header only
            if picture.format not in RASTER_KINDS:
                return "is not a PNG or SVG picture; save it as PNG"
            width, height = picture.size
            if width * height > MAX_PIXELS:
                return (
                    f"is {width} x {height} pixels; make it smaller than "
                    f"{MAX_PIXELS // 1_000_000} megapixels (print needs far fewer)"
                )
            picture.load()  # decodes every pixel: a truncated or corrupt file fails here
    except Exception as err:  # Pillow raises many kinds (OSError, SyntaxError, ValueError...)
        reason = str(err).replace(repr(buffer), repr(name)) or type(err).__name__
        return f"cannot be read ({shown(reason)}); save it again as PNG"
    return None


def svg_problem(data: bytes, name: str) -> tuple[str | None, list[str]]:
    """Why an SVG may not be drawn (None if it may), and the words it draws."""
    from lxml import etree  # only for a picture not checked before

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        tree = etree.fromstring(data, parser, base_url=name).getroottree()
    except (etree.XMLSyntaxError, OSError) as err:
        return f"is not a valid SVG ({shown(str(err))})", []
    dtd = tree.docinfo.internalDTD  # a plain <!DOCTYPE svg PUBLIC ...> line is harmless
    if dtd is not None and (list(dtd.iterentities()) or list(dtd.elements())):
        return "declares a DTD or entities of its own, which are not allowed", []
    root = tree.getroot()
    if root.tag != f"{SVG_NS}svg":
        return "is not an SVG picture (its first element is not <svg>)", []
    reason = outside_references(tree) or size_problem(root)
    words = ["".join(text.itertext()) for text in root.iter(f"{SVG_NS}text")]
    return reason, [w for w in words if w.strip()]


def outside_references(tree: etree._ElementTree) -> str | None:
    """A script, style sheet, another file or a web address the SVG would pull in."""
    from lxml import etree

    root = tree.getroot()
    if any(isinstance(n, etree._ProcessingInstruction) for n in root.itersiblings(preceding=True)):
        return "holds a processing instruction (a style sheet), which is not allowed"
    for count, node in enumerate(root.iter(), 1):
        if count > SVG_ELEMENTS:
            return f"has more than {SVG_ELEMENTS:,} elements"
        if isinstance(node, etree._ProcessingInstruction):
            return "holds a processing instruction (a style sheet), which is not allowed"
        if not isinstance(node.tag, str):
            continue
        if depth(node) > SVG_DEPTH:
            return f"is nested more than {SVG_DEPTH} levels deep"
        reason = element_problem(node)
        if reason:
            return reason
    return None


def element_problem(node: etree._Element) -> str | None:
    from lxml import etree

    name = etree.QName(node).localname
    if name in REFUSED_ELEMENTS:
        return f"holds {REFUSED_ELEMENTS[name]}, which is not allowed"
    texts = [node.text or ""] if name == "style" else []
    for attribute, value in node.attrib.items():
        local = etree.QName(attribute).localname
        if local.lower().startswith("on"):
            return f"holds a script ({shown(local)}), which is not allowed"
        if local == "href" and not value.strip().startswith("#"):
            return f"refers to another file or address ({shown(value)}), which is not allowed"
        texts.append(value)
    for text in texts:
        if "@import" in text or OUTSIDE_URL.search(text):
            return "refers to another file or address in its style, which is not allowed"
    return None


def depth(node: etree._Element) -> int:
    return sum(1 for _ in node.iterancestors())


def size_problem(root: etree._Element) -> str | None:
    """A size both renderers can draw: positive, finite, and not a thin sliver."""
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        width, height = (float(box[2]), float(box[3])) if len(box) == 4 else lengths(root)
    except ValueError:
        return 'has no size that can be read: give it a viewBox, like viewBox="0 0 100 100"'
    if not (math.isfinite(width) and math.isfinite(height)) or width <= 0 or height <= 0:
        return "has no size: give it a positive width and height, or a viewBox"
    if max(width / height, height / width) > MAX_ASPECT:
        return f"is more than {MAX_ASPECT} times as long as it is wide; crop it"
    return None


def lengths(root: etree._Element) -> tuple[float, float]:
    found = [NUMBER.match(root.get(name) or "") for name in ("width", "height")]
    if not all(found):
        raise ValueError
    return float(found[0][1]), float(found[1][1])  # type: ignore[index]


# The child process: each SVG drawn by resvg (Word) and svglib (PDF); "ok N" after each.
TRIAL = """
import sys, resvg_py
from svglib.svglib import svg2rlg
width = int(sys.argv[1])
for number, path in enumerate(sys.argv[2:]):
    try:
        resvg_py.svg_to_bytes(svg_path=path, width=width)
        if svg2rlg(path) is None:
            raise ValueError("svglib cannot draw it")
    except Exception as err:
        print("no", number, str(err).replace("\\n", " ")[:200], flush=True)
    else:
        print("ok", number, flush=True)
"""


def trial_draw(trials: list[Trial]) -> list[tuple[Trial, str | None]]:
    """Draw each SVG once in a child process, from the bytes that were checked; each with
    why it cannot be drawn (None when it can)."""
    with tempfile.TemporaryDirectory(prefix="publisher-trial-") as folder:
        paths = [Path(folder) / f"{number}.svg" for number in range(len(trials))]
        for path, trial in zip(paths, trials, strict=True):
            path.write_bytes(trial.data)
        command = [sys.executable, "-c", TRIAL, str(TRIAL_WIDTH), *map(str, paths)]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TRIAL_SECONDS,
                preexec_fn=_limit_memory,
            ).stdout
        except subprocess.TimeoutExpired as err:
            done = err.stdout.decode() if isinstance(err.stdout, bytes) else (err.stdout or "")
    answers = dict(_answer(line) for line in done.splitlines() if line[:3] in ("ok ", "no "))
    crashed = "makes the SVG renderer crash or take too long; simplify it"
    drawn = []
    for number, (path, trial) in enumerate(zip(paths, trials, strict=True)):
        reason = answers.get(number, crashed)  # named as the leaflet names it, not the copy
        drawn.append((trial, reason and reason.replace(str(path), trial.image.path.name)))
    return drawn


def _answer(line: str) -> tuple[int, str | None]:
    verdict, number, reason = (line.split(" ", 2) + [""])[:3]
    return int(number), None if verdict == "ok" else f"cannot be drawn ({shown(reason)})"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (TRIAL_MEMORY, TRIAL_MEMORY))
