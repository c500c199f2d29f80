"""Test leaflets for the Word writer: markup-heavy text, and a small Arabic leaflet."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import CONTENT, write_leaflet

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
## Ŵyn & ŷd \\<ok\\> "quoted" [in a heading](https://example.org/h)

Gwŷr a ŵyn: ą ę ł ż ś ć ń ó ź &amp; &lt;b&gt; \\<i\\>not italic\\</i\\> "quotes" 'single' \\<br/\\>.

**Bold with *nested emphasis* and [a strong link](https://example.org/s?a=1&b=2)** then plain.

Combining marks: w\u0302 y\u0302, emoji 😀, Arabic مرحبا and 漢字 in one line.

3. third item
4. fourth item, with more:

   A second paragraph of the fourth item.

   - nested bullet with `<code>` & ŵyn
   - [mail us](mailto:help%40example.org?subject=Hi)

- ![A scanner with a bed](images/easy/scan.svg "The scanner & its bed")
- [https://example.org/a/very/long/address/that/cannot/fit/on/one/line/of/large/print](https://example.org/a/very/long/address/that/cannot/fit/on/one/line/of/large/print)

::: note
Note with \\<tags\\> & ampersands.

- a list inside the note
- [a link inside the note](https://example.org/n)

![A calendar with a tick](images/easy/calendar.svg)
:::

![](images/divider.svg){.decorative}

The end & "goodbye".
"""

# What a reader must find, exactly (after direction marks and no-break spaces are made plain).
MARKUP_TEXTS = [
    """Fish & chips <for> "everyone" 'here'""",
    """A & B < C > D "quoted" 'single' &amp; <b>not bold</b>""",
    """Ŵyn & ŷd <ok> "quoted" in a heading (https://example.org/h)""",
    """Gwŷr a ŵyn: ą ę ł ż ś ć ń ó ź & <b> <i>not italic</i> "quotes" 'single' <br/>.""",
    "Bold with nested emphasis and a strong link (https://example.org/s?a=1&b=2) then plain.",
    "Combining marks: w\u0302 y\u0302, emoji 😀, Arabic مرحبا and 漢字 in one line.",
    "third item",
    "fourth item, with more:",
    "A second paragraph of the fourth item.",
    "nested bullet with <code> & ŵyn",
    "mail us (help@example.org)",
    "The scanner & its bed",
    "https://example.org/a/very/long/address/that/cannot/fit/on/one/line/of/large/print",
    "Note with <tags> & ampersands.",
    "a list inside the note",
    "a link inside the note (https://example.org/n)",
    'The end & "goodbye".',
    "Llinell gymorth <24/7> & more",
    "Phone: 0800 123 4567",
    "Dydd Llun & dydd Mawrth",
    "Email: help&more@example.org",
    "ŵyn",
    "Lambs & sheep <young>.",
    """Smith & Jones. <Title> "2024" &lt;raw&gt;.""",
]


def markup_source(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(CONTENT / "images", folder / "images", dirs_exist_ok=True)
    source = folder / "markup.md"
    source.write_text(MARKUP, encoding="utf-8")
    return source


ARABIC_FRONT = """\
language: ar
summary: ماذا يحدث عندما تخضع لفحص بالأشعة.
helpline:
  label: خط المساعدة
  phone: 0800 123 4567
  hours: كل يوم من 8 صباحا إلى 8 مساء
"""
ARABIC_BODY = """\
## قبل الفحص

سنرسل لك رسالة مع **موعد** الفحص. اتصل بنا على [0800 123 4567](tel:08001234567) أو زر [موقعنا](https://example.org/scans).

رقم الطوارئ 0800 987 6543 مجاني، وموقع NHS 111 أيضا.

- إذا كنت حاملا
- إذا كان لديك جهاز منظم لضربات القلب

1. الخطوة الأولى
2. الخطوة الثانية

::: note
يمكنك إحضار شخص معك.

- نقطة داخل الملاحظة
:::

![ماسح ضوئي مع سرير](images/easy/scan.svg "الماسح الضوئي")
"""


def arabic_source(folder: Path) -> Path:
    shutil.copytree(CONTENT / "images", folder / "images", dirs_exist_ok=True)
    return write_leaflet(folder, ARABIC_BODY, ARABIC_FRONT, name="scan-ar.md")
