"""Resolution on the store (issue 5): `update_store` writes cluster ids, clusters, contradictions."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from test_resolution import AIRPORT, BASRA, DRONE, US, ev

from wirewatch.model import Document, Extraction, PartialDate
from wirewatch.resolution import Resolver, update_store
from wirewatch.store import Store
from wirewatch.store.schema import clusters, contradictions, events


def _doc(doc_id: str, url: str | None = None, published: str | None = "2020-11-18") -> Document:
    return Document(
        id=doc_id, source=f"corpus/{doc_id}.txt", lang="en", text="Our own text.", url=url,
        published=PartialDate.parse(published),
    )


@pytest.fixture()
def store():
    s = Store.open(":memory:")
    yield s
    s.close()


def _table(store, table):
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(table).order_by(table.c.id)).mappings()]


def test_update_store_clusters_new_events_and_is_idempotent(store):
    a = ev("a", injured=4)
    b = ev("b", injured=5, date="2020-11-18")
    c = ev("c", place=BASRA, precision="town")
    store.save_batch([
        Extraction(_doc("a", "https://one.example/a"), events=(a,)),
        Extraction(_doc("b", "https://two.example/b"), events=(b,)),
        Extraction(_doc("c"), events=(c,)),
    ])
    result = update_store(store)
    assert result.reassigned == 3
    rows = {r["id"]: r for r in _table(store, events)}
    assert rows[a.id]["cluster_id"] == rows[b.id]["cluster_id"] != rows[c.id]["cluster_id"]
    cl = {r["id"]: r for r in _table(store, clusters)}
    both = cl[rows[a.id]["cluster_id"]]
    assert (both["n_events"], both["n_sources"], both["n_outlets"]) == (2, 2, 2)
    assert (both["injured"], both["injured_min"], both["injured_max"]) == (4, 4, 5)
    cons = [r for r in _table(store, contradictions) if r["scope"] == "cluster"]
    injured = [json.loads(r["values_json"]) for r in cons if r["field"] == "injured"]
    assert injured and {v["value"]: v["sources"] for v in injured[0]} == {4: ["a"], 5: ["b"]}
    assert all(v["evidence"] for v in injured[0])

    before = (_table(store, events), _table(store, clusters), _table(store, contradictions))
    assert update_store(store).reassigned == 0  # nothing new
    update_store(store, [a.id, b.id, c.id])  # explicit ids: recomputed, same result
    assert (_table(store, events), _table(store, clusters), _table(store, contradictions)) == before


def test_update_store_batch_by_batch_equals_one_resolver(store):
    strike = ev("s1", kind=DRONE, date="2020-01-03", place=AIRPORT, actor1=US)
    recalled = ev("s2", kind=DRONE, date="2020-01", place=None, actor1=US, background=True)
    placeless = ev("s3", kind=DRONE, date="2020-01-04", place=None, country=None, actor1=US)
    other = ev("o1", date="2020-01-03", place=BASRA, precision="town")
    batches = [[strike], [other, recalled], [placeless]]
    for batch in batches:
        saved = store.save_batch([Extraction(_doc(e.doc_id), events=(e,)) for e in batch])
        update_store(store, saved.event_ids)
    r = Resolver()
    r.add([e for batch in batches for e in batch])
    stored = {row["id"]: row["cluster_id"] for row in _table(store, events)}
    assert stored == r.assignments()
    assert len(_table(store, clusters)) == len(set(stored.values()))
    assert stored[strike.id] != stored[other.id]
    assert stored[strike.id] in (stored[recalled.id], stored[placeless.id])


def test_update_store_reads_only_linked_neighbours_not_whole_windows(store):
    protests = [
        ev(f"p{day}", kind=("Protests", "Peaceful protest"), date=f"2020-03-{day:02d}", place=BASRA, precision="town")
        for day in range(1, 21)
    ]
    store.save_batch([Extraction(_doc(e.doc_id), events=(e,)) for e in protests])
    update_store(store)
    attack = ev("new", date="2020-03-10")
    saved = store.save_batch([Extraction(_doc("new"), events=(attack,))])
    result = update_store(store, saved.event_ids)
    assert result.loaded == 1  # the daily protests around it are candidates, never linked


@pytest.mark.parametrize("seed", [3, 11])
def test_update_store_in_random_batches_equals_one_resolver(store, seed):
    import random

    from test_resolution import _synthetic

    evs = _synthetic(30, seed=seed)
    random.Random(seed).shuffle(evs)
    for start in range(0, len(evs), 9):
        batch = evs[start : start + 9]
        saved = store.save_batch([Extraction(_doc(e.doc_id), events=(e,)) for e in batch])
        update_store(store, saved.event_ids)
    r = Resolver()
    r.add(evs)
    stored = {row["id"]: row["cluster_id"] for row in _table(store, events)}
    assert stored == r.assignments()
    assert {row["id"] for row in _table(store, clusters)} == set(r.cluster_ids())
