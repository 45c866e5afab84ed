"""Necessary strings of a date template: a cheap test that lets find_dates skip templates that cannot
match a text.

    required_strings(regex) -> tuple[str, ...]   ("" tuple: no useful gate, always run the template)

A template can match a text only if the text contains (case folded) one of its required strings: a
run of literal text every match must contain ("semaine" in "la semaine dernière", one of the unit
words in "il y a {n} {unit}"). Checking `s in text.lower()` for a handful of strings is far cheaper
than scanning the text with the template, and most templates (weeks, seasons, "il y a", "hier")
have nothing to find in most articles. The gate only ever skips a template that could not match.
"""

from __future__ import annotations

import re
from itertools import product
from re import _constants as sc  # noqa: PLC2701 - the regex parse tree is stable across 3.11-3.13
from re import _parser as sp  # noqa: PLC2701

#: Required strings shorter than this ("en", "20") are in nearly every article: no gain in a gate.
MIN_GATE_LENGTH = 3
#: Above this many alternative strings a literal segment is not expanded (the cross product of a
#: weekday, a month and a day suffix is already in the hundreds); the gate then uses another part.
MAX_STRINGS = 400

_ZERO_WIDTH = {sc.AT, sc.ASSERT, sc.ASSERT_NOT}


def _cross(a: set[str], b: set[str]) -> set[str] | None:
    if len(a) * len(b) > MAX_STRINGS:
        return None
    return {x + y for x, y in product(a, b)}


def _finite(item) -> set[str] | None:
    """Every string one parse item can match, when they are few and known (else None)."""
    op, av = item
    if op is sc.LITERAL:
        return {chr(av)}
    if op in _ZERO_WIDTH:
        return {""}
    if op is sc.IN:
        if all(o is sc.LITERAL for o, _ in av):
            return {chr(v) for _, v in av}
        return None
    if op is sc.SUBPATTERN:
        return _finite_seq(av[-1])
    if op is sc.BRANCH:
        out = _union(av[1], _finite_seq)
        return out if out is not None and len(out) <= MAX_STRINGS else None
    if op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
        lo, hi, body = av
        if hi == 1:
            s = _finite_seq(body)
            return None if s is None else (s | {""} if lo == 0 else s)
    return None


def _union(alternatives, strings) -> set[str] | None:
    """The strings of every alternative of a branch (`strings` gives an alternative's set), or None
    as soon as one alternative has none."""
    out: set[str] = set()
    for alt in alternatives:
        s = strings(alt)
        if s is None:
            return None
        out |= s
    return out


def _finite_seq(items) -> set[str] | None:
    out = {""}
    for item in items:
        s = _finite(item)
        if s is None:
            return None
        out = _cross(out, s)
        if out is None:
            return None
    return out


def _required_item(item) -> set[str] | None:
    """A set of strings one of which every match of a (non-finite) item contains, or None."""
    op, av = item
    if op is sc.SUBPATTERN:
        return _required(av[-1])
    if op is sc.BRANCH:
        return _union(av[1], _required)
    if op in (sc.MAX_REPEAT, sc.MIN_REPEAT) and av[0] >= 1:
        return _required(av[2])
    return None


def _useful(s: set[str] | None) -> bool:
    return bool(s) and min(len(x) for x in s) >= MIN_GATE_LENGTH


def _required(items) -> set[str] | None:
    """The best (longest shortest string) set of strings one of which every match contains."""
    candidates: list[set[str]] = []
    segment: set[str] = {""}
    for item in items:
        s = _finite(item)
        joined = _cross(segment, s) if s is not None else None
        if joined is not None:
            segment = joined
            continue
        candidates.append(segment)  # the literal run so far is required as a whole
        segment = s if s is not None else {""}
        if s is None:
            candidates.append(_required_item(item) or set())
    candidates.append(segment)
    useful = [c for c in candidates if _useful(c)]
    return max(useful, key=lambda c: (min(len(x) for x in c), -len(c)), default=None)


def required_strings(regex: re.Pattern) -> tuple[str, ...]:
    """Lower-cased strings one of which every match of `regex` contains; () when none is useful."""
    try:
        tree = sp.parse(regex.pattern, regex.flags)
    except (re.error, AttributeError, TypeError):  # a parser change: run the template on every text
        return ()
    found = _required(list(tree))
    return tuple(sorted({s.lower() for s in found})) if found else ()
