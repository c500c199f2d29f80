"""The navigation document: the heading tree (title, sections, subsections, closing)
and the page list of the large-print edition."""

from __future__ import annotations

from markupsafe import Markup

from .content import Heading


def toc(headings: list[Heading]) -> Markup:
    """Nested <ol>: the title, then each section with its subsections, then the closing."""
    items: list[Markup] = []
    index = 0
    while index < len(headings):
        heading = headings[index]
        index += 1
        children = []
        while index < len(headings) and headings[index].level > max(heading.level, 2):
            children.append(headings[index])
            index += 1
        inner = toc(children) if children else Markup("")
        items.append(
            Markup('<li><a href="{}">{}</a>{}</li>').format(heading.href, heading.title, inner)
        )
    return Markup("<ol>\n{}\n</ol>").format(Markup("\n").join(items))
