"""Resolution rules on the seed gold (issue 5): given the gold events as extraction output, the
clusters must reproduce the gold clusters (B-cubed F1 >= 0.9). Reads ../shared at run time only."""

from __future__ import annotations

import json

import pytest

from wirewatch.evaluation.scoring import bcubed
from wirewatch.model import Document, Event, Extraction, PartialDate, Span, content_id
from wirewatch.resolution import cluster_extractions

pytestmark = pytest.mark.shared

#: Issue 5's target on the seeds.
MIN_BCUBED_F1 = 0.9


def _event(doc_id: str, n: int, g: dict) -> Event:
    evidence = g.get("evidence") or ""
    return Event(
        id=content_id(doc_id, str(n)),
        doc_id=doc_id,
        type=g["type"],
        subtype=g["subtype"],
        span=Span(0, len(evidence)),
        evidence=evidence,
        date=PartialDate.parse(g.get("date")),
        place=g.get("place"),
        admin1=g.get("admin1"),
        country=g.get("country"),
        geo_precision="town" if g.get("place") else ("admin1" if g.get("admin1") else "country"),
        actor1=g.get("actor1"),
        actor2=g.get("actor2"),
        fatalities=g.get("fatalities"),
        injured=g.get("injured"),
        background=bool(g.get("background")),
    )


def test_gold_events_cluster_like_the_gold(shared_dir):
    docs = [json.loads(line) for line in (shared_dir / "eval" / "seeds_gold.jsonl").read_text().splitlines() if line]
    extractions, gold_cluster = [], {}
    for d in docs:
        doc = Document(id=d["id"], source=d.get("source") or d["id"], lang=d.get("lang") or "fr", text="",
                       published=PartialDate.parse(d.get("published")))
        events = tuple(_event(d["id"], n, g) for n, g in enumerate(d["events"]))
        for e, g in zip(events, d["events"], strict=True):
            gold_cluster[e.id] = g.get("cluster") or e.id
        extractions.append(Extraction(doc, events=events))
    out = cluster_extractions(extractions)
    pairs = [(e.cluster, gold_cluster[e.id]) for x in out for e in x.events]
    assert len({g for _, g in pairs}) < len(pairs)  # the gold does have cross-document clusters
    _, _, f1 = bcubed(pairs)
    assert f1 >= MIN_BCUBED_F1
