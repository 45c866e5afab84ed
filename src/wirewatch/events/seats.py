"""Seats of government: where a national institution acts when the report names no place.

ACLED codes a parliament's vote, a government's decision or an agreement it signs at the capital
when nothing else locates it; so does the gold. The capital is knowledge about the named actor (as
Baghdad's coordinates are knowledge about the name "Bagdad"), not a guess about the event: it is
used only for strategic developments whose actor1 is a government, and the place's provenance is the
actor's mention. Data: `data/places/seats.tsv` (country -> capital as the gazetteer names it).
"""

from __future__ import annotations

from functools import cache

from wirewatch.knowledge import places_data
from wirewatch.model import Place

#: Actor kinds whose acts sit at the seat of government (the actor KB's kinds).
SEATED_KINDS = frozenset({"government"})
#: Event types located at the seat: decisions, agreements, votes. Violence and protests happen on
#: the ground and keep an unknown place when the text names none.
SEATED_TYPES = frozenset({"Strategic developments"})


@cache
def seats() -> dict[str, str]:
    """Country ISO alpha-2 -> canonical name of its capital in the gazetteer."""
    return {row[0]: row[1] for row in places_data.rows("seats.tsv", 2)}


def seat_of(actor, event_type: str | None, gazetteer) -> Place | None:
    """The capital where `actor` (a KB `Actor`) acts for an event of `event_type`, or None.

    None unless the actor is a government of a country with a known seat and the event is one an
    institution performs where it sits."""
    if actor is None or gazetteer is None or event_type not in SEATED_TYPES:
        return None
    if getattr(actor, "kind", None) not in SEATED_KINDS or not getattr(actor, "country", None):
        return None
    name = seats().get(actor.country)
    if name is None:
        return None
    place = gazetteer.resolve(name, (actor.country,))
    return place if place is not None and place.country == actor.country else None


@cache
def admin1_seats() -> dict[tuple[str, str], str]:
    """(country ISO alpha-2, admin1 canonical name) -> its capital town as the gazetteer names it."""
    return {(cc, a1): town for cc, a1, town in places_data.rows("admin1_seats.tsv", 3)}


def admin1_seat(place: Place, gazetteer) -> Place | None:
    """The capital town of a first-level division (`precision == "admin1"`), or None.

    ACLED codes an event located only by its governorate, region or province at the division's
    capital (geo-precision 3): the event keeps the division as its place and precision and takes the
    capital's coordinates. A town of that name in the division is preferred (several countries have
    towns named like another division's capital)."""
    if place.precision != "admin1" or not place.country or gazetteer is None:
        return None
    name = admin1_seats().get((place.country, place.name))
    if name is None:
        return None
    towns = [p for p in gazetteer.lookup(name, (place.country,))
             if p.country == place.country and p.precision in ("town", "site") and p.lat is not None]
    inside = [p for p in towns if p.admin1 == place.name]
    return (inside or towns or [None])[0]
