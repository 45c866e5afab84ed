"""Who said it: the ids in a contradiction's `sources` made readable, for the API and the CLI.

Extraction and resolution write three kinds of source ids, and one kind can point at nothing:

- a stored event id: the event, its article and its evidence sentence;
- a stored article id (cross-report contradictions): the article;
- `"<doc id>:<start>-<end>"`, a character span of an article (a casualty count in a sentence
  that became no event): the article and the sentence around the span;
- an event id that within-document merging folded into another event (`events/merge.py`), so it
  was never stored. It is resolved to the event it was merged into, found through the
  contradiction's owner: the event itself (scope `event`) or the cluster's events (scope
  `cluster`). That event's article is the report; its sentence is shown as the evidence, marked
  `merged`, since the merged sentence itself was not kept.

Anything else is `unknown` (its id is still shown). Nothing here raises on odd ids: a
contradiction is always displayable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from sqlalchemy import Connection, select

from wirewatch.store.schema import articles, contradictions, events

#: `doc:start-end`, the span reference extraction writes for a count without its own event.
SPAN_REF = re.compile(r"^(?P<doc>.+):(?P<start>\d+)-(?P<end>\d+)$")
#: Characters that end a sentence when widening a span reference to its sentence.
SENTENCE_ENDS = ".!?\n"
#: How far (characters) to look on each side of a span for the sentence boundary: a long news
#: sentence is under ~400 characters; past that the span is shown with what was found.
MAX_CONTEXT = 400
#: Ids per `IN (...)`: well under SQLite's variable limit.
CHUNK = 500
#: How each source was resolved (the `resolved` key of an attributed source).
RESOLVED = ("event", "article", "span", "merged", "unknown")


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding `text[start:end]` (bounded by `MAX_CONTEXT` on each side)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo = start
    while lo > 0 and start - lo < MAX_CONTEXT and text[lo - 1] not in SENTENCE_ENDS:
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < MAX_CONTEXT and (hi == 0 or text[hi - 1] not in SENTENCE_ENDS):
        hi += 1
    return text[lo:hi].strip()


def _sources(contradictions_: list[dict]) -> set[str]:
    return {s for c in contradictions_ for v in c.get("values", []) for s in v.get("sources", [])
            if isinstance(s, str)}  # fmt: skip


def _events(conn: Connection, ids: Iterable[str]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for chunk in _chunks(sorted(set(ids))):
        q = select(events.c.id, events.c.doc_id, events.c.evidence, events.c.span_start, events.c.span_end)
        for r in conn.execute(q.where(events.c.id.in_(chunk))):
            out[r.id] = {
                "doc_id": r.doc_id,
                "evidence": r.evidence,
                "span": {"start": r.span_start, "end": r.span_end},
            }
    return out


def _articles(conn: Connection, ids: Iterable[str], *, with_text: Iterable[str] = ()) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for chunk in _chunks(sorted(set(ids))):
        q = select(articles.c.id, articles.c.title, articles.c.url, articles.c.source)
        for r in conn.execute(q.where(articles.c.id.in_(chunk))):
            out[r.id] = {"title": r.title, "url": r.url, "source": r.source}
    for chunk in _chunks(sorted(set(with_text) & set(out))):
        for r in conn.execute(select(articles.c.id, articles.c.text).where(articles.c.id.in_(chunk))):
            out[r.id]["text"] = r.text
    return out


def _merged_owners(conn: Connection, contradictions_: list[dict], missing: set[str]) -> dict[str, str]:
    """For each missing source id, the stored event whose contradictions name it."""
    owner: dict[str, str] = {}
    cluster_ids = set()
    for c in contradictions_:
        for s in _sources([c]) & missing:
            if c.get("scope") == "event" and c.get("ref_id"):
                owner.setdefault(s, c["ref_id"])
        if c.get("scope") == "cluster" and c.get("ref_id") and _sources([c]) & missing:
            cluster_ids.add(c["ref_id"])
    if not cluster_ids:
        return owner
    members: list[str] = []
    for chunk in _chunks(sorted(cluster_ids)):
        members += conn.execute(select(events.c.id).where(events.c.cluster_id.in_(chunk))).scalars().all()
    X = contradictions.c
    for chunk in _chunks(sorted(members)):
        for r in conn.execute(select(X.ref_id, X.values_json).where(X.scope == "event", X.ref_id.in_(chunk))):
            try:
                values = json.loads(r.values_json)
            except (TypeError, ValueError):
                continue
            for s in _sources([{"values": values}]) & missing:
                owner.setdefault(s, r.ref_id)
    return owner


def _entry(
    ident: str,
    how: str,
    *,
    event_id=None,
    doc_id=None,
    article=None,
    evidence=None,
    span=None,
    merged_into=None,
) -> dict:
    art = article or {}
    return {"id": ident, "resolved": how, "event_id": event_id, "doc_id": doc_id if article else None,
            "title": art.get("title"), "url": art.get("url"), "source": art.get("source"),
            "evidence": evidence, "span": span, "merged_into": merged_into}  # fmt: skip


def attribute(conn: Connection, contradictions_: list[dict]) -> list[dict]:
    """Add `attributed` to every value of every contradiction, in place, and return the list.

    Each source becomes `{id, resolved, event_id, doc_id, title, url, source, evidence, span,
    merged_into}`; `resolved` is one of `RESOLVED`. Contradictions need `values` (the stored JSON);
    `scope` and `ref_id` let merged-away event ids be traced to the event that absorbed them."""
    ids = _sources(contradictions_)
    evs = _events(conn, ids)
    spans = {s: m for s in ids - set(evs) if (m := SPAN_REF.match(s))}
    missing = ids - set(evs) - set(spans)
    owners = _merged_owners(conn, contradictions_, missing)
    evs.update(_events(conn, set(owners.values()) - set(evs)))
    doc_ids = {e["doc_id"] for e in evs.values()} | {m["doc"] for m in spans.values()} | missing
    docs = _articles(conn, doc_ids, with_text={m["doc"] for m in spans.values()})
    for c in contradictions_:
        for v in c.get("values", []):
            v["attributed"] = [_resolve(s, evs, spans, owners, docs) for s in v.get("sources", [])]
    return contradictions_


def _resolve(s, evs: dict, spans: dict, owners: dict, docs: dict) -> dict:
    if not isinstance(s, str):
        return _entry(str(s), "unknown")
    if s in evs and s not in owners:
        e = evs[s]
        return _entry(
            s,
            "event",
            event_id=s,
            doc_id=e["doc_id"],
            article=docs.get(e["doc_id"]),
            evidence=e["evidence"],
            span=e["span"],
        )
    if s in spans:
        m = spans[s]
        art = docs.get(m["doc"])
        start, end = int(m["start"]), int(m["end"])
        text = (art or {}).get("text")
        evidence = sentence_around(text, start, end) if text else None
        public = {k: v for k, v in art.items() if k != "text"} if art else None
        return _entry(
            s,
            "span" if art else "unknown",
            doc_id=m["doc"],
            article=public,
            evidence=evidence,
            span={"start": start, "end": end} if art else None,
        )
    if s in docs:
        return _entry(s, "article", doc_id=s, article=docs[s])
    if s in owners and owners[s] in evs:
        e = evs[owners[s]]
        return _entry(
            s,
            "merged",
            doc_id=e["doc_id"],
            article=docs.get(e["doc_id"]),
            evidence=e["evidence"],
            span=e["span"],
            merged_into=owners[s],
        )
    return _entry(s, "unknown")


__all__ = ["RESOLVED", "SPAN_REF", "attribute", "sentence_around"]
