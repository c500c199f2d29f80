"""Sentences as a reader sees them: what the talking book highlights one at a time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from publisher.model import Emphasis, Link, Span, Strong, Term, Text, plain_text
from publisher.text.sentences import sentences, split_runs


@pytest.mark.parametrize(
    "language,text,expected",
    [
        (
            "en",
            "We will send you a letter. Please read it carefully.",
            ["We will send you a letter. ", "Please read it carefully."],
        ),
        ("en", "Dr. Patel will see you. Bring this.", ["Dr. Patel will see you. ", "Bring this."]),
        ("en", "Call 0800 123 4567 today. It is free.", ["Call 0800 123 4567 today. ", "It is free."]),
        ("en", "Take 1.5 tablets. Then rest.", ["Take 1.5 tablets. ", "Then rest."]),
        ("en", "Bring a drink, e.g. water. Then wait.", ["Bring a drink, e.g. water. ", "Then wait."]),
        ("en", "Ask J. Smith at 8 a.m. Monday.", ["Ask J. Smith at 8 a.m. Monday."]),
        ("en", "Is it safe? Yes! It is.", ["Is it safe? ", "Yes! ", "It is."]),
        ("en", '"Stop!" he said. (See page 2.) Then go.', ['"Stop!" he said. ', "(See page 2.) ", "Then go."]),
        ("en", "Wait... then go.", ["Wait... then go."]),
        ("en", "Step 1. Sit down.", ["Step 1. ", "Sit down."]),
        ("en", "One. . Two", ["One. . ", "Two"]),
        ("en", "No sentence end", ["No sentence end"]),
        ("ar", "هل أنت حامل؟ اتصل بنا. شكرا.", ["هل أنت حامل؟ ", "اتصل بنا. ", "شكرا."]),
        ("bn", "আপনি কি গর্ভবতী? আমাদের ফোন করুন। ধন্যবাদ।", ["আপনি কি গর্ভবতী? ", "আমাদের ফোন করুন। ", "ধন্যবাদ।"]),
        ("pl", "Weź np. wodę. Dr. Nowak. Nr. 5 jest tu.", ["Weź np. wodę. ", "Dr. Nowak. ", "Nr. 5 jest tu."]),
        ("cy", "Byddwn yn anfon llythyr. Darllenwch e.", ["Byddwn yn anfon llythyr. ", "Darllenwch e."]),
        ("zh", "你好。我很好。", ["你好。", "我很好。"]),
    ],
)  # fmt: skip
def test_sentences(language: str, text: str, expected: list[str]) -> None:
    assert sentences(text, language) == expected


@given(st.text(alphabet=st.sampled_from(list("ab A.!?؟। \n\"')1")), max_size=40))
def test_the_sentences_are_the_text_and_each_has_words(text: str) -> None:
    found = sentences(text, "en")
    assert "".join(found) == text
    if len(found) > 1:
        assert all(any(c.isalnum() for c in piece) for piece in found)


def test_runs_are_cut_with_their_markup_and_links_and_terms_stay_whole() -> None:
    runs = (
        Text("Tell us. "),
        Strong((Text("Do not eat. Drink "), Emphasis((Text("water."),)))),
        Text(" See "),
        Link((Text("Dr. Who. Now"),), "https://example.org"),
        Text(". A "),
        Term("Scan. Dye", "scan"),
        Text(" works. "),
        Span((Text("Bore da. Hwyl."),), "cy"),
    )
    assert split_runs(runs, "en") == [
        (Text("Tell us. "),),
        (Strong((Text("Do not eat. "),)),),
        (Strong((Text("Drink "), Emphasis((Text("water."),)))), Text(" ")),
        (Text("See "), Link((Text("Dr. Who. Now"),), "https://example.org"), Text(". ")),
        (Text("A "), Term("Scan. Dye", "scan"), Text(" works. ")),
        (Span((Text("Bore da. "),), "cy"),),
        (Span((Text("Hwyl."),), "cy"),),
    ]
    assert "".join(plain_text(s) for s in split_runs(runs, "en")) == plain_text(runs)
