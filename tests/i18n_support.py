"""Helpers for the translation tests: a scratch project, translating a PO file as a
translator's editor would, and reading back what each output format says."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner, Result
from docx import Document
from lxml import etree, html

from publisher.cli import main

from .conftest import require_tool

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(root: Path, *args: str) -> Result:
    """The publisher command in the project at `root`."""
    return CliRunner().invoke(main, ["--root", str(root), *args], catch_exceptions=False)


REVIEWER = "Example Reviewer (test data)"
TRANSLATOR_NAME = "Example Translator (test data)"


def make_key(path: Path) -> str:
    """A new Ed25519 key pair for a test person: the private key at `path`, the public line back."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.OpenSSH,
            serialization.NoEncryption(),
        )
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    )
    return public.decode()


def key_path(root: Path, name: str = REVIEWER) -> Path:
    """Where a test person's private key lives (outside the project's files that are checked)."""
    return root / "keys" / name.split()[1].lower()


def write_config(
    root: Path, languages: list[str], signatures: bool = True, cache: Path | None = None
) -> None:
    """publisher.toml with the languages, a test reviewer and a test translator who has a key.

    `cache`: a speech and font cache to share (fonts for the PDF take a minute to make)."""
    listed = ", ".join(f'"{lang}"' for lang in languages)
    people = ""
    for name in (REVIEWER, TRANSLATOR_NAME):
        path = key_path(root, name)
        public = path.with_suffix(".pub")
        if not public.is_file():
            public.parent.mkdir(parents=True, exist_ok=True)
            public.write_text(make_key(path), encoding="utf-8")
        people += (
            f'\n[[review.reviewers]]\nname = "{name}"\n'
            f'key = "{public.read_text(encoding="utf-8").strip()}"\nlanguages = [{listed}]\n'
        )
    (root / "publisher.toml").write_text(
        f'[publisher]\norganisation = "Example Health Charity"\nlanguages = [{listed}]\n'
        f"\n[review]\nsignatures = {str(signatures).lower()}\n{people}"
        + (f'\n[paths]\ncache = "{cache.as_posix()}"\n' if cache else ""),
        encoding="utf-8",
    )


def sign(root: Path, domain: str, *args: str, language: str = "cy", reviewer: str = REVIEWER):
    """`i18n review` by a person of write_config, with their key."""
    key = str(key_path(root, reviewer if reviewer in (REVIEWER, TRANSLATOR_NAME) else REVIEWER))
    return run(
        root, "i18n", "review", "--lang", language, domain, "--reviewer", reviewer, "--key", key,
        *args,
    )  # fmt: skip


def copy_project(source: Path, target: Path) -> Path:
    """A copy to change freely; the speech cache comes along so audio is not spoken twice."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("out"))
    return target


def fake_translation(msgid: str) -> str:
    """A stand-in translation of a tool word: capitals, placeholders kept, never the English."""
    parts = re.split(r"(\{[^{}]*\})", msgid)
    return "CY " + "".join(p if p.startswith("{") else p.upper() for p in parts)


def translate(path: Path, strings: dict[str, str] | None, translator: str) -> None:
    """Fill in every msgstr as a translator would, and sign the file as its Last-Translator.

    With `strings`, each msgid must be in it; without, tool words get fake_translation.
    """
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):  # a plural tool word: every form of the language
            forms = [fake_translation(message.id[1])] * catalog.num_plurals
            message.string = tuple(forms)
        else:
            message.string = (
                strings[message.id] if strings is not None else fake_translation(message.id)
            )
        message.flags.discard("fuzzy")
    catalog.last_translator = translator
    with path.open("wb") as handle:
        write_po(handle, catalog, include_previous=True)


def msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    msgfmt = require_tool("msgfmt")
    return subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )


# --- reading the outputs back ----------------------------------------------


def pdf_pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def pdf_language(path: Path) -> str:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return str(pdf.Root.get("/Lang", ""))


@dataclass(frozen=True)
class WordFile:
    body: str
    headers: list[str]  # the text of every header part, each section's pages included
    languages: set[str]  # every w:lang w:val in the styles and document


def read_docx(path: Path) -> WordFile:
    document = Document(str(path))
    body = "\n".join(p.text for p in document.paragraphs)
    headers = []
    for section in document.sections:
        parts = [section.header]
        if section.different_first_page_header_footer:
            parts.append(section.first_page_header)
        headers += ["\n".join(p.text for p in part.paragraphs) for part in parts]
    languages: set[str] = set()
    with zipfile.ZipFile(path) as archive:
        for name in ("word/styles.xml", "word/document.xml"):
            tree = etree.fromstring(archive.read(name))
            languages |= {el.get(f"{W}val") for el in tree.iter(f"{W}lang") if el.get(f"{W}val")}
    return WordFile(body, headers, languages)


def read_html(path: Path) -> html.HtmlElement:
    return html.fromstring(path.read_bytes())


def mp3_language(path: Path) -> list[str]:
    from mutagen.id3 import ID3

    return [str(text) for frame in ID3(path).getall("TLAN") for text in frame.text]
