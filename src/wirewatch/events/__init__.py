"""Events: triggers -> classify -> assemble (actors, place, date, counts) -> background -> merge.

Nothing here imports spaCy: the input is a `ParsedDoc` (wirewatch.nlp) and the document's
mentions (`events.context`).
"""

from wirewatch.events.pipeline import extract_events

__all__ = ["extract_events"]
