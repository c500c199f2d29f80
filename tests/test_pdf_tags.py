"""The tagged large-print PDF (PDF/UA-1), read back as assistive technology and checkers do.

The sample leaflets are built once: English, and the signed-off Arabic and Bengali
translations. The structure tree is read with pikepdf and `pdfinfo -struct-text`; a PDF/UA
checker from PyPI (pdfua) runs on every sample, and the Matterhorn-style checks below cover
what it does not; pypdfium2 (Chrome's and Edge's reader) and pdfminer read the text layer.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from babel.messages.pofile import read_po
from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams
from pdfua import validate

from .conftest import CONTENT, ROOT, require_tool, write_leaflet
from .pdf_support import build_pdf, pdftotext, struct_text, structure, words_only
from .rtl_support import build_samples

PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name -> PDF: both English samples, and having-a-scan in Arabic and Bengali."""
    folder = tmp_path_factory.mktemp("tagged")
    built = {
        name: build_pdf(CONTENT / f"{name}.md", folder / f"{name}.pdf")[1]
        for name in ("secondary-breast-cancer", "having-a-scan")
    }
    for language, where in build_samples(folder / "translated", ("pdf",)).items():
        built[language] = where / "having-a-scan-large-print.pdf"
    return built


@pytest.fixture(scope="module")
def cancer(samples: dict[str, Path]) -> Path:
    return samples["secondary-breast-cancer"]


def rows(pdf: Path) -> list[tuple[int, str, str]]:
    """(depth, role, text) from pdfinfo -struct-text, white space made single."""
    return [(depth, role, words_only(text)) for depth, role, text in struct_text(pdf)]


# --- the tree holds the leaflet in source order ----------------------------------------------


def test_every_heading_in_source_order(cancer: Path) -> None:
    headings = [(role, text) for _, role, text in rows(cancer) if role in ("H1", "H2", "H3")]
    assert headings == [
        ("H1", "Secondary breast cancer"),
        ("H2", "What is secondary breast cancer?"),
        ("H2", "Tests"),
        ("H3", "Scans"),
        ("H3", "Biopsy"),
        ("H2", "Treatment"),
        ("H2", "Help and support"),
        ("H2", "Glossary"),
        ("H2", "References"),
    ]


def test_every_list_item_has_a_label_and_a_body_in_source_order(cancer: Path) -> None:
    found = rows(cancer)
    labels, bodies = [], []
    for index, (depth, role, text) in enumerate(found):
        if role == "Lbl":
            labels.append(text)
        if role == "LBody":
            inside = []
            for row in found[index + 1 :]:
                if row[0] <= depth:
                    break
                inside.append(row)
            said = " ".join(text for _, role, text in inside if role in ("P", "Object"))
            bodies.append(words_only(said))
    assert labels == ["•"] * 4 + ["1.", "2.", "3.", "4."] + ["•"] * 3 + ["–"] + ["•"] * 5
    assert [body.split(" ")[:3] for body in bodies][:8] == [
        ["the", "bones"],
        ["the", "lungs"],
        ["the", "liver"],
        ["the", "brain"],
        ["a", "CT", "scan"],
        ["an", "MRI", "scan"],
        ["a", "bone", "scan"],
        ["a", "PET-CT", "scan"],
    ]
    assert bodies[10].startswith("targeted drugs, which attack one part of the cancer cell")
    assert "for example, drugs for HER2 positive cancer" in bodies[11]  # the nested item
    assert bodies[14:] == [
        "call our nurses on 0800 123 4567",
        "e-mail nurses@example.org",
        "read more on our website (https://example.org/secondary)",
    ]


def test_a_nested_list_is_inside_its_item(cancer: Path) -> None:
    kinds = [(element.depth, element.role) for element in structure(cancer)]
    lists = [depth for depth, role in kinds if role == "L"]
    assert lists == [1, 1, 1, 4, 1]  # Document > L > LI > LBody > L


def test_every_picture_is_a_figure_with_its_description_and_caption(cancer: Path) -> None:
    found = [(role, text) for _, role, text in rows(cancer)]
    figures = [element for element in structure(cancer) if element.role == "Figure"]
    assert [figure.alt for figure in figures] == [
        "A body with red marks on the brain, lungs, liver and a leg bone"
    ]
    at = found.index(("Figure", ""))  # a PNG: no words inside; its /Alt tells it
    assert found[at + 1] == ("Caption", "Places where breast cancer can spread")
    # the decorative divider is no Figure: an Artifact, outside the tree


def test_every_link_is_a_link_element_with_its_area_and_a_description(cancer: Path) -> None:
    links = [element for element in structure(cancer) if element.role == "Link"]
    assert [link.contents[0] for link in links] == [
        "Phone: 0800 123 4567",  # the helpline box, on the first page
        "Email: nurses@example.org",
        "0800 123 4567",
        "nurses@example.org",
        "our website (https://example.org/secondary)",
    ]
    assert [link.links for link in links] == [1, 1, 1, 1, 2]  # the last one wraps a line
    assert all(link.mcids for link in links)  # and the link's text is its own content
    with pikepdf.open(cancer) as pdf:
        areas = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        assert areas and all("/StructParent" in area and "/Contents" in area for area in areas)


def test_boxes_are_notes_and_the_first_page_starts_the_text(cancer: Path) -> None:
    top = [(role, text) for depth, role, text in rows(cancer) if depth == 1][:6]
    assert top == [
        ("H1", "Secondary breast cancer"),
        ("P", "What secondary breast cancer is, the tests you may have, and how it is treated."),
        ("P", "Example Cancer Care & Co <UK>"),
        ("Note", ""),  # the helpline box
        ("P", "This leaflet is for people who have been told they have secondary breast "
              "cancer. It may also help your family and friends."),
        ("H2", "What is secondary breast cancer?"),
    ]  # fmt: skip
    with pikepdf.open(cancer) as pdf:
        first = pdf.pages[0]
        marked = [ops for ops, op in pikepdf.parse_content_stream(first) if str(op) == "BDC"]
    assert len(marked) > 10  # not a mostly blank cover: the text begins on page 1


def test_a_draft_notice_in_english_inside_another_language_says_so(tmp_path: Path) -> None:
    from .test_pdf_text import WELSH

    source = write_leaflet(tmp_path, "## Rhan\n\nGeiriau.\n", "language: cy\n")
    _, pdf = build_pdf(source, tmp_path / "draft.pdf", words=WELSH, draft=True)
    spans = [(e.role, e.lang) for e in structure(pdf) if e.lang]
    # the organisation, as publisher.toml writes it; the English half of the notice, at the
    # start and the end
    assert spans == [("P", "en-GB"), ("P", "en"), ("P", "en")]


def blocks(pdf: Path) -> list[str]:
    """The text of each heading, paragraph and caption, with everything inside it (links,
    spans), as `pdfinfo -struct-text` reads the tree: white space made single, NFC."""
    found = struct_text(pdf)
    texts = []
    for index, (depth, role, text) in enumerate(found):
        if role in ("H1", "H2", "H3", "P", "Caption"):
            inside = []
            for row in found[index + 1 :]:
                if row[0] <= depth:
                    break
                inside.append(row[2])
            texts.append(same(text + "".join(inside)))
    return texts


# msgids of what the large print does not print as text: descriptions and easy-read points
NOT_PRINTED = {
    "A scanner with a bed going through a ring",
    "This leaflet is about having a scan.",
    "A calendar with a tick",
    "We will send you a letter with the day of your scan.",
    "A mobile phone",
    "Call us if you are pregnant or have metal in your body.",
    "You lie still on a bed. The bed moves into the scanner.",
    "Two people with a heart between them",
    "You can bring a friend with you.",
    "A person with a question mark",
    "Your doctor will tell you the results.",
    "Call us if you have questions.",
}


@pytest.mark.parametrize("language", ["ar", "bn"])
def test_the_tree_reads_the_translation_with_a_space_at_every_line_end(
    samples: dict[str, Path], language: str
) -> None:
    """Every translated heading, paragraph and list item is one element whose text is the
    translation: no word run into the next line's, no full stop or comma moved."""
    with (ROOT / "locales" / language / "having-a-scan.po").open("rb") as po:
        catalogue = read_po(po)
    found = blocks(samples[language])
    at = 0
    for message in catalogue:
        if not message.id or message.id in NOT_PRINTED:
            continue
        expected = same(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", message.string))
        if message.id in ("Scan department", "Every day, 8am to 8pm"):
            # the helpline box: at the start, though after the body in the translation file
            assert expected in found[:6]
            continue
        # a glossary entry is one paragraph: its term, then its definition
        match = next(
            (
                index
                for index in range(at, len(found))  # in source order
                if found[index] == expected
                or found[index].startswith(expected + " ")
                or found[index].endswith(" " + expected)
            ),
            None,
        )
        assert match is not None, (expected, found[at:])
        at = match
    assert any(len(text.split()) > 25 for text in found)  # paragraphs of several lines


def languages(pdf: Path) -> list[tuple[str, str, str]]:
    """(role, /Lang, text) of each element marked with a language, its text as
    `pdfinfo -struct-text` prints it: every quoted line indented under it."""
    done = subprocess.run(
        [require_tool("pdfinfo"), "-struct-text", str(pdf)], capture_output=True, text=True
    )
    printed = [
        ((len(line) - len(line.lstrip(" "))) // 2, line.strip())
        for line in done.stdout.splitlines()
        if line.strip() and not line.strip().startswith("Object ")  # link annotations
    ]
    elements = iter(structure(pdf))
    found = []
    for index, (depth, content) in enumerate(printed):
        if content.startswith('"'):
            continue
        element = next(elements)
        assert content.split(" ")[0] == element.role
        if element.lang:
            below = printed[index + 1 :]
            end = next((n for n, row in enumerate(below) if row[0] <= depth), len(below))
            text = "".join(row[1][1:-1] for row in below[:end] if row[1].startswith('"'))
            found.append((element.role, element.lang, same(text)))
    return found


@pytest.mark.parametrize("language", ["ar", "bn"])
def test_english_inside_the_translation_is_marked_english(
    samples: dict[str, Path], language: str
) -> None:
    """Matterhorn 11-006: the organisation and references (printed as written), and a web
    address in another script, each say their language, so a screen reader switches voice."""
    assert languages(samples[language]) == [
        ("P", "en-GB", "Example Cancer Care"),
        ("Span", "en-GB", "example.org/scans"),  # inside its Link
        ("P", "en-GB", "Example Imaging Society. Patient guide to scans. 2025."),
    ]


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("ar", "اتصل بمؤسسة [Example Cancer Care]{lang=en} أو اكتب إلى [nurses@example.org](mailto:nurses@example.org) اليوم."),
        ("bn", "আজই [Example Cancer Care]{lang=en} বা [nurses@example.org](mailto:nurses@example.org) এ যোগাযোগ করুন।"),
        ("en-GB", "Say [bore da]{lang=cy} to [our nurses]{lang=en} at [nurses@example.org](mailto:nurses@example.org)."),
    ],
)  # fmt: skip
def test_a_marked_span_and_an_address_are_spans_with_their_language(
    tmp_path: Path, language: str, body: str
) -> None:
    source = write_leaflet(tmp_path, f"## Part\n\n{body}\n", f"language: {language}\n")
    _, pdf = build_pdf(source, tmp_path / "spans.pdf")
    marked = [(role, lang, text) for role, lang, text in languages(pdf) if role == "Span"]
    if language == "en-GB":  # Welsh marked; English inside English and its address not
        assert marked == [("Span", "cy", "bore da")]
    else:
        assert marked == [
            ("Span", "en", "Example Cancer Care"),
            ("Span", "en-GB", "nurses@example.org"),
        ]


# --- nothing outside the tree but Artifacts ----------------------------------------------------

PAINTING = {"Tj", "TJ", "'", '"', "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"}


def test_everything_drawn_is_tagged_or_an_artifact(samples: dict[str, Path]) -> None:
    """Matterhorn 01-001 and 01-002: no content is neither real content nor an Artifact."""
    for name, pdf in samples.items():
        with pikepdf.open(pdf) as document:
            for number, page in enumerate(document.pages):
                stack: list[bool] = []
                for operands, operator in pikepdf.parse_content_stream(page):
                    op = str(operator)
                    if op in ("BDC", "BMC"):
                        properties = operands[1] if len(operands) > 1 else {}
                        tagged = operands[0] == "/Artifact" or (
                            isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties
                        )
                        stack.append(tagged)
                    elif op == "EMC":
                        stack.pop()
                    elif op in PAINTING:
                        assert any(stack), f"{name} page {number + 1}: {op} outside the tree"
                assert not stack, f"{name} page {number + 1}: unbalanced marked content"


def test_every_mcid_is_in_the_parent_tree_and_the_tree(samples: dict[str, Path]) -> None:
    for name, pdf in samples.items():
        claimed = {mcid for element in structure(pdf) for mcid in element.mcids}
        with pikepdf.open(pdf) as document:
            nums = list(document.Root.StructTreeRoot.ParentTree.Nums)
            parents = dict(zip(nums[::2], nums[1::2], strict=True))
            for index, page in enumerate(document.pages):
                drawn = {
                    int(operands[1].MCID)
                    for operands, op in pikepdf.parse_content_stream(page)
                    if str(op) == "BDC" and len(operands) > 1 and "/MCID" in operands[1]
                }
                assert int(page.obj.StructParents) == index
                assert drawn == {mcid for page_index, mcid in claimed if page_index == index}, name
                assert len(parents[index]) == len(drawn)


def test_page_numbers_are_artifacts(cancer: Path) -> None:
    tagged_text = " ".join(text for _, _, text in rows(cancer))
    assert "Page 1 of" not in tagged_text
    assert re.search(
        r"Page 1 of \d",
        words_only(
            subprocess.run(
                [require_tool("pdftotext"), str(cancer), "-"], capture_output=True, text=True
            ).stdout
        ),
    )


# --- document-level PDF/UA -------------------------------------------------------------------


def test_marked_with_language_title_xmp_and_tab_order(samples: dict[str, Path]) -> None:
    expected = {
        "secondary-breast-cancer": ("Secondary breast cancer", "en-GB"),
        "having-a-scan": ("Having a scan", "en-GB"),
        "ar": ("إجراء فحص بالتصوير", "ar"),
        "bn": ("স্ক্যান করানো", "bn"),
    }
    for name, pdf in samples.items():
        title, language = expected[name]
        with pikepdf.open(pdf) as document:
            root = document.Root
            assert root.MarkInfo.Marked is True
            assert str(root.Lang) == language
            assert root.ViewerPreferences.DisplayDocTitle is True
            assert all(page.obj.Tabs == "/S" for page in document.pages)
            meta = document.open_metadata()
            assert meta["dc:title"] == title
            assert meta["pdfuaid:part"] == "1"
            assert language in str(meta["dc:language"])


def test_every_font_is_embedded(samples: dict[str, Path]) -> None:
    tool = require_tool("pdffonts")
    for pdf in samples.values():
        lines = subprocess.run([tool, str(pdf)], capture_output=True, text=True).stdout
        fonts = lines.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the emb column


def test_the_pdfua_checker_finds_nothing(samples: dict[str, Path]) -> None:
    """pdfua (PyPI, on pikepdf, no JVM): its 12 checks of the machine-checkable rules."""
    for name, pdf in samples.items():
        report = validate(str(pdf))
        assert report.exit_code == 0, (name, [str(f) for f in report.findings])


def test_headings_never_skip_a_level(samples: dict[str, Path]) -> None:
    """Matterhorn 14-003, which pdfua does not check: H1, then H2, H3 one level at a time."""
    for pdf in samples.values():
        levels = [int(e.role[1]) for e in structure(pdf) if re.fullmatch("H[1-6]", e.role)]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(after - before <= 1 for before, after in zip(levels, levels[1:], strict=False))


# --- the text layer in every reader ------------------------------------------------------------


def pdfium_text(pdf: Path) -> str:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def same(text: str) -> str:
    return words_only(unicodedata.normalize("NFC", text))


BENGALI = (
    "স্ক্যান করানো",
    "CT বা MRI স্ক্যান করানোর সময় কী হয় এবং কীভাবে প্রস্তুতি নেবেন।",
    "আপনার স্ক্যানের আগে",
    "স্ক্যানের দিনের আগেই আমাদের জানান, যদি আপনি:",
    "গর্ভবতী হন বা হতে পারেন",
    "ছোট বা বদ্ধ জায়গা নিয়ে দুশ্চিন্তা করেন",
    "একটি তরল, যা স্ক্যানে শরীরের অংশগুলোকে আরও পরিষ্কারভাবে দেখায়।",
    "প্রতিদিন, সকাল 8টা থেকে রাত 8টা",
)
ARABIC = (
    "إجراء فحص بالتصوير",
    "ماذا يحدث عند إجراء فحص CT أو MRI، وكيف تستعد له.",
    "قبل الفحص",
    "أخبرنا قبل يوم الفحص إذا:",
    "كان لديك جهاز لتنظيم ضربات القلب أو أي معدن في جسمك",
    "يحتاج بعض الناس إلى حقنة من صبغة التباين. قد تشعرك بالدفء لمدة دقيقة. هذا أمر طبيعي.",
    "سائل يجعل أجزاء الجسم تظهر بوضوح أكبر في الفحص.",
)


@pytest.mark.parametrize("reader", [pdfium_text, extract_text], ids=["pdfium", "pdfminer"])
def test_bengali_reads_as_written_in_every_reader(samples: dict[str, Path], reader) -> None:
    text = same(reader(samples["bn"]))
    assert not PRIVATE_USE.search(text)
    for sentence in BENGALI:
        assert same(sentence) in text


def test_arabic_reads_as_written_in_pdfium(samples: dict[str, Path]) -> None:
    text = same(pdfium_text(samples["ar"]))
    assert not PRIVATE_USE.search(text)
    for sentence in ARABIC:
        assert same(sentence) in text


def test_arabic_words_read_as_written_in_pdfminer(samples: dict[str, Path]) -> None:
    """Every line in reading order; no presentation forms or private-use codes."""
    text = same(extract_text(samples["ar"]))
    assert not PRIVATE_USE.search(text)
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text)
    for sentence in (*ARABIC[:1], *ARABIC[2:5], ARABIC[6]):
        assert same(sentence) in text


def test_arabic_lines_with_english_read_in_order_in_pdfminer(samples: dict[str, Path]) -> None:
    assert same(ARABIC[1]) in same(extract_text(samples["ar"]))


def test_arabic_vowel_marks_stay_on_their_letter_in_pdfium(samples: dict[str, Path]) -> None:
    assert same("كنتِ حاملاً أو قد تكونين حاملاً") in same(pdfium_text(samples["ar"]))


def test_arabic_vowel_marks_stay_on_their_letter_in_poppler(samples: dict[str, Path]) -> None:
    text = same(BIDI_EMBEDDINGS.sub("", pdftotext(samples["ar"])))
    for sentence in ("كنتِ حاملاً أو قد تكونين حاملاً", "الآلة التي تلتقط صوراً لداخل الجسم."):
        assert same(sentence) in text


# --- every paragraph of the translated samples, in every reader --------------------------------

BIDI_EMBEDDINGS = re.compile("[\u202a-\u202e]")  # poppler wraps right-to-left lines in these
READERS = {"pdfium": pdfium_text, "pdfminer": extract_text, "poppler": pdftotext}
# pdfium reads each line as drawn from the left and turns round what runs right to left, a
# word or a number at a time: a number dialled in groups ("0800 123 4567") inside Arabic
# comes out with its groups from the right, and a line holding only a web address with the
# sentence's full stop starts with the stop. Nothing in the drawing can tell it otherwise.
PDFIUM_NUMBER = "إذا كانت لديك أسئلة، اتصل بنا على الرقم 0800 123 4567 أو زر example.org/scans."


def paragraphs(language: str) -> list[str]:
    """The signed-off translation of every paragraph, heading, list item and glossary entry
    of the large print (not the easy-read points and pictures), links as their text."""
    with (CONTENT.parent / "locales" / language / "having-a-scan.po").open("rb") as handle:
        catalogue = read_po(handle)
    return [
        re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", message.string)
        for message in catalogue
        if message.id and not message.auto_comments[0].startswith(("easy-read", "alt text"))
    ]


def one_column(pdf: Path) -> str:
    """pdfminer's text, its boxes read from the top down: the leaflet has one column, and
    pdfminer's guess at columns puts a short heading (right-aligned in Arabic) after the
    paragraph beside it."""
    return extract_text(pdf, laparams=LAParams(boxes_flow=None))


def pages(reader: str, pdf: Path) -> list[str]:
    if reader == "pdfium":
        document = pypdfium2.PdfDocument(str(pdf))
        try:
            return [page.get_textpage().get_text_range() for page in document]
        finally:
            document.close()
    return (one_column(pdf) if reader == "pdfminer" else pdftotext(pdf)).split("\f")


def body_text(reader: str, pdf: Path, language: str) -> str:
    """What `reader` gets from every page, white space made single, the page numbers at the
    foot of each page ("Page 1 of 3", as the language's publisher.po says it) left out."""
    with (ROOT / "locales" / language / "publisher.po").open("rb") as handle:
        footer = read_po(handle)["Page {page} of {pages}"].string
    number = re.escape(footer).replace(r"\{page\}", r"\S+").replace(r"\{pages\}", r"\S+")
    return same(" ".join(re.sub(number, " ", page) for page in pages(reader, pdf)))


def test_every_sample_paragraph_is_checked() -> None:
    assert len(paragraphs("ar")) == len(paragraphs("bn")) == 22


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer", "poppler"])
def test_every_bengali_paragraph_reads_as_written(samples: dict[str, Path], reader: str) -> None:
    text = body_text(reader, samples["bn"], "bn")
    assert not PRIVATE_USE.search(text) and "\ufffd" not in text and "(cid:" not in text
    missing = [p for p in paragraphs("bn") if same(p) not in text]
    assert not missing, missing


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_every_arabic_paragraph_reads_as_written(samples: dict[str, Path], reader: str) -> None:
    text = body_text(reader, samples["ar"], "ar")
    assert not PRIVATE_USE.search(text) and "\ufffd" not in text and "(cid:" not in text
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text)  # no presentation forms
    expected = paragraphs("ar")
    if reader == "pdfium":
        expected.remove(PDFIUM_NUMBER)
        expected += ["إذا كانت لديك أسئلة، اتصل بنا على الرقم", "أو زر"]
    missing = [p for p in expected if same(p) not in text]
    assert not missing, missing


def test_the_helpline_reads_as_written_in_pdfminer(samples: dict[str, Path]) -> None:
    text = same(extract_text(samples["ar"]))
    assert same("الهاتف: 0800 123 4567") in text
    assert same("كل يوم، من 8 صباحاً إلى 8 مساءً") in text


VOWELLED = "مُحَمَّدٌ رَسُولٌ لأنَّ الطبيبَ قالَ لا تأكلْ قبلَ الفحصِ اليومَ"  # shadda with fatha
MIXED = (
    "راجع موقع NHS Choices على www.nhs.uk أو اتصل بالرقم 111 في أي وقت من الليل أو النهار، "
    "أو اسأل St Mary's Hospital في London."
)


@pytest.fixture(scope="module")
def vowelled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every vowel sign written, and English running over line ends inside Arabic."""
    folder = tmp_path_factory.mktemp("vowelled")
    body = f"## عنوان\n\n{VOWELLED} في المستشفى. {MIXED}\n"
    source = write_leaflet(folder, body, "language: ar\n", "ar.md")
    return build_pdf(source, folder / "ar.pdf")[1]


def test_every_vowel_sign_and_english_word_reads_in_place_in_pdfminer(vowelled: Path) -> None:
    assert same(f"{VOWELLED} في المستشفى. {MIXED}") in same(extract_text(vowelled))


@pytest.mark.parametrize("reader", ["pdfium", "poppler"])
def test_every_vowel_sign_stays_on_its_letter(vowelled: Path, reader: str) -> None:
    text = same(BIDI_EMBEDDINGS.sub("", READERS[reader](vowelled)))
    assert same(VOWELLED) in text
