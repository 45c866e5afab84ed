"""Read queries of the API, in SQLAlchemy Core over the tables of `store/schema.py`.

Every function takes a `Connection` and returns plain dicts (the API edge), never ORM objects.
Filters are parsed and validated by `routes`; here they are trusted values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, and_, func, or_, select, union_all

from wirewatch.store.schema import articles, clusters, contradictions, events, figures, provenance

E = events.c

#: API sort keys -> (column, descending). `date` sorts by the first day the date covers; ties are
#: broken by id in the same direction, so `ix_events_date (date_first, id)` serves the whole
#: ORDER BY and SQLite stops at the page. Undated events (NULL) sort last either way.
SORTS = {
    "date": (E.date_first, False),
    "-date": (E.date_first, True),
    "fatalities": (E.fatalities, False),
    "-fatalities": (E.fatalities, True),
    "injured": (E.injured, False),
    "-injured": (E.injured, True),
    "country": (E.country, False),
    "-country": (E.country, True),
    "type": (E.type, False),
    "-type": (E.type, True),
    "confidence": (E.confidence, False),
    "-confidence": (E.confidence, True),
}


@dataclass(frozen=True, slots=True)
class EventFilters:
    """The filters of `GET /api/events` and the exports. `None` means "no filter"."""

    since: str | None = None  # ISO day: events whose date could fall on or after it
    until: str | None = None  # ISO day: events whose date could fall on or before it
    country: tuple[str, ...] = ()
    admin1: str | None = None
    type: tuple[str, ...] = ()
    subtype: str | None = None
    actor: str | None = None  # substring of actor1 or actor2, case-insensitive
    text: str | None = None  # substring of the evidence sentence or the place, case-insensitive
    background: bool | None = None
    cluster: str | None = None
    doc_id: str | None = None
    located: bool | None = None  # only events with (or without) coordinates


#: The longest stretch a partial date covers (a year, leap or not). An event whose date can fall
#: on or after `since` starts at most this many days before it: stating that lets the date index
#: bound the scan from both sides.
MAX_PARTIAL_DATE_DAYS = 366


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _ilike(col, value: str, dialect: str):
    # SQLite's LIKE is already case-insensitive (ASCII letters) and twice as fast without lower();
    # elsewhere ILIKE. Accented capitals only fold on PostgreSQL.
    if dialect == "sqlite":
        return col.like(_like(value), escape="\\")
    return col.ilike(_like(value), escape="\\")


def event_conditions(f: EventFilters, dialect: str = "sqlite") -> list:
    """SQL conditions for the filters (a partial date overlaps the [since, until] window)."""
    cond = []
    if f.since:
        earliest = date.fromisoformat(f.since) - timedelta(days=MAX_PARTIAL_DATE_DAYS)
        cond.append(E.date_last >= f.since)
        cond.append(E.date_first >= earliest.isoformat())
    if f.until:
        cond.append(E.date_first <= f.until)
    if f.country:
        cond.append(E.country.in_(f.country))
    if f.admin1:
        cond.append(func.lower(E.admin1) == f.admin1.lower())
    if f.type:
        cond.append(E.type.in_(f.type))
    if f.subtype:
        cond.append(E.subtype == f.subtype)
    if f.actor:
        cond.append(or_(_ilike(E.actor1, f.actor, dialect), _ilike(E.actor2, f.actor, dialect)))
    if f.text:
        cond.append(or_(_ilike(E.evidence, f.text, dialect), _ilike(E.place, f.text, dialect)))
    if f.background is not None:
        cond.append(E.background.is_(f.background))
    if f.cluster:
        cond.append(E.cluster_id == f.cluster)
    if f.doc_id:
        cond.append(E.doc_id == f.doc_id)
    if f.located is not None:
        cond.append(E.lat.is_not(None) if f.located else E.lat.is_(None))
    return cond


def event_row(row) -> dict:
    """One events row as the EVENT of EVENT_SCHEMA.md (plus `doc_id` and the evidence span)."""
    m = row._mapping
    out = {
        "id": m["id"],
        "doc_id": m["doc_id"],
        "type": m["type"],
        "subtype": m["subtype"],
        "date": m["date"],
        "date_basis": m["date_basis"],
        "place": m["place"],
        "admin1": m["admin1"],
        "country": m["country"],
        "lat": m["lat"],
        "lon": m["lon"],
        "geo_precision": m["geo_precision"],
        "actor1": m["actor1"],
        "actor2": m["actor2"],
        "fatalities": m["fatalities"],
        "injured": m["injured"],
        "background": bool(m["background"]),
        "confidence": m["confidence"],
        "cluster": m["cluster_id"],
        "evidence": m["evidence"],
        "span": {"start": m["span_start"], "end": m["span_end"]},
    }
    return out


def _where(conn: Connection, f: EventFilters):
    return and_(True, *event_conditions(f, conn.dialect.name))


def _order(sort: str) -> list:
    col, desc = SORTS[sort]
    if desc:
        return [col.desc().nulls_last(), E.id.desc()]
    return [col.asc().nulls_last(), E.id.asc()]


#: Filters no index serves: counting their matches reads every candidate row. Their count stops
#: at `SCAN_COUNT_CAP` (Elasticsearch's `track_total_hits` does the same at 10,000).
SCANNING_FILTERS = ("admin1", "subtype", "actor", "text", "background", "located")
#: 1,000 keeps a free-text count near 10 ms on 100k events (bench/api.py) and is more than a
#: reader pages through; the exports return every match.
SCAN_COUNT_CAP = 1000


def count_events(conn: Connection, f: EventFilters) -> tuple[int, bool]:
    """(number of matches, exact?). Exact for indexed filters; capped when a filter scans."""
    if not any(getattr(f, name) not in (None, ()) for name in SCANNING_FILTERS):
        return conn.execute(select(func.count()).select_from(events).where(_where(conn, f))).scalar_one(), True
    capped = select(E.id).where(_where(conn, f)).limit(SCAN_COUNT_CAP + 1).subquery()
    n = conn.execute(select(func.count()).select_from(capped)).scalar_one()
    return min(n, SCAN_COUNT_CAP), n <= SCAN_COUNT_CAP


def list_events(conn: Connection, f: EventFilters, sort: str = "-date", limit: int = 50,
                offset: int = 0) -> list[dict]:
    """One page of events matching the filters, in the requested order (ties broken by id)."""
    q = select(events).where(_where(conn, f)).order_by(*_order(sort)).limit(limit).offset(offset)
    return [event_row(r) for r in conn.execute(q)]


def iter_events(conn: Connection, f: EventFilters, sort: str = "date"):
    """Every matching event (for exports) with its article's `url`, `source` and `ingested_at`,
    plus `cluster_id`: the keys `wirewatch.exports.acled_row` reads."""
    A = articles.c
    q = (select(events, A.url, A.source, A.ingested_at).join(articles, A.id == E.doc_id)
         .where(_where(conn, f)).order_by(*_order(sort)))
    for r in conn.execution_options(yield_per=1000).execute(q):
        out = event_row(r)
        out.update(cluster_id=out["cluster"], url=r.url, source=r.source, ingested_at=r.ingested_at)
        yield out


def timeline(conn: Connection, f: EventFilters) -> list[dict]:
    """Counts of dated events by month and type (month = first 7 characters of `date_first`)."""
    month = func.substr(E.date_first, 1, 7)
    q = (select(month.label("month"), E.type, func.count().label("n"),
                func.coalesce(func.sum(E.fatalities), 0).label("fatalities"))
         .where(and_(E.date_first.is_not(None), _where(conn, f)))
         .group_by(month, E.type).order_by(month))
    return [{"month": r.month, "type": r.type, "n": r.n, "fatalities": r.fatalities} for r in conn.execute(q)]


def get_event(conn: Connection, event_id: str) -> dict | None:
    row = conn.execute(select(events).where(E.id == event_id)).first()
    return event_row(row) if row else None


def provenance_of(conn: Connection, event_id: str) -> dict:
    """Field name -> span of its evidence, for one event."""
    q = select(provenance).where(provenance.c.event_id == event_id).order_by(provenance.c.start)
    return {r.field: {"start": r.start, "end": r.end} for r in conn.execute(q)}


def contradiction_row(row) -> dict:
    try:
        values = json.loads(row.values_json)
    except (TypeError, ValueError):
        values = []
    return {"id": row.id, "scope": row.scope, "ref_id": row.ref_id, "field": row.field,
            "values": values, "note": row.note}


def contradictions_of(conn: Connection, ref_ids: list[str]) -> list[dict]:
    if not ref_ids:
        return []
    q = select(contradictions).where(contradictions.c.ref_id.in_(ref_ids)).order_by(contradictions.c.field)
    return [contradiction_row(r) for r in conn.execute(q)]


def article_summary(row) -> dict:
    m = row._mapping
    return {"id": m["id"], "source": m["source"], "url": m["url"], "title": m["title"],
            "lang": m["lang"], "published": m["published"], "published_basis": m["published_basis"]}


def reports_of(conn: Connection, event: dict) -> list[dict]:
    """The events reporting the same happening (the cluster members, else the event alone)."""
    if event["cluster"]:
        q = select(events).where(E.cluster_id == event["cluster"]).order_by(E.date_first, E.id)
        members = [event_row(r) for r in conn.execute(q)]
    else:
        members = [dict(event)]  # a copy: the caller adds `reports` to `event` itself
    doc_ids = sorted({m["doc_id"] for m in members})
    docs = {r.id: article_summary(r) for r in conn.execute(
        select(articles.c.id, articles.c.source, articles.c.url, articles.c.title, articles.c.lang,
               articles.c.published, articles.c.published_basis).where(articles.c.id.in_(doc_ids)))}
    return [{"event": m, "article": docs.get(m["doc_id"])} for m in members]


def get_cluster(conn: Connection, cluster_id: str) -> dict | None:
    row = conn.execute(select(clusters).where(clusters.c.id == cluster_id)).first()
    return cluster_row(row) if row else None


def cluster_row(row) -> dict:
    d = dict(row._mapping)
    d["background_only"] = bool(d["background_only"])
    return d


def list_clusters(conn: Connection, f: EventFilters, limit: int, offset: int) -> tuple[int, list[dict]]:
    C = clusters.c
    cond = []
    if f.since:
        cond.append(C.date_last >= f.since)
    if f.until:
        cond.append(C.date_first <= f.until)
    if f.country:
        cond.append(C.country.in_(f.country))
    if f.type:
        cond.append(C.type.in_(f.type))
    where = and_(True, *cond)
    total = conn.execute(select(func.count()).select_from(clusters).where(where)).scalar_one()
    q = (select(clusters).where(where)
         .order_by(C.date_first.is_(None), C.date_first.desc(), C.id).limit(limit).offset(offset))
    return total, [cluster_row(r) for r in conn.execute(q)]


def get_article(conn: Connection, article_id: str) -> dict | None:
    row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
    if row is None:
        return None
    out = article_summary(row)
    out["text"] = row.text
    out["events"] = [
        {"id": r.id, "type": r.type, "subtype": r.subtype, "cluster": r.cluster_id,
         "span": {"start": r.span_start, "end": r.span_end}}
        for r in conn.execute(select(E.id, E.type, E.subtype, E.cluster_id, E.span_start, E.span_end)
                              .where(E.doc_id == article_id).order_by(E.span_start))
    ]
    F = figures.c
    out["figures"] = [
        {"id": r.id, "quantity": r.quantity, "value": r.value,
         "span": {"start": r.span_start, "end": r.span_end}}
        for r in conn.execute(select(F.id, F.quantity, F.value, F.span_start, F.span_end)
                              .where(F.doc_id == article_id).order_by(F.span_start))
    ]
    return out


def list_actors(conn: Connection, q: str | None, limit: int) -> list[dict]:
    """Actor names with the number of events they appear in (as actor1 or actor2)."""
    a1 = select(E.actor1.label("name")).where(E.actor1.is_not(None))
    a2 = select(E.actor2.label("name")).where(E.actor2.is_not(None))
    u = union_all(a1, a2).subquery()
    stmt = select(u.c.name, func.count().label("n")).group_by(u.c.name)
    if q:
        stmt = stmt.where(_ilike(u.c.name, q, conn.dialect.name))
    stmt = stmt.order_by(func.count().desc(), u.c.name).limit(limit)
    return [{"name": r.name, "events": r.n} for r in conn.execute(stmt)]


def list_places(conn: Connection, f: EventFilters, q: str | None, limit: int) -> list[dict]:
    """Places events happened at, with coordinates and counts."""
    cond = [E.place.is_not(None), _where(conn, f)]
    if q:
        cond.append(_ilike(E.place, q, conn.dialect.name))
    stmt = (select(E.place, E.admin1, E.country, func.avg(E.lat).label("lat"), func.avg(E.lon).label("lon"),
                   func.count().label("n"))
            .where(and_(*cond)).group_by(E.place, E.admin1, E.country)
            .order_by(func.count().desc(), E.place).limit(limit))
    return [{"place": r.place, "admin1": r.admin1, "country": r.country, "lat": r.lat, "lon": r.lon,
             "events": r.n} for r in conn.execute(stmt)]


def list_figures(conn: Connection, quantity: str | None, country: tuple[str, ...], since: str | None,
                 until: str | None, limit: int, offset: int) -> tuple[int, list[dict]]:
    """Figures with the article they come from, oldest `as_of` first (undated last)."""
    F = figures.c
    cond = []
    if quantity:
        cond.append(F.quantity == quantity)
    if country:
        cond.append(F.country.in_(country))
    if since:
        cond.append(F.as_of >= since[: 10])
    if until:
        cond.append(F.as_of <= until)
    where = and_(True, *cond)
    total = conn.execute(select(func.count()).select_from(figures).where(where)).scalar_one()
    stmt = (select(figures, articles.c.title, articles.c.url, articles.c.source, articles.c.published)
            .join(articles, articles.c.id == F.doc_id).where(where)
            .order_by(F.as_of.is_(None), F.as_of, F.id).limit(limit).offset(offset))
    out = []
    for r in conn.execute(stmt):
        out.append({"id": r.id, "doc_id": r.doc_id, "quantity": r.quantity, "value": r.value,
                    "about": r.about, "as_of": r.as_of, "attributed_to": r.attributed_to,
                    "country": r.country, "evidence": r.evidence,
                    "span": {"start": r.span_start, "end": r.span_end},
                    "article": {"id": r.doc_id, "title": r.title, "url": r.url, "source": r.source,
                                "published": r.published}})
    return total, out


def figure_quantities(conn: Connection) -> list[dict]:
    F = figures.c
    stmt = select(F.quantity, func.count().label("n")).group_by(F.quantity).order_by(F.quantity)
    return [{"quantity": r.quantity, "figures": r.n} for r in conn.execute(stmt)]


def list_contradictions(conn: Connection, scope: str | None, field: str | None, limit: int,
                        offset: int) -> tuple[int, list[dict]]:
    """Contradictions with a short description of what they are about (event or cluster)."""
    X = contradictions.c
    cond = []
    if scope:
        cond.append(X.scope == scope)
    if field:
        cond.append(X.field == field)
    where = and_(True, *cond)
    total = conn.execute(select(func.count()).select_from(contradictions).where(where)).scalar_one()
    rows = [contradiction_row(r) for r in conn.execute(
        select(contradictions).where(where).order_by(X.scope, X.ref_id, X.field).limit(limit).offset(offset))]
    ev_ids = [r["ref_id"] for r in rows if r["scope"] == "event"]
    cl_ids = [r["ref_id"] for r in rows if r["scope"] != "event"]
    about = {}
    if ev_ids:
        for r in conn.execute(select(events).where(E.id.in_(ev_ids))):
            about[r.id] = _about(event_row(r), r.id)
    if cl_ids:
        for r in conn.execute(select(clusters).where(clusters.c.id.in_(cl_ids))):
            about[r.id] = _about(cluster_row(r), None)
        # a cluster's page is the page of any of its events
        for r in conn.execute(select(E.cluster_id, func.min(E.id).label("eid"))
                              .where(E.cluster_id.in_(cl_ids)).group_by(E.cluster_id)):
            if r.cluster_id in about:
                about[r.cluster_id]["event_id"] = r.eid
    for r in rows:
        r["about"] = about.get(r["ref_id"])
    return total, rows


def _about(d: dict, event_id: str | None) -> dict:
    return {"type": d["type"], "subtype": d["subtype"], "date": d["date"], "place": d["place"],
            "country": d["country"], "event_id": event_id}


def stats(conn: Connection) -> dict:
    """Counts shown in the UI header."""
    n = {name: conn.execute(select(func.count()).select_from(t)).scalar_one()
         for name, t in (("events", events), ("articles", articles), ("clusters", clusters),
                         ("figures", figures), ("contradictions", contradictions))}
    span = conn.execute(select(func.min(E.date_first), func.max(E.date_last))).first()
    n["first_date"], n["last_date"] = span[0], span[1]
    n["countries"] = [r[0] for r in conn.execute(
        select(E.country).where(E.country.is_not(None)).group_by(E.country).order_by(E.country))]
    n["types"] = [r[0] for r in conn.execute(select(E.type).group_by(E.type).order_by(E.type))]
    return n
