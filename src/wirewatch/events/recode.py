"""ACLED's codebook recodes some sub-event types by who acted on whom (`[[by_actor]]` of roles.toml).

    territory taken by state forces          -> Government regains territory
    territory taken by a non-state group     -> Non-state actor overtakes territory
    territory taken by a state's forces abroad -> Non-state actor overtakes territory
    an armed attack whose target is civilians -> Violence against civilians / Attack
    detentions by a non-state armed group    -> Abduction (civilians) or Armed clash (fighters)

Rules are data (`data/lang/<code>/roles.toml`): `from` subtype, optional `actor1_kind` and
`actor2_kind` lists (Actor.kind values; "none" when there is no such actor), optional `family` list
(trigger families: "clashes" between two parties stay a clash whoever was hit), optional
`actor1_abroad` (actor1 is a state's force acting outside its country), and the `to` subtype. The
first matching rule wins.
"""

from __future__ import annotations

from wirewatch.events.lexicon import Lexicon
from wirewatch.model import SUBTYPE_TO_TYPE

#: The `actor*_kind` value that matches an event without that actor.
NO_ACTOR = "none"

#: Actor kinds that are a state's own forces (their country says where "home" is).
STATE_KINDS = ("state-force",)


def acts_abroad(actor, event_country: str | None) -> bool:
    """True when `actor` (an Actor, or a name looked up in the actor knowledge base) is a state's
    force whose country differs from the event's country (Turkish forces in Syria)."""
    if actor is None or not event_country:
        return False
    if isinstance(actor, str):
        from wirewatch.events.context import actor_kb

        kb = actor_kb()
        actor = kb.match(actor) if kb is not None else None
        if actor is None:
            return False
    country = getattr(actor, "country", None)
    return getattr(actor, "kind", None) in STATE_KINDS and bool(country) and country != event_country


def _kind_matches(wanted: list[str], kind: str | None) -> bool:
    return (kind if kind is not None else NO_ACTOR) in wanted


def recode(subtype: str, etype: str, kind1: str | None, kind2: str | None, lex: Lexicon,
           family: str | None = None, abroad1: bool = False) -> tuple[str, str]:
    """The (subtype, type) after the `[[by_actor]]` rules, given the kinds of actor1 and actor2, the
    family of the trigger that made the event, and whether actor1 is a state's force abroad."""
    for rule in lex.roles.get("by_actor", []):
        if rule.get("from") != subtype:
            continue
        if "family" in rule and family not in rule["family"]:
            continue
        if "actor1_abroad" in rule and bool(rule["actor1_abroad"]) != abroad1:
            continue
        if "actor1_kind" in rule and not _kind_matches(rule["actor1_kind"], kind1):
            continue
        if "actor2_kind" in rule and not _kind_matches(rule["actor2_kind"], kind2):
            continue
        new = rule["to"]
        return new, SUBTYPE_TO_TYPE.get(new, "Violence against civilians" if new == "Attack" else etype)
    return subtype, etype
