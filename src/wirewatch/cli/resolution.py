"""`wirewatch clusters`, `contradictions`, `figures`: cross-article resolution on the store."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from wirewatch.cli.app import EXIT_DISCARDS, DbOption, app
from wirewatch.cli.output import FormatOption, OutputFormat, emit, stderr
from wirewatch.store.rows import figure_from_row

CLUSTER_COLUMNS = (
    "id", "date", "type", "subtype", "place", "admin1", "country", "actor1", "actor2", "fatalities",
    "fatalities_min", "fatalities_max", "injured", "injured_min", "injured_max", "n_events", "n_sources",
    "n_outlets", "first_reported", "last_reported",
)  # fmt: skip
#: The narrower view of a cluster in a table (ranges folded into the count: `7 (0-10)`).
CLUSTER_TABLE = (
    "id", "date", "subtype", "place", "country", "actor1", "actor2", "fatalities", "injured", "reports",
    "outlets", "first_reported",
)  # fmt: skip
MEMBER_COLUMNS = ("id", "doc_id", "date", "place", "actor1", "fatalities", "injured", "background", "evidence")
CONTRADICTION_COLUMNS = ("scope", "ref_id", "field", "values", "note")
SERIES_COLUMNS = ("quantity", "about", "value", "as_of", "doc_id", "attributed_to", "evidence")

Limit = Annotated[int, typer.Option("--limit", min=0, help="At most this many rows (0: all).")]


#: Characters of a source's evidence quoted in a table cell (the full sentence is in json).
QUOTE_CHARS = 60


def _source_text(a: dict) -> str:
    """One attributed source for a cell: the report's title (else source path, else the id), and
    for a sentence without its own stored event, the sentence itself (quoted, shortened)."""
    label = a.get("title") or a.get("source") or a.get("id")
    if a.get("resolved") in ("span", "merged") and a.get("evidence"):
        quote = a["evidence"] if len(a["evidence"]) <= QUOTE_CHARS else a["evidence"][: QUOTE_CHARS - 1] + "…"
        where = "merged into " + str(a["merged_into"]) + ": " if a.get("merged_into") else ""
        return f'{label} [{where}"{quote}"]'
    return str(label)


def _values_text(values: list[dict]) -> str:
    """`4 (Report A, Report C) | 5 (Report B)` for a table cell (raw ids when not attributed)."""
    parts = []
    for v in values:
        sources = v.get("attributed") or [{"id": s} for s in v.get("sources") or []]
        parts.append(f"{v.get('value')} ({', '.join(_source_text(a) for a in sources)})")
    return " | ".join(parts)


def _with_range(value, low, high) -> str | None:
    if value is None:
        return None
    return str(value) if low == high else f"{value} ({low}-{high})"


def _cluster_cells(row: dict) -> dict:
    """A clusters row for a table: counts with their range, reports and sources together."""
    return {
        **row,
        "fatalities": _with_range(row["fatalities"], row["fatalities_min"], row["fatalities_max"]),
        "injured": _with_range(row["injured"], row["injured_min"], row["injured_max"]),
        "reports": f"{row['n_events']} in {row['n_sources']} docs",
        "outlets": row["n_outlets"],
    }


@app.command("clusters")
def clusters_cmd(
    cluster: Annotated[str | None, typer.Argument(help="A cluster id: list its reports.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO alpha-2 code, e.g. IQ.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="On or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="On or before (YYYY[-MM[-DD]]).")] = None,
    update: Annotated[
        bool, typer.Option("--update/--no-update", help="First cluster the stored events that have no cluster yet.")
    ] = True,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Recompute the clusters of every stored event.")] = False,
    limit: Limit = 100,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Cluster reports of the same happening across articles, then list clusters (or one's reports)."""
    from sqlalchemy import select

    from wirewatch.resolution import update_store
    from wirewatch.store import Store
    from wirewatch.store.schema import events

    with Store.open(db) as store:
        if rebuild:
            with store.engine.connect() as conn:
                ids = list(conn.execute(select(events.c.id)).scalars())
            result = update_store(store, ids)
        elif update:
            result = update_store(store)
        else:
            result = None
        if result is not None and result.loaded:
            stderr().print(
                f"resolved {result.loaded} events: {result.reassigned} (re)assigned, "
                f"{result.clusters_written} clusters written, {result.contradictions_written} contradictions"
            )
        if cluster:
            rows = store.query_events(cluster=cluster, limit=None)
            if not rows:
                stderr().print(f"no cluster {cluster!r}: list clusters with `wirewatch clusters`")
                raise typer.Exit(EXIT_DISCARDS)
            emit(rows, fmt, columns=MEMBER_COLUMNS, title=f"{len(rows)} reports of cluster {cluster}")
            return
        rows = store.query_clusters(country=country, since=since, until=until, limit=limit or None)
        if fmt is OutputFormat.table:
            emit([_cluster_cells(r) for r in rows], fmt, columns=CLUSTER_TABLE, title=f"{len(rows)} clusters")
        else:
            emit(rows, fmt, columns=CLUSTER_COLUMNS, title=f"{len(rows)} clusters")


@app.command("contradictions")
def contradictions_cmd(
    ref: Annotated[str | None, typer.Argument(help="A cluster or event id: only its contradictions.")] = None,
    scope: Annotated[
        str,
        typer.Option(
            "--scope",
            help="cluster (across reports, plus each report's own, noted 'within one report'), "
            "event (as extraction recorded them, before resolution) or all.",
        ),
    ] = "cluster",
    field: Annotated[str | None, typer.Option("--field", help="Only this field, e.g. fatalities.")] = None,
    limit: Limit = 100,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """List fields on which reports (or sentences of one report) disagree, each value with its sources."""
    from sqlalchemy import select

    from wirewatch.store import Store
    from wirewatch.store.schema import contradictions

    if scope not in ("cluster", "event", "all"):
        raise typer.BadParameter("use cluster, event or all", param_hint="--scope")
    c = contradictions.c
    stmt = select(contradictions).order_by(c.scope, c.ref_id, c.field, c.id)
    if scope != "all":
        stmt = stmt.where(c.scope == scope)
    if ref:
        stmt = stmt.where(c.ref_id == ref)
    if field:
        stmt = stmt.where(c.field == field)
    if limit:
        stmt = stmt.limit(limit)
    from wirewatch.store.attribution import attribute

    with Store.open(db) as store, store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(stmt).mappings()]
        for r in rows:
            try:
                r["values"] = json.loads(r.pop("values_json"))
            except (TypeError, ValueError):
                r["values"] = []
        # Sources named by id (events, articles, spans, events merged away) become titles and
        # sentences; an id that resolves to nothing is shown as is.
        attribute(conn, rows)
    out = []
    for r in rows:
        out.append({**r, "values": r["values"] if fmt is not OutputFormat.table else _values_text(r["values"])})
    if fmt is OutputFormat.csv:
        out = [{**r, "values": _values_text(r["values"])} for r in out]
    emit(out, fmt, columns=CONTRADICTION_COLUMNS, title=f"{len(out)} contradictions")


@app.command("figures")
def figures_cmd(
    quantity: Annotated[str | None, typer.Option("--quantity", help="Only this quantity, e.g. troops.")] = None,
    about: Annotated[str | None, typer.Option("--about", help="Substring of what the figure is about.")] = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Figure series: numeric claims grouped by what they measure, in time order, with their sources."""
    from sqlalchemy import func, select

    from wirewatch.resolution import figure_series
    from wirewatch.store import Store
    from wirewatch.store.schema import figures

    f = figures.c
    stmt = select(figures).order_by(f.id)
    if quantity:
        stmt = stmt.where(func.lower(f.quantity) == quantity.lower())
    if about:
        stmt = stmt.where(func.lower(f.about).contains(about.lower(), autoescape=True))
    with Store.open(db) as store, store.engine.connect() as conn:
        rows = list(conn.execute(stmt).mappings())
    figs = [figure_from_row(r) for r in rows]
    series = figure_series(figs)
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        emit([s.to_dict() for s in series], fmt)
        return
    flat = [
        {"series": s.key, "quantity": s.quantity, **p.to_dict(), "about": s.about}
        for s in series
        for p in s.points
    ]
    emit(flat, fmt, columns=SERIES_COLUMNS, title=f"{len(series)} series, {len(flat)} figures")
