"""Extraction: one Document in, one Extraction (events and figures) out. A pure function.

Placeholder until the event pipeline lands (issue 3): returns no events.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from wirewatch.model import Document, Extraction


def extract(document: Document) -> Extraction:
    """Events and figures of one document."""
    return Extraction(document=document)


def extract_many(documents: Iterable[Document], *, workers: int = 1, batch_size: int = 16) -> Iterator[Extraction]:
    """`extract` over many documents, in input order (batched through spaCy's `nlp.pipe`)."""
    for doc in documents:
        yield extract(doc)
