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
`data/lang/<code>/figures.toml`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from wirewatch.events.context import DocContext, country_name, gazetteer
from wirewatch.events.lexicon import TermSet, fold
from wirewatch.languages import lang_file
from wirewatch.model import Figure, NumberMention, PartialDate, Span, content_id

#: Tokens between a count and its noun ("2.500 de leurs soldats" = 3); a wider gap joined counts
#: to nouns of another phrase in the seed articles.
NOUN_WINDOW = 4
#: Tokens before a bare count searched for the noun it stands for ("900 soldats en Syrie et de
#: 2 500 en Irak" = 6); one clause of a long news sentence.
ELLIPSIS_WINDOW = 25
#: Tokens after the noun searched for a nationality ("2500 militaires des forces américaines" = 3).
NATIONALITY_WINDOW = 3
#: Tokens around an ordinal searched for its noun ("Cette attaque, la 22ème" = 3).
ORDINAL_WINDOW = 3
#: Characters between a count and a date of its sentence for the date to be the figure's ("a annoncé
#: l'automne dernier que le nombre de soldats ... réduit d'environ 5 200 à 3 000" = 95); farther
#: dates belong to another clause (a relative clause "qui, en 2014, ..." 150 characters on).
DATE_WINDOW = 120
#: Tokens before a date searched for "depuis"/"since": such a date starts a running tally ("Depuis le
#: début de la guerre entre Israël et le Hamas en octobre" = 11), so the figure is as of publication.
SINCE_WINDOW = 12
#: Tokens before a place searched for "contre"/"against" ("against the U.S." = 2).
AGAINST_WINDOW = 2
#: Tokens before a count searched for a change word ("retirer 500 de leurs soldats" = 1,
#: "to withdraw another 500" = 2): such a count is a change of a level, not a level.
CHANGE_WINDOW = 3
#: Longest "all-caps alias" used as a nationality label (US, UK, UAE read better than adjectives).
SHORT_ALIAS = 3
_COUNTRY_NAMES = Path(__file__).parent / "data" / "places" / "country_names.tsv"


@dataclass(frozen=True, slots=True)
class Quantity:
    """One kind of figure of `figures.toml`."""

    name: str
    label: str
    nouns: TermSet
    weak: TermSet
    weak_min: int
    people: bool
    where: str
    target: str
    times_verbs: TermSet
    min_value: int


@dataclass(frozen=True, slots=True)
class FigureLexicon:
    """The parsed `figures.toml` of one language."""

    quantities: tuple[Quantity, ...]
    fillers: frozenset[str]
    followers: frozenset[str]
    level_words: TermSet
    times: frozenset[str]
    ordinal_re: re.Pattern
    locative: frozenset[str]
    qualifiers: dict[str, str]
    casualty: TermSet
    current: TermSet
    attribution_before: TermSet
    attribution_verbs: TermSet
    pronouns: frozenset[str]
    max_source_tokens: int
    partitive: TermSet
    subject_words: frozenset[str]
    since: frozenset[str]
    against: frozenset[str]
    change: TermSet
    metonyms: dict[str, str]
    contrast: TermSet


def _words(items) -> frozenset[str]:
    return frozenset(fold(w) for w in items)


@cache
def figure_lexicon(lang: str) -> FigureLexicon | None:
    """The figures lexicon of a language, or None when the language has no figures.toml."""
    path = lang_file(lang, "figures.toml")
    if not path.exists():
        return None
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    qs = tuple(
        Quantity(q["name"], q.get("label", q["name"]), TermSet.of(q.get("nouns", [])),
                 TermSet.of(q.get("weak_nouns", [])), int(q.get("weak_min", 0)), bool(q.get("people", False)),
                 q.get("where", "country"), q.get("target", ""), TermSet.of(q.get("times_verbs", [])),
                 int(q.get("min_value", 0)))
        for q in data.get("quantity", []))
    suffixes = "|".join(re.escape(s) for s in sorted(data.get("ordinal_suffixes", []), key=len, reverse=True))
    ordinal = re.compile(rf"(?<![\w.,])(\d{{1,4}})\s?(?:{suffixes})(?!\w)" if suffixes else r"(?!x)x")
    return FigureLexicon(
        qs, _words(data.get("fillers", [])), _words(data.get("followers", [])),
        TermSet.of(data.get("level_words", [])), _words(data.get("times", [])), ordinal,
        _words(data.get("locative", [])), {fold(k): v for k, v in data.get("qualifiers", {}).items()},
        TermSet.of(data.get("casualty_cues", [])), TermSet.of(data.get("current", [])),
        TermSet.of(data.get("attribution_before", [])), TermSet.of(data.get("attribution_verbs", [])),
        _words(data.get("pronouns", [])), int(data.get("max_source_tokens", 8)),
        TermSet.of(data.get("partitive", [])), _words(data.get("subject_words", [])),
        _words(data.get("since", [])), _words(data.get("against", [])), TermSet.of(data.get("change", [])),
        {fold(k): v for k, v in data.get("metonyms", {}).items()}, TermSet.of(data.get("contrast", [])))


@cache
def demonym(iso: str) -> str:
    """English nationality label of a country: a short all-caps alias (US, UK) or its first
    adjective (Iraqi), else its name."""
    if _COUNTRY_NAMES.exists():
        for line in _COUNTRY_NAMES.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 5 or cols[0] != iso:
                continue
            short = [a for a in cols[4].split("|") + cols[3].split("|")
                     if a.isupper() and a.isalpha() and len(a) <= SHORT_ALIAS]
            if short:
                return short[0]
            if cols[4]:
                return cols[4].split("|")[0]
    return country_name(iso) or iso


# --- one sentence ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Hit:
    """A quantity noun in a sentence: token positions `[first, last)` relative to the sentence."""

    first: int
    last: int
    quantity: Quantity
    weak: bool
    carried: bool = False  # named in the previous sentence ("le nombre actuel est de 2500")


def _noun_hits(toks, lex: FigureLexicon) -> list[_Hit]:
    hits = []
    for q in lex.quantities:
        hits += [_Hit(a, b, q, False) for a, b, _ in q.nouns.find(toks)]
        hits += [_Hit(a, b, q, True) for a, b, _ in q.weak.find(toks)]
    return sorted(hits, key=lambda h: h.first)


def _is_vague(n: NumberMention, lang: str) -> bool:
    """'des dizaines', 'plusieurs', 'dozens': no digit and no exact number word."""
    if any(c.isdigit() for c in n.text):
        return False
    from wirewatch.mentions import numbers

    return bool(numbers.lexicon(lang).vague_re.search(n.text))


def _key(tok) -> str:
    return fold(tok.text)


def _skippable(tok, lex: FigureLexicon, num_idx: set[int]) -> bool:
    """A token allowed between a count and its noun: filler, another count ("de 5 200 à 3 000
    militaires"), nationality ("2,500 US troops") or, when parsed, an adjective ("15 petites roquettes")."""
    if tok.i in num_idx or _key(tok) in lex.fillers or tok.pos == "ADJ":
        return True
    gaz = gazetteer()
    return gaz is not None and gaz.country_of_adjective(tok.text) is not None


def _attached(k: int, toks, hits: list[_Hit], lex, num_idx) -> _Hit | None:
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
    return not any(c.isalnum() for c in nxt.text) or _key(nxt) in lex.followers


def _antecedent(first: int, toks, hits: list[_Hit], lex: FigureLexicon, prev_hits: list[_Hit]) -> _Hit | None:
    """The noun a bare count stands for: the nearest strong noun before it in the sentence, else
    the last one of the previous sentence when this one speaks of a level ("le nombre actuel")."""
    before = [h for h in hits if h.last <= first and first - h.last <= ELLIPSIS_WINDOW and not h.weak]
    if before:
        return before[-1]
    if prev_hits and any(b <= first for _, b, _ in lex.level_words.find(toks)):
        strong = [h for h in prev_hits if not h.weak]
        return replace(strong[-1], carried=True) if strong else None
    return None


def _frequency(k: int, toks, lex: FigureLexicon) -> _Hit | None:
    """'attaquée 58 fois': a count followed by a frequency word, with an attack verb in the sentence."""
    if k + 1 >= len(toks) or _key(toks[k + 1]) not in lex.times:
        return None
    for q in lex.quantities:
        if q.times_verbs.any_in(toks):
            return _Hit(k + 1, k + 2, q, False)
    return None


# --- what the figure is about -------------------------------------------------------------------------


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
        if _key(t) in lex.qualifiers:
            return lex.qualifiers[_key(t)]
    return None


def _token_before(ctx: DocContext, toks, start: int):
    """The token of the sentence right before a character offset, or None at its start."""
    prev = [t for t in toks if t.span.end <= start]
    return prev[-1] if prev else None


def _after_word(ctx: DocContext, toks, start: int, words: frozenset[str], window: int = 1) -> bool:
    """True when one of `words` is among the `window` tokens before a character offset."""
    prev = [t for t in toks if t.span.end <= start][-window:]
    return any(_key(t) in words for t in prev)


def _locative(ctx: DocContext, toks, p, lex: FigureLexicon) -> bool:
    t = _token_before(ctx, toks, p.span.start)
    return t is not None and _key(t) in lex.locative


def _place(ctx: DocContext, sent, toks, at: int, nationality: str | None, specific: bool, lex, exclude: Span | None):
    """The place a figure is about: a place after the count introduced by a locative ("en Irak"),
    else any place after it, else one before it; not the country of the nationality ("soldats
    américains") nor a place naming the source ("selon Washington"). `specific` prefers a
    sub-national place (where rockets fell)."""
    mentions = [p for p in ctx.in_span(ctx.places, sent.span)
                if (p.place.country != nationality or p.place.precision != "country")
                and not (exclude and exclude.start <= p.span.start < exclude.end)
                and not _after_word(ctx, toks, p.span.start, lex.against, AGAINST_WINDOW)]
    if specific:
        mentions = [p for p in mentions if p.place.precision != "country"] or mentions
    after = [p for p in mentions if p.span.start >= at]
    before = list(reversed([p for p in mentions if p.span.start < at]))
    for group in ([p for p in after if _locative(ctx, toks, p, lex)], after,
                  [p for p in before if _locative(ctx, toks, p, lex)], before):
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
        t = _token_before(ctx, toks, p.span.start)
        if t is None or not any(c.isalnum() for c in t.text) or _key(t) in lex.subject_words:
            return p.place.country
    for k, t in enumerate(toks):  # "Washington keeps 1,000 soldiers": a capital standing for its state
        if t.span.start >= at:
            break
        if _key(t) in lex.metonyms and (k == 0 or _key(toks[k - 1]) in lex.subject_words
                                        or not any(c.isalnum() for c in toks[k - 1].text)):
            return lex.metonyms[_key(t)]
    return None


def _source_country(toks, source: Span | None) -> str | None:
    """The nationality of the source ("Le président américain a annoncé ... 2.500 militaires"):
    who announces a troop level speaks of its own troops."""
    if source is None:
        return None
    inside = [k for k, t in enumerate(toks) if source.start <= t.span.start < source.end]
    return _nationality(toks, inside[0], inside[-1] + 1 - NATIONALITY_WINDOW) if inside else None


def _about(ctx: DocContext, q: Quantity, sent, toks, lo: int, hi: int, at: int, lex,
           source: Span | None, ante: tuple[int, int] | None = None) -> tuple[str, str | None]:
    """'US troops in Iraq', 'foreign troops in Iraq', 'rockets at Camp Taji'."""
    nationality = None
    if q.people:
        nationality = (_nationality(toks, lo, hi) or (_nationality(toks, ante[0] - 1, ante[1]) if ante else None)
                       or _subject_country(ctx, sent, toks, at, lex) or _source_country(toks, source))
    place = _place(ctx, sent, toks, at, nationality, q.where == "place", lex, source)
    qualifier = _qualifier(toks, lo, hi, lex) if q.people else None
    parts = [w for w in (qualifier, demonym(nationality) if nationality else None) if w]
    about = " ".join(parts + [q.label])
    country = place.country if place is not None else ctx.main_country
    if place is not None and q.where == "place" and place.precision != "country":
        about += f" {q.target or 'at'} {place.name}"
    elif country:
        about += f" in {country_name(country) or country}"
    return about, country


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


def _as_of(ctx: DocContext, sent, toks, at: int, lex: FigureLexicon) -> PartialDate | None:
    """The date of the sentence nearest the count (within DATE_WINDOW), else the publication month when the sentence
    speaks in the present, else None (a past figure without a date is left undated)."""
    dates = [d for d in ctx.in_span(ctx.dates, sent.span) if d.date is not None
             and d.relation not in ("future", "since") and abs(d.span.start - at) <= DATE_WINDOW
             and not _after_word(ctx, toks, d.span.start, lex.since, SINCE_WINDOW)]
    if dates:
        return min(dates, key=lambda d: abs(d.span.start - at)).date
    pub = ctx.document.published
    if pub is not None and _present(toks, at, lex):
        return PartialDate(pub.year, pub.month) if pub.month else pub
    return None


def _phrase(ctx: DocContext, toks) -> str | None:
    text = ctx.parsed.text[toks[0].span.start : toks[-1].span.end].strip(" \"«»“”'") if toks else ""
    return text or None


def _source(ctx: DocContext, toks, lex: FigureLexicon) -> tuple[str | None, Span | None]:
    """Who the sentence attributes its claim to: "selon X" / "according to X", then a reporting
    verb with the name after it ("a déclaré John Kirby") or its subject before it ("X said")."""
    def stop(t) -> bool:  # clause punctuation ends a source; a hyphen is inside one ("état-major")
        return not any(c.isalnum() for c in t.text) and t.text not in ("-", "'", "\u2019", "&")

    found: list = []
    for _, b, _ in lex.attribution_before.find(toks):
        found = []
        for t in toks[b : b + lex.max_source_tokens]:
            if stop(t):
                break
            found.append(t)
        if found:
            break
    if not found:
        for a, b, _ in lex.attribution_verbs.find(toks):
            after = []
            for t in toks[b : b + lex.max_source_tokens]:
                if stop(t):
                    break
                after.append(t)
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
    dated = [t for t in found if _overlaps(t.span, ctx.dates)]
    if dated:  # "CENTCOM on Friday announced": the date is not part of the source
        found = [t for t in found if t.span.end <= dated[0].span.start]
    src = _phrase(ctx, found)
    if src is None or fold(src) in lex.pronouns:
        return None, None
    return src, Span(found[0].span.start, found[-1].span.end)


# --- the document -------------------------------------------------------------------------------------


def _overlaps(span: Span, items) -> bool:
    return any(m.span.start < span.end and span.start < m.span.end for m in items)


def _candidates(ctx: DocContext, sent, toks, lex: FigureLexicon, prev_hits: list[_Hit], casualty: bool):
    """(span, value, first token, hit) of the counts of one sentence that are figures. In a
    sentence about deaths or injuries a bare count is a casualty count, never elliptical."""
    hits = _noun_hits(toks, lex)
    nums = [n for n in ctx.in_span(ctx.numbers, sent.span) if not _is_vague(n, ctx.document.lang)
            and not _overlaps(n.span, ctx.dates) and not _overlaps(n.span, ctx.casualties)]
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


def find_figures(ctx: DocContext) -> list[Figure]:
    """Figures of one document, in text order; one per (quantity, value, country)."""
    lex = figure_lexicon(ctx.document.lang)
    if lex is None or not lex.quantities:
        return []
    doc = ctx.document
    out: list[Figure] = []
    seen: set[tuple] = set()
    prev_hits: list[_Hit] = []
    last: dict[str, Figure] = {}
    for sent in ctx.parsed.sentences:
        toks = ctx.parsed.sentence_tokens(sent)
        if not toks:
            continue
        casualty_sentence = lex.casualty.any_in(toks)
        for span, value, first, hit in _candidates(ctx, sent, toks, lex, prev_hits, casualty_sentence):
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
            source, source_span = _source(ctx, toks, lex)
            about, country = _about(ctx, q, sent, toks, lo, hi, span.start, lex, source_span, ante)
            if hit.carried and q.name in last:  # same thing as the previous sentence's figure
                about, country = last[q.name].about, last[q.name].country
            key = (q.name, value, country)
            if key in seen:
                continue  # the same claim repeated further down the article
            seen.add(key)
            last[q.name] = Figure(
                id=content_id(doc.id, str(span.start), q.name), doc_id=doc.id, quantity=q.name, value=value,
                about=about, span=span, evidence=sent.span.of(doc.text), as_of=_as_of(ctx, sent, toks, span.start, lex),
                attributed_to=source, country=country,
            )
            out.append(last[q.name])
        prev_hits = _noun_hits(toks, lex)
    return sorted(out, key=lambda f: f.span.start)
