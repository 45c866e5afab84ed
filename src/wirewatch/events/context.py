"""Mentions of one document (actors, places, dates, casualties, numbers), gathered once.

The recognisers belong to other modules (`wirewatch.knowledge`, `wirewatch.mentions`); this module
only calls their documented contracts and tolerates one that is missing (its mentions are then
empty, and the rest of the extraction goes on). All spans point into `Document.text`.
"""

from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass
from functools import cache

from wirewatch.errors import ResourceError
from wirewatch.model import (
    ActorMention,
    CasualtyMention,
    DateMention,
    Document,
    NumberMention,
    PartialDate,
    PlaceMention,
    Span,
)
from wirewatch.nlp.parsed import ParsedDoc

#: Entity labels that may name a place (knowledge patterns, then spaCy's own labels).
PLACE_LABELS = ("PLACE", "LOC", "GPE")
#: Entity labels that may name an actor.
ACTOR_LABELS = ("ACTOR", "ORG", "PER", "NORP", "MISC")


@dataclass(frozen=True, slots=True)
class DocContext:
    """Everything assembly needs about a document besides its parse."""

    document: Document
    parsed: ParsedDoc
    actors: tuple[ActorMention, ...]
    places: tuple[PlaceMention, ...]
    dates: tuple[DateMention, ...]
    casualties: tuple[CasualtyMention, ...]
    numbers: tuple[NumberMention, ...]
    main_country: str | None

    def in_span(self, items, span: Span):
        """The mentions lying inside `span`."""
        return [m for m in items if span.start <= m.span.start and m.span.end <= span.end]

    @property
    def reference(self) -> PartialDate | None:
        """The publication date; without one, a lower bound of it: the latest day the text dates
        (deadlines and 'since' starts excluded), since a report cannot tell a day after it appeared."""
        if self.document.published is not None:
            return self.document.published
        days = [d.date for d in self.dates if d.date is not None and d.date.day is not None
                and d.relation not in ("future", "since")]
        return max(days, key=lambda d: d.to_date(), default=None)


@cache
def actor_kb():
    """The actor knowledge base, or None while `wirewatch.knowledge.actors` is missing."""
    try:
        from wirewatch.knowledge.actors import ActorKB

        return ActorKB.default()
    except (ImportError, ResourceError):
        return None


@cache
def gazetteer():
    """The gazetteer, or None while `wirewatch.knowledge.gazetteer` is missing."""
    try:
        from wirewatch.knowledge.gazetteer import Gazetteer

        return Gazetteer.default()
    except (ImportError, ResourceError):
        return None


def country_name(code: str | None) -> str | None:
    """English short name of an ISO country code (for `Unidentified Armed Group (Iraq)`)."""
    if not code:
        return None
    gaz = gazetteer()
    for attr in ("country_name", "country"):
        fn = getattr(gaz, attr, None) if gaz is not None else None
        if callable(fn):
            try:
                got = fn(code)
            except (KeyError, ValueError, TypeError):
                got = None
            if isinstance(got, str) and got:
                return got
            if got is not None and getattr(got, "name", None):
                return got.name
    return code


def _actors(parsed: ParsedDoc) -> list[ActorMention]:
    kb = actor_kb()
    if kb is None:
        return []
    out = []
    for ent in parsed.entities:
        if ent.label not in ACTOR_LABELS:
            continue
        actor = None
        try:
            if ent.kb_id:
                actor = kb.match(ent.kb_id)
            if actor is None and ent.label == "ACTOR":
                actor = kb.match(ent.text)
        except (KeyError, ValueError):
            actor = None
        if actor is not None:
            out.append(ActorMention(ent.span, ent.text, actor))
    return out


def _resolve(gaz, name: str, countries: tuple[str, ...]):
    try:
        return gaz.resolve(name, countries)
    except (KeyError, ValueError, TypeError):
        return None


def _place_of(gaz, ent, countries: tuple[str, ...]):
    """Resolve an entity: its written name first (preferring the article's countries), then the
    place the knowledge pattern carried."""
    place = _resolve(gaz, ent.text, countries)
    if place is None and ent.kb_id:
        try:
            place = gaz.get(ent.kb_id)
        except (KeyError, AttributeError):
            place = None
    return place


#: Weight of a sub-national place when voting for the article's main country: a city names
#: where things happen, a country name is often only a party ("les Etats-Unis ont ...").
SUBNATIONAL_WEIGHT = 3
#: Extra weight of a name that is also a province of that country ("Deir-ez-Zor", "Quneitra"):
#: province names are distinctive, while a small-town name often exists in several countries
#: ("Shula", "Hadar"); one point breaks the tie a town of another country would otherwise win.
ADMIN1_NAME_BONUS = 1


def _vote(gaz, name: str, place) -> int:
    """The weight of one place mention in the vote for the article's main country."""
    if place.precision == "country":
        return 1
    try:
        province = gaz.admin1(name, place.country)
    except (KeyError, ValueError, TypeError, AttributeError):
        province = None
    return SUBNATIONAL_WEIGHT + (ADMIN1_NAME_BONUS if province else 0)


def _tally(gaz, named) -> Counter:
    """Votes per country of (name, place) pairs; unresolved or countryless places do not vote."""
    counts: Counter = Counter()
    for name, place in named:
        if place is not None and place.country:
            counts[place.country] += _vote(gaz, name, place)
    return counts


def _places(parsed: ParsedDoc, actors: list[ActorMention] | tuple = ()) -> tuple[list[PlaceMention], str | None]:
    gaz = gazetteer()
    if gaz is None:
        return [], None
    from wirewatch.events.placecues import (
        compound_adjective,
        detect_places,
        fragment_of,
        name_runs,
        not_the_place,
    )

    # A place name is written with a capital in French and English: "dire conditions" is not Diré (Mali).
    ents = [e for e in parsed.entities if e.label in PLACE_LABELS and any(c.isupper() for c in e.text)
            and not compound_adjective(parsed.text, e.span) and not not_the_place(parsed.text, e.span, parsed.lang)]
    # A match inside a longer name stands for that name ("Saba" in "Al-Saba Bahrat" is not Saba):
    # the longer name resolves or the mention is dropped.
    runs = name_runs(parsed.text, parsed.lang)
    whole = {}
    for e in ents:
        longer = fragment_of(parsed.text, parsed.lang, e.span, runs)
        e = _Named(longer, parsed.text[longer.start:longer.end]) if longer is not None else e
        whole.setdefault((e.span.start, e.span.end), e)
    first = [(e, _place_of(gaz, e, ())) for e in whole.values()]
    counts = _tally(gaz, ((e.text, p) for e, p in first))
    prefer = tuple(c for c, _ in counts.most_common())
    # The actors' countries come last: they hint where a small town is ("QSD ... in Basira") but
    # never outvote the places the text names.
    hinted = prefer + tuple(dict.fromkeys(a.actor.country for a in actors
                                          if a.actor.country and a.actor.country not in prefer))
    out = []
    for e, p in first:
        if prefer:
            p = _place_of(gaz, e, prefer) or p
        if p is not None:
            p = _admin1_reading(gaz, parsed, e, p, prefer)
            out.append(PlaceMention(e.span, e.text, p))
    for span, name, p in detect_places(parsed, gaz, hinted, [m.span for m in out], actor_kb(),
                                     strict=bool(prefer)):
        p = _admin1_reading(gaz, parsed, _Named(span, name), p, hinted)
        out.append(PlaceMention(span, name, p))
    # The main country is voted again with the detected places; a state speaking through its name
    # ("Washington responded with strikes in Syria") is a party, not where the article is.
    speaking = _speaking_states(parsed, out)
    counts = _tally(gaz, ((m.text, m.place) for m in out if m not in speaking))
    main = counts.most_common(1)[0][0] if counts else None
    out.sort(key=lambda m: m.span.start)
    kept = _coherent(out, main)
    # a speaking state stays: it is no place of the event but names a party (`_subject_governments`)
    return [m for m in out if m in kept or m in speaking], main


@dataclass(frozen=True, slots=True)
class _Named:
    """A detected name where an entity is expected (`_admin1_reading` reads span and text)."""

    span: Span
    text: str
    kb_id: str = ""


#: Characters around a place name searched for a word saying it names the province
#: ("Idleb countryside", "the countryside of Aleppo", "Deir ez-Zor governorate").
ADMIN1_CUE_REACH = 30


@cache
def _admin1_cues(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Folded words after / before a name saying it names the province, read once per language."""
    from wirewatch.events.lexicon import fold, lexicon
    from wirewatch.events.placecues import place_cues

    lex = lexicon(lang)
    cues = place_cues(lang)
    after = [" ".join(t) for t in lex.cue("admin1_after").terms] + [fold(w) for w in cues.admin1_after]
    before = [" ".join(t) for t in lex.cue("admin1_before").terms] + [fold(w) for w in cues.admin1_before]
    # A cue ending in de / le also stands elided ("la campagne d'Alep").
    before += [w[:-1] + "'" for w in before if w.endswith((" de", " le"))]
    return tuple(after), tuple(before)


def _admin1_reading(gaz, parsed: ParsedDoc, ent, place, countries: tuple[str, ...]):
    """The admin1 sense of a name shared by a town and its province when the text says province
    (`admin1_after` / `admin1_before` of the document's language, in cues.toml and places.toml)."""
    if place.precision == "admin1":
        return place
    from wirewatch.events.lexicon import fold

    after, before = _admin1_cues(parsed.lang)
    if not after and not before:
        return place
    text = parsed.text
    tail = " ".join(fold(text[ent.span.end:ent.span.end + ADMIN1_CUE_REACH]).replace(",", " ").replace(".", " ").split())
    head = " ".join(fold(text[max(0, ent.span.start - ADMIN1_CUE_REACH):ent.span.start]).split())
    said = any(tail == w or tail.startswith(w + " ") for w in after) or any(
        head == w or head.endswith(" " + w) for w in before)
    if not said:
        return place
    try:
        options = gaz.lookup(ent.text, countries)
    except (KeyError, ValueError, TypeError, AttributeError):
        return place
    return next((o for o in options if o.precision == "admin1" and o.country == place.country), place)


def _coherent(places: list[PlaceMention], main: str | None) -> list[PlaceMention]:
    """Drop a lone sub-national place of another country than the document's main one when that
    country is named nowhere else ("Mahmudiyeh" in a Syrian report is not al-Mahmudiyah, Iraq)."""
    if main is None:
        return places
    per_country = Counter(p.place.country for p in places)
    return [p for p in places
            if p.place.country in (main, None) or p.place.precision == "country" or per_country[p.place.country] > 1]


def _call(module: str, name: str, *args) -> list:
    """Call a recogniser by its documented name; [] while the module is missing."""
    import importlib

    try:
        fn = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return []
    try:
        return list(fn(*args))
    except Exception as exc:  # noqa: BLE001 - a recogniser bug must not lose the whole document
        warnings.warn(f"{module}.{name} failed ({exc!r}); its mentions are skipped for this document",
                      RuntimeWarning, stacklevel=2)
        return []


def _speaking_states(parsed: ParsedDoc, places: list[PlaceMention]) -> list[PlaceMention]:
    """The countries and capitals right before a verb of saying or deciding (`placing.speaking_state`),
    read without a parser; none when the document is parsed (`roles.party_governments` reads the
    tree instead). Whether it is parsed is asked once for the document."""
    from wirewatch.events.placing import speaking_state

    if any(t.dep for t in parsed.tokens):
        return []
    return [p for p in places if speaking_state(parsed.text, parsed.lang, p)]


def _subject_governments(parsed: ParsedDoc, places: list[PlaceMention],
                         actors: list[ActorMention]) -> list[ActorMention]:
    """Without a parser (no dependency labels): a country or a capital right before a verb of
    saying or deciding ('Washington responded with strikes', 'the US says it has carried out')
    names its government as an actor (roles.toml `defaults.government`), the linear twin of
    `roles.party_governments`; the violence rules then code its forces."""
    from wirewatch.events.lexicon import lexicon
    from wirewatch.events.placing import is_state

    template = lexicon(parsed.lang).roles.get("defaults", {}).get("government")
    kb = actor_kb()
    if not template or kb is None:
        return []
    speaking = _speaking_states(parsed, places)

    def party(p) -> bool:
        return is_state(p) and not any(m.span.start <= p.span.start < m.span.end for m in actors)

    subjects = []
    for i, p in enumerate(places):
        if p not in speaking or not party(p):
            continue
        # "the US and Iraq have agreed": the first conjunct is a subject too
        if i and party(places[i - 1]) and parsed.text[places[i - 1].span.end:p.span.start].strip() == "and" \
                and places[i - 1] not in subjects:
            subjects.append(places[i - 1])
        subjects.append(p)
    out = []
    for p in subjects:
        country = p.place.country
        name = country_name(country)
        if not name or name == country:
            continue
        actor = kb.match(template.format(country="the " + name if name.startswith("United ") else name))
        if actor is not None and actor.kind == "government":
            out.append(ActorMention(p.span, p.text, actor))
    return out


def build_context(document: Document, parsed: ParsedDoc) -> DocContext:
    """Gather every mention of a document once (cheap text recognisers, then the knowledge bases)."""
    text, lang = document.text, document.lang
    dates = _call("wirewatch.mentions.dates", "find_dates", text, lang, document.published, document.year_hints)
    casualties = _call("wirewatch.mentions.casualties", "find_casualties", text, lang) or _call(
        "wirewatch.mentions.numbers", "find_casualties", text, lang
    )
    numbers = _call("wirewatch.mentions.numbers", "find_numbers", text, lang)
    actors = _actors(parsed)
    places, main = _places(parsed, actors)
    actors = sorted(actors + _subject_governments(parsed, places, actors), key=lambda m: m.span.start)
    return DocContext(document, parsed, tuple(actors), tuple(places), tuple(dates),
                      tuple(casualties), tuple(numbers), main)
