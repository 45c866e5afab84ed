"""Dataclasses <-> table rows: the one place where `model` objects become plain dicts and back."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from wirewatch.model import Contradiction, Discarded, Document, Event, Figure, PartialDate, Span, content_id


def now_iso() -> str:
    """UTC timestamp stored in `ingested_at` / `at` columns."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _date_bounds(date: PartialDate | None) -> tuple[str | None, str | None, str | None]:
    if date is None:
        return None, None, None
    return date.iso(), date.first_day().isoformat(), date.last_day().isoformat()


def article_row(doc: Document, at: str) -> dict:
    return {
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "lang": doc.lang,
        "published": doc.published.iso() if doc.published else None,
        "published_basis": doc.published_basis,
        "text": doc.text,
        "raw_text": doc.raw_text if doc.raw_text != doc.text else None,
        "ingested_at": at,
    }


def event_row(ev: Event) -> dict:
    date, first, last = _date_bounds(ev.date)
    return {
        "id": ev.id,
        "doc_id": ev.doc_id,
        "type": ev.type,
        "subtype": ev.subtype,
        "date": date,
        "date_first": first,
        "date_last": last,
        "date_basis": ev.date_basis,
        "place": ev.place,
        "admin1": ev.admin1,
        "country": ev.country.upper() if ev.country else None,  # ISO codes: filters compare upper-case
        "lat": ev.lat,
        "lon": ev.lon,
        "geo_precision": ev.geo_precision,
        "actor1": ev.actor1,
        "actor2": ev.actor2,
        "fatalities": ev.fatalities,
        "injured": ev.injured,
        "background": bool(ev.background),
        "confidence": ev.confidence,
        "evidence": ev.evidence,
        "span_start": ev.span.start,
        "span_end": ev.span.end,
        "cluster_id": ev.cluster,
    }


def provenance_rows(ev: Event) -> list[dict]:
    """One row per field; the first span given for a field wins (the primary key is event+field)."""
    seen: dict[str, dict] = {}
    for name, span in ev.provenance:
        seen.setdefault(name, {"event_id": ev.id, "field": name, "start": span.start, "end": span.end})
    return list(seen.values())


def contradiction_row(scope: str, ref_id: str, c: Contradiction) -> dict:
    values = [{"value": v, "sources": list(srcs)} for v, srcs in c.values]
    return {
        "id": content_id(scope, ref_id, c.field),
        "scope": scope,
        "ref_id": ref_id,
        "field": c.field,
        "values_json": json.dumps(values, ensure_ascii=False, default=str),
        "note": c.note,
    }


def figure_row(fig: Figure) -> dict:
    return {
        "id": fig.id,
        "doc_id": fig.doc_id,
        "quantity": fig.quantity,
        "value": fig.value,
        "about": fig.about,
        "as_of": fig.as_of.iso() if fig.as_of else None,
        "attributed_to": fig.attributed_to,
        "country": fig.country,
        "evidence": fig.evidence,
        "span_start": fig.span.start,
        "span_end": fig.span.end,
    }


def discard_row(d: Discarded, at: str) -> dict:
    return {
        "id": content_id(d.source, d.reason, d.detail),
        "source": d.source,
        "reason": d.reason,
        "detail": d.detail,
        "at": at,
    }


def contradiction_from_row(row: Mapping) -> Contradiction:
    values = json.loads(row["values_json"])
    return Contradiction(
        field=row["field"],
        values=tuple((v.get("value"), tuple(v.get("sources") or ())) for v in values),
        note=row["note"],
    )


def event_from_row(
    row: Mapping, provenance: Iterable[Mapping] = (), contradictions: Iterable[Mapping] = ()
) -> Event:
    """Rebuild the `model.Event` a row was saved from (cluster id included)."""
    return Event(
        id=row["id"],
        doc_id=row["doc_id"],
        type=row["type"],
        subtype=row["subtype"],
        span=Span(row["span_start"], row["span_end"]),
        evidence=row["evidence"],
        date=PartialDate.parse(row["date"]),
        date_basis=row["date_basis"],
        place=row["place"],
        admin1=row["admin1"],
        country=row["country"],
        lat=row["lat"],
        lon=row["lon"],
        geo_precision=row["geo_precision"],
        actor1=row["actor1"],
        actor2=row["actor2"],
        fatalities=row["fatalities"],
        injured=row["injured"],
        background=bool(row["background"]),
        confidence=row["confidence"] if row["confidence"] is not None else 0.5,
        provenance=tuple((p["field"], Span(p["start"], p["end"])) for p in provenance),
        contradictions=tuple(contradiction_from_row(c) for c in contradictions),
        cluster=row["cluster_id"],
    )


def figure_from_row(row: Mapping) -> Figure:
    """Rebuild the `model.Figure` a row was saved from."""
    return Figure(
        id=row["id"],
        doc_id=row["doc_id"],
        quantity=row["quantity"],
        value=row["value"],
        about=row["about"],
        span=Span(row["span_start"], row["span_end"]),
        evidence=row["evidence"],
        as_of=PartialDate.parse(row["as_of"]),
        attributed_to=row["attributed_to"],
        country=row["country"],
    )
