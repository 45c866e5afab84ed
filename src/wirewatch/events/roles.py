"""Who acted and who was targeted, from the dependency parse and the prepositions (roles.toml).

Language-neutral: every word list is data in `data/lang/<code>/roles.toml`.
"""

from __future__ import annotations

from wirewatch.events.context import DocContext, actor_kb, country_name, gazetteer
from wirewatch.events.lexicon import Lexicon, TermSet, fold
from wirewatch.events.linear import (
    has_parse,
    noun_mentions,
    requalify,
    skip_marker_ends,
    split_linear,
    target_linear,
)
from wirewatch.model import ActorMention, Span
from wirewatch.nlp.parsed import ParsedDoc, Sentence, Token

#: How many heads up from a mention we look for its governing verb (a noun phrase inside a
#: prepositional phrase is two or three arcs below its verb).
MAX_HEAD_HOPS = 4


def _root(parsed: ParsedDoc, span: Span) -> Token | None:
    """The token of a mention whose head lies outside the mention."""
    toks = [t for t in parsed.tokens if span.start <= t.span.start and t.span.end <= span.end]
    ids = {t.i for t in toks}
    for t in toks:
        if t.head not in ids or t.head == t.i:
            return t
    return toks[0] if toks else None


def _children(parsed: ParsedDoc, tok: Token, sent: Sentence) -> list[Token]:
    return [t for t in parsed.sentence_tokens(sent) if t.head == tok.i and t.i != tok.i]


def role_of(parsed: ParsedDoc, mention_span: Span, sent: Sentence, lex: Lexicon) -> str:
    """`agent`, `patient` or `other` for a mention in a sentence."""
    roles = lex.roles
    ordering = {fold(w) for w in roles.get("agent_heads", [])}
    victims = {fold(w) for w in roles.get("victim_heads", [])}
    tok = _root(parsed, mention_span)
    if tok is None:
        return "other"
    # climb through flat names / appositions to the phrase head
    hops = 0
    while tok.dep in ("flat:name", "appos", "nmod", "amod", "conj") and hops < MAX_HEAD_HOPS and tok.head != tok.i:
        head = parsed.tokens[tok.head]
        if fold(head.lemma) in ordering:  # "sur ordre du président X": X acted through others
            return "agent"
        if tok.dep == "nmod" and fold(head.lemma) in victims:
            # "depuis la mort de Soleimani": a victim, never the agent; as actor2 the target nouns
            # of the event's own clause come first (roles of a death noun are not parsed further)
            return "other"
        if tok.dep == "nmod" and any(fold(c.lemma) in roles.get("patient_cases", []) for c in _children(parsed, tok, sent)):
            break
        if tok.dep == "nmod" and head.pos not in ("NOUN", "PROPN"):
            break
        tok = head
        hops += 1
    cases = {fold(c.lemma) for c in _children(parsed, tok, sent) if c.dep == "case"}
    if cases & set(roles.get("agent_cases", [])) and tok.dep.startswith("obl"):
        return "agent"
    if cases & set(roles.get("patient_cases", [])):
        return "patient"
    head = parsed.tokens[tok.head]
    if tok.dep in roles.get("patient_deps", []) and fold(head.lemma) != "etre":
        return "patient"
    if tok.dep in roles.get("agent_deps", []):
        sent_toks = parsed.sentence_tokens(sent)
        if TermSet.of(roles.get("target_subject", [])).any_in(sent_toks) and tok.dep == "nsubj":
            return "patient"
        return "agent"
    if tok.dep == "nmod" and fold(head.lemma) in roles.get("patient_verbs", []):
        return "patient"
    return "other"


def _clause_verb(parsed: ParsedDoc, tok: Token) -> Token:
    hops = 0
    while tok.pos not in ("VERB", "AUX") and tok.head != tok.i and hops < MAX_HEAD_HOPS + 2:
        tok = parsed.tokens[tok.head]
        hops += 1
    return tok


def _in_clause(parsed: ParsedDoc, m: ActorMention, trigger: Token) -> bool:
    """The mention hangs on the trigger's clause (its verb, or the trigger noun itself)."""
    root = _root(parsed, m.span)
    if root is None:
        return True
    verb = _clause_verb(parsed, trigger)
    head = parsed.tokens[root.head]
    # 'les Etats-Unis allaient retirer': the subject of the verb an infinitive trigger completes
    own = (verb.i, trigger.i, _controller(parsed, trigger).i)
    return head.i in own or _clause_verb(parsed, head).i in own


def _ordered(parsed: ParsedDoc, span: Span, lex: Lexicon) -> bool:
    """The mention hangs under an order noun ("sur ordre de X"): its clause is the ordered act's."""
    ordering = {fold(w) for w in lex.roles.get("agent_heads", [])}
    tok = _root(parsed, span)
    for _ in range(MAX_HEAD_HOPS):
        if tok is None or tok.head == tok.i:
            return False
        tok = parsed.tokens[tok.head]
        if fold(tok.lemma) in ordering:
            return True
    return False


def split_actors(ctx: DocContext, sent: Sentence, lex: Lexicon, trigger: Token | None = None) -> tuple[list[ActorMention], list[ActorMention]]:
    """Agents and patients among the actor mentions of a sentence (people mapped to what they lead).
    With `trigger`, an agent must belong to the trigger's clause: the subject of 'a accusé' in
    'l'armée a accusé X, précisant que des roquettes sont tombées' did not fire them."""
    if not has_parse(ctx.parsed, sent):  # blank pipeline: roles by word order and markers
        toks = ctx.parsed.sentence_tokens(sent)

        def country_of(k: int) -> str | None:
            return _country_linear(ctx, sent, toks, k, country_name)

        found = requalify(ctx.in_span(ctx.actors, sent.span), ctx.parsed, sent, lex, country_of, _has_nationality)
        found += noun_mentions(ctx.parsed, sent, lex, found, country_of)
        return split_linear(ctx.parsed, found, sent, lex)
    agents, patients = [], []
    mentions = list(ctx.in_span(ctx.actors, sent.span))
    if trigger is not None:
        mentions += party_governments(ctx, sent, lex, trigger, mentions)
    for m in sorted(mentions, key=lambda m: m.span.start):
        role = role_of(ctx.parsed, m.span, sent, lex)
        if role == "agent" and trigger is not None and not _in_clause(ctx.parsed, m, trigger) \
                and not _ordered(ctx.parsed, m.span, lex):
            continue
        if role == "agent":
            agents.append(m)
        elif role == "patient":
            patients.append(m)
    return agents, patients


#: Place precisions whose name stands for a state when it is the subject of an act: a country
#: ('les Etats-Unis vont retirer'), or a capital ('Bagdad et Washington ont convenu'; checked
#: against the seats table, so an ordinary town subject stays a place).
PARTY_PRECISIONS = ("country",)


def _controller(parsed: ParsedDoc, trigger: Token) -> Token:
    """The verb whose subject is the trigger's own: climbs xcomp arcs ('les Etats-Unis allaient
    retirer', 'X a décidé de retirer') to the verb that carries the subject."""
    tok = _clause_verb(parsed, trigger)
    for _ in range(MAX_HEAD_HOPS):
        if tok.dep != "xcomp" or tok.head == tok.i:
            break
        tok = parsed.tokens[tok.head]
    return tok


def party_governments(ctx: DocContext, sent: Sentence, lex: Lexicon, trigger: Token,
                      known: list[ActorMention]) -> list[ActorMention]:
    """A country or capital that is the active subject of the trigger's clause names its
    government as a party (metonymy: 'les Etats-Unis allaient retirer 500 soldats', 'Bagdad et
    Washington ont convenu'); roles.toml `defaults.government` names it. A place inside an actor
    mention already found, or any other dependency ('en Irak', 'frappé Bagdad'), is not one."""
    from wirewatch.events.seats import seats

    template = lex.roles.get("defaults", {}).get("government")
    kb = actor_kb()
    if not template or kb is None:
        return []
    parsed = ctx.parsed
    verb = _controller(parsed, trigger)
    out = []
    for p in ctx.in_span(ctx.places, sent.span):
        if any(m.span.start <= p.span.start < m.span.end for m in known) or not p.place.country:
            continue
        capital = seats().get(p.place.country) == p.place.name
        if p.place.precision not in PARTY_PRECISIONS and not capital:
            continue
        tok = _root(parsed, p.span)
        if tok is None:
            continue
        first = parsed.tokens[tok.head] if tok.dep == "conj" else tok  # 'Bagdad et Washington'
        if first.dep != "nsubj" or _clause_verb(parsed, parsed.tokens[first.head]).i != verb.i:
            continue
        name = country_name(p.place.country)
        if not name or name == p.place.country:
            continue
        actor = kb.match(template.format(country="the " + name if name.startswith("United ") else name))
        if actor is not None and actor.kind == "government":
            out.append(ActorMention(Span(tok.span.start, tok.span.end), p.text, actor))
    return out


#: Sentences after an attack within which a claim of responsibility names its perpetrator: twice
#: the merge stage's follow-up window, as web pages cut headlines, captions and bylines into short
#: sentences (on the dev pages the claim closes the report 8 to 10 pieces after the headline).
CLAIM_WINDOW = 12
#: Actor kinds that claim attacks (a state's forces do not 'claim' them).
CLAIMING_KINDS = ("rebel", "jihadist", "militia")


def claimant(ctx: DocContext, sent: Sentence, lex: Lexicon) -> ActorMention | None:
    """The armed group a later sentence says claimed the attack told in `sent` ('Le convoi a été
    visé dimanche. ... Le groupe X a revendiqué l'attaque'): the agent of the first claim sentence
    (cues `claim`) within CLAIM_WINDOW, unless that claim is negated (cues `no_claim`, `negation`)."""
    claim, refusal, negation = lex.cue("claim"), lex.cue("no_claim"), lex.cue("negation")
    sents = ctx.parsed.sentences
    for i in range(sent.i + 1, min(len(sents), sent.i + 1 + CLAIM_WINDOW)):
        toks = ctx.parsed.sentence_tokens(sents[i])
        if not claim.any_in(toks):
            continue
        if refusal.any_in(toks) or negation.any_in(toks):
            return None
        agents = [m for m in split_actors(ctx, sents[i], lex)[0] if m.actor.kind in CLAIMING_KINDS]
        return agents[0] if agents else None
    return None


#: Event types whose actor1 ACLED codes as a crowd family whoever the text names, and the actor
#: kinds that may stand there: a protest's organiser ("an STC-organized demonstration") or target
#: ("protesting HTS policies") is an associated actor; the actor is "Protesters (<country>)".
CROWD_ACTOR_KINDS = {"Protests": ("protesters",)}


def may_act(event_type: str, kind: str | None) -> bool:
    """Whether an agent of this kind can be actor1 of an event of this type."""
    allowed = CROWD_ACTOR_KINDS.get(event_type)
    return allowed is None or kind in allowed


def coded_actor2(subtype: str | None, actor2: str | None, lex: Lexicon) -> str | None:
    """actor2 as ACLED codes the subtype: none for a peaceful protest (roles.toml no_actor2_subtypes)."""
    return None if subtype in lex.roles.get("no_actor2_subtypes", []) else actor2


def in_theatre(name: str | None, country: str | None) -> str | None:
    """The name ACLED codes for an actor acting in a country (Saudi forces in Yemen: Operation
    Restoring Hope); unchanged when no convention applies or the knowledge base is missing."""
    kb = actor_kb()
    return kb.in_theatre(name, country) if kb is not None else name


def actor_name(m: ActorMention) -> str:
    """The organisation acting: a person acts for what they lead."""
    return m.actor.leads or m.actor.name


def _country_in(parsed: ParsedDoc, tok: Token, sent: Sentence, ctx: DocContext) -> str | None:
    """Country named by an adjective or a place inside the noun phrase of `tok`."""
    gaz = gazetteer()
    sub = [t for t in parsed.sentence_tokens(sent) if t.head == tok.i or parsed.tokens[t.head].head == tok.i]
    for t in sub:
        fn = getattr(gaz, "country_of_adjective", None) if gaz is not None else None
        if fn is not None and t.pos in ("ADJ", "NOUN", "PROPN"):
            try:
                code = fn(t.text)
            except (KeyError, ValueError, TypeError):
                code = None
            if code:
                return code
        # a country complement the place stage folded into a site ("l'ambassade des Etats-Unis à Bagdad")
        by_name = getattr(gaz, "country", None) if gaz is not None else None
        if by_name is not None and t.dep.startswith("nmod") and t.pos in ("NOUN", "PROPN"):
            place = by_name(t.text)
            if place is not None:
                return place.country
        for p in ctx.places:
            if p.span.start <= t.span.start < p.span.end and p.place.precision == "country":
                return p.place.country
    return None


#: Dependencies of a target noun whose country, when the noun phrase names none, is the event's
#: ("des hommes armés ont tué cinq civils" in a Malian village: Civilians (Mali)).
FALLBACK_DEPS = ("obj", "nsubj:pass")


def _event_country(ctx: DocContext, sent: Sentence) -> str | None:
    """The country of the sentence's most specific place, else the document's main country."""
    places = sorted((p for p in ctx.in_span(ctx.places, sent.span) if p.place.country),
                    key=lambda p: (p.place.precision == "country", p.span.start))
    return places[0].place.country if places else ctx.main_country


def target_from_nouns(ctx: DocContext, sent: Sentence, lex: Lexicon, country_name) -> tuple[str, Span] | None:
    """actor2 from a target noun ('l'ambassade américaine' -> Government of the United States)."""
    parsed = ctx.parsed
    toks = parsed.sentence_tokens(sent)
    if not has_parse(parsed, sent):  # blank pipeline: target nouns by word order
        return target_linear(parsed, sent, lex, ctx.in_span(ctx.actors, sent.span),
                             lambda a, b: _country_linear(ctx, sent, toks, a, country_name))
    lin = lex.roles.get("linear", {})
    skip_ends = skip_marker_ends(lin, toks)
    window = int(lin.get("window", 3))
    for entry in lex.roles.get("target", []):
        terms = TermSet.of(entry.get("terms", []))
        for a, b, _ in terms.find(toks):
            tok = toks[a]
            if any(e <= a <= e + window for e in skip_ends):
                continue  # "in support of the Palestinian people": a cause or a source, not a target
            if tok.dep not in ("obj", "nsubj:pass", "obl:arg", "obl", "nmod", "obl:mod", "nsubj"):
                continue
            if tok.dep == "nsubj" and not TermSet.of(lex.roles.get("target_subject", [])).any_in(toks):
                continue  # the subject of an active verb acted ("les forces turques ont repris la ville")
            code = _country_in(parsed, tok, sent, ctx)
            if not code and tok.dep in FALLBACK_DEPS:
                code = _event_country(ctx, sent)
            if code:
                name = country_name(code)
                if name and name != code:
                    if name.startswith("United "):
                        name = "the " + name
                    return entry["actor"].format(country=name), tok.span
    return None


#: Tokens before a target noun searched for a nationality adjective without a parse ("the Syrian army").
ADJECTIVE_WINDOW = 2


def _country_linear(ctx: DocContext, sent: Sentence, toks: tuple[Token, ...], a: int, country_name) -> str | None:
    """Country of a target noun without a parse: an adjective just before it, else the sentence's
    place, else the document's main country."""
    gaz = gazetteer()
    fn = getattr(gaz, "country_of_adjective", None) if gaz is not None else None
    for t in toks[max(0, a - ADJECTIVE_WINDOW):a]:
        code = fn(t.text) if fn is not None else None
        if code:
            return country_name(code)
    # a country name used as a modifier: "United States military personnel"
    by_name = getattr(gaz, "country", None) if gaz is not None else None
    for n in range(ADJECTIVE_WINDOW, 0, -1):
        if by_name is not None and a - n >= 0 and toks[a - n].text[:1].isupper():
            place = by_name(" ".join(t.text for t in toks[a - n:a]))
            if place is not None:
                return country_name(place.country)
    # the most specific place first: "a pro-Iran militia in Al-Rasafah" is in Syria, not Iran
    places = sorted((p for p in ctx.in_span(ctx.places, sent.span) if p.place.country),
                    key=lambda p: (p.place.precision == "country", p.span.start))
    code = places[0].place.country if places else ctx.main_country
    return country_name(code) if code else None


def _has_nationality(text: str) -> bool:
    """Whether a mention names a nationality ("Syrian civilians")."""
    gaz = gazetteer()
    fn = getattr(gaz, "country_of_adjective", None) if gaz is not None else None
    return fn is not None and any(fn(w) for w in text.split())


def is_location(parsed: ParsedDoc, mention_span: Span, precision: str, sent: Sentence, lex: Lexicon) -> bool:
    """Whether a place mention names where the event happened (not a party by metonymy).

    A town, admin1 or country that is a subject or object is a party ('Bagdad et Washington ont
    convenu'); a country needs a locative preposition ('en Irak', not 'l'ambassade des Etats-Unis')."""
    roles = lex.roles
    tok = _root(parsed, mention_span)
    if tok is None:
        return True
    if precision == "site":
        return True
    # a conjunct or an apposition ('la capitale Niamey') shares its head's role
    dep = parsed.tokens[tok.head].dep if tok.dep in ("conj", "appos", "flat:name") else tok.dep
    if tok.dep in roles.get("party_deps", []) or dep in roles.get("party_deps", []):
        return False
    own = {fold(c.lemma) for c in _children(parsed, tok, sent) if c.dep == "case"}
    if own & {fold(c) for c in roles.get("party_cases", [])}:
        return False
    if precision == "country":
        head = tok
        # a conjunct inherits the preposition of the first conjunct ('en Irak et en Syrie')
        if tok.dep == "conj":
            head = parsed.tokens[tok.head]
        cases = {fold(c.lemma) for c in _children(parsed, head, sent) if c.dep == "case"}
        cases |= {fold(c.lemma) for c in _children(parsed, tok, sent) if c.dep == "case"}
        return bool(cases & {fold(c) for c in roles.get("locative_cases", [])})
    return True


def coordinated(parsed: ParsedDoc, a: Span, b: Span) -> bool:
    """Two mentions joined by a coordination ('à Diwaniyah et à Babel')."""
    ta, tb = _root(parsed, a), _root(parsed, b)
    if ta is None or tb is None:
        return False
    return (tb.dep == "conj" and tb.head == ta.i) or (ta.dep == "conj" and ta.head == tb.i) or (
        ta.dep == "conj" and tb.dep == "conj" and ta.head == tb.head)
