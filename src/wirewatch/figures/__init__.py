"""Figures: numeric claims about the situation (troop levels, numbers of rockets or attacks).

    find_figures(ctx) -> list[Figure]

For each count of the document (`mentions.numbers`, vague counts left out):
    attached noun   "2.500 militaires", "18 rockets", "500 de leurs soldats" (only fillers between)
    -> elliptical   "900 soldats en Syrie et de 2 500 en Irak", "des dizaines de roquettes, 90 selon
                    Washington": a bare count takes the quantity named before it in the sentence (or
                    in the previous one when a level word says so: "le nombre actuel est de 2500")
    -> frequency    "attaquée au moins 58 fois" with an attack verb
plus ordinals ("la 22ème attaque": 22 attacks). A count of people in a sentence about deaths or
injuries is a casualty count (events), never a figure. Then `about` (qualifier + nationality +
label + place), `as_of` (date of the sentence, else the publication month when the sentence speaks
in the present), `attributed_to` ("selon X", "X a déclaré", "according to X", "X said").

The rules are linear (word order) so they work with or without a parser; every word is in
`data/lang/<code>/figures.toml`. Modules, in the order a count goes through them:

    lexicon.py   figures.toml of a language (`figure_lexicon`), nationality labels (`demonym`)
    counts.py    which counts of a sentence are figures and the noun each counts (`candidates`)
    describe.py  what a figure is about, as of when, who says so (`about`, `as_of`, `source`)
"""

from __future__ import annotations

from wirewatch.events.context import DocContext
from wirewatch.figures.counts import ELLIPSIS_WINDOW, NOUN_WINDOW, ORDINAL_WINDOW, Hit, candidates, noun_hits
from wirewatch.figures.describe import (
    AGAINST_WINDOW,
    DATE_WINDOW,
    NATIONALITY_WINDOW,
    SINCE_WINDOW,
    about,
    as_of,
    source,
)
from wirewatch.figures.lexicon import SHORT_ALIAS, FigureLexicon, Quantity, demonym, figure_lexicon
from wirewatch.model import Figure, content_id

__all__ = [
    "AGAINST_WINDOW", "CHANGE_WINDOW", "DATE_WINDOW", "ELLIPSIS_WINDOW", "NATIONALITY_WINDOW", "NOUN_WINDOW",
    "ORDINAL_WINDOW", "SHORT_ALIAS", "SINCE_WINDOW", "FigureLexicon", "Quantity", "demonym", "figure_lexicon",
    "find_figures",
]

#: Tokens before a count searched for a change word ("retirer 500 de leurs soldats" = 1,
#: "to withdraw another 500" = 2): such a count is a change of a level, not a level.
CHANGE_WINDOW = 3


def find_figures(ctx: DocContext) -> list[Figure]:
    """Figures of one document, in text order; one per (quantity, value, country)."""
    lex = figure_lexicon(ctx.document.lang)
    if lex is None or not lex.quantities:
        return []
    doc = ctx.document
    out: list[Figure] = []
    seen: set[tuple] = set()
    prev_hits: list[Hit] = []
    last: dict[str, Figure] = {}
    for sent in ctx.parsed.sentences:
        toks = ctx.parsed.sentence_tokens(sent)
        if not toks:
            continue
        casualty_sentence = lex.casualty.any_in(toks)
        hits = noun_hits(toks, lex)
        for span, value, first, hit in candidates(ctx, sent, toks, lex, hits, prev_hits, casualty_sentence):
            q = hit.quantity
            if value < q.min_value:
                continue  # "two attacks", "three soldiers on the roof": the events themselves
            if q.people and casualty_sentence:
                continue  # "deux soldats ont été tués": a casualty count, it belongs to events
            if q.people and lex.change.any_in(toks[max(0, first - CHANGE_WINDOW) : max(first, hit.last) + 1]):
                continue  # "retirer 500 soldats", "3,000 additional troops": a change, not a level
            if hit.weak and value < q.weak_min:
                continue  # "les deux hommes" are two people, not a contingent
            lo, hi = min(first, hit.first), max(first, hit.last)
            ante = None
            if hit.first < first and not hit.carried:
                # elliptical: the count's own words first ("les 1000 d'autres nationalités"), else the
                # nationality of the noun it stands for ("2,500 US troops in Iraq and 900 in Syria")
                lo, hi = first, first + 1
                if not lex.contrast.any_in(toks[first + 1 : first + 1 + NATIONALITY_WINDOW]):
                    ante = (hit.first, hit.last)
            said_by, said_span = source(ctx, toks, lex)
            text, country = about(ctx, q, sent, toks, lo, hi, span.start, lex, said_span, ante)
            if hit.carried and q.name in last:  # same thing as the previous sentence's figure
                text, country = last[q.name].about, last[q.name].country
            key = (q.name, value, country)
            if key in seen:
                continue  # the same claim repeated further down the article
            seen.add(key)
            last[q.name] = Figure(
                id=content_id(doc.id, str(span.start), q.name), doc_id=doc.id, quantity=q.name, value=value,
                about=text, span=span, evidence=sent.span.of(doc.text), as_of=as_of(ctx, sent, toks, span.start, lex),
                attributed_to=said_by, country=country,
            )
            out.append(last[q.name])
        prev_hits = hits
    return sorted(out, key=lambda f: f.span.start)
