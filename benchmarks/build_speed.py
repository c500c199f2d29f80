"""How long a charity waits for a rebuild: cold, unchanged, and one paragraph edited.

    .venv/bin/python benchmarks/build_speed.py [--jobs N] [--formats pdf,docx,html,audio]

Copies the sample project into a scratch folder and times three builds of it:
a cold build (no output, no speech or font cache), the same build again (every
file is up to date), and a build after one paragraph of one leaflet changed.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from publisher.build.run import build
from publisher.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def timed_build(root: Path, formats: tuple[str, ...], jobs: int) -> tuple[float, int, int]:
    config = load_config(root)
    start = time.perf_counter()
    report = build([], config, formats=formats, jobs=jobs)
    if report.errors:
        raise SystemExit("\n".join(str(p) for p in report.errors))
    return time.perf_counter() - start, len(report.written), len(report.up_to_date)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--formats", default="pdf,docx,html,audio")
    args = parser.parse_args()
    formats = tuple(args.formats.split(","))
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for name in ("content", "locales"):
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, root / name)
        shutil.copy(ROOT / "publisher.toml", root / "publisher.toml")
        rows = [("cold build", *timed_build(root, formats, args.jobs))]
        rows.append(("nothing changed", *timed_build(root, formats, args.jobs)))
        source = root / "content" / "having-a-scan.md"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("Please\nread it carefully.", "Read it with care."))
        rows.append(("one paragraph edited", *timed_build(root, formats, args.jobs)))
    print(f"{'build':<22}{'seconds':>9}{'written':>9}{'up to date':>12}")
    for name, seconds, written, fresh in rows:
        print(f"{name:<22}{seconds:>9.2f}{written:>9}{fresh:>12}")


if __name__ == "__main__":
    main()
