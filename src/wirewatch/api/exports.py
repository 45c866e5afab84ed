"""`/api/export.csv` (ACLED column names and order) and `/api/export.geojson`, streamed.

Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) are
prefixed with `'`: article text is untrusted and an analyst opens these files in Excel.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from wirewatch.api import queries
from wirewatch.api.params import event_filters, parse_sort
from wirewatch.api.queries import EventFilters

router = APIRouter(prefix="/api")

#: ACLED columns we can fill, in ACLED's order, then wirewatch's own columns.
#: `country` holds the ISO alpha-2 code (ACLED writes the name), `notes` the evidence sentence.
CSV_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
    "injured", "background", "cluster", "date_basis", "doc_id",
)
#: ACLED time_precision: 1 day, 2 week, 3 month or coarser.
_TIME_PRECISION = {10: 1, 7: 3, 4: 3}
#: ACLED geo_precision: 1 the exact town, 2 near it / a district, 3 a region / admin1 or coarser.
_GEO_PRECISION = {"site": 1, "town": 1, "district": 2, "admin1": 3, "country": 3, "region": 3}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Rows fetched per database round-trip while streaming.
_STREAM_CHUNK = 500


def _cell(v):
    if isinstance(v, str) and v.startswith(_FORMULA_START):
        return "'" + v
    return "" if v is None else v


def acled_row(e: dict) -> list:
    d = e["date"] or ""
    return [_cell(v) for v in (
        e["id"], d, d[:4], _TIME_PRECISION.get(len(d), ""), e["type"], e["subtype"],
        e["actor1"], e["actor2"], e["country"], e["admin1"], e["place"], e["lat"], e["lon"],
        _GEO_PRECISION.get(e["geo_precision"] or "", ""), e["doc_id"], e["evidence"], e["fatalities"],
        e["injured"], int(e["background"]), e["cluster"], e["date_basis"], e["doc_id"],
    )]


def _rows(request: Request, f: EventFilters, sort: str) -> list[dict]:
    # Read everything in the request's worker thread: a streaming generator would be resumed on
    # other threads, which SQLite connections refuse.
    with request.app.state.engine.connect() as conn:
        return list(queries.iter_events(conn, f, sort))


def _csv(rows) -> Iterator[str]:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for i, e in enumerate(rows, 1):
        w.writerow(acled_row(e))
        if i % _STREAM_CHUNK == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _geojson(rows) -> Iterator[str]:
    yield '{"type":"FeatureCollection","features":['
    first = True
    for e in rows:
        if e["lat"] is None or e["lon"] is None:
            continue
        props = {k: v for k, v in e.items() if k not in ("lat", "lon")}
        feat = {"type": "Feature", "id": e["id"], "properties": props,
                "geometry": {"type": "Point", "coordinates": [e["lon"], e["lat"]]}}
        yield ("" if first else ",") + json.dumps(feat, ensure_ascii=False)
        first = False
    yield "]}"


@router.get("/export.csv", summary="Matching events as CSV in ACLED column names and order")
def export_csv(request: Request, f: EventFilters = Depends(event_filters),
               sort: str = Query("date")) -> StreamingResponse:
    sort = parse_sort(sort)
    return StreamingResponse(_csv(_rows(request, f, sort)), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="wirewatch-events.csv"'})


@router.get("/export.geojson", summary="Located matching events as a GeoJSON FeatureCollection")
def export_geojson(request: Request, f: EventFilters = Depends(event_filters),
                   sort: str = Query("date")) -> StreamingResponse:
    sort = parse_sort(sort)
    return StreamingResponse(
        _geojson(_rows(request, f, sort)), media_type="application/geo+json",
        headers={"Content-Disposition": 'attachment; filename="wirewatch-events.geojson"'})
