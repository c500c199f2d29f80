#!/usr/bin/env python3
"""Compare two build folders file by file, ignoring only the build time a file carries.

    python scripts/compare_builds.py OLD_OUT NEW_OUT

PDFs are compared without /CreationDate, /ModDate and /ID; Word files part by
part without the core properties' dates; the manifest without digests (they
cover the code, which is what changed, and files that carry their build time).
Everything else must be byte-identical.
Exit 0 when the folders hold the same outputs, 1 otherwise.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

PDF_TIMES = re.compile(
    rb"/(CreationDate|ModDate) \(D:[^)]*\)|/ID\s*\[<[0-9a-fA-F]*><[0-9a-fA-F]*>\]"
)
DOCX_TIMES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def normalised(path: Path) -> bytes | dict:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return PDF_TIMES.sub(b"", data)
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            return {n: DOCX_TIMES.sub(b"", archive.read(n)) for n in archive.namelist()}
    if path.name == "manifest.json":
        ignored = {"digest", "sha256"}  # over the code, and over files that carry their build time
        return {
            k: {f: v for f, v in e.items() if f not in ignored} for k, e in json.loads(data).items()
        }
    return data


def main(old: Path, new: Path) -> int:
    names = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    names |= {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    differ = [
        n
        for n in sorted(names)
        if not ((old / n).is_file() and (new / n).is_file())
        or normalised(old / n) != normalised(new / n)
    ]
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(names) - len(differ)} of {len(names)} files the same")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
