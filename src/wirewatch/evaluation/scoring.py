"""Score predicted documents against gold documents with the matching rule of EVENT_SCHEMA.md.

    predicted docs + gold docs -> candidate pairs (same document, type agrees, dates and places
    compatible) -> greedy one-to-one matching, closest first -> event P/R/F1, field accuracies over
    matched pairs (all / news / background), B-cubed F1 of `cluster` over matched events; figures
    are scored by `figures.score_figures` when the gold has them.

Both sides are plain dicts in the `Extraction.to_dict()` / EVENT_SCHEMA.md shape, so any system's
output can be scored. Decisions the schema leaves open are documented in `compare.py` (a null date
matches only a null date; places with no comparable level match only when neither names a place).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wirewatch.evaluation import compare
from wirewatch.evaluation.compare import Knowledge
from wirewatch.evaluation.gold import GoldDoc, alternatives

if TYPE_CHECKING:
    from wirewatch.evaluation.figures import FigureReport

#: Fields whose accuracy is reported over matched pairs, in report order.
FIELDS = ("subtype", "date", "place", "actor1", "actor2", "fatalities", "injured", "background")
#: Splits of the field accuracies: every matched pair, or by the gold `background` flag.
SPLITS = ("all", "news", "background")

# Tie-breaking weights of the greedy matching: date gap (days) and place distance (in units of the
# 50 km radius) dominate; a disagreeing subtype or actor only decides between equally close pairs.
SUBTYPE_MISMATCH_COST = 0.5
ACTOR_MISMATCH_COST = 0.25
TYPE_VIA_ALT_COST = 0.25


@dataclass(frozen=True, slots=True)
class Ratio:
    """`correct` out of `total`; `value` is None when there is nothing to count."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict:
        v = self.value
        return {"correct": self.correct, "total": self.total, "value": None if v is None else round(v, 4)}


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 from counts."""

    tp_pred: int  # matched predicted events
    n_pred: int
    tp_gold: int  # matched gold events
    n_gold: int

    @property
    def precision(self) -> float | None:
        return self.tp_pred / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        return self.tp_gold / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        def rnd(v):
            return None if v is None else round(v, 4)

        return {"precision": rnd(self.precision), "recall": rnd(self.recall), "f1": rnd(self.f1),
                "n_pred": self.n_pred, "n_gold": self.n_gold, "matched": self.tp_gold}


@dataclass(frozen=True, slots=True)
class Match:
    """One matched pair: document, indices of the events in their lists, and per-field verdicts."""

    doc_id: str
    pred_index: int
    gold_index: int
    cost: float
    background: bool  # the gold flag
    correct: tuple[tuple[str, bool], ...]

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "pred": self.pred_index, "gold": self.gold_index,
                "cost": round(self.cost, 3), "background": self.background, "correct": dict(self.correct)}


@dataclass(frozen=True, slots=True)
class Report:
    """Everything `score` measured; `metrics()` flattens it for floors and JSON."""

    events: dict[str, PRF]  # by split
    fields: dict[str, dict[str, Ratio]]  # split -> field -> accuracy
    cluster: tuple[float | None, float | None, float | None]  # B-cubed precision, recall, F1
    matches: tuple[Match, ...] = ()
    unmatched_gold: tuple[tuple[str, int], ...] = ()
    unmatched_pred: tuple[tuple[str, int], ...] = ()
    n_docs: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
    figures: FigureReport | None = None  # None when the gold has no `figures` at all

    def metrics(self) -> dict[str, float | None]:
        """Flat names -> values: `precision`, `recall`, `f1`, `subtype`, ..., `news.recall`, `cluster_f1`."""
        out: dict[str, float | None] = {}
        for split in SPLITS:
            prefix = "" if split == "all" else f"{split}."
            prf = self.events[split]
            out[f"{prefix}precision"], out[f"{prefix}recall"], out[f"{prefix}f1"] = (
                prf.precision, prf.recall, prf.f1)
            for name in FIELDS:
                out[f"{prefix}{name}"] = self.fields[split][name].value
        out["cluster_precision"], out["cluster_recall"], out["cluster_f1"] = self.cluster
        if self.figures is not None:
            out.update(self.figures.metrics())
        return out

    def to_dict(self, *, details: bool = False) -> dict:
        """JSON-ready: metrics, counts per split and field, and (when asked) the pairs."""
        out = {
            "n_docs": self.n_docs,
            "metrics": {k: None if v is None else round(v, 4) for k, v in self.metrics().items()},
            "events": {s: prf.to_dict() for s, prf in self.events.items()},
            "fields": {s: {f: r.to_dict() for f, r in fs.items()} for s, fs in self.fields.items()},
            "notes": list(self.notes),
        }
        if self.figures is not None:
            out["figures"] = self.figures.to_dict()
        if details:
            out["matches"] = [m.to_dict() for m in self.matches]
            out["unmatched_gold"] = [list(x) for x in self.unmatched_gold]
            out["unmatched_pred"] = [list(x) for x in self.unmatched_pred]
        return out


def _as_dict(doc) -> dict:
    return doc.to_dict() if isinstance(doc, GoldDoc) else doc


def pair_cost(pred: dict, gold: dict, kb: Knowledge, where_p, where_g) -> float | None:
    """Cost of matching two events of one document, None when the matching rule forbids it."""
    if pred.get("type") not in alternatives(gold, "type"):
        return None
    days = compare.best_date_gap(pred, gold)
    if days is None:
        return None
    geo = compare.place_cost(where_p, where_g)
    if geo is None:
        return None
    cost = days + geo
    if pred.get("type") != gold.get("type"):
        cost += TYPE_VIA_ALT_COST
    if not compare.value_in(pred, gold, "subtype"):
        cost += SUBTYPE_MISMATCH_COST
    if not compare.actor_equal(pred, gold, "actor1", kb):
        cost += ACTOR_MISMATCH_COST
    return cost


def field_verdicts(pred: dict, gold: dict, kb: Knowledge, where_p, where_g) -> dict[str, bool]:
    """Per-field correctness of one matched pair (gold `_alt` values accepted)."""
    return {
        "subtype": compare.value_in(pred, gold, "subtype"),
        "date": compare.date_exact(pred, gold),
        "place": compare.place_correct(where_p, where_g),
        "actor1": compare.actor_equal(pred, gold, "actor1", kb),
        "actor2": compare.actor_equal(pred, gold, "actor2", kb),
        "fatalities": compare.value_in(pred, gold, "fatalities"),
        "injured": compare.value_in(pred, gold, "injured"),
        "background": bool(pred.get("background")) == bool(gold.get("background")),
    }


def match_document(doc_id: str, preds: list[dict], golds: list[dict], kb: Knowledge) -> list[Match]:
    """Greedy one-to-one matching of one document's events, closest pair first."""
    wp = [compare.locate(p, kb) for p in preds]
    wg = [compare.locate(g, kb) for g in golds]
    candidates = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            cost = pair_cost(p, g, kb, wp[i], wg[j])
            if cost is not None:
                candidates.append((cost, i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    matches = []
    for cost, i, j in candidates:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        verdicts = field_verdicts(preds[i], golds[j], kb, wp[i], wg[j])
        matches.append(Match(doc_id, i, j, cost, bool(golds[j].get("background")), tuple(verdicts.items())))
    return matches


def bcubed(pairs: Sequence[tuple[str, str]]) -> tuple[float | None, float | None, float | None]:
    """B-cubed precision, recall, F1 of (predicted cluster, gold cluster) labels, one pair per item."""
    if not pairs:
        return None, None, None
    by_pred: dict[str, list[int]] = defaultdict(list)
    by_gold: dict[str, list[int]] = defaultdict(list)
    for k, (pl, gl) in enumerate(pairs):
        by_pred[pl].append(k)
        by_gold[gl].append(k)
    precision = recall = 0.0
    for pl, gl in pairs:
        same_both = sum(1 for k in by_pred[pl] if pairs[k][1] == gl)
        precision += same_both / len(by_pred[pl])
        recall += same_both / len(by_gold[gl])
    precision /= len(pairs)
    recall /= len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(predicted: Sequence[dict], gold: Sequence[dict | GoldDoc], *, knowledge: Knowledge | None = None,
          ) -> Report:
    """Score predicted documents against gold ones (EVENT_SCHEMA.md rule).

    Only documents present in the gold are scored; a gold document with no prediction counts all
    its events as missed. `knowledge` defaults to the project's gazetteer and actor base.
    """
    kb = knowledge if knowledge is not None else Knowledge.default()
    notes = []
    if kb.gazetteer is None:
        notes.append("gazetteer unavailable: places compared by admin1/country names only")
    pred_by_id = {str(d.get("id")): d for d in predicted}
    gold_docs = [_as_dict(d) for d in gold]
    missing = [d["id"] for d in gold_docs if d["id"] not in pred_by_id]
    if missing:
        notes.append(f"{len(missing)} gold documents have no prediction")

    counts = {s: [0, 0, 0, 0] for s in SPLITS}  # tp_pred, n_pred, tp_gold, n_gold
    fields = {s: {f: [0, 0] for f in FIELDS} for s in SPLITS}
    all_matches: list[Match] = []
    unmatched_gold, unmatched_pred = [], []
    cluster_pairs: list[tuple[str, str]] = []
    for gdoc in gold_docs:
        doc_id = str(gdoc["id"])
        golds = list(gdoc.get("events") or [])
        preds = list((pred_by_id.get(doc_id) or {}).get("events") or [])
        matches = match_document(doc_id, preds, golds, kb)
        all_matches.extend(matches)
        matched_p = {m.pred_index for m in matches}
        matched_g = {m.gold_index for m in matches}
        for j, g in enumerate(golds):
            split = "background" if g.get("background") else "news"
            for s in ("all", split):
                counts[s][3] += 1
                counts[s][2] += j in matched_g
            if j not in matched_g:
                unmatched_gold.append((doc_id, j))
        for i, p in enumerate(preds):
            split = "background" if p.get("background") else "news"
            for s in ("all", split):
                counts[s][1] += 1
                counts[s][0] += i in matched_p
            if i not in matched_p:
                unmatched_pred.append((doc_id, i))
        for m in matches:
            split = "background" if m.background else "news"
            for name, ok in m.correct:
                for s in ("all", split):
                    fields[s][name][0] += ok
                    fields[s][name][1] += 1
            p_cluster = preds[m.pred_index].get("cluster") or f"pred:{doc_id}:{m.pred_index}"
            g_cluster = golds[m.gold_index].get("cluster") or f"gold:{doc_id}:{m.gold_index}"
            cluster_pairs.append((f"p:{p_cluster}", f"g:{g_cluster}"))

    from wirewatch.evaluation.figures import score_figures  # figures.py builds on PRF/Ratio above

    has_figures = any("figures" in d for d in gold_docs)
    return Report(
        figures=score_figures(predicted, gold_docs) if has_figures else None,
        events={s: PRF(*c) for s, c in counts.items()},
        fields={s: {f: Ratio(*v) for f, v in fs.items()} for s, fs in fields.items()},
        cluster=bcubed(cluster_pairs),
        matches=tuple(all_matches),
        unmatched_gold=tuple(unmatched_gold),
        unmatched_pred=tuple(unmatched_pred),
        n_docs=len(gold_docs),
        notes=tuple(notes),
    )
