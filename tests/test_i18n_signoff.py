"""The sign-off gate: reviewers named in publisher.toml, records signed with their SSH keys
and verified at every build, name tricks and own edits refused, changes shown first."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from publisher.formats import FORMATS

from .conftest import require_tool, write_leaflet
from .i18n_support import (
    REVIEWER,
    TRANSLATOR_NAME,
    copy_project,
    key_path,
    run,
    sign,
    translate,
    write_config,
)

TRANSLATOR = f"{TRANSLATOR_NAME} <translator@example.org>"
WELSH = {
    "Test leaflet": "Taflen brawf",
    "Call us": "Ffoniwch ni",
    "Call [0800 123 4567](tel:08001234567).": "Ffoniwch [0800 123 4567](tel:08001234567).",
}
ALL_FORMATS = ",".join(FORMATS)


def make_translated(root: Path, signatures: bool = True) -> Path:
    """A tiny project whose Welsh is complete and correct, tool words too; nobody signed it."""
    write_leaflet(root / "content", "## Call us\n\nCall [0800 123 4567](tel:08001234567).\n")
    write_config(root, ["cy"], signatures=signatures)
    assert run(root, "i18n", "update", "--lang", "cy").exit_code == 0
    translate(root / "locales" / "cy" / "test.po", WELSH, TRANSLATOR)
    translate(root / "locales" / "cy" / "publisher.po", None, TRANSLATOR)
    return root


@pytest.fixture(scope="module")
def unsigned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_translated(tmp_path_factory.mktemp("unsigned"))


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory, unsigned: Path) -> Path:
    root = copy_project(unsigned, tmp_path_factory.mktemp("signed") / "p")
    for domain in ("test", "publisher"):
        result = sign(root, domain)
        assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def project(signed: Path, tmp_path: Path) -> Path:
    """A copy of the signed project to change."""
    return copy_project(signed, tmp_path / "p")


def record_path(root: Path, domain: str = "test") -> Path:
    return root / "locales" / "cy" / f"{domain}.review.json"


def welsh_outputs(root: Path) -> list[Path]:
    folder = root / "out" / "test" / "cy"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def build_refused(root: Path, reason: str) -> None:
    """`build --lang cy` in every format exits 1 naming `reason`; a plain build writes no Welsh."""
    for name in FORMATS:  # one format at a time: each writer is behind the same gate
        result = run(root, "build", "--lang", "cy", "--format", name, "--jobs", "1")
        assert result.exit_code == 1, result.output
        assert "test is not published in Welsh (cy)" in result.output
        assert reason in result.output
    everything = run(root, "build", "--format", "html", "--jobs", "1")
    assert everything.exit_code == 0, everything.output
    assert welsh_outputs(root) == []


# --- the gate ---------------------------------------------------------------------


def test_a_complete_correct_translation_nobody_signed_off_is_refused_in_every_format(
    unsigned: Path, tmp_path: Path
) -> None:
    root = copy_project(unsigned, tmp_path / "p")
    build_refused(root, "is not signed off")


def test_the_signed_translation_is_published(signed: Path, tmp_path: Path) -> None:
    root = copy_project(signed, tmp_path / "p")
    result = run(root, "build", "--lang", "cy", "--format", "html", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert [p.name for p in welsh_outputs(root)] == ["test-easy-read.html"]
    record = json.loads(record_path(root).read_text(encoding="utf-8"))
    assert record["reviewer"] == REVIEWER
    assert record["translators"] == [TRANSLATOR_NAME]
    assert record["signature"].startswith("-----BEGIN SSH SIGNATURE-----")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("digest", "0" * 64),
        ("reviewer", TRANSLATOR_NAME),
        ("date", "2099-01-01"),
        ("translators", ["Somebody Else"]),
        ("accepted", ["number-00000000"]),
    ],
)
def test_a_forged_record_is_refused_in_every_format(project: Path, field: str, value) -> None:
    path = record_path(project)
    record = json.loads(path.read_text(encoding="utf-8"))
    record[field] = value
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    build_refused(project, "cannot be trusted")


def test_a_record_with_its_text_edited_to_match_a_new_translation_is_refused(
    project: Path,
) -> None:
    """Change a translation, then edit the record's strings and digest to match it."""
    from publisher.config import load_config
    from publisher.i18n.state import leaflet_translation
    from publisher.reading.source import read_leaflet

    po = project / "locales" / "cy" / "test.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Ffoniwch ni", "Peidiwch"), "utf-8")
    state = leaflet_translation(
        load_config(project), read_leaflet(project / "content" / "test.md"), "cy"
    )
    record = json.loads(record_path(project).read_text(encoding="utf-8"))
    record["strings"] = [[m, t] for m, t in state.pairs]
    record["digest"] = state.digest
    record_path(project).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    build_refused(project, "its signature is not Example Reviewer (test data)'s key")


def test_a_record_the_reviewer_really_signed_with_a_future_date_is_refused(project: Path) -> None:
    from datetime import date

    from publisher.i18n.record import read_record, sign_record, write_record

    record = read_record(record_path(project))
    assert record is not None
    future = sign_record(_replace(record, date=date(2099, 1, 1)), key_path(project, REVIEWER))
    write_record(record_path(project), future)
    build_refused(project, "its date 2099-01-01 is in the future")


def _replace(record, **changes):
    import dataclasses

    return dataclasses.replace(record, **changes)


def test_a_record_signed_with_another_key_is_refused(project: Path) -> None:
    from publisher.i18n.record import read_record, sign_record, write_record

    record = read_record(record_path(project))
    assert record is not None
    write_record(record_path(project), sign_record(record, key_path(project, TRANSLATOR_NAME)))
    build_refused(project, "it was made with another key")


def test_a_record_without_a_signature_is_refused(project: Path) -> None:
    record = json.loads(record_path(project).read_text(encoding="utf-8"))
    del record["signature"]
    record_path(project).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    build_refused(project, "it is not signed")


def test_an_old_unsigned_record_is_refused(project: Path) -> None:
    old = {"reviewer": REVIEWER, "date": "2026-01-01", "digest": "0" * 64, "translator": "X"}
    record_path(project).write_text(json.dumps(old), encoding="utf-8")
    build_refused(project, "an older or unknown kind of record")


def test_a_reviewer_removed_from_publisher_toml_no_longer_counts(project: Path) -> None:
    toml = project / "publisher.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace(f'name = "{REVIEWER}"', 'name = "Someone New"'), "utf-8")
    build_refused(project, f"'{REVIEWER}' is not a reviewer of cy in publisher.toml")


# --- who may sign -------------------------------------------------------------------

NAME_TRICKS = [
    "Example Translator (test data).",  # punctuation
    "E. Translator (test data)",  # an initial
    "Example\u200b Translator (test data)",  # a zero-width space
    "Ex\u0430mple Translator (test data)",  # a Cyrillic 'а'
    "EXAMPLE  TRANSLATOR (TEST DATA)",  # case and spaces
]


@pytest.mark.parametrize("trick", NAME_TRICKS)
def test_the_translator_cannot_sign_under_another_spelling(
    unsigned: Path, tmp_path: Path, trick: str
) -> None:
    root = copy_project(unsigned, tmp_path / "p")
    key = key_path(root, TRANSLATOR_NAME)
    result = run(
        root, "i18n", "review", "--lang", "cy", "test", "--reviewer", trick, "--key", str(key)
    )
    assert result.exit_code == 1
    assert (
        "a second person must review it" in result.output
        or "is not a reviewer of cy in publisher.toml" in result.output
    ), result.output
    assert not record_path(root).exists()


@pytest.mark.parametrize("trick", NAME_TRICKS)
def test_a_translator_name_spelt_another_way_still_stops_them_signing(
    unsigned: Path, tmp_path: Path, trick: str
) -> None:
    """The PO names the translator with a trick; the translator signs with their own key."""
    root = copy_project(unsigned, tmp_path / "p")
    po = root / "locales" / "cy" / "test.po"
    po.write_text(po.read_text(encoding="utf-8").replace(TRANSLATOR_NAME, trick, 1), "utf-8")
    result = sign(root, "test", reviewer=TRANSLATOR_NAME)
    assert result.exit_code == 1
    assert (
        "a second person must review it" in result.output or "mixes letters of" in result.output
    ), result.output
    assert not record_path(root).exists()


def test_a_reviewer_cannot_sign_off_their_own_edits(project: Path) -> None:
    """The reviewer edits a string; gettext's header list of editors names them."""
    po = project / "locales" / "cy" / "test.po"
    text = po.read_text(encoding="utf-8").replace("Ffoniwch ni", "Ffoniwch ni heddiw")
    marker = "# Put your name in Last-Translator."
    edited = text.replace(marker, f"# {REVIEWER} <reviewer@example.org>, 2026.\n{marker}", 1)
    assert edited != text
    po.write_text(edited, encoding="utf-8")
    result = sign(project, "test")
    assert result.exit_code == 1
    assert f"{REVIEWER} translated or edited this text" in result.output
    # and the old sign-off no longer covers the text
    build_refused(project, "changed since")


def test_a_reviewer_whose_editor_set_last_translator_cannot_sign(project: Path) -> None:
    po = project / "locales" / "cy" / "test.po"
    text = po.read_text(encoding="utf-8").replace("Ffoniwch ni", "Ffoniwch ni heddiw")
    po.write_text(text.replace(TRANSLATOR_NAME, REVIEWER, 1), encoding="utf-8")
    result = sign(project, "test")
    assert result.exit_code == 1
    assert "a second person must review it" in result.output


def test_signing_with_a_key_that_is_not_the_reviewer_s_is_refused(unsigned: Path, tmp_path) -> None:
    root = copy_project(unsigned, tmp_path / "p")
    wrong = key_path(root, TRANSLATOR_NAME)
    result = run(
        root, "i18n", "review", "--lang", "cy", "test", "--reviewer", REVIEWER, "--key", str(wrong)
    )
    assert result.exit_code == 1
    assert f"is not the key publisher.toml gives {REVIEWER}" in result.output
    assert not record_path(root).exists()


def test_someone_not_in_publisher_toml_cannot_sign(unsigned: Path, tmp_path: Path) -> None:
    root = copy_project(unsigned, tmp_path / "p")
    result = sign(root, "test", reviewer="Somebody Else")
    assert result.exit_code == 1
    assert "'Somebody Else' is not a reviewer of cy in publisher.toml" in result.output


def test_review_without_a_key_is_refused_when_signatures_are_on(unsigned: Path, tmp_path) -> None:
    root = copy_project(unsigned, tmp_path / "p")
    result = run(root, "i18n", "review", "--lang", "cy", "test", "--reviewer", REVIEWER)
    assert result.exit_code == 1
    assert "give your SSH private key with --key FILE" in result.output


# --- what the reviewer sees ---------------------------------------------------------


def test_review_shows_old_and_new_english_and_translation(project: Path) -> None:
    source = project / "content" / "test.md"
    source.write_text(source.read_text().replace("## Call us", "## Call us today"), "utf-8")
    assert run(project, "i18n", "update", "--lang", "cy").exit_code == 0
    po = project / "locales" / "cy" / "test.po"
    translate(po, {**WELSH, "Call us today": "Ffoniwch ni heddiw"}, TRANSLATOR)
    result = sign(project, "test", "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"changed since the sign-off by {REVIEWER}" in result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    assert "English was: Call us" in lines
    assert "English is: Call us today" in lines
    assert "translation was: Ffoniwch ni" in lines
    assert "translation is: Ffoniwch ni heddiw" in lines
    assert not [line for line in lines if "Test leaflet" in line]  # unchanged: not shown


def test_a_changed_number_needs_accept_and_the_record_keeps_it(project: Path) -> None:
    po = project / "locales" / "cy" / "test.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Ffoniwch ni"', 'msgstr "Ffoniwch ni 6"'),
        "utf-8",
    )
    refused = sign(project, "test")
    assert refused.exit_code == 1
    assert (
        "not accepted:" in refused.output and "the translation has the number 6" in refused.output
    )
    ident = refused.output.split("--accept ")[1].split("]")[0]
    assert ident.startswith("number-")
    accepted = sign(project, "test", "--accept", ident)
    assert accepted.exit_code == 0, accepted.output
    assert json.loads(record_path(project).read_text())["accepted"] == [ident]
    built = run(project, "build", "--lang", "cy", "--format", "html", "--jobs", "1")
    assert built.exit_code == 0, built.output
    typo = sign(project, "test", "--accept", "number-12345678")
    assert typo.exit_code == 1 and "no such warning" in typo.output


# --- signatures = false --------------------------------------------------------------


def test_without_signatures_a_sign_off_publishes_and_the_catalogue_says_not_signed(
    tmp_path: Path,
) -> None:
    root = make_translated(tmp_path / "p", signatures=False)
    for domain in ("test", "publisher"):
        result = run(root, "i18n", "review", "--lang", "cy", domain, "--reviewer", REVIEWER)
        assert result.exit_code == 0, result.output
        assert "not signed ([review] signatures = false)" in result.output
    assert "signature" not in json.loads(record_path(root).read_text())
    built = run(root, "build", "--format", "html", "--jobs", "1")
    assert built.exit_code == 0, built.output
    from lxml import html

    page = html.fromstring((root / "out" / "index.html").read_bytes())
    text = " ".join(page.text_content().split())
    assert "Translation checked by a second person; review not signed." in text
    assert text.count("review not signed") == 1  # the Welsh edition, not the English original


# --- status for CI ---------------------------------------------------------------------


def test_status_as_json_and_csv_and_failing_on_unpublished(signed: Path, tmp_path: Path) -> None:
    root = copy_project(signed, tmp_path / "p")
    result = run(root, "i18n", "status", "--format", "json", "--fail-on", "unpublished")
    assert result.exit_code == 0, result.output
    rows = {(r["language"], r["leaflet"]): r for r in json.loads(result.output)}
    test = rows[("cy", "test")]
    assert test["percent"] == 100.0 and test["fuzzy"] == 0 and test["published"] is True
    assert test["reviewer"] == REVIEWER and test["review_state"] == "reviewed"
    assert test["words"] == 8  # "Test leaflet", "Call us", "Call 0800 123 4567."
    csv_out = run(root, "i18n", "status", "--format", "csv")
    header, *lines = csv_out.output.splitlines()
    assert header.startswith("language,leaflet,configured,words,translated,fuzzy")
    assert any(line.startswith("cy,test,True,8,3,0,0,100.0,") for line in lines)
    record_path(root).unlink()
    failing = run(root, "i18n", "status", "--format", "json", "--fail-on", "unpublished")
    assert failing.exit_code == 1
    assert "error: test in cy will not be published: not reviewed" in failing.output


# --- SSH signatures as OpenSSH makes and checks them --------------------------------------


def test_our_signature_is_one_ssh_keygen_verifies_and_the_other_way_round(tmp_path: Path) -> None:
    from publisher.i18n import sshsig

    program = require_tool("ssh-keygen")
    key = tmp_path / "id_ed25519"
    subprocess.run([program, "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    public = key.with_suffix(".pub").read_text()
    message = b'{"leaflet":"test"}'
    ours = tmp_path / "ours.sig"
    ours.write_text(sshsig.sign(message, key))
    allowed = tmp_path / "allowed"
    allowed.write_text(f'reviewer namespaces="{sshsig.NAMESPACE}" {public}')
    checked = subprocess.run(
        [program, "-Y", "verify", "-f", str(allowed), "-I", "reviewer", "-n", sshsig.NAMESPACE,
         "-s", str(ours)],
        input=message, capture_output=True,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    data = tmp_path / "record"
    data.write_bytes(message)
    shutil.copy(key, tmp_path / "k")
    subprocess.run(
        [program, "-Y", "sign", "-n", sshsig.NAMESPACE, "-f", str(key), str(data)],
        check=True, capture_output=True,
    )  # fmt: skip
    theirs = (tmp_path / "record.sig").read_text()
    sshsig.verify(message, theirs, sshsig.public_key_blob(public))
    with pytest.raises(sshsig.SignatureError):
        sshsig.verify(message + b" ", theirs, sshsig.public_key_blob(public))
