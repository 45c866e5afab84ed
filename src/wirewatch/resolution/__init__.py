"""Cross-article resolution: one real happening, many reports, and where they disagree (issue 5).

    cluster_extractions(extractions)   same extractions with `Event.cluster` set across documents
    Resolver().add(events, sources)    incremental clustering -> {event_id: cluster_id}
    Resolver().clusters()              clusters with canonical events, ranges, contradictions
    update_store(store, event_ids)     cluster new stored events, write clusters and contradictions
    figure_series(figures)             numeric claims grouped by what they measure

Modules, in data-flow order: `rules` (when two reports are the same happening), `blocking` (which
pairs are compared), `clustering` (the Resolver), `canonical` and `contradictions` (the merged view
of a cluster), `series` (figures), `persist` (the store).
"""

from __future__ import annotations

from wirewatch.resolution.canonical import SourceInfo, build_cluster
from wirewatch.resolution.clustering import Resolver, cluster_extractions, cluster_id_for
from wirewatch.resolution.contradictions import cluster_contradictions
from wirewatch.resolution.series import Series, SeriesPoint, figure_series

__all__ = [
    "Resolver",
    "Series",
    "SeriesPoint",
    "SourceInfo",
    "build_cluster",
    "cluster_contradictions",
    "cluster_extractions",
    "cluster_id_for",
    "figure_series",
    "update_store",
]


def update_store(store, event_ids=None):
    """Cluster stored events and write clusters and contradictions (see `persist.update_store`).

    Imported lazily so that the pure clustering API does not load the database layer."""
    from wirewatch.resolution.persist import update_store as _update_store

    return _update_store(store, event_ids)
