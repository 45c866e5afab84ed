"""Who said it: the ids in a contradiction's `sources` (event ids or article ids) made readable.

Each value of a contradiction gets `attributed`: for every source id, the event (when the id is
one) and the article it comes from, with its title and URL, so the UI can name the outlet and
link the report instead of printing hashes.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from wirewatch.store.schema import articles, events

#: What a source id that is neither a stored event nor a stored article is labelled with.
_UNKNOWN = {"title": None, "url": None, "source": None}
#: Ids per `IN (...)`: well under SQLite's variable limit.
_CHUNK = 500


def _chunks(ids: list[str]):
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def attribute(conn: Connection, contradictions: list[dict]) -> list[dict]:
    """Add `attributed: [{id, event_id, doc_id, title, url, source}]` to every value, in place."""
    ids = sorted({s for c in contradictions for v in c["values"] for s in v.get("sources", [])
                  if isinstance(s, str)})
    doc_of: dict[str, str] = {}
    for chunk in _chunks(ids):
        for r in conn.execute(select(events.c.id, events.c.doc_id).where(events.c.id.in_(chunk))):
            doc_of[r.id] = r.doc_id
    doc_ids = sorted(set(doc_of.values()) | (set(ids) - set(doc_of)))
    docs: dict[str, dict] = {}
    for chunk in _chunks(doc_ids):
        q = select(articles.c.id, articles.c.title, articles.c.url, articles.c.source).where(articles.c.id.in_(chunk))
        for r in conn.execute(q):
            docs[r.id] = {"title": r.title, "url": r.url, "source": r.source}
    for c in contradictions:
        for v in c["values"]:
            out = []
            for s in v.get("sources", []):
                event_id = s if s in doc_of else None
                doc_id = doc_of.get(s, s if s in docs else None)
                known = docs.get(doc_id or "", _UNKNOWN)
                out.append({"id": s, "event_id": event_id, "doc_id": doc_id if known is not _UNKNOWN else None,
                            **known})
            v["attributed"] = out
    return contradictions
