"""Figures: numeric claims about the situation (troop levels, numbers of rockets or attacks).

    numbers (mentions.numbers) -> attached to a quantity noun of figures.toml (syntactic head or
    next word) -> not a casualty count -> about (label + nationality + country of the sentence),
    as_of (date mention of the sentence, else the publication month), attributed_to ("selon X")

Lexicon-driven: every word list is in `data/lang/<code>/figures.toml`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from wirewatch.events.context import DocContext, country_name, gazetteer
from wirewatch.events.lexicon import TermSet, fold
from wirewatch.languages import lang_file
from wirewatch.model import Figure, PartialDate, Span, content_id

#: Tokens after a number within which its quantity noun may sit ("2.500 de leurs soldats").
NOUN_WINDOW = 3


@dataclass(frozen=True, slots=True)
class Quantity:
    name: str
    label: str
    nouns: frozenset[str]


@dataclass(frozen=True, slots=True)
class FigureLexicon:
    quantities: tuple[Quantity, ...]
    attribution: TermSet
    max_source_tokens: int


@cache
def figure_lexicon(lang: str) -> FigureLexicon:
    """The figures lexicon of a language (empty when the file is missing)."""
    path = lang_file(lang, "figures.toml")
    data: dict = {}
    if path.exists():
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    qs = tuple(Quantity(q["name"], q.get("label", q["name"]), frozenset(fold(n) for n in q.get("nouns", [])))
               for q in data.get("quantity", []))
    return FigureLexicon(qs, TermSet.of(data.get("attribution", [])), int(data.get("max_source_tokens", 6)))


def _quantity(tok, lex: FigureLexicon) -> Quantity | None:
    for q in lex.quantities:
        if fold(tok.lemma) in q.nouns or fold(tok.text) in q.nouns:
            return q
    return None


def _about(ctx: DocContext, q: Quantity, noun, sent) -> tuple[str, str | None]:
    """'US troops in Iraq': the label, the nationality on the noun, the country of the sentence."""
    parsed = ctx.parsed
    gaz = gazetteer()
    fn = getattr(gaz, "country_of_adjective", None) if gaz is not None else None
    nationality = None
    if fn is not None:
        for t in parsed.sentence_tokens(sent):
            if t.head == noun.i and t.pos == "ADJ":
                try:
                    nationality = fn(t.text)
                except (KeyError, ValueError, TypeError):
                    nationality = None
                if nationality:
                    break
    where = next((p.place.country for p in ctx.in_span(ctx.places, sent.span) if p.place.precision == "country"
                  and p.place.country != nationality), None) or ctx.main_country
    about = q.label
    if nationality:
        about = f"{nationality} {about}"
    name = country_name(where) if where else None
    if name:
        about += f" in {name}"
    return about, where


def _source(ctx: DocContext, sent, lex: FigureLexicon) -> str | None:
    toks = ctx.parsed.sentence_tokens(sent)
    for a, b, _ in lex.attribution.find(toks):
        out = []
        for t in toks[b : b + lex.max_source_tokens]:
            if t.pos == "PUNCT":
                break
            out.append(t)
        if out:
            return ctx.parsed.text[out[0].span.start : out[-1].span.end]
    return None


def find_figures(ctx: DocContext) -> list[Figure]:
    """Figures of one document, in text order."""
    lex = figure_lexicon(ctx.document.lang)
    if not lex.quantities:
        return []
    parsed, doc = ctx.parsed, ctx.document
    casualty_spans = [(c.span.start, c.span.end) for c in ctx.casualties]
    out: list[Figure] = []
    for n in ctx.numbers:
        if any(a <= n.span.start < b for a, b in casualty_spans):
            continue  # "cinq militaires ont été tués" is a casualty count, not a troop level
        sent = parsed.sentence_at(n.span.start)
        if sent is None:
            continue
        toks = parsed.sentence_tokens(sent)
        num_toks = [t for t in toks if n.span.start <= t.span.start < n.span.end]
        if not num_toks:
            continue
        last = num_toks[-1]
        first = num_toks[0]
        candidates = [parsed.tokens[last.head]] + [t for t in toks if last.i < t.i <= last.i + NOUN_WINDOW]
        before = parsed.tokens[first.i - 1] if first.i > toks[0].i else None
        if before is not None and before.pos == "PUNCT" and before.text in ",(":
            # an exact figure in apposition: "des dizaines de roquettes, 90 selon Washington"
            candidates += [parsed.tokens[first.i - 2]] if first.i - 2 >= toks[0].i else []
        noun, q = next(((t, _quantity(t, lex)) for t in candidates if _quantity(t, lex)), (None, None))
        if q is None:
            continue
        about, where = _about(ctx, q, noun, sent)
        dates = [d for d in ctx.in_span(ctx.dates, sent.span) if d.date is not None]
        as_of = dates[0].date if dates else (PartialDate(doc.published.year, doc.published.month)
                                            if doc.published and doc.published.month else doc.published)
        span = Span(n.span.start, max(n.span.end, noun.span.end))
        out.append(Figure(
            id=content_id(doc.id, str(span.start), str(span.end), q.name),
            doc_id=doc.id, quantity=q.name, value=n.value, about=about, span=span,
            evidence=sent.span.of(doc.text), as_of=as_of, attributed_to=_source(ctx, sent, lex), country=where,
        ))
    return out
