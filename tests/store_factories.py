"""Hand-made documents, events and figures for the store, pipeline, export and CLI tests.

Every sentence here is written for the tests (no article text from ../shared).
"""

from __future__ import annotations

import dataclasses
import os

import pytest
from sqlalchemy import text

from wirewatch.model import Contradiction, Document, Event, Extraction, Figure, PartialDate, Span, content_id
from wirewatch.store import Store
from wirewatch.store.schema import metadata

PG_URL = os.environ.get("WIREWATCH_TEST_PG_URL")

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgresql",
        id="postgresql",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not PG_URL, reason="WIREWATCH_TEST_PG_URL is not set"),
        ],
    ),
]


def open_store(backend: str) -> Store:
    """An empty store: in-memory SQLite, or the test PostgreSQL database wiped first."""
    if backend == "sqlite":
        return Store.open(":memory:")
    wipe_postgres()
    return Store.open(PG_URL)


def wipe_postgres() -> None:
    store = Store.open(PG_URL, migrate_schema=False)
    with store.engine.begin() as conn:
        metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS schema_migrations"))
    store.close()


PUBLISHED = PartialDate(2024, 3, 5)


def document(n: int, text_: str | None = None, *, lang: str = "en", published=PUBLISHED) -> Document:
    body = text_ or (
        f"Report number {n}. Militants fired rockets at the airbase near the town on Monday. "
        "Two soldiers were wounded, officials said."
    )
    return Document(
        id=content_id("doc", str(n), body),
        source=f"reports/{n:03d}.txt",
        lang=lang,
        text=body,
        published=published,
        published_basis="given",
        title=f"Report {n}",
        url=f"https://news.example.org/{n}",
    )


def event(doc: Document, k: int = 0, **fields) -> Event:
    """An event on the second sentence of `doc` (or on `fields['span']`)."""
    start = doc.text.index("Militants") if "Militants" in doc.text else 0
    end = doc.text.find(".", start) + 1 or len(doc.text)
    span = fields.pop("span", Span(start, end))
    base = {
        "type": "Explosions/Remote violence",
        "subtype": "Shelling/artillery/missile attack",
        "date": PartialDate(2024, 3, 4),
        "date_basis": "relative",
        "place": "Ain al-Asad Air Base",
        "admin1": "Al Anbar",
        "country": "IQ",
        "lat": 33.8,
        "lon": 42.44,
        "geo_precision": "site",
        "actor1": "Unidentified Armed Group (Iraq)",
        "actor2": "Military Forces of Iraq",
        "fatalities": 0,
        "injured": 2,
        "confidence": 0.75,
        "provenance": (("date", Span(end - 11, end - 1)), ("place", Span(start + 30, start + 37))),
    }
    base.update(fields)
    return Event(
        id=content_id(doc.id, "event", str(k)), doc_id=doc.id, span=span, evidence=span.of(doc.text), **base
    )


def figure(doc: Document, k: int = 0, **fields) -> Figure:
    base = {
        "quantity": "troops",
        "value": 2500,
        "about": "US troops in Iraq",
        "as_of": PartialDate(2024, 3),
        "attributed_to": None,
        "country": "IQ",
    }
    base.update(fields)
    return Figure(
        id=content_id(doc.id, "figure", str(k)),
        doc_id=doc.id,
        span=Span(0, 10),
        evidence=doc.text[:10],
        **base,
    )


def extraction(n: int, n_events: int = 1, **event_fields) -> Extraction:
    doc = document(n)
    evs = tuple(event(doc, k, **event_fields) for k in range(n_events))
    return Extraction(document=doc, events=evs, figures=(figure(doc),))


def contradiction() -> Contradiction:
    return Contradiction("injured", ((2, ("s1",)), (3, ("s2",))), note="two counts in one report")


def merged_away_store(store) -> tuple[Document, Event]:
    """A report whose stored event carries a contradiction naming (1) itself, (2) an event id that
    within-document merging folded into it (never stored) and (3) a `doc:start-end` span; the same
    values copied to its cluster, as resolution does. Returns the document and the stored event."""
    from wirewatch.store.schema import clusters, contradictions

    body = ("Gunmen attacked an army post on Monday, killing three soldiers. "
            "A local official later said four soldiers had died. Police arrived at dawn.")
    doc = document(90, body)
    start = body.index("four")
    span_ref = f"{doc.id}:{start}-{start + 4}"
    ev = event(doc, 0, span=Span(0, body.index(".") + 1), fatalities=3, cluster="cl-merged")
    clash = Contradiction("fatalities", ((3, (ev.id,)), (5, ("ev-merged-away",)), (4, (span_ref,))),
                          "counts differ between sentences")
    ev = dataclasses.replace(ev, contradictions=(clash,))
    store.save_batch([Extraction(doc, (ev,))])
    with store.engine.begin() as conn:
        conn.execute(clusters.insert().values(id="cl-merged", type=ev.type, subtype=ev.subtype, n_events=1,
                                              n_sources=1, n_outlets=1, background_only=False))
        conn.execute(contradictions.insert().values(
            id="x-cl-merged", scope="cluster", ref_id="cl-merged", field="fatalities", note="within one report",
            values_json=f'[{{"value": 3, "sources": ["{ev.id}"]}}, {{"value": 5, "sources": ["ev-merged-away"]}},'
                        f' {{"value": 4, "sources": ["{span_ref}"]}}]'))
    return doc, ev
