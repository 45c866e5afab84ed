"""pipeline.ingest: batches, idempotent re-ingest, interrupted runs, extraction failures, resolution hook."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from store_factories import BACKENDS, event, open_store

from wirewatch import pipeline
from wirewatch.model import Extraction, PartialDate
from wirewatch.store import Store
from wirewatch.store.schema import articles

SENTENCES = (
    "Gunmen attacked a police checkpoint north of the city on Tuesday night, killing three officers.",
    "Des tirs de roquettes ont visé la base aérienne mardi soir, sans faire de victimes.",
    "Protesters gathered outside the governor's office on Friday to demand the release of detainees.",
    "Un engin explosif a touché un convoi logistique sur la route principale, blessant deux soldats.",
)


def write_inputs(folder: Path, n: int) -> list[Path]:
    """n distinct small articles as .jsonl lines split over files (publication date given)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        body = f"Dispatch {i}.\n{SENTENCES[i % len(SENTENCES)]}\nMore details were not immediately available."
        line = {
            "id": f"art-{i:03d}",
            "text": body,
            "published": "2024-03-06",
            "lang": "en" if i % 2 == 0 else "fr",
        }
        p = folder / f"{i:03d}.jsonl"
        p.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
        paths.append(p)
    return paths


def fake_extract_many(calls: list):
    """An extractor giving one hand-made event per document (and recording what it saw)."""

    def run(documents, *, workers=1, batch_size=16):
        docs = list(documents)
        calls.append([d.id for d in docs])
        for d in docs:
            yield Extraction(d, (event(d, date=PartialDate(2024, 3, 5)),))

    return run


@pytest.fixture(params=BACKENDS)
def store(request):
    s = open_store(request.param)
    yield s
    s.close()


@pytest.fixture
def no_resolution(monkeypatch):
    real = pipeline._optional
    monkeypatch.setattr(pipeline, "_optional", lambda m, n: None if m == "resolution" else real(m, n))


def stored_ids(store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(articles.c.id)).scalars())


def test_ingest_then_reingest_adds_nothing(store, tmp_path, monkeypatch, no_resolution):
    calls: list = []
    monkeypatch.setattr(pipeline, "extract_many", fake_extract_many(calls))
    write_inputs(tmp_path / "in", 5)
    first = pipeline.ingest([str(tmp_path / "in")], store, batch_size=2)
    assert (first.read, first.added_articles, first.events, first.discards) == (5, 5, 5, 0)
    assert [len(c) for c in calls] == [2, 2, 1]  # one extraction call per batch
    calls.clear()
    again = pipeline.ingest([str(tmp_path / "in")], store, batch_size=2)
    assert (again.added_articles, again.skipped_existing, again.events) == (0, 5, 0)
    assert all(c == [] for c in calls)  # stored documents are skipped before extraction
    assert store.stats()["articles"] == 5


def test_exception_between_batches_then_rerun_stores_each_article_once(
    store, tmp_path, monkeypatch, no_resolution
):
    monkeypatch.setattr(pipeline, "extract_many", fake_extract_many([]))
    write_inputs(tmp_path / "in", 7)
    real_save = store.save_batch
    saved = []

    def crash_on_third(extractions, discards=()):
        if len(saved) == 2:
            raise RuntimeError("simulated crash")
        saved.append(1)
        return real_save(extractions, discards)

    monkeypatch.setattr(store, "save_batch", crash_on_third)
    with pytest.raises(RuntimeError):
        pipeline.ingest([str(tmp_path / "in")], store, batch_size=2)
    assert store.stats()["articles"] == 4  # the two finished batches are kept
    monkeypatch.setattr(store, "save_batch", real_save)
    summary = pipeline.ingest([str(tmp_path / "in")], store, batch_size=2)
    assert (summary.added_articles, summary.skipped_existing) == (3, 4)
    ids = stored_ids(store)
    assert len(ids) == len(set(ids)) == 7


#: The CLI in a subprocess with a slow stand-in extractor, so the kill lands midway whatever the
#: real extractor does (this test is about the store and the pipeline, not extraction).
SLOW_CLI = """
import time
from wirewatch import pipeline
from wirewatch.model import Extraction

def slow_extract_many(documents, **kw):
    for d in documents:
        time.sleep(0.2)
        yield Extraction(d)

pipeline.extract_many = slow_extract_many
pipeline._optional = lambda module, name: None
from wirewatch.cli import main
main()
"""


def test_killed_subprocess_then_rerun(tmp_path):
    """A real `wirewatch ingest` killed midway (SIGKILL), then re-run: every article exactly once."""
    n = 24
    write_inputs(tmp_path / "in", n)
    db = tmp_path / "killed.db"
    cmd = [
        sys.executable,
        "-c",
        SLOW_CLI,
        "ingest",
        str(tmp_path / "in"),
        "--db",
        str(db),
        "--batch-size",
        "2",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(1200):  # wait (at most about two minutes) for a committed batch
            if proc.poll() is not None or (db.exists() and _count(db) > 0):
                break
            time.sleep(0.1)
    finally:
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
    before = _count(db)
    assert killed and 0 < before < n, "the first run should have been killed midway"
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    store = Store.open(db)
    ids = stored_ids(store)
    assert len(ids) == len(set(ids)) == n
    assert f"{before} already stored" in done.stderr


def _count(db: Path) -> int:
    try:
        s = Store.open(db, migrate_schema=False)
        with s.engine.connect() as conn:
            n = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        s.close()
        return n
    except Exception:  # noqa: BLE001 - the file may not have its tables yet
        return 0


def test_one_document_breaking_the_extractor_is_discarded(tmp_path, monkeypatch, no_resolution):
    write_inputs(tmp_path / "in", 3)

    def broken_many(documents, **kw):
        raise ValueError("batch failed")

    def picky(doc):
        if "Dispatch 1." in doc.text:
            raise ValueError("cannot handle this one")
        return Extraction(doc)

    monkeypatch.setattr(pipeline, "extract_many", broken_many)
    monkeypatch.setattr(pipeline, "extract", picky)
    store = Store.open(":memory:")
    summary = pipeline.ingest([str(tmp_path / "in")], store)
    assert (summary.added_articles, summary.discards) == (2, 1)
    assert dict(summary.discard_reasons) == {"extraction-failed": 1}
    assert store.list_discards()[0]["reason"] == "extraction-failed"


def test_unreadable_inputs_are_stored_discards(tmp_path, no_resolution):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    store = Store.open(":memory:")
    summary = pipeline.ingest([str(tmp_path)], store)
    assert summary.added_articles == 0 and summary.discards == 2
    assert store.stats()["discards"] == 2
    assert {d["reason"] for d in store.list_discards()} == {r for r, _ in summary.discard_reasons}


def test_resolution_hook_gets_new_event_ids(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "extract_many", fake_extract_many([]))
    seen: list = []
    real = pipeline._optional
    hook = lambda store, ids: seen.extend(ids if ids is not None else ["<catch-up>"])
    monkeypatch.setattr(pipeline, "_optional", lambda m, n: hook if n == "update_store" else real(m, n))
    write_inputs(tmp_path / "in", 3)
    store = Store.open(":memory:")
    summary = pipeline.ingest([str(tmp_path / "in")], store, batch_size=2)
    assert summary.resolution and summary.resolved == 3
    assert seen[0] == "<catch-up>"  # events an interrupted run left unresolved come first
    assert sorted(seen[1:]) == sorted(e.id for e in store.iter_events())
    seen.clear()
    pipeline.ingest([str(tmp_path / "in")], store)
    assert seen == ["<catch-up>"]  # nothing new to resolve


def test_progress_is_called_with_running_counts(tmp_path, monkeypatch, no_resolution):
    monkeypatch.setattr(pipeline, "extract_many", fake_extract_many([]))
    write_inputs(tmp_path / "in", 3)
    reports = []
    pipeline.ingest([str(tmp_path / "in")], Store.open(":memory:"), batch_size=2, progress=reports.append)
    assert [r.read for r in reports][:3] == [1, 2, 2] and reports[-1].added_articles == 3


def test_bad_batch_size():
    with pytest.raises(pipeline.PipelineError):
        pipeline.ingest([], Store.open(":memory:"), batch_size=0)


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_seeds_ingest_twice(seeds_dir, backend):
    store = open_store(backend)
    first = pipeline.ingest([str(seeds_dir)], store)
    assert store.stats()["articles"] == 5 and first.added_articles == 5
    second = pipeline.ingest([str(seeds_dir)], store)
    assert store.stats()["articles"] == 5 and second.added_articles == 0 and second.skipped_existing == 5
    store.close()


def test_events_left_unresolved_by_a_killed_run_are_resolved_by_the_next():
    """Events saved without resolution (the run died in between) get clusters on the next ingest."""
    if pipeline._optional("resolution", "update_store") is None:
        pytest.skip("wirewatch.resolution.update_store is not there")
    from store_factories import extraction

    store = Store.open(":memory:")
    store.save_batch([extraction(1), extraction(2)])
    assert all(e.cluster is None for e in store.iter_events())
    pipeline.ingest([], store)
    assert all(e.cluster for e in store.iter_events())


def test_a_single_path_is_one_input(tmp_path, monkeypatch, no_resolution):
    monkeypatch.setattr(pipeline, "extract_many", fake_extract_many([]))
    write_inputs(tmp_path / "in", 2)
    summary = pipeline.ingest(tmp_path / "in", Store.open(":memory:"))  # not a list
    assert (summary.read, summary.added_articles) == (2, 2)


def test_an_undated_article_takes_the_year_of_a_report_stored_in_an_earlier_batch(tmp_path):
    """Real extraction and store: the dated report comes in one run, the undated one in the next."""
    from wirewatch.store.schema import events as events_table

    dated = {"id": "dated-en", "lang": "en", "published": "2020-01-01",
             "text": "Hundreds of angry protesters stormed the US embassy in Baghdad on Tuesday."}
    undated = {"id": "undated-fr", "lang": "fr",
               "text": "Mardi 31 décembre, des centaines de manifestants en colère ont pris d'assaut "
                       "l'ambassade américaine à Bagdad."}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "1.jsonl").write_text(json.dumps(dated) + "\n", encoding="utf-8")
    (tmp_path / "b" / "2.jsonl").write_text(json.dumps(undated, ensure_ascii=False) + "\n", encoding="utf-8")
    store = Store.open(":memory:")
    pipeline.ingest([str(tmp_path / "a")], store)
    pipeline.ingest([str(tmp_path / "b")], store)
    with store.engine.connect() as conn:
        rows = conn.execute(select(events_table.c.doc_id, events_table.c.date, events_table.c.date_basis,
                                   events_table.c.cluster_id)).all()
    by_doc = {r.doc_id: r for r in rows}
    assert by_doc["undated-fr"].date == "2019-12-31"
    assert by_doc["undated-fr"].date_basis == "inferred"
    assert by_doc["undated-fr"].cluster_id == by_doc["dated-en"].cluster_id
