"""Leaflets read before, kept in the machine's cache: a build with nothing to do reads no Markdown.

An entry is found by a digest of the code, the file's path and bytes, and the source
language, so any change reads the file again. It is trusted only while every picture it
names is still there (reading checks that); a damaged entry is read again. Only leaflets
read without problems are kept: problems are always found afresh.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from ..files import atomic_path, user_cache
from ..model import Image, Leaflet, easy_points, leaflet_blocks


class ReadCache:
    """read_leaflet through the machine's cache of leaflets already read."""

    def __init__(self, project_cache: Path, code: str) -> None:
        self.folder = user_cache(project_cache) / "leaflets"
        self.code = code
        self.present: dict[Path, bool] = {}  # pictures, shared by many leaflets

    def read(self, path: Path, language: str) -> Leaflet:
        """The leaflet at `path`, as read_leaflet reads it; raises its ContentError."""
        try:
            data = path.read_bytes()
        except OSError:
            return _read(path, language)  # which says what is wrong with the file
        where = f"{path}\0{path.resolve()}"  # a linked leaflet names its pictures from its folder
        key = hashlib.sha256(f"{self.code}\0{where}\0{language}\0".encode() + data).hexdigest()
        entry = self.folder / f"{key[:32]}.pickle"
        leaflet = _load(entry)
        if leaflet is None or leaflet.source != path or not self._pictures_present(leaflet):
            leaflet = _read(path, language)
            _store(entry, leaflet)
        return leaflet

    def _pictures_present(self, leaflet: Leaflet) -> bool:
        found = [b.path for b in leaflet_blocks(leaflet) if isinstance(b, Image)]
        found += [p.picture.path for p in easy_points(leaflet) if p.picture is not None]
        return all(self._present(path) for path in found)

    def _present(self, path: Path) -> bool:
        """Reading stored each picture's resolved path: one that is now a link elsewhere (or
        gone) must be read again, so that reading's checks see it. Asked once per build."""
        if path not in self.present:
            self.present[path] = path.is_file() and path.resolve() == path
        return self.present[path]


def _read(path: Path, language: str) -> Leaflet:
    from ..reading.source import read_leaflet  # Markdown parsers: only for what changed

    return read_leaflet(path, language)


def _load(entry: Path) -> Leaflet | None:
    try:
        found = pickle.loads(entry.read_bytes())
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None  # missing, or written by other code: read the file again
    return found if isinstance(found, Leaflet) else None


def _store(entry: Path, leaflet: Leaflet) -> None:
    try:
        with atomic_path(entry, durable=False) as temporary:
            temporary.write_bytes(pickle.dumps(leaflet, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a cache that cannot be written only makes the next build slower
