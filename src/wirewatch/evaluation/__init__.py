"""Evaluation: score extractions against gold JSONL (EVENT_SCHEMA.md) and against ACLED's coding.

    gold.load_gold(path) -> [GoldDoc]
    scoring.score(predicted_docs, gold_docs) -> Report      (EVENT_SCHEMA.md matching rule)
"""

from wirewatch.evaluation.gold import GoldDoc, load_gold
from wirewatch.evaluation.scoring import Report, score

__all__ = ["GoldDoc", "Report", "load_gold", "score"]
