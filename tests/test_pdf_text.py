"""Large print with awkward text: markup characters, Welsh and Polish letters, emoji, sizes, flags."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.errors import BuildError
from publisher.i18n.words import Words

from .conftest import CONTENT, write_leaflet
from .pdf_support import (
    boxes,
    build_pdf,
    lines,
    outline,
    pdftotext,
    struct_text,
    structure,
    use_font_cache,
    words_only,
)

MARKUP = """\
---
title: Fish & chips <for> "everyone" 'here'
language: cy
summary: A & B < C > D "quoted" 'single' &amp; <b>not bold</b>
reviewed: 2026-01-10
next_review: 2029-01-10
helpline:
  label: Llinell gymorth <24/7> & more
  phone: 0800 123 4567
  hours: Dydd Llun & dydd Mawrth
  email: help&more@example.org
glossary:
  ŵyn: Lambs & sheep <young>.
references:
  - Smith & Jones. <Title> "2024" &lt;raw&gt;.
---
## Ŵyn & ŷd \\<ok\\> "quoted"

Gwŷr a ŵyn: ą ę ł ż ś ć ń ó ź Ą Ę Ł Ż &amp; &lt;b&gt; \\<i\\>not italic\\</i\\> "quotes" 'single' \\<br/\\>.

Combining marks: w\u0302 y\u0302 become one letter each.

- item with `<code>` & ŵyn
- [link & more](https://example.org/a?b=1&c=2)
- [https://example.org/a/very/long/address/that/cannot/fit/on/one/line/of/large/print/at/all/because/it/goes/on](https://example.org/a/very/long/address/that/cannot/fit/on/one/line/of/large/print/at/all/because/it/goes/on)

::: note
Note with \\<tags\\> & ampersands.
:::
"""

MARKUP_TEXTS = [
    """Fish & chips <for> "everyone" 'here'""",
    """A & B < C > D "quoted" 'single' &amp; <b>not bold</b>""",
    """Ŵyn & ŷd <ok> "quoted\"""",
    """Gwŷr a ŵyn: ą ę ł ż ś ć ń ó ź Ą Ę Ł Ż & <b> <i>not italic</i> "quotes" 'single' <br/>.""",
    "Combining marks: ŵ ŷ become one letter each.",
    "item with <code> & ŵyn",
    "link & more (https://example.org/a?b=1&c=2)",
    "Note with <tags> & ampersands.",
    "Llinell gymorth <24/7> & more",
    "Dydd Llun & dydd Mawrth",
    "Email: help&more@example.org",
    "ŵyn Lambs & sheep <young>.",
    """Smith & Jones. <Title> "2024" &lt;raw&gt;.""",
]


@pytest.fixture(scope="module")
def markup_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("markup")
    source = folder / "markup.md"
    source.write_text(MARKUP, encoding="utf-8")
    return build_pdf(source, folder / "markup.pdf")[1]


def test_markup_characters_welsh_and_polish_print_as_themselves(markup_pdf: Path) -> None:
    text = words_only(pdftotext(markup_pdf))
    for expected in MARKUP_TEXTS:
        assert words_only(expected) in text
    assert "not bold" in text and "not italic" in text


def test_markup_in_the_text_does_not_change_the_style(markup_pdf: Path) -> None:
    with pdfplumber.open(markup_pdf) as pdf:
        words = [w for page in pdf.pages for w in page.extract_words(extra_attrs=["fontname"])]
    for word in words:
        if word["text"] in ("bold</b>", "italic</i>"):
            assert "Bold" not in word["fontname"]


def test_markup_reaches_the_outline_metadata_and_link_targets_unchanged(markup_pdf: Path) -> None:
    entries = outline(markup_pdf)
    assert entries[0] == ("""Fish & chips <for> "everyone" 'here'""", 0)
    assert ("""Ŵyn & ŷd <ok> "quoted\"""", 1) in entries
    with pikepdf.open(markup_pdf) as pdf:
        assert str(pdf.docinfo.Title) == """Fish & chips <for> "everyone" 'here'"""
        assert str(pdf.Root.Lang) == "cy"
        targets = {str(annot.A.URI) for page in pdf.pages for annot in page.get("/Annots", [])}
    assert "https://example.org/a?b=1&c=2" in targets
    assert "mailto:help&more@example.org" in targets


def test_every_character_of_the_source_is_in_the_pdf(markup_pdf: Path) -> None:
    with pdfplumber.open(markup_pdf) as pdf:
        printed = {c["text"] for page in pdf.pages for c in page.chars}
    for char in "ŵŷŴąęłżśćńóźĄĘŁŻ<>&\"'":
        assert char in printed, char
    assert "\u0302" not in printed  # composed into ŵ and ŷ, not left to float


def test_a_long_address_breaks_inside_the_page(markup_pdf: Path) -> None:
    long = "https://example.org/a/very/long/address/that/cannot/fit/on/one/line/of/large/print/at/all/because/it/goes/on"
    assert long in pdftotext(markup_pdf).replace("\n", "")
    with pdfplumber.open(markup_pdf) as pdf:
        for page in pdf.pages:
            assert all(c["x1"] <= page.width - 50 for c in page.chars)


def test_emoji_fail_with_a_clear_missing_glyph_error(tmp_path: Path) -> None:
    source = write_leaflet(
        tmp_path,
        "## Feelings\n\nSome words.\n\nThen a smile 😀 on line nine.\n",
        "summary: Happy 🙂\n",
    )
    with pytest.raises(BuildError) as caught:
        build_pdf(source, tmp_path / "out.pdf")
    problem = caught.value.problems[0]
    assert problem.path == source
    assert problem.line == 5  # the summary's line in the front matter
    assert "🙂" in problem.message and "U+1F642" in problem.message
    assert "SLIGHTLY SMILING FACE" in problem.message
    assert "'😀' (U+1F600, line 11)" in problem.message
    assert not (tmp_path / "out.pdf").exists() or (tmp_path / "out.pdf").stat().st_size == 0


def test_emoji_fail_through_the_command_line_naming_file_and_line(tmp_path: Path) -> None:
    write_leaflet(tmp_path / "content", "## Feelings\n\nA smile 😀 here.\n")
    use_font_cache(tmp_path)
    result = CliRunner().invoke(
        main, ["--root", str(tmp_path), "build", "--format", "pdf", "--jobs", "1"]
    )
    assert result.exit_code == 1
    assert re.search(
        r"error: .*test\.md:8: the font Noto Sans has no glyph for '😀'", result.output
    )
    assert not list((tmp_path / "out").rglob("*.pdf"))


def test_a_phone_number_is_never_cut_across_lines(tmp_path: Path) -> None:
    """Fifteen numbers in one paragraph: wherever a line ends, each number is whole on one."""
    body = "## Phones\n\n" + " ".join(
        f"Call us on 0800 123 456{n % 10} {'or ' * (n % 3 + 1)}" for n in range(15)
    )
    _, pdf = build_pdf(write_leaflet(tmp_path, body + "\n"), tmp_path / "phones.pdf")
    found = [line.text for line in lines(pdf) if "0800" in line.text or "123" in line.text]
    numbers = re.findall(r"0800\s123\s456\d", " ".join(found))
    assert len(numbers) == 15, found
    for text in found:
        assert len(re.findall(r"0800", text)) == len(re.findall(r"0800\s123\s456\d", text))


# --- sizes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [16, 24])
def test_body_text_follows_the_configured_size(size: int, tmp_path: Path) -> None:
    source = CONTENT / "having-a-scan.md"
    _, pdf = build_pdf(source, tmp_path / "scan.pdf", font_size=size)
    with pdfplumber.open(pdf) as document:
        sizes = [round(c["size"], 1) for page in document.pages for c in page.chars]
    assert Counter(sizes).most_common(1)[0][0] == size
    assert min(sizes) == size  # page numbers and notes too
    footers = [line for line in lines(pdf) if line.text.startswith("Page ")]
    assert footers and all(line.size == size for line in footers)


def test_pages_follow_the_configured_page_size(tmp_path: Path) -> None:
    _, pdf = build_pdf(CONTENT / "having-a-scan.md", tmp_path / "a5.pdf", page_size="A5")
    with pdfplumber.open(pdf) as document:
        assert {(round(p.width), round(p.height)) for p in document.pages} == {(420, 595)}
        right_edges = [c["x1"] for page in document.pages for c in page.chars]
    assert max(right_edges) <= 420 - 50  # the text stays inside the narrower page's margin


def test_font_size_below_16_is_refused_with_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CONTENT.parent)
    result = CliRunner().invoke(main, ["build", "--format", "pdf", "--font-size", "15"])
    assert result.exit_code == 2
    assert "font size 15pt is outside 16 to 24pt" in result.output


@pytest.mark.parametrize("size", [18, 24])
def test_boxes_never_leave_an_empty_piece_of_border_on_a_page(size: int, tmp_path: Path) -> None:
    long_note = "\n".join(f"Line {n} of a very long note that goes on and on." for n in range(40))
    body = "## Part\n\n" + "A paragraph before the note.\n\n" * 12 + f"::: note\n{long_note}\n:::\n"
    front = "helpline:\n  label: Help\n  phone: 0800 123 4567\n  hours: Always\n"
    sources = [CONTENT / "secondary-breast-cancer.md", write_leaflet(tmp_path, body, front)]
    for number, source in enumerate(sources):
        _, pdf = build_pdf(source, tmp_path / f"{number}.pdf", font_size=size)
        with pdfplumber.open(pdf) as document:
            found = [(page, box) for page in document.pages for box in boxes(page)]
            assert found
            for page, (x0, top, x1, bottom) in found:
                inside = [c for c in page.chars if x0 < c["x0"] < x1 and top < c["top"] < bottom]
                assert len(inside) > 20, f"a box on page {page.page_number} holds no text"
        text = re.sub(r"Page \d+ of \d+ ", "", words_only(pdftotext(pdf)))
        if number == 1:  # the long note splits across pages, and loses nothing
            assert all(f"Line {n} of a very long note" in text for n in range(40))


def test_headings_stay_with_the_text_that_follows(tmp_path: Path) -> None:
    sections = [
        f"## Heading {n}\n\n"
        + "".join(f"Paragraph {n}.{k} is short.\n\n" for k in range(n % 5 + 1))
        for n in range(30)
    ]
    sections.insert(7, "## Before a subsection\n\n### Subsection\n\nText under it.\n\n")
    _, pdf = build_pdf(write_leaflet(tmp_path, "".join(sections)), tmp_path / "h.pdf")
    found = [line for line in lines(pdf) if not line.text.startswith("Page ")]
    last_lines = [
        line for line, after in zip(found, found[1:], strict=False) if after.page != line.page
    ]
    assert len(last_lines) >= 5
    for line in last_lines:
        assert not line.text.startswith(("Heading", "Before a", "Subsection")), line


# --- pictures --------------------------------------------------------------------------------


def test_svg_pictures_are_vector_drawings_as_wide_as_the_text(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "images", content / "images")
    body = (
        "## Questions\n\n"
        '![A person with a question mark](images/easy/questions.svg "Ask us anything")\n\n'
        "Some words after the picture.\n"
    )
    _, pdf = build_pdf(write_leaflet(content, body), tmp_path / "svg.pdf")
    with pdfplumber.open(pdf) as document:
        page = next(page for page in document.pages if page.curves)
        assert not page.images  # drawn as vector paths, not a bitmap
        shapes = page.curves + page.rects
        left = min(s["x0"] for s in shapes)
        right = max(s["x1"] for s in shapes)
        assert right - left == pytest.approx(page.width - 2 * left, abs=1)
        question_mark = [c for c in page.chars if c["text"] == "?" and c["size"] > 40]
        assert question_mark and "NotoSans-Bold" in question_mark[0]["fontname"]
    rows = [(role, words_only(text)) for _, role, text in struct_text(pdf)]
    assert rows[3:7] == [
        ("H2", "Questions"),
        ("Figure", "?"),  # the words inside the drawing are the Figure's, which /Alt tells
        ("Caption", "Ask us anything"),
        ("P", "Some words after the picture."),
    ]
    figures = [element for element in structure(pdf) if element.role == "Figure"]
    assert [figure.alt for figure in figures] == ["A person with a question mark"]


def test_decorative_pictures_have_no_alt_text(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "images", content / "images")
    body = "## Part\n\nBefore.\n\n![](images/divider.svg){.decorative}\n\nAfter.\n"
    _, pdf = build_pdf(write_leaflet(content, body), tmp_path / "deco.pdf")
    assert "Before. After." in words_only(pdftotext(pdf))


# --- flags --------------------------------------------------------------------------------------


def test_overdue_leaflets_are_flagged_on_the_title_page_and_with_the_dates(tmp_path: Path) -> None:
    _, pdf = build_pdf(CONTENT / "having-a-scan.md", tmp_path / "old.pdf", today=date(2028, 6, 1))
    found = lines(pdf)
    text = words_only(" ".join(line.text for line in found))
    flag = "Review overdue: this information was due to be checked by 11 May 2028."
    assert text.count(flag) == 2
    first_page = words_only(" ".join(line.text for line in found if line.page == 1))
    assert flag in first_page
    flagged = [line for line in found if line.text.startswith("Review overdue")]
    assert all(line.bold and line.size == 18 for line in flagged)


WELSH = Words(
    "cy",
    {
        "Draft: this translation has not been reviewed yet.": "Drafft: nid yw'r cyfieithiad hwn wedi'i adolygu eto.",
        "Page {page} of {pages}": "Tudalen {page} o {pages}",
    },
    reviewed=True,  # signed-off tool words: the draft notice is said in Welsh too
)


def test_drafts_say_so_on_every_page_in_the_language_and_in_english(tmp_path: Path) -> None:
    _, pdf = build_pdf(
        CONTENT / "having-a-scan.md", tmp_path / "draft.pdf", draft=True, words=WELSH
    )
    found = lines(pdf)
    pages = max(line.page for line in found)
    for page in range(1, pages + 1):
        on_page = [line for line in found if line.page == page]
        assert on_page[0].text == "Draft: this translation has not been reviewed yet."
        assert on_page[1].text == "Drafft: nid yw'r cyfieithiad hwn wedi'i adolygu eto."
        assert on_page[0].bold and on_page[0].size == 18
        assert on_page[-1].text == f"Tudalen {page} o {pages}"


def test_a_reviewed_leaflet_has_no_draft_notice(tmp_path: Path) -> None:
    _, pdf = build_pdf(CONTENT / "having-a-scan.md", tmp_path / "final.pdf", words=WELSH)
    assert "Draft" not in pdftotext(pdf) and "Drafft" not in pdftotext(pdf)


def test_every_tool_word_the_pdf_prints_is_listed_in_words() -> None:
    """The translation tooling reads WORDS: it must hold exactly the msgids the writer uses."""
    import ast

    from publisher.formats.pdf import story as pdf_story
    from publisher.formats.pdf import writer as pdf
    from publisher.i18n.words import DRAFT_MARK, DRAFT_NOTICE

    used = set()
    for module in (pdf, pdf_story):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for function in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
            if function.name == "words":  # the method that passes its message on
                function.body = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "words":
                argument = node.args[0]
                if isinstance(argument, ast.Name):
                    used.add(getattr(module, argument.id))
                else:
                    assert isinstance(argument, ast.Constant), ast.dump(argument)
                    used.add(argument.value)
    # The draft notice and mark are put in by i18n.words.draft_notices and draft_title.
    assert used | {DRAFT_NOTICE, DRAFT_MARK} == set(pdf.WORDS)
