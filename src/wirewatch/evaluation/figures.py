"""Score predicted figures against gold figures (EVENT_SCHEMA.md FIGURE).

    predicted figures + gold figures of the same document -> pairs with the same `quantity` and
    `value` -> greedy one-to-one matching (text order) -> figure P/R/F1, and over matched pairs the
    accuracy of `as_of` (same ISO string, both null counts as agreeing) and `attributed_to`.

The schema gives no matching rule for figures; this one is the strictest that is still fair to
wording: a figure is the number a text asserts for a kind of count, so a pair must agree on both,
while `about` is free text (gold "US troops in Iraq" vs an extracted "troupes américaines en Irak")
and is not compared. `attributed_to` agrees when both are null, or when both are set and share a
content word after folding ("Pentagon spokesman John Kirby" vs "John Kirby"): gold names sources
loosely, so anything stricter would score the annotator's wording, not the extraction.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from wirewatch.evaluation.scoring import PRF, Ratio

#: Words that carry no name in an attribution ("the leader of X", "selon un responsable").
ATTRIBUTION_STOP = frozenset({
    "the", "a", "an", "of", "and", "de", "du", "des", "la", "le", "les", "l", "d", "et", "al", "el",
    "spokesman", "spokeswoman", "spokesperson", "porte", "parole", "official", "officials",
    "responsable", "responsables", "leader", "chef", "source", "sources", "selon", "according", "to",
})


@dataclass(frozen=True, slots=True)
class FigureReport:
    """Figure P/R/F1 and the accuracy of `as_of` and `attributed_to` over matched pairs."""

    figures: PRF
    as_of: Ratio
    attributed_to: Ratio

    def metrics(self) -> dict[str, float | None]:
        return {"figures.precision": self.figures.precision, "figures.recall": self.figures.recall,
                "figures.f1": self.figures.f1, "figures.as_of": self.as_of.value,
                "figures.attributed_to": self.attributed_to.value}

    def to_dict(self) -> dict:
        return {"figures": self.figures.to_dict(), "as_of": self.as_of.to_dict(),
                "attributed_to": self.attributed_to.to_dict()}


def _words(name: str | None) -> set[str]:
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return {w for w in re.split(r"[^a-z0-9]+", text) if len(w) > 1 and w not in ATTRIBUTION_STOP}


def attribution_agrees(pred: str | None, gold: str | None) -> bool:
    """Both unset, or both set and sharing a content word (module doc)."""
    if not pred or not gold:
        return not pred and not gold
    return bool(_words(pred) & _words(gold))


def _key(figure: dict) -> tuple[str, int] | None:
    try:
        return str(figure.get("quantity") or "").lower(), int(figure.get("value"))
    except (TypeError, ValueError):
        return None


def match_figures(preds: Sequence[dict], golds: Sequence[dict]) -> list[tuple[int, int]]:
    """(pred index, gold index) pairs with equal quantity and value, one-to-one, in text order."""
    used: set[int] = set()
    pairs = []
    for j, g in enumerate(golds):
        key = _key(g)
        if key is None:
            continue
        for i, p in enumerate(preds):
            if i not in used and _key(p) == key:
                used.add(i)
                pairs.append((i, j))
                break
    return pairs


def score_figures(predicted: Sequence[dict], gold: Sequence[dict]) -> FigureReport:
    """Score the `figures` of predicted documents against those of the gold documents (same ids);
    documents without a prediction count their gold figures as missed."""
    pred_by_id = {str(d.get("id")): d for d in predicted}
    tp = n_pred = n_gold = 0
    as_of = [0, 0]
    attributed = [0, 0]
    for gdoc in gold:
        golds = list(gdoc.get("figures") or [])
        preds = list((pred_by_id.get(str(gdoc.get("id"))) or {}).get("figures") or [])
        pairs = match_figures(preds, golds)
        tp += len(pairs)
        n_pred += len(preds)
        n_gold += len(golds)
        for i, j in pairs:
            as_of[0] += (preds[i].get("as_of") or None) == (golds[j].get("as_of") or None)
            as_of[1] += 1
            attributed[0] += attribution_agrees(preds[i].get("attributed_to"), golds[j].get("attributed_to"))
            attributed[1] += 1
    return FigureReport(PRF(tp, n_pred, tp, n_gold), Ratio(*as_of), Ratio(*attributed))
