"""Clustering reports into happenings, incrementally, with a result independent of arrival order.

    resolver = Resolver()
    resolver.add(events_of_batch_1, sources)      # -> {event_id: cluster_id}
    resolver.add(events_of_batch_2, sources)      # attaches to existing clusters, or creates new ones
    resolver.clusters()                            # -> [Cluster] with canonical events

How: every new report is compared (through `blocking`) with earlier reports; each accepted pair
(`rules.linked`) is an edge. Connected components of this graph are kept with union-find. A
component is then split into clusters: a report joins the cluster it has most links to, provided
it conflicts with none of its members (`rules.conflict`: so an `Unidentified` report linked to two
rival groups' attacks cannot chain them together, and a day-late report cannot drag a cluster
along a week of daily attacks). The split is a greedy pass in an order that depends only on the component's content (most precise
date first, then the date most reports give, then place precision, then id), so adding the same
events in any order, in one batch or many, gives the same clusters: only components touched by
new reports are split again, which is what keeps `add` incremental.

Cluster ids are content hashes of the smallest event id in the cluster: stable across runs.
"""

from __future__ import annotations

import dataclasses
import gc
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from wirewatch.model import Cluster, Event, Extraction, content_id
from wirewatch.resolution.blocking import BlockIndex
from wirewatch.resolution.canonical import SourceInfo, build_cluster, source_of
from wirewatch.resolution.rules import Report, conflict, linked, load_rules, report_of
from wirewatch.resolution.years import complete_years

__all__ = ["Resolver", "cluster_extractions", "cluster_id_for"]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch is added: the resolver allocates millions of
    small lists and records without reference cycles, and full collections that rescan all of them
    cost a third of the time at 100k events (measured with bench/resolution.py)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def cluster_id_for(event_ids: Iterable[str]) -> str:
    """The stable id of a cluster: a hash of its smallest event id (re-running gives the same id)."""
    return "c" + content_id("cluster", min(event_ids), length=15)


class Resolver:
    """Incremental cross-document clustering (see the module docstring)."""

    def __init__(self) -> None:
        self._rules = load_rules()
        self._events: list[Event] = []
        self._reports: list[Report] = []
        self._index_of: dict[str, int] = {}
        self._adj: list[list[int]] = []
        self._parent: list[int] = []
        self._members: dict[int, list[int]] = {}  # union-find root -> component members
        self._cluster_of: list[str] = []
        self._groups: dict[str, list[int]] = {}  # cluster id -> member indexes
        self._sources: dict[str, SourceInfo] = {}
        self._blocks = BlockIndex()

    def __len__(self) -> int:
        return len(self._events)

    # --- adding ----------------------------------------------------------------------------------

    def add(self, events: Iterable[Event], sources: Mapping[str, SourceInfo] | None = None) -> dict[str, str]:
        """Attach new events to clusters; returns `{event_id: cluster_id}` for every new event and
        for every earlier event whose cluster id changed. Events already added are ignored.
        `sources` (doc id -> SourceInfo) gives outlets and publication dates for canonical events."""
        if sources:
            self._sources.update(sources)
        with _gc_paused():
            new: list[int] = []
            for ev in events:
                if ev.id not in self._index_of:
                    new.append(self._append(ev))
            changed: dict[str, str] = {}
            for root in {self._find(i) for i in new}:
                self._split(self._members[root], changed)
            for i in new:
                changed[self._events[i].id] = self._cluster_of[i]
        return changed

    def _append(self, ev: Event) -> int:
        i = len(self._events)
        rep = report_of(i, ev, self._rules)
        self._events.append(ev)
        self._reports.append(rep)
        self._index_of[ev.id] = i
        self._parent.append(i)
        self._members[i] = [i]
        self._cluster_of.append("")
        reports = self._reports
        neighbours = [j for j in self._blocks.candidates(rep) if linked(rep, reports[j])]
        self._adj.append(neighbours)
        for j in neighbours:
            self._adj[j].append(i)
            self._union(i, j)
        self._blocks.add(rep)
        return i

    def _find(self, i: int) -> int:
        parent = self._parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:  # path compression
            parent[i], i = root, parent[i]
        return root

    def _union(self, i: int, j: int) -> None:
        ri, rj = self._find(i), self._find(j)
        if ri == rj:
            return
        if len(self._members[ri]) < len(self._members[rj]):
            ri, rj = rj, ri
        self._parent[rj] = ri
        self._members[ri].extend(self._members.pop(rj))

    # --- splitting a component into clusters -----------------------------------------------------

    def _order(self, members: Sequence[int]) -> list[int]:
        """Members in the content-only order of the greedy split (see the module docstring)."""
        reps, evs = self._reports, self._events
        date_votes = Counter(reps[i].first for i in members if reps[i].day)
        return sorted(
            members,
            key=lambda i: (
                reps[i].date_rank,
                evs[i].background,
                -date_votes.get(reps[i].first, 0),
                reps[i].first,
                reps[i].geo_rank,
                reps[i].actor1 is None,
                evs[i].id,
            ),
        )

    def _split(self, members: Sequence[int], changed: dict[str, str]) -> None:
        """Greedy split of one component; records cluster id changes in `changed`."""
        if len(members) == 1:
            groups = [[members[0]]]
        else:
            groups = self._partition(members)
        old_ids = {self._cluster_of[i] for i in members} - {""}
        new_ids = set()
        for group in groups:
            cid = cluster_id_for(self._events[i].id for i in group)
            new_ids.add(cid)
            self._groups[cid] = sorted(group, key=lambda i: self._events[i].id)
            for i in group:
                if self._cluster_of[i] != cid:
                    self._cluster_of[i] = cid
                    changed[self._events[i].id] = cid
        for cid in old_ids - new_ids:
            self._groups.pop(cid, None)

    def _partition(self, members: Sequence[int]) -> list[list[int]]:
        reps = self._reports
        group_of: dict[int, int] = {}
        groups: list[list[int]] = []
        same_day: list[Counter] = []
        for i in self._order(members):
            r = reps[i]
            hits = Counter(group_of[j] for j in self._adj[i] if j in group_of)
            best, best_key = -1, None
            for g, n in hits.items():
                key = (n, same_day[g].get(r.first, 0), -g)
                if best_key is not None and key <= best_key:
                    continue
                if any(conflict(r, reps[m]) for m in groups[g]):
                    continue  # e.g. an unidentified report linked to two rival groups' attacks
                best, best_key = g, key
            if best < 0:
                best = len(groups)
                groups.append([])
                same_day.append(Counter())
            groups[best].append(i)
            group_of[i] = best
            if r.day:
                same_day[best][r.first] += 1
        return groups

    # --- reading ---------------------------------------------------------------------------------

    def cluster_of(self, event_id: str) -> str | None:
        """The cluster id of an added event, or None when it was never added."""
        i = self._index_of.get(event_id)
        return None if i is None else self._cluster_of[i]

    def assignments(self) -> dict[str, str]:
        """`{event_id: cluster_id}` for every event added so far."""
        return {ev.id: self._cluster_of[i] for i, ev in enumerate(self._events)}

    def cluster_ids(self) -> list[str]:
        """Ids of the current clusters, sorted."""
        return sorted(self._groups)

    def members(self, cluster_id: str) -> list[Event]:
        """The events of one cluster, by id."""
        return [self._events[i] for i in self._groups.get(cluster_id, ())]

    def cluster(self, cluster_id: str) -> Cluster:
        """One cluster with its canonical event, counts, ranges and contradictions."""
        return build_cluster(cluster_id, self.members(cluster_id), self._sources)

    def clusters(self, ids: Iterable[str] | None = None) -> list[Cluster]:
        """Clusters (all, or these ids) with canonical events, sorted by id."""
        with _gc_paused():
            return [self.cluster(cid) for cid in (sorted(ids) if ids is not None else self.cluster_ids())]


def cluster_extractions(extractions: Sequence[Extraction]) -> list[Extraction]:
    """The same extractions with `Event.cluster` set across documents (pure: inputs are not changed).

    Used by `wirewatch extract` over several documents and by `wirewatch evaluate` (B-cubed). A
    yearless date first takes its year from a linked dated report of another document (`years`)."""
    from wirewatch.extraction import extract  # the batch stage may read a document again (years)

    extractions = complete_years(extractions, reread=extract)
    resolver = Resolver()
    sources = {x.document.id: source_of(x.document) for x in extractions}
    resolver.add((e for x in extractions for e in x.events), sources)
    out = []
    for x in extractions:
        events = tuple(dataclasses.replace(e, cluster=resolver.cluster_of(e.id)) for e in x.events)
        out.append(dataclasses.replace(x, events=events))
    return out
