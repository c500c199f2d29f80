"""Link addresses as print readers need them: shown after the words unless the words say it."""

from __future__ import annotations

import re
from urllib.parse import unquote

from ...model import Link, plain_text
from ...text.phones import link_tel_url, tel_url

__all__ = ["display_address", "link_target", "shown_address", "tel_url"]


def link_target(link: Link) -> str:
    """Where a link goes; a tel: link dials exactly the digits its words show ('(0)' as
    a caller dials it), so the number read and the number rung are the same."""
    if link.url.lower().startswith("tel:"):
        return link_tel_url(link.url, plain_text(link.children))
    return link.url


def display_address(url: str) -> str:
    """What a reader would type or dial: the URL, or the address of a mailto: or tel: link."""
    scheme, _, rest = url.partition(":")
    if scheme.lower() in ("tel", "mailto"):
        return unquote(rest.split("?")[0])
    return url


def shown_address(link: Link) -> str | None:
    """The address to print after a link's words, or None when the words already say it."""
    text = plain_text(link.children).strip()
    address = display_address(link.url)
    match link.url.partition(":")[0].lower():
        case "tel":
            same = _digits(text) != "" and _digits(text) == _digits(address)
        case "mailto":
            same = text.lower() == address.lower()
        case _:
            same = _bare(text) == _bare(address)
    return None if same else address


def _digits(text: str) -> str:
    return re.sub(r"[^\d+]", "", text)


def _bare(url: str) -> str:
    """An address without scheme, 'www.' or final slash, to compare with a link's words."""
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower())
    return url.removeprefix("www.").rstrip("/")
