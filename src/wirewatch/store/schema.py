"""The database tables (SQLAlchemy Core), shared by the store, the resolver, the API and the UI.

Dates are stored as ISO strings (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) with `date_first`/`date_last`
(the first and last calendar day the partial date covers) so range filters are plain string
comparisons on every backend. Changing a table means adding a named migration in
`store/migrations.py`, never editing a table in place.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),  # input id or content hash
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("lang", String(8), nullable=False),
    Column("published", String(10)),
    Column("published_basis", String(20), nullable=False),
    Column("text", Text, nullable=False),  # cleaned text: every span points into it
    Column("raw_text", Text),  # before boilerplate removal, when it differs
    Column("ingested_at", String(40), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("doc_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(40), nullable=False),
    Column("subtype", String(60), nullable=False),
    Column("date", String(10)),
    Column("date_first", String(10)),
    Column("date_last", String(10)),
    Column("date_basis", String(10)),
    Column("place", Text),
    Column("admin1", String(100)),
    Column("country", String(2)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", String(10)),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("fatalities", Integer),
    Column("injured", Integer),
    Column("background", Boolean, nullable=False, default=False),
    Column("confidence", Float),
    Column("evidence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("cluster_id", String(64)),
)
Index("ix_events_country_date", events.c.country, events.c.date_first)
Index("ix_events_doc", events.c.doc_id)
Index("ix_events_cluster", events.c.cluster_id)
Index("ix_events_type", events.c.type)
# API (issue 6, measured with bench/api.py on 100k events): `GET /api/events` sorts by date and
# pages; with (date_first, id) SQLite walks the rows in order and stops at the page, and date_last
# makes the count of a date-range filter index-only. (country, type, date_first) does the same for
# the most common filter pair.
Index("ix_events_date", events.c.date_first, events.c.id, events.c.date_last)
Index("ix_events_country_type", events.c.country, events.c.type, events.c.date_first)
# ... and for "deadliest first in a country" and "news only (not background) in a country".
Index("ix_events_country_fatalities", events.c.country, events.c.fatalities)
Index("ix_events_country_background", events.c.country, events.c.background, events.c.date_first)

provenance = Table(
    "provenance",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("field", String(40), primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

figures = Table(
    "figures",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("doc_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("quantity", String(40), nullable=False),
    Column("value", Integer, nullable=False),
    Column("about", Text, nullable=False),
    Column("as_of", String(10)),
    Column("attributed_to", Text),
    Column("country", String(2)),
    Column("evidence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)
Index("ix_figures_quantity", figures.c.quantity)

discards = Table(
    "discards",
    metadata,
    Column("id", String(64), primary_key=True),  # content hash of (source, reason, detail)
    Column("source", Text, nullable=False),
    Column("reason", String(40), nullable=False),
    Column("detail", Text, nullable=False),
    Column("at", String(40), nullable=False),
)

clusters = Table(
    "clusters",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("type", String(40), nullable=False),
    Column("subtype", String(60), nullable=False),
    Column("date", String(10)),
    Column("date_first", String(10)),
    Column("date_last", String(10)),
    Column("place", Text),
    Column("admin1", String(100)),
    Column("country", String(2)),
    Column("lat", Float),
    Column("lon", Float),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("fatalities", Integer),
    Column("fatalities_min", Integer),
    Column("fatalities_max", Integer),
    Column("injured", Integer),
    Column("injured_min", Integer),
    Column("injured_max", Integer),
    Column("background_only", Boolean, nullable=False, default=False),
    Column("n_events", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("first_reported", String(10)),
    Column("last_reported", String(10)),
)
Index("ix_clusters_country_date", clusters.c.country, clusters.c.date_first)

contradictions = Table(
    "contradictions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("scope", String(10), nullable=False),  # event (within one document) | cluster (across reports)
    Column("ref_id", String(64), nullable=False),  # the event id or cluster id
    Column("field", String(40), nullable=False),
    Column("values_json", Text, nullable=False),  # [{"value": ..., "sources": [...]}, ...]
    Column("note", Text),
)
Index("ix_contradictions_ref", contradictions.c.ref_id)
