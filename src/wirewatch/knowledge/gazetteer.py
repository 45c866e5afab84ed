"""The gazetteer: place names in any spelling -> canonical English `Place` (name, admin1, country, lat/lon).

    Gazetteer.default().resolve("Bagdad", countries=("IQ",))      -> Place("Baghdad", "IQ", "Baghdad", ...)
    Gazetteer.default().admin1("province d'al-Anbar")             -> "Al Anbar"
    Gazetteer.default().country_of_adjective("irakiennes")        -> "IQ"

Sources, most trusted first: the hand-curated supplement (bases, sites, regions, places of countries
outside the GeoNames extract), curated admin1 tables (canonical English names as ACLED and the gold
use them, every other spelling an alias), GeoNames populated places, Natural Earth countries.
Names are compared by `normalise.fold` keys; lookup is a cascade, cheap to expensive, stopping at
the first step that finds something: exact key -> without admin and qualifier words ("province de",
"Governorate", "Upper") -> "X, Y" / "X (Y)" qualified -> "Town - Quarter" (ACLED) -> same consonant
skeleton within the article's countries -> fuzzy within the article's countries.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from functools import cache

from rapidfuzz import fuzz, process

from wirewatch.knowledge import places_data as data
from wirewatch.knowledge.normalise import fold
from wirewatch.knowledge.patterns import Tokenizer, token_patterns
from wirewatch.model import Place

__all__ = ["Gazetteer", "distance_km", "place_key"]

#: A town at least this big outranks an admin1 of the same name ("Kirkuk" the city, not the
#: governorate); below it the admin1 wins ("Babil"). 50k: the smallest governorate capital in Iraq
#: and Syria is bigger, and villages named after a province are far smaller.
BIG_TOWN = 50_000
#: Without a country hint, two candidates in different countries are ambiguous unless the first is
#: this many times more important. 5: Baghdad (7M) vs a hamlet wins; Tripoli LB vs Tripoli LY does not.
AMBIGUITY_RATIO = 5.0
#: Fuzzy place matching (rapidfuzz ratio on fold keys, 0-100), only inside the given countries.
#: 90 accepts one letter off in an 8-letter name (Shaddadi/Shadadi) and refuses Homs/Hama-like pairs.
FUZZY_PLACE_MIN = 90
#: Keys shorter than this are never fuzzy-matched: on ACLED dev locations, 5-7 letter keys gave more
#: wrong towns (Sabkha/Sabkhah 125 km apart) than right ones.
FUZZY_MIN_LENGTH = 8
#: Towns smaller than this contribute their name and only PATTERN_ALTS_SMALL alternate spellings to
#: the EntityRuler patterns (all spellings stay searchable with lookup()); keeps patterns to a few
#: thousand while the cities news names often keep every French and English form.
PATTERN_TOWN_POPULATION = 20_000
PATTERN_ALTS_SMALL = 2
#: Bigger towns contribute at most this many names (GeoNames lists the Latin-script spellings of
#: many languages; the first dozen, accent-free first, hold the French and English ones we checked).
PATTERN_ALTS_BIG = 12
#: Towns of `geonames_cities_more.tsv` (countries beyond the Iraq/Syria/Sahel core) smaller than this
#: are not EntityRuler patterns: resolvable by name, found after a place cue ("in the village of X"),
#: but a bare name matches nothing. Thousands of Turkish, Iranian, Israeli and Jordanian villages share
#: names with Syrian ones and turned Syrian reports' places into foreign towns (ACLED dev, every
#: village a pattern: Syria -3 rows located, Yemen -1; cue-only: Syria unchanged, Yemen +4).
#: 20k: PATTERN_TOWN_POPULATION, "a town news names"; 50k gave the same ACLED dev scores.
PATTERN_MIN_POPULATION_MORE = 20_000
#: Consonant skeletons (vowels dropped: Saraqab/Saraqib -> srkb) shorter than this are not matched:
#: with 3 consonants or fewer, different villages share one (Tiba/Taiba/Tabbah); 4 keeps Saraqab->Saraqib.
SKELETON_MIN_LENGTH = 4

#: A small town outside the article's countries is accepted only when its matching key has at least
#: this many letters: short names (Sur, Saida, Bara, Tiba) exist in several countries, and a Syrian
#: village must not become a Lebanese city; long ones (Washington, Khamis Mushait) are distinctive.
FOREIGN_MIN_KEY_LENGTH = 6

_ADMIN_SUFFIX = re.compile(r"\s+(?:Region|Governorate|Province|Oblast)$")

# Tier of a candidate in resolve(): lower first. Curated entries were picked for conflict news.
_TIER_CURATED, _TIER_COUNTRY, _TIER_BIG_TOWN, _TIER_ADMIN1, _TIER_TOWN = range(5)


def _skeleton(key: str) -> str:
    """The consonants of a fold key, word by word (`sarakab` -> `srkb`)."""
    return " ".join(w if w.isdigit() else w[0] + "".join(c for c in w[1:] if c not in "aeiouy")
                    for w in key.split())


def place_key(place: Place) -> str:
    """A stable key of a place (EntityRuler `id`): `IQ/town/Baghdad#98182`, `IQ/site/Camp Taji`.
    The GeoNames id tells apart two towns of one name in one country (Khorramabad, Lorestan and
    Mazandaran): without it the first one read took the name of both."""
    key = f"{place.country or '-'}/{place.precision}/{place.name}"
    return f"{key}#{place.geonameid}" if place.geonameid is not None else key


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


class Gazetteer:
    """All places, indexed by folded name. Build once with `Gazetteer.default()`."""

    def __init__(self) -> None:
        self._places: dict[str, Place] = {}
        self._names: dict[str, list[str]] = defaultdict(list)  # key -> surface names (for patterns)
        self._tier: dict[str, tuple[int, int]] = {}
        self._index: dict[str, list[str]] = defaultdict(list)  # fold -> place keys
        self._admin1: dict[str, list[tuple[str, str]]] = defaultdict(list)  # fold -> (country, canonical)
        self._admin1_code: dict[str, str] = {}  # GeoNames CC.NN -> canonical
        self._countries: dict[str, Place] = {}
        self._country_index: dict[str, str] = {}
        self._country_names: dict[str, tuple[str, str]] = {}  # iso -> (name, name_of)
        self._adjectives: dict[str, str] = {}
        self._admin_words = tuple(sorted({fold(w) for w in data.words("admin_words.txt")}, key=len, reverse=True))
        self._skeletons: dict[str, list[str]] = defaultdict(list)  # consonant skeleton -> fold keys
        self._no_pattern = {fold(w) for w in data.words("not_patterns.txt")}
        self._country_keys: dict[str, list[tuple[int, str]]] | None = None  # see _keys_in
        self._unpatterned: set[str] = set()  # place keys left out of patterns()
        self._load()

    @classmethod
    @cache
    def default(cls) -> Gazetteer:
        """The gazetteer of the data files shipped with wirewatch (built once per process)."""
        return cls()

    # --- loading ----------------------------------------------------------------------------------

    def _add(self, place: Place, names: list[str], tier: tuple[int, int]) -> str:
        self._country_keys = None  # the index changes: _keys_in lists it again
        key = place_key(place)
        if key not in self._places:
            self._places[key] = place
            self._tier[key] = tier
        for n in names:
            k = fold(n)
            if k and key not in self._index[k]:
                self._index[k].append(key)
                sk = _skeleton(k)
                if k not in self._skeletons[sk]:
                    self._skeletons[sk].append(k)
            if n not in self._names[key]:
                self._names[key].append(n)
        return key

    def _load(self) -> None:
        self._load_countries()
        self._load_admin1()
        curated = list(data.supplement())
        # A curated town near a GeoNames place of the same name renames it (canonical English name).
        renames: dict[tuple[str | None, str], data.PlaceRecord] = {}
        for rec in curated:
            for n in (rec.name, *rec.aliases):
                renames[(rec.country, fold(n))] = rec
        claimed: set[str] = set()
        more = [(rec, rec.population < PATTERN_MIN_POPULATION_MORE)
                for rec in data.geonames_cities("geonames_cities_more.tsv")]
        for rec, unpatterned in [(rec, False) for rec in data.geonames_cities()] + more:
            cur = renames.get((rec.country, fold(rec.name)))
            if cur and cur.lat is not None and distance_km((cur.lat, cur.lon), (rec.lat, rec.lon)) < 30:
                claimed.add(cur.name)
                names = [cur.name, *cur.aliases, rec.name, *rec.aliases]
                # GeoNames coordinates are surveyed; the curated ones are 2-decimal approximations.
                admin1 = self.admin1(cur.admin1, rec.country) if cur.admin1 else None
                place = Place(cur.name, rec.country, admin1 or self._admin1_code.get(rec.admin1), rec.lat,
                              rec.lon, cur.precision, rec.geonameid)
                self._add(place, names, (_TIER_CURATED, rec.population))
                continue
            place = Place(rec.name, rec.country, self._admin1_code.get(rec.admin1), rec.lat, rec.lon, "town",
                          rec.geonameid)
            tier = _TIER_BIG_TOWN if rec.population >= BIG_TOWN else _TIER_TOWN
            key = self._add(place, [rec.name, *rec.aliases], (tier, rec.population))
            if unpatterned:
                self._unpatterned.add(key)
        for rec in curated:
            if rec.name in claimed:
                continue
            admin1 = self.admin1(rec.admin1, rec.country) or rec.admin1 if rec.admin1 else None
            place = Place(rec.name, rec.country, admin1, rec.lat, rec.lon, rec.precision)
            self._add(place, [rec.name, *rec.aliases], (_TIER_CURATED, 0))

    def _load_countries(self) -> None:
        for iso, en, fr, lat, lon, others in data.ne_countries():
            place = Place(en, iso, None, lat, lon, "country")
            self._countries[iso] = place
            for n in (en, fr, *others):
                self._country_index.setdefault(fold(n), iso)
        for iso, name, name_of, aliases, adjectives in data.curated_countries():
            old = self._countries.get(iso)
            self._countries[iso] = Place(name, iso, None, old.lat if old else None, old.lon if old else None,
                                         "country")
            self._country_names[iso] = (name, name_of)
            for n in (name, *aliases):
                self._country_index[fold(n)] = iso
            for adj in adjectives:
                self._adjectives[fold(adj)] = iso
        written: dict[str, list[str]] = defaultdict(list)
        for iso, en, fr, _, _, others in data.ne_countries():
            written[iso] += [en, fr, *others]
        for iso, name, _, aliases, _ in data.curated_countries():
            written[iso] += [name, *aliases]
        for iso, place in self._countries.items():
            self._add(place, [place.name, *(n for n in written[iso] if n)], (_TIER_COUNTRY, 0))

    def _load_admin1(self) -> None:
        curated_codes = set()
        for code, rec in data.curated_admin1():
            if code:
                self._admin1_code[code] = rec.name
                curated_codes.add(code)
            place = Place(rec.name, rec.country, rec.name, rec.lat, rec.lon, "admin1")
            names = [rec.name, *rec.aliases]
            self._add(place, names, (_TIER_ADMIN1, 0))
            for n in names:
                self._admin1[fold(n)].append((rec.country, rec.name))
        for code, name, ascii_name in data.geonames_admin1():
            cc = code.split(".")[0]
            if code in curated_codes:
                canonical = self._admin1_code[code]
            else:
                # "Jazan Region", "Ilam Province": the level word is not part of the English name.
                canonical = _ADMIN_SUFFIX.sub("", ascii_name)
                self._admin1_code[code] = canonical
            for n in (name, ascii_name, canonical):
                for k in {fold(n), self._strip_admin_words(fold(n))}:
                    if k and (cc, canonical) not in self._admin1[k]:
                        self._admin1[k].append((cc, canonical))

    # --- lookup -----------------------------------------------------------------------------------

    def get(self, key: str) -> Place:
        """The place of a `place_key` (the `id` of a pattern). Raises KeyError when unknown."""
        return self._places[key]

    def lookup(self, name: str, countries: tuple[str, ...] | list[str] = ()) -> list[Place]:
        """Every place the name may mean, best first (the article's countries first, then tier and size)."""
        countries = tuple(countries or ())
        for step in (self._exact, self._without_admin_words, self._qualified, self._district_of_town,
                     self._skeleton, self._fuzzy):
            keys = step(name, countries)
            if keys:
                return [self._places[k] for k in self._rank(keys, countries)]
        return []

    def resolve(self, name: str, countries: tuple[str, ...] | list[str] = ()) -> Place | None:
        """The place the name most likely means, or None when unknown or ambiguous.

        A place in `countries` (the countries the article is about) wins; otherwise the best candidate
        must clearly dominate candidates in other countries (`AMBIGUITY_RATIO`). A village that is no
        pattern (`PATTERN_MIN_POPULATION_MORE`) is meant when its country is one of `countries`, or
        when no country is known and its long name (FOREIGN_MIN_KEY_LENGTH) names nothing else: a
        Jordanian Al Jizah must not take the name of the Syrian one, nor vote for Jordan."""
        countries = tuple(countries or ())
        found = self.lookup(name, countries)
        candidates = [c for c in found if c.country in countries or place_key(c) not in self._unpatterned]
        if not candidates and len(found) == 1 and not countries \
                and len(fold(name).replace(" ", "")) >= FOREIGN_MIN_KEY_LENGTH:
            candidates = found
        if not candidates:
            return None
        best = candidates[0]
        if best.country in countries:
            return best
        short = min(len(fold(name).replace(" ", "")), len(fold(best.name).replace(" ", "")))
        if countries and best.precision in ("town", "district") and self._tier[place_key(best)][1] < BIG_TOWN \
                and short < FOREIGN_MIN_KEY_LENGTH:
            return None
        rivals = [c for c in candidates[1:] if c.country != best.country]
        if rivals and self._importance(best) < AMBIGUITY_RATIO * self._importance(rivals[0]):
            return None
        return best

    def admin1(self, name: str | None, country: str | None = None) -> str | None:
        """Canonical English admin1 from any spelling (ACLED, GeoNames, French), or None."""
        if not name:
            return None
        key = fold(name)
        hits = self._admin1.get(key) or self._admin1.get(self._strip_admin_words(key)) or []
        if country:
            hits = [h for h in hits if h[0] == country]
        names = {canonical for _, canonical in hits}
        return hits[0][1] if len(names) == 1 or (hits and country) else None

    def country(self, name: str) -> Place | None:
        """A country from its English or French name, an alias (USA, Etats-Unis) or its ISO alpha-2 code."""
        if len(name) == 2 and name.isupper() and name in self._countries:
            return self._countries[name]
        iso = self._country_index.get(fold(name))
        return self._countries.get(iso) if iso else None

    def country_of_adjective(self, word: str) -> str | None:
        """ISO alpha-2 of a nationality adjective or demonym in any form: irakien(ne)(s), Iraqi -> IQ."""
        return self._adjectives.get(fold(word))

    def country_name(self, iso: str, with_article: bool = False) -> str | None:
        """ACLED-style English name of a country (`United States`; `the United States` with_article)."""
        if iso in self._country_names:
            name, name_of = self._country_names[iso]
            return name_of if with_article else name
        place = self._countries.get(iso)
        return place.name if place else None

    def all(self) -> list[Place]:
        return list(self._places.values())

    def patterns(self, tokenizer: Tokenizer | None = None, proper_nouns: bool = False) -> list[dict]:
        """EntityRuler token patterns (label `PLACE`, id = `place_key`, attribute LOWER).

        Names are phrase patterns for `phrase_matcher_attr="LOWER"` (fast: ~1 ms a sentence with all
        patterns), so "hit" in running text matches Hit (Iraq): keep entities with a capital letter.
        `proper_nouns=True` makes one-word names token patterns `{"LOWER": ..., "IS_LOWER": False}`
        that refuse all-lowercase words, at about 30x the matching time (spaCy's Matcher is linear).
        Admin1 names that are common words (`Centre`, `Nord`, `South`) are left out (not_patterns.txt)."""
        out = []
        for key, names in self._names.items():
            if key in self._unpatterned:
                continue
            usable = [n for n in names if fold(n) not in self._no_pattern and len(fold(n)) > 2]
            tier, pop = self._tier[key]
            if tier in (_TIER_TOWN, _TIER_BIG_TOWN):
                small = pop < PATTERN_TOWN_POPULATION
                usable = usable[: 1 + (PATTERN_ALTS_SMALL if small else PATTERN_ALTS_BIG)]
            out.extend(token_patterns("PLACE", key, usable, tokenizer, proper=proper_nouns))
        return out

    # --- cascade steps ----------------------------------------------------------------------------

    def _exact(self, name: str, countries: tuple[str, ...]) -> list[str]:
        return list(self._index.get(fold(name), ()))

    def _strip_admin_words(self, key: str) -> str:
        """Drop admin-level and qualifier words at either end (province ..., Upper ..., ... al-Sharqi)."""
        changed = True
        while changed:
            changed = False
            for w in self._admin_words:
                if key.startswith(w + " "):
                    key, changed = key[len(w) + 1 :], True
                elif key.endswith(" " + w):
                    key, changed = key[: -len(w) - 1], True
        return key

    def _without_admin_words(self, name: str, countries: tuple[str, ...]) -> list[str]:
        key = fold(name)
        stripped = self._strip_admin_words(key)
        return list(self._index.get(stripped, ())) if stripped != key else []

    def _qualified(self, name: str, countries: tuple[str, ...]) -> list[str]:
        """`Jraishan, Basra` or `Homs (Syria)`: look the first part up inside the second."""
        for sep in (",", "("):
            if sep in name:
                head, tail = name.split(sep, 1)
                tail = tail.strip(" )")
                country = self.country(tail)
                admin1 = self.admin1(tail)
                keys = self._exact(head, countries) or self._without_admin_words(head, countries)
                if country:
                    keys = [k for k in keys if self._places[k].country == country.country]
                elif admin1:
                    keys = [k for k in keys if self._places[k].admin1 == admin1]
                return keys
        return []

    def _district_of_town(self, name: str, countries: tuple[str, ...]) -> list[str]:
        """`Beirut-Mazraa`, `Dar'a - Al-Sad`, `Taizz-Bir Bashah`: a quarter or site named after its town
        (ACLED's convention). Unknown quarters resolve to the town, known ones were found earlier."""
        for sep in (" - ", "-"):
            if sep in name:
                head = name.split(sep, 1)[0].strip()
                keys = self._exact(head, countries) or self._without_admin_words(head, countries)
                keys = [k for k in keys if self._places[k].precision in ("town", "admin1", "site")]
                if keys and (not countries or any(self._places[k].country in countries for k in keys)):
                    return keys
        return []

    def _skeleton(self, name: str, countries: tuple[str, ...]) -> list[str]:
        """Same consonants in the same order, inside the article's countries: vowels are what
        transliterations disagree on most (Saraqab/Saraqib, Maarat/Ma'arrat)."""
        key = self._strip_admin_words(fold(name))
        sk = _skeleton(key)
        if not countries or len(sk.replace(" ", "")) < SKELETON_MIN_LENGTH:
            return []
        return [p for k in self._skeletons.get(sk, ()) for p in self._index[k]
                if self._places[p].country in countries]

    def _fuzzy(self, name: str, countries: tuple[str, ...]) -> list[str]:
        key = fold(name)
        if not countries or len(key) < FUZZY_MIN_LENGTH:
            return []
        choices = self._keys_in(countries)
        hit = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_PLACE_MIN)
        # Transliterations disagree on vowels and doubled letters, not on the first sound:
        # Muqaylabiyah is not Suqaylabiyah.
        if not hit or hit[0][0] != key[0]:
            return []
        return [p for p in self._index[hit[0]] if self._places[p].country in countries]

    def _keys_in(self, countries: tuple[str, ...]) -> list[str]:
        """The index keys naming a place in one of `countries`, in index order (extractOne keeps the
        first of equal scores). The keys of each country are listed once: scanning the whole index
        on every fuzzy lookup was the costliest step of place resolution outside spaCy."""
        if self._country_keys is None:
            self._country_keys = defaultdict(list)
            for pos, (k, keys) in enumerate(self._index.items()):
                for country in dict.fromkeys(self._places[p].country for p in keys):
                    self._country_keys[country].append((pos, k))
        lists = [self._country_keys.get(c, []) for c in dict.fromkeys(countries)]
        if len(lists) == 1:
            return [k for _, k in lists[0]]
        return [k for _, k in sorted(set().union(*lists))]

    # --- ranking ----------------------------------------------------------------------------------

    def _importance(self, place: Place) -> float:
        tier, pop = self._tier[place_key(place)]
        # Country > curated > admin1 > big town > town, in orders of magnitude of "population".
        base = {_TIER_COUNTRY: 1e9, _TIER_CURATED: 1e6, _TIER_ADMIN1: 1e6, _TIER_BIG_TOWN: 0, _TIER_TOWN: 0}[tier]
        return base + pop + 1

    def _rank(self, keys: list[str], countries: tuple[str, ...]) -> list[str]:
        def order(k: str) -> tuple:
            p = self._places[k]
            tier, pop = self._tier[k]
            in_country = countries.index(p.country) if p.country in countries else len(countries)
            return (in_country, tier, -pop, k)

        return sorted(dict.fromkeys(keys), key=order)
