"""Writing outputs safely: a temporary name in the same folder, then a rename."""

from __future__ import annotations

import errno
import functools
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import Problem

TEMPORARY_PREFIX = ".tmp-"  # every temporary file starts so: a later build knows it for a leftover
# Leftovers of earlier versions, named by mkstemp as .<stem>.<8 random characters><suffix>.
_OLD_TEMPORARY = re.compile(r"^\.[^/]+\.[a-z0-9_]{8}\.(pdf|docx|mp3|html|json|txt)$")


@contextmanager
def atomic_path(target: Path, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it into place only on success.

    An interrupted or failed write, or a power cut, leaves the previous file untouched.
    `durable=False` for a cache entry: no wait for the disk (a build writes hundreds), and
    after a power cut it may be empty, which its reader takes for missing.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(
        prefix=f"{TEMPORARY_PREFIX}{target.stem}.", suffix=target.suffix, dir=target.parent
    )
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        if durable:
            _sync(temporary)  # on disk before the rename: a power cut never leaves an empty file
        os.replace(temporary, target)
        if durable:
            _sync(target.parent)
    except OSError as err:
        raise naming(err, target) from None
    finally:
        temporary.unlink(missing_ok=True)


def naming(err: OSError, path: Path) -> OSError:
    """`err`, naming `path` when it names no file: a failed write (a full disk) names none,
    and every message about a file says which."""
    return err if err.filename is not None else OSError(err.errno, err.strerror, str(path))


def _sync(path: Path) -> None:
    """Flush a file's (or a folder's entries') data to the disk."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_text_atomic(target: Path, text: str) -> None:
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")


def is_temporary(path: Path) -> bool:
    """A file atomic_path made and an interrupted process left behind."""
    return path.name.startswith(TEMPORARY_PREFIX) or bool(_OLD_TEMPORARY.match(path.name))


def remove_temporaries(folder: Path) -> list[Path]:
    """Delete the temporary files left anywhere under `folder`; return them."""
    found = [
        Path(top, name)
        for top, _folders, names in os.walk(folder)
        for name in names
        if name.startswith(".") and is_temporary(Path(name))
    ]
    for path in found:
        path.unlink(missing_ok=True)
    return found


def remove_empty_folders(folder: Path, top: Path) -> None:
    """Remove `folder` and its parents up to `top` while they are empty."""
    while folder != top and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def prune_empty_folders(folder: Path) -> None:
    """Remove every empty folder under `folder` (not `folder` itself), deepest first."""
    for top, folders, _names in os.walk(folder, topdown=False):
        for name in folders:
            with suppress(OSError):  # not empty: it holds something a reader may be offered
                (Path(top) / name).rmdir()


def sha256_file(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def digest_files(paths: list[Path], extra: str = "") -> str:
    """A SHA-256 over the contents of some files (missing ones count as empty) and a string."""
    sha = hashlib.sha256(extra.encode())
    for path in paths:
        sha.update(str(path.name).encode())
        sha.update(path.read_bytes() if path.is_file() else b"")
    return sha.hexdigest()


_PLAIN_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the folder is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}
FULL_OR_READ_ONLY = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})
_TEMPORARY_NAME = re.compile(rf"^{re.escape(TEMPORARY_PREFIX)}(.+)\.[a-z0-9_]{{8}}(\.[^.]*)?$")


def os_problem(err: OSError, path: Path | None = None) -> Problem:
    """One line naming the file (the output, not its temporary name) and what went wrong."""
    where = path or (Path(os.fsdecode(err.filename)) if err.filename else None)
    if where is not None and (found := _TEMPORARY_NAME.match(where.name)):
        where = where.with_name(found[1] + (found[2] or ""))
    reason = _PLAIN_REASONS.get(err.errno or 0)
    detail = err.strerror or str(err)
    message = f"cannot write: {reason} ({detail.lower()})" if reason else f"cannot write: {detail}"
    return Problem(where, None, message)


# Names the folder of the caches every project on the machine shares (fonts, read leaflets),
# instead of the user's cache folder: tests and CI point it inside the checkout.
CACHE_VARIABLE = "PUBLISHER_CACHE"


def user_cache(project_cache: Path) -> Path:
    """$PUBLISHER_CACHE, else the user's cache folder (~/.cache/publisher on Linux), else
    the project's cache folder when the user's cannot be made or written (a read-only home)."""
    where = (CACHE_VARIABLE, "XDG_CACHE_HOME", "HOME")
    return _user_cache(project_cache, tuple(os.environ.get(name) for name in where))


@functools.cache  # every leaflet's checks ask: found once per process and environment
def _user_cache(project_cache: Path, environment: tuple[str | None, ...]) -> Path:
    named = environment[0]
    if named:
        return Path(named)
    import platformdirs  # only when a cache is needed: not for `--help`

    folder = platformdirs.user_cache_path("publisher")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return project_cache
    return folder if os.access(folder, os.W_OK) else project_cache
