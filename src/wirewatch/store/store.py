"""The store: SQLite or PostgreSQL through SQLAlchemy Core, atomic and idempotent writes.

    store = Store.open("wirewatch.db")            # or ":memory:", or "postgresql://user@host/db"
    store.save_batch(extractions, discards)       # one transaction; re-saving adds nothing
    store.query_events(country="IQ", since="2020-01")

Ids are content hashes, so every write is insert-if-absent: re-running an ingest that was killed
midway stores each article exactly once and never touches what is already there.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from sqlalchemy import Engine, Table, create_engine, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from wirewatch.errors import StoreError
from wirewatch.model import Discarded, Extraction
from wirewatch.store import rows as R
from wirewatch.store.migrations import migrate
from wirewatch.store.queries import StoreReads, chunks
from wirewatch.store.schema import articles, contradictions, discards, events, figures, provenance

#: Default database file when neither an argument nor WIREWATCH_DB is given.
DEFAULT_DB = "wirewatch.db"
#: Seconds a SQLite writer waits for another writer's lock before failing (two CLIs on one file).
SQLITE_BUSY_TIMEOUT = 30


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one `save_batch` added (existing rows are skipped, not counted)."""

    added_articles: int
    skipped_existing: int
    events: int
    figures: int
    discards: int
    event_ids: tuple[str, ...] = ()


def database_url(url_or_path: str | os.PathLike | None = None) -> str:
    """The SQLAlchemy URL for a path, `:memory:`, a sqlite:// or a postgresql:// URL."""
    target = str(url_or_path) if url_or_path is not None else os.environ.get("WIREWATCH_DB") or DEFAULT_DB
    if target == ":memory:":
        return "sqlite://"
    for prefix in ("postgresql://", "postgres://"):
        if target.startswith(prefix):
            return "postgresql+psycopg://" + target[len(prefix) :]
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser()}"


def _engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    memory = url in ("sqlite://", "sqlite:///:memory:")
    kwargs: dict = {"connect_args": {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT}}
    if memory:
        kwargs["poolclass"] = StaticPool  # one connection, or every connection sees an empty database
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # pysqlite's own transaction handling skips BEGIN before DDL; let SQLAlchemy emit it.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


class Store(StoreReads):
    """A wirewatch database. `engine` is public: other modules read the schema tables directly."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, url_or_path: str | os.PathLike | None = None, *, migrate_schema: bool = True) -> Store:
        """Open (and bring up to date) a database: a file path (default `$WIREWATCH_DB`, else
        `./wirewatch.db`), `:memory:`, or a `postgresql://` URL."""
        url = database_url(url_or_path)
        try:
            engine = _engine(url)
            if migrate_schema:
                migrate(engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open the database {_safe(url)}: {_first_line(exc)}") from exc
        return cls(engine, url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.safe_url!r})"

    @property
    def safe_url(self) -> str:
        """The database URL without its password, for messages."""
        return _safe(self.url)

    @property
    def backend(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    # --- writes ---------------------------------------------------------------------------------

    def _insert_ignore(self, conn, table: Table, values: list[dict], *, returning=None) -> set:
        """Insert rows whose primary key is absent; leave existing rows untouched. With a
        `returning` column, the set of its values for the rows actually inserted."""
        if not values:
            return set()
        name = conn.dialect.name
        if name in ("sqlite", "postgresql"):
            dialect = sqlite if name == "sqlite" else postgresql
            stmt = dialect.insert(table).on_conflict_do_nothing()
            if returning is None:
                conn.execute(stmt, values)
                return set()
            return set(conn.execute(stmt.returning(returning), values).scalars())
        # other backends: read the keys first (the batch transaction keeps it consistent)
        keys = list(table.primary_key.columns)
        have = {tuple(r) for r in conn.execute(select(*keys))}
        fresh = [v for v in values if tuple(v[k.name] for k in keys) not in have]
        if fresh:
            conn.execute(table.insert(), fresh)
        return {v[returning.name] for v in fresh} if returning is not None else set()

    def existing_articles(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are already stored."""
        ids = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in chunks(ids):
                found.update(conn.execute(select(articles.c.id).where(articles.c.id.in_(chunk))).scalars())
        return found

    def save_batch(
        self, extractions: Iterable[Extraction], discards_: Iterable[Discarded] = ()
    ) -> BatchResult:
        """Store documents with their events, provenance, contradictions, figures, and the discards,
        in one transaction: all of the batch or nothing. Articles already stored are skipped with
        everything extracted from them."""
        extractions = list({x.document.id: x for x in extractions}.values())
        at = R.now_iso()
        try:
            with self.engine.begin() as conn:
                # Writing first (not reading which ids exist) takes SQLite's write lock at once, so
                # a concurrent writer waits instead of failing, and two runs racing on one article
                # cannot both store its events: only the run whose insert went in continues.
                rows = [R.article_row(x.document, at) for x in extractions]
                added = self._insert_ignore(conn, articles, rows, returning=articles.c.id)
                fresh = [x for x in extractions if x.document.id in added]
                evs = {e.id: e for x in fresh for e in x.events}
                figs = {f.id: f for x in fresh for f in x.figures}
                disc = {r["id"]: r for r in (R.discard_row(d, at) for d in discards_)}
                # Count what went in, not what was offered: a row whose id is already stored is
                # skipped, and the summary must agree with `stats()` (issue: demo said 2 figures,
                # stats said 0).
                new_events = self._insert_ignore(
                    conn, events, [R.event_row(e) for e in evs.values()], returning=events.c.id
                )
                self._insert_ignore(conn, provenance, [p for e in evs.values() for p in R.provenance_rows(e)])
                self._insert_ignore(
                    conn,
                    contradictions,
                    [R.contradiction_row("event", e.id, c) for e in evs.values() for c in e.contradictions],
                )
                new_figures = self._insert_ignore(
                    conn, figures, [R.figure_row(f) for f in figs.values()], returning=figures.c.id
                )
                new_discards = self._insert_ignore(
                    conn, discards, list(disc.values()), returning=discards.c.id
                )
        except SQLAlchemyError as exc:
            raise StoreError(f"saving a batch failed, nothing of it was stored: {_first_line(exc)}") from exc
        return BatchResult(
            added_articles=len(fresh),
            skipped_existing=len(extractions) - len(fresh),
            events=len(new_events),
            figures=len(new_figures),
            discards=len(new_discards),
            event_ids=tuple(e for e in evs if e in new_events),
        )

    # --- reads ----------------------------------------------------------------------------------


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _safe(url: str) -> str:
    """The URL without a password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}" if ":" in creds else url
    return url
