"""The typer application and the options shared by several commands (one place, like sqlite-utils)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="wirewatch",
    help="Turn news about armed conflict into a sourced, ACLED-style record of events.",
    no_args_is_help=True,
    add_completion=False,
)
