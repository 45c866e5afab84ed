"""Placing: which gazetteer mention of a candidate's sentence locates the event.

Moved out of assemble.py (same behaviour); contract: `choose_place(ctx, cand, lex)` returns the
PlaceMention that locates the event or None; `coordinated_places(ctx, cand, lex, first)` returns
the further places coordinated with it (ACLED codes one event per location).
"""

from __future__ import annotations

import re

from wirewatch.events.context import DocContext, gazetteer
from wirewatch.events.lexicon import Lexicon
from wirewatch.events.linear import has_parse
from wirewatch.events.placecues import (  # noqa: F401  (re-exported: detection lives there)
    CUE_REACH,
    PlaceCues,
    _norm,
    compound_adjective,
    detect_places,
    ends_with,
    fragment_of,
    name_runs,
    place_cues,
    starts_with,
    street_name,
    words_after,
    words_before,
)
from wirewatch.events.roles import coordinated, is_location
from wirewatch.events.seats import seats
from wirewatch.events.triggers import Candidate
from wirewatch.knowledge.gazetteer import distance_km
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
    head = words_before(text, span.start)
    if head[-1:] == ["the"]:
        head = head[:-1]
    if ends_with(head, cues.before):
        return False  # "a rocket attack in Iraq kills two": the place cue says where
    tail = words_after(text, span.end)
    if not tail or text[span.end:span.end + 1] not in (" ", "\u00a0"):
        return False  # "Baghdad, 5 May" (a dateline) or "Baghdad's" is no subject
    gap = 0
    while gap < PARTY_GAP_WORDS and gap < len(tail) and tail[gap] in cues.party_gap:
        gap += 1
    return gap < len(tail) and tail[gap] in cues.party_verbs


def is_state(p) -> bool:
    """A country, or its capital (seats.tsv): a place whose name may stand for a government. Not
    other towns: "the Liberation Army of Afrin targeted" is no town speaking."""
    return bool(p.place.country) and (p.place.precision == "country" or seats().get(p.place.country) == p.place.name)


def speaking_state(text: str, lang: str, p) -> bool:
    """A country or a capital that `speaks`: the government it stands for, not a place."""
    return is_state(p) and speaks(text, lang, p.span)


def _speaker(ctx: DocContext, p) -> bool:
    """Not where the event happened: a speaking state. The French parser already says so from the
    dependency tree; this is the reading without a parser."""
    return speaking_state(ctx.parsed.text, ctx.parsed.lang, p)


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
            kept = _outside_opening_clause(ctx, sents[i], kept)
            return min(kept, key=lambda p: (_precision_rank(p), abs(p.span.start - cand.sent.span.start)))
    return None


def _outside_opening_clause(ctx: DocContext, sent, found: list) -> list:
    """'Alors que la capitale Niamey s'apprête à recevoir un sommet, l'armée a été attaquée au camp
    d'Inates', 'While Kyiv hosted the talks, shells hit X': a sentence opening on a subordinate clause
    (places.toml `clause_openers`) sets a scene; its places do not locate the main clause's event
    when the main clause names one."""
    cues = place_cues(ctx.parsed.lang)
    text = ctx.parsed.text[sent.span.start:sent.span.end]
    if not starts_with(_norm(text[:CUE_REACH]).split(), cues.clause_openers):
        return found
    comma = text.find(",")
    if comma < 0:
        return found
    end = sent.span.start + comma
    return [p for p in found if p.span.start > end] or found


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
        if not ends_with(words_before(text, a.span.start), cues.before):
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
    province of Y', 'X region of Y'); coordinations and distances do not."""
    if y.span.start < x.span.end:
        return False
    cues = place_cues(ctx.parsed.lang)
    between = ctx.parsed.text[x.span.end:y.span.start]
    words = _norm(between).split()
    nouns = {w for c in cues.after for w in c}
    if all(w in nouns for w in words) and re.sub(r"[\w\s'’-]", "", between) in (",", "("):
        # "X, Y", "X (Y)", "X district (Y)" -- but "Sidon, Tripoli and Zahle" is a list: the second
        # name must be coarser than the first or name a province
        gaz = gazetteer()
        return _precision_rank(y) > _precision_rank(x) or (
            gaz is not None and gaz.admin1(y.text, y.place.country) is not None) or (
            "(" in between and _district_then_province(ctx, y, gaz))
    last = _norm(x.text).split()[-1:]
    if (len(words) == 2 and words[0] in nouns or len(words) == 1 and last and last[0] in nouns) \
            and words[-1] in CONTAINER_TAILS and "," not in between:
        return True  # "Haftanin region of Dahuk", "Dogankoy village of Pervari"
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
    if has_parse(ctx.parsed, sent):
        return False
    x, y = (a, b) if a.span.start < b.span.start else (b, a)
    words = _norm(ctx.parsed.text[x.span.end:y.span.start]).split()
    if not words or words[0] not in COORDINATORS:
        return False
    rest = tuple(words[1:])
    cues = place_cues(ctx.parsed.lang)
    return not rest or rest in cues.before or (rest[-1:] == ("the",) and rest[:-1] in cues.before)
