"""Storage: SQLite or PostgreSQL through SQLAlchemy Core (`schema.py` tables, named migrations)."""

from wirewatch.store.migrations import MIGRATIONS, migrate
from wirewatch.store.store import BatchResult, Store, database_url

__all__ = ["MIGRATIONS", "BatchResult", "Store", "database_url", "migrate"]
