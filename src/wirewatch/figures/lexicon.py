"""The figures lexicon of a language (`data/lang/<code>/figures.toml`) and nationality labels.

    figure_lexicon(lang) -> FigureLexicon | None
    demonym(iso) -> str
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wirewatch.events.context import country_name
from wirewatch.events.lexicon import TermSet, fold
from wirewatch.languages import lang_file

#: Longest "all-caps alias" used as a nationality label (US, UK, UAE read better than adjectives).
SHORT_ALIAS = 3
_COUNTRY_NAMES = Path(__file__).parent.parent / "data" / "places" / "country_names.tsv"


@dataclass(frozen=True, slots=True)
class Quantity:
    """One kind of figure of `figures.toml`."""

    name: str
    label: str
    nouns: TermSet
    weak: TermSet
    weak_min: int
    people: bool
    where: str
    target: str
    times_verbs: TermSet
    min_value: int


@dataclass(frozen=True, slots=True)
class FigureLexicon:
    """The parsed `figures.toml` of one language."""

    quantities: tuple[Quantity, ...]
    fillers: frozenset[str]
    followers: frozenset[str]
    level_words: TermSet
    times: frozenset[str]
    ordinal_re: re.Pattern
    locative: frozenset[str]
    qualifiers: dict[str, str]
    casualty: TermSet
    current: TermSet
    attribution_before: TermSet
    attribution_verbs: TermSet
    pronouns: frozenset[str]
    max_source_tokens: int
    partitive: TermSet
    subject_words: frozenset[str]
    since: frozenset[str]
    against: frozenset[str]
    change: TermSet
    metonyms: dict[str, str]
    contrast: TermSet


def _words(items) -> frozenset[str]:
    return frozenset(fold(w) for w in items)


def key(tok) -> str:
    """A token as the lexicon compares it: accent-folded, lower-cased."""
    return fold(tok.text)


@cache
def figure_lexicon(lang: str) -> FigureLexicon | None:
    """The figures lexicon of a language, or None when the language has no figures.toml."""
    path = lang_file(lang, "figures.toml")
    if not path.exists():
        return None
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    qs = tuple(
        Quantity(q["name"], q.get("label", q["name"]), TermSet.of(q.get("nouns", [])),
                 TermSet.of(q.get("weak_nouns", [])), int(q.get("weak_min", 0)), bool(q.get("people", False)),
                 q.get("where", "country"), q.get("target", ""), TermSet.of(q.get("times_verbs", [])),
                 int(q.get("min_value", 0)))
        for q in data.get("quantity", []))
    suffixes = "|".join(re.escape(s) for s in sorted(data.get("ordinal_suffixes", []), key=len, reverse=True))
    ordinal = re.compile(rf"(?<![\w.,])(\d{{1,4}})\s?(?:{suffixes})(?!\w)" if suffixes else r"(?!x)x")
    return FigureLexicon(
        qs, _words(data.get("fillers", [])), _words(data.get("followers", [])),
        TermSet.of(data.get("level_words", [])), _words(data.get("times", [])), ordinal,
        _words(data.get("locative", [])), {fold(k): v for k, v in data.get("qualifiers", {}).items()},
        TermSet.of(data.get("casualty_cues", [])), TermSet.of(data.get("current", [])),
        TermSet.of(data.get("attribution_before", [])), TermSet.of(data.get("attribution_verbs", [])),
        _words(data.get("pronouns", [])), int(data.get("max_source_tokens", 8)),
        TermSet.of(data.get("partitive", [])), _words(data.get("subject_words", [])),
        _words(data.get("since", [])), _words(data.get("against", [])), TermSet.of(data.get("change", [])),
        {fold(k): v for k, v in data.get("metonyms", {}).items()}, TermSet.of(data.get("contrast", [])))


@cache
def demonym(iso: str) -> str:
    """English nationality label of a country: a short all-caps alias (US, UK) or its first
    adjective (Iraqi), else its name."""
    if _COUNTRY_NAMES.exists():
        for line in _COUNTRY_NAMES.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 5 or cols[0] != iso:
                continue
            short = [a for a in cols[4].split("|") + cols[3].split("|")
                     if a.isupper() and a.isalpha() and len(a) <= SHORT_ALIAS]
            if short:
                return short[0]
            if cols[4]:
                return cols[4].split("|")[0]
    return country_name(iso) or iso
