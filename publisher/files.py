"""Writing outputs safely: a temporary name in the same folder, then a rename."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it into place only on success.

    An interrupted or failed write leaves the previous file untouched.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent
    )
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_text_atomic(target: Path, text: str) -> None:
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")


def digest_files(paths: list[Path], extra: str = "") -> str:
    """A SHA-256 over the contents of some files (missing ones count as empty) and a string."""
    sha = hashlib.sha256(extra.encode())
    for path in paths:
        sha.update(str(path.name).encode())
        sha.update(path.read_bytes() if path.is_file() else b"")
    return sha.hexdigest()


# Names the folder of the caches every project on the machine shares (fonts, read leaflets),
# instead of the user's cache folder: tests and CI point it inside the checkout.
CACHE_VARIABLE = "PUBLISHER_CACHE"


def user_cache(project_cache: Path) -> Path:
    """$PUBLISHER_CACHE, else the user's cache folder (~/.cache/publisher on Linux), else
    the project's cache folder when the user's cannot be made or written (a read-only home)."""
    named = os.environ.get(CACHE_VARIABLE)
    if named:
        return Path(named)
    import platformdirs  # only when a cache is needed: not for `--help`

    folder = platformdirs.user_cache_path("publisher")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return project_cache
    return folder if os.access(folder, os.W_OK) else project_cache
