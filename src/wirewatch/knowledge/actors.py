"""The actor knowledge base: any written name of an armed actor -> its ACLED-style canonical `Actor`.

    kb = ActorKB.default()
    kb.match("Hachd al-Chaabi")              -> Actor("Popular Mobilization Forces", "militia", "IQ")
    kb.match("Kazimi")                       -> Actor("Mustafa al-Kadhimi", "person", "IQ", leads="Government of Iraq")
    kb.acting_for("Kazimi")                  -> Actor("Government of Iraq", "government", "IQ")
    generic("unidentified", "IQ")            -> Actor("Unidentified Armed Group (Iraq)", "other", "IQ")
    qualified(kb.get("Islamic State"), "SY") -> "Islamic State (Syria)"

Data: `data/actors/actors.jsonl` (organisations), `data/actors/people.jsonl` (leaders and the organisation
they act for), `data/actors/generic.jsonl` (per-country families: state forces, police, government,
unidentified armed groups, protesters, rioters, civilians, with FR/EN alias templates built from the
nationality adjectives of `data/places/country_names.tsv`).
Matching: exact folded alias first; then rapidfuzz, restricted to one kind when a kind is given.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from functools import cache

from rapidfuzz import fuzz, process

from wirewatch.errors import ResourceError
from wirewatch.knowledge import places_data
from wirewatch.knowledge.normalise import fold
from wirewatch.knowledge.patterns import Tokenizer, token_patterns
from wirewatch.languages import DATA_DIR
from wirewatch.model import Actor

__all__ = ["ACTIVE_AS_OF", "KINDS", "ActorKB", "Period", "generic", "qualified"]

ACTORS_DIR = DATA_DIR / "actors"
KINDS = ("state-force", "government", "militia", "rebel", "jihadist", "civilians", "protesters", "rioters",
         "international", "person", "other")

#: Minimum rapidfuzz token_sort_ratio (0-100) between folded keys for a fuzzy actor match. 85 accepts a
#: transliteration the folding missed (Muhanbes/Muhandis, Nujaba/Nujabaa) and refuses different groups
#: that share words (Kataib Hezbollah / Kataib Sayyid al-Shuhada scores about 60).
FUZZY_ACTOR_MIN = 85
#: With a fuzzy actor match, each word must also be this close (rapidfuzz ratio) to a word of the
#: alias: 80 keeps Muhanbes/Muhandis (88) and Hezbolah/Hizbula, refuses Kurdish/Turkish (71).
FUZZY_WORD_MIN = 80
#: Folded keys shorter than this are only matched exactly: acronyms (KH, EI, PMF) differ by one letter.
FUZZY_MIN_LENGTH = 6
#: ACLED's families of local militias named after a place or group: "Shiheil Communal Militia (Syria)",
#: "Al Breij Tribal Militia (Syria)", "Fulani Ethnic Militia (Mali)". Recognised by form, never listed.
_LOCAL_MILITIA = re.compile(r"^\s*(?P<name>.+?\s(?:Communal|Tribal|Ethnic|Clan)\s+Militia)\s*\((?P<country>[^()]+)\)\s*$")
#: ACLED joins two possible perpetrators with "and/or"; the first is the one the source names first.
_AND_OR = re.compile(r"\s+and/or\s+", re.IGNORECASE)
#: Periods ACLED puts in state actor names: "Military Forces of Iraq (2018-)", "... (2016-) Supreme Political Council".
_ACLED_PERIOD = re.compile(r"\s*\(\d{4}\s*-\s*(?:\d{4})?\)")
#: ACLED's "<acronym>: <name>" canonical names ("JWS: Syrian National Army", "QDW: National Defence
#: Forces"): analysts' notes write the acronym alone ("clashes between JWS and YPG").
_ACLED_ACRONYM = re.compile(r"^(?P<acronym>[A-Z][A-Za-z]{1,5}):\s")


#: The optional `active` periods and `died` dates of the actor files were written from public knowledge
#: up to this day: an open period (end null) is only known to last until then.
ACTIVE_AS_OF = date(2025, 6, 1)
#: One period of activity: (first day, last day or None while it lasts).
Period = tuple[date, date | None]


def _day(value, name: str, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ResourceError(f"actor {name!r}: {field} {value!r} is not a YYYY-MM-DD date: fix the entry") from None


def _periods(rec: dict) -> tuple[Period, ...]:
    """The `active` field of a record: [["YYYY-MM-DD", "YYYY-MM-DD" or null], ...]."""
    out = []
    for period in rec.get("active") or ():
        if not isinstance(period, list) or len(period) != 2:
            raise ResourceError(f"actor {rec['name']!r}: active period {period!r} is not [first, last]: fix the entry")
        first = _day(period[0], rec["name"], "active")
        last = None if period[1] is None else _day(period[1], rec["name"], "active")
        if last is not None and last < first:
            raise ResourceError(f"actor {rec['name']!r}: active period {period!r} ends before it begins")
        out.append((first, last))
    return tuple(out)


def _read_jsonl(name: str) -> list[dict]:
    path = ACTORS_DIR / name
    if not path.is_file():
        raise ResourceError(f"actor file {path} is missing: reinstall wirewatch")
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ResourceError(f"{path}:{n}: not valid JSON ({exc.msg}): fix the line") from exc
    return out


@cache
def _countries() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """iso -> (name, name_of, adjectives) from the curated country table."""
    return {iso: (name, name_of, adjs) for iso, name, name_of, _, adjs in places_data.curated_countries()}


@cache
def _generic_templates() -> dict[str, dict]:
    return {t["family"]: t for t in _read_jsonl("generic.jsonl")}


def _country_iso(country: str) -> str | None:
    if country in _countries():
        return country
    key = fold(country)
    for iso, (name, name_of, _) in _countries().items():
        if fold(name) == key or fold(name_of) == key:
            return iso
    return None


#: Actor kinds and plain words accepted as families by generic().
_FAMILY_SYNONYMS = {"state-force": "military", "army": "military", "unknown": "unidentified",
                    "civilian": "civilians", "protester": "protesters", "rioter": "rioters"}


def generic(family: str, country: str) -> Actor:
    """A per-country actor: family `military`, `police`, `government`, `unidentified`, `protesters`,
    `rioters` or `civilians`; country as ISO alpha-2 or English name. Raises KeyError when unknown."""
    tpl = _generic_templates()[_FAMILY_SYNONYMS.get(family, family)]
    iso = _country_iso(country)
    if iso is None:
        name, name_of = country, country
    else:
        name, name_of, _ = _countries()[iso]
    return Actor(tpl["name"].format(country=name, country_of=name_of), tpl["kind"], iso)


def qualified(actor: Actor | str, country: str) -> str:
    """ACLED's country-qualified name: `Islamic State` in SY -> `Islamic State (Syria)`."""
    name = actor.name if isinstance(actor, Actor) else actor
    iso = _country_iso(country)
    cname = _countries()[iso][0] if iso else country
    return f"{name} ({cname})"


class ActorKB:
    """All known actors with their aliases. Build once with `ActorKB.default()`."""

    def __init__(self, records: list[dict] | None = None) -> None:
        self._actors: dict[str, Actor] = {}
        self._aliases: dict[str, list[str]] = defaultdict(list)  # fold -> canonical names
        self._names: dict[str, list[str]] = defaultdict(list)  # canonical -> surface names
        self._active: dict[str, tuple[Period, ...]] = {}  # canonical -> periods (optional field)
        self._died: dict[str, date] = {}
        if records is None:
            records = _read_jsonl("actors.jsonl") + _read_jsonl("people.jsonl")
            generated = self._generic_records()
        else:
            generated = []
        self._determiners = tuple(sorted((fold(w) for w in _determiners()), key=len, reverse=True))
        for rec in records:
            self._add(rec)
        # Only written names are fuzzy targets: aliases generated from templates ("Saudi tribal
        # fighters") are combinations nobody checked, and made "Sunni tribal fighters" match one.
        fuzzy_keys = set(self._aliases)
        for rec in generated:
            self._add(rec)
            fuzzy_keys.add(fold(rec["name"]))
        # Canonical names of two words or more, longest first, for ACLED's "<actor> <sub-unit>" names.
        self._prefixes = sorted(((fold(c), c) for c, a in self._actors.items()
                                 if a.kind != "person" and len(fold(c).split()) >= 2),
                                key=lambda t: -len(t[0]))
        self._by_kind: dict[str | None, list[str]] = defaultdict(list)
        for key, canon in self._aliases.items():
            if len(key) >= FUZZY_MIN_LENGTH and key in fuzzy_keys:
                self._by_kind[None].append(key)
                for kind in {self._actors[c].kind for c in canon}:
                    self._by_kind[kind].append(key)

    @classmethod
    @cache
    def default(cls) -> ActorKB:
        """The knowledge base of the data files shipped with wirewatch (built once per process)."""
        return cls()

    def _add(self, rec: dict) -> None:
        name = rec["name"]
        kind = rec.get("kind", "other")
        if kind not in KINDS:
            raise ResourceError(f"actor {name!r} has unknown kind {kind!r}: use one of {', '.join(KINDS)}")
        if name not in self._actors:
            self._actors[name] = Actor(name, kind, rec.get("country"), rec.get("leads"))
        if rec.get("active") and name not in self._active:
            self._active[name] = _periods(rec)
        if rec.get("died") and name not in self._died:
            self._died[name] = _day(rec["died"], name, "died")
        acronym = _ACLED_ACRONYM.match(name)
        extra = (acronym.group("acronym"),) if acronym else ()
        for alias in (name, *rec.get("aliases", ()), *extra):
            key = fold(alias)
            if key and name not in self._aliases[key]:
                self._aliases[key].append(name)
            if alias not in self._names[name]:
                self._names[name].append(alias)

    @staticmethod
    def _generic_records() -> list[dict]:
        """Per-country family records (military, police, ...) with aliases from adjective templates."""
        out = []
        for tpl in _generic_templates().values():
            for iso, (name, name_of, adjs) in _countries().items():
                aliases = []
                for lang in ("en", "fr"):
                    for pattern in tpl.get(lang, ()):
                        if "{adj}" not in pattern:
                            aliases.append(pattern.format(country=name))
                            continue
                        aliases.extend(pattern.format(adj=a) for a in _agreeing(adjs, pattern, lang))
                out.append({"name": tpl["name"].format(country=name, country_of=name_of), "kind": tpl["kind"],
                            "country": iso, "aliases": aliases})
        return out

    # --- lookup -----------------------------------------------------------------------------------

    def get(self, canonical: str) -> Actor:
        """The actor of a canonical name (a pattern `id`). Raises KeyError when unknown."""
        return self._actors[canonical]

    def all(self) -> list[Actor]:
        return list(self._actors.values())

    def active(self, canonical: str) -> tuple[Period, ...]:
        """When an actor was active (optional `active` field): for a person the terms of the offices
        they are named with, for an organisation its life; () when the data do not say."""
        return self._active.get(canonical, ())

    def died(self, canonical: str) -> date | None:
        """A person's date of death (optional `died` field), None when alive or unknown."""
        return self._died.get(canonical)

    def dated(self) -> list[str]:
        """Canonical names of the actors whose `active` periods or death the data give."""
        return [c for c in self._actors if c in self._active or c in self._died]

    def aliases(self, canonical: str) -> list[str]:
        """Every written form known for an actor (canonical name first)."""
        return list(self._names.get(canonical, ()))

    def _key(self, name: str) -> str:
        key = fold(_ACLED_PERIOD.sub("", name))
        for det in self._determiners:
            if key.startswith(det + " ") and len(key) > len(det) + 1:
                key = key[len(det) + 1 :]
                break
        return key

    def match(self, name: str, kind: str | None = None) -> Actor | None:
        """The actor a written name means, or None. With `kind`, only actors of that kind are returned."""
        if not name or not name.strip():
            return None
        key = self._key(name)
        for k in (key, fold(name)):
            # a folded key two actors share ("JaS" Levant Front, "JAS" Boko Haram): the exact spelling wins
            for canon in sorted(self._aliases.get(k, ()), key=lambda c: name.strip() not in self._names[c]):
                actor = self._actors[canon]
                if kind is None or actor.kind == kind:
                    return actor
        for step in (self._acled_unit, self._acled_family):
            actor = step(name)
            if actor is not None and (kind is None or actor.kind == kind):
                return actor
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        hits = process.extract(key, self._by_kind.get(kind, []), scorer=fuzz.token_sort_ratio,
                               score_cutoff=FUZZY_ACTOR_MIN, limit=5)
        for alias, _, _ in hits:
            if not _same_head(key, alias) or _derived(key, alias):
                continue
            for canon in self._aliases[alias]:
                if kind is None or self._actors[canon].kind == kind:
                    return self._actors[canon]
        return None

    def _acled_unit(self, name: str) -> Actor | None:
        """ACLED sub-units and alternatives: "Military Forces of Syria (2000-) 4th Armored Division",
        "QSD: Syrian Democratic Forces - Intelligence", "JNIM ... and/or Islamic State (Greater Sahara)"
        -> the longest known canonical name the written name starts with (whole words only)."""
        first = _AND_OR.split(name)[0]
        key = fold(_ACLED_PERIOD.sub("", first))
        if first != name and key in self._aliases:
            return self._actors[self._aliases[key][0]]
        for ckey, canon in self._prefixes:  # longest first
            if key.startswith(ckey + " "):
                return self._actors[canon]
        return None

    def _acled_family(self, name: str) -> Actor | None:
        """A local militia in ACLED's naming ("Hajin Communal Militia (Syria)"), kept as written."""
        m = _LOCAL_MILITIA.match(name)
        if not m:
            return None
        iso = _country_iso(m.group("country").strip())
        return Actor(f"{m.group('name').strip()} ({m.group('country').strip()})", "militia", iso)

    def in_theatre(self, name: str | None, country: str | None) -> str | None:
        """The name coded for an actor acting in `country` (data/actors/theatres.jsonl): Saudi forces
        in Yemen are `Operation Restoring Hope`. Other names come back unchanged."""
        if not name or not country:
            return name
        return _theatres().get((name, country), name)

    def acting_for(self, name: str, kind: str | None = None) -> Actor | None:
        """Like `match`, but a person is replaced by the organisation they lead or act for."""
        actor = self.match(name, kind)
        if actor is not None and actor.leads:
            return self._actors.get(actor.leads, actor)
        return actor

    def patterns(self, tokenizer: Tokenizer | None = None) -> list[dict]:
        """EntityRuler token patterns (label `ACTOR`, id = canonical name, attribute LOWER).

        Pass `tokenizer=lambda s: [t.text for t in nlp.tokenizer(s)]` for exact token boundaries."""
        out = []
        for canon, names in self._names.items():
            usable = [n for n in names if len(fold(n)) >= 2]
            out.extend(token_patterns("ACTOR", canon, usable, tokenizer))
        return out


#: Most letters a suffix may add to a whole name and still derive another word from it (Arabic
#: nisba "-i", French "-ien"/"-ienne"): Baghdad -> Baghdadi is a man from Baghdad, not a spelling.
DERIVATION_SUFFIX_MAX = 4


def _derived(a: str, b: str) -> bool:
    """One key is the other plus a short suffix: a derived word ("bagdad" / "bagdadi"), which a
    fuzzy score rates as close as a transliteration variant but which names something else."""
    short, long_ = sorted((a.replace(" ", ""), b.replace(" ", "")), key=len)
    return long_ != short and long_.startswith(short) and len(long_) - len(short) <= DERIVATION_SUFFIX_MAX


def _same_head(a: str, b: str) -> bool:
    """The distinctive words must agree too: every word of the shorter key is close to a word of the
    other (`kurdish forces` is not `turkish forces`, though the whole strings score 86)."""
    wa, wb = a.split(), b.split()
    if len(wa) > len(wb):
        wa, wb = wb, wa
    return all(max(fuzz.ratio(w, x) for x in wb) >= FUZZY_WORD_MIN for w in wa)


def _agreeing(adjectives: tuple[str, ...], template: str, lang: str) -> list[str]:
    """The adjective forms that fit a template: English ones are capitalised (Iraqi, US); French ones
    are lowercase and agree in number with the noun (forces -> irakiennes, armée -> irakienne)."""
    if lang == "en":
        return [a for a in adjectives if a[:1].isupper() and not (a.endswith("s") and not a.endswith("ss"))]
    noun = template.replace("{adj}", "").split()[0]
    plural = noun.endswith(("s", "x"))
    forms = [a for a in adjectives if a[:1].islower()]
    if plural:
        return [a for a in forms if a.endswith(("s", "x"))]
    return [a for a in forms if not a.endswith("s") or a.endswith("ais")]


@cache
def _theatres() -> dict[tuple[str, str], str]:
    """(actor, country where it acts) -> the operation it is coded as."""
    return {(r["actor"], r["country"]): r["as"] for r in _read_jsonl("theatres.jsonl")}


@cache
def _determiners() -> tuple[str, ...]:
    path = ACTORS_DIR / "determiners.txt"
    with path.open(encoding="utf-8") as fh:
        return tuple(ln.strip() for ln in fh if ln.strip() and not ln.startswith("#"))
