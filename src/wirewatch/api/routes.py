"""Read-only routes: events, clusters, articles, actors, places, figures, contradictions, stats."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool

from wirewatch.api import queries
from wirewatch.api.attribution import attribute
from wirewatch.api.errors import ApiError
from wirewatch.api.params import MAX_LIMIT, event_filters, page, parse_countries, parse_day, parse_sort
from wirewatch.api.queries import EventFilters

router = APIRouter(prefix="/api")

#: Ids are content hashes (16 hex characters today); 64 is the column width in the schema.
MAX_ID = 64


def _id() -> Path:
    # A fresh Path() per route: FastAPI binds the parameter name into the object it is given.
    return Path(..., min_length=1, max_length=MAX_ID)


def connection(request: Request) -> Iterator[Connection]:
    """FastAPI dependency: one connection per request, from the app's store engine."""
    with request.app.state.engine.connect() as conn:
        yield conn


#: Shared dependency markers (module-level, so no call sits in an argument default; a `Depends`
#: holds no per-route state, unlike the `Path` of `_id`).
CONN = Depends(connection)
FILTERS = Depends(event_filters)
PAGE = Depends(page)


def _not_found(kind: str, ident: str) -> ApiError:
    return ApiError(404, "not-found", f"no {kind} with id {ident!r}; list them with GET /api/{kind}s")


def _events_page(engine, f: EventFilters, sort: str, limit: int, offset: int) -> dict:
    with engine.connect() as conn:
        rows = queries.list_events(conn, f, sort, limit, offset)
        # A short, non-empty page (or an empty first page) is the end of the matches: the total is
        # known without counting. Otherwise count, which is the costly half on broad filters.
        if len(rows) < limit and (rows or offset == 0):
            total, exact = offset + len(rows), True
        else:
            total, exact = queries.count_events(conn, f)
    return {"total": total, "total_exact": exact, "limit": limit, "offset": offset, "sort": sort, "events": rows}


@router.get("/events", summary="Events, filtered, sorted and paginated")
async def list_events(
    request: Request,
    f: EventFilters = FILTERS,
    pg: tuple[int, int] = PAGE,
    sort: str = Query("-date", description=f"one of {', '.join(queries.SORTS)}"),
) -> JSONResponse:
    """`{"total", "total_exact", "limit", "offset", "sort", "events": [...]}`.

    `total` counts every match when only indexed filters (country, type, dates, cluster, doc_id)
    are given; with a scanning filter (text, actor, admin1, subtype, background, located) it stops
    at `SCAN_COUNT_CAP` and `total_exact` is false ("more than 1000")."""
    sort = parse_sort(sort)
    # The hot route: one worker-thread hop for all the database work (a sync endpoint with a
    # connection dependency costs three), and a JSONResponse of plain JSON types skips FastAPI's
    # per-field encoder.
    body = await run_in_threadpool(_events_page, request.app.state.engine, f, sort, *pg)
    return JSONResponse(body)


@router.get("/timeline", summary="Event counts by month and type (for the timeline)")
def timeline(f: EventFilters = FILTERS, conn: Connection = CONN) -> dict:
    return {"buckets": queries.timeline(conn, f)}


@router.get("/events/{event_id}", summary="One event: all fields, provenance, reports, contradictions")
def get_event(event_id: str = _id(), conn: Connection = CONN) -> dict:
    """The event, the spans of each field, its reports (cluster members with their article) and the
    contradictions recorded for it or its cluster."""
    ev = queries.get_event(conn, event_id)
    if ev is None:
        raise _not_found("event", event_id)
    reports = queries.reports_of(conn, ev)
    ev["provenance"] = queries.provenance_of(conn, event_id)
    ev["reports"] = reports
    ev["cluster_summary"] = queries.get_cluster(conn, ev["cluster"]) if ev["cluster"] else None
    refs = [event_id] + ([ev["cluster"]] if ev["cluster"] else [])
    ev["contradictions"] = attribute(conn, queries.contradictions_of(conn, refs))
    return ev


@router.get("/clusters", summary="Clusters: reports of the same happening")
def list_clusters(
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    type: str | None = None,
    pg: tuple[int, int] = PAGE,
    conn: Connection = CONN,
) -> dict:
    from wirewatch.api.params import parse_types

    f = EventFilters(since=parse_day("since", since, end=False), until=parse_day("until", until, end=True),
                     country=parse_countries(country), type=parse_types(type))
    total, rows = queries.list_clusters(conn, f, *pg)
    return {"total": total, "limit": pg[0], "offset": pg[1], "clusters": rows}


@router.get("/clusters/{cluster_id}", summary="One cluster and its member events")
def get_cluster(cluster_id: str = _id(), conn: Connection = CONN) -> dict:
    c = queries.get_cluster(conn, cluster_id)
    if c is None:
        raise _not_found("cluster", cluster_id)
    c["events"] = queries.list_events(conn, EventFilters(cluster=cluster_id), "date", MAX_LIMIT, 0)
    c["contradictions"] = attribute(conn, queries.contradictions_of(conn, [cluster_id]))
    return c


@router.get("/articles/{article_id}", summary="An article's stored text with the spans of its events")
def get_article(article_id: str = _id(), conn: Connection = CONN) -> dict:
    a = queries.get_article(conn, article_id)
    if a is None:
        raise ApiError(404, "not-found", f"no article with id {article_id!r}")
    return a


@router.get("/actors", summary="Actors with their number of events")
def list_actors(
    q: str | None = Query(None, max_length=200, description="substring of the name"),
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    conn: Connection = CONN,
) -> dict:
    return {"actors": queries.list_actors(conn, q, limit)}


@router.get("/places", summary="Places with coordinates and their number of events")
def list_places(
    f: EventFilters = FILTERS,
    q: str | None = Query(None, max_length=200, description="substring of the place name"),
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    conn: Connection = CONN,
) -> dict:
    return {"places": queries.list_places(conn, f, q, limit)}


@router.get("/figures", summary="Figures (troop numbers, rocket counts...) with their sources")
def list_figures(
    quantity: str | None = Query(None, max_length=40, description="e.g. troops, rockets"),
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    pg: tuple[int, int] = PAGE,
    conn: Connection = CONN,
) -> dict:
    total, rows = queries.list_figures(
        conn, quantity, parse_countries(country), parse_day("since", since, end=False),
        parse_day("until", until, end=True), *pg)
    return {"total": total, "limit": pg[0], "offset": pg[1], "quantities": queries.figure_quantities(conn),
            "figures": rows}


@router.get("/contradictions", summary="Fields on which sentences or reports disagree")
def list_contradictions(
    scope: str | None = Query(None, pattern="^(event|cluster)$"),
    field: str | None = Query(None, max_length=40),
    pg: tuple[int, int] = PAGE,
    conn: Connection = CONN,
) -> dict:
    total, rows = queries.list_contradictions(conn, scope, field, *pg)
    attribute(conn, rows)
    return {"total": total, "limit": pg[0], "offset": pg[1], "contradictions": rows}


@router.get("/stats", summary="Counts, date range, countries and types in the store")
def stats(request: Request, conn: Connection = CONN) -> dict:
    out = queries.stats(conn)
    out["writes_enabled"] = bool(request.app.state.token)
    return out
