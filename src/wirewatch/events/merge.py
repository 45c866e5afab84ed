"""Merge within a document: sentences about the same happening become one event.

Two events merge when they are of the same family (remote violence incl. interceptions, battles,
protests...), their backgrounds agree, their dates are compatible and their places are compatible,
and the later one is a follow-up: it has no date of its own, or the same date and place.
Conflicting casualty counts are kept as a `Contradiction`; the event keeps the lowest credible
value (ACLED practice).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from wirewatch.model import Contradiction, Event, PartialDate, Yearless

#: Families whose events may describe one happening across sentences (an interception and the
#: rockets that fell are one attack).
_FAMILY = {
    "Explosions/Remote violence": "remote",
    "Battles": "battle",
    "Violence against civilians": "civilians",
    "Protests": "protest",
    "Riots": "protest",
}
#: A protest told over several sentences is coded by its most severe turn (ACLED codes the whole
#: demonstration "with intervention" when police dispersed it, a riot when it turned violent):
#: a follow-up of higher rank gives the merged event its subtype.
PROTEST_ESCALATION = {"Peaceful protest": 0, "Protest with intervention": 1, "Violent demonstration": 2,
                      "Excessive force against protesters": 2}

#: Sentences apart beyond which a follow-up without its own date is not merged (a later paragraph
#: with a bare "l'attaque" may be about another attack).
FOLLOW_UP_WINDOW = 6
#: Families whose undated mentions in one article are one happening whatever the distance: an
#: article discusses one accord (headline, lead and later quotes).
ARTICLE_WIDE_FAMILIES = ("Agreement",)


def _type_family(e: Event) -> str:
    if e.subtype == "Disrupted weapons use":
        return "remote"
    return _FAMILY.get(e.type, e.subtype)


def _has(e: Event, name: str) -> bool:
    return any(n == name for n, _ in e.provenance)


def _dates_compatible(a: Event, b: Event) -> bool:
    if a.yearless is not None and b.yearless is not None:  # "le 18 mars" and "le 25 mars", no year
        return _yearless_gap(a.yearless, b.yearless) <= 1
    if a.date is None or b.date is None or not _has(b, "date") or not _has(a, "date"):
        return True
    if a.date.precision == "day" and b.date.precision == "day":
        return abs((a.date.first_day() - b.date.first_day()).days) <= 1
    return a.date.year == b.date.year and (a.date.month is None or b.date.month is None or a.date.month == b.date.month)


def _yearless_gap(a: Yearless, b: Yearless) -> int:
    """Days between two yearless days, across the new year (31 December and 1 January are 1 apart)."""
    gap = abs((date(2000, a.month, a.day) - date(2000, b.month, b.day)).days)  # 2000 has 29 February
    return min(gap, 366 - gap)


def _places_compatible(a: Event, b: Event) -> bool:
    if not a.place or not b.place or a.geo_precision == "country" or b.geo_precision == "country":
        return a.country == b.country or not a.country or not b.country
    if a.admin1 and b.admin1:
        return a.admin1 == b.admin1
    return a.place == b.place


def borrowed_place(e: Event) -> bool:
    """The event's place was read outside its own sentence (the place stage looks at the sentence
    before when the trigger sentence names none): a follow-up 'la base a été prise pour cible' has
    no place of its own to disagree with."""
    spans = [s for n, s in e.provenance if n == "place"]
    return bool(spans) and not any(e.span.start <= s.start and s.end <= e.span.end for s in spans)


def _follow_up(base: Event, new: Event, sent_gap: int) -> bool:
    if _type_family(base) in ARTICLE_WIDE_FAMILIES and (not _has(new, "date") or not _has(base, "date")):
        return True
    if not _has(base, "date") and _has(new, "date"):
        # a headline or lead without a date, then the sentence that dates it
        return sent_gap <= FOLLOW_UP_WINDOW and base.place in (None, new.place) or base.place == new.place
    if not _has(new, "date"):
        return sent_gap <= FOLLOW_UP_WINDOW
    if _has(base, "date") and base.date == new.date:
        return True
    # two reports a day apart of the same kind of attack on the same named site are one happening
    return (_has(base, "date") and base.place is not None and base.place == new.place
            and base.geo_precision in ("site", "town") and _dates_compatible(base, new))


def count_source(e: Event, name: str) -> str:
    """Where a count was said, as `<doc id>:<start>-<end>`: the span of the count's own evidence
    when known, else the event's sentence. An event id would dangle once the event is merged away."""
    spans = [s for n, s in e.provenance if n == name]
    span = spans[-1] if spans else e.span
    return f"{e.doc_id}:{span.start}-{span.end}"


def _count(base: Event, new: Event, name: str) -> tuple[int | None, Contradiction | None]:
    a, b = getattr(base, name), getattr(new, name)
    if a is None or b is None or a == b:
        return (a if a is not None else b), None
    return min(a, b), Contradiction(name, ((a, (count_source(base, name),)), (b, (count_source(new, name),))),
                                    "counts differ between sentences")


#: Sub-event types only their own sentence locates (as in `placing.choose_place`): an agreement or
#: a policy change is decided somewhere, not where a follow-up sentence's happening took place.
OWN_PLACE_SUBTYPES = ("Agreement", "Change to group/activity")


def _placed_by_follow_ups(e: Event) -> bool:
    """Whether a follow-up may lend the event its place: 'a déclaré l'achèvement du départ des
    forces' is not where 'la base X a été évacuée' a few sentences later."""
    return e.subtype not in OWN_PLACE_SUBTYPES


def _absorb(base: Event, new: Event) -> Event:
    changes: dict = {}
    prov = list(base.provenance)
    have = {n for n, _ in prov}
    if (not base.place or base.geo_precision == "country") and new.place and new.geo_precision != "country" \
            and _placed_by_follow_ups(base):
        changes.update(place=new.place, admin1=new.admin1, country=new.country, lat=new.lat, lon=new.lon,
                       geo_precision=new.geo_precision)
    if not _has(base, "date") and _has(new, "date"):
        changes.update(date=new.date, date_basis=new.date_basis)
    elif base.date is None and base.yearless is None and new.date is None and new.yearless is not None:
        changes["yearless"] = new.yearless
    if base.actor1 is None and new.actor1:
        changes["actor1"] = new.actor1
    if base.actor2 is None and new.actor2:
        changes["actor2"] = new.actor2
    contradictions = list(base.contradictions)
    for name in ("fatalities", "injured"):
        value, clash = _count(base, new, name)
        changes[name] = value
        if clash:
            contradictions.append(clash)
    for n, s in new.provenance:
        if n not in have or (n in changes and n != "trigger"):
            prov.append((n, s))
    changes["provenance"] = tuple(prov)
    changes["contradictions"] = tuple(contradictions)
    changes["confidence"] = max(base.confidence, new.confidence)
    return replace(base, **changes)


def merge_events(events: list[Event], sentence_of: dict[str, int], family_of: dict[str, str] | None = None) -> list[Event]:
    """Merge follow-up events into the first report of the same happening (input order kept).
    `family_of` gives the trigger family of an event when known (a generic "attaque" coded as a
    clash still belongs with the rockets of the same article)."""
    return merge_with_sentences(events, sentence_of, family_of)[0]


def merge_with_sentences(events: list[Event], sentence_of: dict[str, int],
                         family_of: dict[str, str] | None = None) -> tuple[list[Event], dict[str, int]]:
    """`merge_events`, plus the last sentence each merged event was told in (a count stated
    right after the last follow-up belongs to the merged event)."""
    fam = family_of or {}

    def family(e: Event) -> str:
        return fam.get(e.id) or _type_family(e)

    merged: list[Event] = []
    last_sent: dict[str, int] = {}
    for ev in events:
        target = None
        for i in range(len(merged) - 1, -1, -1):
            base = merged[i]
            gap = sentence_of.get(ev.id, 0) - last_sent.get(base.id, 0)
            same_bg = base.background == ev.background or not _has(ev, "date")
            # a weaponless 'attaque' coded as a clash (trigger family remote) and the 'combats'
            # that follow (battle) are one fight: the coded type's family is compared too
            same_family = family(base) == family(ev) or _type_family(base) == _type_family(ev)
            if (same_family and same_bg
                    and _dates_compatible(base, ev)
                    and (_places_compatible(base, ev) or (borrowed_place(ev) and not _has(ev, "date")))
                    and _follow_up(base, ev, gap)):
                target = i
                break
        if target is None:
            merged.append(ev)
            last_sent[ev.id] = sentence_of.get(ev.id, 0)
        else:
            old = merged[target]
            new = _absorb(old, ev)
            if fam.get(old.id) == "remote" and old.type != ev.type and ev.type == "Explosions/Remote violence":
                # the first report was a weaponless "attaque" (coded by default); the follow-up names the weapon
                new = replace(new, type=ev.type, subtype=ev.subtype)
            if PROTEST_ESCALATION.get(ev.subtype, -1) > PROTEST_ESCALATION.get(old.subtype, 99):
                new = replace(new, type=ev.type, subtype=ev.subtype)
            merged[target] = new
            last_sent[old.id] = sentence_of.get(ev.id, 0)
    return merged, {e.id: last_sent.get(e.id, sentence_of.get(e.id, 0)) for e in merged}


def follow_previous_date(ev: Event, previous: Event | None, previous_mention=None) -> Event:
    """'C'était lors de ...', 'Dix jours plus tard, ...': an undated event told as a sequel takes
    the date named in the previous sentence, else the previous event's month (basis `inferred`:
    the text supports the month, not the day) and its background flag."""
    if previous_mention is not None:
        return replace(ev, date=previous_mention.date, date_basis=previous_mention.basis,
                       provenance=ev.provenance + (("date", previous_mention.span),))
    if previous is None or previous.date is None:
        return ev
    month = PartialDate(previous.date.year, previous.date.month) if previous.date.month else previous.date
    return replace(ev, date=month, date_basis="inferred", background=previous.background)


#: Sentences after an event in which a casualty count with no trigger of its own still belongs
#: to it ("Sept roquettes ont visé ..." then "Le tir n'a pas fait de victimes").
COUNT_WINDOW = 2
_VIOLENT = ("Explosions/Remote violence", "Battles", "Violence against civilians", "Riots")


def attach_counts(ctx, events: list[Event], sentence_of: dict[str, int], used: set[int], lex,
                  last_of: dict[str, int] | None = None) -> list[Event]:
    """Give casualty counts stated in follow-up sentences (without a trigger) to the event before.
    `last_of`: the last sentence a merged event was told in; a count between its first and last
    sentence, or right after the last, is its own."""

    out = list(events)
    first_sent = {e.id: sentence_of.get(e.id, -1) for e in events}
    last_sent = {e.id: max(first_sent[e.id], (last_of or {}).get(e.id, -1)) for e in events}
    for c in ctx.casualties:
        sent = ctx.parsed.sentence_at(c.span.start)
        if sent is None or sent.i in used:
            continue
        best = None
        for k, e in enumerate(out):
            first, last = first_sent.get(e.id, -1), last_sent.get(e.id, -1)
            gap = 1 if first < sent.i <= last else sent.i - last
            if e.type in _VIOLENT and 0 < gap <= COUNT_WINDOW and (best is None or gap < best[1]):
                best = (k, gap)
        if best is None:
            continue
        k = best[0]
        e = out[k]
        name = "fatalities" if c.kind == "killed" else "injured"
        current = getattr(e, name)
        if current is None:
            out[k] = replace(e, **{name: c.value}, provenance=e.provenance + ((name, c.span),))
        elif current != c.value:
            clash = Contradiction(name, ((current, (count_source(e, name),)), (c.value, (f"{ctx.document.id}:{c.span.start}-{c.span.end}",))),
                                  "counts differ between sentences")
            out[k] = replace(e, **{name: min(current, c.value)}, contradictions=e.contradictions + (clash,))
    return out
