"""What a figure is about, as of when, and who says so.

    about(ctx, q, sent, toks, lo, hi, at, lex, source, ante) -> (about, country)
        qualifier + nationality + label + place: "US troops in Iraq", "rockets at Camp Taji"
    as_of(ctx, sent, toks, at, lex) -> PartialDate | None
        the date of the sentence, else the publication month when the sentence speaks in the present
    source(ctx, toks, lex) -> (text, span)
        "selon X", "X a déclaré", "according to X", "X said"
"""

from __future__ import annotations

from wirewatch.events.context import DocContext, country_name, gazetteer
from wirewatch.events.lexicon import fold
from wirewatch.figures.counts import overlaps
from wirewatch.figures.lexicon import FigureLexicon, Quantity, demonym, key
from wirewatch.model import PartialDate, Span

#: Tokens after the noun searched for a nationality ("2500 militaires des forces américaines" = 3).
NATIONALITY_WINDOW = 3
#: Characters between a count and a date of its sentence for the date to be the figure's ("a annoncé
#: l'automne dernier que le nombre de soldats ... réduit d'environ 5 200 à 3 000" = 95); farther
#: dates belong to another clause (a relative clause "qui, en 2014, ..." 150 characters on).
DATE_WINDOW = 120
#: Tokens before a date searched for "depuis"/"since": such a date starts a running tally ("Depuis le
#: début de la guerre entre Israël et le Hamas en octobre" = 11), so the figure is as of publication.
SINCE_WINDOW = 12
#: Tokens before a place searched for "contre"/"against" ("against the U.S." = 2).
AGAINST_WINDOW = 2


def _nationality(toks, lo: int, hi: int) -> str | None:
    """ISO code of a nationality word between the count and a few tokens after its noun."""
    gaz = gazetteer()
    if gaz is None:
        return None
    for t in toks[lo : min(len(toks), hi + NATIONALITY_WINDOW)]:
        if t.pos != "PUNCT" and any(c.isalpha() for c in t.text):
            code = gaz.country_of_adjective(t.text)
            if code:
                return code
    return None


def _qualifier(toks, lo: int, hi: int, lex: FigureLexicon) -> str | None:
    for t in toks[lo : min(len(toks), hi + NATIONALITY_WINDOW)]:
        if key(t) in lex.qualifiers:
            return lex.qualifiers[key(t)]
    return None


def _token_before(toks, start: int):
    """The token of the sentence right before a character offset, or None at its start."""
    prev = [t for t in toks if t.span.end <= start]
    return prev[-1] if prev else None


def _after_word(toks, start: int, words: frozenset[str], window: int = 1) -> bool:
    """True when one of `words` is among the `window` tokens before a character offset."""
    prev = [t for t in toks if t.span.end <= start][-window:]
    return any(key(t) in words for t in prev)


def _locative(toks, p, lex: FigureLexicon) -> bool:
    t = _token_before(toks, p.span.start)
    return t is not None and key(t) in lex.locative


def _place(ctx: DocContext, sent, toks, at: int, nationality: str | None, specific: bool, lex, exclude: Span | None):
    """The place a figure is about: a place after the count introduced by a locative ("en Irak"),
    else any place after it, else one before it; not the country of the nationality ("soldats
    américains") nor a place naming the source ("selon Washington"). `specific` prefers a
    sub-national place (where rockets fell)."""
    mentions = [p for p in ctx.in_span(ctx.places, sent.span)
                if (p.place.country != nationality or p.place.precision != "country")
                and not (exclude and exclude.start <= p.span.start < exclude.end)
                and not _after_word(toks, p.span.start, lex.against, AGAINST_WINDOW)]
    if specific:
        mentions = [p for p in mentions if p.place.precision != "country"] or mentions
    after = [p for p in mentions if p.span.start >= at]
    before = list(reversed([p for p in mentions if p.span.start < at]))
    for group in ([p for p in after if _locative(toks, p, lex)], after,
                  [p for p in before if _locative(toks, p, lex)], before):
        if group:
            return group[0].place
    return None


def _subject_country(ctx: DocContext, sent, toks, at: int, lex: FigureLexicon) -> str | None:
    """The country whose forces a count is: a country named as the subject before it ("Les
    États-Unis disposent de 900 soldats"): at the start of the sentence or of a clause, after at
    most a determiner."""
    for p in ctx.in_span(ctx.places, sent.span):
        if p.span.start >= at or p.place.precision != "country":
            continue
        t = _token_before(toks, p.span.start)
        if t is None or not any(c.isalnum() for c in t.text) or key(t) in lex.subject_words:
            return p.place.country
    for k, t in enumerate(toks):  # "Washington keeps 1,000 soldiers": a capital standing for its state
        if t.span.start >= at:
            break
        if key(t) in lex.metonyms and (k == 0 or key(toks[k - 1]) in lex.subject_words
                                       or not any(c.isalnum() for c in toks[k - 1].text)):
            return lex.metonyms[key(t)]
    return None


def _source_country(toks, source: Span | None) -> str | None:
    """The nationality of the source ("Le président américain a annoncé ... 2.500 militaires"):
    who announces a troop level speaks of its own troops."""
    if source is None:
        return None
    inside = [k for k, t in enumerate(toks) if source.start <= t.span.start < source.end]
    return _nationality(toks, inside[0], inside[-1] + 1 - NATIONALITY_WINDOW) if inside else None


def about(ctx: DocContext, q: Quantity, sent, toks, lo: int, hi: int, at: int, lex,
          source: Span | None, ante: tuple[int, int] | None = None) -> tuple[str, str | None]:
    """'US troops in Iraq', 'foreign troops in Iraq', 'rockets at Camp Taji', and the country."""
    nationality = None
    if q.people:
        nationality = (_nationality(toks, lo, hi) or (_nationality(toks, ante[0] - 1, ante[1]) if ante else None)
                       or _subject_country(ctx, sent, toks, at, lex) or _source_country(toks, source))
    place = _place(ctx, sent, toks, at, nationality, q.where == "place", lex, source)
    qualifier = _qualifier(toks, lo, hi, lex) if q.people else None
    parts = [w for w in (qualifier, demonym(nationality) if nationality else None) if w]
    text = " ".join(parts + [q.label])
    country = place.country if place is not None else ctx.main_country
    if place is not None and q.where == "place" and place.precision != "country":
        text += f" {q.target or 'at'} {place.name}"
    elif country:
        text += f" in {country_name(country) or country}"
    return text, country


def _present(toks, at: int, lex: FigureLexicon) -> bool:
    """The count is stated in the present: a cue in the sentence ("encore", "currently", "are") or,
    when parsed, the finite verb nearest the count is in the present ("disposent", "est"; not
    "comptait", not the auxiliary of "a annoncé", not the conditional "serait")."""
    if lex.current.any_in(toks):
        return True
    finite = [t for t in toks if t.feature("VerbForm") == "Fin" and t.pos in ("VERB", "AUX")]
    if not finite:
        return False
    t = min(finite, key=lambda t: abs(t.span.start - at))
    return t.feature("Tense") == "Pres" and t.feature("Mood") != "Cnd" and t.dep != "aux" and t.dep != "aux:pass"


def as_of(ctx: DocContext, sent, toks, at: int, lex: FigureLexicon) -> PartialDate | None:
    """The date of the sentence nearest the count (within DATE_WINDOW), else the publication month when the sentence
    speaks in the present, else None (a past figure without a date is left undated)."""
    dates = [d for d in ctx.in_span(ctx.dates, sent.span) if d.date is not None
             and d.relation not in ("future", "since") and abs(d.span.start - at) <= DATE_WINDOW
             and not _after_word(toks, d.span.start, lex.since, SINCE_WINDOW)]
    if dates:
        return min(dates, key=lambda d: abs(d.span.start - at)).date
    pub = ctx.document.published
    if pub is not None and _present(toks, at, lex):
        return PartialDate(pub.year, pub.month) if pub.month else pub
    return None


def _phrase(ctx: DocContext, toks) -> str | None:
    text = ctx.parsed.text[toks[0].span.start : toks[-1].span.end].strip(" \"«»“”'") if toks else ""
    return text or None


def source(ctx: DocContext, toks, lex: FigureLexicon) -> tuple[str | None, Span | None]:
    """Who the sentence attributes its claim to: "selon X" / "according to X", then a reporting
    verb with the name after it ("a déclaré John Kirby") or its subject before it ("X said")."""
    def stop(t) -> bool:  # clause punctuation ends a source; a hyphen is inside one ("état-major")
        return not any(c.isalnum() for c in t.text) and t.text not in ("-", "'", "\u2019", "&")

    def source_from(b: int) -> list:  # the tokens after a marker, up to clause punctuation
        out = []
        for t in toks[b : b + lex.max_source_tokens]:
            if stop(t):
                break
            out.append(t)
        return out

    found: list = []
    for _, b, _ in lex.attribution_before.find(toks):
        found = source_from(b)
        if found:
            break
    if not found:
        for a, b, _ in lex.attribution_verbs.find(toks):
            after = source_from(b)
            if after and after[0].text[:1].isupper():
                found = after
                break
            before = []
            for t in reversed(toks[max(0, a - lex.max_source_tokens) : a]):
                if stop(t):
                    break
                before.insert(0, t)
            if any(t.text[:1].isupper() or t.pos in ("NOUN", "PROPN") for t in before):
                found = before  # a subject that names someone ("on Friday announced" does not)
                break
    dated = [t for t in found if overlaps(t.span, ctx.dates)]
    if dated:  # "CENTCOM on Friday announced": the date is not part of the source
        found = [t for t in found if t.span.end <= dated[0].span.start]
    src = _phrase(ctx, found)
    if src is None or fold(src) in lex.pronouns:
        return None, None
    return src, Span(found[0].span.start, found[-1].span.end)
