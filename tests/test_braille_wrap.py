"""Line breaking and pagination of braille, for any text: a property test (no liblouis needed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.formats.braille.layout import Block, wrap
from publisher.formats.braille.pages import paginate

BLANK, CONTINUATION = "\u2800", "\u2810"  # the blank cell; dot 5, UEB's line continuation
# any six-dot cell but the blank and dot 5 alone (which would read as a continuation)
CELLS = [chr(c) for c in range(0x2801, 0x2840) if chr(c) != CONTINUATION]
WORD = st.text(alphabet=CELLS, min_size=1, max_size=70)


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(WORD, max_size=30),
    width=st.integers(20, 60),
    first=st.integers(0, 6),
    runover=st.integers(0, 6),
)
def test_lines_fit_and_words_break_only_when_longer_than_a_line(
    words: list[str], width: int, first: int, runover: int
) -> None:
    lines = wrap(BLANK.join(words), width, first, runover)
    assert all(len(line) <= width for line in lines)
    if lines:
        assert lines[0].startswith(BLANK * first)
        assert all(line.startswith(BLANK * runover) for line in lines[1:])
    # Read back: a line ending in the continuation indicator runs on into the next line.
    text, joined = "", []
    for line in lines:
        body = line.strip(BLANK)
        if line.endswith(CONTINUATION) and len(line) == width:
            text += body[:-1]
        else:
            joined += (text + body).split(BLANK)
            text = ""
    assert [w for w in joined if w] == words
    divided = [line for line in lines if line.endswith(CONTINUATION) and len(line) == width]
    assert len(divided) <= sum(len(w) // (width - 7) for w in words)  # only overlong words


@settings(max_examples=100, deadline=None)
@given(
    sizes=st.lists(st.tuples(st.integers(1, 8), st.booleans(), st.booleans()), max_size=40),
    lines=st.integers(10, 30),
)
def test_pages_have_exactly_their_lines_and_keep_headings_with_text(
    sizes: list[tuple[int, bool, bool]], lines: int
) -> None:
    blocks = [
        Block(tuple(f"{n}.{k}" for k in range(size)), blank, keep)
        for n, (size, blank, keep) in enumerate(sizes)
    ]
    pages = paginate(blocks, lines, 40, lambda n: f"#{n}")
    assert all(len(page) == lines for page in pages)
    assert [page[-1].strip(BLANK) for page in pages] == [f"#{n}" for n in range(1, len(pages) + 1)]
    text = [line for page in pages for line in page[:-1] if line]
    assert text == [line for block in blocks for line in block.lines]  # nothing lost, in order
    for page in pages[:-1]:  # a heading never ends a page, unless it could fit on none
        n, k = map(int, [line for line in page[:-1] if line][-1].split("."))
        alone = n == 0 or not blocks[n - 1].keep_with_next  # not the end of a longer chain
        single = alone and n + 1 < len(blocks) and not blocks[n + 1].keep_with_next
        if blocks[n].keep_with_next and k == len(blocks[n].lines) - 1 and single:
            assert len(blocks[n].lines) + 3 > lines - 1, (n, page)


def test_a_print_page_range_is_announced_once_and_narrows_without_a_new_indicator() -> None:
    """Print pages 1, then 1-3 (not found between two headings), then 3: the change to "1-3"
    is shown, the narrowing to 3 is not (page 3 began somewhere in the range)."""
    from publisher.formats.braille.print_pages import PrintPage

    blocks = [Block((f"{n}",)) for n in range(4)]
    prints = [PrintPage(1, 1), PrintPage(1, 3), PrintPage(3, 3), PrintPage(4, 4)]
    (page,) = paginate(blocks, 12, 20, lambda n: f"#{n}", prints)
    change = "\u2824"  # dots 3-6, BANA's print page change indicator line
    assert page[:7] == [
        BLANK * 18 + "#1",  # the print page at the top of the braille page
        "0",
        change * 16 + "#1-3",
        "1",
        "2",  # page 3 began somewhere in 1-3: no indicator here
        change * 18 + "#4",
        "3",
    ]


@settings(max_examples=100, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 6), min_size=1, max_size=30),
    steps=st.lists(st.tuples(st.integers(0, 2), st.booleans()), min_size=30, max_size=30),
    lines=st.integers(10, 25),
)
def test_print_page_numbers_never_go_back_and_each_change_is_shown_once(
    sizes: list[int], steps: list[tuple[int, bool]], lines: int
) -> None:
    """Any non-decreasing print pages, some known only as a range: each braille page starts
    with the print page in effect, and the indicators name each new page or range in order."""
    from publisher.formats.braille.print_pages import PrintPage

    prints, page = [], 1
    for step, ranged in steps[: len(sizes)]:
        first, page = page, page + step
        prints.append(PrintPage(first, page) if ranged and step else PrintPage(page, page))
    blocks = [Block(tuple(f"{n}.{k}" for k in range(size))) for n, size in enumerate(sizes)]
    pages = paginate(blocks, lines, 40, lambda n: f"#{n}", prints)
    assert all(len(page) == lines for page in pages)
    shown = []  # the print page label in effect, as a reader meets it
    for page in pages:
        shown.append(page[0].strip(BLANK))
        shown += [line.lstrip("\u2824") for line in page[1:-1] if line.startswith("\u2824")]
    labels = [f"#{p.first}" if p.first == p.last else f"#{p.first}-{p.last}" for p in prints]
    assert shown == sorted(shown, key=lambda label: int(label[1:].split("-")[0]))
    assert set(shown) <= set(labels)
    assert shown[0] == labels[0]
    assert int(shown[-1].split("-")[-1].lstrip("#")) == prints[-1].last  # ends on the last page
