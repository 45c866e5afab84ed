"""One JSON error shape for every error the API returns (datasette-style, enforced by a test).

    {"error": {"code": "not-found", "message": "no event with id 'x'", "details": []}}

`code` is short and machine-readable, `message` is one human sentence saying what to do next,
`details` lists the offending parameters for validation errors (`{"loc": [...], "msg": ...}`).
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from wirewatch.errors import StoreError, WirewatchError

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error meant for the API client: HTTP status, code, message and optional details."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: list | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        self.headers = headers


def error_body(code: str, message: str, details: list | None = None) -> dict:
    """The one error shape."""
    return {"error": {"code": code, "message": message, "details": details or []}}


def error_response(status: int, code: str, message: str, details: list | None = None, headers=None):
    """A JSONResponse carrying the error shape."""
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


def _status_code_name(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "-")
    except ValueError:
        return "http-error"


def _validation_details(exc: RequestValidationError) -> list[dict]:
    out = []
    for err in exc.errors():
        # `input` may hold arbitrary (and large) client data; `ctx` may hold exception objects.
        out.append({"loc": [str(p) for p in err.get("loc", ())], "msg": str(err.get("msg", "")),
                    "type": str(err.get("type", ""))})
    return out


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception through the one error shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        details = _validation_details(exc)
        names = ", ".join(".".join(d["loc"][1:]) or d["loc"][0] for d in details if d["loc"]) or "request"
        return error_response(422, "invalid-parameter", f"invalid value for: {names}", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else _status_code_name(exc.status_code)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such resource: {request.url.path}"
        return error_response(exc.status_code, _status_code_name(exc.status_code), message,
                              headers=getattr(exc, "headers", None))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError):
        return error_response(503, "store-error", str(exc) or "the database refused the operation")

    @app.exception_handler(WirewatchError)
    async def _wirewatch(request: Request, exc: WirewatchError):
        return error_response(500, "wirewatch-error", str(exc) or type(exc).__name__)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        # Never leak a traceback or internal detail to the client; the log has it.
        log.exception("unhandled error on %s", request.url.path)
        return error_response(500, "internal-error", "unexpected server error; see the server log")
