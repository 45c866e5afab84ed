"""Placing: which gazetteer mention of a candidate's sentence locates the event.

Moved out of assemble.py (same behaviour); contract: `choose_place(ctx, cand, lex)` returns the
PlaceMention that locates the event or None; `coordinated_places(ctx, cand, lex, first)` returns
the further places coordinated with it (ACLED codes one event per location).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from wirewatch.events.context import DocContext
from wirewatch.events.lexicon import Lexicon
from wirewatch.events.roles import coordinated, is_location
from wirewatch.events.triggers import Candidate
from wirewatch.languages import lang_file
from wirewatch.model import GEO_PRECISIONS, Span

#: How many sentences back the place may come from when the trigger sentence names none
#: (a lead sentence names the city, the next says what fell where).
PLACE_LOOKBACK = 1


#: Strategic developments that happen at one place like violence does (an arrest, a looting, a
#: seized weapons cache: "QSD raided a house in X. ... QSD arrested his cousin"), so they may take
#: the previous sentence's place; agreements and policy changes keep their own sentence's only.
LOCAL_DEVELOPMENTS = ("Arrests", "Looting/property destruction", "Disrupted weapons use",
                      "Headquarters or base established", "Non-violent transfer of territory")


def _precision_rank(p) -> int:
    return GEO_PRECISIONS.index(p.place.precision) if p.place.precision in GEO_PRECISIONS else len(GEO_PRECISIONS)


#: Characters before a place mention searched for a seat marker ('basée au ', 'based in ').
SEAT_WINDOW = 20


def _seat(ctx: DocContext, p, lex: Lexicon) -> bool:
    """'l'ONG, basée au Royaume-Uni', 'the London-based monitor ... based in Britain': the place is
    where a source or an organisation sits, not where the event happened (cues `seat_markers`)."""
    before = _norm(ctx.parsed.text[max(0, p.span.start - SEAT_WINDOW):p.span.start]).rstrip()
    return any(before.endswith(" ".join(_norm(w) for w in term)) for term in lex.cue("seat_markers").terms)


#: Most words between a capital and its verb ("Washington has also responded").
PARTY_GAP_WORDS = 2


def speaks(text: str, lang: str, span: Span) -> bool:
    """'Washington responded with air strikes', 'Damascus said rebels shelled X': a name right
    before a verb of saying or deciding (places.toml `party_verbs`, with auxiliaries and adverbs
    from `party_gap` between) is the subject of that verb."""
    cues = place_cues(lang)
    if not cues.party_verbs:
        return False
    head = _norm(_BOUNDARY.split(text[max(0, span.start - CUE_REACH):span.start])[-1]).split()
    if head[-1:] == ["the"]:
        head = head[:-1]
    if any(len(c) <= len(head) and tuple(head[-len(c):]) == c for c in cues.before):
        return False  # "a rocket attack in Iraq kills two": the place cue says where
    tail = _norm(_BOUNDARY.split(text[span.end:span.end + CUE_REACH])[0]).split()
    if not tail or text[span.end:span.end + 1] not in (" ", "\u00a0"):
        return False  # "Baghdad, 5 May" (a dateline) or "Baghdad's" is no subject
    gap = 0
    while gap < PARTY_GAP_WORDS and gap < len(tail) and tail[gap] in cues.party_gap:
        gap += 1
    return gap < len(tail) and tail[gap] in cues.party_verbs


def _speaker(ctx: DocContext, p) -> bool:
    """A country or a capital (seats.tsv) that `speaks` is the government it stands for, not where
    the event happened. The French parser already says so from the dependency tree; this is the reading
    without a parser."""
    from wirewatch.events.seats import seats

    if p.place.precision != "country" and seats().get(p.place.country) != p.place.name:
        return False  # "the Liberation Army of Afrin targeted": only states speak through places
    return speaks(ctx.parsed.text, ctx.parsed.lang, p.span)


def _locations(ctx: DocContext, sent, lex: Lexicon):
    return [p for p in ctx.in_span(ctx.places, sent.span)
            if is_location(ctx.parsed, p.span, p.place.precision, sent, lex)
            and not _seat(ctx, p, lex) and not _speaker(ctx, p)]


def choose_place(ctx: DocContext, cand: Candidate, lex: Lexicon):
    """Most specific location of the sentence (then the previous one for violence, protests and
    local developments: an agreement or policy change is located by its own sentence only), or None."""
    sents = ctx.parsed.sentences
    local = cand.type != "Strategic developments" or cand.subtype in LOCAL_DEVELOPMENTS
    lookback = PLACE_LOOKBACK if local else 0
    for back in range(lookback + 1):
        i = cand.sent.i - back
        if i < 0:
            break
        found = _locations(ctx, sents[i], lex)
        if back:
            # a neighbour sentence lends only a sub-national place of the article's country
            found = [p for p in found if p.place.precision != "country" and p.place.country == ctx.main_country]
        if found:
            found = [p for p in found if not _parties(ctx, p, sents[i])]
            if not found:
                continue
            kept = [p for p in found if not _contradicted(ctx, p, sents[i])] or found
            # "Jabal al-Akrad front in Lattakia": the container only says where the contained is
            kept = [p for p in kept if not any(_contains(ctx, p, q) for q in kept if q is not p)] or kept
            return min(kept, key=lambda p: (_precision_rank(p), abs(p.span.start - cand.sent.span.start)))
    return None


def _parties(ctx: DocContext, x, sent) -> bool:
    """'Bagdad et Washington ont convenu', 'Moscow and Kyiv signed': capitals or countries of two
    countries joined by a coordination, with no place cue before them, are governments (parties),
    not where something happened."""
    if x.place.precision not in ("town", "country"):
        return False
    cues = place_cues(ctx.parsed.lang)
    text = ctx.parsed.text
    for y in ctx.in_span(ctx.places, sent.span):
        if y is x or y.place.country == x.place.country or y.place.precision not in ("town", "country"):
            continue
        a, b = (x, y) if x.span.start < y.span.start else (y, x)
        if _norm(text[a.span.end:b.span.start]).split() not in (["and"], ["et"]):
            continue
        head = _norm(_BOUNDARY.split(text[max(0, a.span.start - CUE_REACH):a.span.start])[-1]).split()
        if not any(len(c) <= len(head) and tuple(head[-len(c):]) == c for c in cues.before):
            return True
    return False


#: Most words between a place and the place said to contain it ("Masraf neighbourhood in X").
CONTAINER_GAP_WORDS = 4
#: Words that may end the link when a container word came before ("in the province of Y",
#: "dans la province de Y"); alone they are relative positions ("south of Y", "au sud de Y").
CONTAINER_TAILS = frozenset({"of", "de", "du", "d"})
#: Coordinations are not containment ("in X and in Y", "à X et à Y").
COORDINATORS = frozenset({"and", "or", "et", "ou"})
#: A place said to lie in a town farther than this from it was resolved to the wrong town (a
#: quarter or village lies within a few km of its town; 50 leaves room for district centres).
CONTAINER_KM = 50


def _linked(ctx: DocContext, x, y) -> bool:
    """The text between x and a later y says y contains x ('X in Y', 'X, Y', 'X village in the
    province of Y'); coordinations and distances do not."""
    if y.span.start < x.span.end:
        return False
    cues = place_cues(ctx.parsed.lang)
    between = ctx.parsed.text[x.span.end:y.span.start]
    words = _norm(between).split()
    nouns = {w for c in cues.after for w in c}
    if all(w in nouns for w in words) and re.sub(r"[\w\s'’-]", "", between) in (",", "("):
        # "X, Y", "X (Y)", "X district (Y)" -- but "Sidon, Tripoli and Zahle" is a list: the second
        # name must be coarser than the first or name a province
        from wirewatch.events.context import gazetteer

        gaz = gazetteer()
        return _precision_rank(y) > _precision_rank(x) or (
            gaz is not None and gaz.admin1(y.text, y.place.country) is not None) or (
            "(" in between and _district_then_province(ctx, y, gaz))
    return (
        0 < len(words) <= CONTAINER_GAP_WORDS and bool(cues.container_links & set(words))
        and _unmodified(words, cues)[-1:] in ([w] for w in cues.container_links | CONTAINER_TAILS)
        and not any(w.isdigit() or w in COORDINATORS for w in words))


def _district_then_province(ctx: DocContext, y, gaz) -> bool:
    """'Bamba (Koro, Mopti)': a parenthesis naming a district then its province locates the name
    before it, whatever precision the gazetteer gives the district."""
    m = re.match(r"\s*,\s*([^,()]+?)\s*\)", ctx.parsed.text[y.span.end:y.span.end + CUE_REACH])
    return bool(m) and gaz is not None and gaz.admin1(m.group(1), y.place.country) is not None


def _unmodified(words: list[str], cues: PlaceCues) -> list[str]:
    """The link words without the modifiers that may end them ("in southern", "in the eastern")."""
    end = len(words)
    while end > 1 and words[end - 1] in cues.container_modifiers:
        end -= 1
    return words[:end]


def _contains(ctx: DocContext, y, x) -> bool:
    """y is named as the container of a more specific or same-level x ('X in Y')."""
    return _linked(ctx, x, y) and _precision_rank(x) <= _precision_rank(y) + 1 and not (
        y.place.precision == "admin1" and x.place.precision == "country")


def _contradicted(ctx: DocContext, x, sent) -> bool:
    """'X in Y', 'X, Y', 'X (Y)': the container Y says where X is; an X resolved outside Y (another
    province, country, or a town far from Y) is a wrong reading of X's name."""
    for y in ctx.in_span(ctx.places, sent.span):
        if y is x or not _linked(ctx, x, y):
            continue
        from wirewatch.events.context import gazetteer
        from wirewatch.knowledge.gazetteer import distance_km

        a, b = x.place, y.place
        gaz = gazetteer()
        # "in Al-Hasakeh" after a village names the province even when read as its capital town
        province = b.precision == "admin1" or (gaz is not None and gaz.admin1(y.text, b.country) == b.admin1)
        if b.precision == "country":
            return a.country != b.country
        if province:
            return a.country != b.country or (a.admin1 is not None and a.admin1 != b.admin1)
        if b.precision == "town" and None not in (a.lat, a.lon, b.lat, b.lon):
            return distance_km((a.lat, a.lon), (b.lat, b.lon)) > CONTAINER_KM
        return False
    return False


def coordinated_places(ctx: DocContext, cand: Candidate, lex: Lexicon, first) -> list:
    """Places coordinated with the chosen one at the same level ('à Diwaniyah et à Babel'):
    ACLED codes one event per location."""
    if first is None:
        return []
    out = []
    for p in _locations(ctx, cand.sent, lex):
        if p is first or p.place.precision != first.place.precision or p.place.name == first.place.name:
            continue
        if (coordinated(ctx.parsed, first.span, p.span) or _linear_coordinated(ctx, first, p, cand.sent)) \
                and all(p.place.name != q.place.name for q in out):
            out.append(p)
    return out



def _linear_coordinated(ctx: DocContext, a, b, sent) -> bool:
    """'in Iraq and Syria', 'in Iraq and in Syria': without a parser, two places joined by a
    coordinator (and a repeated place cue) are coordinated, as the parser's `conj` says."""
    toks = [t for t in ctx.parsed.sentence_tokens(sent) if a.span.start <= t.span.start < a.span.end]
    if not toks or any(t.dep for t in toks):
        return False
    x, y = (a, b) if a.span.start < b.span.start else (b, a)
    words = _norm(ctx.parsed.text[x.span.end:y.span.start]).split()
    if not words or words[0] not in COORDINATORS:
        return False
    rest = tuple(words[1:])
    cues = place_cues(ctx.parsed.lang)
    return not rest or rest in cues.before or (rest[-1:] == ("the",) and rest[:-1] in cues.before)


# --- cue-based detection ----------------------------------------------------------------------
# Small towns enter the EntityRuler patterns with few spellings, and news transliterate freely
# (Mzeireb, Menbij, Tal Hmis): a capitalised name after a place cue ("in", "the village of", "près
# de") or before a place noun ("X countryside") is looked up in the gazetteer instead.

#: Most words a detected name may have ("Ras al Ain", "Deir ez Zor", "Kafr Nabudah al Gharbi").
MAX_NAME_WORDS = 5
#: Characters before a name searched for a cue: the longest cue ("dans les environs de") fits.
CUE_REACH = 40
#: Names shorter than this (letters) are not detected: two-letter capitals are initials or codes.
MIN_NAME_LETTERS = 3
#: Labels of entities a detected name must not overlap: another recogniser said actor or person.
NOT_PLACE_LABELS = ("ACTOR", "PER", "PERSON", "ORG", "NORP")
#: Precisions a detected name may resolve to (countries are all in the patterns already).
DETECTED_PRECISIONS = ("site", "town", "district", "admin1")

_WORD = re.compile(r"[dlDL]['’](?=[^\W\d_])|[^\W\d_][\w'’ʼ‘-]*")
_BOUNDARY = re.compile(r"[.!?;:\n]")


@dataclass(frozen=True, slots=True)
class PlaceCues:
    """The place cues of one language (`data/lang/<code>/places.toml`), normalised word tuples."""

    before: tuple[tuple[str, ...], ...]
    after: tuple[tuple[str, ...], ...]
    particles: frozenset[str]
    stop: frozenset[str]
    admin1_after: tuple[str, ...]
    admin1_before: tuple[str, ...]
    container_links: frozenset[str] = frozenset()
    container_modifiers: frozenset[str] = frozenset()
    street_after: tuple[tuple[str, ...], ...] = ()
    street_before: tuple[tuple[str, ...], ...] = ()
    party_verbs: frozenset[str] = frozenset()
    party_gap: frozenset[str] = frozenset()


_ELISION = re.compile(r"\b([dlDL])['’]")
_SEPARATORS = re.compile(r"[-'’ʼ‘,()\"«»]")
#: Distinct strings `_norm` remembers: most calls repeat a window already seen (the same 40
#: characters around a place are read by several cues), and a document has a few thousand.
NORM_CACHE_SIZE = 4096


@lru_cache(maxsize=NORM_CACHE_SIZE)
def _norm(text: str) -> str:
    """Lower case, no accents, elisions as words (d' -> de), hyphens and apostrophes as spaces."""
    text = _ELISION.sub(lambda m: m.group(1).lower() + "e ", text)
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_SEPARATORS.sub(" ", text).split())


@cache
def place_cues(lang: str) -> PlaceCues:
    """The place cues of a language; empty (no detection) when it has no places.toml."""
    path = lang_file(lang, "places.toml")
    raw = {}
    if path.exists():
        with path.open("rb") as fh:
            raw = tomllib.load(fh)

    def words(key):
        return tuple(sorted({tuple(_norm(w).split()) for w in raw.get(key, []) if _norm(w)}, key=len, reverse=True))

    return PlaceCues(words("before"), words("after"), frozenset(_norm(w) for w in raw.get("particles", [])),
                     frozenset(_norm(w) for w in raw.get("stop", [])),
                     tuple(_norm(w) for w in raw.get("admin1_after", [])),
                     tuple(_norm(w) for w in raw.get("admin1_before", [])),
                     frozenset(_norm(w) for w in raw.get("container_links", [])),
                     frozenset(_norm(w) for w in raw.get("container_modifiers", [])),
                     street_after=words("street_after"), street_before=words("street_before"),
                     party_verbs=frozenset(_norm(w) for w in raw.get("party_verbs", [])),
                     party_gap=frozenset(_norm(w) for w in raw.get("party_gap", [])))


def _capitalised(word: str, cues: PlaceCues) -> bool:
    return word[0].isupper() and _norm(word) not in cues.stop


def _starts_name(word: str, cues: PlaceCues) -> bool:
    """A capitalised word, or an article hyphenated to one ('al-Bab', 'ad-Dana')."""
    if _capitalised(word, cues):
        return True
    head, _, rest = word.partition("-")
    return bool(rest) and head.lower() in cues.particles and rest[0].isupper()


def _candidates(text: str, cues: PlaceCues):
    """(start, end) of capitalised word runs: particles allowed between capitalised words."""
    words = [(m.start(), m.end() - _trail(m.group())) for m in _WORD.finditer(text)]
    i = 0
    while i < len(words):
        s, e = words[i]
        w = text[s:e]
        if len(w) < 2 or not _starts_name(w, cues) or text[s:e].lower() in ("d'", "l'", "d’", "l’"):
            i += 1
            continue
        j, end = i + 1, e
        while j < len(words) and j - i < MAX_NAME_WORDS and not text[end:words[j][0]].strip():
            w2 = text[words[j][0]:words[j][1]]
            if _starts_name(w2, cues):
                end, j = words[j][1], j + 1
            elif w2.lower() in cues.particles and j + 1 < len(words) and not text[words[j][1]:words[j + 1][0]].strip() \
                    and _capitalised(text[words[j + 1][0]:words[j + 1][1]], cues):
                end, j = words[j + 1][1], j + 2
            else:
                break
        yield s, end
        i = j


def _trail(word: str) -> int:
    """Characters to drop at the end of a word: a possessive 's, a dangling hyphen or apostrophe."""
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            return len(suffix)
    return len(word) - len(word.rstrip("-'’ʼ‘"))


def _cued(text: str, start: int, end: int, cues: PlaceCues) -> bool:
    """A place cue right before the name, or a place noun right after it (same clause)."""
    head = text[max(0, start - CUE_REACH):start]
    head = _BOUNDARY.split(head)[-1]
    hw = _norm(head).split()
    if any(len(c) <= len(hw) and tuple(hw[-len(c):]) == c for c in cues.before):
        return True
    tail = _BOUNDARY.split(text[end:end + CUE_REACH])[0]
    tw = _norm(tail).split()
    return any(tuple(tw[:len(c)]) == c for c in cues.after)


def _contained(text: str, end: int, cues: PlaceCues, taken: list[Span]) -> bool:
    """The name is followed by a container link and a known place ('Daret Azza in Aleppo')."""
    m = re.match(r"\s+(\w+)\s+", text[end:end + CUE_REACH])
    return bool(m) and _norm(m.group(1)) in cues.container_links and any(t.start == end + m.end() for t in taken)


def detect_places(parsed, gaz, countries: tuple[str, ...], taken: list[Span], kb=None,
                  strict: bool = True) -> list[tuple[Span, str, object]]:
    """Places named after a place cue or before a place noun that the entity patterns missed:
    (span, written name, Place), each resolved by the gazetteer cascade preferring `countries`;
    `strict` refuses a place outside them (set it when they come from places the text names,
    not only from actors: Israeli forces raid a Palestinian town).

    A name overlapping `taken` (places already found) or an actor/person entity is skipped, as is
    one the actor knowledge base knows or a nationality adjective ('Kurdish areas')."""
    cues = place_cues(parsed.lang)
    if not cues.before and not cues.after:
        return []
    text = parsed.text
    blocked = list(taken) + [e.span for e in parsed.entities if e.label in NOT_PLACE_LABELS]
    out = []
    for start, end in _candidates(text, cues):
        if any(start < b.end and b.start < end for b in blocked):
            continue
        name = text[start:end]
        if sum(c.isalpha() for c in name) < MIN_NAME_LETTERS or not (
                _cued(text, start, end, cues) or _contained(text, end, cues, taken)):
            continue
        if street_name(text, Span(start, end), parsed.lang) or compound_adjective(text, Span(start, end)):
            continue
        if gaz.country_of_adjective(name) or (kb is not None and kb.match(name) is not None):
            continue
        try:
            place = gaz.resolve(name, countries)
        except (KeyError, ValueError, TypeError):
            place = None
        if place is None or place.precision not in DETECTED_PRECISIONS:
            continue
        if strict and countries and place.country not in countries:
            continue
        out.append((Span(start, end), name, place))
    return out


def name_runs(text: str, lang: str) -> list[Span]:
    """Every capitalised name run of a text (what `detect_places` considers), cue or not."""
    return [Span(s, e) for s, e in _candidates(text, place_cues(lang))]


def fragment_of(text: str, lang: str, span: Span, runs: list[Span]) -> Span | None:
    """The longer name a place match is only part of ('Saba' in 'Al-Saba Bahrat', 'Balad' in
    'Daraa Al-Balad'), or None when the match is the whole name. Extra words that are place nouns,
    articles or stop words ('Idleb City', 'Ash Shula') do not make a longer name."""
    cues = place_cues(lang)
    run = next((r for r in runs if r.start <= span.start and span.end <= r.end), None)
    if run is None or (run.start, run.end) == (span.start, span.end):
        return None
    extra = _norm(text[run.start:span.start] + " " + text[span.end:run.end]).split()
    nouns = {w for c in cues.after for w in c}
    if all(w in cues.particles or w in cues.stop or w in nouns for w in extra):
        return None
    return run


def compound_adjective(text: str, span: Span) -> bool:
    """A place name inside a hyphenated adjective ('Washington-led', 'Iran-backed', 'Idlib-based')
    names a party or an origin, not where something happened."""
    return text[span.end:span.end + 1] == "-" and text[span.end + 1:span.end + 2].islower()


def street_name(text: str, span: Span, lang: str) -> bool:
    """The place name is part of a street or square name ('Raju street', 'rue de Damas')."""
    cues = place_cues(lang)
    head = _norm(_BOUNDARY.split(text[max(0, span.start - CUE_REACH):span.start])[-1]).split()
    tail = _norm(_BOUNDARY.split(text[span.end:span.end + CUE_REACH])[0]).split()
    return any(tuple(tail[:len(c)]) == c for c in cues.street_after) or any(
        len(c) <= len(head) and tuple(head[-len(c):]) == c for c in cues.street_before)
