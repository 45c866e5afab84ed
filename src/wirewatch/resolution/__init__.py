"""Cross-article resolution: one real happening, many reports, and where they disagree (issue 5).

    cluster_extractions(extractions)   same extractions with `Event.cluster` set across documents
    Resolver().add(events, sources)    incremental clustering -> {event_id: cluster_id}
    Resolver().clusters()              clusters with canonical events, ranges, contradictions
    update_store(store, event_ids)     cluster new stored events, write clusters and contradictions
    figure_series(figures)             numeric claims grouped by what they measure
    complete_years(extractions)        yearless dates completed from linked dated reports (`years`)
    complete_years_in_store(store, xs) the same for an ingest batch, with the store's dated reports

Modules, in data-flow order: `rules` (when two reports are the same happening), `blocking` (which
pairs are compared), `clustering` (the Resolver), `canonical` and `contradictions` (the merged view
of a cluster), `series` (figures), `persist` (the store).
"""

from __future__ import annotations

from wirewatch.resolution.canonical import SourceInfo, build_cluster
from wirewatch.resolution.clustering import Resolver, cluster_extractions, cluster_id_for
from wirewatch.resolution.contradictions import cluster_contradictions
from wirewatch.resolution.series import Series, SeriesPoint, figure_series
from wirewatch.resolution.years import complete_years

__all__ = [
    "Resolver",
    "Series",
    "SeriesPoint",
    "SourceInfo",
    "build_cluster",
    "cluster_contradictions",
    "cluster_extractions",
    "cluster_id_for",
    "complete_years",
    "complete_years_in_store",
    "figure_series",
    "update_store",
]


def update_store(store, event_ids=None):
    """Cluster stored events and write clusters and contradictions (see `persist.update_store`).

    Imported lazily so that the pure clustering API does not load the database layer."""
    from wirewatch.resolution.persist import update_store as _update_store

    return _update_store(store, event_ids)


def complete_years_in_store(store, extractions):
    """`complete_years` for an ingest batch before it is saved: the batch's and the store's dated
    reports give yearless days their year, and documents that got one are read again (`years`).
    A report stored earlier without a year is not revisited when a dated one arrives later."""
    from wirewatch.extraction import extract
    from wirewatch.resolution.persist import dated_reports

    return complete_years(extractions, reread=extract, stored=lambda keys: dated_reports(store, keys))
