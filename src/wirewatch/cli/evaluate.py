"""`wirewatch evaluate`: run the real pipeline on a gold file (or ACLED rows) and score it."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from wirewatch.cli.app import app


class EvalFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
def evaluate(
    gold: Path = typer.Argument(None, help="Gold JSONL (EVENT_SCHEMA.md) whose documents carry `text`."),
    acled: Path = typer.Option(None, "--acled", help="Score against an ACLED CSV: one document per row (notes)."),
    published_from_gold: bool = typer.Option(
        False, "--published-from-gold", help="Give the pipeline the gold `published` date as if the user had."),
    limit: int = typer.Option(None, "--limit", min=1, help="ACLED: score a random sample of N rows."),
    seed: int = typer.Option(1, "--seed", help="ACLED: seed of the --limit sample."),
    fmt: EvalFormat = typer.Option(EvalFormat.table, "--format", help="table (for people) or json."),
    details: bool = typer.Option(False, "--details", help="JSON: include every matched pair / row verdict."),
) -> None:
    """Score wirewatch's extraction against gold events (precision, recall, F1, field accuracies)."""
    err = Console(stderr=True)
    if (gold is None) == (acled is None):
        err.print("error: give either a GOLD.jsonl file or --acled FILE.csv (one of them)")
        raise typer.Exit(2)
    # A WirewatchError (unreadable gold, missing model) reaches the shared handler of cli/app.py:
    # one stderr line and its exit code (2 bad input, 3 could not work), like every other command.
    if acled is not None:
        _evaluate_acled(acled, limit, seed, fmt, details, err)
    else:
        _evaluate_gold(gold, published_from_gold, fmt, details, err)


def _progress(err: Console, total: int):
    """A progress callback that prints on a terminal only (quiet when piped)."""
    if not err.is_terminal:
        return None

    def tick(n: int) -> None:
        if n == total or n % 50 == 0:
            err.print(f"extracted {n}/{total}", end="\r")

    return tick


def _evaluate_gold(path: Path, published_from_gold: bool, fmt: EvalFormat, details: bool, err: Console) -> None:
    from wirewatch.evaluation.gold import load_gold
    from wirewatch.evaluation.report import render_gold_report
    from wirewatch.evaluation.runner import run_pipeline
    from wirewatch.evaluation.scoring import score

    gold = load_gold(path)
    run = run_pipeline(gold, published_from_gold=published_from_gold, progress=_progress(err, len(gold)))
    report = score(run.predicted, gold)
    notes = [f"discarded {d.id}: {d.reason} ({d.detail})" for d in run.discarded]
    if not run.clustered:
        notes.append("cross-document clustering unavailable: each event is its own cluster")
    if fmt is EvalFormat.json:
        out = report.to_dict(details=details)
        out["gold"] = str(path)
        out["published_from_gold"] = published_from_gold
        out["notes"] = out["notes"] + notes
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    console = Console()
    render_gold_report(report, console, title=path.name)
    for note in notes:
        console.print(f"[yellow]note:[/yellow] {note}")


def _evaluate_acled(path: Path, limit: int | None, seed: int, fmt: EvalFormat, details: bool,
                    err: Console) -> None:
    from wirewatch.evaluation.acled import evaluate_acled, load_acled
    from wirewatch.evaluation.report import render_acled_report

    gold = load_acled(path, limit=limit, seed=seed)
    report = evaluate_acled(gold, progress=_progress(err, len(gold)))
    if fmt is EvalFormat.json:
        out = report.to_dict(details=details)
        out["acled"] = str(path)
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    render_acled_report(report, Console(), title=path.name)
