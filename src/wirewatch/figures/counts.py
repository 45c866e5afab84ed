"""Which counts of a sentence are figures, and what each counts.

    candidates(ctx, sent, toks, lex, hits, prev_hits, casualty) -> Iterator[(span, value, first, Hit)]

For each count of the sentence (`mentions.numbers`, vague counts left out):
    attached noun   "2.500 militaires", "18 rockets", "500 de leurs soldats" (only fillers between)
    -> elliptical   "900 soldats en Syrie et de 2 500 en Irak": a bare count takes the quantity
                    named before it (or in the previous sentence when a level word says so)
    -> frequency    "attaquée au moins 58 fois" with an attack verb
plus ordinals ("la 22ème attaque": 22 attacks).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from wirewatch.events.context import DocContext, gazetteer
from wirewatch.figures.lexicon import FigureLexicon, Quantity, key
from wirewatch.model import NumberMention, Span

#: Tokens between a count and its noun ("2.500 de leurs soldats" = 3); a wider gap joined counts
#: to nouns of another phrase in the seed articles.
NOUN_WINDOW = 4
#: Tokens before a bare count searched for the noun it stands for ("900 soldats en Syrie et de
#: 2 500 en Irak" = 6); one clause of a long news sentence.
ELLIPSIS_WINDOW = 25
#: Tokens around an ordinal searched for its noun ("Cette attaque, la 22ème" = 3).
ORDINAL_WINDOW = 3


@dataclass(frozen=True, slots=True)
class Hit:
    """A quantity noun in a sentence: token positions `[first, last)` relative to the sentence."""

    first: int
    last: int
    quantity: Quantity
    weak: bool
    carried: bool = False  # named in the previous sentence ("le nombre actuel est de 2500")


def noun_hits(toks, lex: FigureLexicon) -> list[Hit]:
    """Every quantity noun of a sentence, in text order."""
    hits = []
    for q in lex.quantities:
        hits += [Hit(a, b, q, False) for a, b, _ in q.nouns.find(toks)]
        hits += [Hit(a, b, q, True) for a, b, _ in q.weak.find(toks)]
    return sorted(hits, key=lambda h: h.first)


def overlaps(span: Span, items) -> bool:
    """True when `span` overlaps the span of one of `items`."""
    return any(m.span.start < span.end and span.start < m.span.end for m in items)


def _is_vague(n: NumberMention, lang: str) -> bool:
    """'des dizaines', 'plusieurs', 'dozens': no digit and no exact number word."""
    if any(c.isdigit() for c in n.text):
        return False
    from wirewatch.mentions import numbers

    return bool(numbers.lexicon(lang).vague_re.search(n.text))


def _skippable(tok, lex: FigureLexicon, num_idx: set[int]) -> bool:
    """A token allowed between a count and its noun: filler, another count ("de 5 200 à 3 000
    militaires"), nationality ("2,500 US troops") or, when parsed, an adjective ("15 petites roquettes")."""
    if tok.i in num_idx or key(tok) in lex.fillers or tok.pos == "ADJ":
        return True
    gaz = gazetteer()
    return gaz is not None and gaz.country_of_adjective(tok.text) is not None


def _attached(k: int, toks, hits: list[Hit], lex, num_idx) -> Hit | None:
    """The noun a count (last token at sentence position `k`) is attached to."""
    starts = {h.first: h for h in hits}
    for j in range(k + 1, min(len(toks), k + 1 + NOUN_WINDOW + 1)):
        if j in starts:
            hit = starts[j]
            while hit.last in starts:  # "three attack drones": the last noun of a compound is its head
                hit = starts[hit.last]
            return hit
        if not _skippable(toks[j], lex, num_idx):
            return None
    return None


def _bare(k: int, toks, lex: FigureLexicon) -> bool:
    """True when nothing after the count names what it counts ("2 500 en Irak", "90 selon X", "2500.")."""
    if k + 1 >= len(toks):
        return True
    if any(a == 0 for a, _, _ in lex.partitive.find(toks[k + 1 : k + 4])):
        return False  # "deux d'entre elles": a part of a count already given
    nxt = toks[k + 1]
    return not any(c.isalnum() for c in nxt.text) or key(nxt) in lex.followers


def _antecedent(first: int, toks, hits: list[Hit], lex: FigureLexicon, prev_hits: list[Hit]) -> Hit | None:
    """The noun a bare count stands for: the nearest strong noun before it in the sentence, else
    the last one of the previous sentence when this one speaks of a level ("le nombre actuel")."""
    before = [h for h in hits if h.last <= first and first - h.last <= ELLIPSIS_WINDOW and not h.weak]
    if before:
        return before[-1]
    if prev_hits and any(b <= first for _, b, _ in lex.level_words.find(toks)):
        strong = [h for h in prev_hits if not h.weak]
        return replace(strong[-1], carried=True) if strong else None
    return None


def _frequency(k: int, toks, lex: FigureLexicon) -> Hit | None:
    """'attaquée 58 fois': a count followed by a frequency word, with an attack verb in the sentence."""
    if k + 1 >= len(toks) or key(toks[k + 1]) not in lex.times:
        return None
    for q in lex.quantities:
        if q.times_verbs.any_in(toks):
            return Hit(k + 1, k + 2, q, False)
    return None


def candidates(ctx: DocContext, sent, toks, lex: FigureLexicon, hits: list[Hit], prev_hits: list[Hit],
               casualty: bool):
    """(span, value, first token, hit) of the counts of one sentence that are figures, given the
    quantity nouns of the sentence (`noun_hits`) and of the previous one. In a sentence about
    deaths or injuries a bare count is a casualty count, never elliptical."""
    nums = [n for n in ctx.in_span(ctx.numbers, sent.span) if not _is_vague(n, ctx.document.lang)
            and not overlaps(n.span, ctx.dates) and not overlaps(n.span, ctx.casualties)]
    pos = {t.i: k for k, t in enumerate(toks)}
    num_idx = {t.i for t in toks for n in ctx.in_span(ctx.numbers, sent.span)
               if n.span.start <= t.span.start < n.span.end}
    for n in nums:
        mine = [pos[t.i] for t in toks if n.span.start <= t.span.start < n.span.end]
        if not mine:
            continue
        first, last = mine[0], mine[-1]
        if any(a == 0 for a, _, _ in lex.partitive.find(toks[last + 1 : last + 4])):
            continue  # "deux des projectiles", "two of the rockets": a part of a count already given
        hit = _attached(last, toks, hits, lex, num_idx)
        if hit is not None:
            yield Span(n.span.start, max(n.span.end, toks[hit.last - 1].span.end)), n.value, first, hit
            continue
        hit = _frequency(last, toks, lex)
        after_date = any(0 <= n.span.start - d.span.end <= 1 for d in ctx.dates)  # "since October 17"
        if hit is None and not casualty and not after_date and _bare(last, toks, lex):
            hit = _antecedent(first, toks, hits, lex, prev_hits)
        if hit is not None:
            yield n.span, n.value, first, hit
    for m in lex.ordinal_re.finditer(sent.text):
        start = sent.span.start + m.start()
        k = next((p for t, p in ((t, pos[t.i]) for t in toks) if t.span.end > start), None)
        if k is None:
            continue
        near = [h for h in hits if not h.weak and h.quantity.name == "attacks"
                and (0 <= h.first - k <= ORDINAL_WINDOW or 0 <= k - h.last < ORDINAL_WINDOW)]
        if near:
            yield Span(start, sent.span.start + m.end()), int(m.group(1)), k, near[0]
