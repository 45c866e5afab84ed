"""Query-parameter parsing shared by the routes: filters, pagination, sort.

Bad values raise `ApiError(422)` in the one error shape, with a `details` entry per parameter, the
same shape FastAPI's own validation errors are turned into.
"""

from __future__ import annotations

import re

from fastapi import Query

from wirewatch.api.errors import ApiError
from wirewatch.api.queries import SORTS, EventFilters
from wirewatch.model import EVENT_TYPES, SUBTYPE_TO_TYPE, PartialDate

#: Largest page a client may ask for: a page of 500 events is ~0.5 MB of JSON and stays well
#: under the bench's 100 ms p95 on SQLite; bigger pulls should use the exports.
MAX_LIMIT = 500
#: Page size when the client does not say.
DEFAULT_LIMIT = 50
#: Longest free-text filter accepted; longer strings are not searches but payloads.
MAX_TEXT = 200

_COUNTRY = re.compile(r"^[A-Za-z]{2}$")


def _invalid(name: str, msg: str) -> ApiError:
    return ApiError(422, "invalid-parameter", f"invalid value for: {name} ({msg})",
                    [{"loc": ["query", name], "msg": msg, "type": "value_error"}])


def parse_day(name: str, value: str | None, *, end: bool) -> str | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` -> the first (or, for `until`, last) ISO day it covers."""
    if value is None or value == "":
        return None
    try:
        d = PartialDate.parse(value)
    except ValueError as exc:
        raise _invalid(name, str(exc)) from None
    if d is None or len(value.strip()) > 10:
        raise _invalid(name, "expected YYYY, YYYY-MM or YYYY-MM-DD")
    return (d.last_day() if end else d.first_day()).isoformat()


def parse_countries(value: str | None, name: str = "country") -> tuple[str, ...]:
    """Comma-separated ISO 3166-1 alpha-2 codes, upper-cased."""
    if not value:
        return ()
    codes = tuple(c.strip().upper() for c in value.split(",") if c.strip())
    for c in codes:
        if not _COUNTRY.match(c):
            raise _invalid(name, f"{c!r} is not an ISO 3166-1 alpha-2 code")
    return codes


def parse_types(value: str | None) -> tuple[str, ...]:
    """Comma-separated ACLED event types (exact names)."""
    if not value:
        return ()
    types = tuple(t.strip() for t in value.split(",") if t.strip())
    for t in types:
        if t not in EVENT_TYPES:
            raise _invalid("type", f"{t!r} is not an ACLED event type ({', '.join(EVENT_TYPES)})")
    return types


def parse_subtype(value: str | None) -> str | None:
    if not value:
        return None
    if value not in SUBTYPE_TO_TYPE:
        raise _invalid("subtype", f"{value!r} is not an ACLED sub-event type")
    return value


def parse_sort(value: str) -> str:
    if value not in SORTS:
        raise _invalid("sort", f"expected one of {', '.join(SORTS)}")
    return value


def _text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise _invalid(name, f"longer than {MAX_TEXT} characters")
    return value.strip()


async def event_filters(
    since: str | None = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD; events that may be on or after"),
    until: str | None = Query(None, description="YYYY, YYYY-MM or YYYY-MM-DD; events that may be on or before"),
    country: str | None = Query(None, description="ISO alpha-2 codes, comma-separated"),
    admin1: str | None = Query(None, description="first-level division, English name"),
    type: str | None = Query(None, description="ACLED event types, comma-separated"),
    subtype: str | None = Query(None, description="ACLED sub-event type"),
    actor: str | None = Query(None, description="substring of actor1 or actor2"),
    text: str | None = Query(None, description="substring of the evidence sentence or the place"),
    background: bool | None = Query(None, description="true: only recalled events; false: only news"),
    cluster: str | None = Query(None, max_length=64, description="only the reports of this cluster"),
    doc_id: str | None = Query(None, max_length=64, description="only the events of this article"),
    located: bool | None = Query(None, description="true: only events with coordinates"),
) -> EventFilters:
    """FastAPI dependency: the event filters, validated. `async` although it awaits nothing: FastAPI
    then runs it on the event loop instead of a worker thread (it is pure parsing, no I/O)."""
    s, u = parse_day("since", since, end=False), parse_day("until", until, end=True)
    if s and u and s > u:
        raise _invalid("until", "until is before since")
    return EventFilters(
        since=s, until=u, country=parse_countries(country), admin1=_text("admin1", admin1),
        type=parse_types(type), subtype=parse_subtype(subtype), actor=_text("actor", actor),
        text=_text("text", text), background=background, cluster=cluster or None, doc_id=doc_id or None,
        located=located,
    )


async def page(
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}"),
    offset: int = Query(0, ge=0, description="rows to skip"),
) -> tuple[int, int]:
    """FastAPI dependency: (limit, offset)."""
    return limit, offset
