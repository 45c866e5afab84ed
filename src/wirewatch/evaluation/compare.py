"""Field comparisons used by scoring: dates, places, actors, counts (EVENT_SCHEMA.md matching rule).

Every function takes one predicted event dict and one gold event dict (gold may carry `_alt`
values). Knowledge lookups (gazetteer coordinates and admin1 aliases, actor aliases) go through a
`Knowledge` object so unit tests can pass a small fake and scoring still works when the knowledge
modules are absent (then names are compared after folding only).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date as _date

from wirewatch.errors import WirewatchError
from wirewatch.evaluation.gold import alternatives
from wirewatch.model import PartialDate

#: Places compatible for matching when both have coordinates closer than this (EVENT_SCHEMA.md).
MATCH_RADIUS_KM = 50.0
#: A matched pair's place counts as correct within this distance (EVENT_SCHEMA.md).
PLACE_CORRECT_KM = 25.0
#: Two day-precision dates are compatible up to this many days apart (EVENT_SCHEMA.md).
DAY_TOLERANCE = 1
#: Coordinates of places this coarse say nothing about distance (a country centroid is not a spot).
COARSE_PRECISIONS = frozenset({"admin1", "country", "region"})
#: Place cost of a pair where one event names a place and the other none: compatible (the schema's
#: cascade compares only levels both have) but ranked after every comparable pair (max 1.0 = 50 km).
UNCOMPARABLE_PLACE_COST = 1.0

# ACLED appends a version to state actors: "Military Forces of Iraq (2018-)", "(2000-2024)".
_VERSION_SUFFIX = re.compile(r"\s*\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
# Arabic article and separators vary across spellings: "Sala al-Din", "Salah ad Din", "Deir ez-Zor".
_ARTICLE = re.compile(r"\b(?:al|el|ad|ed|ar|as|az|ez|an|at)\b")


def fold(name: str | None) -> str:
    """Lowercase, strip accents, drop Arabic articles and punctuation: a spelling-tolerant key."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[\s\-_'’`.,]+", " ", text)
    text = _ARTICLE.sub(" ", text)
    return re.sub(r"\s+", "", text)


# --- knowledge -------------------------------------------------------------------------------------


class Knowledge:
    """Optional gazetteer and actor base behind the comparisons (None = compare folded names)."""

    def __init__(self, gazetteer=None, actors=None) -> None:
        self.gazetteer = gazetteer
        self.actors = actors
        self._places: dict[tuple, object] = {}
        self._admin1: dict[tuple, str] = {}
        self._actor: dict[str, str] = {}

    @classmethod
    def default(cls) -> Knowledge:
        """The project's gazetteer and actor base when they load; lookups are skipped otherwise."""
        gazetteer = actors = None
        try:
            from wirewatch.knowledge.gazetteer import Gazetteer

            gazetteer = Gazetteer.default()
        except (ImportError, WirewatchError, OSError, ValueError):  # the knowledge module is optional for scoring: names are folded instead
            gazetteer = None
        try:
            from wirewatch.knowledge.actors import ActorKB

            actors = ActorKB.default()
        except (ImportError, WirewatchError, OSError, ValueError):  # same: without it actors are compared by folded name
            actors = None
        return cls(gazetteer, actors)

    def place(self, name: str | None, country: str | None):
        """The gazetteer's `Place` for a name (or None)."""
        if not name or self.gazetteer is None:
            return None
        key = (name, country)
        if key not in self._places:
            try:
                self._places[key] = self.gazetteer.resolve(name, [country] if country else [])
            except (KeyError, ValueError, TypeError, AttributeError):  # a failed lookup must not stop scoring: treat as unknown
                self._places[key] = None
        return self._places[key]

    def admin1_key(self, name: str | None, country: str | None) -> str:
        """A comparison key for an admin1 name: the gazetteer's canonical name, folded."""
        if not name:
            return ""
        key = (name, country)
        if key not in self._admin1:
            canonical = None
            if self.gazetteer is not None:
                try:
                    canonical = self.gazetteer.admin1(name, country)
                except (KeyError, ValueError, TypeError, AttributeError):  # unknown spelling: fall back to the folded name
                    canonical = None
            self._admin1[key] = fold(canonical or name)
        return self._admin1[key]

    def actor_key(self, name: str) -> str:
        """A comparison key for one actor name: canonical KB name when known, without version suffix."""
        if name not in self._actor:
            bare = _VERSION_SUFFIX.sub("", name).strip()
            canonical = bare
            if self.actors is not None:
                try:
                    hit = self.actors.match(bare)
                    if hit is not None:
                        canonical = _VERSION_SUFFIX.sub("", hit.name).strip()
                except (KeyError, ValueError, TypeError, AttributeError):  # unknown actor: compare the name as written
                    canonical = bare
            self._actor[name] = fold(canonical)
        return self._actor[name]


# --- dates -----------------------------------------------------------------------------------------


def _interval(d: PartialDate) -> tuple[_date, _date]:
    return d.first_day(), d.last_day()


def date_gap(pred: str | None, gold: str | None) -> float | None:
    """Days between two dates when compatible (EVENT_SCHEMA.md), None when not.

    A null date matches only a null date: gold leaves a date null when the text supports none, so
    a guessed date is not the same event report, and a missing prediction is not a match.
    """
    if pred is None or gold is None:
        return 0.0 if pred is None and gold is None else None
    p, g = PartialDate.parse(pred), PartialDate.parse(gold)
    if p is None or g is None:
        return None
    if p.precision == "day" and g.precision == "day":
        gap = abs((p.to_date() - g.to_date()).days)
        return float(gap) if gap <= DAY_TOLERANCE else None
    if p.year != g.year:
        return None
    if p.precision == "year" or g.precision == "year":
        return 0.5  # compatible, but less close than an agreeing day
    if p.month != g.month:
        return None
    return 0.5


def best_date_gap(pred: dict, gold: dict) -> float | None:
    """The smallest gap over the gold date and its `date_alt`s (None when none is compatible)."""
    gaps = [date_gap(pred.get("date"), g) for g in alternatives(gold, "date")]
    gaps = [g for g in gaps if g is not None]
    return min(gaps) if gaps else None


def date_exact(pred: dict, gold: dict) -> bool:
    """The predicted date string equals the gold date or one of its alternatives (null == null)."""
    return pred.get("date") in alternatives(gold, "date")


# --- places ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Where:
    """What an event says about its place, normalised for comparison."""

    lat: float | None
    lon: float | None
    admin1: str  # folded canonical admin1, "" when unknown
    country: str  # upper ISO code, "" when unknown

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def empty(self) -> bool:
        return not (self.has_point or self.admin1 or self.country)


def locate(event: dict, kb: Knowledge) -> Where:
    """Coordinates (given, else from the gazetteer for town-level places), admin1 key and country."""
    country = (event.get("country") or "").upper()
    lat, lon = event.get("lat"), event.get("lon")
    admin1 = event.get("admin1")
    precision = event.get("geo_precision")
    if precision in COARSE_PRECISIONS:  # the event itself says its place is no point
        lat = lon = None
    elif lat is None or lon is None:  # gold often has a name only: the gazetteer's point for it
        place = kb.place(event.get("place"), country or None)
        if place is not None:
            if getattr(place, "precision", "town") not in COARSE_PRECISIONS and place.lat is not None:
                lat, lon = place.lat, place.lon
            admin1 = admin1 or getattr(place, "admin1", None)
            country = country or (getattr(place, "country", None) or "").upper()
    return Where(lat, lon, kb.admin1_key(admin1, country or None), country)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    r = 6371.0088  # mean Earth radius (IUGG)
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(min(1.0, h)))


def place_cost(p: Where, g: Where) -> float | None:
    """How far apart two places are, in units of MATCH_RADIUS_KM; None when incompatible.

    Cascade of EVENT_SCHEMA.md: both points -> within 50 km; else both admin1 -> equal; else both
    countries -> equal. Every step of the schema's rule applies "when both have one", so when no
    level can be compared (one event names no place at all) the places put no constraint on the
    match; such a pair costs the most, so a comparable pair is preferred. Whether the place itself
    is right is judged separately (`place_correct`: a named place against none is wrong).
    """
    if p.has_point and g.has_point:
        km = haversine_km(p.lat, p.lon, g.lat, g.lon)
        return km / MATCH_RADIUS_KM if km <= MATCH_RADIUS_KM else None
    if p.admin1 and g.admin1:
        return 0.5 if p.admin1 == g.admin1 else None
    if p.country and g.country:
        return 0.9 if p.country == g.country else None
    #: no comparable level: both empty (0.9, like two equal countries) or only one names a place
    return 0.9 if p.empty and g.empty else UNCOMPARABLE_PLACE_COST


def place_correct(p: Where, g: Where) -> bool:
    """Within 25 km, or the same admin1; country-level places agree when both only name a country."""
    if p.has_point and g.has_point and haversine_km(p.lat, p.lon, g.lat, g.lon) <= PLACE_CORRECT_KM:
        return True
    if p.admin1 and g.admin1:
        return p.admin1 == g.admin1
    if p.has_point or g.has_point or p.admin1 or g.admin1:
        return False
    return p.country == g.country


# --- actors and counts -----------------------------------------------------------------------------


def actor_set(value: str | None, kb: Knowledge) -> frozenset[str]:
    """`"A; B"` as a set of comparison keys (empty for null)."""
    if not value:
        return frozenset()
    return frozenset(kb.actor_key(part.strip()) for part in str(value).split(";") if part.strip())


#: Gold shorthands for an actor family whose country qualifier the annotator left out: gold
#: "Unidentified" (the dev pages' way of writing "unknown attackers") stands for the ACLED
#: family `Unidentified Armed Group (<country>)`, whichever country the prediction gives.
_FAMILY_SHORTHANDS = {"unidentified": "unidentified armed group", "unidentified armed group": "unidentified armed group"}
# "Name (Qualifier)" -> ("Name", "Qualifier"): ACLED's country/ethnicity qualifier.
_QUALIFIED = re.compile(r"^(?P<base>.*?)\s*\((?P<qualifier>[^()]*)\)\s*$")


def _family(name: str) -> str | None:
    """The qualifier-free family a gold shorthand names ("Unidentified" -> "unidentified armed group")."""
    return _FAMILY_SHORTHANDS.get(" ".join(name.casefold().split()))


def _same_actor(pred_name: str, gold_name: str, kb: Knowledge) -> bool:
    if kb.actor_key(pred_name) == kb.actor_key(gold_name):
        return True
    family = _family(gold_name)
    if family is None:
        return False
    m = _QUALIFIED.match(_VERSION_SUFFIX.sub("", pred_name))
    base = m.group("base") if m else pred_name
    return " ".join(base.casefold().split()) == family


def _parts(value) -> list[str]:
    return [part.strip() for part in str(value).split(";") if part.strip()] if value else []


def actor_equal(pred: dict, gold: dict, name: str, kb: Knowledge) -> bool:
    """The predicted actor set equals the gold set or one of its alternatives (null == null).

    A gold shorthand without a country qualifier ("Unidentified") accepts the qualified name of its
    family ("Unidentified Armed Group (Iraq)"); every other name must match exactly (after aliases).
    """
    got = _parts(pred.get(name))
    for alt in alternatives(gold, name):
        want = _parts(alt)
        if len(want) != len(got):
            continue
        if actor_set(pred.get(name), kb) == actor_set(alt, kb):
            return True
        remaining = list(got)
        for w in want:
            hit = next((g for g in remaining if _same_actor(g, w, kb)), None)
            if hit is None:
                break
            remaining.remove(hit)
        else:
            return True
    return False


def value_in(pred: dict, gold: dict, name: str) -> bool:
    """The predicted value equals the gold value or one of its `_alt`s (null == null)."""
    return pred.get(name) in alternatives(gold, name)
