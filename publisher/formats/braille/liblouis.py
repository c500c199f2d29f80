"""liblouis, the braille translator of NVDA, JAWS, BRLTTY and DAISY Pipeline, through ctypes.

The system library (Debian's liblouis20 with its tables in liblouis-data) is called
directly: Debian's `louis` module belongs to Debian's Python, not to the project's.
Text goes in as Unicode; braille comes out as Unicode braille patterns (U+2800-U+28FF),
because every table list starts with liblouis's own `unicode.dis` display table.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
from collections.abc import Callable
from dataclasses import dataclass

INSTALL = "apt install liblouis20 liblouis-data"
DISPLAY = "unicode.dis"  # dots out as U+2800 + the dots' bits, whatever the table's own display
NO_UNDEFINED = 128  # translation mode: a character the table lacks gives nothing, not \x escapes
LOG_OFF = 60000  # liblouis's log level that silences its messages on stderr
BOLD = 4  # liblouis typeform of the third emphasis class (bold in UEB tables)


@dataclass(frozen=True, slots=True)
class Louis:
    """The loaded library of this process and its wide-character size (2 or 4 bytes)."""

    lib: ctypes.CDLL
    char_size: int

    @property
    def version(self) -> str:
        return self.lib.lou_version().decode()

    def has_table(self, table: str) -> bool:
        """Whether liblouis finds and compiles this table (a name or a comma-separated list)."""
        return bool(self.lib.lou_getTable(table_list(table).encode()))

    def translate(
        self, table: str, text: str, bold: list[bool] | None = None, mode: int = 0
    ) -> str:
        """Text -> Unicode braille; `bold` marks the characters to emphasise."""
        typeform = [BOLD if b else 0 for b in bold] if bold else None
        return self._call(self.lib.lou_translateString, table, text, typeform, mode)

    def back_translate(self, table: str, braille: str) -> str:
        """Unicode braille -> text: how a reader's software would read the braille back."""
        return self._call(self.lib.lou_backTranslateString, table, braille, None, 0)

    def defines(self, table: str, character: str) -> bool:
        """Whether the table has braille for a character (liblouis shows others as \\x escapes)."""
        return self.translate(table, character, mode=NO_UNDEFINED) != ""

    def _call(
        self,
        function: Callable[..., int],
        table: str,
        text: str,
        forms: list[int] | None,
        mode: int,
    ) -> str:
        encoding = "utf-32-le" if self.char_size == 4 else "utf-16-le"
        char = ctypes.c_uint32 if self.char_size == 4 else ctypes.c_uint16
        raw = text.encode(encoding)
        length = len(raw) // self.char_size
        source = (char * max(length, 1)).from_buffer_copy(raw or bytes(self.char_size))
        room = length * 10 + 16  # contracted braille is rarely longer than its text; signs add
        target = (char * room)()
        in_length, out_length = ctypes.c_int(length), ctypes.c_int(room)
        typeform = (ctypes.c_uint16 * room)(*forms) if forms else None
        ok = function(
            table_list(table).encode(),
            source,
            ctypes.byref(in_length),
            target,
            ctypes.byref(out_length),
            typeform,
            None,
            mode,
        )
        if not ok:
            raise ValueError(f"liblouis could not translate with {table}")
        if in_length.value < length:
            raise ValueError(f"liblouis stopped after {in_length.value} of {length} characters")
        return bytes(target)[: out_length.value * self.char_size].decode(encoding)


def table_list(table: str) -> str:
    return f"{DISPLAY},{table}"


def open_liblouis() -> Louis | None:
    """liblouis of this process, or None when it is not installed."""
    return _load(os.getpid())


@functools.cache
def _load(pid: int) -> Louis | None:
    """Load once per process (`pid`: a forked child loads afresh)."""
    name = ctypes.util.find_library("louis")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.lou_version.restype = ctypes.c_char_p
    lib.lou_charSize.restype = ctypes.c_int
    lib.lou_getTable.argtypes = [ctypes.c_char_p]
    lib.lou_getTable.restype = ctypes.c_void_p
    lib.lou_setLogLevel.argtypes = [ctypes.c_int]
    lib.lou_setLogLevel(LOG_OFF)  # a missing table is our message, not liblouis's
    return Louis(lib, lib.lou_charSize())


def unavailable() -> str | None:
    """Why braille cannot be made on this machine, or None when it can."""
    if open_liblouis() is None:
        return f"the braille format needs liblouis, which is not installed (Debian or Ubuntu: {INSTALL})"
    return None
