"""Run the real pipeline on gold documents: Article -> Document -> extract_many -> clustering.

The predicted documents come out as `Extraction.to_dict()` dicts, the shape `score` takes. A gold
document the pipeline discards still gets an (empty) prediction, with the reason kept so a report
can say why its events were missed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wirewatch.evaluation.gold import GoldDoc
from wirewatch.model import Discarded


@dataclass(frozen=True, slots=True)
class Run:
    """Predicted documents (EVENT_SCHEMA.md dicts) and the gold documents the pipeline discarded."""

    predicted: tuple[dict, ...]
    discarded: tuple[Discarded, ...] = ()
    clustered: bool = False


def _cluster(extractions: list) -> tuple[list, bool]:
    """Cross-document clustering when `wirewatch.resolution.cluster_extractions` exists."""
    try:
        from wirewatch.resolution import cluster_extractions
    except ImportError:  # resolution not built yet: events stay unclustered (singletons)
        return extractions, False
    result = cluster_extractions(extractions)
    if isinstance(result, dict):  # event id -> cluster id
        return [_with_clusters(x, result) for x in extractions], True
    return list(result), True


def _with_clusters(extraction, clusters: dict) -> object:
    from dataclasses import replace

    events = tuple(replace(e, cluster=clusters.get(e.id, e.cluster)) for e in extraction.events)
    return replace(extraction, events=events)


def run_pipeline(
    gold: Sequence[GoldDoc],
    *,
    published_from_gold: bool = False,
    cluster: bool = True,
    batch_size: int = 32,
    progress: Callable[[int], None] | None = None,
) -> Run:
    """Extract events from the gold documents' text with the real pipeline.

    `published_from_gold` passes the gold `published` date as if the user had given it; otherwise
    the pipeline finds (or fails to find) the publication date itself.
    """
    from wirewatch.documents import to_document
    from wirewatch.extraction import extract_many

    documents, discarded = [], []
    for g in gold:
        result = to_document(g.to_article(with_published=published_from_gold))
        if isinstance(result, Discarded):
            discarded.append(result)
        else:
            documents.append(result)
    extractions = []
    for n, extraction in enumerate(extract_many(documents, batch_size=batch_size), 1):
        extractions.append(extraction)
        if progress is not None:
            progress(n)
    clustered = False
    if cluster and extractions:
        extractions, clustered = _cluster(extractions)
    predicted = [x.to_dict() for x in extractions]
    predicted += [{"id": d.id, "events": [], "discarded": d.reason} for d in discarded]
    return Run(tuple(predicted), tuple(discarded), clustered)
