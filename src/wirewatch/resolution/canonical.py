"""The canonical event of a cluster: what the reports, taken together, support.

- date: the most precise date any report gives (day over month over year); among several at that
  precision, the one most reports give, ties to news over background, then the earliest;
- place: the most precise place any report gives (site > town > district > admin1 > country), the
  one most reports give at that precision; admin1, country and coordinates come with it (admin1
  and country fall back to the most reported value when that report lacks them);
- actors: the named actor1 the reports agree on (the rule never clusters two different named
  ones), else the unknown-actor label a report used; actor2 the most reported named value;
- fatalities and injured as ACLED codes them: the lowest credible figure is the value (a 0 is
  credible only when no report gives a positive figure: early "no casualties reported" lines are
  superseded), with the (min, max) range of every figure stated;
- counts: distinct documents and outlets (URL host, else the source's folder), first and last
  report by the documents' publication dates;
- type and subtype: the most reported pair, ties to the most precise report.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlparse

from wirewatch.model import Cluster, Document, Event, PartialDate
from wirewatch.resolution.contradictions import cluster_contradictions
from wirewatch.resolution.rules import DATE_RANK, geo_rank, load_rules

__all__ = ["SourceInfo", "build_cluster", "outlet_of", "source_of"]


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What resolution needs to know about the document an event comes from."""

    doc_id: str
    outlet: str
    published: PartialDate | None = None


def outlet_of(url: str | None, source: str | None) -> str:
    """The outlet of a document: the URL host (without `www.`), else the folder of the source path."""
    for candidate in (url, source):
        if candidate and "://" in candidate:
            host = urlparse(candidate).hostname or ""
            if host:
                return host.removeprefix("www.")
    if source:
        parent = PurePath(source).parent.as_posix()
        return parent if parent not in ("", ".") else source
    return "unknown"


def source_of(doc: Document) -> SourceInfo:
    """SourceInfo of a Document."""
    return SourceInfo(doc_id=doc.id, outlet=outlet_of(doc.url, doc.source), published=doc.published)


def _date_key(ev: Event) -> int:
    return DATE_RANK[ev.date.precision] if ev.date else len(DATE_RANK)


def _geo_key(ev: Event) -> int:
    return geo_rank(ev)


def _vote(events: Sequence[Event], value, tiebreak) -> Event:
    """The event whose `value` is given by most events, ties by `tiebreak` (smallest wins)."""
    counts = Counter(value(e) for e in events)
    return min(events, key=lambda e: (-counts[value(e)], tiebreak(e)))


def _most_common(values) -> object | None:
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], str(v)))


def acled_figure(values: Sequence[int | None]) -> tuple[int | None, tuple[int, int] | None]:
    """ACLED's conservative count and the range: (lowest credible figure, (min, max)) or (None, None)."""
    stated = [v for v in values if v is not None]
    if not stated:
        return None, None
    positive = [v for v in stated if v > 0]
    return (min(positive) if positive else 0), (min(stated), max(stated))


def build_cluster(cluster_id: str, events: Sequence[Event], sources: Mapping[str, SourceInfo]) -> Cluster:
    """A `Cluster` from its member events (any order) and what is known about their documents."""
    if len(events) == 1:
        return _single(cluster_id, events[0], sources)
    events = sorted(events, key=lambda e: e.id)
    rules = load_rules()
    precise = lambda e: (e.background, _date_key(e), _geo_key(e), e.id)
    lead = min(events, key=precise)
    typed = _vote(events, lambda e: (e.type, e.subtype), precise)

    dated = [e for e in events if e.date]
    if dated:
        best = min(_date_key(e) for e in dated)
        date_ev = _vote([e for e in dated if _date_key(e) == best], lambda e: e.date, lambda e: (e.background, e.date))
    else:
        date_ev = lead
    best_geo = min(_geo_key(e) for e in events)
    place_ev = _vote(
        [e for e in events if _geo_key(e) == best_geo], lambda e: (e.place, e.admin1, e.country), precise
    )
    named1 = [rules.named(e.actor1) for e in events if rules.named(e.actor1)]
    actor1 = _most_common(named1) or _most_common(e.actor1 for e in events)
    actor2 = _most_common(rules.named(e.actor2) for e in events) or _most_common(e.actor2 for e in events)
    fatalities, fat_range = acled_figure([e.fatalities for e in events])
    injured, inj_range = acled_figure([e.injured for e in events])

    canonical = dataclasses.replace(
        lead,
        id=cluster_id,
        type=typed.type,
        subtype=typed.subtype,
        date=date_ev.date,
        date_basis=date_ev.date_basis,
        place=place_ev.place,
        admin1=place_ev.admin1 or _most_common(e.admin1 for e in events if e.country == place_ev.country),
        country=place_ev.country or _most_common(e.country for e in events),
        lat=place_ev.lat,
        lon=place_ev.lon,
        geo_precision=place_ev.geo_precision,
        actor1=actor1,
        actor2=actor2,
        fatalities=fatalities,
        injured=injured,
        background=all(e.background for e in events),
        confidence=max(e.confidence for e in events),
        provenance=(),
        contradictions=(),
        cluster=cluster_id,
    )
    infos = [sources.get(e.doc_id) for e in events]
    doc_ids = {e.doc_id for e in events}
    outlets = {info.outlet if info else e.doc_id for info, e in zip(infos, events, strict=True)}
    published = sorted(
        {info.published for info in infos if info and info.published}, key=lambda d: (d.first_day(), d.last_day())
    )
    return Cluster(
        id=cluster_id,
        event_ids=tuple(e.id for e in events),
        canonical=canonical,
        n_sources=len(doc_ids),
        n_outlets=len(outlets),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        fatalities_range=fat_range,
        injured_range=inj_range,
        contradictions=cluster_contradictions(events),
    )


def _single(cluster_id: str, ev: Event, sources: Mapping[str, SourceInfo]) -> Cluster:
    """A one-report cluster: the report is the canonical event (the common case, kept cheap)."""
    info = sources.get(ev.doc_id)
    published = info.published if info else None
    fatalities, fat_range = acled_figure([ev.fatalities])
    injured, inj_range = acled_figure([ev.injured])
    canonical = dataclasses.replace(
        ev, id=cluster_id, cluster=cluster_id, provenance=(), contradictions=(), fatalities=fatalities, injured=injured
    )
    return Cluster(
        id=cluster_id,
        event_ids=(ev.id,),
        canonical=canonical,
        n_sources=1,
        n_outlets=1,
        first_reported=published,
        last_reported=published,
        fatalities_range=fat_range,
        injured_range=inj_range,
        contradictions=cluster_contradictions([ev]) if ev.contradictions else (),
    )
