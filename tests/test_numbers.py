"""find_numbers: digits, number words, vague counts and what is not a count, in French and English."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.mentions.numbers import find_numbers, parse_count


def values(text: str, lang: str, **kw) -> list[tuple[int, bool]]:
    return [(n.value, n.approximate) for n in find_numbers(text, lang, **kw)]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Les 2.500 soldats restent.", "fr", 2500),
        ("Quelque 2 500 soldats restent.", "fr", 2500),
        ("On compte 150\u00a0000 déplacés.", "fr", 150000),
        ("On compte 150\u202f000 déplacés.", "fr", 150000),
        ("The 2,500 troops stay.", "en", 2500),
        ("A force of 5 200 men.", "en", 5200),
        ("Il reste 12 soldats.", "fr", 12),
    ],
)
def test_digits_with_thousands_separators(text, lang, expected):
    assert [v for v, _ in values(text, lang)] == [expected]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("cinq policiers", "fr", 5),
        ("vingt-deux hommes", "fr", 22),
        ("vingt et un blessés", "fr", 21),
        ("soixante-dix personnes", "fr", 70),
        ("quatre-vingt-dix-neuf maisons", "fr", 99),
        ("deux mille cinq cents soldats", "fr", 2500),
        ("two soldiers", "en", 2),
        ("twenty-one people", "en", 21),
        ("three hundred and five houses", "en", 305),
        ("two dozen fighters", "en", 24),
    ],
)
def test_number_words(text, lang, expected):
    assert [v for v, _ in values(text, lang)] == [expected]


def test_separate_number_words_stay_separate():
    assert [v for v, _ in values("entre cinq et six hommes", "fr")] == [5, 6]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("des dizaines de manifestants", "fr", 12),
        ("plusieurs centaines de réfugiés", "fr", 100),
        ("plusieurs combattants", "fr", 10),
        ("une vingtaine de véhicules", "fr", 20),
        ("dozens of protesters", "en", 12),
        ("hundreds of families", "en", 100),
        ("several fighters", "en", 10),
        ("a number of fighters", "en", 10),
        ("a few shells", "en", 3),
        ("des dizaines de milliers de manifestants", "fr", 10000),
        ("hundreds of thousands of people", "en", 100000),
    ],
)
def test_vague_counts_follow_acled_and_are_approximate(text, lang, expected):
    assert values(text, lang) == [(expected, True)]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("environ 300 hommes", "fr", 300),
        ("plus de 40 blessés", "fr", 40),
        ("au moins sept morts", "fr", 7),
        ("about 300 men", "en", 300),
        ("at least 20 people", "en", 20),
        ("more than forty rockets", "en", 40),
    ],
)
def test_approximators(text, lang, expected):
    found = find_numbers(text, lang)
    assert [(n.value, n.approximate) for n in found] == [(expected, True)]
    assert found[0].span.start == 0  # the approximator is part of the evidence


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Les attaques ont repris en 2020.", "fr"),
        ("L'explosion a eu lieu à 4h30.", "fr"),
        ("vers 4 h 30 du matin", "fr"),
        ("une hausse de 30% des attaques", "fr"),
        ("une hausse de 30 pour cent", "fr"),
        ("le 3e régiment", "fr"),
        ("le 1er bataillon", "fr"),
        ("un budget de 5 millions d'euros", "fr"),
        ("une croissance de 2,5 cette année", "fr"),
        ("un F-16 a décollé", "fr"),
        ("le 3 janvier 2020", "fr"),
        ("The attacks resumed in 2020.", "en"),
        ("at 4:30 a.m. local time", "en"),
        ("a 30 percent rise", "en"),
        ("the 21st brigade", "en"),
        ("a $5 million grant", "en"),
        ("a rate of 2.5 per day", "en"),
        ("some 12 km north of the city", "en"),
        ("on 9 November 2022", "en"),
        ("un garçon de 12 ans", "fr"),
        ("après trois jours de combats", "fr"),
        ("a 12-year-old boy", "en"),
        ("after three days of fighting", "en"),
    ],
)
def test_not_counts(text, lang):
    assert find_numbers(text, lang) == []


def test_unstated_vague_counts_are_flagged():
    from wirewatch.mentions.numbers import is_unstated

    assert [
        is_unstated(n, "fr") for n in find_numbers("plusieurs roquettes et des dizaines d'obus", "fr")
    ] == [
        True,
        False,
    ]
    assert [is_unstated(n, "en") for n in find_numbers("a number of rockets and 12 shells", "en")] == [
        True,
        False,
    ]


def test_articles_are_counts_only_on_request():
    assert find_numbers("une fillette a été tuée", "fr") == []
    assert values("une fillette a été tuée", "fr", articles=True) == [(1, False)]
    assert values("a contractor was killed", "en", articles=True) == [(1, False)]


def test_decimal_with_scale_is_a_count():
    assert values("1,5 million de déplacés", "fr") == [(1500000, False)]
    assert values("1.5 million displaced", "en") == [(1500000, False)]


def test_spans_point_into_the_text():
    text = "Selon l'armée, 2 500 soldats et vingt-deux blindés."
    for n in find_numbers(text, "fr"):
        assert text[n.span.start : n.span.end] == n.text


# --- round trips -----------------------------------------------------------------------------------
# Independent spellers written for the tests (not the parser's data), so a round trip can fail.

_FR_UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
]
_FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
_EN_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _fr_below_100(n: int) -> str:
    if n < 17:
        return _FR_UNITS[n]
    if n < 20:
        return "dix-" + _FR_UNITS[n - 10]
    if n >= 80:
        rest = n - 80
        return "quatre-vingts" if rest == 0 else "quatre-vingt-" + _fr_below_100(rest)
    if n >= 60:
        rest = n - 60
        if rest == 0:
            return "soixante"
        return "soixante et onze" if rest == 11 else "soixante-" + _fr_below_100(rest)
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _FR_TENS[tens]
    return f"{_FR_TENS[tens]} et un" if unit == 1 else f"{_FR_TENS[tens]}-{_FR_UNITS[unit]}"


def _fr_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    head = (
        ""
        if hundreds == 0
        else "cent"
        if hundreds == 1
        else f"{_FR_UNITS[hundreds]} cent" + ("s" if rest == 0 else "")
    )
    tail = _fr_below_100(rest) if rest or not head else ""
    return " ".join(p for p in (head, tail) if p)


def french_words(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    if thousands == 0:
        return _fr_below_1000(n)
    head = "mille" if thousands == 1 else _fr_below_1000(thousands) + " mille"
    return head if rest == 0 else f"{head} {_fr_below_1000(rest)}"


def _en_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_EN_UNITS[hundreds]} hundred"] if hundreds else []
    if rest or not parts:
        if rest < 20:
            small = _EN_UNITS[rest]
        else:
            tens, unit = divmod(rest, 10)
            small = _EN_TENS[tens] + (f"-{_EN_UNITS[unit]}" if unit else "")
        parts.append(("and " if hundreds else "") + small)
    return " ".join(parts)


def english_words(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    if thousands == 0:
        return _en_below_1000(n)
    head = _en_below_1000(thousands) + " thousand"
    return head if rest == 0 else f"{head} {_en_below_1000(rest)}"


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_round_trip_french_words(n):
    assert values(f"Au total, {french_words(n)} soldats.", "fr", articles=True) == [(n, False)]


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_round_trip_english_words(n):
    assert values(f"In all, {english_words(n)} soldiers.", "en") == [(n, False)]


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1000, max_value=99_999_999), st.sampled_from([".", " ", "\u00a0", "\u202f"]))
def test_round_trip_french_digits(n, sep):
    written = f"{n:,}".replace(",", sep)
    assert values(f"Au total, {written} soldats.", "fr") == [(n, False)]


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1000, max_value=99_999_999), st.sampled_from([",", "\u00a0"]))
def test_round_trip_english_digits(n, sep):
    written = f"{n:,}".replace(",", sep)
    assert values(f"In all, {written} soldiers.", "en") == [(n, False)]


def test_parse_count():
    assert parse_count("vingt-deux", "fr") == 22
    assert parse_count("5", "en") == 5
    assert parse_count("soldats", "fr") is None


def test_unknown_language_says_which_file_to_add():
    from wirewatch.errors import ResourceError

    with pytest.raises(ResourceError, match="numbers.toml"):
        find_numbers("12", "xx")
