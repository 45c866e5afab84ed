"""`/api/export.csv` (ACLED column names and order) and `/api/export.geojson`.

The rows come from `wirewatch.exports` (the same columns as `wirewatch export`). At this edge,
cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) get a `'`
prefix: article text is untrusted and analysts open these files in Excel (OWASP CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from wirewatch import exports
from wirewatch.api import queries
from wirewatch.api.params import event_filters, parse_sort
from wirewatch.api.queries import EventFilters

router = APIRouter(prefix="/api")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Rows written per chunk of the streamed body.
_STREAM_CHUNK = 500


def inert_cell(value):
    """The value, with a leading `'` when a spreadsheet would read it as a formula. Numbers
    (negative longitudes included) are left alone: only text can carry a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def _rows(request: Request, f: EventFilters, sort: str) -> list[dict]:
    # Read everything in the request's worker thread: a streaming generator would be resumed on
    # other threads, which SQLite connections refuse.
    with request.app.state.engine.connect() as conn:
        return list(queries.iter_events(conn, f, sort))


def _csv(rows: list[dict]) -> Iterator[str]:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(exports.CSV_COLUMNS)
    for i, e in enumerate(rows, 1):
        row = exports.acled_row(e)
        w.writerow([inert_cell(row.get(c)) for c in exports.CSV_COLUMNS])
        if i % _STREAM_CHUNK == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


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
    body = json.dumps(exports.to_geojson(_rows(request, f, sort)), ensure_ascii=False)
    return StreamingResponse(
        iter([body]), media_type="application/geo+json",
        headers={"Content-Disposition": 'attachment; filename="wirewatch-events.geojson"'})
