"""Where the reports of one happening disagree: every field, every value, and who said it.

A field is contradictory when the reports give different values *at the same level of detail*:
two different day dates (a month date and a day inside it are not a disagreement, one is just
less precise), two different places of the same geo precision, two different admin1, two
different named actors, two different fatality or injury figures. An unknown value never
contradicts a known one. Within-document contradictions the events stage already recorded on
`Event.contradictions` (one article saying five soldiers, then six men) are carried over with a note
naming the document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from wirewatch.model import Contradiction, Event
from wirewatch.resolution.rules import load_rules

__all__ = ["FIELDS", "cluster_contradictions", "disagreements"]

#: The fields compared across reports, in the order they are listed.
FIELDS = ("date", "place", "admin1", "country", "actor1", "actor2", "fatalities", "injured")


def _named(field: str) -> Callable[[Event], object]:
    rules = load_rules()
    return lambda e: rules.named(getattr(e, field))


def _groups_by(events: Sequence[Event], value: Callable[[Event], object], level: Callable[[Event], object]):
    """{level: {value: [events]}} skipping unknown values."""
    out: dict[object, dict[object, list[Event]]] = {}
    for e in events:
        v = value(e)
        if v is None:
            continue
        out.setdefault(level(e), {}).setdefault(v, []).append(e)
    return out


def disagreements(events: Sequence[Event]) -> list[tuple[str, list[tuple[object, list[Event]]]]]:
    """`[(field, [(value, [events saying it]), ...]), ...]` for every field with two or more values
    at one level of detail; values sorted by how many reports give them, then by value."""
    events = sorted(events, key=lambda e: e.id)
    getters: dict[str, tuple[Callable[[Event], object], Callable[[Event], object]]] = {
        "date": (lambda e: e.date.iso() if e.date else None, lambda e: e.date.precision if e.date else None),
        "place": (lambda e: e.place, lambda e: e.geo_precision),
        "admin1": (lambda e: e.admin1, lambda e: None),
        "country": (lambda e: e.country, lambda e: None),
        "actor1": (_named("actor1"), lambda e: None),
        "actor2": (_named("actor2"), lambda e: None),
        "fatalities": (lambda e: e.fatalities, lambda e: None),
        "injured": (lambda e: e.injured, lambda e: None),
    }
    out = []
    for field in FIELDS:
        value, level = getters[field]
        for _, by_value in sorted(_groups_by(events, value, level).items(), key=lambda kv: str(kv[0])):
            if len(by_value) < 2:
                continue
            values = sorted(by_value.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))
            out.append((field, values))
    return out


def cluster_contradictions(events: Sequence[Event]) -> tuple[Contradiction, ...]:
    """Contradictions across the reports of one cluster (sources are doc ids), then the
    within-document ones of each report."""
    cross = [
        Contradiction(
            field=field,
            values=tuple((v, tuple(dict.fromkeys(e.doc_id for e in evs))) for v, evs in values),
            note=f"{len({e.doc_id for _, evs in values for e in evs})} reports disagree",
        )
        for field, values in disagreements(events)
    ]
    within = [
        Contradiction(
            field=c.field,
            values=c.values,
            note=f"within one report ({e.doc_id})" + (f": {c.note}" if c.note else ""),
        )
        for e in sorted(events, key=lambda e: e.id)
        for c in e.contradictions
    ]
    return tuple(cross + within)
