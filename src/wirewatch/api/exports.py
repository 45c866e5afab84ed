"""`/api/export.csv` (ACLED column names and order) and `/api/export.geojson`.

The rows come from `wirewatch.exports` (the same columns as `wirewatch export`), which also
neutralises cells a spreadsheet would run as a formula (`exports.inert_cell`, one place for the
CLI and the API).
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from wirewatch import exports
from wirewatch.api import queries
from wirewatch.api.params import event_filters, parse_sort
from wirewatch.api.queries import EventFilters

router = APIRouter(prefix="/api")
#: The filters dependency, a module-level marker (no call in an argument default).
FILTERS = Depends(event_filters)

#: Re-exported for callers that imported the guard from here before it moved to `wirewatch.exports`.
inert_cell = exports.inert_cell


def _rows(request: Request, f: EventFilters, sort: str) -> list[dict]:
    # Read everything in the request's worker thread: a streaming generator would be resumed on
    # other threads, which SQLite connections refuse.
    with request.app.state.engine.connect() as conn:
        return list(queries.iter_events(conn, f, sort))


@router.get("/export.csv", summary="Matching events as CSV in ACLED column names and order")
def export_csv(request: Request, f: EventFilters = FILTERS,
               sort: str = Query("date")) -> StreamingResponse:
    sort = parse_sort(sort)
    return StreamingResponse(exports.iter_csv(_rows(request, f, sort)), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="wirewatch-events.csv"'})


@router.get("/export.geojson", summary="Located matching events as a GeoJSON FeatureCollection")
def export_geojson(request: Request, f: EventFilters = FILTERS,
                   sort: str = Query("date")) -> StreamingResponse:
    sort = parse_sort(sort)
    body = json.dumps(exports.to_geojson(_rows(request, f, sort)), ensure_ascii=False)
    return StreamingResponse(
        iter([body]), media_type="application/geo+json",
        headers={"Content-Disposition": 'attachment; filename="wirewatch-events.geojson"'})
