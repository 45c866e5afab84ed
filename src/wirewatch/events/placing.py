"""Placing: which gazetteer mention of a candidate's sentence locates the event.

Moved out of assemble.py (same behaviour); contract: `choose_place(ctx, cand, lex)` returns the
PlaceMention that locates the event or None; `coordinated_places(ctx, cand, lex, first)` returns
the further places coordinated with it (ACLED codes one event per location).
"""

from __future__ import annotations

from wirewatch.events.context import DocContext
from wirewatch.events.lexicon import Lexicon
from wirewatch.events.roles import coordinated, is_location
from wirewatch.events.triggers import Candidate
from wirewatch.model import GEO_PRECISIONS

#: How many sentences back the place may come from when the trigger sentence names none
#: (a lead sentence names the city, the next says what fell where).
PLACE_LOOKBACK = 1


def _precision_rank(p) -> int:
    return GEO_PRECISIONS.index(p.place.precision) if p.place.precision in GEO_PRECISIONS else len(GEO_PRECISIONS)


def _locations(ctx: DocContext, sent, lex: Lexicon):
    return [p for p in ctx.in_span(ctx.places, sent.span)
            if is_location(ctx.parsed, p.span, p.place.precision, sent, lex)]


def choose_place(ctx: DocContext, cand: Candidate, lex: Lexicon):
    """Most specific location of the sentence (then the previous one for violence and protests:
    a strategic development is located by its own sentence only), or None."""
    sents = ctx.parsed.sentences
    lookback = 0 if cand.type == "Strategic developments" else PLACE_LOOKBACK
    for back in range(lookback + 1):
        i = cand.sent.i - back
        if i < 0:
            break
        found = _locations(ctx, sents[i], lex)
        if back:
            # a neighbour sentence lends only a sub-national place of the article's country
            found = [p for p in found if p.place.precision != "country" and p.place.country == ctx.main_country]
        if found:
            return min(found, key=lambda p: (_precision_rank(p), abs(p.span.start - cand.sent.span.start)))
    return None


def coordinated_places(ctx: DocContext, cand: Candidate, lex: Lexicon, first) -> list:
    """Places coordinated with the chosen one at the same level ('à Diwaniyah et à Babel'):
    ACLED codes one event per location."""
    if first is None:
        return []
    out = []
    for p in _locations(ctx, cand.sent, lex):
        if p is first or p.place.precision != first.place.precision or p.place.name == first.place.name:
            continue
        if coordinated(ctx.parsed, first.span, p.span) and all(p.place.name != q.place.name for q in out):
            out.append(p)
    return out

