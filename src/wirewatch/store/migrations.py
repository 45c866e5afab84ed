"""Schema changes as named, ordered functions, recorded in `schema_migrations` (sqlite-utils style).

`migrate(engine)` runs, in order, every migration whose name is not yet recorded, each in its own
transaction together with the row that records it, so a crash leaves either the whole step or
nothing. The first migration creates the tables of `store/schema.py` as they are when it runs.

Adding a column or a table later: edit `schema.py` (so fresh databases get it from `0001`) AND append
a migration here that brings older databases to the same shape. Because a fresh database already has
the new column when the later migration runs, write later migrations with the idempotent helpers
below (`add_column_if_missing`, `create_table_if_missing`, `create_index_if_missing`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Column, Connection, Engine, Table, inspect, select
from sqlalchemy.schema import CreateColumn

from wirewatch.errors import StoreError
from wirewatch.store import schema


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: a unique name (sorted order = run order) and what it does."""

    name: str
    apply: Callable[[Connection], None]


def add_column_if_missing(conn: Connection, table: Table, column: Column) -> None:
    """`ALTER TABLE ... ADD COLUMN` unless the column exists (fresh databases already have it)."""
    existing = {c["name"] for c in inspect(conn).get_columns(table.name)}
    if column.name in existing:
        return
    ddl = CreateColumn(column).compile(dialect=conn.dialect)
    conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {ddl}")


def create_table_if_missing(conn: Connection, table: Table) -> None:
    """Create one table (and its indexes) unless it exists."""
    table.create(conn, checkfirst=True)


def create_index_if_missing(conn: Connection, table: Table, name: str) -> None:
    """Create the index `name` declared on `table` in schema.py, unless it exists."""
    index = next((i for i in table.indexes if i.name == name), None)
    if index is None:
        raise StoreError(f"no index {name!r} on {table.name} in schema.py: declare it there first")
    index.create(conn, checkfirst=True)


def _0001_initial(conn: Connection) -> None:
    """Every table and index of `schema.py`."""
    schema.metadata.create_all(conn, checkfirst=True)


def _0002_api_event_indexes(conn: Connection) -> None:
    """Indexes for the API's date-sorted pages and country+type filters (issue 6)."""
    for name in ("ix_events_date", "ix_events_country_type"):
        create_index_if_missing(conn, schema.events, name)


def recreate_index_if_different(conn: Connection, table: Table, name: str) -> None:
    """Create the index `name` of schema.py, dropping first an index of that name whose columns
    differ (an older definition), so every database ends with the declared one."""
    index = next((i for i in table.indexes if i.name == name), None)
    if index is None:
        raise StoreError(f"no index {name!r} on {table.name} in schema.py: declare it there first")
    existing = {i["name"]: i["column_names"] for i in inspect(conn).get_indexes(table.name)}
    if name in existing and list(existing[name]) != [c.name for c in index.columns]:
        index.drop(conn)
    index.create(conn, checkfirst=True)


def _0003_event_filter_indexes(conn: Connection) -> None:
    """Indexes declared in schema.py after 0002 (deadliest first and news-only per country), and
    ix_events_date rebuilt where a database got its first (date_first, id) definition."""
    recreate_index_if_different(conn, schema.events, "ix_events_date")
    for name in ("ix_events_country_fatalities", "ix_events_country_background"):
        create_index_if_missing(conn, schema.events, name)


#: Run order is the order of this tuple; never reorder or rename an entry once released.
MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _0001_initial),
    Migration("0002_api_event_indexes", _0002_api_event_indexes),
    Migration("0003_event_filter_indexes", _0003_event_filter_indexes),
)


#: Key of the PostgreSQL advisory lock that serialises migrations of concurrent processes (any
#: constant unique to wirewatch works; these are the ASCII codes of "ww").
PG_MIGRATION_LOCK = 0x7777


def _lock(conn: Connection) -> None:
    """On PostgreSQL, wait for any other process migrating the same database (released at commit)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_MIGRATION_LOCK})")


def applied(conn: Connection) -> set[str]:
    """Names of the migrations already recorded in this database."""
    return set(conn.execute(select(schema.schema_migrations.c.name)).scalars())


def migrate(engine: Engine, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[str]:
    """Run the missing migrations in order; return the names that ran (empty when up to date)."""
    names = [m.name for m in migrations]
    if len(set(names)) != len(names):
        raise StoreError(f"duplicate migration names in {names}: give each migration a unique name")
    with engine.begin() as conn:
        _lock(conn)
        schema.schema_migrations.create(conn, checkfirst=True)
        done = applied(conn)
    unknown = done - set(names)
    if unknown:
        raise StoreError(
            f"the database has migrations this wirewatch does not know ({', '.join(sorted(unknown))}): "
            "upgrade wirewatch or use another database"
        )
    ran: list[str] = []
    for migration in migrations:
        if migration.name in done:
            continue
        with engine.begin() as conn:
            _lock(conn)
            # Another process may have run it meanwhile (two ingests starting together).
            if migration.name in applied(conn):
                continue
            migration.apply(conn)
            conn.execute(
                schema.schema_migrations.insert().values(
                    name=migration.name, applied_at=datetime.now(UTC).isoformat(timespec="seconds")
                )
            )
        ran.append(migration.name)
    return ran


__all__ = [
    "MIGRATIONS",
    "Migration",
    "add_column_if_missing",
    "applied",
    "create_index_if_missing",
    "create_table_if_missing",
    "migrate",
    "recreate_index_if_different",
]
