"""Exports parse back: CSV in ACLED's column order, valid GeoJSON, readable Parquet."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from store_factories import document, event

from wirewatch import exports
from wirewatch.model import Extraction, PartialDate
from wirewatch.store import Store

ACLED_ORDER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
OURS = ["wirewatch_id", "cluster_id", "injured", "background", "date_basis", "confidence"]


@pytest.fixture
def store():
    doc = document(1)
    located = event(doc, 0)  # Iraq, day precision, site, fatalities 0
    vague = event(
        doc, 1, date=PartialDate(2024, 2), date_basis="explicit", place=None, admin1=None, lat=None, lon=None,
        geo_precision="country", fatalities=None, type="Violence against civilians", subtype="Attack",
        actor2="Civilians (Iraq)", country="SY",
    )  # fmt: skip
    s = Store.open(":memory:")
    s.save_batch([Extraction(doc, (located, vague))])
    yield s
    s.close()


def rows_of(store) -> dict[str, dict]:
    return {r["id"]: r for r in store.query_events(limit=None)}


def test_csv_header_is_acled_order_then_ours(store):
    buf = io.StringIO()
    n = exports.write_csv(store.query_events(limit=None), buf)
    buf.seek(0)
    reader = csv.DictReader(buf)
    assert reader.fieldnames == ACLED_ORDER + OURS
    rows = list(reader)
    assert n == len(rows) == 2


def test_csv_values_come_from_our_fields(store):
    by_id = {r["wirewatch_id"]: r for r in (exports.acled_row(e) for e in store.query_events(limit=None))}
    doc = document(1)
    located, vague = by_id[event(doc, 0).id], by_id[event(doc, 1).id]
    assert located["country"] == "Iraq" and located["iso"] == 368 and located["region"] == "Middle East"
    assert located["time_precision"] == 1 and located["geo_precision"] == 1
    assert located["event_date"] == "2024-03-04" and located["year"] == 2024
    assert located["notes"] == event(doc, 0).evidence
    assert located["source"] == doc.url
    assert located["disorder_type"] == "Political violence"
    assert located["inter1"] == 3 and located["inter2"] == 1 and located["interaction"] == 13
    assert located["fatalities"] == 0 and located["injured"] == 2
    assert vague["time_precision"] == 3 and vague["geo_precision"] == 3
    assert vague["fatalities"] is None  # unknown stays empty, never 0
    assert vague["civilian_targeting"] == "Civilian targeting" and vague["inter2"] == 7
    assert vague["country"] == "Syria"


def test_time_precision_of_inferred_day_is_two():
    assert exports.time_precision("2024-03-04", "inferred") == 2
    assert exports.time_precision("2024", "explicit") == 3
    assert exports.time_precision(None, None) is None


def test_geojson_is_a_valid_feature_collection_of_located_events(store):
    fc = json.loads(json.dumps(exports.to_geojson(store.query_events(limit=None))))
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == 1  # the unlocated event has no point
    f = fc["features"][0]
    assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
    lon, lat = f["geometry"]["coordinates"]
    assert (lat, lon) == (f["properties"]["lat"], f["properties"]["lon"]) == (33.8, 42.44)
    for key in ("id", "type", "subtype", "date", "place", "actor1", "fatalities", "evidence", "url"):
        assert key in f["properties"]


def test_parquet_reads_back(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert exports.write_parquet(store.query_events(limit=None), path) == 2
    table = pq.read_table(path)
    assert table.column_names == ACLED_ORDER + OURS
    assert table.num_rows == 2
    assert sorted(v for v in table.column("fatalities").to_pylist() if v is not None) == [0]
    assert str(table.schema.field("latitude").type) == "double"


def test_empty_parquet_keeps_columns(tmp_path):
    path = tmp_path / "none.parquet"
    exports.write_parquet([], path)
    assert pq.read_table(path).column_names == ACLED_ORDER + OURS


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_export_to_file_with_filter(store, tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    n = exports.export(store, fmt, path, country="IQ")
    assert n == 1
    if fmt == "csv":
        assert len(list(csv.DictReader(path.open(encoding="utf-8")))) == 1
    elif fmt == "geojson":
        assert len(json.loads(path.read_text(encoding="utf-8"))["features"]) == 1
    else:
        assert pq.read_table(path).num_rows == 1


def test_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(exports.WirewatchError, match="unknown export format"):
        exports.export(store, "xlsx", tmp_path / "x")


def test_country_names():
    assert exports.country_name("fr") == "France"
    assert exports.country_name("ZZ") == "ZZ"
    assert exports.country_name(None) is None


# --- issue: CSV injection in `wirewatch export` (only the API neutralised formula cells) ---------

FORMULAS = ("=HYPERLINK(\"http://x.example\")", "+1+2", "-3+4", "@SUM(A1)", "\tTab first", "\rCR first")


@pytest.mark.parametrize("payload", FORMULAS)
def test_cli_csv_export_neutralises_formula_cells(tmp_path, payload):
    """CSV injection: `wirewatch export --format csv` wrote article text starting with =, +, -, @,
    tab or CR as is, so Excel ran it; every text cell must come out with a leading quote."""
    doc = document(7)
    ev = event(doc, 0, actor1=payload, place=payload, lon=-12.5, lat=-3.25)
    with Store.open(":memory:") as s:
        s.save_batch([Extraction(doc, (ev,))])
        path = tmp_path / "out.csv"
        assert exports.export(s, "csv", path) == 1
    with open(path, encoding="utf-8", newline="") as fh:
        (row,) = csv.DictReader(fh)
    assert row["actor1"] == "'" + payload
    assert row["location"] == "'" + payload
    # numbers stay numbers: a negative longitude is not text and gets no quote
    assert row["longitude"] == "-12.5" and row["latitude"] == "-3.25"
    assert all(not v.startswith(exports.FORMULA_START) for v in row.values() if not _is_number(v))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_api_and_cli_csv_are_the_same_bytes(store):
    """One guard for both edges: the API's streamed CSV equals `write_csv`'s output."""
    buf = io.StringIO()
    exports.write_csv(store.query_events(limit=None, sort="date"), buf)
    streamed = "".join(exports.iter_csv(store.query_events(limit=None, sort="date"), chunk=1))
    assert streamed == buf.getvalue()


@pytest.mark.parametrize("value,expected", [("=1", "'=1"), ("\t1", "'\t1"), ("\r1", "'\r1"), ("Mosul", "Mosul"),
                                            (-44.1, -44.1), (0, 0), (None, ""), (False, False)])
def test_inert_cell_leaves_numbers_and_plain_text(value, expected):
    """CSV injection guard: only text starting with a formula character changes."""
    assert exports.inert_cell(value) == expected


def test_csv_cell_with_carriage_return_stays_one_row(tmp_path):
    """CSV row splitting: a CR inside article text (not at the start) was written unquoted with a
    "\\n" line end, so readers saw two rows; the cell must come back intact."""
    doc = document(8)
    ev = event(doc, 0, actor2="Police\rForces", place="Line one\nline two")
    with Store.open(":memory:") as s:
        s.save_batch([Extraction(doc, (ev,))])
        path = tmp_path / "out.csv"
        exports.export(s, "csv", path)
    with open(path, encoding="utf-8", newline="") as fh:
        (row,) = csv.DictReader(fh)
    assert row["actor2"] == "Police\rForces" and row["location"] == "Line one\nline two"
