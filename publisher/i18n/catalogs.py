"""Where the locale files live, and reading and writing them with Babel.

locales/templates/<domain>.pot, locales/<lang>/<domain>.po and, beside each PO,
<domain>.review.json. A domain is a leaflet's slug, or 'publisher' for the
tool's own words. Files are written only when their content changed (dates in
the header aside), atomically, in a form `msgfmt --check` accepts.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po
from babel.plural import to_gettext

from ..config import Config
from ..errors import ContentError, Problem, UsageError
from ..files import write_text_atomic
from ..reading.frontmatter import LANGUAGE_TAG
from ..text.characters import text_problems
from .dates import babel_locale, language_name
from .units import Unit

TEMPLATES = "templates"
HEADER_DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.MULTILINE)
ORGANISATION_PLACEHOLDER = "ORGANIZATION"
PO_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
UNQUOTED = (
    'not a valid PO file: the text must be one string in double quotes, "like this" '
    '(write \\" for a quote inside it)'
)


def template_path(config: Config, domain: str) -> Path:
    return config.locales_dir / TEMPLATES / f"{domain}.pot"


def po_path(config: Config, language: str, domain: str) -> Path:
    return config.locales_dir / checked_tag(language) / f"{domain}.po"


def review_path(config: Config, language: str, domain: str) -> Path:
    return config.locales_dir / checked_tag(language) / f"{domain}.review.json"


def checked_tag(language: str) -> str:
    """A language tag such as cy or pl-PL; anything else (a path, a typo) is refused."""
    if not LANGUAGE_TAG.match(language) or language.lower() == TEMPLATES:
        raise UsageError(f"'{language}' is not a language tag like cy, pl or pt-BR")
    return language


def known_languages(config: Config) -> tuple[str, ...]:
    """The configured languages, then any other language folder found in locales/."""
    found = []
    if config.locales_dir.is_dir():
        found = sorted(
            p.name
            for p in config.locales_dir.iterdir()
            if p.is_dir() and p.name != TEMPLATES and LANGUAGE_TAG.match(p.name)
        )
    return tuple(dict.fromkeys([*config.languages, *found]))


def template(
    domain: str, title: str, version: str, units: Iterable[tuple[Unit, Path]], root: Path
) -> Catalog:
    """A POT catalog: one entry per distinct msgid, with every place it is used."""
    now = datetime.now(UTC)
    catalog = Catalog(domain=domain, creation_date=now, revision_date=now, fuzzy=False)
    catalog.header_comment = (
        f"# Text to translate: {title}.\n# Made by `publisher i18n extract`; do not edit.\n#"
    )
    _plain_header(catalog, domain, version, language_team="")
    for unit, source in units:
        flags = ["python-brace-format"] if domain == "publisher" and "{" in unit.msgid else []
        location = (_relative(source, root), unit.line)
        msgid = (unit.msgid, unit.plural) if unit.plural else unit.msgid
        catalog.add(msgid, locations=[location], auto_comments=unit.notes, flags=flags)
    _tidy_comments(catalog)
    return catalog


def new_translation(template_catalog: Catalog, language: str, title: str) -> Catalog:
    """An empty PO for one language, started from a template."""
    catalog = Catalog(
        locale=babel_locale(language),
        domain=template_catalog.domain,
        creation_date=template_catalog.creation_date,
        revision_date=datetime.now(UTC),
        fuzzy=False,
    )
    catalog.header_comment = (
        f"# {language_name(language)} translation of {title}.\n"
        "# Put your name in Last-Translator. A second person signs it off with\n"
        "# `publisher i18n review`; only then is it published. Everyone who edits\n"
        "# it adds a line '# Name <email>, YEAR.' here: they may not sign it off.\n#"
    )
    _plain_header(
        catalog, template_catalog.project, template_catalog.version, language_name(language)
    )
    catalog.update(template_catalog)
    cldr_plural_forms(catalog, language)
    return catalog


def cldr_plural_forms(catalog: Catalog, language: str) -> None:
    """Set Plural-Forms from the language's CLDR rule (Babel's own table differs for some)."""
    rule = to_gettext(babel_locale(language).plural_form).strip().rstrip(";")
    headers = [(k, v) for k, v in catalog.mime_headers if k.lower() != "plural-forms"]
    catalog.mime_headers = [*headers, ("Plural-Forms", rule + ";")]


def _plain_header(catalog: Catalog, project: str, version: str, language_team: str) -> None:
    """Header values without Babel's placeholders, which `msgfmt --check` warns about."""
    catalog.project, catalog.version = project, version
    catalog.msgid_bugs_address = ""
    catalog.last_translator = ""
    catalog.language_team = language_team


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def _tidy_comments(catalog: Catalog) -> None:
    """A text used several times keeps each distinct comment once."""
    for message in catalog:
        if message.id:
            message.auto_comments = list(dict.fromkeys(message.auto_comments))


def read_catalog(path: Path, language: str | None = None) -> Catalog:
    """Read a PO or POT file; a broken one is a ContentError naming the file and line."""
    try:
        lines = path.read_bytes().splitlines(keepends=True)
    except OSError as err:
        raise ContentError([Problem(path, None, f"cannot read: {err.strerror}")]) from None
    # Babel reads neither '#|' (previous msgid) nor msgmerge's '#~|' (an obsolete entry's):
    # the first is read here and given back to its entry below, the second is of no use.
    numbered = [(n, line) for n, line in enumerate(lines, 1) if not line.startswith(b"#~|")]
    previous = _previous_ids(numbered)
    numbered = [(n, line) for n, line in numbered if not line.startswith(b"#|")]
    problems = [Problem(path, n, message) for n, message in _quoting_problems(numbered)]
    problems += text_problems(b"".join(lines).decode("utf-8", "replace"), path, 1)
    if problems:  # Babel would silently drop a character of an unclosed string
        raise ContentError(problems)
    try:
        catalog = read_po(
            [line for _, line in numbered],
            locale=language and babel_locale(language),
            abort_invalid=True,
        )
    except PoFileError as err:
        line = numbered[err.lineno][0] if 0 <= err.lineno < len(numbered) else None
        reason = str(err).rpartition(" on ")[0] or str(err)
        raise ContentError([Problem(path, line, f"not a valid PO file: {reason}")]) from None
    for message in catalog:
        if message.lineno is not None and 0 < message.lineno <= len(numbered):
            message.lineno = numbered[message.lineno - 1][0]  # the line in the file itself
        if message.lineno in previous:
            message.previous_id = [previous[message.lineno]]
    return catalog


def _previous_ids(numbered: list[tuple[int, bytes]]) -> dict[int, str]:
    """The previous msgid of each fuzzy entry, by the file line of the msgid that follows."""
    found: dict[int, str] = {}
    parts: list[str] = []
    keyword = ""
    for number, raw in numbered:
        line = raw.decode("utf-8", "replace").strip()
        if line.startswith("#|"):
            rest = line[2:].strip()
            if not rest.startswith('"'):
                keyword, _, rest = rest.partition(" ")
            if keyword == "msgid" and PO_STRING.fullmatch(rest.strip()):
                parts.append(unescape(rest.strip()))
        elif line.startswith("msgid") and parts:
            found[number] = "".join(parts)
            parts, keyword = [], ""
        elif line.startswith("msgid"):
            keyword = ""
    return found


def _quoting_problems(numbered: list[tuple[int, bytes]]) -> Iterable[tuple[int, str]]:
    """Lines whose quoted text is not one whole "..." string (Babel does not check)."""
    for number, raw in numbered:
        line = raw.decode("utf-8", "replace").strip()
        if line.startswith("#~"):  # an obsolete entry: the same syntax after the mark
            line = line[2:].strip()
        if not line or line.startswith("#"):
            continue
        quoted = line if line.startswith('"') else line.partition(" ")[2].strip()
        if not PO_STRING.fullmatch(quoted):
            yield number, UNQUOTED


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write the catalog if its content changed; True when the file was (re)written."""
    for message in catalog:
        if not message.fuzzy:  # what changed is only worth showing while still to check
            message.previous_id = ()
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_previous=False)
    text = _with_previous(buffer.getvalue().decode("utf-8"), catalog)
    if path.is_file() and _same(path.read_text(encoding="utf-8"), text):
        return False
    write_text_atomic(path, text)
    return True


WIDTH = 79


def _with_previous(text: str, catalog: Catalog) -> str:
    """Add each fuzzy entry's previous msgid ('#| msgid "..."') as msgmerge writes it.

    Babel wraps these lines as comments, splitting a quoted string over lines that
    are not quoted: `msgfmt --check`, polib and translate-toolkit then reject the
    file. Each entry is a block between blank lines, in the catalog's order.
    """
    blocks = text.split("\n\n")
    messages = [m for m in catalog if m.id]
    for index, message in enumerate(messages, start=1):
        if index >= len(blocks) or not message.previous_id:
            continue
        previous = "\n".join(
            f"#| {keyword} " + normalize(value, prefix="#| ", width=WIDTH)
            for keyword, value in zip(("msgid", "msgid_plural"), message.previous_id, strict=False)
        )
        lines = blocks[index].split("\n")
        at = next((n for n, line in enumerate(lines) if line.startswith(("msgctxt", "msgid"))), 0)
        blocks[index] = "\n".join([*lines[:at], previous, *lines[at:]])
    return "\n\n".join(blocks)


def _same(old: str, new: str) -> bool:
    return HEADER_DATES.sub("", old) == HEADER_DATES.sub("", new)


def translation_of(catalog: Catalog, msgid: str) -> Message | None:
    message = catalog.get(msgid)
    return message if isinstance(message, Message) else None


CONTRIBUTOR = re.compile(r"^#\s*(?P<name>[^<>#]+?)\s*<[^<>]*>,\s*\d{4}(?:[-,]\s*\d{4})*\.?\s*$")


def translators_of(catalog: Catalog) -> tuple[str, ...]:
    """Who wrote this text: Last-Translator, then everyone in the header's contributor list.

    gettext's convention is a header line '# Name <email>, YEAR.' for each person
    who edited the file; translators' editors keep those lines, so the list grows
    with every editor and a reviewer who edited any string appears in it.
    """
    names = [translator_name(catalog)]
    for line in (catalog.header_comment or "").splitlines():
        found = CONTRIBUTOR.match(line.strip())
        if found and not found["name"].startswith(("FIRST AUTHOR", "FULL NAME")):
            names.append(found["name"].strip())
    return tuple(dict.fromkeys(name for name in names if name))


def translator_name(catalog: Catalog) -> str:
    """The name in Last-Translator ('Name <email>' -> 'Name'); '' when unset."""
    value = (catalog.last_translator or "").strip()
    if value.startswith("FULL NAME"):
        return ""
    return value.split("<", 1)[0].strip()
