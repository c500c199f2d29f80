"""The files a new project starts with (written by `publisher new`)."""

SETTINGS = """\
# Settings for this project's leaflets. Command-line options override them.
# Every key is optional; what is written here is the default.

[publisher]
# Shown on every leaflet, in the audio's opening and in the Word file's author.
organisation = {organisation}
# The language the leaflets in content/ are written in (a BCP 47 tag).
source_language = "en-GB"
# Translations to publish once they are complete and signed off by a second person:
# for example ["cy", "pl"]. See `publisher i18n status`.
languages = []
# The outputs to build ("braille" writes a .brf and a .pef; it needs liblouis).
formats = [{formats}]

[print]
font_size = 18        # points, 16 to 24: large print is at least 16
page_size = "A4"      # A4, A5 or LETTER

[speech]
engine = "espeak"     # offline; "gtts" uses Google's online service

[paths]
content = "content"   # the leaflets (Markdown) and their pictures
locales = "locales"   # translations (PO files) and sign-offs
out = "out"           # what `publisher build` writes
cache = ".cache/publisher"
"""

EXAMPLE_LEAFLET = """\
---
title: Coming to your appointment
summary: What to bring and what happens when you visit us.
reviewed: 2026-01-15          # when the content was last checked
next_review: 2029-01-15       # when it must be checked again
helpline:
  label: Appointments team
  phone: 0800 123 4567
  hours: Monday to Friday, 9am to 5pm
glossary:
  clinic: The part of the hospital where you see your doctor or nurse.
---
::: easy
![Two people talking](images/talking.svg) This leaflet is about your visit to us.
:::

## Before you come

We will send you a letter with the time of your appointment. Please bring:

1. your letter
2. a list of the medicines you take

::: easy
![Two people talking](images/talking.svg) Bring your letter and your list of medicines.
:::

## When you arrive

Tell the staff at the clinic desk that you are here. A nurse will call your name.

![Two people talking](images/talking.svg "You can ask us anything")

::: note
You can bring someone with you.
:::

::: easy
![Two people talking](images/talking.svg) A nurse will call your name.
:::
"""

# Drawn for this project: two people talking, in thick dark lines (public domain, CC0).
PICTURE = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 160" width="200" height="160">
  <g fill="none" stroke="#1a1a1a" stroke-width="6" stroke-linecap="round" stroke-linejoin="round">
    <circle cx="55" cy="50" r="22"/>
    <path d="M20 150 C20 100 90 100 90 150"/>
    <circle cx="145" cy="50" r="22"/>
    <path d="M110 150 C110 100 180 100 180 150"/>
    <path d="M85 20 h30 a8 8 0 0 1 8 8 v14 a8 8 0 0 1 -8 8 h-18 l-10 10 v-10 h-2 a8 8 0 0 1 -8 -8 v-14 a8 8 0 0 1 8 -8 z"/>
  </g>
</svg>
"""

GITIGNORE = """\
/out/
/.cache/
"""
