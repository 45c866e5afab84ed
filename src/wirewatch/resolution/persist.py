"""Resolution on the store: cluster new events, write `events.cluster_id`, `clusters`, `contradictions`.

    update_store(store)                  # every event without a cluster yet
    update_store(store, batch.event_ids) # the events of one ingest batch (what the pipeline does)

The new events are loaded with every stored event linked to them (`rules.linked`), found among the
events of the same country (or without one) whose dates overlap theirs widened by
`rules.DAY_TOLERANCE`, of the same named actor1 when they have no country, of the same place-free
family; plus the other members of their clusters; then again from what was just reached, until
nothing new comes. That holds whole connected components (`clustering`), so the clusters written
are exactly those a full recomputation would give, while the database is read only around the new
events. Everything is written in one transaction; re-running changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date as _date
from datetime import timedelta

from sqlalchemy import and_, bindparam, delete, func, or_, select, update

from wirewatch.model import Cluster, Event, PartialDate, content_id
from wirewatch.resolution.blocking import BlockIndex
from wirewatch.resolution.canonical import SourceInfo, outlet_of
from wirewatch.resolution.clustering import Resolver
from wirewatch.resolution.contradictions import disagreements
from wirewatch.resolution.rules import DAY_TOLERANCE, linked, load_rules, report_of
from wirewatch.store import rows as R
from wirewatch.store.schema import articles, clusters, contradictions, events

__all__ = ["UpdateResult", "cluster_row", "contradiction_rows", "dated_reports", "update_store"]

#: Ids per `IN (...)` query: under SQLite's 999-variable limit of older builds (as the store does).
ID_CHUNK = 500
#: Window conditions OR-ed in one query: keeps statements small on both SQLite and PostgreSQL.
OR_TERMS = 50


@dataclass(frozen=True, slots=True)
class UpdateResult:
    """What one `update_store` did."""

    loaded: int  # events read (the new ones and their possible neighbours)
    reassigned: int  # events whose cluster_id was written (new or changed)
    clusters_written: int
    clusters_removed: int
    contradictions_written: int


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), ID_CHUNK):
        yield ids[i : i + ID_CHUNK]


def _widen(first: str, last: str) -> tuple[str, str]:
    lo = _date.fromisoformat(first) - timedelta(days=DAY_TOLERANCE)
    hi = _date.fromisoformat(last) + timedelta(days=DAY_TOLERANCE)
    return lo.isoformat(), hi.isoformat()


def _merge(intervals: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[list[str]] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def _neighbour_conditions(rows: Iterable[dict]) -> list:
    """SQL conditions selecting (a superset of) the stored events that may be linked to `rows`."""
    rules = load_rules()
    place_free = {sub for sub, fam in rules.family_of.items() if fam in rules.place_free}
    by_country: dict[str | None, list] = {}
    by_actor: dict[str, list] = {}
    free: list = []
    for r in rows:
        if not r["date_first"]:
            continue
        window = _widen(r["date_first"], r["date_last"])
        if r["country"] is None:
            # no country: linked only on a named actor1, wherever the other report is
            if rules.named(r["actor1"]):
                by_actor.setdefault(r["actor1"], []).append(window)
        else:
            by_country.setdefault(r["country"], []).append(window)
            by_country.setdefault(None, []).append(window)
        if r["subtype"] in place_free:
            free.append(window)
    c = events.c
    conds = []

    def in_window(lo: str, hi: str):
        return and_(c.date_last >= lo, c.date_first <= hi)

    for country, windows in by_country.items():
        where = c.country.is_(None) if country is None else c.country == country
        conds.extend(and_(where, in_window(lo, hi)) for lo, hi in _merge(windows))
    for actor, windows in by_actor.items():
        conds.extend(and_(c.actor1 == actor, in_window(lo, hi)) for lo, hi in _merge(windows))
    if free:
        conds.extend(and_(c.subtype.in_(sorted(place_free)), in_window(lo, hi)) for lo, hi in _merge(free))
    return conds


def _fetch(conn, conds: list) -> Iterable[dict]:
    for i in range(0, len(conds), OR_TERMS):
        yield from (dict(r) for r in conn.execute(select(events).where(or_(*conds[i : i + OR_TERMS]))).mappings())


def _load_components(conn, seed_ids: Sequence[str]) -> dict[str, dict]:
    """Rows of the seed events and of every stored event connected to them by links (and of every
    member of their clusters): the whole connected components `clustering` splits, read by
    following links out of the seeds' date windows rather than reading whole windows in cascade."""
    rules = load_rules()
    loaded: dict[str, dict] = {}
    for chunk in _chunks(list(dict.fromkeys(seed_ids))):
        loaded.update({r["id"]: dict(r) for r in conn.execute(select(events).where(events.c.id.in_(chunk))).mappings()})
    frontier = list(loaded.values())
    seen_clusters: set[str] = set()
    while frontier:
        reached: dict[str, dict] = {}
        # members of the frontier's clusters belong to the same components
        cids = sorted({r["cluster_id"] for r in frontier if r["cluster_id"]} - seen_clusters)
        seen_clusters.update(cids)
        for r in _fetch(conn, [events.c.cluster_id.in_(chunk) for chunk in _chunks(cids)]):
            if r["id"] not in loaded:
                reached[r["id"]] = r
        # stored events linked to a frontier event
        index = BlockIndex()
        reports = [report_of(k, R.event_from_row(r), rules) for k, r in enumerate(frontier)]
        for rep in reports:
            index.add(rep)
        for r in _fetch(conn, _neighbour_conditions(frontier)):
            if r["id"] in loaded or r["id"] in reached:
                continue
            rep = report_of(-1, R.event_from_row(r), rules)
            if any(linked(rep, reports[k]) for k in index.candidates(rep)):
                reached[r["id"]] = r
        loaded.update(reached)
        frontier = list(reached.values())
    return loaded


def dated_reports(store, keys: set[tuple[int, int]]) -> list[Event]:
    """Stored events dated on these (month, day) keys of any year, or to these months when the day
    is 0: the reports that may give a new yearless day its year (`years.complete_years(stored=)`)."""
    c = events.c
    conds = []
    for month, day in sorted(keys):
        if day:
            conds.append(c.date.like(f"%-{month:02d}-{day:02d}"))
        else:
            conds.append(and_(func.length(c.date) == len("YYYY-MM"), c.date.like(f"%-{month:02d}")))
    if not conds:
        return []
    with store.engine.connect() as conn:
        return [R.event_from_row(r) for r in _fetch(conn, conds)]


def _events(conn, rows: dict[str, dict]) -> list[Event]:
    cons: dict[str, list] = {}
    for chunk in _chunks(sorted(rows)):
        stmt = select(contradictions).where(contradictions.c.scope == "event", contradictions.c.ref_id.in_(chunk))
        for row in conn.execute(stmt).mappings():
            cons.setdefault(row["ref_id"], []).append(row)
    return [R.event_from_row(r, (), cons.get(i, ())) for i, r in sorted(rows.items())]


def _sources(conn, doc_ids: set[str]) -> dict[str, SourceInfo]:
    out = {}
    a = articles.c
    for chunk in _chunks(sorted(doc_ids)):
        for r in conn.execute(select(a.id, a.url, a.source, a.published).where(a.id.in_(chunk))).mappings():
            out[r["id"]] = SourceInfo(r["id"], outlet_of(r["url"], r["source"]), PartialDate.parse(r["published"]))
    return out


def cluster_row(cl: Cluster) -> dict:
    """The `clusters` table row of a Cluster."""
    can = cl.canonical
    return {
        "id": cl.id,
        "type": can.type,
        "subtype": can.subtype,
        "date": can.date.iso() if can.date else None,
        "date_first": can.date.first_day().isoformat() if can.date else None,
        "date_last": can.date.last_day().isoformat() if can.date else None,
        "place": can.place,
        "admin1": can.admin1,
        "country": can.country,
        "lat": can.lat,
        "lon": can.lon,
        "actor1": can.actor1,
        "actor2": can.actor2,
        "fatalities": can.fatalities,
        "fatalities_min": cl.fatalities_range[0] if cl.fatalities_range else None,
        "fatalities_max": cl.fatalities_range[1] if cl.fatalities_range else None,
        "injured": can.injured,
        "injured_min": cl.injured_range[0] if cl.injured_range else None,
        "injured_max": cl.injured_range[1] if cl.injured_range else None,
        "background_only": bool(can.background),
        "n_events": len(cl.event_ids),
        "n_sources": cl.n_sources,
        "n_outlets": cl.n_outlets,
        "first_reported": cl.first_reported.iso() if cl.first_reported else None,
        "last_reported": cl.last_reported.iso() if cl.last_reported else None,
    }


def contradiction_rows(cluster_id: str, members: Sequence[Event]) -> list[dict]:
    """`contradictions` rows (scope `cluster`) of one cluster: each value with its documents, events
    and evidence sentences; then the within-document ones of its reports, noted as such."""
    out = []
    for field, values in disagreements(members):
        payload = [
            {
                "value": v,
                "sources": list(dict.fromkeys(e.doc_id for e in evs)),
                "events": [e.id for e in evs],
                "evidence": [e.evidence for e in evs],
            }
            for v, evs in values
        ]
        out.append((field, payload, f"{len({e.doc_id for _, evs in values for e in evs})} reports disagree"))
    for e in sorted(members, key=lambda e: e.id):
        for c in e.contradictions:
            payload = [{"value": v, "sources": list(srcs), "events": [e.id], "evidence": [e.evidence]} for v, srcs in c.values]
            out.append((c.field, payload, f"within one report ({e.doc_id})" + (f": {c.note}" if c.note else "")))
    rows = []
    for field, payload, note in out:
        values_json = json.dumps(payload, ensure_ascii=False, default=str, sort_keys=True)
        rows.append(
            {
                "id": content_id("cluster", cluster_id, field, note, values_json),
                "scope": "cluster",
                "ref_id": cluster_id,
                "field": field,
                "values_json": values_json,
                "note": note,
            }
        )
    return list({r["id"]: r for r in rows}.values())


def update_store(store, event_ids: Iterable[str] | None = None) -> UpdateResult:
    """Cluster the given stored events (default: every event without a cluster) with their stored
    neighbours; write cluster ids, `clusters` rows and cluster-scope `contradictions`. Idempotent."""
    with store.engine.begin() as conn:
        if event_ids is None:
            seed = list(conn.execute(select(events.c.id).where(events.c.cluster_id.is_(None))).scalars())
        else:
            seed = list(dict.fromkeys(event_ids))
        if not seed:
            return UpdateResult(0, 0, 0, 0, 0)
        rows = _load_components(conn, seed)
        evs = _events(conn, rows)
        resolver = Resolver()
        resolver.add(evs, _sources(conn, {e.doc_id for e in evs}))
        assign = resolver.assignments()
        changed = [(i, cid) for i, cid in sorted(assign.items()) if rows[i]["cluster_id"] != cid]
        if changed:
            stmt = update(events).where(events.c.id == bindparam("_id")).values(cluster_id=bindparam("_cid"))
            conn.execute(stmt, [{"_id": i, "_cid": cid} for i, cid in changed])
        new_ids = set(assign.values())
        old_ids = {r["cluster_id"] for r in rows.values() if r["cluster_id"]}
        touched = sorted(new_ids | old_ids)
        for chunk in _chunks(touched):
            conn.execute(delete(clusters).where(clusters.c.id.in_(chunk)))
            conn.execute(
                delete(contradictions).where(contradictions.c.scope == "cluster", contradictions.c.ref_id.in_(chunk))
            )
        cluster_rows, con_rows = [], []
        for cid in sorted(new_ids):
            cluster_rows.append(cluster_row(resolver.cluster(cid)))
            con_rows.extend(contradiction_rows(cid, resolver.members(cid)))
        if cluster_rows:
            conn.execute(clusters.insert(), cluster_rows)
        if con_rows:
            conn.execute(contradictions.insert(), con_rows)
    return UpdateResult(
        loaded=len(rows),
        reassigned=len(changed),
        clusters_written=len(cluster_rows),
        clusters_removed=len(old_ids - new_ids),
        contradictions_written=len(con_rows),
    )
