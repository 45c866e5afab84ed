"""Reads of the store: filtered event lists, one event with its provenance, articles, counts,
and `model.Event`s rebuilt for the resolver. Mixed into `Store`; uses only `self.engine`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date as _date

from sqlalchemy import func, or_, select

from wirewatch.errors import StoreError
from wirewatch.model import Event, PartialDate
from wirewatch.store import rows as R
from wirewatch.store.schema import articles, clusters, contradictions, discards, events, figures, provenance

#: Characters of article text shown on each side of an event's evidence by `get_event`.
CONTEXT_CHARS = 300
#: Ids per `IN (...)` query: well under SQLite's 999-variable limit of older builds.
ID_CHUNK = 500
#: Sort keys accepted by `query_events` (prefix `-` for descending).
SORTS = {
    "date": events.c.date_first,
    "fatalities": events.c.fatalities,
    "injured": events.c.injured,
    "country": events.c.country,
    "type": events.c.type,
    "confidence": events.c.confidence,
    "id": events.c.id,
}


def _as_day(value: str | _date | PartialDate | None, *, last: bool) -> str | None:
    """A filter bound as `YYYY-MM-DD`: a partial `until` covers its whole month or year."""
    if value is None or value == "":
        return None
    if isinstance(value, _date):
        return value.isoformat()
    pd = value if isinstance(value, PartialDate) else PartialDate.parse(str(value))
    if pd is None:
        raise StoreError(f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    return (pd.last_day() if last else pd.first_day()).isoformat()



def _common_conditions(c, country, since, until, type) -> list:
    """Filters the `events` and `clusters` tables share: country, overlapping date range, type."""
    conds = []
    if country:
        conds.append(c.country == country.upper())  # codes are stored upper-case; keeps the index usable
    if (lo := _as_day(since, last=False)) is not None:
        conds.append(c.date_last >= lo)
    if (hi := _as_day(until, last=True)) is not None:
        conds.append(c.date_first <= hi)
    if type:
        conds.append(func.lower(c.type) == type.lower())
    return conds

def chunks(ids: Sequence[str], size: int = ID_CHUNK) -> Iterator[Sequence[str]]:
    """Slices of at most `size` ids, for `IN (...)` queries."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


class StoreReads:
    """The read half of `Store` (needs `self.engine`)."""

    def _event_conditions(
        self,
        *,
        country: str | None = None,
        since=None,
        until=None,
        type: str | None = None,
        subtype: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        admin1: str | None = None,
        text: str | None = None,
        background: bool | None = None,
        cluster: str | None = None,
        doc_id: str | None = None,
    ) -> list:
        c = events.c
        conds = _common_conditions(c, country, since, until, type)
        if subtype:
            conds.append(func.lower(c.subtype) == subtype.lower())
        if actor:
            needle = actor.lower()
            conds.append(
                or_(
                    func.lower(c.actor1).contains(needle, autoescape=True),
                    func.lower(c.actor2).contains(needle, autoescape=True),
                )
            )
        if place:
            conds.append(func.lower(c.place).contains(place.lower(), autoescape=True))
        if admin1:
            conds.append(func.lower(c.admin1) == admin1.lower())
        if text:
            conds.append(func.lower(c.evidence).contains(text.lower(), autoescape=True))
        if background is not None:
            conds.append(c.background == bool(background))
        if cluster:
            conds.append(c.cluster_id == cluster)
        if doc_id:
            conds.append(c.doc_id == doc_id)
        return conds

    def query_events(
        self, *, limit: int | None = 100, offset: int = 0, sort: str = "date", **filters
    ) -> list[dict]:
        """Events as dicts (event columns plus the article's `source`, `url`, `title`, `published`, `ingested_at`),
        filtered by country, since/until (overlap with the event's date range), type, subtype, actor
        (substring of either actor), place (substring), admin1, text (evidence substring),
        background, cluster, doc_id. `sort` is a key of SORTS, `-` prefix for descending."""
        key = sort.lstrip("-")
        if key not in SORTS:
            raise StoreError(
                f"unknown sort {sort!r}: use one of {', '.join(sorted(SORTS))} (prefix - to reverse)"
            )
        col = SORTS[key]
        order = (col.desc() if sort.startswith("-") else col.asc()).nulls_last()
        stmt = (
            select(
                events,
                articles.c.source,
                articles.c.url,
                articles.c.title,
                articles.c.published,
                articles.c.ingested_at,
            )
            .join(articles, articles.c.id == events.c.doc_id)
            .where(*self._event_conditions(**filters))
            .order_by(order, events.c.id)
            .offset(offset)
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(stmt).mappings()]

    def count_events(self, **filters) -> int:
        """How many events `query_events` would return without limit/offset."""
        stmt = select(func.count()).select_from(events).where(*self._event_conditions(**filters))
        with self.engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def get_event(self, event_id: str) -> dict | None:
        """One event with `provenance` {field: {start, end}}, `contradictions`, its `article`
        (metadata) and `context`: the article text around the evidence (`context_start` is its
        offset in the article, so spans can be shown within it). None when unknown."""
        with self.engine.connect() as conn:
            row = conn.execute(select(events).where(events.c.id == event_id)).mappings().first()
            if row is None:
                return None
            out = dict(row)
            prov = conn.execute(select(provenance).where(provenance.c.event_id == event_id)).mappings()
            out["provenance"] = {p["field"]: {"start": p["start"], "end": p["end"]} for p in prov}
            cons = conn.execute(select(contradictions).where(contradictions.c.ref_id == event_id)).mappings()
            out["contradictions"] = [R.contradiction_from_row(c).to_dict() for c in cons]
            art = conn.execute(select(articles).where(articles.c.id == row["doc_id"])).mappings().first()
        text = art["text"] if art else ""
        lo = max(0, row["span_start"] - CONTEXT_CHARS)
        hi = min(len(text), row["span_end"] + CONTEXT_CHARS)
        out["context"], out["context_start"] = text[lo:hi], lo
        out["article"] = (
            {k: art[k] for k in ("id", "source", "url", "title", "lang", "published")} if art else None
        )
        return out

    def get_article(self, article_id: str) -> dict | None:
        """One article (all columns) with `events`: its event ids, types and dates in text order."""
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
            if row is None:
                return None
            out = dict(row)
            evs = conn.execute(
                select(events.c.id, events.c.type, events.c.subtype, events.c.date, events.c.span_start)
                .where(events.c.doc_id == article_id)
                .order_by(events.c.span_start)
            ).mappings()
            out["events"] = [dict(e) for e in evs]
            figs = conn.execute(select(figures).where(figures.c.doc_id == article_id)).mappings()
            out["figures"] = [dict(f) for f in figs]
        return out

    def stats(self) -> dict[str, int]:
        """Row counts: articles, events, discards, figures, clusters."""
        tables = {
            "articles": articles,
            "events": events,
            "discards": discards,
            "figures": figures,
            "clusters": clusters,
        }
        with self.engine.connect() as conn:
            return {
                k: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for k, t in tables.items()
            }

    def query_clusters(
        self,
        *,
        country: str | None = None,
        since=None,
        until=None,
        type: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[dict]:
        """Rows of the `clusters` table (canonical events with report counts), newest first."""
        c = clusters.c
        conds = _common_conditions(c, country, since, until, type)
        stmt = select(clusters).where(*conds).order_by(c.date_first.desc().nulls_last(), c.id).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(stmt).mappings()]

    def list_discards(self, *, limit: int | None = 100) -> list[dict]:
        """Stored discards (source, reason, detail), most recent first."""
        stmt = select(discards).order_by(discards.c.at.desc(), discards.c.id)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(stmt).mappings()]

    def _events_from_rows(self, conn, rows: list) -> list[Event]:
        ids = [r["id"] for r in rows]
        prov: dict[str, list] = {}
        cons: dict[str, list] = {}
        for p in conn.execute(select(provenance).where(provenance.c.event_id.in_(ids))).mappings():
            prov.setdefault(p["event_id"], []).append(p)
        stmt = select(contradictions).where(
            contradictions.c.scope == "event", contradictions.c.ref_id.in_(ids)
        )
        for c in conn.execute(stmt).mappings():
            cons.setdefault(c["ref_id"], []).append(c)
        return [R.event_from_row(r, prov.get(r["id"], ()), cons.get(r["id"], ())) for r in rows]

    def iter_events(self, ids: Iterable[str] | None = None) -> Iterator[Event]:
        """`model.Event`s rebuilt from the store (all, or these ids), in pages: safe to write to the
        store between two items (no connection is held while the caller works)."""
        if ids is not None:
            wanted = list(dict.fromkeys(ids))
            for chunk in chunks(wanted):
                with self.engine.connect() as conn:
                    rows = list(conn.execute(select(events).where(events.c.id.in_(chunk))).mappings())
                    page = self._events_from_rows(conn, rows)
                by_id = {e.id: e for e in page}
                yield from (by_id[i] for i in chunk if i in by_id)
            return
        last = ""
        while True:
            with self.engine.connect() as conn:
                stmt = select(events).where(events.c.id > last).order_by(events.c.id).limit(ID_CHUNK)
                rows = list(conn.execute(stmt).mappings())
                if not rows:
                    return
                page = self._events_from_rows(conn, rows)
            last = rows[-1]["id"]
            yield from page

    def events_in_window(self, country: str | None, first: str | _date, last: str | _date) -> list[Event]:
        """Events of one country (None: events without a country) whose date range overlaps
        [first, last]; undated events are not in any window."""
        lo, hi = _as_day(first, last=False), _as_day(last, last=True)
        cond = events.c.country.is_(None) if country is None else events.c.country == country
        stmt = (
            select(events)
            .where(cond, events.c.date_last >= lo, events.c.date_first <= hi)
            .order_by(events.c.id)
        )
        with self.engine.connect() as conn:
            rows = list(conn.execute(stmt).mappings())
            return self._events_from_rows(conn, rows) if rows else []
