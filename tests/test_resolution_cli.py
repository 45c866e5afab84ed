"""`wirewatch clusters`, `contradictions`, `figures` (issue 5) on a temporary SQLite store."""

from __future__ import annotations

import json

import pytest
from test_resolution import ev
from typer.testing import CliRunner

from wirewatch.cli import _register_commands, app
from wirewatch.model import Document, Extraction, Figure, PartialDate, Span
from wirewatch.store import Store

_register_commands()
runner = CliRunner()


def _doc(doc_id: str, published: str) -> Document:
    return Document(id=doc_id, source=f"outlet-{doc_id}/story.txt", lang="en", text="Our own text.",
                    published=PartialDate.parse(published))


def _fig(doc: str, value: int, about: str, as_of: str) -> Figure:
    text = f"There are {value} of them."
    return Figure(id=f"{doc}-{value}", doc_id=doc, quantity="troops", value=value, about=about,
                  span=Span(0, len(text)), evidence=text, as_of=PartialDate.parse(as_of))


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "w.db"
    with Store.open(path) as store:
        store.save_batch([
            Extraction(_doc("a", "2020-11-18"), events=(ev("a", injured=4),),
                       figures=(_fig("a", 3000, "US troops in Iraq", "2020-09"),)),
            Extraction(_doc("b", "2020-11-19"), events=(ev("b", injured=5),),
                       figures=(_fig("b", 2500, "troupes américaines en Irak", "2021-01"),
                                _fig("b", 3500, "coalition troops", "2020-11"))),
        ])
    return str(path)


def test_clusters_resolves_then_lists(db):
    out = runner.invoke(app, ["clusters", "--db", db, "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)
    assert len(rows) == 1 and rows[0]["n_sources"] == 2
    members = runner.invoke(app, ["clusters", rows[0]["id"], "--db", db, "--format", "json"])
    assert {r["doc_id"] for r in json.loads(members.stdout)} == {"a", "b"}
    missing = runner.invoke(app, ["clusters", "nope", "--db", db])
    assert missing.exit_code == 1


def test_contradictions_lists_values_with_sources(db):
    runner.invoke(app, ["clusters", "--db", db, "--format", "json"])
    out = runner.invoke(app, ["contradictions", "--db", db, "--field", "injured", "--format", "json"])
    assert out.exit_code == 0, out.output
    (row,) = json.loads(out.stdout)
    assert {v["value"]: v["sources"] for v in row["values"]} == {4: ["a"], 5: ["b"]}
    table = runner.invoke(app, ["contradictions", "--db", db])
    assert table.exit_code == 0 and "injured" in table.stdout


def test_figures_groups_series_across_languages(db):
    out = runner.invoke(app, ["figures", "--db", db, "--format", "json"])
    assert out.exit_code == 0, out.output
    series = json.loads(out.stdout)
    values = sorted([p["value"] for p in s["points"]] for s in series)
    assert values == [[3000, 2500], [3500]]


def test_commands_have_help():
    for cmd in ("clusters", "contradictions", "figures"):
        out = runner.invoke(app, [cmd, "--help"])
        assert out.exit_code == 0 and "Usage" in out.stdout
