"""`POST /api/articles`: ingest one article and return its events. Needs a bearer token.

    Article -> to_document -> extract -> store.save_batch -> resolution.update_store (when present)

When the app has no token configured, writes are disabled (403 with how to enable them); a missing
or wrong token is a 401. Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, model_validator

from wirewatch.api import queries
from wirewatch.api.errors import ApiError
from wirewatch.api.queries import EventFilters
from wirewatch.model import Article, Discarded, content_id

router = APIRouter(prefix="/api")

#: Largest article body accepted (characters). Long-form news pages are < 200k characters of
#: HTML; 2M leaves room for heavy markup while keeping one request from exhausting memory.
MAX_ARTICLE_CHARS = 2_000_000


class ArticleIn(BaseModel):
    """One article, as a JSONL input line (EVENT_SCHEMA.md): `text` or `html`, and metadata."""

    id: str | None = Field(None, max_length=64)
    text: str | None = Field(None, max_length=MAX_ARTICLE_CHARS)
    html: str | None = Field(None, max_length=MAX_ARTICLE_CHARS)
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    lang: str | None = Field(None, pattern=r"^[a-z]{2}$")
    source: str | None = Field(None, max_length=2000)

    @model_validator(mode="after")
    def _one_body(self):
        if bool(self.text) == bool(self.html):
            raise ValueError("give exactly one of `text` or `html`")
        return self


def require_token(request: Request) -> None:
    """FastAPI dependency: 403 when writes are disabled, 401 without the right bearer token."""
    token = request.app.state.token
    if not token:
        raise ApiError(403, "writes-disabled",
                       "writes are disabled: start the server with WIREWATCH_TOKEN set to enable POST")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "unauthorized", "send `Authorization: Bearer <WIREWATCH_TOKEN>`",
                       headers={"WWW-Authenticate": "Bearer"})


def stages():
    """The pipeline stages POST uses: (to_documents, extract_safely, update_store or None).
    Imported on first use, since they load the NLP stack; a function so tests can swap them."""
    from wirewatch import pipeline

    return pipeline.to_documents, pipeline.extract_safely, pipeline._optional("resolution", "update_store")


@router.post("/articles", status_code=201, dependencies=[Depends(require_token)],
             summary="Ingest one article (bearer token) and return its events")
def post_article(body: ArticleIn, request: Request) -> dict:
    """Returns the document metadata and its events as stored (with clusters when resolved)."""
    to_documents, extract_safely, update_store = stages()
    store = request.app.state.store
    ident = body.id or content_id(body.text or body.html or "")
    article = Article(id=ident, source=body.source or body.url or "api", text=body.text, html=body.html,
                      url=body.url, title=body.title, published=body.published, lang=body.lang)
    doc = next(iter(to_documents([article])))
    if isinstance(doc, Discarded):
        store.save_batch([], [doc])
        raise ApiError(422, "discarded", doc.detail, [{"reason": doc.reason, "detail": doc.detail}])
    done, failed = extract_safely([doc])
    if failed:
        store.save_batch([], failed)
        raise ApiError(422, "discarded", failed[0].detail,
                       [{"reason": d.reason, "detail": d.detail} for d in failed])
    extraction = done[0]
    result = store.save_batch([extraction], [])
    if update_store is not None and result.event_ids:
        update_store(store, list(result.event_ids))
    with request.app.state.engine.connect() as conn:
        stored = queries.list_events(conn, EventFilters(doc_id=doc.id), "date", 10_000, 0)
    return {
        "document": {"id": doc.id, "lang": doc.lang, "title": doc.title, "url": doc.url,
                     "published": doc.published.iso() if doc.published else None,
                     "published_basis": doc.published_basis},
        "already_stored": result.skipped_existing > 0,
        "events": stored,
        "figures": [f.to_dict() for f in extraction.figures],
    }
