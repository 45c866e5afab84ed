"""Command line: thin wrappers over library calls. Each command group lives in its own module."""

from __future__ import annotations

import importlib
import pkgutil

from wirewatch.cli.app import app


def _register_commands() -> None:
    """Import every `wirewatch.cli.*` module so its `@app.command()`s are registered."""
    for info in pkgutil.iter_modules(__path__):
        if info.name != "app":
            importlib.import_module(f"{__name__}.{info.name}")


def main() -> None:
    _register_commands()
    app()


__all__ = ["app", "main"]
