"""Shared output options of the CLI: `--format table|json|jsonl|csv|geojson` and one `emit` for all.

@app.command()
def things(fmt: FormatOption = OutputFormat.table) -> None:
    emit(rows, fmt, columns=("id", "date", "type"))
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from wirewatch.errors import WirewatchError

#: Characters of a long cell (evidence) shown in a table; the full text is in json/csv.
TABLE_CELL_CHARS = 90
#: Table width when stdout is not a terminal (rich would assume 80, too narrow for event rows).
PIPED_WIDTH = 180


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format", "-f", case_sensitive=False, help="table (for people), json, jsonl, csv or geojson."
    ),
]


def stdout() -> Console:
    """Console on stdout; no colour codes and a fixed wide width when piped."""
    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else PIPED_WIDTH)


def stderr() -> Console:
    """Console on stderr for messages; long lines are not wrapped (they may be grepped)."""
    return Console(stderr=True, soft_wrap=True)


def show_progress() -> bool:
    """Progress bars only for a person at a terminal: quiet when piped or in CI."""
    return sys.stderr.isatty()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    text = str(value).replace("\n", " ")
    return text if len(text) <= TABLE_CELL_CHARS else text[: TABLE_CELL_CHARS - 1] + "…"


def table(rows: Sequence[dict], columns: Sequence[str], *, title: str | None = None) -> Table:
    """A rich table of the given columns."""
    t = Table(title=title, show_lines=False, header_style="bold")
    for col in columns:
        t.add_column(col, overflow="fold")
    for row in rows:
        t.add_row(*(_cell(row.get(c)) for c in columns))
    return t


def emit(
    rows: Sequence[dict],
    fmt: OutputFormat | str,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
) -> None:
    """Print rows in the chosen format. `columns` picks the table and csv columns (json and jsonl
    always carry every field). geojson needs rows with lat/lon (events)."""
    fmt = OutputFormat(fmt)
    cols = list(columns or (rows[0].keys() if rows else ()))
    out = sys.stdout
    if fmt is OutputFormat.json:
        json.dump(list(rows), out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif fmt is OutputFormat.jsonl:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt is OutputFormat.csv:
        # The same formula guard and line end as `wirewatch export` (CSV injection, one place).
        from wirewatch.exports import CSV_LINE_END, inert_cell

        writer = csv.writer(out, lineterminator=CSV_LINE_END)
        writer.writerow(cols)
        for row in rows:
            writer.writerow([inert_cell(row.get(k)) for k in cols])
    elif fmt is OutputFormat.geojson:
        if rows and not {"lat", "lon"} <= set(rows[0]):
            raise WirewatchError("geojson needs located events: use --format json for this command")
        from wirewatch.exports import to_geojson

        json.dump(to_geojson(rows), out, ensure_ascii=False)
        out.write("\n")
    else:
        stdout().print(table(rows, cols, title=title))
