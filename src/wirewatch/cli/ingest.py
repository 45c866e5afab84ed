"""`wirewatch ingest`, `extract` and `demo`: inputs in, events stored or printed."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from typing import Annotated

import typer

from wirewatch.cli.app import EXIT_DISCARDS, EXIT_OK, DbOption, app
from wirewatch.cli.output import emit, show_progress, stderr, stdout, table
from wirewatch.languages import DATA_DIR
from wirewatch.pipeline import BATCH_SIZE, IngestSummary, extract_items, ingest

DEMO_DIR = DATA_DIR / "demo"
#: Columns of the demo timeline.
TIMELINE_COLUMNS = ("date", "subtype", "place", "country", "actor1", "actor2", "fatalities", "background", "evidence")  # fmt: skip

Paths = Annotated[
    list[str], typer.Argument(help="Files, folders, '-' for stdin, or http(s) URLs.", show_default=False)
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published", help="Publication date (YYYY-MM-DD) of every input; trusted over anything found."
    ),
]
LangOption = Annotated[
    str | None, typer.Option("--lang", help="ISO 639-1 language of every input (e.g. fr, en).")
]
WorkersOption = Annotated[int, typer.Option("--workers", min=1, help="Processes for extraction.")]


@contextmanager
def _progress_bar(label: str):
    """A rich spinner with running counts on a terminal; a no-op callback when piped."""
    if not show_progress():
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=stderr()
    ) as bar:
        task = bar.add_task(label)

        def update(s: IngestSummary) -> None:
            bar.update(
                task,
                description=f"{label}: {s.read} read, {s.added_articles} new, {s.skipped_existing} already "
                f"stored, {s.events} events, {s.discards} discarded",
            )

        yield update


def _report(summary: IngestSummary, db: str) -> None:
    err = stderr()
    err.print(
        f"{summary.read} inputs read: {summary.added_articles} articles added, {summary.skipped_existing} "
        f"already stored, {summary.events} events, {summary.figures} figures, {summary.discards} discarded"
        + (f" ({', '.join(f'{r}: {n}' for r, n in summary.discard_reasons)})" if summary.discards else "")
        + f" -> {db}"
    )
    if not summary.resolution:
        err.print("note: cross-article resolution is not available; events are stored without clusters")


def _ingest_into(store, paths: list[str], published, lang, workers: int, batch_size: int) -> IngestSummary:
    """Ingest into an open store (so a caller can read the same store after, `:memory:` included)."""
    with _progress_bar("ingesting") as progress:
        summary = ingest(
            paths,
            store,
            published=published,
            lang=lang,
            workers=workers,
            batch_size=batch_size,
            progress=progress,
        )
    _report(summary, store.safe_url)
    return summary


def _run_ingest(
    paths: list[str], db: str | None, published, lang, workers: int, batch_size: int
) -> IngestSummary:
    from wirewatch.store import Store

    with Store.open(db) as store:
        summary = _ingest_into(store, paths, published, lang, workers, batch_size)
    if store.url == "sqlite://":
        stderr().print("note: --db :memory: keeps nothing after this command; give a file to keep the events")
    return summary


@app.command("ingest")
def ingest_cmd(
    paths: Paths,
    published: PublishedOption = None,
    lang: LangOption = None,
    db: DbOption = None,
    workers: WorkersOption = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents per transaction.")
    ] = BATCH_SIZE,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
) -> None:
    """Read, extract and store articles; re-ingesting the same input adds nothing.

    Exit code 1 when some inputs were discarded (reasons are stored: `wirewatch stats`)."""
    summary = _run_ingest(paths, db, published, lang, workers, batch_size)
    if as_json:
        print(json.dumps(summary.to_dict()))
    raise typer.Exit(EXIT_DISCARDS if summary.discards else EXIT_OK)


@app.command("extract")
def extract_cmd(
    paths: Paths,
    published: PublishedOption = None,
    lang: LangOption = None,
    workers: WorkersOption = 1,
    cluster: Annotated[
        bool, typer.Option("--cluster/--no-cluster", help="Cluster events across documents.")
    ] = True,
) -> None:
    """Stateless extraction: one JSON object per document on stdout (EVENT_SCHEMA.md).

    Discarded inputs go to stderr as JSON lines. Nothing is stored."""
    extractions, discards = extract_items(
        paths, published=published, lang=lang, workers=workers, cluster=cluster
    )
    for x in extractions:
        sys.stdout.write(json.dumps(x.to_dict(), ensure_ascii=False) + "\n")
    for d in discards:
        sys.stderr.write(
            json.dumps(
                {"id": d.id, "source": d.source, "reason": d.reason, "detail": d.detail}, ensure_ascii=False
            )
            + "\n"
        )
    raise typer.Exit(EXIT_DISCARDS if discards else EXIT_OK)


@app.command("demo")
def demo_cmd(
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the timeline as JSON instead of a table.")
    ] = False,
) -> None:
    """Ingest the built-in sample corpus (articles written for wirewatch) and print the event timeline."""
    from wirewatch.store import Store

    if not DEMO_DIR.is_dir() or not any(DEMO_DIR.iterdir()):
        from wirewatch.errors import ResourceError

        raise ResourceError(f"the demo corpus is missing from {DEMO_DIR}: reinstall wirewatch")
    # One store for the ingest and the timeline: with `:memory:`, a second open is a new, empty
    # database (the timeline came out empty while the summary counted events and figures).
    with Store.open(db) as store:
        summary = _ingest_into(store, [str(DEMO_DIR)], None, None, 1, BATCH_SIZE)
        rows = store.query_events(limit=None, sort="date")
    if store.url == "sqlite://":
        stderr().print("note: --db :memory: keeps nothing after this command; give a file to keep the events")
    if as_json:
        emit(rows, "json")
    else:
        stdout().print(
            table(rows, TIMELINE_COLUMNS, title=f"Event timeline of the demo corpus ({len(rows)} events)")
        )
    raise typer.Exit(EXIT_DISCARDS if summary.discards else EXIT_OK)
