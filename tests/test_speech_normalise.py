"""What the engine will actually say: the phonemes espeak-ng makes from the normalised
text contain those of the words a listener must hear, and never those of a misreading.

Each case is (written, expected, wrong): `expected` is spelt out here by hand (digits only
where the engine reads a number by itself), and its phonemes come from espeak-ng, not
from the normaliser under test. `wrong`, when given, must not be heard at all.
"""

from __future__ import annotations

import pytest

from publisher.speech.pronounce import Pronouncer
from publisher.speech.tables import load_table

from .conftest import ROOT
from .phonemes import phonemes, sounds

VOICES = {"en-GB": "gmw/en", "cy": "cel/cy", "pl": "zlw/pl", "ar": "ar", "bn": "inc/bn"}

ENGLISH = [
    # comparisons and maths: espeak says nothing for < and > in SSML mode
    ("Do not take > 4 g/day.", "more than 4 grams a day", "slash"),
    ("Do not take more than 4 g/day.", "more than 4 grams a day", "slash"),
    (
        "Call if it is over 38°C or < 35°C.",
        "over 38 degrees Celsius or less than 35 degrees Celsius",
        "",
    ),
    ("Your level should be < 7 mmol/L.", "less than 7 millimoles per litre", ""),
    ("A reading ≥ 140 is high.", "more than or equal to 140", ""),
    ("A reading ≤ 90 is low.", "less than or equal to 90", ""),
    ("Accurate to ± 2 mm.", "plus or minus 2 millimetres", ""),
    ("Take 2×500 mg tablets.", "2 times 500 milligrams", ""),
    ("Take 2 x 500 mg tablets.", "2 times 500 milligrams", ""),
    ("It takes ~5 minutes.", "about 5 minutes", ""),
    ("It takes ≈ 10 minutes.", "about 10 minutes", ""),
    ("About 50% of people.", "50 percent", ""),
    ("1 in 8 (12.5%) women.", "12.5 percent", ""),
    ("Keep it below 25°C.", "below 25 degrees Celsius", ""),
    ("Store at −20°C.", "minus 20 degrees Celsius", ""),
    ("Bath water at 37 °C.", "37 degrees Celsius", ""),
    ("Score = 3.", "score equals 3", ""),
    ("Age 65+ gets a letter.", "65 plus", ""),
    ("Tea & coffee are fine.", "tea and coffee", ""),
    ("Step 1 → step 2.", "step 1 then step 2", ""),
    ("Tick yes/no.", "yes or no", "slash"),
    ("Pain of 7/10 or more.", "7 out of 10", "slash"),
    # emergency and short service numbers: digit by digit
    ("In an emergency call 999.", "call nine nine nine", "hundred"),
    ("Call 111 for advice.", "call one one one", "hundred"),
    ("From a mobile, 112 works too.", "one one two", "hundred"),
    ("In the US, call 911.", "nine one one", "hundred"),
    ("Call the police on 101.", "one zero one", "hundred"),
    ("Samaritans: 116 123.", "one one six, one two three", "hundred"),
    ("Call 119 for a vaccine.", "one one nine", "hundred"),
    ("Call 999 or 111.", "nine nine nine or one one one", "hundred"),
    ("Take 112 ml of water.", "112 millilitres", "one one two"),  # a dose, not a number to call
    ("About 111 mg a day.", "111 milligrams", "one one one"),
    ("Wait 111 days for the letter.", "111 days", "one one one"),  # a count
    ("Call 111 day or night.", "call one one one day", "hundred"),  # still a number to call
    ("999 people a year.", "999 people", "nine nine nine"),
    # phone numbers: grouped as written; a trunk (0) as a caller dials it
    ("Call 0800 123 4567.", "zero eight zero zero, one two three, four five six seven", ""),
    ("Call 020 7946 0018.", "zero two zero, seven nine four six, zero zero one eight", ""),
    (
        "Call +44 (0)20 7946 0018.",
        "plus four four, two zero, seven nine four six",
        "four four zero",
    ),
    ("Call +44 20 7946 0018.", "plus four four, two zero, seven nine four six", ""),
    ("Call 0800-123-4567.", "zero eight zero zero, one two three", ""),
    ("Ring 07700 900123.", "zero seven seven zero zero, nine zero zero one two three", ""),
    # units and rates
    ("Take 500 mg.", "500 milligrams", ""),
    ("Take 1 mg.", "1 milligram", "milligrams"),
    ("Take 500mg.", "500 milligrams", ""),
    ("Drink 200 ml.", "200 millilitres", ""),
    ("Use 5 mL.", "5 millilitres", ""),
    ("Drink 2 L of water.", "2 litres", ""),
    ("It weighs 3 kg.", "3 kilograms", ""),
    ("A 2 cm lump.", "2 centimetres", ""),
    ("A 4 mm spot.", "4 millimetres", ""),
    ("Take 400 mcg.", "400 micrograms", ""),
    ("Take 10 µg.", "10 micrograms", ""),
    ("Sugar of 6 mmol/L.", "6 millimoles per litre", ""),
    ("A dose of 2 mg/kg.", "2 milligrams per kilogram", ""),
    ("Take 1000 IU of vitamin D.", "1000 international units", ""),
    ("Blood pressure 120 mmHg.", "120 millimetres of mercury", ""),
    ("Heart rate 60 bpm.", "60 beats a minute", ""),
    ("No more than 14 units/week.", "14 units a week", ""),
    ("Take 2 tablets/day.", "2 tablets a day", ""),
    ("Take 4 g per day.", "4 grams per day", ""),
    ("Wait 30 mins.", "30 minutes", ""),
    ("Fast for 6 hrs.", "6 hours", ""),
    # ranges
    ("It takes 2-3 days.", "2 to 3 days", ""),
    ("Take 10–15 mg.", "10 to 15 milligrams", ""),
    ("Between 4–7 mmol/L.", "4 to 7 millimoles per litre", ""),
    ("Take 1-2 tablets.", "1 to 2 tablets", ""),
    ("Ages 18 – 65.", "18 to 65", ""),
    # fractions
    ("Take ½ a tablet.", "a half", ""),
    ("Take 1½ tablets.", "1 and a half tablets", ""),
    ("About 1/3 of people.", "a third of people", "slash"),
    ("Fill it 3/4 full.", "three quarters full", "slash"),
    # times
    ("Open 8am to 8pm.", "8 am to 8 pm", ""),
    ("Come at 8.30am.", "8 30 am", ""),
    ("Come at 2:15pm.", "2 15 pm", ""),
    ("Open 9 a.m. to 5 p.m.", "9 am to 5 pm", ""),
    ("We are here 24/7.", "24 hours a day, 7 days a week", "slash"),
    # dates and ordinals
    ("Your appointment is on 12/03/2026.", "12 March 2026", "slash"),
    ("Reviewed 2026-03-02.", "2 March 2026", ""),
    ("On the 21st of May.", "twenty first", ""),
    ("Your 3rd dose.", "third", ""),
    ("Mon to Fri.", "Monday to Friday", ""),
    # addresses
    ("E-mail nurses@example.org.", "nurses at example dot org", ""),
    ("See https://www.example.org/help.", "example dot org slash help", "https"),
    ("Write to mailto:help@example.org.", "help at example dot org", "mail to"),
    ("Read more at example.org/scans.", "example dot org slash scans", ""),
    ("Go to nhs.uk for more.", "N H S dot U K", ""),
    # abbreviations in text and references
    ("Bring snacks, e.g. fruit.", "for example fruit", ""),
    ("E.g. fruit.", "for example fruit", ""),
    ("Your doctor, i.e. your GP.", "that is", ""),
    ("Pens, paper etc.", "and so on", ""),
    ("It costs approx. £10.", "about 10 pounds", ""),
    ("A prescription costs £9.90.", "9 pounds 90", ""),
    ("Go to A&E.", "eigh and ee", ""),
    ("Smith J, et al. AJCC staging. Vol 32.", "and others", "et al"),
    ("The AJCC manual.", "eigh jay see see", ""),
    ("Published Aug 2024.", "August", ""),
    ("Vol 32, pp. 10-20.", "volume 32, pages 10 to 20", ""),
    ("See Dr Jones.", "doctor Jones", ""),
]

WELSH = [
    ("Ar agor 8yb tan 8yh.", "8 y bore tan 8 yr hwyr", ""),
    ("Ar agor 8 y.b. tan 6 y.h.", "8 y bore tan 6 yr hwyr", ""),
    ("Cymerwch 2 am 3 diwrnod.", "2 am 3 diwrnod", "bore"),  # 'am' is Welsh for 'for'
    ("Poen o 7/10.", "7 allan o 10", ""),
    ("Ffoniwch 999.", "naw naw naw", "cant"),
    ("Ffoniwch 111.", "1 1 1", "cant"),
    ("Arhoswch 111 diwrnod.", "111 diwrnod", "1 1 1"),
    ("Peidiwch â chymryd > 4 g/dydd.", "mwy na 4 gram y dydd", ""),
    ("Tymheredd < 35°C.", "llai na 35 gradd Celsius", ""),
    ("Mae'n cymryd 2-3 diwrnod.", "2 i 3 diwrnod", ""),
    ("Cymerwch 500 mg.", "500 miligram", ""),
    ("Tua 50% o bobl.", "50 y cant", ""),
    ("Rydym yma 24/7.", "24 awr y dydd, 7 diwrnod yr wythnos", ""),
    ("Dewch â byrbryd, e.e. ffrwythau.", "er enghraifft", ""),
    ("Mae'n cymryd ~5 munud.", "tua 5 munud", ""),
    ("E-bostiwch nyrsys@example.org.", "nyrsys at example dot org", ""),
    ("Ewch i example.org/scans.", "example dot org slaes scans", "neu"),
    ("Mae'n costio £9.90.", "9 punt 90", ""),
    ("Y 1af o Fawrth.", "y cyntaf o Fawrth", ""),
    ("Rhwng 4–7 mmol/L.", "4 i 7 milimol y litr", ""),
    ("Cymerwch 2×500 mg.", "2 lluosi 500 miligram", ""),
    ("Ffoniwch 0800 123 4567.", "0 8 0 0, 1 2 3, 4 5 6 7", ""),
]

POLISH = [
    ("Zadzwoń pod 112.", "jeden jeden dwa", "sto"),
    ("Zadzwoń pod 999.", "dziewięć dziewięć dziewięć", "sto"),
    ("Czekaj 111 dni.", "111 dni", "jeden jeden jeden"),
    ("Nie więcej niż > 4 g/dzień.", "więcej niż 4 gramy na dzień", ""),
    ("Temperatura < 35°C.", "mniej niż 35 stopni Celsjusza", ""),
    ("Trwa 2-3 dni.", "od 2 do 3 dni", ""),
    ("Weź 1 mg.", "1 miligram", ""),
    ("Weź 2 mg.", "2 miligramy", ""),
    ("Weź 5 mg.", "5 miligramów", ""),
    ("Weź 2,5 mg.", "2,5 miligrama", ""),
    ("Około 50% osób.", "50 procent", ""),
    ("Jesteśmy dostępni 24/7.", "całą dobę, 7 dni w tygodniu", ""),
    ("Zabierz przekąskę, np. owoc.", "na przykład", ""),
    ("Trwa ~5 minut.", "około 5 minut", ""),
    ("Napisz: pielegniarki@example.org.", "pielegniarki małpa example kropka org", ""),
    ("Między 4–7 mmol/l.", "od 4 do 7 milimoli na litr", ""),
    ("Weź 2×500 mg.", "2 razy 500 miligramów", ""),
    ("Kosztuje 25 zł.", "25 złotych", ""),
    ("Ból 7/10.", "7 na 10", ""),
]

ARABIC = [
    ("انتظر 2 دقيقة.", "دقيقتان", ""),
    ("انتظر 5 دقيقة.", "5 دقائق", ""),
    ("انتظر 15 دقيقة.", "15 دقيقة", ""),
    ("انتظر 2 ساعة.", "ساعتان", ""),
    ("خذ 2 حبة.", "حبتان", ""),
    ("اتصل بالرقم 999.", "9 9 9", "مئة"),
    ("انتظر 111 يومًا.", "111", "1 1 1"),
    ("لا تتناول > 4 g/يوم.", "أكثر من 4 غرامات في اليوم", ""),
    ("الحرارة < 35°C.", "أقل من 35 درجة مئوية", ""),
    ("يستغرق 2-3 أيام.", "من 2 إلى 3 أيام", ""),
    ("حوالي 50% من الناس.", "50 بالمئة", ""),
    ("نحن هنا 24/7.", "على مدار الساعة طوال أيام الأسبوع", ""),
    ("مفتوح من 8am إلى 8pm.", "من 8 صباحًا إلى 8 مساءً", ""),
    ("الألم 7/10.", "7 من 10", ""),
    ("خذ 1 mg.", "ملليغرام واحد", ""),
    ("يستغرق ~5 دقائق.", "حوالي 5", ""),
    ("الدقة ± 2.", "زائد أو ناقص 2", ""),
    ("اتصل على 0800 123 4567.", "0 8 0 0، 1 2 3، 4 5 6 7", ""),
]

BENGALI = [
    ("999 নম্বরে ফোন করুন।", "৯ ৯ ৯ নম্বরে", ""),
    ("৯৯৯ নম্বরে ফোন করুন।", "৯ ৯ ৯ নম্বরে", ""),
    ("111 নম্বরে ফোন করুন।", "১ ১ ১ নম্বরে", ""),
    ("১১১ দিন অপেক্ষা করুন।", "১১১ দিন", "১ ১ ১"),
    ("> 4 g/দিন খাবেন না।", "4 গ্রাম এর বেশি প্রতি দিন", ""),
    ("তাপমাত্রা < 35°C।", "35 ডিগ্রি সেলসিয়াস এর কম", ""),
    ("2-3 দিন লাগে।", "2 থেকে 3 দিন", ""),
    ("500 mg খান।", "500 মিলিগ্রাম", ""),
    ("প্রায় 50% মানুষ।", "50 শতাংশ", ""),
    ("আমরা 24/7 আছি।", "দিনরাত, সপ্তাহে সাত দিন", ""),
    ("~5 মিনিট লাগে।", "প্রায় 5 মিনিট", ""),
    ("4–7 mmol/L এর মধ্যে।", "4 থেকে 7 মিলিমোল প্রতি লিটার", ""),
    ("2×500 mg খান।", "2 গুণ 500 মিলিগ্রাম", ""),
    ("দাম £9।", "9 পাউন্ড", ""),
    ("সকাল 8am থেকে।", "সকাল 8টা", ""),
    ("ইমেল nurses@example.org।", "অ্যাট", ""),
    ("0800 123 4567 নম্বরে ফোন করুন।", "0 8 0 0, 1 2 3, 4 5 6 7", ""),
]

CASES = [
    *(("en-GB", *case) for case in ENGLISH),
    *(("cy", *case) for case in WELSH),
    *(("pl", *case) for case in POLISH),
    *(("ar", *case) for case in ARABIC),
    *(("bn", *case) for case in BENGALI),
]


@pytest.fixture(scope="module")
def heard() -> dict[tuple[str, str], tuple[str, str, str]]:
    """(language, written) -> sounds of the normalised text, of `expected`, of `wrong`."""
    said = {
        language: Pronouncer(language, load_table(ROOT / "locales", language))
        for language in VOICES
    }
    texts = []
    for language, written, expected, wrong in CASES:
        voice = VOICES[language]
        texts += [(said[language](written), voice), (expected, voice), (wrong or "", voice)]
    found = iter(sounds(p) for p in phonemes(texts))
    return {(case[0], case[1]): (next(found), next(found), next(found)) for case in CASES}


def test_there_are_enough_cases() -> None:
    counts = {language: sum(c[0] == language for c in CASES) for language in VOICES}
    assert counts["en-GB"] >= 80 and min(counts.values()) >= 15, counts


@pytest.mark.parametrize(("language", "written", "expected", "wrong"), CASES)
def test_the_engine_says_what_the_page_says(
    heard, language: str, written: str, expected: str, wrong: str
) -> None:
    spoken, wanted, misread = heard[(language, written)]
    assert wanted and wanted in spoken, f"{written!r}: heard {spoken!r}, wanted {wanted!r}"
    if wrong:
        assert misread not in spoken, f"{written!r}: {wrong!r} is heard"


@pytest.mark.parametrize(
    ("written", "wrong"),
    [("call 999", "nine hundred"), ("> 4 g/day", "slash"), ("24/7", "slash")],
)
def test_without_the_table_the_engine_misreads(written: str, wrong: str) -> None:
    """The cases above matter: espeak-ng alone says these wrong (or not at all)."""
    texts = [(written, "gmw/en"), (wrong, "gmw/en"), ("more than", "gmw/en")]
    raw, misread, more = (sounds(p) for p in phonemes(texts))
    assert misread in raw and more not in raw


@pytest.mark.parametrize(
    ("language", "written", "dropped"),
    [
        ("en-GB", "Tick ✓ when done → then rest ★.", ["✓", "★"]),
        ("en-GB", "Invisible\u00adsoft\u200bhyphen and a list • mark.", []),
        ("pl", "Powiedział „dobrze” i «tak» — (tak).", []),
        ("en-GB", "Take 2 § 3 ¶.", ["§", "¶"]),
        ("ar", "خذ ٢ حبة، ثم استرح؛ هل تفهم؟", []),
        ("bn", "ঔষধ খান। ভালো থাকুন।", []),
    ],
)
def test_what_the_audio_would_drop(language: str, written: str, dropped: list[str]) -> None:
    """Meaningful marks no table says are named (check warns); pauses and invisibles are not."""
    say = Pronouncer(language, load_table(ROOT / "locales", language))
    assert say.dropped(written) == dropped
    assert not set(dropped) & set(say(written))


def test_an_invisible_joiner_inside_a_word_does_not_split_it() -> None:
    say = Pronouncer("bn", load_table(ROOT / "locales", "bn"))
    assert say("র\u200d্যাব আসবে।") == "র্যাব আসবে।"
    assert say("soft\u00adhyphen") == "softhyphen"
