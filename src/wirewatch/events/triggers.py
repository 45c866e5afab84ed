"""Triggers: which sentences report an event, and of which ACLED sub-event type.

Cascade per sentence, cheap to expensive, each step a named rule:
  1. lexicon hits (triggers.toml): no hit, no event;
  2. `rule_eventive`: a weapon word alone is not an event, it needs an attack predicate or an
     event trigger in the sentence ("le système anti-roquettes" is not an attack);
  3. `rule_negated`, `rule_generic`: "aucun retrait", "des attaques quasi quotidiennes" are not
     specific happenings;
  4. `choose_subtype`: interception beats impact, weapons beat the generic "attaque", targets
     (convoys) fix the subtype of an attack with no weapon named.
Rejected sentences come back as `Discarded(reason)` so a user can see why nothing was coded.
"""

from __future__ import annotations

from dataclasses import dataclass

from wirewatch.events.lexicon import Lexicon, TermSet, TriggerRule, fold, token_keys
from wirewatch.events.statements import (
    CEASING_SUBTYPE,
    EARLIER_FAMILIES,
    comparison_clause,
    embedded_clause,
    recalled_clause,
    rule_agreement_state,
    rule_ceasing,
    rule_claim_negated,
    rule_demanded,
    rule_descriptive,
    rule_generic,
    rule_indefinite_plural,
    rule_infinitive,
    rule_negated,
    rule_tally,
)
from wirewatch.model import Span
from wirewatch.nlp.parsed import ParsedDoc, Sentence, Token

#: Generic "attaque" with no weapon, no target rule and no weapon in the neighbouring sentences:
#: ACLED codes an attack by an armed group on armed forces with unknown means as an armed clash.
GENERIC_ATTACK_DEFAULT = "Armed clash"
#: ... unless the sentence names only civilian victims (cues `civilian_victims`, no `armed_victims`):
#: ACLED codes an armed group killing civilians with no armed opponent as an attack on civilians.
CIVILIAN_ATTACK = "Attack"

#: Sentences before the trigger sentence searched first for the weapon of a generic "attaque"
#: (a lead sentence names the rockets, the next one says "l'attaque a visé ..."); failing that, the
#: nearest earlier weapon of the article, or one at most WEAPON_LOOKAHEAD sentences later (a
#: headline "X attaquée" before the lead naming the rockets; weapons far below are often the
#: response, e.g. air strikes after an attack on a camp).
WEAPON_LOOKBACK = 2
WEAPON_LOOKAHEAD = 2

#: Subtypes that are attacks with means (the interception rule may turn them into Disrupted weapons use).
_REMOTE = {"Shelling/artillery/missile attack", "Air/drone strike", "Remote explosive/landmine/IED",
           "Suicide bomb", "Grenade"}


@dataclass(frozen=True, slots=True)
class Hit:
    """One lexicon match inside a sentence (token indices into the document)."""

    rule: TriggerRule
    first: int
    last: int
    term: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that reports an event: its chosen subtype and the trigger tokens."""

    sent: Sentence
    subtype: str
    type: str
    family: str
    trigger: Hit
    hits: tuple[Hit, ...]
    #: character span of a sentence-initial recalled clause ('Après des frappes qui ont tué 12
    #: combattants, ...') whose dates and counts belong to the earlier happening, not this event
    recalled: Span | None = None
    #: for the earlier happening told in such a clause: the clause itself (its dates and counts
    #: are the only ones that belong to it); the event is background to the sentence's news
    scope: Span | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """A sentence with trigger words that makes no event, and why (a named rule)."""

    sent: Sentence
    reason: str


def sentence_hits(parsed: ParsedDoc, sent: Sentence, lex: Lexicon) -> list[Hit]:
    """Every trigger rule match in one sentence."""
    toks = parsed.sentence_tokens(sent)
    hits = []
    keys = token_keys(toks)
    for rule in lex.triggers:
        for a, b, term in rule.terms.find(toks, keys):
            hits.append(Hit(rule, sent.first + a, sent.first + b, term))
    # a word inside a longer term of another rule belongs to that term ('grenades lacrymogènes'
    # is crowd control, not a grenade attack)
    return [h for h in hits if not any(o is not h and o.first <= h.first and h.last <= o.last
                                       and (o.last - o.first) > (h.last - h.first) for o in hits)]


def _has_predicate(toks: tuple[Token, ...], lex: Lexicon) -> bool:
    return lex.attack_predicates.any_in(toks)


def rule_eventive(hits: list[Hit], toks: tuple[Token, ...], lex: Lexicon) -> list[Hit]:
    """Keep the hits that can make an event: event triggers, or weapons/targets with an attack
    predicate or event trigger in the sentence."""
    events = [h for h in hits if h.rule.role == "event"]
    means = [h for h in hits if h.rule.role in ("weapon", "target")]
    if means and (events or _has_predicate(toks, lex)):
        return events + means
    return events


def rule_needs(hit: Hit, toks: tuple[Token, ...], lex: Lexicon) -> bool:
    """The hit's rule needs a predicate list that the sentence lacks ('les termes de l'accord')."""
    if not hit.rule.needs:
        return False
    found = lex.predicates.get(hit.rule.needs)
    return found is None or not any(not (a <= hit.first - toks[0].i < b) for a, b, _ in found.find(toks))


def rule_classifier(hit: Hit, parsed: ParsedDoc) -> bool:
    """A bare noun after 'de' modifying another noun names a kind, not a happening:
    'mission de combat', 'troupes de combat', 'avions de combat'."""
    if hit.rule.role != "event" or hit.last - hit.first != 1:
        return False
    tok = parsed.tokens[hit.first]
    if tok.pos != "NOUN" or tok.dep not in ("nmod", "amod", "compound"):
        return False
    kids = [t for t in parsed.sentence_tokens(parsed.sentences[tok.sent]) if t.head == tok.i and t.i != tok.i]
    has_de = any(t.dep == "case" and fold(t.lemma) in ("de", "d'") for t in kids)
    has_det = any(t.dep in ("det", "nummod") for t in kids)
    return has_de and not has_det


def depth(parsed: ParsedDoc, i: int) -> int:
    """Arcs from a token up to its sentence root."""
    n, tok = 0, parsed.tokens[i]
    while tok.head != tok.i and n < 50:
        tok = parsed.tokens[tok.head]
        n += 1
    return n


def _interception(toks: tuple[Token, ...], lex: Lexicon) -> bool:
    """A weapon was intercepted/shot down/defused (impact wording like 's'abattre sur' excluded)."""
    found = lex.cue("interception").find(toks)
    if not found:
        return False
    impact = lex.cue("impact").find(toks)
    spans = [(a, b) for a, b, _ in impact]
    base = toks[0].i

    def reflexive(x: int) -> bool:
        # 'se sont (aussi) abattues sur' is an impact: a reflexive clitic on the verb
        return any(t.head == base + x and fold(t.lemma) in ("se", "s'") for t in toks)

    people = {fold(w[0]) for name in ("civilian_victims", "armed_victims") for w in lex.cue(name).terms if len(w) == 1}

    def of_people(x: int) -> bool:
        # '25 combattants ont été abattus': people shot dead, not a weapon shot down (parsed text)
        return any(t.head == base + x and t.dep in ("nsubj:pass", "obj") and fold(t.text) in people for t in toks)

    return any(not any(a <= x < b for a, b in spans) and not reflexive(x) and not of_people(x) for x, _, _ in found)


def choose_subtype(hits: list[Hit], toks: tuple[Token, ...], lex: Lexicon, prior_weapon: Hit | None) -> tuple[str, Hit]:
    """The sub-event type of a sentence from its hits, and the hit that decided it."""
    best = max(hits, key=lambda h: (h.rule.priority, -h.first))
    weapons = [h for h in hits if h.rule.role == "weapon"]
    if best.rule.subtype == "Disrupted weapons use" or (weapons and _interception(toks, lex)):
        if weapons or prior_weapon is not None:
            anchor = best if best.rule.subtype == "Disrupted weapons use" else max(weapons, key=lambda h: h.rule.priority)
            return "Disrupted weapons use", anchor
        others = [h for h in hits if h.rule.subtype != "Disrupted weapons use"]
        if not others:
            return "", best
        best = max(others, key=lambda h: (h.rule.priority, -h.first))
    if best.rule.subtype == "Attack" and best.rule.family == "civilians" and weapons:
        # 'l'assassinat ... par un drone': the means makes it a remote-violence event
        top = max(weapons, key=lambda h: h.rule.priority)
        return top.rule.subtype, top
    if best.rule.subtype == "Attack" and best.rule.family == "remote":
        if prior_weapon is not None:
            return prior_weapon.rule.subtype, best
        if _civilians_only(toks, lex):
            # 'vingt civils tués dans l'attaque d'un marché': only civilians are hit and nobody
            # armed is named fighting back, so it is violence against civilians, not a clash
            return CIVILIAN_ATTACK, best
        return GENERIC_ATTACK_DEFAULT, best
    if best.rule.subtype == GENERIC_ATTACK_DEFAULT and best.rule.family == "remote" and _civilians_only(toks, lex):
        # a shooting of the attack family ('ont ouvert le feu sur des villageois'): same rule as above
        return CIVILIAN_ATTACK, best
    return best.rule.subtype, best


#: Dependencies of the attackers' phrase: its words name who acted, not who was hit ("des
#: jihadistes ont tué cinq civils", "tués par des assaillants").
AGENT_DEPS = ("nsubj", "obl:agent")


def _victim_side(toks: tuple[Token, ...], lex: Lexicon) -> tuple[Token, ...]:
    """The sentence without the phrases of its agents (subjects of active verbs, "par X" agents);
    the subject of a verb of dying (cue `death_verbs`: "deux soldats ont péri") stays. Without a
    parse (no dependency labels) the whole sentence."""
    base = toks[0].i if toks else 0
    dying = lex.cue("death_verbs")
    agents = {t.i for t in toks if t.dep in AGENT_DEPS
              and not (0 <= t.head - base < len(toks) and dying.any_in((toks[t.head - base],)))}
    if not agents:
        return toks

    def in_agent(t: Token) -> bool:
        for _ in range(len(toks)):
            if t.i in agents:
                return True
            if t.head == t.i or not 0 <= t.head - base < len(toks):
                return False
            t = toks[t.head - base]
        return False

    return tuple(t for t in toks if not in_agent(t))


def _civilians_only(toks: tuple[Token, ...], lex: Lexicon) -> bool:
    """The victims named are civilians and no armed party is named among them (cues
    `civilian_victims`, `armed_victims`, read outside the agents' phrases)."""
    side = _victim_side(toks, lex)
    return lex.cue("civilian_victims").any_in(side) and not lex.cue("armed_victims").any_in(side)


#: Tokens between a crowd word and an attack verb without a parsed agent within which the crowd
#: is taken as the agent ("des centaines de manifestants ont violemment attaqué": 3 tokens).
CROWD_WINDOW = 5


def rule_crowd_violence(hits: list[Hit], parsed: ParsedDoc, lex: Lexicon | None = None) -> bool:
    """Protesters are the agent of an attack ('des manifestants ont attaqué l'ambassade',
    'attaquée par des manifestants'): ACLED codes a violent demonstration (riot)."""
    crowd = lex.cue("crowd_agents") if lex is not None else TermSet(())
    protest = [h for h in hits if h.rule.family == "protest"]
    # the crowd must be the agent of an attack word: gathering ('se sont rassemblés') is no violence
    attacks = {i for h in hits if h.rule.role == "event" and (
        h.rule.family == "remote" or h.rule.subtype == "Violent demonstration") for i in range(h.first, h.last)}
    remote = {i for h in hits if h.rule.family == "remote" and h.rule.role == "event" for i in range(h.first, h.last)}
    for h in protest:
        tok = parsed.tokens[h.first]
        head = tok
        # 'des milliers de manifestants': the count noun is the subject
        if tok.dep == "nmod":
            head = parsed.tokens[tok.head]
        if head.dep in ("nsubj", "obl:agent") and head.head in attacks:
            return True
        if head.dep == "nsubj:pass" and head.head in attacks and not any(
                t.head == head.head and t.dep == "aux:pass" for t in parsed.sentence_tokens(parsed.sentences[tok.sent])):
            return True  # 'ont attaqué' misparsed as a passive: no passive auxiliary, the crowd acts
        if any(h2.rule.subtype == "Violent demonstration" for h2 in hits):
            return True
        # the parser found no agent for the attack verb (or there is no parse): a crowd word
        # just before it is its subject ('des centaines de manifestants ont violemment attaqué')
        if not crowd.any_in((tok,)):
            continue
        for i in remote:
            verb = parsed.tokens[i]
            if verb.pos not in ("VERB", "") or h.first > i or i - h.last >= CROWD_WINDOW:
                continue
            if not any(t.head == i and t.i != i and t.dep.startswith(("nsubj", "obl:agent"))
                       for t in parsed.sentence_tokens(parsed.sentences[verb.sent])):
                return True
    return False


def main_family(hits: list[Hit], parsed: ParsedDoc) -> list[Hit]:
    """Keep the hits of the family whose trigger sits highest in the parse (the main predicate):
    'des milliers se sont rassemblés à l'endroit du raid' is a protest, not a strike."""
    best: dict[str, tuple[int, int]] = {}
    for h in hits:
        d = min(depth(parsed, i) for i in range(h.first, h.last))
        fam = h.rule.family
        key = (d, -h.rule.priority)
        if fam not in best or key < best[fam]:
            best[fam] = key
    top = min(best, key=lambda f: best[f])
    keep = [h for h in hits if h.rule.family == top]
    if top == "civilians":
        keep += [h for h in hits if h.rule.role == "weapon"]
    return keep




def earlier_candidate(sent: Sentence, hits: list[Hit], parsed: ParsedDoc, lex: Lexicon, clause: range,
                      span: Span, anchored_clause=None) -> Candidate | None:
    """The earlier happening of a recalled clause ('After air strikes killed 12 fighters on Sunday,
    ...') as its own event, when the clause tells it with a date of its own (`anchored_clause`
    says whether a date mention lies in the span); an undated recollection cannot be coded."""
    from wirewatch.model import SUBTYPE_TO_TYPE

    if not hits or anchored_clause is None or not anchored_clause(span):
        return None
    toks = tuple(t for t in parsed.sentence_tokens(sent) if t.i in clause)
    usable = rule_eventive(hits, toks, lex)
    usable = [h for h in usable if not rule_negated(h, parsed, lex) and not rule_generic(h, parsed, toks, lex)]
    if not usable:
        return None
    weapons = [h for h in usable if h.rule.role == "weapon"]
    prior = max(weapons, key=lambda h: h.rule.priority) if weapons else None
    subtype, trig = choose_subtype(usable, toks, lex, prior)
    if not subtype or trig.rule.family not in EARLIER_FAMILIES:
        return None
    return Candidate(sent, subtype, SUBTYPE_TO_TYPE.get(subtype, trig.rule.type), trig.rule.family, trig,
                     tuple(usable), None, span)


def find_candidates(parsed: ParsedDoc, lex: Lexicon, anchored: frozenset[int] = frozenset(),
                    dated_clauses=None) -> tuple[list[Candidate], list[Rejected]]:
    """Candidate event sentences of a document, plus the rejected ones with their reason.
    `anchored`: indices of sentences that name a date or a sub-national place; `dated_clauses`:
    a predicate on a character span, true when a date mention lies inside it (recalled clauses
    with a date of their own become their own events)."""
    from wirewatch.model import SUBTYPE_TO_TYPE

    out: list[Candidate] = []
    rejected: list[Rejected] = []
    all_hits = {sent.i: sentence_hits(parsed, sent, lex) for sent in parsed.sentences}
    doc_weapons = [(si, h) for si, hs in all_hits.items() for h in hs
                   if h.rule.role == "weapon" and _has_predicate(parsed.sentence_tokens(parsed.sentences[si]), lex)
                   and not rule_needs(h, parsed.sentence_tokens(parsed.sentences[si]), lex)]
    for sent in parsed.sentences:
        toks = parsed.sentence_tokens(sent)
        hits = all_hits[sent.i]
        weapons_here = [h for h in hits if h.rule.role == "weapon" and not rule_needs(h, toks, lex)]
        prior = [h for si, h in doc_weapons if 0 < sent.i - si <= WEAPON_LOOKBACK]
        reachable = [(si, h) for si, h in doc_weapons if si <= sent.i + WEAPON_LOOKAHEAD]
        nearest = min(reachable, key=lambda x: (abs(x[0] - sent.i), x[0] > sent.i))[1] if reachable else None
        if not hits:
            continue
        hits = [h for h in hits if not rule_needs(h, toks, lex) and not rule_classifier(h, parsed)]
        usable = rule_eventive(hits, toks, lex)
        if not usable:
            rejected.append(Rejected(sent, "no-attack-predicate"))
            continue
        usable = [h for h in usable if not rule_demanded(h, parsed, lex) and not rule_infinitive(h, parsed, lex)
                  and not rule_descriptive(h, parsed)]
        if not usable:
            rejected.append(Rejected(sent, "demanded-or-planned"))
            continue
        compared = comparison_clause(toks, lex)
        if compared is not None:
            usable = [h for h in usable if h.first not in compared]
            if not usable:
                rejected.append(Rejected(sent, "comparison"))
                continue
        recalled = recalled_clause(toks, lex)
        recalled_span = None
        if recalled is not None and any(h.first not in recalled for h in usable):
            # 'Après des frappes ..., la foule a attaqué': the news is the main clause
            earlier = [h for h in usable if h.first in recalled]
            usable = [h for h in usable if h.first not in recalled]
            recalled_span = Span(parsed.tokens[recalled.start].span.start, parsed.tokens[recalled.stop - 1].span.end)
            told = earlier_candidate(sent, earlier, parsed, lex, recalled, recalled_span, anchored_clause=dated_clauses)
            if told is not None:
                out.append(told)
        if recalled_span is None:
            embedded = embedded_clause(parsed, sent, usable, lex)
            told = None
            if embedded is not None:
                clause, span, inside = embedded
                told = earlier_candidate(sent, inside, parsed, lex, clause, span, anchored_clause=dated_clauses)
            if told is not None:
                # 'les 25 combattants tués lors des raids menés dimanche': the recalled happening is
                # its own (background) event; the sentence's predicate keeps what lies outside
                out.append(told)
                usable = [h for h in usable if h not in inside]
                if not usable:
                    continue
                recalled_span = span
        usable = main_family(usable, parsed)
        ceasing = [h for h in usable if rule_ceasing(h, parsed)]
        if ceasing:
            out.append(Candidate(sent, CEASING_SUBTYPE, SUBTYPE_TO_TYPE[CEASING_SUBTYPE], "change", ceasing[0], tuple(ceasing)))
            continue
        usable = [h for h in usable if not rule_negated(h, parsed, lex) and not rule_claim_negated(h, parsed, toks, lex)]
        if not usable:
            rejected.append(Rejected(sent, "negated"))
            continue
        usable = [h for h in usable if not rule_agreement_state(h, parsed, toks, lex)]
        if not usable:
            rejected.append(Rejected(sent, "agreement-state"))
            continue
        usable = [h for h in usable if not rule_generic(h, parsed, toks, lex) and not rule_tally(h, parsed, toks, lex)
                  and not rule_indefinite_plural(h, parsed, sent.i in anchored)]
        if not usable:
            rejected.append(Rejected(sent, "generic"))
            continue
        here = max(weapons_here, key=lambda h: h.rule.priority) if weapons_here else None
        prior_weapon = here or (max(prior, key=lambda h: h.rule.priority) if prior else None)
        if prior_weapon is None:
            targets = [h for h in usable if h.rule.role == "target"]
            prior_weapon = targets[0] if targets else nearest
        subtype, trig = choose_subtype(usable, toks, lex, prior_weapon)
        if not subtype:
            rejected.append(Rejected(sent, "interception-without-weapon"))
            continue
        family = trig.rule.family
        if family in ("remote", "protest") and rule_crowd_violence(
                [h for h in all_hits[sent.i] if not rule_needs(h, toks, lex)], parsed, lex):
            # a crowd attacking is a riot: it merges with the protest, not with rocket attacks
            subtype, family = "Violent demonstration", "protest"
        typ = SUBTYPE_TO_TYPE.get(subtype, trig.rule.type)
        out.append(Candidate(sent, subtype, typ, family, trig, tuple(usable), recalled_span))
    return out, rejected
