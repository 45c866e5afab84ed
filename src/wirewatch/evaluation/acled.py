"""ACLED rows as gold: one document per row (the analyst's `notes`), one event (ACLED's coding).

ACLED data are used only to evaluate (ACLED terms of use): nothing here is fitted on them, and no
row is stored in the repository. Scoring decisions for ACLED's conventions:

- Every row is one event; the pipeline's best-matching predicted event for the row is scored (the
  notes describe one event). "Best" = lowest cost over type, subtype, date gap and distance.
- `recall`: the best event matches ACLED's under the EVENT_SCHEMA.md rule (type, date, place).
- Field accuracies are over ALL rows: a row with no predicted event is wrong on every field
  (`coverage` says how many rows got any event; `*_given_event` divides by those rows only).
- Fatalities: ACLED codes "unknown" as 0, wirewatch leaves an unstated count null. A predicted null
  therefore counts as exact when ACLED says 0; any stated number must equal ACLED's.
- Location: the predicted point (given, or the gazetteer's for the predicted place) within 25 km of
  ACLED's coordinates. A prediction placed at a first-level division is compared by the point it
  carries, the division's capital, where ACLED puts events it locates only by their governorate
  (geo-precision 3); a prediction with only a country has no point and fails.
"""

from __future__ import annotations

import csv
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from wirewatch.errors import EvaluationError
from wirewatch.evaluation import compare
from wirewatch.evaluation.compare import Knowledge
from wirewatch.evaluation.gold import GoldDoc
from wirewatch.languages import DATA_DIR
from wirewatch.model import SUBTYPE_TO_TYPE

# ACLED appends the source's size to notes: "... [size=no report]", "[size=around 50]".
_SIZE_TAG = re.compile(r"\s*\[size=[^\]]*\]")
#: Columns an ACLED export must have to be scored.
REQUIRED_COLUMNS = ("event_type", "sub_event_type", "actor1", "notes", "event_date_iso", "country")
#: Label of rows for which the pipeline produced no event (in the confusion table and weighted F1).
NO_EVENT = "(no event)"
#: "Location within 25 km" (issue 4).
PLACE_KM = 25.0

# Weights choosing the best predicted event of a row: type and subtype dominate, then the date gap
# (days, capped) and distance (in units of 25 km, capped), so a wrong-type event is picked last.
_TYPE_COST, _SUBTYPE_COST, _GAP_CAP = 4.0, 2.0, 3.0


@cache
def _country_codes() -> dict[str, str]:
    """Country name (English, French, other names, ACLED spelling) -> ISO alpha-2, from data files."""
    codes: dict[str, str] = {}
    # (file, columns holding names): Natural Earth names, then the ACLED-spelling country table
    for name, cols in (("places/ne_countries.tsv", (1, 2, 5)), ("acled_countries.tsv", (2,))):
        path = DATA_DIR / name
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            fields = line.split("\t")
            for c in cols:
                for alias in fields[c].split("|") if c < len(fields) else ():
                    if alias:
                        codes.setdefault(compare.fold(alias), fields[0])
    return codes


def country_code(name: str) -> str | None:
    """ISO alpha-2 of an ACLED country name, or None when unknown."""
    return _country_codes().get(compare.fold(name))


def clean_notes(notes: str) -> str:
    """ACLED notes without the `[size=...]` tags."""
    return _SIZE_TAG.sub("", notes or "").strip()


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def row_to_gold(row: dict, n: int) -> GoldDoc:
    """One ACLED row as a gold document with one event (ACLED's own coding)."""
    sub = row.get("sub_event_type") or None
    if row.get("event_type") not in {t for t in SUBTYPE_TO_TYPE.values()}:
        raise EvaluationError(f"ACLED row {n}: unknown event_type {row.get('event_type')!r}")
    lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
    event = {
        "type": row["event_type"],
        "subtype": sub if sub in SUBTYPE_TO_TYPE else None,
        "date": row.get("event_date_iso") or None,
        "place": row.get("location") or None,
        "admin1": row.get("admin1") or None,
        "country": country_code(row.get("country", "")),
        "actor1": row.get("actor1") or None,
        "actor2": row.get("actor2") or None,
        "fatalities": int(float(row["fatalities"])) if row.get("fatalities") not in (None, "") else None,
        "background": False,
    }
    if lat is not None and lon is not None:
        event["lat"], event["lon"] = lat, lon
    doc_id = row.get("event_id_cnty") or f"acled-row-{n}"
    return GoldDoc(id=f"{doc_id}#{n}", lang="en", published=row.get("event_date_iso") or None,
                   events=(event,), text=clean_notes(row.get("notes", "")), source=f"acled:{n}")


def load_acled(path: str | Path, *, limit: int | None = None, seed: int = 1) -> list[GoldDoc]:
    """Read an ACLED CSV as gold documents; `limit` draws a reproducible random sample of rows."""
    path = Path(path)
    if not path.is_file():
        raise EvaluationError(f"ACLED file not found: {path}")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise EvaluationError(f"{path}: not an ACLED export, missing columns {missing}")
        rows = list(reader)
    indexed = list(enumerate(rows, 2))  # line numbers (header is line 1)
    if limit is not None and limit < len(indexed):
        indexed = sorted(random.Random(seed).sample(indexed, limit))
    return [row_to_gold(row, n) for n, row in indexed if (row.get("notes") or "").strip()]


# --- scoring ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowVerdict:
    """How the pipeline did on one ACLED row."""

    doc_id: str
    gold_subtype: str | None
    pred_subtype: str | None  # None when no event was predicted
    matched: bool
    correct: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AcledReport:
    """Row-level scores against ACLED's coding (see the module docstring for the conventions)."""

    rows: tuple[RowVerdict, ...]

    @property
    def n(self) -> int:
        return len(self.rows)

    def metrics(self) -> dict[str, float | None]:
        """`recall`, `coverage`, field accuracies over all rows and over rows with an event, weighted F1."""
        if not self.rows:
            return {}
        covered = [r for r in self.rows if r.pred_subtype is not None]
        out: dict[str, float | None] = {
            "recall": sum(r.matched for r in self.rows) / self.n,
            "coverage": len(covered) / self.n,
        }
        for name in ACLED_FIELDS:
            ok = sum(r.correct.get(name, False) for r in self.rows)
            out[name] = ok / self.n
            out[f"{name}_given_event"] = ok / len(covered) if covered else None
        out["subtype_weighted_f1"] = weighted_f1([(r.gold_subtype, r.pred_subtype or NO_EVENT) for r in self.rows])
        return out

    def confusion(self) -> Counter:
        """(gold subtype, predicted subtype or '(no event)') -> number of rows."""
        return Counter((r.gold_subtype, r.pred_subtype or NO_EVENT) for r in self.rows)

    def to_dict(self, *, details: bool = False) -> dict:
        out = {
            "n_rows": self.n,
            "metrics": {k: None if v is None else round(v, 4) for k, v in self.metrics().items()},
            "confusion": [{"gold": g, "predicted": p, "count": c} for (g, p), c in self.confusion().most_common()],
        }
        if details:
            out["rows"] = [{"id": r.doc_id, "gold": r.gold_subtype, "predicted": r.pred_subtype,
                            "matched": r.matched, "correct": r.correct} for r in self.rows]
        return out


#: Fields reported per row, in report order.
ACLED_FIELDS = ("type", "subtype", "actor1", "location_25km", "date", "fatalities")


def weighted_f1(pairs: Sequence[tuple[str | None, str]]) -> float | None:
    """F1 per gold label, averaged with the labels' support as weights (scikit-learn's 'weighted')."""
    if not pairs:
        return None
    support = Counter(g for g, _ in pairs)
    predicted = Counter(p for _, p in pairs)
    hits = Counter(g for g, p in pairs if g == p)
    total = 0.0
    for label, n in support.items():
        prec = hits[label] / predicted[label] if predicted[label] else 0.0
        rec = hits[label] / n
        total += n * (2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return total / len(pairs)


def _row_cost(pred: dict, gold: dict, kb: Knowledge, wp, wg) -> float:
    cost = 0.0 if pred.get("type") == gold.get("type") else _TYPE_COST
    cost += 0.0 if pred.get("subtype") == gold.get("subtype") else _SUBTYPE_COST
    gap = compare.date_gap(pred.get("date"), gold.get("date"))
    cost += _GAP_CAP if gap is None else min(gap, _GAP_CAP)
    if wp.has_point and wg.has_point:
        cost += min(compare.haversine_km(wp.lat, wp.lon, wg.lat, wg.lon) / compare.PLACE_CORRECT_KM, _GAP_CAP)
    else:
        cost += _GAP_CAP / 2
    return cost


def _point_near(pred: dict, wp, wg) -> bool:
    """The predicted point is within 25 km of ACLED's. An event placed at a first-level division
    carries its capital's coordinates (ACLED's geo-precision 3 convention, events.seats.admin1_seat),
    which is where ACLED puts such events, so that point is compared too; a country has none."""
    lat, lon = (wp.lat, wp.lon) if wp.has_point else (None, None)
    if lat is None and pred.get("geo_precision") == "admin1":
        lat, lon = pred.get("lat"), pred.get("lon")
    if lat is None or lon is None or not wg.has_point:
        return False
    return compare.haversine_km(lat, lon, wg.lat, wg.lon) <= PLACE_KM


def score_row(doc_id: str, preds: Sequence[dict], gold: dict, kb: Knowledge) -> RowVerdict:
    """Pick the best predicted event of one row and judge each field against ACLED's coding."""
    if not preds:
        return RowVerdict(doc_id, gold.get("subtype"), None, False, {})
    wg = compare.locate(gold, kb)
    located = [(p, compare.locate(p, kb)) for p in preds]
    pred, wp = min(located, key=lambda pw: _row_cost(pw[0], gold, kb, pw[1], wg))
    matched = (
        pred.get("type") == gold.get("type")
        and compare.date_gap(pred.get("date"), gold.get("date")) is not None
        and compare.place_cost(wp, wg) is not None
    )
    near = _point_near(pred, wp, wg)
    fat = pred.get("fatalities")
    correct = {
        "type": pred.get("type") == gold.get("type"),
        "subtype": pred.get("subtype") == gold.get("subtype"),
        "actor1": compare.actor_equal(pred, gold, "actor1", kb),
        "location_25km": bool(near),
        "date": pred.get("date") == gold.get("date"),
        "fatalities": fat == gold.get("fatalities") or (fat is None and gold.get("fatalities") == 0),
    }
    return RowVerdict(doc_id, gold.get("subtype"), pred.get("subtype") or "(no subtype)", matched, correct)


def score_acled(predicted: Sequence[dict], gold: Sequence[GoldDoc], *, knowledge: Knowledge | None = None,
                ) -> AcledReport:
    """Score predicted documents against ACLED gold documents, one verdict per row."""
    kb = knowledge if knowledge is not None else Knowledge.default()
    by_id = {str(d.get("id")): d for d in predicted}
    verdicts = []
    for g in gold:
        preds = [e for e in (by_id.get(g.id) or {}).get("events") or [] if not e.get("background")]
        preds = preds or list((by_id.get(g.id) or {}).get("events") or [])
        verdicts.append(score_row(g.id, preds, g.events[0], kb))
    return AcledReport(tuple(verdicts))


def evaluate_acled(gold: Sequence[GoldDoc], *, progress: Callable[[int], None] | None = None) -> AcledReport:
    """Run the real pipeline on ACLED notes (published = ACLED's event date) and score it."""
    from wirewatch.evaluation.runner import run_pipeline

    run = run_pipeline(gold, published_from_gold=True, cluster=False, progress=progress)
    return score_acled(run.predicted, gold)
