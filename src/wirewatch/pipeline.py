"""The thin orchestrator: inputs -> articles -> documents -> extraction -> store -> resolution.

    summary = ingest(["articles/", "feed.xml"], Store.open("wirewatch.db"))

Each batch of documents is saved in one transaction, so a run killed midway keeps every finished
batch; re-running skips the articles already stored (checked by id before any cleaning or NLP)
and ends with every article stored exactly once.
"""

from __future__ import annotations

import importlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from wirewatch.errors import PipelineError
from wirewatch.extraction import extract, extract_many
from wirewatch.model import Article, Discarded, Document, Extraction

#: Documents per transaction: small enough that a crash loses little work, large enough that
#: spaCy's nlp.pipe batching and one commit per batch amortise their overhead (32 ~ a few seconds).
BATCH_SIZE = 32


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """Counts of one `ingest` run (also passed to the progress callback after every input)."""

    read: int = 0  # inputs read: articles and inputs that could not be read
    added_articles: int = 0
    skipped_existing: int = 0
    events: int = 0
    figures: int = 0
    discards: int = 0
    resolved: int = 0  # events handed to cross-article resolution
    resolution: bool = False  # whether wirewatch.resolution.update_store was available
    discard_reasons: tuple[tuple[str, int], ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        out = {k: getattr(self, k) for k in self.__slots__ if k != "discard_reasons"}
        out["discard_reasons"] = dict(self.discard_reasons)
        return out


def _stage(module: str, name: str) -> Callable:
    """A function of another stage, imported when first needed (keeps `import wirewatch` light)."""
    try:
        return getattr(importlib.import_module(f"wirewatch.{module}"), name)
    except (ImportError, AttributeError) as exc:
        raise PipelineError(
            f"wirewatch.{module}.{name} is missing ({exc}): the installation is incomplete"
        ) from exc


def _optional(module: str, name: str) -> Callable | None:
    """A function that may not exist (resolution is optional): None when absent."""
    try:
        return getattr(importlib.import_module(f"wirewatch.{module}"), name, None)
    except ImportError:
        return None


def read_articles(
    items: Iterable[str], *, published: str | None = None, lang: str | None = None
) -> Iterator[Article | Discarded]:
    """`sources.read_inputs`: paths, folders, `-` for stdin, URLs the user named."""
    items = [items] if isinstance(items, str | os.PathLike) else list(items)  # one path is not its letters
    return _stage("sources", "read_inputs")(items, published=published, lang=lang)


def to_documents(articles: Iterable[Article | Discarded]) -> Iterator[Document | Discarded]:
    """`documents.to_document` over articles; discards pass through."""
    to_document = _stage("documents", "to_document")
    for a in articles:
        yield a if isinstance(a, Discarded) else to_document(a)


def extract_safely(
    documents: Sequence[Document], *, workers: int = 1, batch_size: int = BATCH_SIZE
) -> tuple[list[Extraction], list[Discarded]]:
    """`extract_many` over a batch; when it fails, each document alone, so one document that
    breaks the extractor becomes a Discarded (`extraction-failed`) and the others go on."""
    if not documents:
        return [], []
    try:
        return list(extract_many(documents, workers=workers, batch_size=batch_size)), []
    except Exception:  # noqa: BLE001 - isolate the document at fault below, one by one
        return _extract_one_by_one(documents)


def _extract_one_by_one(documents: Sequence[Document]) -> tuple[list[Extraction], list[Discarded]]:
    done: list[Extraction] = []
    failed: list[Discarded] = []
    for doc in documents:
        try:
            done.append(extract(doc))
        except Exception as exc:  # noqa: BLE001 - the reason becomes data the user sees
            detail = f"extraction failed ({type(exc).__name__}: {exc}); please report it with this input"
            failed.append(Discarded(id=doc.id, source=doc.source, reason="extraction-failed", detail=detail))
    return done, failed


def extract_items(
    items: Iterable[str],
    *,
    published: str | None = None,
    lang: str | None = None,
    workers: int = 1,
    cluster: bool = True,
) -> tuple[list[Extraction], list[Discarded]]:
    """Stateless extraction of inputs (no store): extractions in input order and the discards.
    With `cluster`, `resolution.cluster_extractions` (when present) sets cluster ids across documents."""
    docs: list[Document] = []
    discards: list[Discarded] = []
    for d in to_documents(read_articles(items, published=published, lang=lang)):
        (discards if isinstance(d, Discarded) else docs).append(d)
    extractions, failed = extract_safely(docs, workers=workers)
    cluster_fn = _optional("resolution", "cluster_extractions") if cluster else None
    if cluster_fn is not None and extractions:
        extractions = list(cluster_fn(extractions))
    return extractions, discards + failed


class _Counts:
    """Running totals; `freeze()` gives the immutable summary."""

    def __init__(self, resolution: bool) -> None:
        self.n = Counter()
        self.reasons: Counter = Counter()
        self.resolution = resolution

    def freeze(self) -> IngestSummary:
        return IngestSummary(
            **{
                k: self.n[k]
                for k in (
                    "read",
                    "added_articles",
                    "skipped_existing",
                    "events",
                    "figures",
                    "discards",
                    "resolved",
                )
            },
            resolution=self.resolution,
            discard_reasons=tuple(sorted(self.reasons.items())),
        )


def ingest(
    items: Iterable[str],
    store,
    *,
    published: str | None = None,
    lang: str | None = None,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Read, clean, extract and store inputs in batches of `batch_size` documents (one transaction
    each), then resolve the new events across articles when `wirewatch.resolution.update_store`
    exists (first catching up events an interrupted run left unresolved). Articles already stored
    are skipped before cleaning. `progress` gets the running summary after every input read and
    every batch saved."""
    if batch_size < 1:
        raise PipelineError(f"batch_size must be at least 1, got {batch_size}")
    update_store = _optional("resolution", "update_store")
    complete_years = _optional("resolution", "complete_years_in_store")
    counts = _Counts(resolution=update_store is not None)
    if update_store is not None:
        # Events a killed run stored but did not resolve yet (none: one indexed query).
        update_store(store, None)
    pending: list[Article] = []
    pending_discards: list[Discarded] = []
    seen: set[str] = set()

    def flush() -> None:
        stored = store.existing_articles(a.id for a in pending)
        fresh = [a for a in pending if a.id not in stored]
        counts.n["skipped_existing"] += len(pending) - len(fresh)
        docs: list[Document] = []
        for d in to_documents(fresh):
            (pending_discards if isinstance(d, Discarded) else docs).append(d)
        extractions, failed = extract_safely(docs, workers=workers, batch_size=batch_size)
        pending_discards.extend(failed)
        if complete_years is not None and extractions:
            extractions = complete_years(store, extractions)
        result = store.save_batch(extractions, pending_discards)
        counts.n["added_articles"] += result.added_articles
        counts.n["skipped_existing"] += result.skipped_existing
        counts.n["events"] += result.events
        counts.n["figures"] += result.figures
        counts.n["discards"] += len(pending_discards)
        counts.reasons.update(d.reason for d in pending_discards)
        if update_store is not None and result.event_ids:
            update_store(store, list(result.event_ids))
            counts.n["resolved"] += len(result.event_ids)
        pending.clear()
        pending_discards.clear()
        if progress:
            progress(counts.freeze())

    for item in read_articles(items, published=published, lang=lang):
        counts.n["read"] += 1
        if isinstance(item, Discarded):
            pending_discards.append(item)
        elif item.id in seen:  # the same article twice in one run (a file given twice)
            counts.n["skipped_existing"] += 1
        else:
            seen.add(item.id)
            pending.append(item)
        if progress:
            progress(counts.freeze())
        if len(pending) + len(pending_discards) >= batch_size:  # discards too: a folder of bad files
            flush()
    if pending or pending_discards:
        flush()
    return counts.freeze()


__all__ = [
    "BATCH_SIZE",
    "IngestSummary",
    "extract_items",
    "extract_safely",
    "ingest",
    "read_articles",
    "to_documents",
]
