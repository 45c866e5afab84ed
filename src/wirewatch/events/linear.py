"""Roles without a parse: who acted and who was targeted, from word order and marker words.

Used when a sentence has no dependency parse (a blank spaCy pipeline, e.g. English without
`en_core_web_sm`). Every word list is data: the `[linear]` table of `data/lang/<code>/roles.toml`:

  - a marker right before a mention decides its role: `skip_markers` ("supported by X": an
    associated actor, "according to X": a source, "anti-X forces": not X), `umbrella_markers`
    ("operating under X": the umbrella operation or command is the actor), `agent_markers` ("by X"), `patient_markers`
    ("against X", "killing X"), `pair_markers` ("between X and Y": X the agent, Y the other party);
    the marker nearest the mention wins;
  - unmarked mentions: with no marked agent, the first is the agent (English and French put the
    actor first in an active sentence) and the later ones are patients; with a marked agent
    ("Y was attacked by X") they are patients;
  - target nouns ("a civilian", "soldiers") give actor2 only after a patient marker or right
    before a passive casualty verb ("a civilian was killed"), so "armed men attacked" is not a target.
"""

from __future__ import annotations

from wirewatch.events.lexicon import Lexicon, TermSet, fold
from wirewatch.model import Actor, ActorMention, Span
from wirewatch.nlp.parsed import ParsedDoc, Sentence, Token

#: Tokens before a mention searched for a marker when roles.toml gives no `window`: a determiner
#: and an adjective may stand between ("against the Syrian army").
DEFAULT_WINDOW = 3

#: Tokens after a target noun searched for a passive casualty phrase ("a civilian was killed").
PASSIVE_LOOKAHEAD = 3


#: Tokens after a mention searched for a reporting verb that makes it a source ("police said").
AFTER_WINDOW = 2

#: Kinds that ACLED never codes as the perpetrator: civilians are victims (actor2) by definition.
NEVER_AGENT_KINDS = ("civilians",)


def _flat(terms: list[str]) -> list[str]:
    return [fold(t) for t in terms if t.strip()]


def skip_marker_ends(lin: dict, toks) -> list[int]:
    """Token positions right after each skip marker of the sentence ("supported by", "in support
    of"); markers written as prefixes ("pro-") are matched on the word itself, not here."""
    terms = TermSet.of([w for w in lin.get("skip_markers", []) if not w.rstrip().endswith("-")])
    return [end for _, end, _ in terms.find(toks)]


def has_parse(parsed: ParsedDoc, sent: Sentence) -> bool:
    """Whether the sentence carries a dependency parse (a blank pipeline leaves `dep` empty)."""
    return any(t.dep for t in parsed.sentence_tokens(sent))


def _markers(lin: dict, name: str) -> list[tuple[str, ...]]:
    return [tuple(fold(m).split()) for m in lin.get(name, []) if m.strip()]


def _first_token(toks: tuple[Token, ...], span: Span) -> int:
    for k, t in enumerate(toks):
        if t.span.start >= span.start:
            return k
    return len(toks)


def _marker_before(words: list[str], markers: dict[str, list[tuple[str, ...]]]) -> str | None:
    """The category of the marker ending nearest the end of `words` (None when none).

    A prefix marker ("anti -", "pro -") binds only the word it is glued to: in "anti-Houthi
    National Resistance forces" it makes "Houthi" no party, not the National Resistance."""
    for end in range(len(words), 0, -1):
        for category, terms in markers.items():
            for term in terms:
                n = len(term)
                if n <= end and tuple(words[end - n : end]) == term:
                    if term[-1] == "-" and end != len(words):
                        continue
                    return category
    return None


#: Actor kinds named by a generic noun ("civilians", "protesters"): the country comes from the
#: sentence, never from the knowledge base's first entry of the family.
GENERIC_KINDS = ("civilians", "protesters", "rioters")


def noun_mentions(parsed: ParsedDoc, sent: Sentence, lex: Lexicon, mentions: list[ActorMention],
                  country_of) -> list[ActorMention]:
    """Actor mentions from generic nouns (`[[actor_noun]]` of roles.toml: "government forces",
    "civilians", "gunmen"), for the words no knowledge-base mention covers. `country_of(k)` names
    the country of the noun phrase ending before sentence token k."""
    toks = parsed.sentence_tokens(sent)
    out = []
    taken: set[int] = set()
    # "a military base": the word qualifies another noun, it names no party
    lin = lex.roles.get("linear", {})
    attributive = set(_flat(lin.get("attributive_heads", [])))
    adjectival = set(_flat(lin.get("attributive_words", [])))
    for entry in lex.roles.get("actor_noun", []):
        for a, b, _ in TermSet.of(entry.get("terms", [])).find(toks):
            if any(_covered(toks[k], mentions) for k in range(a, b)) or taken & set(range(a, b)):
                continue
            if b < len(toks) and fold(toks[b - 1].text) in adjectival and fold(toks[b].text) in attributive:
                continue
            name = country_of(a)
            if not name:
                continue
            if name.startswith("United ") and "of {country}" in entry["actor"]:
                name = "the " + name
            span = Span(toks[a].span.start, toks[b - 1].span.end)
            actor = Actor(entry["actor"].format(country=name), entry.get("kind", "other"))
            out.append(ActorMention(span, span.of(parsed.text), actor))
            taken.update(range(a, b))
    return out


def requalify(mentions: list[ActorMention], parsed: ParsedDoc, sent: Sentence, lex: Lexicon,
              country_of, has_nationality) -> list[ActorMention]:
    """Generic-family actors ("civilians") get the sentence's country unless the mention itself
    names a nationality ("Syrian civilians")."""
    toks = parsed.sentence_tokens(sent)
    templates = {e.get("kind"): e["actor"] for e in lex.roles.get("actor_noun", []) if e.get("kind") in GENERIC_KINDS}
    out = []
    for m in mentions:
        if m.actor.kind in templates and not has_nationality(m.text):
            own = country_of(_first_token(toks, m.span))
            if own:
                m = ActorMention(m.span, m.text, Actor(templates[m.actor.kind].format(country=own), m.actor.kind))
        out.append(m)
    return out


#: Tokens after a reporting verb searched for the pronoun that makes the speaker the doer ("the
#: Houthis said on Friday they had fired": 'on Friday they' is 3 tokens).
CLAIM_WINDOW = 4


def _claims_act(toks: tuple[Token, ...], said: int, lin: dict) -> bool:
    """'X said (on Friday) they had fired ...': the speaker tells its own act, so it is the actor,
    not a mere source (roles.toml `claim_pronouns`); 'they had been attacked' is no claim."""
    pronouns = set(_flat(lin.get("claim_pronouns", [])))
    after = [fold(t.text) for t in toks[said + 1:said + 1 + CLAIM_WINDOW + 2]]
    for k, w in enumerate(after[:CLAIM_WINDOW]):
        if w in pronouns:
            return "been" not in after[k + 1:k + 3] and "ete" not in after[k + 1:k + 3]
    return False


def split_linear(parsed: ParsedDoc, mentions: list[ActorMention], sent: Sentence,
                 lex: Lexicon) -> tuple[list[ActorMention], list[ActorMention]]:
    """Agents and patients among a sentence's actor mentions, by markers and word order."""
    lin = lex.roles.get("linear", {})
    window = int(lin.get("window", DEFAULT_WINDOW))
    markers = {cat: _markers(lin, f"{cat}_markers") for cat in ("skip", "umbrella", "agent", "patient", "pair")}
    toks = parsed.sentence_tokens(sent)
    ordered = sorted(mentions, key=lambda m: m.span.start)
    roles: list[str | None] = []
    prev_end = 0
    pair_open = False
    skip_after = set(_flat(lin.get("skip_after", [])))
    skip_ends = skip_marker_ends(lin, toks)
    for m in ordered:
        k = _first_token(toks, m.span)
        lo = max(prev_end, k - window)
        words = [fold(t.text) for t in toks[lo:k]]
        category = _marker_before(words, markers)
        if category is None and any(e <= k <= e + window for e in skip_ends):
            # "in support of the Palestinian people": the marker began before the window
            category = "skip"
        end = _first_token(toks, Span(m.span.end, m.span.end))
        said = [j for j in range(end, min(end + AFTER_WINDOW, len(toks))) if fold(toks[j].text) in skip_after]
        if said and not _claims_act(toks, said[0], lin):
            category = "skip"  # "police said": a source, not a party
        if category == "pair":
            roles.append("agent")
            pair_open = True
        elif category == "umbrella" and [r for r in roles if r != "skip"][-1:] == ["patient"]:
            # "clashes between QSD and JWS, which operates under OPS": the umbrella of the other
            # party is coded as that party
            roles[max(k for k, r in enumerate(roles) if r == "patient")] = "skip"
            roles.append("patient")
        elif category == "umbrella" and roles and roles[-1] is None:
            # "gunmen believed to be IS", "rebels operating under OPS": the phrase before names the
            # same party, coded as the umbrella; it is no other party
            roles[-1] = "skip"
            roles.append(category)
        elif pair_open and words and words[-1] in ("and", "et"):
            roles.append("patient")
            pair_open = False
        else:
            roles.append(category)
        prev_end = _first_token(toks, Span(m.span.end, m.span.end))
    agents, patients = [], []
    umbrella = [m for m, role in zip(ordered, roles) if role == "umbrella"]
    roles = [("agent" if role == "umbrella" else role) for role in roles]
    marked_agent = "agent" in roles
    for m, role in zip(ordered, roles):
        if role is None:
            role = "patient" if marked_agent or agents else "agent"
        if role == "agent" and m.actor.kind in NEVER_AGENT_KINDS:
            role = "patient"
        if role == "agent":
            agents.append(m)
        elif role == "patient":
            patients.append(m)
    # "Turkish forces and rebels operating under Operation Peace Spring": the umbrella acts
    agents = umbrella + [m for m in agents if m not in umbrella]
    return agents, patients


def _covered(t: Token, mentions: list[ActorMention]) -> bool:
    return any(m.span.start <= t.span.start < m.span.end for m in mentions)


def target_linear(parsed: ParsedDoc, sent: Sentence, lex: Lexicon, mentions: list[ActorMention],
                  country_of: callable) -> tuple[str, Span] | None:
    """actor2 from a target noun ("killing two civilians" -> Civilians (<country>)).

    `country_of(first, last)` names the country of the noun phrase ending at token `last` (an
    adjective or place before it), else the event's country."""
    lin = lex.roles.get("linear", {})
    toks = parsed.sentence_tokens(sent)
    words = [fold(t.text) for t in toks]
    patient = TermSet.of(lin.get("patient_markers", []))
    marker_ends = [b for _, b, _ in patient.find(toks)]
    skip_ends = skip_marker_ends(lin, toks)
    window = int(lin.get("window", DEFAULT_WINDOW))
    passive = TermSet.of(lex.roles.get("target_subject", []))
    passive_starts = [a for a, _, _ in passive.find(toks)]
    best = None
    for entry in lex.roles.get("target", []):
        for a, b, _ in TermSet.of(entry.get("terms", [])).find(toks):
            if _covered(toks[a], mentions):
                continue
            if any(e <= a <= e + window and not any(e < f <= a for f in marker_ends) for e in skip_ends):
                continue  # "in support of the Palestinian people": a cause, not a target
            after_marker = any(e <= a for e in marker_ends)
            before_passive = any(b <= s <= b + PASSIVE_LOOKAHEAD for s in passive_starts)
            if not (after_marker or before_passive):
                continue
            if words[a - 1:a] in (["armed"], ["unidentified"], ["unknown"]):
                continue  # "armed men" are perpetrators, not targets
            if best is None or a < best[0]:
                best = (a, b, entry)
    if best is None:
        return None
    a, b, entry = best
    name = country_of(a, b)
    if not name:
        return None
    if name.startswith("United ") and "of {country}" in entry["actor"]:
        name = "the " + name
    return entry["actor"].format(country=name), Span(toks[a].span.start, toks[b - 1].span.end)
