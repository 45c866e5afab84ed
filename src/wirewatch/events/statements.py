"""Statement rules: is a sentence with a trigger word a report of one specific happening?

Split from `triggers` (no behaviour change). Each rule is a named predicate on one trigger hit:
modality (`rule_demanded`, `rule_infinitive`, `rule_descriptive`: demanded, planned, described),
polarity (`rule_negated`, `rule_claim_negated`, `rule_ceasing`), genericity (`rule_generic`,
`rule_tally`, `rule_indefinite_plural`: habitual, aggregate or counted happenings), and the clause
scopes `comparison_clause` / `recalled_clause` / `embedded_clause` (what is compared with or
recalled is no new news).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from wirewatch.events.lexicon import Lexicon, fold
from wirewatch.model import Span
from wirewatch.nlp.parsed import ParsedDoc, Sentence, Token

if TYPE_CHECKING:
    from wirewatch.events.triggers import Hit


#: How many tokens before a trigger a negation word may sit and still negate it ("aucun nouveau
#: retrait", "n'a pas fait de victimes" is not negating the event): chosen from French noun phrases.
NEGATION_WINDOW = 3

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
    sequence = {fold(t[0]) for t in lex.cue("sequence_marks").terms if len(t) == 1}
    tok = parsed.tokens[hit.first]
    hops = STRATEGIC_DEMAND_HOPS if hit.rule.type == "Strategic developments" else DEMAND_HOPS
    for _ in range(hops):
        if tok.head == tok.i:
            break
        if tok.dep == "advcl" and any(t.head == tok.i and t.dep == "mark" and fold(t.lemma) in sequence
                                      for t in parsed.sentence_tokens(parsed.sentences[tok.sent])):
            # 'pour dénoncer X, avant d'être dispersés': a clause of what came next is told, not
            # demanded, whichever verb the parser hangs it on
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


def rule_negated(hit: Hit, parsed: ParsedDoc, lex: Lexicon) -> bool:
    """The trigger is negated: a negation word right before it, or 'pas/jamais' on its verb."""
    tok = parsed.tokens[hit.first]
    window = parsed.tokens[max(parsed.sentences[tok.sent].first, hit.first - NEGATION_WINDOW) : hit.first]
    if any(fold(t.lemma) in ("aucun", "aucune", "sans", "no", "without") for t in window):
        return True
    verb = tok if tok.pos in ("VERB", "AUX") else parsed.tokens[tok.head]
    return any(t.head == verb.i and t.dep == "advmod" and fold(t.lemma) in ("pas", "jamais", "not", "never")
               for t in parsed.sentence_tokens(parsed.sentences[tok.sent]))


#: Subject relations: an agreement noun that is the subject of a predicate is what that predicate
#: talks about ('l'accord conclu ... ne tient qu'à un fil', 'la trêve reste fragile').
_SUBJECT_DEPS = ("nsubj", "nsubj:pass")


def rule_agreement_state(hit: Hit, parsed: ParsedDoc, toks: tuple[Token, ...], lex: Lexicon) -> bool:
    """An agreement noun that is the subject of a predicate which does not conclude it ('l'accord
    conclu avec Washington ne tient qu'à un fil', 'le cessez-le-feu est respecté', 'the truce
    remains fragile') qualifies an existing agreement's state: no new Agreement. 'Un accord a été
    conclu', 'la trêve entre en vigueur' (a conclusion predicate, `predicates.agreement`) are told."""
    if hit.rule.family != "agreement":
        return False
    tok = parsed.tokens[hit.first]
    if tok.pos not in ("NOUN", "PROPN") or tok.dep not in _SUBJECT_DEPS or tok.head == tok.i:
        return False
    head = tok.head
    if hit.first <= head < hit.last:
        return False
    base = toks[0].i
    concluding = lex.predicates.get("agreement")
    return concluding is None or not any(a <= head - base < b for a, b, _ in concluding.find(toks))


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


#: Trigger families an earlier happening in a recalled clause is coded from: attacks named by
#: their means or as fighting ('after US raids', 'après des frappes'); a bare 'killed' there is
#: the outcome of something the clause does not name.
EARLIER_FAMILIES = ("remote", "battle")


#: Dependencies of a clause that describes a noun ('des combattants tués dimanche dans des raids',
#: 'les raids qui ont tué 25 combattants'): what it tells is not the sentence's predicate.
DESCRIBING_DEPS = ("acl", "acl:relcl")


def _tensed_acl(parsed: ParsedDoc, toks, verb) -> bool:
    """A participial clause ('des combattants tués dimanche') has no tense auxiliary; an `acl` verb
    with one ('Lundi 29 mars, des engins ont ciblé ...' hung on the date by the parser) is the
    sentence's own predicate, misattached."""
    return verb.dep == "acl" and any(t.head == verb.i and t.dep == "aux:tense" for t in toks)


def embedded_clause(parsed: ParsedDoc, sent: Sentence, hits: list[Hit], lex: Lexicon
                    ) -> tuple[range, Span, list[Hit]] | None:
    """A clause describing a noun that tells another happening than the sentence's predicate ('les
    participants au cortège des 25 combattants tués lors des raids menés dimanche sont parvenus à
    ...', 'la foule protestait contre les raids qui ont tué dimanche 25 combattants'): the token
    range and span of the described noun's phrase, and the hits inside it. None when the noun
    belongs to an attack predicate ('la base a été touchée par des roquettes tirées dimanche': one
    happening) or is the sentence's subject ('l'attaque, qui a visé la base, a fait deux morts')."""
    from wirewatch.events.background import governing_verb

    toks = parsed.sentence_tokens(sent)
    for h in hits:
        if h.rule.family not in EARLIER_FAMILIES:
            continue
        tok, noun = parsed.tokens[h.first], None
        for _ in range(8):
            if tok.dep in DESCRIBING_DEPS and tok.head != tok.i and not _tensed_acl(parsed, toks, tok):
                noun = parsed.tokens[tok.head]
                break
            if tok.head == tok.i or (tok.pos in ("VERB", "AUX") and tok.i != h.first):
                break  # the trigger's own clause is not a describing one ('il faudra lire le tir')
            tok = parsed.tokens[tok.head]
        if noun is None or noun.head == noun.i or noun.dep.startswith("nsubj"):
            continue
        verb = governing_verb(parsed, parsed.tokens[noun.head])
        if lex.attack_predicates.any_in((verb,)) or any(
                g.first <= verb.i < g.last and g.rule.family in EARLIER_FAMILIES for g in hits):
            continue
        inside = {noun.i}
        for t in toks:  # the noun's subtree, in token order (a head comes before or after its dependents)
            cur, seen = t, 0
            while cur.i not in inside and cur.head != cur.i and seen < 12:
                cur, seen = parsed.tokens[cur.head], seen + 1
            if cur.i in inside:
                inside.add(t.i)
        first, last = min(inside), max(inside)
        span = Span(parsed.tokens[first].span.start, parsed.tokens[last].span.end)
        return range(first, last + 1), span, [g for g in hits if first <= g.first <= last]
    return None
