"""What must not end a page: a heading, or a line that introduces a list, stays with what
follows it. ReportLab's own keepWithNext leaves out a list, a picture or a box (containers
may not join its KeepTogether), so a heading or an introduction could end a page before one.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.doctemplate import FrameBreak


class KeepStart(KeepTogether):
    """Flowables that must not end a page and the one after them: moved to the next page
    together when they and the start of that one (all of a picture or box, `least` points of
    a list or paragraph) do not fit; otherwise laid out one by one, so a long list flows."""

    def __init__(self, flowables: list[Flowable], least: float) -> None:
        super().__init__(flowables)
        self.least = least

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        *first, last = self._content
        need = sum(
            f.getSpaceBefore()
            + f.wrapOn(self.canv, available_width, available_height)[1]
            + f.getSpaceAfter()
            for f in first
        )
        height = last.wrapOn(self.canv, available_width, available_height)[1]
        # a picture or box comes whole (its wrap says "split me": _H is its height)
        start = last._H if isinstance(last, KeepTogether) else min(height, self.least)
        need += last.getSpaceBefore() + start
        frame = self._doctemplateAttr("frame")
        if need > available_height and not getattr(frame, "_atTop", True):
            return [FrameBreak(), *self._content]
        return list(self._content)


def keep_starts(flowables: list[Flowable], least: float) -> list[Flowable]:
    """Each run of flowables that keep with the next grouped with the next one."""
    result: list[Flowable] = []
    run: list[Flowable] = []
    for flowable in flowables:
        if flowable.getKeepWithNext():
            flowable.keepWithNext = 0  # handled here, not again by ReportLab
            run.append(flowable)
        elif run:
            result.append(KeepStart([*run, flowable], least))
            run = []
        else:
            result.append(flowable)
    return result + run
