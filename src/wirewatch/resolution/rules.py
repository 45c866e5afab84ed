"""When two reports describe the same happening: the pairwise compatibility rule.

Two events from different documents are *linked* when all of these hold (issue 5):

1. **type family**: their types fall in one family of `data/resolution/rules.toml`;
2. **dates**: both known, and within `DAY_TOLERANCE` days when both are day-precise, else the
   coarser one contains the finer one (a month contains its days, a year its months). A report
   without a date is never linked: with no time anchor, joining it would be a guess;
3. **place**: not contradictory. Both precise (town/site with coordinates): within
   `MAX_DISTANCE_KM`. Else both with an admin1: the same admin1. Else the same country (a
   country-level place is compatible with every place inside it);
4. **actors**: not contradictory. Two different *named* actor1 stay apart (two attacks in one city on
   one day by two groups are two events); an unknown actor (`Unidentified ...`, or none) fits any;
   a state's government and its forces count as one actor (`Rules.actor_key`); the same two
   named parties with their roles swapped (A against B, B against A) are one pair, not a conflict;
5. **enough evidence** (so that vague reports do not glue unrelated events together):
   - a report with no place (no country) links only on a named, shared actor1 and a day-precise
     date on both sides (the "other strong evidence" a null place needs);
   - a month- or year-precision date links only on a named, shared actor1 (a background mention
     "the US strike of January 2020" joins the 2020-01-03 strike; "rockets in 2020" by unknown
     hands joins nothing, there were dozens); a year-precision date also needs a place below
     country level on both sides (a named actor acts many times a year in one country); a
     month-precision *background* recollection may instead link on the same sub-event type and a
     place below country level on both sides (that is how a text identifies what it recalls);
   - two day-precise reports link on a named, shared actor1, on a place below country level on
     both sides (same admin1 or within `MAX_DISTANCE_KM`), or on the very same day and sub-event
     type (a country-level "air strike in Iraq on 3 January" and the strike at Baghdad airport).

Rules 1-4 are also the *conflict* test (`conflict`): a report joins a cluster it is linked to only
when it conflicts with none of the cluster's members.

Place-free families (agreements) ignore places and link the same unordered pair of named actors
on compatible dates. Events of one document are never linked: the within-document merge already
decided they are different.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache

from wirewatch.languages import DATA_DIR
from wirewatch.model import EVENT_TYPES, SUBTYPE_TO_TYPE, Event

RULES_FILE = DATA_DIR / "resolution" / "rules.toml"

#: Days two day-precise reports may differ: issue 5 ("within a day"); a night attack is dated to
#: either side of midnight and outlets in other time zones date it a day later.
DAY_TOLERANCE = 1
#: Distance under which two precise places are the same place: issue 5 (~50 km); the evaluation
#: rule uses the same radius to match places, so resolution and scoring agree.
MAX_DISTANCE_KM = 50.0
#: Geo precisions whose coordinates are a real point, so distances between them mean something
#: (a district or admin1 coordinate is a centroid, tens of km from where things happened).
POINT_PRECISIONS = frozenset({"site", "town"})
#: Rank of date precisions, most precise first (day events anchor clusters).
DATE_RANK = {"day": 0, "month": 1, "year": 2}
_YEAR_RANK = DATE_RANK["year"]
#: Rank of geo precisions, most precise first; unknown precision ranks after the known ones.
GEO_RANK = {"site": 0, "town": 1, "district": 2, "admin1": 3, "country": 4, "region": 5}
_EARTH_KM = 6371.0


@dataclass(frozen=True, slots=True)
class Rules:
    """The data-file part of the rule: type families and unknown-actor markers."""

    family_of: dict[str, str]  # sub-event type -> family name
    place_free: frozenset[str]  # family names that link on actor pairs instead of places
    unknown_prefixes: tuple[str, ...]  # lower-cased
    state_prefixes: tuple[str, ...] = ()
    _keys: dict = field(default_factory=dict, repr=False, compare=False)  # actor_key memo

    def family(self, type_: str, subtype: str) -> str:
        """Family of an event: its sub-event type's, else its type's, else the sub-event type itself."""
        return self.family_of.get(subtype) or self.family_of.get(type_) or f"{type_}/{subtype}"

    def named(self, actor: str | None) -> str | None:
        """The actor when it names someone; None for no actor or `Unidentified ...`."""
        if not actor:
            return None
        low = actor.lower()
        return None if low.startswith(self.unknown_prefixes) else actor

    def actor_key(self, actor: str | None) -> str | None:
        """What two actor names are compared by: None for no one, `state:<X>` for any organ of state
        X, else the name without an ACLED period suffix."""
        try:
            return self._keys[actor]
        except KeyError:
            pass
        key = name = self.named(actor)
        if name is not None:
            key = _PERIOD.sub("", name).strip()
            for prefix in self.state_prefixes:
                if key.startswith(prefix):
                    key = "state:" + key[len(prefix) :]
                    break
        if len(self._keys) < _ACTOR_MEMO:
            self._keys[actor] = key
        return key


#: An ACLED period suffix: `Military Forces of Iraq (2020-2022)`.
_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)$")
#: Actor names remembered by `Rules.actor_key`: far above the few thousand actors ACLED names.
_ACTOR_MEMO = 100_000

@cache
def load_rules() -> Rules:
    """Parse `data/resolution/rules.toml` once per process."""
    with RULES_FILE.open("rb") as fh:
        raw = tomllib.load(fh)
    family_of: dict[str, str] = {}
    place_free: set[str] = set()
    by_type: dict[str, str] = {}
    for name, spec in raw.get("family", {}).items():
        for member in spec.get("members", ()):
            if member in EVENT_TYPES:
                by_type[member] = name
            else:
                family_of[member] = name
        if spec.get("place_free"):
            place_free.add(name)
    # expand event types to their sub-event types, without overriding a sub-event type listed itself
    for sub, typ in SUBTYPE_TO_TYPE.items():
        if sub not in family_of and typ in by_type:
            family_of[sub] = by_type[typ]
    for typ, name in by_type.items():
        family_of.setdefault(typ, name)
    actors = raw.get("actors", {})
    prefixes = tuple(p.lower() for p in actors.get("unknown_prefixes", ("unidentified",)))
    return Rules(
        family_of=family_of,
        place_free=frozenset(place_free),
        unknown_prefixes=prefixes,
        state_prefixes=tuple(actors.get("state_prefixes", ())),
    )


@dataclass(slots=True)
class Report:
    """The fields of one event the rule compares, precomputed once (the resolver keeps millions)."""

    idx: int
    doc_id: str
    family: str
    subtype: str
    place_free: bool
    first: int  # proleptic ordinal of the first day the date covers; -1 when undated
    last: int
    day: bool  # day-precise date
    country: str | None
    admin1: str | None
    lat: float | None  # only for point precisions, else None
    lon: float | None
    geo_rank: int
    no_place: bool  # no country: nothing to compare places by (blocking files it by actor)
    background: bool
    actor1: str | None  # comparison key of a named actor1 (`Rules.actor_key`) or None
    pair: frozenset[str] | None  # both actors named: the unordered pair (place-free families)
    date_rank: int
    month_cell: int  # year * 12 + month - 1 of the first day (blocking cell); -1 when undated
    year: int


def report_of(idx: int, ev: Event, rules: Rules) -> Report:
    """Precompute what `linked` needs from one event."""
    fam = rules.family(ev.type, ev.subtype)
    if ev.date is not None:
        d = ev.date
        first = d.first_day().toordinal()
        last = first if d.day is not None else d.last_day().toordinal()
        day, rank = d.day is not None, DATE_RANK[d.precision]
        month_cell, year = d.year * 12 + (d.month or 1) - 1, d.year
    else:
        first = last = month_cell = year = -1
        day, rank = False, len(DATE_RANK)
    point = ev.lat is not None and ev.lon is not None and ev.geo_precision in POINT_PRECISIONS
    a1, a2 = rules.actor_key(ev.actor1), rules.actor_key(ev.actor2)
    return Report(
        idx=idx,
        doc_id=ev.doc_id,
        family=fam,
        subtype=ev.subtype,
        place_free=fam in rules.place_free,
        first=first,
        last=last,
        day=day,
        country=ev.country.upper() if ev.country else None,
        admin1=ev.admin1 or None,
        lat=ev.lat if point else None,
        lon=ev.lon if point else None,
        geo_rank=geo_rank(ev),
        no_place=not ev.country,
        background=ev.background,
        actor1=a1,
        pair=frozenset((a1, a2)) if a1 and a2 else None,
        date_rank=rank,
        month_cell=month_cell,
        year=year,
    )


def geo_rank(ev: Event) -> int:
    """Rank of an event's place precision (GEO_RANK); when the extractor left `geo_precision` unset,
    inferred from what is filled (a named place ranks as a town, then admin1, then country)."""
    if ev.geo_precision in GEO_RANK:
        return GEO_RANK[ev.geo_precision]
    if ev.place:
        return GEO_RANK["town"]
    if ev.admin1:
        return GEO_RANK["admin1"]
    return GEO_RANK["country"] if ev.country else len(GEO_RANK)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def dates_compatible(a: Report, b: Report) -> bool:
    """Day-precise dates within `DAY_TOLERANCE`; otherwise the ranges overlap (containment)."""
    if a.first < 0 or b.first < 0:
        return False
    if a.day and b.day:
        return abs(a.first - b.first) <= DAY_TOLERANCE
    return a.first <= b.last and b.first <= a.last


def place_link(a: Report, b: Report) -> int:
    """-1: contradictory places; 1: the same place below country level; 0: compatible, no more."""
    if a.country and b.country and a.country != b.country:
        return -1
    if a.lat is not None and b.lat is not None:
        return 1 if distance_km(a.lat, a.lon, b.lat, b.lon) <= MAX_DISTANCE_KM else -1
    if a.admin1 and b.admin1:
        return 1 if a.admin1 == b.admin1 else -1
    return 0


def conflict(a: Report, b: Report) -> bool:
    """True when two reports cannot be the same happening: other family, same document, dates or
    places that exclude each other, two different named actor1 (or actor pairs, place-free)."""
    if a.family != b.family or a.doc_id == b.doc_id:
        return True
    if a.first >= 0 and b.first >= 0 and not dates_compatible(a, b):
        return True
    if a.place_free:
        return a.pair is not None and b.pair is not None and a.pair != b.pair
    if a.actor1 and b.actor1 and a.actor1 != b.actor1 and not _swapped(a, b):
        return True
    return place_link(a, b) < 0


def _swapped(a: Report, b: Report) -> bool:
    """The same two named parties with roles swapped: a clash is reported from either side."""
    return a.pair is not None and a.pair == b.pair


def linked(a: Report, b: Report) -> bool:
    """The pairwise rule of the module docstring (symmetric): dated, no conflict, enough evidence."""
    if a.first < 0 or b.first < 0 or conflict(a, b):
        return False
    if a.place_free:
        return a.pair is not None and a.pair == b.pair
    same_actor = a.actor1 is not None and (a.actor1 == b.actor1 or _swapped(a, b))
    if a.no_place or b.no_place:
        return same_actor and a.day and b.day
    if not (a.day and b.day):
        if a.date_rank == _YEAR_RANK or b.date_rank == _YEAR_RANK:
            # a year is vague enough that a named actor in one country is not enough evidence:
            # ACLED-scale actors act hundreds of times a year
            return same_actor and place_link(a, b) > 0
        if same_actor:
            return True
        # a recollection names the event it recalls by what, where and when ("the drone strike at
        # Baghdad airport in January 2020"): that is its evidence when no actor is named
        return (a.background or b.background) and a.subtype == b.subtype and place_link(a, b) > 0
    return same_actor or place_link(a, b) > 0 or (a.first == b.first and a.subtype == b.subtype)
