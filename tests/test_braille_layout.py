"""Braille layout and refusals, on small leaflets built with the command line.

Expected lines are written out in Braille ASCII (UEB grade 2): "_4" is the bullet, ","
a capital, "#" the number sign, "7" and "G" the box lines, "@.<" and "@.>" open and close
a transcriber's note.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from publisher.formats.braille import liblouis as louis_library
from publisher.formats.braille import writer

from .braille_support import (
    SWITCHED,
    back_translate,
    body_lines,
    brf_pages,
    cells,
    forward_translate,
    require_liblouis,
    switched_runs,
    words,
)
from .conftest import CONTENT, ROOT, write_leaflet
from .i18n_support import run

PICTURE = CONTENT / "images" / "body-map.png"
LAYOUT = """\
## Before your visit

We will send you a letter with the date and time of your visit. Please read it.

### What to bring

- your letter from the hospital and a list of the medicines you take
  - a bag for your clothes if you are staying with us for the night
1. Eat as normal

::: note
Bring someone with you.
:::

![A map of the hospital with the main entrance marked](images/map.png "The main entrance")
"""


@pytest.fixture(autouse=True)
def liblouis() -> None:
    require_liblouis()


def build(root: Path, *options: str) -> tuple[int, str]:
    result = run(root, "build", "--format", "braille", "--jobs", "1", *options)
    return result.exit_code, result.output


def brf_of(root: Path, language: str = "en-GB") -> Path:
    return root / "out" / "test" / language / "test.brf"


def project(tmp_path: Path, body: str, front: str = "", settings: str = "") -> Path:
    write_leaflet(tmp_path / "content", body, front)
    (tmp_path / "content" / "images").mkdir(exist_ok=True)
    shutil.copy(PICTURE, tmp_path / "content" / "images" / "map.png")
    if settings:
        (tmp_path / "publisher.toml").write_text(settings, encoding="utf-8")
    return tmp_path


def test_layout_follows_braille_formats(tmp_path: Path) -> None:
    root = project(tmp_path, LAYOUT)
    code, output = build(root)
    assert code == 0, output
    page = brf_pages(brf_of(root))[0]
    assert page[:3] == [
        " " * 14 + ",TE/ L1FLET",  # the title centred: (40 - 11) // 2 blank cells
        "",
        " " * 10 + ",EXAMPLE ,H1L? ,*>;Y",  # the organisation, centred
    ]
    assert page[3:25] == [
        "",
        " " * 14 + ",2F YR VISIT",  # a centred heading, after a blank line
        '  ,WE W S5D Y A LR ) ! DATE & "T ( YR',  # a paragraph: cell 3, runovers cell 1
        "VISIT4 ,PL1SE R1D X4",
        "",
        "    ,:AT TO BR+",  # a cell-5 heading
        "_4 YR LR F ! HOSPITAL & A LI/ ( !",  # a list item: cell 1, runovers cell 3
        "  M$IC9ES Y TAKE",
        "  _4 A BAG = YR CLO!S IF Y >E /AY+ ) U =",  # a nested item: cell 3, runovers cell 5
        "    ! NI<T",
        "#A4 ,EAT Z NORMAL",
        "",
        "7" * 40,  # a note between box lines
        '  ,BR+ "S"O ) Y4',
        "G" * 40,
        "      @.<,PICTURE3 ,A MAP ( ! HOSPITAL )",  # a transcriber's note: cell 7, runover 5
        "    ! MA9 5TR.E M>K$@.>",
        "      ,! MA9 5TR.E",  # the caption, in cell 7 under it
        "",
        ",REVIEW$3 #AJ ,JANU>Y #BJBF",
        ",NEXT REVIEW3 #AJ ,JANU>Y #BJBI",
        " " * 38 + "#A",  # the braille page number, bottom right
    ]


def test_a_braille_word_longer_than_a_line_is_divided_as_ueb_allows(tmp_path: Path) -> None:
    address = "https://example.org/" + "information-about-" * 8 + "scans"
    root = project(tmp_path, f"Read [the guide]({address}) before you come.\n")
    code, output = build(root)
    assert code == 0, output
    lines = body_lines(brf_pages(brf_of(root)))
    assert all(len(line) <= 40 for line in lines)
    divided = [n for n, line in enumerate(lines) if line.endswith('"')]  # dot 5: continues
    assert len(divided) >= 2
    joined = "".join(lines[n][:-1] for n in divided) + lines[divided[-1] + 1]
    assert "information-about-" * 8 + "scans)" in back_translate([joined], "en-ueb-g2.ctb")[0]
    # no other line ends inside a word: read back line by line, every word is whole
    others = [line for n, line in enumerate(lines) if n not in divided and n - 1 not in divided]
    assert words(" ".join(back_translate(others, "en-ueb-g2.ctb"))) == [
        "test", "leaflet", "example", "health", "charity", "read", "the", "guide", "come",
        "reviewed", "january", "next", "review", "january",
    ]  # fmt: skip


def test_invisible_characters_leave_the_words_whole(tmp_path: Path) -> None:
    hidden = "Drink \u00a0plenty of wa\u00adter\u200b before your s\u200fcan.\n"
    root = project(tmp_path, hidden)
    code, output = build(root)
    assert code == 0, output
    text = " ".join(back_translate(body_lines(brf_pages(brf_of(root))), "en-ueb-g2.ctb"))
    assert "Drink plenty of water before your scan." in text


def test_a_character_without_braille_is_refused_at_its_line(tmp_path: Path) -> None:
    """An interrobang: the large-print font has it, no braille table here does."""
    root = project(tmp_path, "First line.\n\nYou will be fine\u203d\n")
    code, output = build(root)
    assert code == 1
    assert output.count("U+203D") == 1  # said once, though both files met it
    assert (
        "test.md:8: the braille table en-ueb-g2.ctb has no braille for '\u203d' "
        "(U+203D INTERROBANG)"
    ) in " ".join(output.split())
    folder = root / "out" / "test"
    assert not any(path.is_file() for path in folder.rglob("*"))  # no empty or partial file


def test_a_language_without_a_table_is_a_clear_message_not_an_empty_file(tmp_path: Path) -> None:
    root = project(tmp_path, "Bonjour.\n", front="language: fr\n")
    code, output = build(root)
    assert code == 1
    flat = " ".join(output.split())
    assert "publisher.toml: no braille table for French (fr): add one to [braille.tables]" in flat
    assert not brf_of(root, "fr").exists() and not brf_of(root, "fr").with_suffix(".pef").exists()
    checked = run(root, "check")  # check says it before build meets it
    assert checked.exit_code == 1
    assert "no braille table for French (fr)" in " ".join(checked.output.split())
    # named in publisher.toml, the language is brailled with that table
    (root / "publisher.toml").write_text('[braille.tables]\nfr = "fr-bfu-g2.ctb"\n')
    code, output = build(root)
    assert code == 0, output
    text = back_translate(body_lines(brf_pages(brf_of(root, "fr"))), "fr-bfu-g2.ctb")
    assert "Bonjour." in text


def test_a_table_liblouis_does_not_have_is_named(tmp_path: Path) -> None:
    root = project(tmp_path, "Text.\n", settings='[braille.tables]\nen = "en-nosuch.ctb"\n')
    code, output = build(root)
    assert code == 1
    flat = " ".join(output.split())
    assert "publisher.toml:2: liblouis has no braille table 'en-nosuch.ctb'" in flat
    assert "apt install liblouis20 liblouis-data" in flat


def test_page_size_comes_from_publisher_toml(tmp_path: Path) -> None:
    settings = "[braille]\ncells_per_line = 28\nlines_per_page = 12\n"
    root = project(tmp_path, LAYOUT, settings=settings)
    code, output = build(root)
    assert code == 0, output
    pages = brf_pages(brf_of(root))
    assert len(pages) >= 3
    assert all(len(page) == 12 and all(len(line) <= 28 for line in page) for page in pages)
    volume = etree.parse(str(brf_of(root).with_suffix(".pef"))).find(".//{*}volume")
    assert (volume.get("cols"), volume.get("rows")) == ("28", "12")


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "cells_per_line = 8",
            "'cells_per_line' in [braille] must be a whole number from 20 to 100",
        ),
        (
            "lines_per_page = 25.5",
            "'lines_per_page' in [braille] must be a whole number from 10 to 100",
        ),
        ('tables = "en-ueb-g2.ctb"', "'tables' in [braille] must be a table of languages"),
    ],
)
def test_wrong_braille_settings_are_refused_at_their_line(
    tmp_path: Path, setting: str, message: str
) -> None:
    root = project(tmp_path, "Text.\n", settings=f"[braille]\n{setting}\n")
    code, output = build(root)
    assert code == 1
    assert f"publisher.toml:2: {message}" in " ".join(output.split())


def test_an_overdue_leaflet_says_so_at_the_start_and_the_end(tmp_path: Path) -> None:
    path = write_leaflet(tmp_path / "content", "Text.\n")
    path.write_text(path.read_text().replace("next_review: 2029-01-10", "next_review: 2026-02-01"))
    code, output = build(tmp_path)
    assert code == 0, output
    text = " ".join(back_translate(body_lines(brf_pages(brf_of(tmp_path))), "en-ueb-g2.ctb"))
    notice = "Review overdue: this information was due to be checked by 1 February 2026."
    assert text.count(notice) == 2
    assert text.index(notice) < text.index("Text.") < text.rindex(notice)


def test_format_pef_alone_writes_only_the_pef(tmp_path: Path) -> None:
    root = project(tmp_path, "Text.\n")
    result = run(root, "build", "--format", "pef", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert brf_of(root).with_suffix(".pef").is_file() and not brf_of(root).exists()


def test_without_liblouis_braille_is_not_available_with_the_install_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer, "open_liblouis", lambda: None)
    monkeypatch.setattr(louis_library, "open_liblouis", lambda: None)  # the build asks here
    root = project(tmp_path, "Text.\n", settings='[publisher]\nformats = ["html", "braille"]\n')
    # asked for by name: a usage error
    result = run(root, "build", "--format", "braille", "--jobs", "1")
    assert result.exit_code == 2
    install = "apt install liblouis20 liblouis-data"
    assert (
        f"the braille format needs liblouis, which is not installed (Debian or Ubuntu: {install})"
        in result.output
    )
    # listed in publisher.toml: one warning, the other formats are built
    result = run(root, "build", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert result.output.count(install) == 1 and "skipped" in result.output
    assert (root / "out" / "test" / "en-GB" / "test-easy-read.html").is_file()
    assert not brf_of(root).exists() and not brf_of(root).with_suffix(".pef").exists()


def test_a_draft_says_so_in_its_language_and_in_english(tmp_path: Path) -> None:
    """A Welsh draft: the notice in Welsh braille and in English braille, at the start and end."""
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    leaflet = str(tmp_path / "content" / "secondary-breast-cancer.md")
    assert run(tmp_path, "i18n", "update", "--lang", "cy", leaflet).exit_code == 0
    result = run(tmp_path, "build", leaflet, "--lang", "cy", "--draft", "--format", "braille")
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "secondary-breast-cancer" / "cy" / "secondary-breast-cancer.brf"
    stream = "\u2800".join(cells(line.strip()) for line in body_lines(brf_pages(path)))
    for text, table in (
        ("Drafft: nid yw'r cyfieithiad hwn wedi'i adolygu eto.", "cy-cy-g2.ctb"),
        ("Draft: this translation has not been reviewed yet.", "en-ueb-g2.ctb"),
    ):
        notice = forward_translate(text, table)
        assert stream.count(notice) == 2, text
    # Welsh braille's table writes an e-mail address in 8-dot computer braille: it is in UEB
    assert forward_translate("nurses@example.org", "en-ueb-g2.ctb") in stream


def test_words_the_table_cannot_write_are_written_in_ueb(tmp_path: Path) -> None:
    """liblouis's Urdu table has no Latin letters: an address in an Urdu leaflet is in UEB."""
    root = project(tmp_path, "ہمیں example.org پر دیکھیں\n", front="language: ur\n")
    code, output = build(root)
    assert code == 0, output
    lines = body_lines(brf_pages(brf_of(root, "ur")))
    stream = "\u2800".join(cells(line.strip()) for line in lines)
    urdu = forward_translate("ہمیں", "ur-pk-g1.utb")
    address = forward_translate("example.org", "en-ueb-g2.ctb")
    assert urdu + "\u2800" + OPEN_EN + address + CLOSE in stream  # marked as English (UEB)


# UEB 14.3's code switch indicators around English: dots 5, 12356, e, n, 3 ... 6, 5, 23456
OPEN_EN, CLOSE = "\u2810\u2837\u2811\u281d\u2804", "\u2820\u2810\u283e"


def test_words_in_another_language_are_in_its_braille_between_code_switch_signs(
    tmp_path: Path,
) -> None:
    """An Arabic leaflet: a span in English, Latin words and an address are in UEB between
    the signs; the Arabic around them stays Arabic braille; a transcriber's note shows the
    signs with the language's name."""
    body = "## اتصل بنا\n\nتواصل مع [Example Cancer Care]{lang=en} اليوم، أو زر example.org للفحص CT، شكراً.\n"
    root = project(tmp_path, body, front="language: ar\n")
    code, output = build(root)
    assert code == 0, output
    lines = [line.strip() for line in body_lines(brf_pages(brf_of(root, "ar")))]
    runs = switched_runs(lines)
    assert {language for language, _ in runs} == {"en"}
    english = back_translate([run.strip() for _, run in runs], "en-ueb-g2.ctb")
    assert english == [
        "Test leaflet",  # the test leaflet's title and organisation are in English
        "Example Health Charity",
        "Example Cancer Care",  # the span
        "example.org",  # Latin words outside a span
        "CT",
        "Reviewed:",  # the tool's words, with no Arabic translation in this project
        "Next review:",
    ]
    # outside the signs: Arabic braille, read back as Arabic, the Arabic comma after the sign
    first = next(n for n, line in enumerate(lines) if ",C.ER" in line)  # "Cancer" in UEB
    paragraph = " ".join(lines[first : first + 3])
    outside = SWITCHED.sub(" ", paragraph)
    arabic = words(" ".join(back_translate([outside], "ar-ar-g1.utb")))
    assert arabic == ["تواصل", "مع", "اليوم", "أو", "زر", "للفحص", "شكراً"]
    assert ',")"' in paragraph  # "CT" then the closing sign, then the Arabic comma (dots 5)
    # the transcriber's note: the signs, then "English" in Arabic, in cell 7
    note = next(line for line in lines if line.startswith('"(EN\' ,")'))
    assert back_translate([note.split(" ", 2)[2]], "ar-ar-g1.utb") == ["الإنجليزية"]


def test_a_welsh_span_in_an_english_leaflet_is_in_welsh_braille_between_the_signs(
    tmp_path: Path,
) -> None:
    root = project(tmp_path, "Say [bore da]{lang=cy} to the nurse.\n")
    code, output = build(root)
    assert code == 0, output
    pages = brf_pages(brf_of(root))
    lines = [line.strip() for line in body_lines(pages)]
    (run,) = switched_runs(lines)
    assert run[0] == "cy"
    assert back_translate([run[1]], "cy-cy-g2.ctb") == ["bore da"]
    paragraph = next(line for line in lines if line.startswith(",SAY"))
    assert paragraph.startswith(",SAY \"(CY'") and paragraph.endswith(',") TO ! NURSE4')
    # a UEB transcriber's note (@.< ... @.>) in cell 7: the signs, then "Welsh"
    assert '      @.<"(CY\' ,") ,WEL%@.>' in pages[0]  # % is UEB's "sh"


def test_print_pages_come_from_bookmarks_and_text_or_are_given_as_a_range(
    tmp_path: Path,
) -> None:
    """Headings from their bookmarks; text between found on the pages they allow; a block not
    found between headings on different pages gets both pages, never a guess."""
    from reportlab.pdfgen.canvas import Canvas

    from publisher.formats.braille.layout import Block
    from publisher.formats.braille.print_pages import print_pages

    pdf = tmp_path / "three-pages.pdf"
    canvas = Canvas(str(pdf))
    printed = [
        ("Alpha beta gamma", "Delta epsilon zeta."),
        (None, "Eta theta iota kappa."),
        ("Lambda mu nu", "Xi omicron pi."),
    ]
    for number, (heading, text) in enumerate(printed, start=1):
        if heading:
            canvas.drawString(72, 760, heading)
            canvas.bookmarkPage(f"h{number}")
            canvas.addOutlineEntry(heading, f"h{number}", level=0)
        canvas.drawString(72, 720, text)
        canvas.showPage()
    canvas.save()

    def blocks(*sources: str) -> list[Block]:
        return [Block((), source=s.lstrip("#"), heading=s.startswith("#")) for s in sources]

    found = print_pages(pdf, blocks("#Alpha beta gamma", "Delta epsilon", "Eta theta iota",
                                    "Not printed at all", "", "#Lambda mu nu", "Xi omicron"))  # fmt: skip
    assert [p.label for p in found] == ["1", "1", "2", "2-3", "2-3", "3", "3"]
    # text no longer in the PDF: the pages between headings are only known as a range
    found = print_pages(pdf, blocks("#Alpha beta gamma", "Changed text", "#Lambda mu nu"))
    assert [p.label for p in found] == ["1", "1-3", "3"]
    # a heading the PDF has no bookmark for: no print pages at all
    assert print_pages(pdf, blocks("#Alpha beta gamma", "Eta theta iota", "#Delta epsilon")) is None
    assert print_pages(pdf, blocks("#Lambda mu nu", "#Alpha beta gamma")) is None  # out of order
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(b"%PDF-1.7\nnot a PDF at all")
    assert print_pages(forged, blocks("#Alpha beta gamma")) is None
