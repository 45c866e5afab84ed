"""find_dates: explicit, relative, future and recall expressions in French and English."""

from __future__ import annotations

import csv
import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.mentions.dates import FUTURE_GRACE_DAYS, find_dates
from wirewatch.model import PartialDate

# A Thursday.
THU = PartialDate(2021, 7, 29)


def one(text: str, lang: str, published: PartialDate | None = THU):
    found = find_dates(text, lang, published)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.span.start : d.span.end] == d.text
    assert d.text == d.text.strip()
    return d


@pytest.mark.parametrize(
    "text, lang, iso, basis",
    [
        ("Le 3 janvier 2020, une frappe a tué le général.", "fr", "2020-01-03", "explicit"),
        ("Le 1er mai 2021, des manifestants ont défilé.", "fr", "2021-05-01", "explicit"),
        ("Jeudi 29 juillet, des roquettes sont tombées.", "fr", "2021-07-29", "explicit"),
        ("Les attaques ont repris en janvier 2020 dans la région.", "fr", "2020-01", "explicit"),
        ("Les élections de 2019, déjà contestées.", "fr", "2019", "explicit"),
        ("Les combats ont repris fin 2020.", "fr", "2020", "explicit"),
        ("Les combats ont repris début juillet.", "fr", "2021-07", "relative"),
        ("Elle est arrivée à la mi-octobre.", "fr", "2020-10", "relative"),
        ("Le rapport daté du 29/07/2021 le confirme.", "fr", "2021-07-29", "explicit"),
        ("On 9 November 2022, gunmen attacked a checkpoint.", "en", "2022-11-09", "explicit"),
        ("The attacks resumed in March 2020 in the north.", "en", "2020-03", "explicit"),
        ("It happened on July 29, 2021 near the border.", "en", "2021-07-29", "explicit"),
        ("It happened on the 29th of July near the border.", "en", "2021-07-29", "explicit"),
        ("The report is dated 2021-07-29.", "en", "2021-07-29", "explicit"),
        ("The report is dated 2021/07/29.", "en", "2021-07-29", "explicit"),
        ("Fighting resumed in late 2020.", "en", "2020", "explicit"),
        ("Les combats de l'été 2019 ont été meurtriers.", "fr", "2019", "explicit"),
        ("Fighting resumed in the spring of 2019.", "en", "2019", "explicit"),
    ],
)
def test_explicit_dates(text, lang, iso, basis):
    d = one(text, lang)
    assert (d.date.iso(), d.basis) == (iso, basis)


@pytest.mark.parametrize(
    "text, lang, iso",
    [
        ("Mardi soir, une explosion a secoué la ville.", "fr", "2021-07-27"),
        ("Lundi dernier, une patrouille a été visée.", "fr", "2021-07-26"),
        ("Ce matin, des tirs ont été entendus.", "fr", "2021-07-29"),
        ("Hier, des tirs ont été entendus.", "fr", "2021-07-28"),
        ("Aujourd'hui, la ville est calme.", "fr", "2021-07-29"),
        ("Aujourd’hui, la ville est calme.", "fr", "2021-07-29"),
        ("Il y a cinq jours, un convoi a été attaqué.", "fr", "2021-07-24"),
        ("Le mois dernier, un convoi a été attaqué.", "fr", "2021-06"),
        ("L'an dernier, un convoi a été attaqué.", "fr", "2020"),
        ("L'automne dernier, un convoi a été attaqué.", "fr", "2020"),
        ("Cette semaine, un convoi a été attaqué.", "fr", "2021-07"),
        ("On Sunday, a convoy was attacked.", "en", "2021-07-25"),
        ("Yesterday, a convoy was attacked.", "en", "2021-07-28"),
        ("A convoy was attacked overnight.", "en", "2021-07-29"),
        ("Un convoi a été attaqué cette nuit.", "fr", "2021-07-29"),
        ("Last night, a convoy was attacked.", "en", "2021-07-28"),
        ("La nuit dernière, un convoi a été attaqué.", "fr", "2021-07-28"),
        ("Un convoi a été attaqué dans la nuit de lundi à mardi.", "fr", "2021-07-27"),
        ("A convoy was attacked overnight Monday to Tuesday.", "en", "2021-07-27"),
        ("En mars de l'année dernière, un convoi a été attaqué.", "fr", "2020-03"),
        ("In March of last year, a convoy was attacked.", "en", "2020-03"),
        ("Au cours du week-end, un convoi a été attaqué.", "fr", "2021-07"),
        ("A convoy was attacked this past weekend.", "en", "2021-07"),
        ("En fin de semaine dernière, un convoi a été attaqué.", "fr", "2021-07"),
        ("A convoy was attacked earlier this month.", "en", "2021-07"),
        ("A convoy was attacked last month.", "en", "2021-06"),
        ("A convoy was attacked last year.", "en", "2020"),
        ("A convoy was attacked two days ago.", "en", "2021-07-27"),
        ("A convoy was attacked last Monday.", "en", "2021-07-26"),
        ("A convoy was attacked on Tuesday night.", "en", "2021-07-27"),
    ],
)
def test_relative_dates(text, lang, iso):
    d = one(text, lang)
    assert (d.date.iso(), d.basis) == (iso, "relative")


def test_night_between_two_days_is_the_second_day():
    d = one("Dans la nuit du 12 au 13 mars 2020, un dépôt a brûlé.", "fr")
    assert (d.date, d.basis) == (PartialDate(2020, 3, 13), "explicit")


def test_weekday_on_the_publication_day_is_that_day():
    assert one("Jeudi, une roquette est tombée.", "fr").date == THU
    assert one("On Thursday, a rocket hit the base.", "en").date == THU


def test_last_weekday_is_strictly_before_published():
    assert one("Jeudi dernier, une roquette est tombée.", "fr").date == PartialDate(2021, 7, 22)


def test_periods_across_two_months_keep_only_the_year():
    # the week before Tuesday 3 August 2021 runs from 26 July to 1 August
    assert one("La semaine dernière, deux attaques.", "fr", PartialDate(2021, 8, 3)).date == PartialDate(2021)


def test_day_month_without_year_takes_the_most_recent_past_year():
    assert one("Le 15 août, une attaque.", "fr").date == PartialDate(2020, 8, 15)
    # a few days after published is allowed: announced events
    assert one("Le 2 août, une réunion.", "fr").date == PartialDate(2021, 8, 2)


def test_weekday_and_day_pick_the_matching_year():
    # 29 July was a Monday in 2019, a Thursday in 2021
    assert one("Lundi 29 juillet, une attaque.", "fr", PartialDate(2021, 8, 1)).date == PartialDate(
        2019, 7, 29
    )


@pytest.mark.parametrize(
    "text, lang, relation",
    [
        ("Il y a deux ans, la base avait été visée.", "fr", "recall"),
        ("Two years ago, the base was hit.", "en", "recall"),
        ("Les troupes partiront d'ici le 31 décembre.", "fr", "future"),
        ("Les troupes partiront d'ici la fin de l'année.", "fr", "future"),
        ("Troops will leave by the end of the year.", "en", "future"),
        ("Troops will leave by 31 December.", "en", "future"),
        ("Le retrait aura lieu lundi prochain.", "fr", "future"),
        ("Hier, des tirs ont été entendus.", "fr", "past"),
        ("Des combats du 3 au 5 juillet.", "fr", "range"),
        ("Les attaques se multiplient depuis janvier 2020.", "fr", "since"),
        ("Attacks have multiplied since March 2020.", "en", "since"),
    ],
)
def test_relations(text, lang, relation):
    assert one(text, lang).relation == relation


def test_month_and_year_after_a_cue_stay_one_mention():
    d = one("Les attaques se multiplient depuis janvier 2020.", "fr")
    assert (d.text, d.date) == ("janvier 2020", PartialDate(2020, 1))


def test_deadline_without_year_is_the_next_occurrence():
    assert one("Les troupes partiront d'ici le 31 décembre.", "fr").date == PartialDate(2021, 12, 31)


def test_relative_dates_need_published():
    assert one("Hier, des tirs ont été entendus.", "fr", None).date is None
    assert one("Mardi soir, une explosion.", "fr", None).date is None
    assert one("Le 3 janvier 2020, une frappe.", "fr", None).date == PartialDate(2020, 1, 3)


def test_spans_never_start_with_a_line_break():
    assert one("Les tirs ont repris.\n\nMercredi, une roquette est tombée.", "fr").text == "Mercredi"


def test_cues_do_not_reach_across_sentences():
    assert one("He has not been seen since.\nToday, the town is calm.", "en").relation == "past"


def test_times_do_not_create_or_break_dates():
    found = find_dates("Aux environs de 4h30 jeudi, une explosion.", "fr", THU)
    assert [(d.text, d.date) for d in found] == [("jeudi", THU)]
    assert find_dates("At dawn, at 4:30 a.m., a blast.", "en", THU) == []


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Les 2500 soldats sont restés.", "fr"),
        ("Il est mort à 30 ans.", "fr"),
        ("They may attack again.", "en"),
        ("He will march on the capital.", "en"),
        ("Le 3e régiment a été déployé.", "fr"),
    ],
)
def test_not_dates(text, lang):
    assert find_dates(text, lang, THU) == []


def test_ambiguous_numeric_english_date_is_unset():
    assert find_dates("The memo of 03/04/2021 says so.", "en", THU) == []
    assert one("The memo of 7/29/2021 says so.", "en").date == THU


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(min_value=0, max_value=6),
    st.sampled_from(["fr", "en"]),
)
def test_weekday_resolves_within_the_week_before_published(published, weekday, lang):
    names = {
        "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    }
    d = one(
        f"{names[lang][weekday]}, des tirs." if lang == "fr" else f"On {names[lang][weekday]}, shots.",
        lang,
        PartialDate.from_date(published),
    ).date.to_date()
    assert d.weekday() == weekday
    assert published - timedelta(days=6) <= d <= published


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)),
    st.dates(min_value=date(1990, 3, 1), max_value=date(2035, 12, 31)),
)
def test_day_month_is_never_after_the_grace_period(event, published):
    months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    found = one(
        f"Le {event.day} {months[event.month - 1]}, une attaque.", "fr", PartialDate.from_date(published)
    )
    d = found.date.to_date()
    assert (d.month, d.day) == (event.month, event.day)
    assert published - timedelta(days=4 * 366) <= d <= published + timedelta(days=FUTURE_GRACE_DAYS)


def test_acled_notes_leading_dates(shared_dir):
    """The leading 'On 16 September 2021,' of ACLED notes is found and equals event_date_iso."""
    path = shared_dir / "data" / "acled_dev.csv"
    if not path.is_file():
        pytest.skip("acled_dev.csv is absent")
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if re.match(r"\s*On\s", r["notes"])]
    assert rows
    hits = 0
    for r in rows:
        found = find_dates(r["notes"], "en", None)
        hits += bool(found) and found[0].date is not None and found[0].date.iso() == r["event_date_iso"]
    assert hits / len(rows) > 0.97


def test_weeks_ago_is_no_more_precise_than_a_week():
    assert one(
        "Il y a deux semaines, un convoi a été attaqué.", "fr", PartialDate(2021, 7, 29)
    ).date == PartialDate(2021, 7)
    # 14 days before 16 July 2021 is 2 July: the week around it straddles June and July
    assert one("Two weeks ago, a convoy was attacked.", "en", PartialDate(2021, 7, 16)).date == PartialDate(
        2021
    )


def test_this_week_is_never_a_day():
    # Monday 12 July 2021: the week is 12-18 July
    assert one(
        "Cette semaine, deux attaques ont eu lieu.", "fr", PartialDate(2021, 7, 12)
    ).date == PartialDate(2021, 7)


def test_published_known_to_the_month():
    month = PartialDate(2020, 3)
    assert one("Mercredi, une roquette est tombée.", "fr", month).date is None
    assert one("Le 11 mars, une roquette est tombée.", "fr", month).date == PartialDate(2020, 3, 11)
    assert one("Le mois dernier, une roquette est tombée.", "fr", month).date == PartialDate(2020, 2)
    assert one("L'an dernier, une roquette est tombée.", "fr", PartialDate(2020)).date == PartialDate(2019)


_FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)), st.integers(min_value=0, max_value=3)
)
def test_round_trip_written_dates(d, style):
    written = [
        f"Le {d.day} {_FR_MONTHS[d.month - 1]} {d.year}, une attaque.",
        f"On {d.day} {_EN_MONTHS[d.month - 1]} {d.year}, an attack.",
        f"On {_EN_MONTHS[d.month - 1]} {d.day}, {d.year}, an attack.",
        f"Le rapport du {d.day:02d}/{d.month:02d}/{d.year} le dit.",
    ][style]
    lang = "fr" if style in (0, 3) else "en"
    found = one(written, lang, None)
    assert (found.date, found.basis) == (PartialDate.from_date(d), "explicit")
