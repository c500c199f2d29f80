#!/usr/bin/env python3
"""Make a project of N leaflets from the samples, to time builds of a whole catalogue.

    python scripts/make_catalogue.py FOLDER [--leaflets 100]

Leaflet n is a sample leaflet (taken in turn) whose title and every sentence end with
"(n)", so no two leaflets share a spoken sentence: a cold build speaks all of them, as
it would for a real catalogue. The project is English only (the samples' translations
belong to the samples' own slugs). FOLDER must not exist yet.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "content").glob("*.md"))
CONFIG = """\
# A generated catalogue for benchmarks (scripts/make_catalogue.py): example data.
[publisher]
organisation = "Example Cancer Care"
source_language = "en-GB"
languages = []
formats = ["pdf", "docx", "html", "audio"]

[speech]
engine = "espeak"
"""
# A sentence's end inside body text: after a letter, before a space or the line's end.
SENTENCE_END = re.compile(r"(?<=[a-z])\.(?=\s|$)")


def numbered(text: str, n: int) -> str:
    """The sample with its title and every body sentence marked as leaflet n's own."""
    _, front, body = text.split("---\n", 2)
    front = re.sub(r"^title: (.*)$", rf"title: \1 ({n})", front, count=1, flags=re.M)
    lines = [_numbered_line(line, n) for line in body.splitlines()]
    return f"---\n{front}---\n" + "\n".join(lines) + "\n"


def _numbered_line(line: str, n: int) -> str:
    if line.startswith("# "):  # the title, which must equal the front matter's
        return f"{line} ({n})"
    if line.startswith(("#", ":::", "![")) or not line.strip():
        return line
    return SENTENCE_END.sub(f" ({n}).", line)


def make(folder: Path, leaflets: int) -> list[Path]:
    """Write publisher.toml, content/images and `leaflets` numbered leaflets into `folder`."""
    content = folder / "content"
    content.mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "images", content / "images")
    (folder / "publisher.toml").write_text(CONFIG, encoding="utf-8")
    written = []
    for n in range(1, leaflets + 1):
        sample = SAMPLES[(n - 1) % len(SAMPLES)]
        target = content / f"{sample.stem}-{n:03d}.md"
        target.write_text(numbered(sample.read_text(encoding="utf-8"), n), encoding="utf-8")
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--leaflets", type=int, default=100)
    options = parser.parse_args()
    if options.folder.exists():
        sys.exit(f"error: {options.folder} already exists")
    made = make(options.folder, options.leaflets)
    print(f"wrote {len(made)} leaflets into {options.folder / 'content'}")


if __name__ == "__main__":
    main()
