"""find_dates without a publication date: the text's own year anchors yearless dates, never a guess.

Sentences written for these tests. Calendar facts used: 31 December was a Tuesday in 2013, 2019 and
2024; 16 February a Sunday in 2014, 2020 and 2025; 29 March a Monday in 2010, 2021 and 2027.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.mentions.dates import YEAR_WINDOW, find_dates
from wirewatch.model import PartialDate


def by_text(text: str, lang: str, published: PartialDate | None = None) -> dict[str, object]:
    found = find_dates(text, lang, published)
    for d in found:
        assert text[d.span.start : d.span.end] == d.text
    return {d.text: d for d in found}


@pytest.mark.parametrize(
    "text, lang, key, iso",
    [
        # explicit year elsewhere in the article: the one fitting year at or after it
        ("En 2018, la base avait déjà été visée. Dimanche 16 février, trois roquettes sont tombées.",
         "fr", "Dimanche 16 février", "2020-02-16"),
        ("Le 8 janvier 2020, des missiles avaient frappé la base. Lundi 29 mars, des convois ont été visés.",
         "fr", "Lundi 29 mars", "2021-03-29"),
        ("Since March 2020 the force has shrunk. On Saturday, January 20, missiles hit the base.",
         "en", "Saturday, January 20", "2024-01-20"),
        ("Troops arrived in 2016. On Tuesday 31 December, protesters stormed the embassy.",
         "en", "Tuesday 31 December", "2019-12-31"),
    ],
)
def test_weekday_day_month_takes_the_year_the_anchor_allows(text, lang, key, iso):
    d = by_text(text, lang)[key]
    assert (d.date.iso(), d.basis) == (iso, "inferred")


@pytest.mark.parametrize(
    "text, lang, key",
    [
        # no year anywhere: never a guess
        ("Des manifestants ont attaqué mardi 31 décembre l'ambassade.", "fr", "mardi 31 décembre"),
        ("Protesters stormed the embassy on Tuesday, December 31.", "en", "Tuesday, December 31"),
        # two years fit in the window (2019 and 2024): the text does not say which
        ("Comme en 2019, des manifestants ont attaqué mardi 31 décembre l'ambassade.", "fr", "mardi 31 décembre"),
        # a deadline year is no anchor ("d'ici 2019" can be written years before)
        ("Le retrait doit être achevé d'ici 2019. Mardi 31 décembre, des tirs.", "fr", "Mardi 31 décembre"),
        # the weekday does not fit any year near the anchor (31 December 2020 was a Thursday)
        ("En 2020, des tirs. Lundi 31 décembre, d'autres tirs ont été entendus.", "fr", "Lundi 31 décembre"),
    ],
)
def test_yearless_date_stays_unset_without_a_single_fitting_year(text, lang, key):
    assert by_text(text, lang)[key].date is None


def test_day_month_without_weekday_is_not_settled_by_the_anchor_alone():
    # any year fits "le 20 juin": only a reference date could place it
    found = by_text("En 2021, des attaques. La base a été visée ce 20 juin.", "fr")
    assert found["20 juin"].date is None


def test_the_inferred_date_serves_relative_expressions_french():
    text = ("En janvier 2020, le Parlement a voté. Jeudi 29 juillet, deux roquettes sont tombées. "
            "Le 24 juillet, un drone a visé une base. Lundi, le président a parlé. Hier, un convoi a sauté.")
    found = by_text(text, "fr")
    assert found["Jeudi 29 juillet"].date == PartialDate(2021, 7, 29)
    assert found["24 juillet"].date == PartialDate(2021, 7, 24)
    assert found["Lundi"].date == PartialDate(2021, 7, 26)
    # "hier" is the day before publication, which may be the 29th or the 30th: only the month is sure
    assert found["Hier"].date == PartialDate(2021, 7)
    assert {found[k].basis for k in ("24 juillet", "Lundi", "Hier")} == {"inferred"}
    # the explicit date keeps its own basis
    assert found["janvier 2020"].basis == "explicit"


def test_the_inferred_date_serves_relative_expressions_english():
    text = ("The base was first hit in 2018. On Sunday, February 16, three rockets fell near the embassy. "
            "Last week, a convoy was hit. Overnight, sirens sounded. On Friday, talks began.")
    found = by_text(text, "en")
    assert found["Friday"].date == PartialDate(2020, 2, 14)
    assert found["Sunday, February 16"].date == PartialDate(2020, 2, 16)
    assert found["Last week"].date == PartialDate(2020, 2)
    assert found["Overnight"].date == PartialDate(2020, 2)  # the 16th, or the 17th if published then


def test_the_latest_settled_date_is_the_reference():
    # 26 and 29 July fall on Monday and Thursday in 2021 (and 2027, beyond the window)
    text = ("En 2020, des tirs. Lundi 26 juillet, des raids. Jeudi 29 juillet, l'ambassade a été visée. "
            "Mercredi, des renforts sont arrivés.")
    found = by_text(text, "fr")
    assert found["Lundi 26 juillet"].date == PartialDate(2021, 7, 26)
    assert found["Jeudi 29 juillet"].date == PartialDate(2021, 7, 29)
    # the Wednesday before Thursday 29 July (from Monday 26 July it would be the 21st)
    assert found["Mercredi"].date == PartialDate(2021, 7, 28)


def test_two_fitting_years_leave_the_date_unset_even_beside_a_settled_one():
    text = "En 2019, des tirs. Mardi 31 décembre, l'ambassade a été attaquée. Dimanche, des raids."
    found = by_text(text, "fr")
    assert found["Mardi 31 décembre"].date is None and found["Dimanche"].date is None


def test_a_deadline_does_not_become_the_reference():
    text = "En 2019, des tirs. Les troupes resteront jusqu'au mardi 31 décembre. Dimanche, des raids."
    found = by_text(text, "fr")
    assert found["Dimanche"].date is None


def test_with_published_nothing_is_inferred():
    text = "En 2016, des tirs. Mardi 31 décembre, l'ambassade a été attaquée."
    d = by_text(text, "fr", PartialDate(2020, 1, 2))["Mardi 31 décembre"]
    assert (d.date, d.basis) == (PartialDate(2019, 12, 31), "explicit")


def test_relative_dates_without_any_anchor_stay_unset():
    found = by_text("Dimanche, des raids ont tué 25 combattants. Hier, un convoi a sauté.", "fr")
    assert found["Dimanche"].date is None and found["Hier"].date is None


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1995, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, YEAR_WINDOW))
def test_an_inferred_year_is_never_before_the_anchor_nor_beyond_the_window(event, back):
    names = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
              "octobre", "novembre", "décembre"]
    anchor = event.year - back
    text = f"En {anchor}, des tirs. {names[event.weekday()].capitalize()} {event.day} {months[event.month - 1]}, une attaque."
    d = find_dates(text, "fr", None)[-1]
    if d.date is not None:
        assert d.date == PartialDate.from_date(event)
        assert anchor <= d.date.year <= anchor + YEAR_WINDOW
        assert d.basis == "inferred"


@pytest.mark.parametrize(
    "text, lang, key, iso",
    [
        ("Protests have continued since October 17 in Beirut.", "en", "October 17", "2019-10-17"),
        ("Ever since October 17, the streets have been full.", "en", "October 17", "2019-10-17"),
        ("Les manifestations continuent depuis le 17 octobre à Beyrouth.", "fr", "17 octobre", "2019-10-17"),
        ("Depuis jeudi 17 octobre, les rues sont pleines.", "fr", "jeudi 17 octobre", "2019-10-17"),
    ],
)
def test_since_a_day_is_a_start_bound_on_that_day(text, lang, key, iso):
    d = by_text(text, lang, PartialDate(2019, 11, 20))[key]
    assert (d.date.iso(), d.relation) == (iso, "since")


def test_since_a_month_alone_stays_the_month():
    d = by_text("Since October, the streets have been full.", "en", PartialDate(2019, 11, 20))["Since October"]
    assert (d.date, d.relation) == (PartialDate(2019, 10), "since")


def test_infer_reference_is_the_latest_settled_date_and_none_without_anchor():
    from wirewatch.mentions.dates import infer_reference

    text = "En 2020, des tirs. Lundi 26 juillet, des raids. Jeudi 29 juillet, l'ambassade a été visée."
    assert infer_reference(text, "fr") == PartialDate(2021, 7, 29)
    assert infer_reference("Lundi 26 juillet, des raids. Jeudi 29 juillet, des tirs.", "fr") is None
    assert infer_reference("Since 2020, raids. Troops will stay until Thursday, July 29.", "en") is None


def test_a_weekday_after_the_reference_is_not_pinned_to_the_week_before():
    # published the day after "samedi 20 janvier", "dimanche" would be the 21st, not the 14th
    text = "En 2023, des tirs. Samedi 20 janvier, des missiles ont été tirés. Dimanche à l'aube, un drone a frappé."
    found = by_text(text, "fr")
    assert found["Samedi 20 janvier"].date == PartialDate(2024, 1, 20)
    assert found["Dimanche à l'aube"].date == PartialDate(2024, 1)


def test_month_level_published_and_a_weekday_date_in_it_date_the_morning():
    text = "Dimanche 2 janvier, des milliers ont manifesté. Lundi 3 janvier, deux drones ont visé l'aéroport ce matin."
    found = by_text(text, "fr", PartialDate(2022, 1))
    assert found["Lundi 3 janvier"].date == PartialDate(2022, 1, 3)
    assert (found["ce matin"].date, found["ce matin"].basis) == (PartialDate(2022, 1), "inferred")
    # a weekday date outside the published month is no reference
    found = by_text("Vendredi 31 décembre, des tirs. Ce matin, un drone.", "fr", PartialDate(2022, 1))
    assert found["Ce matin"].date is None


@pytest.mark.parametrize(
    "text, lang, key, month, day, weekday",
    [
        ("Mardi 31 décembre, des manifestants ont forcé l'entrée de l'ambassade.", "fr", "Mardi 31 décembre", 12, 31, 1),
        ("Le 3 mars, un convoi a été visé près de la frontière.", "fr", "3 mars", 3, 3, None),
        ("On Sunday, February 16, three rockets landed near the compound.", "en", "Sunday, February 16", 2, 16, 6),
    ],
)
def test_a_day_and_month_whose_year_nothing_settles_is_kept_yearless(text, lang, key, month, day, weekday):
    d = by_text(text, lang)[key]
    assert d.date is None
    assert (d.yearless.month, d.yearless.day, d.yearless.weekday) == (month, day, weekday)
    assert text[d.yearless.span.start : d.yearless.span.end] == key
    assert d.yearless.iso() == f"--{month:02d}-{day:02d}"


def test_a_settled_or_published_date_is_not_yearless():
    text = "Mardi 31 décembre, des manifestants ont forcé l'entrée de l'ambassade."
    assert by_text(text, "fr", PartialDate(2020, 1, 2))["Mardi 31 décembre"].yearless is None
    anchored = by_text("En 2016, la base a été agrandie. " + text, "fr")["Mardi 31 décembre"]
    assert anchored.date == PartialDate(2019, 12, 31) and anchored.yearless is None


def test_a_year_hint_dates_its_day_and_anchors_the_relative_days():
    text = ("Mardi 31 décembre, des manifestants ont forcé l'entrée de l'ambassade. Ils protestaient "
            "contre les frappes de dimanche.")
    found = {d.text: d for d in find_dates(text, "fr", None, (PartialDate(2019, 12, 31),))}
    assert found["Mardi 31 décembre"].date == PartialDate(2019, 12, 31)
    assert found["Mardi 31 décembre"].basis == "inferred"
    assert found["dimanche"].date == PartialDate(2019, 12, 29)


def test_a_year_hint_whose_weekday_does_not_fit_is_ignored():
    text = "Mardi 31 décembre, des manifestants ont forcé l'entrée de l'ambassade."
    (d,) = find_dates(text, "fr", None, (PartialDate(2020, 12, 31),))  # a Thursday
    assert d.date is None and d.yearless is not None


def test_a_year_hint_does_not_override_a_publication_date():
    text = "Mardi 31 décembre, des manifestants ont forcé l'entrée de l'ambassade."
    (d,) = find_dates(text, "fr", PartialDate(2025, 1, 2), (PartialDate(2019, 12, 31),))
    assert d.date == PartialDate(2024, 12, 31)
