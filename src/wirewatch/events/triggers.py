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

import re
from dataclasses import dataclass

from wirewatch.events.lexicon import Lexicon, TermSet, TriggerRule, fold, token_keys
from wirewatch.model import Span
from wirewatch.nlp.parsed import ParsedDoc, Sentence, Token

#: How many tokens before a trigger a negation word may sit and still negate it ("aucun nouveau
#: retrait", "n'a pas fait de victimes" is not negating the event): chosen from French noun phrases.
NEGATION_WINDOW = 3

#: Generic "attaque" with no weapon, no target rule and no weapon in the neighbouring sentences:
#: ACLED codes an attack by an armed group on armed forces with unknown means as an armed clash.
GENERIC_ATTACK_DEFAULT = "Armed clash"

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


#: Arcs climbed from a trigger looking for a word that makes it demanded/planned (cues `demand`).
DEMAND_HOPS = 3
#: The same for strategic developments, up to the main clause: a withdrawal is told as a plan deep
#: inside a wish ('nous espérons que l'équipe obtiendra un calendrier pour le retrait'); their
#: irrealis is not checked (an announced future is the event), so the wish must be found here.
STRATEGIC_DEMAND_HOPS = 8


def rule_demanded(hit: Hit, parsed: ParsedDoc, lex: Lexicon) -> bool:
    """The trigger is the object of a demand, plan, accusation or commemoration, not a happening."""
    demand = lex.cue("demand")
    if not demand.terms:
        return False
    words = {fold(t[0]) for t in demand.terms if len(t) == 1}
    modal = {fold(t[0]) for t in lex.cue("modal").terms if len(t) == 1}
    tok = parsed.tokens[hit.first]
    hops = STRATEGIC_DEMAND_HOPS if hit.rule.type == "Strategic developments" else DEMAND_HOPS
    for _ in range(hops):
        if tok.head == tok.i:
            break
        tok = parsed.tokens[tok.head]
        if fold(tok.lemma) in words or fold(tok.text) in words:
            return True
        if fold(tok.lemma) in modal and tok.feature("VerbForm") != "Part":
            # 'les soldats devaient achever leur retrait': an obligation or a capability; 'ont
            # pu entrer' (participle) tells what happened
            return True
    return False


def rule_infinitive(hit: Hit, parsed: ParsedDoc, lex: Lexicon) -> bool:
    """An infinitive trigger under a head that does not assert it ('n'ont pas peur d'affronter',
    'l'intention de se retirer') is a possibility, not a happening."""
    tok = parsed.tokens[hit.first]
    if hit.rule.role != "event" or tok.pos != "VERB" or tok.feature("VerbForm") != "Inf":
        return False
    head = parsed.tokens[tok.head]
    if head.i == tok.i:
        return False  # a headline infinitive
    ok = {fold(w[0]) for w in lex.cue("infinitive_heads").terms if len(w) == 1}
    return fold(head.lemma) not in ok


def rule_descriptive(hit: Hit, parsed: ParsedDoc) -> bool:
    """A strategic-development participle describing a noun ('une résolution votée à la majorité')
    is background description, not the sentence's news."""
    tok = parsed.tokens[hit.first]
    return (hit.rule.type == "Strategic developments" and tok.pos == "VERB" and tok.dep == "acl"
            and tok.feature("VerbForm") == "Part")


def depth(parsed: ParsedDoc, i: int) -> int:
    """Arcs from a token up to its sentence root."""
    n, tok = 0, parsed.tokens[i]
    while tok.head != tok.i and n < 50:
        tok = parsed.tokens[tok.head]
        n += 1
    return n


def rule_negated(hit: Hit, parsed: ParsedDoc, lex: Lexicon) -> bool:
    """The trigger is negated: a negation word right before it, or 'pas/jamais' on its verb."""
    tok = parsed.tokens[hit.first]
    window = parsed.tokens[max(parsed.sentences[tok.sent].first, hit.first - NEGATION_WINDOW) : hit.first]
    if any(fold(t.lemma) in ("aucun", "aucune", "sans", "no", "without") for t in window):
        return True
    verb = tok if tok.pos in ("VERB", "AUX") else parsed.tokens[tok.head]
    return any(t.head == verb.i and t.dep == "advmod" and fold(t.lemma) in ("pas", "jamais", "not", "never")
               for t in parsed.sentence_tokens(parsed.sentences[tok.sent]))


#: Tokens around a trigger within which a generic cue ('quotidiennes', 'ces derniers mois')
#: qualifies it; farther cues belong to another clause ("un très petit nombre de troupes").
GENERIC_WINDOW = 6


#: 'elles n'attaqueront plus': a group announcing it stops attacking (a unilateral truce) is a
#: change to its activity (ACLED Strategic developments).
CEASING_SUBTYPE = "Change to group/activity"


def rule_ceasing(hit: Hit, parsed: ParsedDoc) -> bool:
    """An attack verb under 'ne ... plus' (no longer): the actor stops attacking."""
    tok = parsed.tokens[hit.first]
    if hit.rule.family not in ("remote", "battle") or hit.rule.role != "event" or tok.pos != "VERB":
        return False
    kids = [t for t in parsed.sentence_tokens(parsed.sentences[tok.sent]) if t.head == tok.i]
    return any(fold(t.lemma) == "plus" and t.dep == "advmod" for t in kids) and any(
        fold(t.lemma) in ("ne", "n'") for t in kids)


def rule_generic(hit: Hit, parsed: ParsedDoc, toks: tuple[Token, ...], lex: Lexicon) -> bool:
    """Habitual or aggregate statement about the trigger ('des attaques quasi quotidiennes',
    'des dizaines de roquettes ... ces derniers mois'): the cue sits near the trigger or on its verb."""
    from wirewatch.events.background import governing_verb

    verb = governing_verb(parsed, parsed.tokens[hit.first])
    cues = lex.cue("generic").find(toks)
    if hit.rule.role == "weapon":
        cues += lex.cue("aggregate").find(toks)
    for a, b, _ in cues:
        first, last = toks[a].i, toks[b - 1].i
        near = first - GENERIC_WINDOW <= hit.first and hit.last - 1 <= last + GENERIC_WINDOW
        on_verb = any(parsed.tokens[i].head == verb.i for i in range(first, last + 1))
        if near or on_verb:
            return True
    return False


#: Tokens before a "fois"/"times" word within which its count sits ("au moins 40 fois").
TIMES_COUNT_WINDOW = 3
#: Tokens before a trigger within which an ordinal ranks it ('le cinquième convoi de
#: ravitaillement américain à être attaqué': 7 tokens); twice the generic window.
ORDINAL_WINDOW = 12
#: Ordinal rank from which an ordinal on a trigger counts earlier happenings ("la 19e attaque
#: depuis octobre"); a "first" attack is usually the first of several told one by one.
TALLY_MIN_RANK = 2
_ORDINAL = re.compile(r"^(\d+)(?:e|è|ème|eme|ieme|er|ère|re|nd|nde|th|st|rd)$", re.IGNORECASE)


def _ordinal_rank(tok: Token, lex: Lexicon) -> int | None:
    """Rank of an ordinal token ('19ème', '8th', 'huitième'), None when it is not one."""
    m = _ORDINAL.match(tok.text)
    if m:
        return int(m.group(1))
    words = {fold(t[0]) for t in lex.cue("ordinal_first").terms if len(t) == 1}
    if fold(tok.text) in words:
        return 1
    if tok.feature("NumType") == "Ord" or lex.cue("ordinals").any_in((tok,)):
        return TALLY_MIN_RANK
    return None


def rule_tally(hit: Hit, parsed: ParsedDoc, toks: tuple[Token, ...], lex: Lexicon) -> bool:
    """A count of happenings, not one happening: 'visée au moins 40 fois', 'la 12e attaque
    depuis janvier', 'le cinquième convoi attaqué ce mois' (an ordinal near the trigger in a
    sentence that counts over a period, cues `tally_frame`)."""
    times = {fold(t[0]) for t in lex.cue("times").terms if len(t) == 1}
    comparative = {fold(t[0]) for t in lex.cue("comparative").terms if len(t) == 1}
    for k, t in enumerate(toks):
        # anywhere in the sentence: the weapons of tallied attacks are named far from the count
        # ('attaquée 40 fois ..., le plus souvent par des tirs de roquettes'); 'deux fois plus'
        # compares amounts
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if fold(t.text) in times and not (nxt is not None and fold(nxt.text) in comparative) and any(
                u.pos == "NUM" or u.text.replace(".", "").isdigit() or lex.cue("number_words").any_in((u,))
                for u in toks[max(0, k - TIMES_COUNT_WINDOW):k]):
            return True
    if not lex.cue("tally_frame").any_in(toks):
        return False
    for t in toks:
        if hit.first - ORDINAL_WINDOW <= t.i < hit.first or hit.first <= t.i < hit.last:
            rank = _ordinal_rank(t, lex)
            if rank is not None and rank >= TALLY_MIN_RANK:
                return True
    return False


def rule_claim_negated(hit: Hit, parsed: ParsedDoc, toks: tuple[Token, ...], lex: Lexicon) -> bool:
    """The trigger is the object of a negated statement ('Aucun groupe n'a revendiqué l'attaque',
    'no group has claimed responsibility for the attack'): the sentence says what did not happen
    about an event told elsewhere. A trigger that is the subject ('le tir n'a pas fait de victimes')
    is still told."""
    if lex.cue("no_claim").find(toks):
        first = min(toks[a].i for a, _, _ in lex.cue("no_claim").find(toks))
        if first < hit.first:
            return True
    from wirewatch.events.background import governing_verb

    tok = parsed.tokens[hit.first]
    if tok.pos in ("VERB", "AUX"):
        return False
    verb = governing_verb(parsed, tok)
    if verb.i == tok.i:
        return False
    path, cur = [], tok
    while cur.i != verb.i and cur.head != cur.i:
        path.append(cur)
        cur = parsed.tokens[cur.head]
    if any(p.dep.startswith("nsubj") for p in path):
        return False
    kids = [t for t in toks if t.head == verb.i and t.i != verb.i]
    if any(t.dep == "advmod" and fold(t.lemma) in ("pas", "jamais", "not", "never") for t in kids):
        return True
    neg_dets = {fold(w[0]) for w in lex.cue("negation").terms if len(w) == 1}
    for subj in (t for t in kids if t.dep.startswith("nsubj")):
        if fold(subj.lemma) in ("personne", "nobody", "rien") or any(
                t.head == subj.i and t.dep == "det" and fold(t.lemma) in neg_dets for t in toks):
            return True
    return False


def comparison_clause(toks: tuple[Token, ...], lex: Lexicon) -> range | None:
    """Token indices from a comparison marker to the end of the sentence ('ils sont prêts à
    combattre, tout comme ils ont frappé les convois pendant la guerre'): what is compared with
    is no new happening."""
    found = lex.cue("comparison").find(toks)
    if not found:
        return None
    a = min(a for a, _, _ in found)
    return range(toks[a].i, toks[-1].i + 1)


def recalled_clause(toks: tuple[Token, ...], lex: Lexicon) -> range | None:
    """Token indices of a sentence-initial 'Après ..., ' / 'After ..., ' phrase: a happening it
    names came before the sentence's news ('Après des frappes sur un camp, la foule a attaqué
    le consulat')."""
    starts = lex.cue("recalled_clause").find(toks)
    lead = [a for a, _, _ in starts if a <= 1]
    if not lead:
        return None
    a = lead[0]
    for k in range(a + 1, len(toks)):
        if toks[k].text == ",":
            return range(toks[a].i, toks[k].i)
    return None


def rule_indefinite_plural(hit: Hit, parsed: ParsedDoc, ctx_anchor: bool) -> bool:
    """'des attaques à la roquette contre des bases': an indefinite plural event noun with no
    count is a generic statement, unless the sentence dates or locates it (`ctx_anchor`)."""
    if hit.rule.role != "event" or ctx_anchor:
        return False
    tok = parsed.tokens[hit.first]
    if tok.pos != "NOUN" or tok.feature("Number") != "Plur":
        return False
    kids = [t for t in parsed.sentence_tokens(parsed.sentences[tok.sent]) if t.head == tok.i]
    if any(t.dep == "nummod" for t in kids):
        return False
    dets = [t for t in kids if t.dep == "det"]
    return not dets or all(t.feature("Definite") == "Ind" for t in dets)


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

    return any(not any(a <= x < b for a, b in spans) and not reflexive(x) for x, _, _ in found)


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
        return GENERIC_ATTACK_DEFAULT, best
    return best.rule.subtype, best


#: Tokens between a crowd word and an attack verb without a parsed agent within which the crowd
#: is taken as the agent ("des centaines de manifestants ont violemment attaqué": 3 tokens).
CROWD_WINDOW = 5


def rule_crowd_violence(hits: list[Hit], parsed: ParsedDoc, lex: Lexicon | None = None) -> bool:
    """Protesters are the agent of an attack ('des manifestants ont attaqué l'ambassade',
    'attaquée par des manifestants'): ACLED codes a violent demonstration (riot)."""
    crowd = lex.cue("crowd_agents") if lex is not None else TermSet(())
    protest = [h for h in hits if h.rule.family == "protest"]
    attacks = {i for h in hits if h.rule.family in ("remote", "protest") and h.rule.role == "event"
               for i in range(h.first, h.last)}
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


#: Trigger families an earlier happening in a recalled clause is coded from: attacks named by
#: their means or as fighting ('after US raids', 'après des frappes'); a bare 'killed' there is
#: the outcome of something the clause does not name.
EARLIER_FAMILIES = ("remote", "battle")


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
                   if h.rule.role == "weapon" and _has_predicate(parsed.sentence_tokens(parsed.sentences[si]), lex)]
    for sent in parsed.sentences:
        toks = parsed.sentence_tokens(sent)
        hits = all_hits[sent.i]
        weapons_here = [h for h in hits if h.rule.role == "weapon"]
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
        usable = main_family(usable, parsed)
        ceasing = [h for h in usable if rule_ceasing(h, parsed)]
        if ceasing:
            out.append(Candidate(sent, CEASING_SUBTYPE, SUBTYPE_TO_TYPE[CEASING_SUBTYPE], "change", ceasing[0], tuple(ceasing)))
            continue
        usable = [h for h in usable if not rule_negated(h, parsed, lex) and not rule_claim_negated(h, parsed, toks, lex)]
        if not usable:
            rejected.append(Rejected(sent, "negated"))
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
