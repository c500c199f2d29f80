"""Write the hostile corpus: leaflets, pictures and settings that try to break `publisher`.

Each case is a small project folder (publisher.toml, content/leaflet.md and its files)
and the answer both `check` and `build` must give: refused at a line with certain words,
or built. Run `python tests/hostile/make_corpus.py FOLDER` to look at the files.
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

FRONT = "---\ntitle: Test leaflet\nreviewed: 2026-01-10\nnext_review: 2029-01-10\n"
BODY = "## About\n\nA short line of text.\n"
NAME = "leaflet.md"  # content/leaflet.md unless a case names its file
BUILDS = None


@dataclass(frozen=True)
class Case:
    name: str
    text: str  # the leaflet's Markdown
    line: int | None | str  # the line of the first error; BUILDS (None) when it builds;
    words: str = ""  # ... and words the error must hold; "file" for an error with no line
    files: dict[str, bytes] = field(default_factory=dict)  # beside the leaflet, in content/
    file: str = NAME
    toml: str = ""  # extra publisher.toml lines
    audio: bool = False  # also build the MP3 (a handful only: speech is slow)


def leaflet(front: str = "", body: str = BODY) -> str:
    """Front matter lines 1-4 plus `front` (from line 5), then '---' and `body`."""
    return f"{FRONT}{front}---\n{body}"


def body_line(front: str = "") -> int:
    """The first line of the body, after `front`'s extra lines."""
    return 6 + front.count("\n")


# --- pictures --------------------------------------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, rows: bytes | None = None) -> bytes:
    """A grey PNG; `rows` replaces the compressed pixel data (to break it)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = (
        rows
        if rows is not None
        else zlib.compress(b"".join(b"\0" + b"\x80" * width for _ in range(height)))
    )
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


GOOD_PNG = png(40, 30)
HUGE_PNG = png(12000, 12000, zlib.compress(b"\0" * 1000))  # the header says 144 megapixels
TRUNCATED_PNG = GOOD_PNG[: len(GOOD_PNG) // 2]
BAD_CRC_PNG = GOOD_PNG[:30] + b"\xff\xff" + GOOD_PNG[32:]
GARBLED_PNG = png(40, 30, b"this is not deflate data at all")
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
JPEG_START = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb"

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
GOOD_SVG = f'{SVG_OPEN} viewBox="0 0 100 50"><rect width="100" height="50" fill="#369"/><text x="5" y="30">Hello</text></svg>'


def svg(inner: str, size: str = 'viewBox="0 0 100 100"', before: str = "") -> bytes:
    return f"{before}{SVG_OPEN} {size}>{inner}</svg>".encode()


PICTURE_LINE = body_line() + 4  # '![...](...)' after the default body's three lines and a gap


def with_picture(name: str, data: bytes, alt: str = "A picture") -> dict:
    return {"text": leaflet(body=f"{BODY}\n![{alt}]({name})\n"), "files": {name: data}}


def picture_cases() -> list[Case]:
    bad = {
        "png-truncated": ("x.png", TRUNCATED_PNG, "cannot be read"),
        "png-bad-crc": ("x.png", BAD_CRC_PNG, "cannot be read"),
        "png-garbled-pixels": ("x.png", GARBLED_PNG, "cannot be read"),
        "png-text-file": ("x.png", b"hello, I am text\n", "cannot be read"),
        "png-empty": ("x.png", b"", "cannot be read"),
        "png-144-megapixels": ("x.png", HUGE_PNG, "12000 x 12000 pixels"),
        "png-is-a-gif": ("x.png", GIF, "not a PNG, JPEG or SVG"),
        "jpeg-truncated": ("x.jpg", JPEG_START, "cannot be read"),
        "svg-image-file": (
            "x.svg",
            svg('<image href="/etc/hostname" width="9" height="9"/>'),
            "another picture",
        ),
        "svg-image-sibling": (
            "x.svg",
            svg('<image xlink:href="y.png" width="9" height="9"/>'),
            "another picture",
        ),
        "svg-image-url": (
            "x.svg",
            svg('<image href="https://example.org/x.png" width="9" height="9"/>'),
            "another picture",
        ),
        "svg-use-other-file": (
            "x.svg",
            svg('<use href="other.svg#shape"/>'),
            "another file or address",
        ),
        "svg-link-javascript": (
            "x.svg",
            svg('<a href="javascript:alert(1)"><rect width="9" height="9"/></a>'),
            "another file or address",
        ),
        "svg-stylesheet": (
            "x.svg",
            svg("<rect width='9' height='9'/>", before='<?xml-stylesheet href="evil.css"?>'),
            "processing instruction",
        ),
        "svg-entities": (
            "x.svg",
            svg(
                "<text x='1' y='9'>&b;</text>",
                before='<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
            ),
            "DTD or entities",
        ),
        "svg-external-entity": (
            "x.svg",
            svg(
                "<text x='1' y='9'>&x;</text>",
                before='<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            ),
            "DTD or entities",
        ),
        "svg-script": ("x.svg", svg("<script>alert(1)</script>"), "a script"),
        "svg-onload": ("x.svg", svg("<rect width='9' height='9' onload='alert(1)'/>"), "a script"),
        "svg-foreign-object": (
            "x.svg",
            svg("<foreignObject><p>hi</p></foreignObject>"),
            "foreignObject",
        ),
        "svg-style-import": ("x.svg", svg("<style>@import url(evil.css);</style>"), "in its style"),
        "svg-style-url": (
            "x.svg",
            svg("<style>rect { fill: url(https://example.org/x) }</style>"),
            "in its style",
        ),
        "svg-font-url": (
            "x.svg",
            svg("<style>@font-face { font-family: x; src: url(/usr/share/fonts/x.ttf) }</style>"),
            "in its style",
        ),
        "svg-attribute-url": (
            "x.svg",
            svg("<rect width='9' height='9' fill='url(other.svg#g)'/>"),
            "in its style",
        ),
        "svg-fe-image": ("x.svg", svg("<filter id='f'><feImage href='#r'/></filter>"), "feImage"),
        "svg-thin-sliver": (
            "x.svg",
            svg("<rect width='1' height='9'/>", 'viewBox="0 0 1 100000" width="1" height="100000"'),
            "times as long",
        ),
        "svg-zero-size": ("x.svg", svg("<rect/>", 'width="0" height="0"'), "no size"),
        "svg-no-size": ("x.svg", svg("<rect/>", 'id="x"'), "no size that can be read"),
        "svg-deep-nesting": ("x.svg", svg("<g>" * 3000 + "</g>" * 3000), "not a valid SVG"),
        "svg-nested-50": ("x.svg", svg("<g>" * 50 + "</g>" * 50), "nested more than"),
        "svg-many-elements": ("x.svg", svg("<rect/>" * 20000), "more than 10,000 elements"),
        "svg-html-page": ("x.svg", b"<html><body><svg></svg></body></html>", "not an SVG"),
        "svg-broken-xml": (
            "x.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><rect',
            "not a valid SVG",
        ),
        "svg-emoji-text": (
            "x.svg",
            svg("<text x='1' y='50'>\U0001f48a</text>").replace(b"viewBox", b"viewBox"),
            "no glyph",
        ),
        "svg-not-utf8": (
            "x.svg",
            svg("<text x='1' y='9'>caf\xe9</text>").replace(b"\xc3\xa9", b"\xe9"),
            "not a valid SVG",
        ),
    }
    cases = [
        Case(name, line=PICTURE_LINE, words=words, **with_picture(file, data))
        for name, (file, data, words) in bad.items()
    ]
    cases += [
        Case("png-good", line=BUILDS, **with_picture("x.png", GOOD_PNG)),
        Case("svg-good", line=BUILDS, **with_picture("x.svg", GOOD_SVG.encode())),
        Case(
            "svg-good-doctype",
            line=BUILDS,
            **with_picture(
                "x.svg",
                b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
                + GOOD_SVG.encode(),
            ),
        ),
        Case(
            "svg-local-gradient",
            line=BUILDS,
            **with_picture(
                "x.svg",
                svg(
                    "<defs><linearGradient id='g'><stop offset='0' stop-color='red'/></linearGradient></defs><rect width='9' height='9' fill='url(#g)'/><use href='#r'/>"
                ),
            ),
        ),
        Case(
            "picture-outside-content",
            leaflet(body=f"{BODY}\n![A map](../secret.png)\n"),
            PICTURE_LINE,
            "outside the content folder",
        ),
        Case(
            "picture-absolute-path",
            leaflet(body=f"{BODY}\n![A map](/etc/passwd)\n"),
            PICTURE_LINE,
            "outside the content folder",
        ),
        Case(
            "picture-url",
            leaflet(body=f"{BODY}\n![A map](https://example.org/x.png)\n"),
            PICTURE_LINE,
            "outside the content folder",
        ),
        Case(
            "picture-missing",
            leaflet(body=f"{BODY}\n![A map](nothing.png)\n"),
            PICTURE_LINE,
            "does not exist",
        ),
        Case(
            "picture-no-alt",
            line=PICTURE_LINE,
            words="no alt text",
            **with_picture("x.png", GOOD_PNG, alt=""),
        ),
        Case(
            "picture-alt-override",
            line=PICTURE_LINE,
            words="U+202E",
            **with_picture("x.png", GOOD_PNG, alt="A &#x202E;map"),
        ),
    ]
    return cases


# --- text ------------------------------------------------------------------

REFUSED_CHARS = {
    "nul": "\x00", "bell": "\x07", "backspace": "\x08", "vertical-tab": "\x0b", "form-feed": "\x0c",
    "escape": "\x1b", "delete": "\x7f", "c1-pad": "\x80", "next-line": "\x85", "csi": "\x9b",
    "lre": "\u202a", "rle": "\u202b", "pdf": "\u202c", "lro": "\u202d", "rlo": "\u202e",
    "nonchar-fffe": "\ufffe", "nonchar-ffff": "\uffff", "nonchar-fdd0": "\ufdd0",
    "nonchar-plane1": "\U0001fffe", "tag-a": "\U000e0041", "line-separator": "\u2028",
    "paragraph-separator": "\u2029", "annotation": "\ufff9",
}  # fmt: skip


def character_cases() -> list[Case]:
    cases = []
    for name, char in REFUSED_CHARS.items():
        code = f"U+{ord(char):04X}"
        cases.append(
            Case(f"body-{name}", leaflet(body=f"## About\n\nPasted{char} text.\n"), 8, code)
        )
        if char not in "\x00\x85\u2028\u2029":  # these end a YAML line before it is read
            cases.append(
                Case(
                    f"title-raw-{name}",
                    leaflet().replace("Test leaflet", f'"Test{char} leaflet"'),
                    2,
                    code,
                )
            )
    escapes = {
        "yaml-escape-osc": (r'"Hello \e]0;pwned\a there"', "U+001B"),
        "yaml-escape-nul": (r'"\0 title"', "U+0000"),
        "yaml-escape-nonchar": (r'"A \ufffe title"', "U+FFFE"),
        "yaml-escape-surrogates": (r'"A pill \ud83d\udc8a"', "U+D83D"),
        "yaml-escape-rlo": (r'"0800 \u202e123 4567"', "U+202E"),
        "yaml-escape-c1": (r'"A \x9b title"', "U+009B"),
        "yaml-escape-next-line": (r'"A \N title"', "U+0085"),
        "yaml-escape-line-separator": (r'"A \L title"', "U+2028"),
        "yaml-escape-tag": (r'"A \U000E0041 title"', "U+E0041"),
        "yaml-escape-newline": (r'"Two\nlines"', "one line"),
        "yaml-escape-bom-plane": (r'"A \U0010FFFF title"', "U+10FFFF"),
    }
    for name, (value, words) in escapes.items():
        cases.append(Case(name, leaflet().replace("Test leaflet", value), 2, words))
    marks = {
        "rlm-in-phone": ("helpline:\n  label: Call us\n  phone: 0800\u200f 123 4567\n", 7),
        "rli-in-phone": ("helpline:\n  label: Call us\n  phone: 0800 \u2067123\u2069 4567\n", 7),
        "lrm-in-date-summary": ("summary: Seen on 2026\u200e-01-10\n", 5),
        "escaped-rlm-in-phone": (
            'helpline:\n  label: Call us\n  phone: "0800 123\\u200f 4567"\n',
            7,
        ),
    }
    for name, (front, line) in marks.items():
        cases.append(Case(name, leaflet(front), line, "beside a number"))
    body = body_line()
    cases += [
        Case("entity-rlo", leaflet(body="## About\n\nCall 0800 &#x202E;123 4567.\n"), 8, "U+202E"),
        Case(
            "entity-rlm-beside-digits",
            leaflet(body="## About\n\nCall 0800&#x200F; 123 4567.\n"),
            8,
            "beside a number",
        ),
        Case(
            "isolate-in-body-number",
            leaflet(body="## About\n\nCall 0800 \u2066123\u2069 4567.\n"),
            8,
            "beside a number",
        ),
        Case(
            "tel-link-rlo",
            leaflet(body="## About\n\n[Call](tel:%E2%80%AE08001234567)\n"),
            8,
            "U+202E",
        ),
        # markdown-it reads an entity for a noncharacter as U+FFFD, which every font shows
        Case(
            "link-text-nonchar-entity",
            leaflet(body="## About\n\n[Call &#xFDD0;](https://example.org)\n"),
            BUILDS,
        ),
        Case("heading-rlo", leaflet(body="## About \u202eus\n\nText.\n"), body, "U+202E"),
        Case("not-utf8", leaflet(body="## About\n\nCaf\udce9 text.\n"), 8, "not UTF-8"),
        Case(
            "rlm-in-arabic-words", leaflet("language: ar\n", "## حول\n\n\u200fمرحبا بكم.\n"), BUILDS
        ),
        Case(
            "html-text-escaped",
            leaflet(body="## About\n\n&lt;script&gt;alert(1)&lt;/script&gt; and a &amp; b.\n"),
            BUILDS,
            audio=True,
        ),
        Case(
            "zero-width-joiner",
            leaflet(body="## About\n\nA\u200dB and soft\u00adhyphen.\n"),
            BUILDS,
        ),
    ]
    return cases


# --- front matter ----------------------------------------------------------


def yaml_cases() -> list[Case]:
    bomb = "".join(f"l{i}: &l{i} [{','.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9))
    key_bomb = "l0: &l0 [a,a,a,a,a,a,a,a,a]\n" + bomb + "? *l8\n: x\n"
    small_bomb = "l0: &l0 [a,a,a,a,a,a,a,a,a]\n" + bomb.split("l4:")[0] + "summary: *l3\n"
    return [
        Case("yaml-alias-bomb-key", leaflet(key_bomb), 5, "anchors and aliases"),
        Case("yaml-alias-bomb-value", leaflet(small_bomb), 5, "anchors and aliases"),
        Case(
            "yaml-alias-text",
            leaflet("summary: &s Hello\nreferences:\n  - *s\n"),
            5,
            "anchors and aliases",
        ),
        Case(
            "yaml-deep-flow",
            leaflet("summary: " + "[" * 5000 + "]" * 5000 + "\n"),
            5,
            "nested more than",
        ),
        Case(
            "yaml-deep-block",
            leaflet("".join("  " * i + f"k{i}:\n" for i in range(10)) + "  " * 10 + "x: 1\n"),
            8,
            "nested more than",
        ),
        Case(
            "yaml-deep-indent",
            leaflet("".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "x: 1\n"),
            26,
            "too deeply",
        ),
        Case("yaml-huge", leaflet("summary: " + "word " * 30000 + "\n"), 1, "longer than 100,000"),
        Case(
            "yaml-many-values",
            leaflet("references:\n" + "  - r\n" * 6000),
            4997,
            "more than 5000 values",
        ),
        Case("yaml-long-unknown-key", leaflet("k" * 20000 + ": x\n"), 5, "not valid YAML"),
        Case(
            "yaml-long-unknown-key-1000",
            leaflet("k" * 1000 + ": x\n"),
            5,
            "unknown front matter key",
        ),
        Case("yaml-mapping-key", leaflet("? [a, b]\n: x\n"), 5, "must be plain text"),
        Case(
            "yaml-python-tag",
            leaflet("summary: !!python/object/apply:os.system ['true']\n"),
            5,
            "must be a piece of text",
        ),
        Case("yaml-broken-quote", leaflet('summary: "' + "x" * 5000 + "\n"), 5, "not valid YAML"),
        Case("yaml-tab-indent", leaflet("helpline:\n\tlabel: x\n"), 6, "not valid YAML"),
        Case("yaml-duplicate-key", leaflet("title: Again\n"), 5, "given twice"),
        Case(
            "yaml-title-list",
            leaflet().replace("Test leaflet", "[1, 2]"),
            2,
            "must be a piece of text",
        ),
        Case(
            "yaml-title-block",
            leaflet().replace("title: Test leaflet", "title: |\n  Two\n  lines"),
            2,
            "one line",
        ),
        Case("yaml-bad-date", leaflet().replace("2026-01-10", "10/01/2026"), 3, "YYYY-MM-DD"),
        Case("yaml-date-in-year-0", leaflet().replace("2026-01-10", "0000-01-10"), 3, "YYYY-MM-DD"),
        Case(
            "yaml-review-order",
            leaflet().replace("2029-01-10", "2025-01-10"),
            4,
            "after 'reviewed'",
        ),
        Case("yaml-not-mapping", "---\n- a\n- b\n---\n" + BODY, 1, "'key: value' lines"),
        Case("yaml-empty", "---\n---\n" + BODY, 1, "'key: value' lines"),
        Case("no-front-matter", BODY, 1, "starts with front matter"),
        Case("yaml-binary-tag", leaflet("summary: !!binary aGVsbG8=\n"), BUILDS),
        Case(
            "yaml-escapes-fine",
            leaflet().replace("Test leaflet", r'"Caf\u00e9 \"quoted\" title"'),
            BUILDS,
            audio=True,
        ),
        Case(
            "yaml-long-language", leaflet("language: " + "x" * 5000 + "\n"), 5, "not a language tag"
        ),
    ]


# --- body ------------------------------------------------------------------


def body_cases() -> list[Case]:
    deep_list = "".join("  " * i + "- item\n" for i in range(5000))
    return [
        Case(
            "list-three-deep",
            leaflet(body="## About\n\n- a\n  - b\n    - c\n"),
            10,
            "nested one level deep",
        ),
        Case(
            "list-5000-deep", leaflet(body="## About\n\n" + deep_list), "file", "larger than 2 MB"
        ),
        Case(
            "list-1000-deep", leaflet(body="## About\n\n" + deep_list[:1_001_000]), 29, "too deeply"
        ),
        Case(
            "list-markers-one-line",
            leaflet(body="## About\n\n" + "- " * 12 + "a\n"),
            8,
            "too deeply",
        ),
        Case(
            "quotes-5000-deep", leaflet(body="## About\n\n" + ">" * 5000 + " a\n"), 8, "too deeply"
        ),
        Case("quotes-3-deep", leaflet(body="## About\n\n>>> a\n"), 8, "quotes"),
        Case(
            "emphasis-5000-deep",
            leaflet(body="## About\n\n" + "*" * 5000 + "a" + "*" * 5000 + "\n"),
            8,
            "nested too deeply",
        ),
        Case(
            "emphasis-60-deep",
            leaflet(body="## About\n\n" + "*" * 60 + "a" + "*" * 60 + "\n"),
            8,
            "nested too deeply",
        ),
        Case(
            "emphasis-unclosed", leaflet(body="## About\n\n" + "*" * 5000 + " a\n"), 8, "a word of"
        ),
        Case(
            "links-5000-deep",
            leaflet(body="## About\n\n" + "[" * 5000 + "a" + "](x)" * 5000 + "\n"),
            8,
            "links without",
        ),
        Case(
            "raw-html-script",
            leaflet(body="## About\n\n<script>alert(1)</script>\n"),
            8,
            "raw HTML",
        ),
        Case(
            "inline-html-img",
            leaflet(body="## About\n\nHi <img src=x onerror=alert(1)>\n"),
            8,
            "raw HTML",
        ),
        Case(
            "javascript-link",
            leaflet(body="## About\n\n[Click](javascript:alert(1))\n"),
            8,
            "'javascript:' links",
        ),
        Case(
            "data-link",
            leaflet(body="## About\n\n[Click](data:text/html,hi)\n"),
            8,
            "'data:' links",
        ),
        Case("heading-level-4", leaflet(body="## About\n\n#### Deep\n"), 8, "deeper than"),
        Case("table", leaflet(body="## About\n\n| a | b |\n| - | - |\n| 1 | 2 |\n"), 8, "tables"),
        Case("code-fence", leaflet(body="## About\n\n```\ncode\n```\n"), 8, "code blocks"),
        Case(
            "word-10000-letters",
            leaflet(body="## About\n\n" + "a" * 10000 + "\n"),
            8,
            "a word of 10000 letters",
        ),
        Case(
            "word-121-letters",
            leaflet(body="## About\n\n" + "b" * 121 + "\n"),
            8,
            "a word of 121 letters",
        ),
        Case("word-120-letters", leaflet(body="## About\n\n" + "c" * 120 + " end.\n"), BUILDS),
        Case(
            "address-600",
            leaflet(body="## About\n\n[Site](https://example.org/" + "p" * 600 + ")\n"),
            8,
            "web address",
        ),
        Case(
            "address-400",
            leaflet(body="## About\n\n[Site](https://example.org/" + "p" * 400 + ")\n"),
            BUILDS,
        ),
        Case(
            "title-256",
            leaflet().replace("Test leaflet", "T" * 40 + " " + "x " * 107 + "end"),
            2,
            "255 or fewer",
        ),
        Case(
            "title-255", leaflet().replace("Test leaflet", "Title " + "word " * 49 + "done"), BUILDS
        ),
        Case(
            "summary-300",
            leaflet("summary: " + "Long summary words. " * 15 + "\n"),
            5,
            "255 or fewer",
        ),
        Case("emoji-body", leaflet(body="## About\n\nTake one \U0001f48a a day.\n"), 8, "no glyph"),
        Case("emoji-title", leaflet().replace("Test leaflet", "Pills \U0001f48a"), 2, "no glyph"),
        Case(
            "emoji-alt",
            line=PICTURE_LINE,
            words="no glyph",
            **with_picture("x.png", GOOD_PNG, alt="A \U0001f48a"),
        ),
        Case("cjk-in-english", leaflet(body="## About\n\n中文 text.\n"), 8, "no glyph"),
        Case("private-use", leaflet(body="## About\n\nIcon \ue000 here.\n"), 8, "no glyph"),
        Case("crlf-lines", leaflet().replace("\n", "\r\n"), BUILDS),
        Case("bom-start", "\ufeff" + leaflet(), BUILDS),
        Case("only-front-matter", leaflet(body=""), BUILDS),
        Case("many-paragraphs", leaflet(body="## About\n\n" + "A short line.\n\n" * 300), BUILDS),
        Case("long-line-of-words", leaflet(body="## About\n\n" + "word " * 3000 + "\n"), BUILDS),
        Case(
            "full-leaflet",
            leaflet(
                "summary: What to expect\nhelpline:\n  label: Nurses\n  phone: 0800 123 4567\n  hours: 9am to 5pm\nglossary:\n  scan: A picture of the inside of the body.\nreferences:\n  - Example Society. 2024.\n",
                "## About\n\nA scan is quick.\n\n::: note\nAsk us.\n:::\n\n::: easy\nA scan is quick.\n:::\n",
            ),
            BUILDS,
            audio=True,
        ),
    ]


# --- file names and settings -----------------------------------------------


def name_cases() -> list[Case]:
    names = {
        "dots-three": "...md", "dots-two": "..md", "hidden": ".hidden.md",
        "index-html": "index.html.md", "manifest-json": "manifest.json.md", "index": "index.md",
        "long-240": "a" * 240 + ".md", "upper-case": "Upper.md", "space": "has space.md",
        "accents": "caf\u00e9.md", "dots-inside": "a.b.md", "rlo-name": "x\u202egpj.md",
    }  # fmt: skip
    cases = [Case(f"name-{key}", leaflet(), "file", "", file=name) for key, name in names.items()]
    return cases + [Case("name-plain", leaflet(), BUILDS, file="plain-name-2.md")]


def toml_cases() -> list[Case]:
    return [
        Case(
            "toml-source-language-path",
            leaflet(),
            "toml",
            "not a language tag",
            toml='[publisher]\nsource_language = "../../x"\n',
        ),
        Case(
            "toml-language-path",
            leaflet(),
            "toml",
            "not a language tag",
            toml='[publisher]\nlanguages = ["cy", "../../../tmp"]\n',
        ),
        Case(
            "toml-escape-rlo",
            leaflet(),
            "toml",
            "U+202E",
            toml='[publisher]\norganisation = "Example \\u202e Care"\n',
        ),
        Case(
            "toml-raw-bell",
            leaflet(),
            "toml",
            toml='[publisher]\norganisation = "Bell\x07 Care"\n',
            words="not valid TOML",
        ),
        Case(
            "toml-escape-esc",
            leaflet(),
            "toml",
            "U+001B",
            toml='[publisher]\norganisation = "\\u001b]0;x\\u0007"\n',
        ),
        Case(
            "toml-long-organisation",
            leaflet(),
            "toml",
            "keep it to 255",
            toml=f'[publisher]\norganisation = "{"O" * 300}"\n',
        ),
        Case(
            "toml-broken",
            leaflet(),
            "toml",
            "not valid TOML",
            toml='[publisher]\norganisation = "' + "x" * 3000 + "\n",
        ),
        Case(
            "toml-unknown-key",
            leaflet(),
            "toml",
            "unknown key",
            toml="[publisher]\n" + "k" * 3000 + ' = "x"\n',
        ),
    ]


def all_cases() -> list[Case]:
    return (
        picture_cases()
        + character_cases()
        + yaml_cases()
        + body_cases()
        + name_cases()
        + toml_cases()
    )


def write_corpus(folder: Path, cache: Path) -> list[Case]:
    """One project folder per case, and cases.json listing every case and its answer."""
    cases = all_cases()
    for case in cases:
        project = folder / case.name
        content = project / "content"
        content.mkdir(parents=True)
        (content / case.file).write_bytes(case.text.encode("utf-8", "surrogateescape"))
        for name, data in case.files.items():
            (content / name).write_bytes(data)
        settings = case.toml or "[publisher]\n"
        settings += f'\n[paths]\ncache = "{cache}"\n'
        (project / "publisher.toml").write_text(
            settings, encoding="utf-8", errors="surrogateescape"
        )
    (folder / "cases.json").write_text(
        json.dumps([asdict(c) | {"files": sorted(c.files)} for c in cases])
    )
    return cases


if __name__ == "__main__":
    target = Path(sys.argv[1])
    made = write_corpus(target, target / ".cache")
    print(f"wrote {len(made)} cases to {target}", file=sys.stderr)
