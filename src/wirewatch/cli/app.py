"""The typer application and the options shared by several commands (one place, like sqlite-utils).

Exit codes: 0 fine, 1 some inputs were discarded (or a lookup found nothing), 2 usage error
(bad option, missing file), 3 the work could not be done (database, model or data file).
A `WirewatchError` becomes one line on stderr and one of these codes, never a traceback.
"""

from __future__ import annotations

import sys
from typing import Annotated

import click
import typer
from sqlalchemy.exc import SQLAlchemyError
from typer.core import TyperGroup

from wirewatch.errors import InputError, ResourceError, StoreError, WirewatchError

EXIT_OK = 0
EXIT_DISCARDS = 1
EXIT_USAGE = 2
EXIT_FAILURE = 3


def exit_code(exc: Exception) -> int:
    """The exit code of an error that reached the command line."""
    if isinstance(exc, StoreError | ResourceError | SQLAlchemyError):
        return EXIT_FAILURE
    if isinstance(exc, InputError):
        return EXIT_USAGE
    return EXIT_USAGE if isinstance(exc, WirewatchError) else EXIT_FAILURE


class _Group(TyperGroup):
    """Turns errors raised by any command into one stderr line and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (WirewatchError, SQLAlchemyError) as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            print(f"error: {message}", file=sys.stderr)
            raise typer.Exit(exit_code(exc)) from None


app = typer.Typer(
    name="wirewatch",
    cls=_Group,
    help="Turn news about armed conflict into a sourced, ACLED-style record of events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: `--db`, shared by every command that reads or writes the store.
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="WIREWATCH_DB",
        help="SQLite file, ':memory:' or postgresql://... URL [default: ./wirewatch.db].",
        show_default=False,
    ),
]
