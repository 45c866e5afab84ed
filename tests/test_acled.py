"""ACLED rows as gold, and row-level scoring, on fictional rows written for these tests."""

from __future__ import annotations

import csv

import pytest

from wirewatch.errors import EvaluationError
from wirewatch.evaluation.acled import (
    NO_EVENT,
    clean_notes,
    load_acled,
    score_acled,
    weighted_f1,
)
from wirewatch.evaluation.compare import Knowledge

COLUMNS = ["event_id_cnty", "event_date_iso", "event_type", "sub_event_type", "actor1", "actor2",
           "country", "admin1", "location", "latitude", "longitude", "fatalities", "notes"]


def _row(**kw) -> dict:
    base = {"event_id_cnty": "XYZ1", "event_date_iso": "2021-05-02", "event_type": "Battles",
            "sub_event_type": "Armed clash", "actor1": "Military Forces of Syria (2000-)",
            "actor2": "Unidentified Armed Group (Syria)", "country": "Syria", "admin1": "Idleb",
            "location": "Exampletown", "latitude": "35.90", "longitude": "36.60", "fatalities": "0",
            "notes": "On 2 May 2021, soldiers clashed with gunmen near Exampletown. [size=no report]"}
    base.update(kw)
    return base


@pytest.fixture
def acled_csv(tmp_path):
    path = tmp_path / "acled.csv"
    rows = [_row(), _row(event_id_cnty="XYZ2", event_type="Protests", sub_event_type="Peaceful protest",
                         actor1="Protesters (Syria)", actor2="", fatalities="0",
                         notes="On 2 May 2021, residents protested against fuel prices in Exampletown.")]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_clean_notes_strips_size_tags():
    assert clean_notes("Two men were shot. [size=around 20]") == "Two men were shot."


def test_rows_become_one_document_with_one_event(acled_csv):
    docs = load_acled(acled_csv)
    assert len(docs) == 2
    d = docs[0]
    assert d.lang == "en" and d.published == "2021-05-02" and "[size" not in d.text
    e = d.events[0]
    assert e["type"] == "Battles" and e["subtype"] == "Armed clash" and e["lat"] == 35.9
    assert e["country"] == "SY" and e["fatalities"] == 0
    assert docs[1].events[0]["actor2"] is None


def test_limit_draws_a_reproducible_sample(acled_csv):
    a = load_acled(acled_csv, limit=1, seed=3)
    b = load_acled(acled_csv, limit=1, seed=3)
    assert len(a) == 1 and a[0].id == b[0].id


def test_not_an_acled_file(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(EvaluationError):
        load_acled(bad)


def _pred(**kw) -> dict:
    base = {"type": "Battles", "subtype": "Armed clash", "date": "2021-05-02", "place": "Exampletown",
            "admin1": "Idlib", "country": "SY", "lat": 35.95, "lon": 36.62,
            "actor1": "Military Forces of Syria", "actor2": None, "fatalities": None, "background": False}
    base.update(kw)
    return base


def test_row_scoring_conventions(acled_csv):
    gold = load_acled(acled_csv)
    kb = Knowledge(None, None)
    predicted = [
        {"id": gold[0].id, "events": [_pred(type="Protests", subtype="Peaceful protest"), _pred()]},
        {"id": gold[1].id, "events": []},
    ]
    report = score_acled(predicted, gold, knowledge=kb)
    m = report.metrics()
    assert m["coverage"] == 0.5 and m["recall"] == 0.5
    # the best event of row 1 is the battle; its null fatalities stand for ACLED's coded 0
    assert m["type_given_event"] == 1.0 and m["fatalities"] == 0.5 and m["actor1"] == 0.5
    assert m["location_25km"] == 0.5 and m["date"] == 0.5
    assert report.confusion()[("Peaceful protest", NO_EVENT)] == 1


def test_stated_fatalities_must_equal_acled(acled_csv):
    gold = load_acled(acled_csv)[:1]
    report = score_acled([{"id": gold[0].id, "events": [_pred(fatalities=3)]}], gold,
                         knowledge=Knowledge(None, None))
    assert report.metrics()["fatalities"] == 0.0


def test_far_location_is_wrong(acled_csv):
    gold = load_acled(acled_csv)[:1]
    report = score_acled([{"id": gold[0].id, "events": [_pred(lat=36.9, lon=36.6)]}], gold,
                         knowledge=Knowledge(None, None))
    assert report.metrics()["location_25km"] == 0.0


def test_weighted_f1():
    assert weighted_f1([("a", "a"), ("b", "b")]) == 1.0
    # label a: P=1/2 R=1 F=2/3 (support 1); label b: P=0 R=0 (support 1)
    assert weighted_f1([("a", "a"), ("b", "a")]) == pytest.approx(1 / 3)


def test_a_governorate_level_event_is_compared_by_the_capital_point_it_carries(acled_csv):
    """ACLED's geo-precision 3: an event known only by its governorate sits at the capital."""
    gold = load_acled(acled_csv)[:1]
    kb = Knowledge(None, None)
    at_capital = _pred(place="Idlib", geo_precision="admin1", lat=35.93, lon=36.63)
    far_point = _pred(place="Idlib", geo_precision="admin1", lat=35.5, lon=36.0)
    country_only = _pred(place=None, admin1=None, geo_precision="country", lat=35.0, lon=38.5)
    assert score_acled([{"id": gold[0].id, "events": [at_capital]}], gold, knowledge=kb).metrics()["location_25km"] == 1.0
    assert score_acled([{"id": gold[0].id, "events": [far_point]}], gold, knowledge=kb).metrics()["location_25km"] == 0.0
    assert score_acled([{"id": gold[0].id, "events": [country_only]}], gold, knowledge=kb).metrics()["location_25km"] == 0.0
