"""Render scoring reports for people: rich tables (the CLI's `--format table`)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from wirewatch.evaluation.scoring import FIELDS, SPLITS, Report


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def render_gold_report(report: Report, console: Console, title: str = "evaluation") -> None:
    """Event P/R/F1 and field accuracies per split, cluster B-cubed, and notes."""
    events = Table(title=f"{title}: events ({report.n_docs} documents)")
    for col in ("split", "gold", "predicted", "matched", "precision", "recall", "F1"):
        events.add_column(col, justify="left" if col == "split" else "right")
    for split in SPLITS:
        prf = report.events[split]
        events.add_row(split, str(prf.n_gold), str(prf.n_pred), str(prf.tp_gold),
                       _fmt(prf.precision), _fmt(prf.recall), _fmt(prf.f1))
    console.print(events)

    fields = Table(title="accuracy over matched pairs (correct/total)")
    fields.add_column("field")
    for split in SPLITS:
        fields.add_column(split, justify="right")
    for name in FIELDS:
        cells = []
        for split in SPLITS:
            r = report.fields[split][name]
            cells.append(f"{_fmt(r.value)} ({r.correct}/{r.total})")
        fields.add_row(name, *cells)
    p, r, f = report.cluster
    fields.add_row("cluster B-cubed P/R/F1", f"{_fmt(p)} / {_fmt(r)} / {_fmt(f)}", "", "")
    console.print(fields)
    if report.figures is not None:
        fig = report.figures
        table = Table(title="figures (same quantity and value)")
        for col in ("gold", "predicted", "matched", "precision", "recall", "F1", "as_of", "attributed_to"):
            table.add_column(col, justify="right")
        table.add_row(str(fig.figures.n_gold), str(fig.figures.n_pred), str(fig.figures.tp_gold),
                      _fmt(fig.figures.precision), _fmt(fig.figures.recall), _fmt(fig.figures.f1),
                      f"{_fmt(fig.as_of.value)} ({fig.as_of.correct}/{fig.as_of.total})",
                      f"{_fmt(fig.attributed_to.value)} ({fig.attributed_to.correct}/{fig.attributed_to.total})")
        console.print(table)
    for note in report.notes:
        console.print(f"[yellow]note:[/yellow] {note}")


def render_acled_report(report, console: Console, title: str = "ACLED") -> None:
    """Row-level ACLED scores and the sub-event type confusion table (gold rows x predicted)."""
    from wirewatch.evaluation.acled import ACLED_FIELDS

    m = report.metrics()
    summary = Table(title=f"{title}: {report.n} rows scored against ACLED's coding")
    summary.add_column("metric")
    summary.add_column("over all rows", justify="right")
    summary.add_column("over rows with an event", justify="right")
    summary.add_row("event recall (matching event)", _fmt(m.get("recall")), "")
    summary.add_row("coverage (any event)", _fmt(m.get("coverage")), "")
    for name in ACLED_FIELDS:
        summary.add_row(f"{name} accuracy", _fmt(m.get(name)), _fmt(m.get(f"{name}_given_event")))
    summary.add_row("sub-event type weighted F1", _fmt(m.get("subtype_weighted_f1")), "")
    console.print(summary)

    confusion = report.confusion()
    gold_labels = sorted({g for g, _ in confusion}, key=lambda g: -sum(c for (x, _), c in confusion.items() if x == g))
    table = Table(title="sub-event types: ACLED (rows) -> wirewatch (top predictions)")
    table.add_column("ACLED sub-event type")
    table.add_column("rows", justify="right")
    table.add_column("correct", justify="right")
    table.add_column("predicted instead (count)")
    for g in gold_labels:
        row = {p: c for (x, p), c in confusion.items() if x == g}
        others = sorted(((c, p) for p, c in row.items() if p != g), reverse=True)[:4]
        table.add_row(str(g), str(sum(row.values())), str(row.get(g, 0)),
                      ", ".join(f"{p} ({c})" for c, p in others))
    console.print(table)
