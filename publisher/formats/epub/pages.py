"""The page list: where the large-print PDF's pages are in the talking book.

Read from the PDF built beside it (its bookmarks, read in formats/print_edition.py),
never from the PDF writer. A page on which a heading of the leaflet is printed gets a
page-break mark before the first of them, and an entry in the page list; a page whose
text all belongs to a section begun on an earlier page has none.
"""

from __future__ import annotations

from ...model import Leaflet
from ..print_edition import plain_title


def first_pages(leaflet: Leaflet, marks: list[tuple[str, int]]) -> dict[object, int]:
    """The leaflet's headings ("title" or a Section) that are the first on their page,
    with that page, matched to the bookmarks in order by their words."""
    headings = [("title", leaflet.title)] + [(s, s.title) for s in leaflet.all_sections()]
    first: dict[int, object] = {}
    position = 0
    for key, title in headings:
        wanted = plain_title(title)
        found = next((i for i in range(position, len(marks)) if marks[i][0] == wanted), None)
        if found is not None:
            position = found + 1
            first.setdefault(marks[found][1], key)
    return {key: page for page, key in first.items()}
