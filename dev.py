#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11+.

    python3 dev.py build   build the sample leaflets in every format into out/
    python3 dev.py test    run the test suite

The first run makes a virtual environment in .venv and installs the project
and its test tools into it; later runs reinstall only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"


def python() -> str:
    return str(BIN / ("python.exe" if os.name == "nt" else "python"))


def ensure_environment() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text() == wanted:
        return
    if not BIN.is_dir():
        print("making a virtual environment in .venv", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    print("installing publisher and its test tools into .venv", file=sys.stderr)
    subprocess.run([python(), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([python(), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    commands = {
        "build": [python(), "-m", "publisher", "build", *argv[1:]],
        "test": [python(), "-m", "pytest", *argv[1:]],
    }
    if not argv or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    ensure_environment()
    return subprocess.run(commands[argv[0]], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
