"""The FastAPI application factory: API routes, the static UI, security headers, error shape."""

from __future__ import annotations

import asyncio
import logging
import os
import weakref
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from wirewatch.api import exports, ingest, routes
from wirewatch.api.errors import error_body, install_error_handlers

log = logging.getLogger(__name__)

#: The Content-Security-Policy sent with every response. No inline script anywhere; styles only
#: from our files (Leaflet sets positions through the CSSOM, which CSP does not restrict); images
#: may come from OpenStreetMap tiles, which the UI loads only when the user ticks "tiles".
CSP_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https://tile.openstreetmap.org",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
CSP = "; ".join(CSP_DIRECTIVES)
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """ASGI middleware: the security headers on every response, errors included.

    Written as plain ASGI (not BaseHTTPMiddleware) so it adds no per-request task overhead, and so
    an unhandled exception still answers in the one error shape with the headers.
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k for k, _ in SECURITY_HEADERS}
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = headers + list(SECURITY_HEADERS)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            import json

            body = json.dumps(error_body("internal-error", "unexpected server error; see the server log"))
            await send_with_headers({"type": "http.response.start", "status": 500,
                                     "headers": [(b"content-type", b"application/json")]})
            await send_with_headers({"type": "http.response.body", "body": body.encode()})


class OneRequestAtATime:
    """ASGI middleware for a store with a single connection (`:memory:` SQLite, a StaticPool):
    `/api` requests are served one after the other.

    FastAPI runs sync routes on a thread pool, and one SQLite connection used by two threads at
    once interleaves their transactions ("cannot start a transaction within a transaction", reads
    seeing another request's half-done write). A lock per connection checkout is not enough: the
    per-request connection dependency is entered and left on different pool threads. So the whole
    request holds the lock. A file or PostgreSQL store has a real pool and is not wrapped.
    """

    def __init__(self, app) -> None:
        self.app = app
        # One asyncio.Lock per event loop (a lock is bound to the loop that first waits on it;
        # test clients may run the app on more than one loop).
        self._locks: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith("/api"):
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        async with lock:
            await self.app(scope, receive, send)


def single_connection(engine) -> bool:
    """Whether every user of `engine` shares one connection (`:memory:` SQLite)."""
    from sqlalchemy.pool import StaticPool

    return isinstance(getattr(engine, "pool", None), StaticPool)


def _static_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "web" / "static"


def _open_store(store):
    if store is not None:
        return store
    from wirewatch.store.store import Store

    return Store.open(None)  # WIREWATCH_DB, else ./wirewatch.db (the store decides)


def create_app(store=None, token: str | None = None) -> FastAPI:
    """The wirewatch web app over `store` (default: WIREWATCH_DB or ./wirewatch.db).

    `token` (default: the WIREWATCH_TOKEN environment variable) enables `POST /api/articles`;
    without one, writes are refused with 403. Anything with an `engine` attribute (a SQLAlchemy
    engine over the tables of `store/schema.py`) serves reads; writes need `save_batch`.
    An in-memory store has one connection, so its `/api` requests are served one at a time
    (`OneRequestAtATime`); give a database file for concurrent requests.
    """
    app = FastAPI(
        title="wirewatch",
        summary="A sourced, ACLED-style record of events extracted from news about armed conflict.",
        version=_version(),
        docs_url=None,  # Swagger UI needs inline scripts and a CDN; the CSP forbids both
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.store = _open_store(store)
    app.state.engine = app.state.store.engine
    app.state.token = token if token is not None else os.environ.get("WIREWATCH_TOKEN") or None
    install_error_handlers(app)
    app.include_router(routes.router)
    app.include_router(exports.router)
    app.include_router(ingest.router)
    static = _static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html; charset=utf-8")

    if single_connection(app.state.engine):
        app.add_middleware(OneRequestAtATime)
    app.add_middleware(SecurityHeaders)
    return app


def _version() -> str:
    from wirewatch import __version__

    return __version__
