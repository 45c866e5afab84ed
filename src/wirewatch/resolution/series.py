"""Figure series: numeric claims grouped by what they measure, in time order, with who said what.

    figure_series(figures) -> [Series]   e.g. US troops in Iraq: 5,200 -> 3,000 -> 2,500

Two figures are in one series when their `quantity` is the same and their `about` normalises to
the same key: accents and case folded, phrases and words mapped to canonical tokens by the
`data/lang/*/series.toml` files (all languages at once, so "troupes américaines en Irak" and "US
troops in Iraq" meet), stopwords dropped, the remaining tokens as a sorted set. Everything else is
kept as said: each point has its value, date, document, attribution and evidence.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from wirewatch.knowledge.normalise import strip_accents
from wirewatch.languages import LANG_DIR
from wirewatch.model import Figure, PartialDate

__all__ = ["Series", "SeriesPoint", "about_key", "figure_series"]

_WORD = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*\.?")


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One figure of a series."""

    value: int
    as_of: PartialDate | None
    doc_id: str
    figure_id: str
    about: str
    attributed_to: str | None
    evidence: str

    def to_dict(self) -> dict:
        return {
            "value": self.value,
            "as_of": self.as_of.iso() if self.as_of else None,
            "doc_id": self.doc_id,
            "figure_id": self.figure_id,
            "about": self.about,
            "attributed_to": self.attributed_to,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class Series:
    """Figures measuring one thing (`quantity` + normalised `about`), dated ones first in time order."""

    key: str
    quantity: str
    about: str  # the most used wording
    points: tuple[SeriesPoint, ...]

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(p.value for p in self.points)

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "quantity": self.quantity,
            "about": self.about,
            "points": [p.to_dict() for p in self.points],
        }


def _fold(text: str) -> str:
    return strip_accents(text).lower().replace("\u2019", "'")


@cache
def _lexicon() -> tuple[tuple[tuple[str, str], ...], dict[str, str], frozenset[str]]:
    """(phrases longest first, word synonyms, stopwords) merged from every language's series.toml."""
    words: dict[str, str] = {}
    phrases: dict[str, str] = {}
    stop: set[str] = set()
    for path in sorted(LANG_DIR.glob("*/series.toml")):
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
        stop.update(_fold(w) for w in raw.get("stopwords", ()))
        for key, token in raw.get("synonyms", {}).items():
            key = _fold(key)
            (phrases if (" " in key or "-" in key or "." in key) else words)[key] = token
    ordered = tuple(sorted(phrases.items(), key=lambda kv: -len(kv[0])))
    return ordered, words, frozenset(stop)


def about_key(quantity: str, about: str) -> str:
    """The grouping key of a figure: quantity and the sorted canonical tokens of `about`."""
    phrases, words, stop = _lexicon()
    text = f" {_fold(about)} "
    for phrase, token in phrases:
        text = re.sub(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", f" {token} ", text)
    tokens = set()
    for raw in _WORD.findall(text.replace("'", " ")):
        word = raw.rstrip(".")
        word = words.get(word, words.get(raw, word))
        if word and word not in stop:
            tokens.add(word)
    return f"{quantity.lower()}:{' '.join(sorted(tokens))}"


def _time(p: SeriesPoint) -> tuple:
    if p.as_of is None:
        return (1, 0, 0, p.doc_id, p.figure_id)
    return (0, p.as_of.first_day().toordinal(), p.as_of.last_day().toordinal(), p.doc_id, p.figure_id)


def figure_series(figures: Iterable[Figure]) -> list[Series]:
    """Group figures into series (see the module docstring); series sorted by quantity, then by
    number of points (largest first), then key. Undated points come last in their series."""
    groups: dict[str, list[Figure]] = {}
    for f in figures:
        groups.setdefault(about_key(f.quantity, f.about), []).append(f)
    out = []
    for key, figs in groups.items():
        points = tuple(
            sorted(
                (
                    SeriesPoint(f.value, f.as_of, f.doc_id, f.id, f.about, f.attributed_to, f.evidence)
                    for f in figs
                ),
                key=_time,
            )
        )
        wording = Counter(f.about for f in figs)
        about = min(wording, key=lambda a: (-wording[a], a))
        out.append(Series(key=key, quantity=figs[0].quantity.lower(), about=about, points=points))
    return sorted(out, key=lambda s: (s.quantity, -len(s.points), s.key))
