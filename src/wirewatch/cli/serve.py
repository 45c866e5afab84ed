"""`wirewatch serve`: the REST API and the analyst web UI over a store, with uvicorn."""

from __future__ import annotations

import sys

import typer

from wirewatch.cli.app import DbOption, app

#: Default bind address: loopback, so a store is never exposed to the network by accident.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


@app.command()
def serve(
    db: DbOption = None,
    host: str = typer.Option(DEFAULT_HOST, "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(DEFAULT_PORT, "--port", min=1, max=65535, help="TCP port."),
    token: str = typer.Option(
        None, "--token", envvar="WIREWATCH_TOKEN", show_default=False,
        help="Bearer token that enables POST /api/articles; without one the API is read-only."),
) -> None:
    """Serve the API (/api/..., /openapi.json) and the web UI (/) over the store."""
    import uvicorn

    from wirewatch.api import create_app
    from wirewatch.store.store import Store

    store = Store.open(db)
    application = create_app(store=store, token=token or "")
    writes = "enabled (bearer token)" if token else "disabled (set WIREWATCH_TOKEN to enable)"
    print(f"wirewatch: serving {store!r} on http://{host}:{port}/ · writes {writes}", file=sys.stderr)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print("wirewatch: warning: listening beyond loopback; put TLS in front of it", file=sys.stderr)
    uvicorn.run(application, host=host, port=port, log_level="warning")
