"""Phone numbers as a caller dials them, for every format's tel: links and for speech.

'+44 (0)20 7946 0018' means: from abroad +44 20 7946 0018, at home 020 7946 0018. The
'(0)' is the trunk prefix, never dialled after a country code, so a link that kept it
would ring a wrong number.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

TRUNK = re.compile(r"\s?\(0\)\s?")
PHONE_TEXT = re.compile(r"\+?[\d\s\-().]{9,}")


def dialled(number: str) -> str:
    """'+44 (0)20 7946 0018' -> '+44 20 7946 0018'; a number without '+' is left alone."""
    written = number.strip()
    return TRUNK.sub(" ", written).strip() if written.startswith("+") else written


def tel_url(phone: str) -> str:
    """A tel: address from a number as written: its digits (any script's, as ASCII) as a
    caller dials them, with a leading '+' kept: '+44 (0)20 7946 0018' -> 'tel:+442079460018'."""
    written = dialled(phone)
    digits = "".join(
        str(unicodedata.digit(c)) for c in written if unicodedata.digit(c, None) is not None
    )
    return "tel:" + ("+" if written.startswith("+") else "") + digits


def link_tel_url(url: str, text: str) -> str:
    """The tel: address of a link: made from the words when they are a phone number (what
    the reader sees is what is dialled), else from the link's own address."""
    if PHONE_TEXT.fullmatch(text.strip()) and sum(c.isdigit() for c in text) >= 9:
        return tel_url(text)
    return tel_url(unquote(url.partition(":")[2]).split("?")[0])  # '%20' is a space
