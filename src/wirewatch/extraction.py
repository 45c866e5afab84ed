"""Extraction: one Document in, one Extraction (events and figures) out. A pure function.

    Document -> nlp.parse -> events.context (mentions) -> events (triggers, assemble, merge)
             -> figures

Same input, same output: ids are content hashes of the document id, the span and the type.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from wirewatch.model import Document, Extraction
from wirewatch.nlp.parsed import ParsedDoc

#: Documents per spaCy batch in `extract_many` (see nlp.pipeline.DEFAULT_BATCH_SIZE).
DEFAULT_BATCH_SIZE = 16


def _from_parsed(document: Document, parsed: ParsedDoc) -> Extraction:
    from wirewatch.events import extract_events
    from wirewatch.events.context import build_context
    from wirewatch.figures import find_figures

    ctx = build_context(document, parsed)
    events = extract_events(ctx)
    return Extraction(document=document, events=tuple(events), figures=tuple(find_figures(ctx)))


def extract(document: Document) -> Extraction:
    """Events and figures of one document."""
    from wirewatch import nlp

    return _from_parsed(document, nlp.parse(document))


def _worker_batch(docs: list[Document]) -> list[Extraction]:
    from wirewatch import nlp

    return [_from_parsed(d, p) for d, p in zip(docs, nlp.parse_many(docs))]


def extract_many(documents: Iterable[Document], *, workers: int = 1, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Extraction]:
    """`extract` over many documents, in input order (batched through spaCy's `nlp.pipe`;
    `workers > 1` runs batches in that many processes, each loading the model once)."""
    batch: list[Document] = []
    if workers <= 1:
        for doc in documents:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from _worker_batch(batch)
                batch = []
        if batch:
            yield from _worker_batch(batch)
        return
    import multiprocessing as mp

    def batches():
        b: list[Document] = []
        for d in documents:
            b.append(d)
            if len(b) >= batch_size:
                yield b
                b = []
        if b:
            yield b

    ctx = mp.get_context("spawn")
    with ctx.Pool(workers) as pool:
        for result in pool.imap(_worker_batch, batches()):
            yield from result
