"""Store: migrations, atomic idempotent batches, reads; on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import Column, Text, select, text
from store_factories import BACKENDS, contradiction, document, event, extraction, figure, open_store

from wirewatch.errors import StoreError
from wirewatch.model import Discarded, Extraction, PartialDate, Span
from wirewatch.store import MIGRATIONS, Store, database_url, migrate
from wirewatch.store.migrations import Migration, add_column_if_missing
from wirewatch.store.schema import articles, events, figures, schema_migrations


@pytest.fixture(params=BACKENDS)
def store(request):
    s = open_store(request.param)
    yield s
    s.close()


def test_database_url_forms(monkeypatch):
    monkeypatch.delenv("WIREWATCH_DB", raising=False)
    assert database_url(":memory:") == "sqlite://"
    assert database_url("postgresql://u:p@h:5432/d") == "postgresql+psycopg://u:p@h:5432/d"
    assert database_url("data/x.db") == "sqlite:///data/x.db"
    assert database_url(None) == "sqlite:///wirewatch.db"
    monkeypatch.setenv("WIREWATCH_DB", "/tmp/other.db")
    assert database_url(None) == "sqlite:////tmp/other.db"


def test_password_hidden_in_messages():
    store = Store(engine=None, url="postgresql+psycopg://user:secret@host/db")  # type: ignore[arg-type]
    assert "secret" not in repr(store) and "secret" not in store.safe_url


def test_migrations_recorded_and_run_once(store):
    with store.engine.connect() as conn:
        names = set(conn.execute(select(schema_migrations.c.name)).scalars())
    assert names == {m.name for m in MIGRATIONS}
    assert migrate(store.engine) == []


def test_later_migration_adds_column_to_old_and_fresh_databases(store):
    extra = Column("wirewatch_test_note", Text)
    step = Migration("9999_test_note", lambda conn: add_column_if_missing(conn, articles, extra))
    assert migrate(store.engine, MIGRATIONS + (step,)) == ["9999_test_note"]
    with store.engine.connect() as conn:
        conn.execute(text("SELECT wirewatch_test_note FROM articles"))  # the column exists
    # running the same step on a database that already has the column is harmless
    with store.engine.begin() as conn:
        add_column_if_missing(conn, articles, extra)
        conn.execute(text("ALTER TABLE articles DROP COLUMN wirewatch_test_note"))


def test_unknown_recorded_migration_is_refused(store):
    with store.engine.begin() as conn:
        conn.execute(schema_migrations.insert().values(name="9999_from_the_future", applied_at="2030-01-01"))
    with pytest.raises(StoreError, match="9999_from_the_future"):
        migrate(store.engine)


def test_save_batch_counts_and_is_idempotent(store):
    batch = [extraction(1, n_events=2), extraction(2)]
    gone = [Discarded("x", "bad.bin", "binary", "bad.bin is binary: give a text, HTML or JSONL file")]
    first = store.save_batch(batch, gone)
    assert (first.added_articles, first.skipped_existing, first.events, first.figures) == (2, 0, 3, 2)
    assert len(first.event_ids) == 3
    again = store.save_batch(batch, gone)
    assert (again.added_articles, again.skipped_existing, again.events) == (0, 2, 0)
    assert store.stats() == {"articles": 2, "events": 3, "discards": 1, "figures": 2, "clusters": 0}


def test_failed_batch_leaves_nothing_and_keeps_earlier_batches(store):
    store.save_batch([extraction(1)])
    good, bad = extraction(2), extraction(3)
    broken = dataclasses.replace(bad.figures[0], value=None)  # NOT NULL: the database refuses it
    with pytest.raises(StoreError, match="nothing of it was stored"):
        store.save_batch([good, dataclasses.replace(bad, figures=(broken,))])
    assert store.stats()["articles"] == 1
    assert store.existing_articles([good.document.id, bad.document.id]) == set()
    assert store.save_batch([good]).added_articles == 1  # the store is still usable


def test_event_round_trip_through_iter_events(store):
    doc = document(7)
    ev = event(doc, date=PartialDate(2024, 3), date_basis="explicit", contradictions=(contradiction(),))
    undated = event(doc, 1, date=None, date_basis=None, place=None, lat=None, lon=None, fatalities=None)
    store.save_batch([Extraction(doc, (ev, undated), (figure(doc),))])
    assert sorted(store.iter_events(), key=lambda e: e.id) == sorted([ev, undated], key=lambda e: e.id)
    assert list(store.iter_events([undated.id])) == [undated]


def test_query_filters(store):
    base = document(1)
    mk = [
        event(base, 0, country="IQ", date=PartialDate(2024, 3, 4), actor1="Islamic State (Iraq)", fatalities=3),
        event(base, 1, country="SY", date=PartialDate(2024, 2), type="Battles", subtype="Armed clash",
              place="Deir ez-Zor", admin1="Deir ez-Zor", background=True, fatalities=9),
        event(base, 2, country="IQ", date=None, actor2="Civilians (Iraq)", cluster="c1", fatalities=None),
    ]  # fmt: skip
    store.save_batch([Extraction(base, tuple(mk))])
    ids = lambda rows: {r["id"] for r in rows}
    e0, e1, e2 = (e.id for e in mk)
    assert ids(store.query_events(country="iq")) == {e0, e2}
    assert ids(store.query_events(since="2024-03-01")) == {e0}
    assert ids(store.query_events(until="2024-02-15")) == {e1}  # a month overlaps a day inside it
    assert ids(store.query_events(since="2024-02-20", until="2024-02")) == {e1}
    assert ids(store.query_events(type="battles")) == {e1}
    assert ids(store.query_events(subtype="Armed clash")) == {e1}
    assert ids(store.query_events(actor="islamic state")) == {e0}
    assert ids(store.query_events(actor="civilians")) == {e2}  # actor2 matches too
    assert ids(store.query_events(place="ez-zor")) == {e1}
    assert ids(store.query_events(admin1="deir ez-zor")) == {e1}
    assert ids(store.query_events(text="MILITANTS FIRED")) == {e0, e1, e2}
    assert ids(store.query_events(text="nothing like this")) == set()
    assert ids(store.query_events(background=True)) == {e1}
    assert ids(store.query_events(cluster="c1")) == {e2}
    assert [r["id"] for r in store.query_events(sort="-fatalities")] == [e1, e0, e2]
    assert [r["id"] for r in store.query_events(sort="date")][-1] == e2  # undated last
    assert len(store.query_events(limit=1, offset=1)) == 1
    assert store.count_events(country="IQ") == 2
    row = store.query_events(country="SY")[0]
    assert row["url"] == base.url and row["published"] == "2024-03-05"
    with pytest.raises(StoreError):
        store.query_events(sort="colour")
    with pytest.raises(StoreError):
        store.query_events(since="last week")


def test_get_event_and_article(store):
    x = extraction(4)
    ev = dataclasses.replace(x.events[0], contradictions=(contradiction(),))
    store.save_batch([dataclasses.replace(x, events=(ev,))])
    got = store.get_event(ev.id)
    assert got["evidence"] == ev.evidence
    assert got["provenance"] == {name: span.to_dict() for name, span in ev.provenance}
    assert got["contradictions"][0]["field"] == "injured"
    assert got["article"]["url"] == x.document.url
    ctx = got["context"]
    assert ctx[ev.span.start - got["context_start"] : ev.span.end - got["context_start"]] == ev.evidence
    art = store.get_article(x.document.id)
    assert art["text"] == x.document.text and [e["id"] for e in art["events"]] == [ev.id]
    assert store.get_event("nope") is None and store.get_article("nope") is None


def test_events_in_window(store):
    doc = document(5)
    inside = event(doc, 0, date=PartialDate(2024, 3, 10))
    month = event(doc, 1, date=PartialDate(2024, 3))
    before = event(doc, 2, date=PartialDate(2024, 2, 27))
    elsewhere = event(doc, 3, date=PartialDate(2024, 3, 10), country="SY")
    store.save_batch([Extraction(doc, (inside, month, before, elsewhere))])
    found = {e.id for e in store.events_in_window("IQ", "2024-03-09", "2024-03-11")}
    assert found == {inside.id, month.id}


def test_duplicate_provenance_field_keeps_first_span(store):
    doc = document(6)
    ev = event(doc, provenance=(("date", Span(1, 3)), ("date", Span(5, 9))))
    store.save_batch([Extraction(doc, (ev,))])
    assert store.get_event(ev.id)["provenance"] == {"date": {"start": 1, "end": 3}}


def test_sqlite_file_uses_wal_and_foreign_keys(tmp_path):
    store = Store.open(tmp_path / "w.db")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    orphan = event(document(9))  # its article is not in the batch
    with pytest.raises(StoreError), store.engine.begin() as conn:
        from wirewatch.store.rows import event_row

        try:
            conn.execute(events.insert(), [event_row(orphan)])
        except Exception as exc:
            raise StoreError(str(exc)) from exc
    store.close()
    reopened = Store.open(tmp_path / "w.db")  # reopening an up-to-date file runs nothing
    assert reopened.stats()["events"] == 0


def test_bad_postgres_url_is_a_store_error():
    with pytest.raises(StoreError, match="cannot open"):
        Store.open("postgresql://nobody@127.0.0.1:1/none")


def test_figures_stored(store):
    x = extraction(8)
    store.save_batch([x])
    with store.engine.connect() as conn:
        row = conn.execute(select(figures)).mappings().one()
    assert (row["quantity"], row["value"], row["as_of"]) == ("troops", 2500, "2024-03")


def test_two_writers_on_one_sqlite_file_store_each_article_once(tmp_path):
    """Two stores (as two ingests would) saving overlapping batches at the same time: no lock
    error, every article and event stored once."""
    import threading

    path = tmp_path / "shared.db"
    Store.open(path).close()
    batches = [[extraction(i, n_events=2) for i in range(k, k + 5)] for k in range(0, 20, 5)]
    errors: list[Exception] = []

    def writer(order):
        store = Store.open(path)
        try:
            for b in order:
                store.save_batch(b)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=writer, args=(o,)) for o in (batches, batches[::-1])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Store.open(path).stats() == {
        "articles": 20,
        "events": 40,
        "discards": 0,
        "figures": 20,
        "clusters": 0,
    }


def test_migration_brings_an_old_database_to_the_current_indexes(tmp_path):
    """A database made by 0001 before the API indexes were declared gets them from 0002."""
    from sqlalchemy import inspect

    path = tmp_path / "old.db"
    store = Store.open(path)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_events_date")
        conn.exec_driver_sql("DROP INDEX ix_events_country_type")
        conn.execute(schema_migrations.delete().where(schema_migrations.c.name != "0001_initial"))
    store.close()
    store = Store.open(path)
    names = {i["name"] for i in inspect(store.engine).get_indexes("events")}
    assert {"ix_events_date", "ix_events_country_type"} <= names


#: Indexes the first release of schema.py declared (created by 0001 on every database).
INITIAL_INDEXES = {
    "ix_events_country_date", "ix_events_doc", "ix_events_cluster", "ix_events_type", "ix_figures_quantity",
    "ix_clusters_country_date", "ix_contradictions_ref",
}  # fmt: skip
#: ... and those migration 0002 adds.
INDEXES_0002 = {"ix_events_date", "ix_events_country_type"}


def _database_at(path, recorded: tuple[str, ...], keep: set[str]) -> None:
    """A SQLite file shaped like one made by an older wirewatch: only the indexes in `keep`, and
    only the migrations in `recorded` marked as applied."""
    from sqlalchemy import inspect

    store = Store.open(path)
    with store.engine.begin() as conn:
        insp = inspect(conn)
        for table in insp.get_table_names():
            for ix in insp.get_indexes(table):
                if ix["name"] not in keep:
                    conn.exec_driver_sql(f"DROP INDEX {ix['name']}")
        conn.execute(schema_migrations.delete().where(schema_migrations.c.name.not_in(recorded)))
    store.close()


def _index_names(store) -> set[str]:
    from sqlalchemy import inspect

    insp = inspect(store.engine)
    return {ix["name"] for t in insp.get_table_names() for ix in insp.get_indexes(t)}


def test_database_at_0002_migrates_to_the_indexes_declared_later(tmp_path):
    """Issue: ix_events_country_fatalities / ix_events_country_background were declared in
    schema.py after 0002, so a database made at 0002 never got them; 0003 must create them."""
    path = tmp_path / "at0002.db"
    _database_at(path, ("0001_initial", "0002_api_event_indexes"), INITIAL_INDEXES | INDEXES_0002)
    with Store.open(path, migrate_schema=False) as old:
        assert "ix_events_country_fatalities" not in _index_names(old)
        assert migrate(old.engine) == ["0003_event_filter_indexes"]
        assert {"ix_events_country_fatalities", "ix_events_country_background"} <= _index_names(old)


def test_every_index_in_schema_is_created_by_a_migration(tmp_path):
    """Guard: an index added to schema.py without a migration leaves old databases without it.
    A database from the first release, migrated, must have every index schema.py declares."""
    from wirewatch.store.schema import metadata

    path = tmp_path / "at0001.db"
    _database_at(path, ("0001_initial",), INITIAL_INDEXES)
    declared = {ix.name for t in metadata.tables.values() for ix in t.indexes}
    with Store.open(path) as migrated:
        assert declared <= _index_names(migrated)


def test_index_with_an_older_definition_is_rebuilt(tmp_path):
    """ix_events_date first covered (date_first, id); databases made then keep the old columns
    unless a migration rebuilds it (create-if-missing skips an index that has the name)."""
    from sqlalchemy import inspect

    path = tmp_path / "olddate.db"
    _database_at(path, ("0001_initial", "0002_api_event_indexes"), INITIAL_INDEXES | {"ix_events_country_type"})
    with Store.open(path, migrate_schema=False) as old, old.engine.begin() as conn:
        conn.exec_driver_sql("CREATE INDEX ix_events_date ON events (date_first, id)")
    with Store.open(path) as migrated:
        cols = {i["name"]: i["column_names"] for i in inspect(migrated.engine).get_indexes("events")}
    assert cols["ix_events_date"] == ["date_first", "id", "date_last"]


def test_batch_figure_count_agrees_with_stored_figures(store):
    """Issue: `wirewatch demo` reported 2 figures while `stats` showed 0. The summary counted the
    figures offered to the store, not the rows that went in; with hand-made extractions carrying
    figures, the count save_batch reports must be what `stats` and `get_article` see."""
    doc_a, doc_b = document(31), document(32)
    figs_a = (figure(doc_a, 0), figure(doc_a, 1, quantity="rockets", value=40, about="rockets fired"))
    first = store.save_batch([Extraction(doc_a, (event(doc_a),), figs_a)])
    assert first.figures == 2 == store.stats()["figures"]
    assert {f["value"] for f in store.get_article(doc_a.id)["figures"]} == {2500, 40}
    # A figure whose id is already stored (the same claim offered again under another document) is
    # skipped by the insert: it must not be counted either.
    reused = dataclasses.replace(figs_a[0], doc_id=doc_b.id)
    second = store.save_batch([Extraction(doc_b, (), (reused, figure(doc_b, 0)))])
    assert second.figures == 1
    assert store.stats()["figures"] == first.figures + second.figures == 3


def test_batch_event_count_and_ids_are_the_rows_inserted(store):
    """Same issue for events: an event id already stored is neither counted nor handed to resolution."""
    doc_a, doc_b = document(33), document(34)
    ev = event(doc_a)
    store.save_batch([Extraction(doc_a, (ev,))])
    again = store.save_batch([Extraction(doc_b, (dataclasses.replace(ev, doc_id=doc_b.id), event(doc_b)))])
    assert again.events == 1 and again.event_ids == (event(doc_b).id,)
    assert store.stats()["events"] == 2


def test_sentence_around_a_span_reference():
    """Contradiction sources given as `doc:start-end` are shown with their whole sentence."""
    from wirewatch.store.attribution import SPAN_REF, sentence_around

    text = "First one. The second sentence has 12 dead! Third."
    start = text.index("12")
    assert sentence_around(text, start, start + 2) == "The second sentence has 12 dead!"
    assert sentence_around(text, 0, 5) == "First one."
    m = SPAN_REF.match("doc:with:colons:10-14")
    assert (m["doc"], m["start"], m["end"]) == ("doc:with:colons", "10", "14")
    assert SPAN_REF.match("a1b2c3d4") is None
