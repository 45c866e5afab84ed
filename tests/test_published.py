"""published: the publication-date cascade (given -> html meta -> URL -> text line -> unknown)."""

from __future__ import annotations

from datetime import date

import pytest

from wirewatch import published as pub
from wirewatch.model import Article, PartialDate

TEXT = "Des hommes armés ont attaqué un poste de police dans la nuit de samedi à dimanche."


def art(**kw) -> Article:
    kw.setdefault("text", TEXT)
    return Article(id="a", source="test", **kw)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/2021/07/29/rockets-hit-base", "2021-07-29"),
        ("https://news.example/story/2020-03-11/attack-on-camp", "2020-03-11"),
        ("https://news.example/world/strikes-on-border-town-2021-05-01/", "2021-05-01"),
        ("https://news.example/amp/20200829/ambassade-visee", "2020-08-29"),
        ("https://news.example/afrique/20190702-attaque-niger", "2019-07-02"),
        ("https://news.example/n3/2020/0217/c31356-965.html", "2020-02-17"),
        ("https://news.example/archives/2020/03/soldats-attaques", "2020-03"),
        ("https://news.example/2021/top-news/troops-redeploy", "2021"),
        ("https://news.example/moyen-orient/1705814807-attaque-base", "2024-01-21"),
        ("https://news.example/depeches/tirs-roquettes-5e695969d8ad582f31669c50", "2020-03-11"),
    ],
)
def test_date_in_url(url, expected):
    assert pub.date_in_url(url) == PartialDate.parse(expected)


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example/article/1675533",  # a numeric id, not a date
        "https://news.example/2020/13/45/bad",  # impossible month and day
        "https://news.example/2999/01/01/future",  # after today
        "https://news.example/1850/01/01/history",  # before MIN_YEAR
        None,
    ],
)
def test_no_date_in_url(url):
    assert pub.date_in_url(url) is None


def test_given_wins_over_url():
    a = art(published="2022-02-03", url="https://news.example/2021/07/29/x")
    assert pub.find_published(a, TEXT) == (PartialDate(2022, 2, 3), "given")


def test_feed_basis_when_the_source_set_it():
    a = art(published="2022-02-03", published_basis="feed")
    assert pub.find_published(a, TEXT) == (PartialDate(2022, 2, 3), "feed")


def test_text_line_header_month():
    text = " date 2022-01 « Deux drones ont visé un aéroport ce matin », a dit un responsable."
    assert pub.find_published(art(text=text), text) == (PartialDate(2022, 1), "text-line")


def test_text_line_header_day_on_its_own_line():
    text = "date 2023-12-31\nA drone was shot down near the airport."
    assert pub.find_published(art(text=text), text) == (PartialDate(2023, 12, 31), "text-line")


def test_header_only_at_the_top():
    text = "\n".join(["A drone was shot down."] * (pub.DATELINE_MAX_LINES + 1) + ["date 2023-12-31"])
    assert pub.find_published(art(text=text), text) == (None, "unknown")


def test_split_date_header_removes_it():
    date_, rest = pub.split_date_header(" date 2022-01 « Deux drones »")
    assert date_ == PartialDate(2022, 1) and rest == "« Deux drones »"
    assert pub.split_date_header("date limite 2022-01")[1] == "date limite 2022-01"


def test_less_precise_step_is_refined_by_an_agreeing_later_step():
    text = "date 2021-04-08\nThe United States agreed to move its troops."
    a = art(text=text, url="https://news.example/2021/top-news/x")
    assert pub.find_published(a, text) == (PartialDate(2021, 4, 8), "text-line")


def test_disagreeing_later_step_is_ignored():
    text = "date 2019-04-08\nThe United States agreed to move its troops."
    a = art(text=text, url="https://news.example/2021/03/x")
    assert pub.find_published(a, text) == (PartialDate(2021, 3), "url")


def test_html_meta_date():
    html = (
        '<html><head><meta property="article:published_time" content="2020-01-05T10:00:00+00:00">'
        f"<title>t</title></head><body><p>{TEXT}</p></body></html>"
    )
    assert pub.find_published(art(text=None, html=html), TEXT) == (PartialDate(2020, 1, 5), "html-meta")


def test_unknown_is_never_today():
    html = f"<html><head><title>t</title></head><body><p>{TEXT}</p></body></html>"
    found, basis = pub.find_published(art(text=None, html=html, url="https://news.example/a/b"), TEXT)
    assert (found, basis) == (None, "unknown")
    assert found != PartialDate.from_date(date.today())


def test_canonical_url_of_saved_page():
    html = (
        '<html><head><link rel="canonical" href="https://news.example/2020/01/05/rockets/">'
        f"<title>t</title></head><body><p>{TEXT}</p></body></html>"
    )
    a = art(text=None, html=html)
    assert pub.page_url(a) == "https://news.example/2020/01/05/rockets/"
    assert pub.from_url(a, TEXT) == PartialDate(2020, 1, 5)
    found, basis = pub.find_published(a, TEXT)
    assert found == PartialDate(2020, 1, 5) and basis in {"html-meta", "url"}  # htmldate reads it too


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Gunmen attack army post", "31 December 2019, 14:00", TEXT], "2019-12-31"),
        (["Publié le 3 janvier 2022 à 10h05", TEXT], "2022-01-03"),
        (["By Staff", "Published Tuesday, March 4, 2025 10:30 am", TEXT], "2025-03-04"),
        (["2021-07-12", TEXT], "2021-07-12"),
        (["MARCH 26, 2021: The two governments agreed on Monday to end the mission."], "2021-03-26"),
        (["Jul 27,2021: The two governments agreed on Monday to end the mission."], "2021-07-27"),
    ],
)
def test_dateline_stamp_in_first_lines(lines, expected):
    text = "\n".join(lines)
    assert pub.find_published(art(text=text), text) == (PartialDate.parse(expected), "text-line")


@pytest.mark.parametrize(
    "lines",
    [
        ["Attack of 3 January 2020 remembered in Baghdad", TEXT],  # a headline holding a date
        ["Le 3 janvier 2020, sur ordre du président, un drone a frappé un convoi.", TEXT],  # an event date
        ["Mis à jour le 17/02 à 10h54", TEXT],  # no year
        [TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, "31 December 2019"],  # too far down to be a stamp
    ],
)
def test_no_dateline(lines):
    text = "\n".join(lines)
    assert pub.find_published(art(text=text), text) == (None, "unknown")


def test_source_url_is_used_when_no_url():
    a = Article(id="a", source="https://news.example/2020/01/05/rockets", text=TEXT)
    assert pub.find_published(a, TEXT) == (PartialDate(2020, 1, 5), "url")


def test_impossible_header_date_is_dropped_without_a_date():
    text = "date 2021-02-30 Des tirs ont visé la base."
    assert pub.split_date_header(text) == (None, "Des tirs ont visé la base.")
    assert pub.find_published(art(text=text), text) == (None, "unknown")
