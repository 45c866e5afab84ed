"""ACLED's codebook recodes some sub-event types by who acted on whom (`[[by_actor]]` of roles.toml).

    territory taken by state forces          -> Government regains territory
    territory taken by a non-state group     -> Non-state actor overtakes territory
    an armed attack whose target is civilians -> Violence against civilians / Attack

Rules are data (`data/lang/<code>/roles.toml`): `from` subtype, optional `actor1_kind` and
`actor2_kind` lists (Actor.kind values), optional `family` list (trigger families: "clashes" between
two parties stay a clash whoever was hit), and the `to` subtype. The first matching rule wins.
"""

from __future__ import annotations

from wirewatch.events.lexicon import Lexicon
from wirewatch.model import SUBTYPE_TO_TYPE


def recode(subtype: str, etype: str, kind1: str | None, kind2: str | None, lex: Lexicon,
           family: str | None = None) -> tuple[str, str]:
    """The (subtype, type) after the `[[by_actor]]` rules, given the kinds of actor1 and actor2 and
    the family of the trigger that made the event."""
    for rule in lex.roles.get("by_actor", []):
        if rule.get("from") != subtype:
            continue
        if "family" in rule and family not in rule["family"]:
            continue
        if "actor1_kind" in rule and kind1 not in rule["actor1_kind"]:
            continue
        if "actor2_kind" in rule and kind2 not in rule["actor2_kind"]:
            continue
        new = rule["to"]
        return new, SUBTYPE_TO_TYPE.get(new, "Violence against civilians" if new == "Attack" else etype)
    return subtype, etype
