"""`wirewatch events`, `show`, `stats`, `export`: reading the store."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.panel import Panel
from rich.text import Text

from wirewatch.cli.app import EXIT_DISCARDS, EXIT_USAGE, DbOption, app
from wirewatch.cli.output import FormatOption, OutputFormat, emit, stderr, stdout
from wirewatch.errors import WirewatchError
from wirewatch.model import PartialDate

#: Columns of `events` in a table (json/jsonl carry every field).
EVENT_COLUMNS = (
    "id", "date", "subtype", "place", "country", "actor1", "actor2", "fatalities", "injured", "evidence",
)  # fmt: skip
CLUSTER_COLUMNS = (
    "id", "date", "subtype", "place", "country", "actor1", "actor2", "fatalities", "fatalities_min",
    "fatalities_max", "n_events", "n_sources",
)  # fmt: skip
#: Colours of highlighted field spans in `show` (the evidence sentence itself is underlined).
FIELD_STYLES = ("bold cyan", "bold magenta", "bold green", "bold yellow", "bold blue", "bold red")


def _date(value: str | None, name: str) -> str | None:
    if value and PartialDate.parse(value) is None:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", param_hint=name)
    return value


Country = Annotated[str | None, typer.Option("--country", help="ISO alpha-2 code, e.g. IQ.")]
Since = Annotated[str | None, typer.Option("--since", help="Events on or after this date (YYYY[-MM[-DD]]).")]
Until = Annotated[str | None, typer.Option("--until", help="Events on or before this date (YYYY[-MM[-DD]]).")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="ACLED event type, e.g. Battles.")]
Actor = Annotated[str | None, typer.Option("--actor", help="Substring of actor1 or actor2.")]
Place = Annotated[str | None, typer.Option("--place", help="Substring of the place name.")]
TextOpt = Annotated[str | None, typer.Option("--text", help="Substring of the evidence sentence.")]


@app.command("events")
def events_cmd(
    country: Country = None,
    since: Since = None,
    until: Until = None,
    type_: Annotated[str | None, typer.Option("--type", help="ACLED event type, e.g. Battles.")] = None,
    subtype: Annotated[str | None, typer.Option("--subtype", help="ACLED sub-event type.")] = None,
    actor: Actor = None,
    place: Place = None,
    text: TextOpt = None,
    clusters: Annotated[
        bool, typer.Option("--clusters", help="List canonical clusters with report counts.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", min=0, help="At most this many rows (0: all).")] = 100,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    sort: Annotated[
        str, typer.Option("--sort", help="date, -date, fatalities, -fatalities, country, type.")
    ] = "date",
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """List stored events (or, with --clusters, the real-world happenings they report)."""
    from wirewatch.store import Store

    since, until = _date(since, "--since"), _date(until, "--until")
    with Store.open(db) as store:
        if clusters:
            rows = store.query_clusters(
                country=country, since=since, until=until, type=type_, limit=limit or None, offset=offset
            )
            emit(rows, fmt, columns=CLUSTER_COLUMNS, title=f"{len(rows)} clusters")
            return
        rows = store.query_events(
            country=country, since=since, until=until, type=type_, subtype=subtype, actor=actor, place=place,
            text=text, limit=limit or None, offset=offset, sort=sort,
        )  # fmt: skip
    emit(rows, fmt, columns=EVENT_COLUMNS, title=f"{len(rows)} events")


def _highlighted(text: str, base: int, evidence: tuple[int, int], spans: dict[str, dict]) -> Text:
    """`text` (starting at offset `base` of the article) with the evidence underlined and each
    field's span coloured; returns the legend too via the caller."""
    out = Text(text)
    lo, hi = evidence
    out.stylize("underline", max(0, lo - base), max(0, hi - base))
    for i, (name, span) in enumerate(sorted(spans.items())):
        start, end = span["start"] - base, span["end"] - base
        if 0 <= start < end <= len(text):
            out.stylize(FIELD_STYLES[i % len(FIELD_STYLES)], start, end)
    return out


def _show_event(ev: dict) -> None:
    con = stdout()
    fields = ("type", "subtype", "date", "date_basis", "place", "admin1", "country", "lat", "lon",
              "geo_precision", "actor1", "actor2", "fatalities", "injured", "background", "confidence",
              "cluster_id")  # fmt: skip
    lines = Text()
    for name in fields:
        if ev.get(name) is not None:
            lines.append(f"{name:>14}: ", style="dim")
            lines.append(f"{round(ev[name], 4) if isinstance(ev[name], float) else ev[name]}\n")
    art = ev.get("article") or {}
    lines.append(f"{'article':>14}: ", style="dim")
    lines.append(f"{art.get('id')}  {art.get('url') or art.get('source')}  {art.get('published') or ''}\n")
    con.print(Panel(lines, title=f"event {ev['id']}", expand=False))
    body = _highlighted(
        ev["context"], ev["context_start"], (ev["span_start"], ev["span_end"]), ev["provenance"]
    )
    legend = Text("evidence (underlined)")
    for i, name in enumerate(sorted(ev["provenance"])):
        legend.append("  ")
        legend.append(name, style=FIELD_STYLES[i % len(FIELD_STYLES)])
    con.print(Panel(body, title="in the article", subtitle=legend))
    for c in ev.get("contradictions", []):
        values = "; ".join(f"{v['value']} ({', '.join(v['sources'])})" for v in c["values"])
        con.print(
            f"[bold red]contradiction[/] on {c['field']}: {values}" + (f" - {c['note']}" if c["note"] else "")
        )


def _show_article(art: dict) -> None:
    con = stdout()
    head = f"{art.get('title') or ''}\n{art.get('url') or art['source']}  lang={art['lang']}  published={art.get('published')}"
    con.print(Panel(head, title=f"article {art['id']}", expand=False))
    con.print(art["text"])
    for e in art["events"]:
        con.print(f"  event {e['id']}  {e['date'] or '?'}  {e['type']} / {e['subtype']}")


@app.command("show")
def show_cmd(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="An event id or an article id.")],
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Show an event with its evidence and field spans highlighted in the article, or an article."""
    from wirewatch.store import Store

    with Store.open(db) as store:
        ev = store.get_event(item_id)
        art = None if ev else store.get_article(item_id)
    if ev is None and art is None:
        stderr().print(
            f"error: no event or article with id {item_id!r} (ids are listed by `wirewatch events`)"
        )
        raise typer.Exit(EXIT_DISCARDS)
    found = ev or art
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        print(
            json.dumps(found, ensure_ascii=False, default=str, indent=2 if fmt is OutputFormat.json else None)
        )
    elif fmt is not OutputFormat.table:
        raise typer.BadParameter("show prints table, json or jsonl", param_hint="--format")
    elif ev:
        _show_event(ev)
    else:
        _show_article(art)


@app.command("stats")
def stats_cmd(fmt: FormatOption = OutputFormat.table, db: DbOption = None) -> None:
    """Counts of stored articles, events, discards, figures and clusters."""
    from wirewatch.store import Store

    with Store.open(db) as store:
        counts = store.stats()
        recent = store.list_discards(limit=10)
    if store.url == "sqlite://":
        stderr().print("note: --db :memory: is a new, empty database for every command; give a file")
    if fmt is OutputFormat.json:
        print(json.dumps(counts))
        return
    if fmt is not OutputFormat.table:
        emit([counts], fmt)
        return
    emit([{"table": k, "rows": v} for k, v in counts.items()], fmt, columns=("table", "rows"))
    if recent:
        emit(recent, fmt, columns=("source", "reason", "detail"), title="latest discards")


@app.command("export")
def export_cmd(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="csv (ACLED columns), geojson or parquet.")
    ] = "csv",
    output: Annotated[
        str, typer.Option("--output", "-o", help="File to write ('-' for stdout, csv/geojson).")
    ] = "-",
    country: Country = None,
    since: Since = None,
    until: Until = None,
    type_: TypeOpt = None,
    actor: Actor = None,
    db: DbOption = None,
) -> None:
    """Export stored events: CSV in ACLED's columns and order, GeoJSON points, or Parquet."""
    from wirewatch.exports import FORMATS, export
    from wirewatch.store import Store

    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    since, until = _date(since, "--since"), _date(until, "--until")
    with Store.open(db) as store:
        try:
            n = export(store, fmt, output, country=country, since=since, until=until, type=type_, actor=actor)
        except WirewatchError as exc:
            stderr().print(f"error: {exc}")
            raise typer.Exit(EXIT_USAGE) from None
        except OSError as exc:
            stderr().print(f"error: cannot write {output}: {exc.strerror or exc}")
            raise typer.Exit(EXIT_USAGE) from None
    if output != "-":
        stderr().print(f"wrote {n} {'located ' if fmt == 'geojson' else ''}events to {output}")
