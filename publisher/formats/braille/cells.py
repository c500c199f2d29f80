"""Braille cells as Unicode patterns (U+2800 + dots) and as North American Braille ASCII (BRF).

A cell's dots 1-6 are the bits 0-5 of its number. BRF files, which embossers and
braille notetakers read, spell each of the 64 six-dot cells with one ASCII character.
"""

from __future__ import annotations

BLANK = "\u2800"
FIRST, LAST = 0x2800, 0x283F  # six-dot cells; dots 7 and 8 cannot be embossed in a BRF
# North American Braille ASCII, the cell with dots value 0, 1, 2, ... 63 (dot n = bit n-1).
ASCII = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
_TO_ASCII = {chr(FIRST + value): letter for value, letter in enumerate(ASCII)}


def is_six_dot(cells: str) -> bool:
    return all(FIRST <= ord(cell) <= LAST for cell in cells)


def to_ascii(cells: str) -> str:
    """Unicode six-dot braille -> Braille ASCII."""
    return "".join(_TO_ASCII[cell] for cell in cells)


def dots(*numbers: str) -> str:
    """Cells from dot numbers, as braille books write them: dots("4", "46", "126")."""
    return "".join(chr(FIRST + sum(1 << (int(d) - 1) for d in number)) for number in numbers)


def from_ascii(text: str) -> str:
    """Braille ASCII -> Unicode six-dot braille: from_ascii("EN") is the cells of e and n."""
    return "".join(chr(FIRST + ASCII.index(letter)) for letter in text.upper())
