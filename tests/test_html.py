"""The easy-read HTML page, read back as a DOM: structure, words, pictures, notices.

What the page looks like and does in a browser is in test_html_browser.py.
"""

from __future__ import annotations

import base64
import re
from datetime import date
from pathlib import Path

import lxml.html
import pytest
from lxml.html import HtmlElement

from publisher.config import Config
from publisher.errors import BuildError
from publisher.formats import WriteContext
from publisher.formats.html.writer import DRAFT, PAGE, WORDS
from publisher.formats.templates import templates_dir
from publisher.i18n.words import OVERDUE_NOTICE, Words

from .conftest import write_leaflet
from .fixtures.easy_read import (
    RICH_FRONT,
    TODAY,
    TRICKY_TEXT,
    TRICKY_TITLE,
    WELSH_DRAFT,
    add_pictures,
    build_page,
    build_test_pages,
    png,
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_test_pages(tmp_path_factory.mktemp("easy-read"))


def dom(path: Path) -> HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def section(page: HtmlElement, heading: str) -> HtmlElement:
    """The <section> whose own heading says `heading`."""
    found = [h.getparent() for h in page.xpath("//h2|//h3") if text(h) == heading]
    assert len(found) == 1, f"no single section headed {heading!r}"
    return found[0]


# --- one self-contained file ------------------------------------------------


def test_page_fetches_nothing_outside_itself(pages: dict[str, Path]) -> None:
    for name, path in pages.items():
        page = dom(path)
        assert not page.xpath("//link | //script | //iframe | //object | //embed | //*[@srcset]")
        # no CSS fetches: the only url() is a font inside the page (data:), for Arabic say
        addresses = re.findall(r"url\(\s*['\"]?([^'\")]*)", path.read_text(encoding="utf-8"))
        assert all(address.startswith("data:font/") for address in addresses), name
        assert "@import" not in path.read_text(encoding="utf-8")
        for img in page.xpath("//img"):
            assert img.get("src").startswith(("data:image/png;base64,", "data:image/svg+xml;")), (
                name
            )
        audio = [a.get("src") for a in page.xpath("//audio")]
        assert audio == (["welsh.mp3"] if name == "welsh" else [])  # beside the page


def test_pictures_are_the_leaflets_own_files(pages: dict[str, Path]) -> None:
    images = pages["rich"].parent.parent / "content" / "images"
    sources = {
        "A doctor talking with a patient": images / "talk.svg",
        "A body with red marks": images / "body.png",
    }
    page = dom(pages["rich"])
    for alt, source in sources.items():
        (img,) = page.xpath("//img[@alt=$alt]", alt=alt)
        encoded = img.get("src").split("base64,", 1)[1]
        assert base64.b64decode(encoded) == source.read_bytes()
    (png_img,) = page.xpath("//img[@alt='A body with red marks']")
    assert (png_img.get("width"), png_img.get("height")) == ("120", "90")


def test_the_style_is_in_the_page(pages: dict[str, Path]) -> None:
    css = (templates_dir(PAGE) / "easy-read.css").read_text(encoding="utf-8")
    (style,) = dom(pages["rich"]).xpath("//head/style")
    assert style.text.strip() == css.strip()
    assert "@media print" in style.text


# --- semantic structure -----------------------------------------------------


def test_document_language_title_and_landmarks(pages: dict[str, Path]) -> None:
    page = dom(pages["rich"])
    assert (page.get("lang"), page.get("dir")) == ("en-GB", "ltr")
    assert page.findtext(".//title") == "Test leaflet (easy read)"
    assert [text(h) for h in page.xpath("//h1")] == ["Test leaflet"]
    assert len(page.xpath("//main")) == 1
    assert page.xpath("//main")[0].get("id") == "main"


def test_skip_link_is_the_first_link_and_leads_to_main(pages: dict[str, Path]) -> None:
    first = dom(pages["rich"]).xpath("//body//a")[0]
    assert first.get("href") == "#main"
    assert text(first) == "Skip to main content"


def test_headings_never_skip_a_level(pages: dict[str, Path]) -> None:
    for name, path in pages.items():
        levels = [int(h.tag[1]) for h in dom(path).xpath("//h1|//h2|//h3|//h4|//h5|//h6")]
        assert levels[0] == 1, name
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (name, levels)


def test_summary_comes_straight_after_the_title(pages: dict[str, Path]) -> None:
    h1 = dom(pages["rich"]).xpath("//h1")[0]
    summary = h1.getnext()
    assert summary.get("class") == "summary"
    assert text(summary) == "What happens when you have a biopsy, and who to call."


# --- easy read and full text ------------------------------------------------


def test_easy_read_points_are_rows_of_picture_and_words(pages: dict[str, Path]) -> None:
    rows = section(dom(pages["rich"]), "What happens").xpath(".//div[@class='point']")
    assert [text(row.xpath("div[@class='words']/p")[0]) for row in rows] == [
        "Your doctor will tell you about the biopsy.",
        "The doctor may check your lymph nodes.",
        "You can bring a friend with you.",
    ]
    # The picture comes first in each row (before the words), or there is none.
    assert [row[0].get("class") for row in rows] == ["picture", "picture", "words"]
    (figure,) = rows[1].xpath("figure")
    assert text(figure.xpath("figcaption")[0]) == "Where the doctor looks"


def test_a_section_with_easy_text_shows_only_that(pages: dict[str, Path]) -> None:
    page = dom(pages["rich"])
    after = section(page, "After the biopsy")
    assert not after.xpath("div[@class='full']")
    assert "You may feel sore" not in text(page)
    assert [text(p) for p in after.xpath(".//div[@class='words']/p")] == [
        "You will get your results in 2 weeks.",
        "Call us if you feel unwell.",  # its subsection's easy text, under its own heading
    ]
    assert [text(h) for h in after.xpath(".//h3")] == ["If you feel unwell"]


def test_a_section_without_easy_text_is_shown_in_full(pages: dict[str, Path]) -> None:
    ready = section(dom(pages["rich"]), "Getting ready")
    full = ready.xpath("div[@class='full']")[0]
    paragraph = full.xpath("p")[0]
    assert text(paragraph) == "You do not need to do much before a biopsy. You can eat as normal."
    assert paragraph.xpath("strong") and paragraph.xpath("em")
    assert not ready.xpath(".//div[@class='point']")
    (on_the_day,) = ready.xpath("section")
    assert text(on_the_day.xpath("h3")[0]) == "On the day"
    assert (
        text(on_the_day.xpath("div[@class='full']")[0])
        == "A nurse will meet you. It takes about an hour."
    )


def test_lists_are_lists(pages: dict[str, Path]) -> None:
    full = section(dom(pages["rich"]), "Getting ready").xpath("div[@class='full']")[0]
    (ordered,) = full.xpath("ol")
    assert [text(li) for li in ordered.xpath("li")][0] == "Read your letter."
    assert len(ordered.xpath("li")) == 3
    (bullets,) = full.xpath("ul")
    assert len(bullets.xpath("li")) == 2
    assert [text(li) for li in bullets.xpath("li/ul/li")] == ["and your glasses"]


def test_figures_captions_and_decorative_pictures(pages: dict[str, Path]) -> None:
    full = section(dom(pages["rich"]), "Getting ready").xpath("div[@class='full']")[0]
    (figure,) = full.xpath("figure")
    assert figure.xpath("img")[0].get("alt") == "A body with red marks on the arms"
    assert text(figure.xpath("figcaption")[0]) == "The places a biopsy can be taken from"
    (decorative,) = full.xpath(".//img[@alt='']")
    assert decorative.get("aria-hidden") == "true"
    assert decorative.get("src").startswith("data:image/svg+xml;")


def test_links_and_note(pages: dict[str, Path]) -> None:
    full = section(dom(pages["rich"]), "Getting ready").xpath("div[@class='full']")[0]
    links = {text(a): a.get("href") for a in full.xpath(".//a")}
    assert links == {
        "map on our website": "https://example.org/map",
        "0800 123 4567": "tel:08001234567",
        "nurses@example.org": "mailto:nurses@example.org",
    }
    (note,) = full.xpath("div[@class='note']")
    assert note.get("role") == "note"
    assert text(note).startswith("Tell us before the day")


def test_intro_without_easy_text_is_shown_in_full(pages: dict[str, Path]) -> None:
    main = dom(pages["rich"]).xpath("//main")[0]
    intro = main.xpath("div[@class='full']")[0]
    assert text(intro.xpath("p")[0]).startswith("This leaflet is for people who need a biopsy.")


def test_easy_text_in_a_subsection_stands_for_its_whole_section(tmp_path: Path) -> None:
    body = (
        "## Tests\n\nHard words about tests.\n\n### Scans\n\nMore hard words.\n\n"
        "### Biopsy\n\nEven more.\n\n::: easy\nYou may have a test.\n:::\n"
    )
    page = dom(build_page(write_leaflet(tmp_path, body), tmp_path / "out"))
    tests = section(page, "Tests")
    assert [text(h) for h in tests.xpath(".//h3")] == ["Biopsy"]  # 'Scans' has nothing to show
    assert text(tests) == "Tests Biopsy You may have a test."


def test_leaflets_without_easy_read_anywhere_are_shown_in_full(tmp_path: Path) -> None:
    source = write_leaflet(tmp_path, "Just words.\n\n## Part\n\n- one\n- two\n")
    page = dom(build_page(source, tmp_path / "out"))
    assert not page.xpath("//div[@class='point']")
    assert [text(li) for li in page.xpath("//main//li")] == ["one", "two"]


# --- hard words -------------------------------------------------------------


def test_each_hard_word_is_explained_once_where_it_first_appears(pages: dict[str, Path]) -> None:
    page = dom(pages["rich"])
    explained = [text(dfn) for dfn in page.xpath("//dl[@class='meaning']//dfn")]
    assert explained == ["biopsy", "lymph nodes", "scan"]  # reading order, each once
    # biopsy: first in the introduction, explained right after that paragraph.
    intro_paragraph = page.xpath("//main/div[@class='full']/p")[0]
    assert intro_paragraph.xpath("b[@class='term']/text()") == ["biopsy"]
    meaning = intro_paragraph.getnext()
    assert meaning.get("class") == "meaning"
    assert text(meaning.xpath(".//dd")[0]).startswith("A test where a doctor takes")
    # lymph nodes: in an easy-read point, explained beside the words of that row.
    (row,) = page.xpath("//div[@class='words'][.//dfn[.='lymph nodes']]")
    assert text(row.xpath("p")[0]) == "The doctor may check your lymph nodes."
    # scan: in a list item, explained inside that item.
    (item,) = page.xpath("//li[dl[@class='meaning']]")
    assert text(item.xpath("p")[0]) == "Wear loose clothes for the scan"
    # Later uses are still marked as hard words, but not explained again.
    assert len(page.xpath("//b[@class='term'][.='biopsy']")) == 3


def test_hard_words_are_listed_at_the_end(pages: dict[str, Path]) -> None:
    page = dom(pages["rich"])
    hard = section(page, "Hard words")
    assert hard.getparent().tag == "main" and hard.getnext() is None  # last in the main text
    entries = [(text(d.xpath("dt")[0]), text(d.xpath("dd")[0])) for d in hard.xpath("dl/div")]
    assert entries == [
        ("biopsy", "A test where a doctor takes a tiny piece of your body to look at."),
        ("lymph nodes", "Small glands that help the body fight infection."),
        ("scan", "A way to take pictures of the inside of the body."),
    ]


def test_no_hard_words_list_without_hard_words(tmp_path: Path) -> None:
    page = dom(build_page(write_leaflet(tmp_path, "Plain words.\n"), tmp_path / "out"))
    assert "Hard words" not in text(page)
    assert not page.xpath("//dl[@class='meaning']")


# --- helpline, dates, notices, audio ----------------------------------------


def test_helpline_is_a_tappable_phone_link(pages: dict[str, Path]) -> None:
    helpline = section(dom(pages["rich"]), "Nurse helpline")
    (phone,) = helpline.xpath(".//a[@class='phone']")
    assert phone.get("href") == "tel:+448001234567"
    assert text(phone) == "Call +44 800 123 4567"
    assert phone.xpath("span")[0].get("dir") == "ltr"  # digits keep their order in any language
    assert "Monday to Friday, 9am to 5pm" in text(helpline)
    assert helpline.xpath(".//a[@href='mailto:nurses@example.org']")


def test_review_dates_are_shown(pages: dict[str, Path]) -> None:
    page = dom(pages["rich"])
    times = [(t.get("datetime"), text(t)) for t in page.xpath("//footer//time")]
    assert times == [("2026-01-10", "10 January 2026"), ("2029-01-10", "10 January 2029")]
    dates = [
        (text(d.xpath("dt")[0]), text(d.xpath("dd")[0])) for d in page.xpath("//footer//dl/div")
    ]
    assert dates == [("Last checked", "10 January 2026"), ("Next check due", "10 January 2029")]
    footer = text(page.xpath("//footer")[0])
    assert "This leaflet is from Example Health Charity." in footer
    assert "Example Society. Guide to biopsies. 2025." in footer


def test_a_published_page_has_no_notices_and_no_player(pages: dict[str, Path]) -> None:
    page = dom(pages["rich"])
    assert not page.xpath("//*[contains(@class, 'notice')] | //audio")


def test_draft_says_so_at_the_top_in_its_language_and_in_english(pages: dict[str, Path]) -> None:
    page = dom(pages["welsh"])
    assert (page.get("lang"), page.get("dir")) == ("cy", "ltr")
    notice = page.xpath("//body")[0][0]  # before anything else, the skip link too
    assert (notice.tag, notice.get("class")) == ("aside", "notice draft")
    paragraphs = notice.xpath("p")
    assert [text(p) for p in paragraphs] == [DRAFT, WELSH_DRAFT]  # English first, by code
    assert [p.get("lang") for p in paragraphs] == ["en-GB", None]


def test_overdue_leaflet_is_flagged_at_the_top(pages: dict[str, Path]) -> None:
    main = dom(pages["welsh"]).xpath("//main")[0]
    (overdue,) = main.xpath("div[@class='notice overdue']")
    assert overdue.getnext().tag == "h1"
    assert text(overdue) == OVERDUE_NOTICE.format(date="10 January 2029")
    assert overdue.xpath(".//span")[0].get("lang") == "en-GB"  # not translated yet


def test_english_draft_has_one_notice_in_english(tmp_path: Path) -> None:
    context = WriteContext(Config(), TODAY, draft=True)
    page = dom(build_page(write_leaflet(tmp_path, "Words.\n"), tmp_path / "out", context))
    (notice,) = page.xpath("//aside[@class='notice draft']")
    assert [text(p) for p in notice.xpath("p")] == [DRAFT]


def test_audio_player_at_the_top_when_the_recording_is_built_too(pages: dict[str, Path]) -> None:
    page = dom(pages["welsh"])
    (listen,) = page.xpath("//section[@class='listen']")
    assert listen.getprevious().tag == "h1"
    (audio,) = listen.xpath("audio")
    assert audio.get("controls") is not None
    (label,) = page.xpath("//*[@id=$id]", id=audio.get("aria-labelledby"))
    assert text(label) == "Listen to this leaflet"
    (download,) = listen.xpath(".//a[@download]")
    assert download.get("href") == "welsh.mp3"
    assert text(download) == "Download the recording (MP3)"


# --- languages ---------------------------------------------------------------


def test_right_to_left_language(pages: dict[str, Path]) -> None:
    page = dom(pages["arabic"])
    assert (page.get("lang"), page.get("dir")) == ("ar", "rtl")
    # Tool words not yet translated are marked as English, left to right.
    (hard,) = page.xpath("//section[@class='hard-words']/h2/span")
    assert (hard.get("lang"), hard.get("dir"), text(hard)) == ("en-GB", "ltr", "Hard words")


def test_translated_tool_words_are_used(tmp_path: Path) -> None:
    add_pictures(tmp_path)
    words = Words("cy", {"Hard words": "Geiriau anodd", "Call {phone}": "Ffoniwch {phone}"})
    source = write_leaflet(tmp_path, "Mae'r scan yn gyflym.\n", RICH_FRONT.replace("en-GB", "cy"))
    page = dom(build_page(source, tmp_path / "out", WriteContext(Config(), TODAY, words)))
    (hard,) = page.xpath("//section[@class='hard-words']/h2")
    assert (text(hard), hard.xpath("span")) == ("Geiriau anodd", [])
    assert text(page.xpath("//a[@class='phone']")[0]) == "Ffoniwch +44 800 123 4567"


def test_untranslated_references_are_marked_with_their_language(
    tmp_path: Path, pages: dict[str, Path]
) -> None:
    front = "language: ar\nreferences:\n  - Example Society. Guide. 2024.\n"
    page = dom(build_page(write_leaflet(tmp_path, "كلمات.\n", front), tmp_path / "out"))
    (references,) = page.xpath("//footer//ul")
    assert (references.get("lang"), references.get("dir")) == ("en-GB", "ltr")
    # On a page in the source language they need no mark.
    assert dom(pages["rich"]).xpath("//footer//ul")[0].get("lang") is None


# --- escaping -----------------------------------------------------------------


def test_html_like_content_is_escaped(pages: dict[str, Path]) -> None:
    page = dom(pages["tricky"])
    assert not page.xpath("//script | //iframe | //body//img[not(starts-with(@src, 'data:'))]")
    assert not page.xpath("//*[@onerror]")
    assert text(page.xpath("//h1")[0]) == TRICKY_TITLE
    assert TRICKY_TEXT in [text(p) for p in page.xpath("//p")]
    source = pages["tricky"].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;p&#39;)&lt;/script&gt;" in source


# --- errors a person can fix ---------------------------------------------------


def test_a_picture_that_is_not_png_or_svg_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a png")
    source = write_leaflet(tmp_path, "Intro.\n\n![A photo](photo.jpg)\n")
    with pytest.raises(BuildError) as raised:
        build_page(source, tmp_path / "out")
    (problem,) = raised.value.problems
    assert (problem.path, problem.line) == (source, 8)
    assert "photo.jpg is not a PNG or SVG picture" in problem.message


def test_a_png_named_svg_is_still_shown_as_png(tmp_path: Path) -> None:
    (tmp_path / "odd.svg").write_bytes(png(4, 4, (0, 0, 0)))
    source = write_leaflet(tmp_path, "![A square](odd.svg)\n")
    page = dom(build_page(source, tmp_path / "out"))
    assert page.xpath("//img")[0].get("src").startswith("data:image/png;base64,")


# --- tool words -----------------------------------------------------------------


def test_every_tool_word_in_the_template_is_listed_for_translators() -> None:
    template = (templates_dir(PAGE) / PAGE).read_text(encoding="utf-8")
    used = set(re.findall(r'say(?:\.text)?\("([^"]+)"', template))
    assert used, "the template says nothing through say()?"
    assert used <= set(WORDS)


def test_overdue_date_follows_the_language_of_its_sentence(tmp_path: Path) -> None:
    from publisher.formats.html.writer import OVERDUE

    words = Words("cy", {OVERDUE: "Roedd angen gwirio'r daflen hon ar {date}."})
    source = write_leaflet(tmp_path, "Geiriau.\n", "language: cy\n")
    late = WriteContext(Config(), date(2030, 1, 1), words)
    page = dom(build_page(source, tmp_path / "out", late))
    (overdue,) = page.xpath("//div[@class='notice overdue']")
    assert text(overdue) == "Roedd angen gwirio'r daflen hon ar 10 Ionawr 2029."
