"""Assembly: a trigger sentence becomes an `Event` with every field and its provenance span.

Per field, a cascade (the trigger sentence first, the previous sentence only for the place when
the trigger sentence names none, the document's main country last):
  place  : most specific gazetteer match in the sentence (site > town > district > admin1 > country);
  date   : the date mention nearest the trigger; otherwise `published` (basis `inferred`) only for
           news told in the past/present, never for background; otherwise null;
  actors : knowledge-base actors by role (roles.py); unknown perpetrators by ACLED convention;
  counts : casualty mentions of the sentence (fatalities/injured), null when the text gives none.
"""

from __future__ import annotations

from wirewatch.events import background as bg
from wirewatch.events.context import DocContext, actor_kb, country_name, gazetteer
from wirewatch.events.lexicon import Lexicon, fold
from wirewatch.events.placing import choose_place, coordinated_places
from wirewatch.events.recode import acts_abroad, recode
from wirewatch.events.roles import (
    actor_name,
    claimant,
    coded_actor2,
    in_theatre,
    may_act,
    split_actors,
    target_from_nouns,
)
from wirewatch.events.seats import admin1_seat, seat_of
from wirewatch.events.triggers import Candidate
from wirewatch.model import DateMention, Event, PartialDate, Span, content_id

#: Date relations (from `mentions.dates`) that never date the event itself.
NON_EVENT_DATE_RELATIONS = ("deadline", "future", "until", "since")

#: Sub-event types by violent attack on someone: an unnamed perpetrator is coded
#: `Unidentified Armed Group (<country>)` (ACLED convention).
VIOLENT_TYPES = ("Explosions/Remote violence", "Battles", "Violence against civilians")

#: Confidence of an event: base plus one bonus per field the text supports (rough, monotone;
#: chosen so an event with date, place and actor sits near 0.9).
BASE_CONFIDENCE = 0.45
FIELD_BONUS = 0.15

#: Sub-event types coded once whatever places are coordinated: 'Kaboul et Doha ont conclu un accord'
#: names the parties of one agreement (capitals for governments), and an accord signed "à Doha et
#: à Kaboul" is one accord (arrests or withdrawals in two towns stay one event per town).
ONE_PLACE_SUBTYPES = ("Agreement",)

#: Actor kinds whose country locates an event when the text names no place (armed groups act at
#: home; state forces and international actors often act abroad).
LOCAL_KINDS = ("rebel", "jihadist", "militia")


#: Sub-event types whose sides are all parties: an agent named in any clause of the sentence is one.
PARTY_SUBTYPES = ("Agreement",)
#: Actor kinds named anywhere in an agreement sentence that are its parties: institutions ('l'hôte
#: de la Maison Blanche'); a person outside the trigger's clause is often only described ('le
#: gouvernement présidé par X').
PARTY_KINDS = ("government", "international")


def _abroad(place, agents) -> bool:
    """The only place named is a foreign country, where a government's decision applies, not where
    it is taken ('les Etats-Unis allaient retirer 500 soldats en Irak'): the event is the
    government's country, its place unknown (the seat is used only when no place is named)."""
    country = getattr(agents[0].actor, "country", None) if agents else None
    return place.precision == "country" and bool(country) and place.country != country


def _kind_of(name: str | None) -> str | None:
    """The knowledge-base kind of an actor name (None when unknown or unset)."""
    kb = actor_kb()
    if not name or kb is None:
        return None
    hit = kb.match(name)
    return hit.kind if hit is not None else None


def dates_reporting(ctx: DocContext, cand: Candidate, dm: DateMention, lex: Lexicon) -> bool:
    """The date belongs to a reporting verb, not to the event ('l'armée a confirmé dimanche que
    la base a été la cible d'une attaque samedi'): its verb is a reporting verb that is not the
    trigger's own verb."""
    parsed = ctx.parsed
    toks = [t for t in parsed.sentence_tokens(cand.sent) if dm.span.start <= t.span.start < dm.span.end]
    if not toks or cand.type == "Strategic developments":
        return False  # an announcement is the event: its date is the event's date
    verb = bg.governing_verb(parsed, toks[0])
    trig_verb = bg.governing_verb(parsed, parsed.tokens[cand.trigger.first])
    if verb.i == trig_verb.i:
        return False
    reporting = {fold(w[0]) for w in lex.cue("reporting").terms if len(w) == 1}
    if fold(verb.lemma) in reporting:
        return True
    # a date inside a relative clause that does not hold the trigger ('le dialogue, que nous
    # avons entamé l'année dernière') dates that clause
    if verb.dep == "acl:relcl" and not (cand.trigger.first <= verb.head < cand.trigger.last):
        tok = parsed.tokens[cand.trigger.first]
        for _ in range(8):
            if tok.i == verb.i:
                return False
            if tok.head == tok.i:
                break
            tok = parsed.tokens[tok.head]
        return True
    return False


def choose_date(
    ctx: DocContext, cand: Candidate, trig_offset: int, lex: Lexicon, *, yearless: bool = False
) -> DateMention | None:
    """The date mention of the sentence nearest the trigger (relation-aware). With `yearless`, the
    same choice among the day-and-month mentions whose year nothing settled (`DateMention.yearless`)."""
    found = [d for d in outside_recalled(cand, ctx.in_span(ctx.dates, cand.sent.span))
             if (d.yearless is not None if yearless else d.date is not None)
             and (d.relation or "") not in NON_EVENT_DATE_RELATIONS
             and not dates_reporting(ctx, cand, d, lex)]
    if not found:
        return None
    if cand.type == "Strategic developments":
        # an announcement is the event: the date of the highest verb over the trigger (the
        # announcing clause) wins over a date deeper in the reported content
        return min(found, key=lambda d: (_date_depth(ctx, cand, d), abs(d.span.start - trig_offset)))
    return min(found, key=lambda d: abs(d.span.start - trig_offset))


def _date_depth(ctx: DocContext, cand: Candidate, dm: DateMention) -> int:
    """Arcs from the date's verb to the root when that verb governs the trigger, else a large number."""
    parsed = ctx.parsed
    toks = [t for t in parsed.sentence_tokens(cand.sent) if dm.span.start <= t.span.start < dm.span.end]
    if not toks:
        return 99
    verb = bg.governing_verb(parsed, toks[0])
    chain, tok = [], parsed.tokens[cand.trigger.first]
    for _ in range(12):
        chain.append(tok.i)
        if tok.head == tok.i:
            break
        tok = parsed.tokens[tok.head]
    if verb.i not in chain:
        return 99
    return len(chain) - chain.index(verb.i)


def _retemplate(actor: str, source: str | None, target: str | None) -> str:
    """`actor` written with the `source` template ("Government of {country}") rewritten with the
    `target` one for the same country; unchanged when it is not of that template."""
    if not source or not target:
        return actor
    prefix, _, suffix = source.partition("{country}")
    if actor.startswith(prefix) and actor.endswith(suffix) and len(actor) > len(prefix) + len(suffix):
        return target.format(country=actor[len(prefix) : len(actor) - len(suffix)])
    return actor


def government_acts_by_forces(actor1: str | None, etype: str, defaults: dict) -> str | None:
    """'le président Biden a ordonné des frappes': in violence, a government acts through its
    forces (roles.toml defaults.government -> defaults.state_forces)."""
    if not actor1 or etype not in VIOLENT_TYPES:
        return actor1
    return _retemplate(actor1, defaults.get("government"), defaults.get("state_forces"))


def crowd_as_coded(actor1: str | None, etype: str, defaults: dict) -> str | None:
    """ACLED names a crowd by what it did: the protesters of a violent demonstration are its
    `Rioters (X)`, the rioters of a peaceful protest its `Protesters (X)` (roles.toml defaults)."""
    if not actor1:
        return actor1
    if etype == "Riots":
        return _retemplate(actor1, defaults.get("protesters"), defaults.get("rioters"))
    if etype == "Protests":
        return _retemplate(actor1, defaults.get("rioters"), defaults.get("protesters"))
    return actor1


def state_actor(ctx: DocContext, cand: Candidate, lex: Lexicon) -> tuple[str, Span] | None:
    """'un drone américain', 'des frappes aériennes turques': a nationality adjective on the
    trigger or weapon names the state's forces as the agent (roles.toml defaults.state_forces)."""
    template = lex.roles.get("defaults", {}).get("state_forces")
    gaz = gazetteer()
    fn = getattr(gaz, "country_of_adjective", None) if gaz is not None else None
    if not template or fn is None:
        return None
    parsed = ctx.parsed
    heads = {i for h in cand.hits if h.rule.role in ("weapon", "event") for i in range(h.first, h.last)}
    for t in parsed.sentence_tokens(cand.sent):
        if t.head in heads and t.dep == "amod" and t.pos == "ADJ":
            try:
                code = fn(t.text)
            except (KeyError, ValueError, TypeError):
                code = None
            name = country_name(code) if code else None
            if name and name != code:
                if name.startswith("United "):
                    name = "the " + name
                return template.format(country=name), t.span
    return None


def outside_recalled(cand: Candidate, mentions: list) -> list:
    """The mentions that belong to the candidate: 'Après des frappes qui ont tué 12 combattants
    dimanche, la foule a attaqué mardi le consulat': 12 and dimanche are the strikes' (inside the
    recalled clause), mardi is the riot's."""
    r, scope = cand.recalled, cand.scope
    if r is not None:
        mentions = [m for m in mentions if not (r.start <= m.span.start and m.span.end <= r.end)]
    if scope is not None:
        mentions = [m for m in mentions if scope.start <= m.span.start and m.span.end <= scope.end]
    return mentions


def _counts(ctx: DocContext, cand: Candidate):
    found = outside_recalled(cand, ctx.in_span(ctx.casualties, cand.sent.span))
    kills = [c for c in found if c.kind == "killed"]
    hurts = [c for c in found if c.kind == "injured"]
    return kills, hurts


def assemble(ctx: DocContext, cand: Candidate, lex: Lexicon) -> list[Event]:
    """The events of one candidate sentence: one, or one per coordinated location; none when the
    predicate is irrealis (has not happened) or the event is a recollection of history
    (`background.rule_history`)."""
    trig_tok = ctx.parsed.tokens[cand.trigger.first]
    if bg.is_irrealis(ctx.parsed, trig_tok) and cand.type != "Strategic developments":
        return []
    place = choose_place(ctx, cand, lex)
    if cand.scope is not None and place is not None and not outside_recalled(cand, [place]):
        place = None  # an earlier happening is placed only by its own clause
    events = [_event(ctx, cand, lex, place)]
    if cand.subtype not in ONE_PLACE_SUBTYPES:
        events += [_event(ctx, cand, lex, p) for p in coordinated_places(ctx, cand, lex, place)]
    # a happening recalled from a decade or more ago is history told as context, not coded
    return [e for e in events if not (e.background and bg.rule_history(e.date, ctx.document.published))]


def _event(ctx: DocContext, cand: Candidate, lex: Lexicon, place) -> Event:
    parsed, doc = ctx.parsed, ctx.document
    trig_tok = parsed.tokens[cand.trigger.first]
    prov: list[tuple[str, Span]] = [("trigger", Span(trig_tok.span.start, parsed.tokens[cand.trigger.last - 1].span.end))]
    fields: dict = {}
    if place is not None:
        p = place.place
        point = admin1_seat(p, gazetteer()) or p  # a division is pinned at its capital, as ACLED does
        fields.update(place=p.name, admin1=p.admin1, country=p.country, lat=point.lat, lon=point.lon,
                      geo_precision=p.precision)
        prov.append(("place", place.span))
    else:
        fields.update(country=ctx.main_country, geo_precision="country" if ctx.main_country else None)

    dm = choose_date(ctx, cand, trig_tok.span.start, lex)
    date: PartialDate | None = dm.date if dm else None
    basis = dm.basis if dm else None
    if dm:
        prov.append(("date", dm.span))
    elif doc.published is None and (ym := choose_date(ctx, cand, trig_tok.span.start, lex, yearless=True)):
        fields["yearless"] = ym.yearless  # no year here; another report may give it (resolution.years)
    background, _why = bg.is_background(parsed, cand.sent, trig_tok, lex, date, ctx.reference)
    if cand.scope is not None:
        background = True  # a recalled clause: told as what came before the sentence's news
    if date is None and not background and doc.published is not None:
        date, basis = doc.published, "inferred"

    country = fields.get("country") or ctx.main_country
    agents, patients = split_actors(ctx, cand.sent, lex, trig_tok)
    if not agents and cand.subtype in PARTY_SUBTYPES:
        # 'la signature d'un accord avec X, reçu par l'hôte de la Maison Blanche': every side of
        # an agreement is a party, whichever clause of the sentence names it
        agents = [m for m in split_actors(ctx, cand.sent, lex)[0] if m.actor.kind in PARTY_KINDS]
    agents = [m for m in agents if may_act(cand.type, m.actor.kind)]
    actor1 = actor_name(agents[0]) if agents else None
    if agents:
        prov.append(("actor1", agents[0].span))
    actor2 = None
    others = [m for m in patients if actor_name(m) != actor1]
    if others:
        actor2 = actor_name(others[0])
        prov.append(("actor2", others[0].span))
    else:
        tgt = target_from_nouns(ctx, cand.sent, lex, country_name)
        if tgt is not None:
            actor2 = tgt[0]
            prov.append(("actor2", tgt[1]))
    if not country:  # no place named: a local non-state actor's country (QSD -> Syria), never a state's
        country = next((m.actor.country for m in agents + patients
                        if m.actor.country and m.actor.kind in LOCAL_KINDS), None)
        if country:
            fields.update(country=country, geo_precision="country")
    defaults = lex.roles.get("defaults", {})
    actor1 = government_acts_by_forces(actor1, cand.type, defaults)
    if actor1 is None and cand.type in VIOLENT_TYPES:
        state = state_actor(ctx, cand, lex)
        if state is not None:
            actor1 = state[0]
            prov.append(("actor1", state[1]))
    if actor1 is None and cand.type in VIOLENT_TYPES and not background:
        claimed = claimant(ctx, cand.sent, lex)
        if claimed is not None and actor_name(claimed) != actor2:
            actor1 = actor_name(claimed)
            prov.append(("actor1", claimed.span))
    actor1, actor2 = in_theatre(actor1, country), in_theatre(actor2, country)
    if place is not None and agents and actor1 and _abroad(place.place, agents) and \
            seat_of(agents[0].actor, cand.type, gazetteer()) is not None:
        # the decision is taken at home, the text does not say where: country only
        country = agents[0].actor.country
        prov = [(f, sp) for f, sp in prov if f != "place"]
        fields.update(place=None, admin1=None, country=country, lat=None, lon=None, geo_precision="country")
    elif place is None and agents and actor1:
        # a government's vote or decision sits in its capital (events/seats.py)
        kb = actor_kb()
        seat = seat_of(kb.match(actor1) if kb is not None else None, cand.type, gazetteer())
        if seat is not None:
            country = seat.country
            fields.update(place=seat.name, admin1=seat.admin1, country=seat.country, lat=seat.lat, lon=seat.lon,
                          geo_precision=seat.precision)
            prov.append(("place", agents[0].span))
    cname = country_name(country) if country else None
    if actor1 is None and cname:
        if cand.type in VIOLENT_TYPES and "unidentified" in defaults:
            actor1 = defaults["unidentified"].format(country=cname)
        elif cand.type == "Protests" and "protesters" in defaults:
            actor1 = defaults["protesters"].format(country=cname)
        elif cand.type == "Riots" and "rioters" in defaults:
            actor1 = defaults["rioters"].format(country=cname)

    kind2 = others[0].actor.kind if others else _kind_of(actor2)
    subtype, etype = recode(cand.subtype, cand.type, agents[0].actor.kind if agents else _kind_of(actor1), kind2, lex,
                            family=cand.family, abroad1=acts_abroad(agents[0].actor if agents else actor1, country))
    actor2 = coded_actor2(subtype, actor2, lex)
    actor1 = crowd_as_coded(actor1, etype, defaults)
    if actor2 is None:
        prov = [(f, sp) for f, sp in prov if f != "actor2"]

    kills, hurts = _counts(ctx, cand)
    fatalities = min(c.value for c in kills) if kills else None
    injured = min(c.value for c in hurts) if hurts else None
    if kills:
        prov.append(("fatalities", min(kills, key=lambda c: c.value).span))
    if hurts:
        prov.append(("injured", min(hurts, key=lambda c: c.value).span))

    supported = sum(x is not None for x in (dm, place, agents[0] if agents else None))
    confidence = min(1.0, BASE_CONFIDENCE + FIELD_BONUS * supported)
    eid = content_id(doc.id, str(cand.sent.span.start), str(cand.sent.span.end), subtype)
    return Event(
        id=eid, doc_id=doc.id, type=etype, subtype=subtype, span=cand.sent.span,
        evidence=cand.sent.span.of(doc.text), date=date, date_basis=basis, actor1=actor1, actor2=actor2,
        fatalities=fatalities, injured=injured, background=background, confidence=confidence,
        provenance=tuple(prov), **fields,
    )
