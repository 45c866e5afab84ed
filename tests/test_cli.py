"""CLI: every command has help, exit codes, output formats, errors as one line (never a traceback)."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
import typer
from store_factories import document, event
from typer.testing import CliRunner

from wirewatch.cli import _register_commands, app
from wirewatch.cli.ingest import DEMO_DIR
from wirewatch.model import Extraction, PartialDate
from wirewatch.store import Store

_register_commands()
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A database file with two hand-made events (one located), used through --db."""
    path = tmp_path / "cli.db"
    monkeypatch.delenv("WIREWATCH_DB", raising=False)
    doc = document(1)
    with Store.open(path) as store:
        store.save_batch([Extraction(doc, (event(doc, 0), event(doc, 1, lat=None, lon=None, country="SY")))])
    return str(path)


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Armed men stormed a village market on Sunday and abducted four traders, residents said.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "Des manifestants se sont rassemblés vendredi devant le ministère pour réclamer des salaires.\n",
        encoding="utf-8",
    )
    return folder


def test_every_command_has_help():
    group = typer.main.get_command(app)
    assert {"ingest", "extract", "events", "show", "export", "stats", "demo", "info"} <= set(group.commands)
    for name, command in group.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert command.help, f"{name} has no help text"


def test_stats_json_on_an_empty_database(tmp_path):
    result = run("stats", "--format", "json", "--db", str(tmp_path / "empty.db"))
    assert result.exit_code == 0
    counts = json.loads(result.stdout)
    assert counts["articles"] == counts["events"] == counts["discards"] == 0


def test_db_from_environment(tmp_path, monkeypatch, db):
    monkeypatch.setenv("WIREWATCH_DB", db)
    assert json.loads(run("stats", "-f", "json").stdout)["events"] == 2


def test_ingest_exit_codes(tmp_path, inputs):
    dbfile = str(tmp_path / "w.db")
    result = run("ingest", str(inputs), "--db", dbfile, "--published", "2024-03-10", "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["added_articles"] == 2 and summary["discards"] == 0
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    result = run("ingest", str(inputs), "--db", dbfile, "--json")
    assert result.exit_code == 1  # one input discarded
    summary = json.loads(result.stdout)
    assert (summary["added_articles"], summary["skipped_existing"], summary["discards"]) == (0, 2, 1)
    counts = json.loads(run("stats", "-f", "json", "--db", dbfile).stdout)
    assert (counts["articles"], counts["discards"]) == (2, 1)


def test_usage_errors_exit_2(db):
    assert run("events", "--since", "last tuesday", "--db", db).exit_code == 2
    assert run("events", "--format", "yaml", "--db", db).exit_code == 2
    assert run("export", "--format", "xlsx", "--db", db).exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_store_error_is_one_line_without_traceback():
    result = run("stats", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "Traceback" not in result.output


def test_extract_prints_one_object_per_document_and_discards_on_stderr(inputs):
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    result = run("extract", str(inputs), "--published", "2024-03-10")
    assert result.exit_code == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(docs) == 2
    for d in docs:
        assert {"id", "source", "lang", "published", "events", "figures"} <= set(d)
        assert d["published"] == "2024-03-10"
    discards = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert len(discards) == 1 and discards[0]["reason"] and discards[0]["source"].endswith("empty.txt")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "geojson", "table"])
def test_events_formats(db, fmt):
    result = run("events", "--format", fmt, "--db", db)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "json":
        assert len(json.loads(out)) == 2
    elif fmt == "jsonl":
        assert sorted(json.loads(line)["country"] for line in out.splitlines()) == ["IQ", "SY"]
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(out)))) == 2
    elif fmt == "geojson":
        assert len(json.loads(out)["features"]) == 1
    else:
        assert "Shelling" in out and event(document(1), 0).id in out


def test_events_filters(db):
    result = run("events", "--country", "SY", "--format", "json", "--db", db)
    assert [e["country"] for e in json.loads(result.stdout)] == ["SY"]
    result = run("events", "--actor", "no such actor", "--format", "json", "--db", db)
    assert json.loads(result.stdout) == []
    result = run("events", "--clusters", "--format", "json", "--db", db)
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_show_event_article_and_unknown(db):
    doc = document(1)
    ev = event(doc, 0)
    result = run("show", ev.id, "--format", "json", "--db", db)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["evidence"] == ev.evidence
    table = run("show", ev.id, "--db", db)
    assert table.exit_code == 0 and "Militants" in table.stdout and "date" in table.stdout
    article = run("show", doc.id, "--db", db)
    assert article.exit_code == 0 and doc.text.split(".")[0] in article.stdout
    missing = run("show", "nothing-here", "--db", db)
    assert missing.exit_code == 1 and "no event or article" in missing.stderr


@pytest.mark.parametrize("fmt", ["csv", "geojson", "parquet"])
def test_export_command(db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    result = run("export", "--format", fmt, "-o", str(out), "--db", db)
    assert result.exit_code == 0, result.stderr
    if fmt == "csv":
        header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header[:3] == ["event_id_cnty", "event_date", "year"]
    elif fmt == "geojson":
        assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    else:
        assert pq.read_table(out).num_rows == 2


def test_export_parquet_to_stdout_is_refused(db):
    result = run("export", "--format", "parquet", "--db", db)
    assert result.exit_code == 2 and "parquet" in result.stderr


@pytest.mark.slow
def test_info_json(db):
    result = run("info", "--json", "--db", db)
    assert result.exit_code == 0
    info = json.loads(result.stdout)
    assert info["database"]["events"] == 2
    assert {row["lang"] for row in info["languages"]} >= {"en", "fr"}
    assert info["versions"]["wirewatch"]


@pytest.mark.slow
def test_demo_ingests_the_packaged_corpus(tmp_path):
    if not DEMO_DIR.is_dir() or not any(DEMO_DIR.iterdir()):
        pytest.skip("the demo corpus is not there yet")
    dbfile = str(tmp_path / "demo.db")
    result = run("demo", "--db", dbfile, "--json")
    assert result.exit_code == 0, result.stderr
    timeline = json.loads(result.stdout)
    dates = [e["date"] for e in timeline if e["date"]]
    assert dates == sorted(dates, key=lambda d: PartialDate.parse(d).first_day())
    counts = json.loads(run("stats", "-f", "json", "--db", dbfile).stdout)
    assert counts["articles"] >= 5
    again = run("demo", "--db", dbfile, "--json")  # running it twice adds nothing
    assert json.loads(run("stats", "-f", "json", "--db", dbfile).stdout) == counts
    assert again.exit_code == 0


def test_events_csv_neutralises_formula_cells(tmp_path, monkeypatch):
    """CSV injection: `wirewatch events -f csv` (the shared output option) wrote text cells
    starting with = or @ as is, like `export` did; they must get the same `'` guard."""
    monkeypatch.delenv("WIREWATCH_DB", raising=False)
    path = tmp_path / "evil.db"
    doc = document(5)
    with Store.open(path) as store:
        store.save_batch([Extraction(doc, (event(doc, 0, actor1="=cmd|'/c calc'!A0", place="@SUM(A1)"),))])
    result = run("events", "-f", "csv", "--db", str(path))
    assert result.exit_code == 0, result.stderr
    (row,) = csv.DictReader(io.StringIO(result.stdout, newline=""))
    assert row["actor1"] == "'=cmd|'/c calc'!A0" and row["place"] == "'@SUM(A1)"
    assert row["fatalities"] == "0"  # numbers stay numbers


def test_demo_with_an_in_memory_database_prints_the_events_it_stored(monkeypatch, tmp_path):
    """Issue: `demo --db :memory:` counted events and figures, then opened a second (new, empty)
    in-memory database for the timeline, so it printed nothing. Ingest and timeline share a store."""
    from wirewatch import pipeline
    from wirewatch.cli import ingest as ingest_cli

    corpus = tmp_path / "demo"
    corpus.mkdir()
    (corpus / "one.txt").write_text("Gunmen attacked a checkpoint on Monday, officials said.\n", encoding="utf-8")
    monkeypatch.setattr(ingest_cli, "DEMO_DIR", corpus)
    monkeypatch.setattr(pipeline, "_optional", lambda m, n: None)

    def fake_many(documents, *, workers=1, batch_size=16):
        for d in documents:
            yield Extraction(d, (event(d, 0, date=PartialDate(2024, 3, 4)),))

    monkeypatch.setattr(pipeline, "extract_many", fake_many)
    result = run("demo", "--db", ":memory:", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 1
    assert ":memory: keeps nothing" in result.stderr


def test_contradictions_command_names_reports_of_merged_away_sources(tmp_path, monkeypatch):
    """Issue: `wirewatch contradictions` printed the ids of events merged away (never stored) as
    bare hashes; the table must name the report and quote the sentence, json must carry it."""
    from store_factories import merged_away_store

    monkeypatch.delenv("WIREWATCH_DB", raising=False)
    path = str(tmp_path / "merged.db")
    with Store.open(path) as store:
        doc, ev = merged_away_store(store)
    out = run("contradictions", "--db", path, "--scope", "event", "-f", "json")
    assert out.exit_code == 0, out.stderr
    (row,) = json.loads(out.stdout)
    merged = next(a for v in row["values"] for a in v["attributed"] if a["id"] == "ev-merged-away")
    assert merged["resolved"] == "merged" and merged["title"] == doc.title and merged["merged_into"] == ev.id
    table = run("contradictions", "--db", path, "--scope", "all", "-f", "csv")
    cells = [r["values"] for r in csv.DictReader(io.StringIO(table.stdout, newline=""))]
    assert len(cells) == 2
    for cell in cells:
        assert "ev-merged-away" not in cell and f"merged into {ev.id}" in cell
        assert "four soldiers had died" in cell


def test_evaluate_with_malformed_gold_exits_2_with_one_line(tmp_path):
    """`evaluate` used its own handler (exit 1, the code for discards); a gold file that is not
    JSON is bad input: one stderr line and exit 2 like every other command."""
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"id": "a", "text": "Des roquettes sont tombées mardi.", "events": []}\nnot json\n', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(bad)])
    assert result.exit_code == 2
    assert "not valid JSON" in result.output
    assert "Traceback" not in result.output
