"""out/index.html in Chromium: no WCAG 2.2 A/AA violations, and every built file listed
under its leaflet and language with that edition's review state.

The catalogue reads only the manifest, so the samples are built with a stand-in
writer under the real format names (seconds instead of minutes); the translations
are the real ones in locales/, plus a Welsh draft of the untranslated sample.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from publisher.build import plan as build_module
from publisher.cli import main
from publisher.formats import FORMATS, Format

from .browser import axe_violations, chromium, describe, open_page
from .conftest import CONTENT, ROOT, require_tool

STAND_IN = {
    name: Format(
        name,
        "tests.fixtures.text_writer",
        fmt.filename,
        links_siblings=fmt.links_siblings,
        later=fmt.later,
        part_of=fmt.part_of,
    )
    for name, fmt in FORMATS.items()
}
ORIGINAL = "Original text."
SIGNED_OFF = "Translation checked and signed off by a second person."
DRAFT = "Unreviewed draft: no second person has checked this translation."


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The samples built with --draft: reviewed translations of one, a Welsh draft of the other."""
    root = tmp_path_factory.mktemp("catalogue")
    shutil.copytree(CONTENT, root / "content")
    shutil.copytree(ROOT / "locales", root / "locales")
    shutil.copy(ROOT / "publisher.toml", root / "publisher.toml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "FORMATS", STAND_IN)
        invoke("--root", str(root), "i18n", "update", "--lang", "cy", str(root / "content"))
        invoke("--root", str(root), "build", "--jobs", "1", "--draft")
    yield root


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(require_tool("chromium")) as launched:
        yield launched


def built_files(out: Path) -> list[str]:
    own = {"index.html", "manifest.json"}
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.*") if p.name not in own)


# Each link with the edition it sits in, as a reader sees them: heading and review state.
LINKS_JS = """
() => Array.from(document.querySelectorAll('main a[href]')).map(a => {
  const edition = a.closest('.edition');
  return {href: a.getAttribute('href'), text: a.textContent.trim(),
          heading: edition ? edition.querySelector('h3').innerText : null,
          state: edition ? edition.querySelector('p').innerText : null};
})
"""


def test_catalogue_has_no_wcag_violations(project: Path, browser: Browser) -> None:
    with open_page(browser, project / "out" / "index.html") as opened:
        violations = axe_violations(opened.page)
    assert not violations, describe(violations)


def test_catalogue_lists_every_built_file_with_language_and_review_state(
    project: Path, browser: Browser
) -> None:
    out = project / "out"
    with open_page(browser, out / "index.html") as opened:
        links = opened.page.evaluate(LINKS_JS)
    assert sorted(link["href"] for link in links) == built_files(out)
    # 5 editions of one sample, 2 of the other (a Welsh draft); pdf, docx, html, audio,
    # easy-read audio, epub, and braille's brf and pef
    assert len(links) == 8 * 7
    expected = {
        ("having-a-scan", "en-GB"): ("English (en-GB): Having a scan", ORIGINAL),
        ("having-a-scan", "cy"): ("Welsh (cy): Cael sgan", SIGNED_OFF),
        ("having-a-scan", "pl"): ("Polish (pl): Badanie obrazowe", SIGNED_OFF),
        ("having-a-scan", "ar"): ("Arabic (ar):", SIGNED_OFF),
        ("having-a-scan", "bn"): ("Bangla (bn):", SIGNED_OFF),
        ("secondary-breast-cancer", "en-GB"): ("English (en-GB):", ORIGINAL),
        ("secondary-breast-cancer", "cy"): ("Welsh (cy):", DRAFT),
    }
    for link in links:
        slug, language, _ = link["href"].split("/")
        heading, state = expected[(slug, language)]
        assert link["heading"].startswith(heading), link
        assert link["state"] == state, link


def test_catalogue_marks_languages_and_lists_the_original_first(project: Path) -> None:
    page = (project / "out" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="ar" dir="rtl">' in page
    scan = page[page.index('id="having-a-scan"') : page.index('id="secondary-breast-cancer"')]
    headings = [line for line in scan.splitlines() if "<h3>" in line]
    assert [h.split("<h3>")[1].split(":")[0] for h in headings] == [
        "English (en-GB)",
        "Arabic (ar)",
        "Bangla (bn)",
        "Polish (pl)",
        "Welsh (cy)",
    ]


def test_a_translation_changed_since_review_leaves_out_and_the_catalogue(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    shutil.copy(ROOT / "publisher.toml", tmp_path / "publisher.toml")
    welsh = tmp_path / "out" / "having-a-scan" / "cy"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "FORMATS", STAND_IN)
        invoke("--root", str(tmp_path), "build", "--jobs", "1")
        assert (welsh / "having-a-scan-large-print.pdf").is_file()
        source = tmp_path / "content" / "having-a-scan.md"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("Please\nread it carefully.", "Read it carefully."))
        output = invoke("--root", str(tmp_path), "build", "--jobs", "1")
    assert "having-a-scan is not published in Welsh (cy)" in output
    assert "removed " in output and "having-a-scan/cy/having-a-scan.docx" in output
    assert not welsh.exists()
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "having-a-scan/cy/" not in page and "having-a-scan/pl/" not in page
    assert "having-a-scan/en-GB/having-a-scan.docx" in page
