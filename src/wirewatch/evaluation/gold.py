"""Gold files: one JSON object per document, in the shape of ../shared/eval/EVENT_SCHEMA.md.

A gold event is kept as a plain dict (the schema's field names), because scoring compares dicts on
both sides: predicted documents come from `Extraction.to_dict()`. Gold may carry `<field>_alt`
lists of other acceptable values (`type_alt`, `subtype_alt`, `date_alt`, `fatalities_alt`,
`actor1_alt`, ...); `alternatives(event, field)` returns the value and its alternatives together.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wirewatch.errors import EvaluationError
from wirewatch.model import EVENT_TYPES, SUBTYPE_TO_TYPE, Article, PartialDate


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold document: its text (when the file carries it) and its gold events as dicts."""

    id: str
    lang: str | None
    published: str | None
    events: tuple[dict, ...]
    text: str | None = None
    source: str | None = None
    figures: tuple[dict, ...] = ()
    note: str | None = None
    extra: dict = field(default_factory=dict)  # e.g. ACLED row ids, kept for reports

    def to_dict(self) -> dict:
        """The document in EVENT_SCHEMA.md shape (what `score` takes as gold)."""
        return {
            "id": self.id,
            "source": self.source,
            "lang": self.lang,
            "published": self.published,
            "events": [dict(e) for e in self.events],
            "figures": [dict(f) for f in self.figures],
        }

    def to_article(self, *, with_published: bool = True) -> Article:
        """An `Article` to run the real pipeline on; `published` only when asked (`--published-from-gold`)."""
        if self.text is None:
            raise EvaluationError(f"gold document {self.id!r} has no `text`: it cannot be re-extracted")
        return Article(
            id=self.id,
            source=self.source or self.id,
            text=self.text,
            published=self.published if with_published else None,
            lang=self.lang,
        )


def alternatives(event: dict, name: str) -> list:
    """The value of `name` followed by the values of `name_alt` (gold ambiguity), without duplicates."""
    values = [event.get(name)]
    for alt in event.get(f"{name}_alt") or ():
        if alt not in values:
            values.append(alt)
    return values


def _check_event(event: dict, where: str) -> None:
    """Raise EvaluationError when an event breaks the schema's value sets."""
    if not isinstance(event, dict):
        raise EvaluationError(f"{where}: an event must be a JSON object")
    etype, sub = event.get("type"), event.get("subtype")
    if etype not in EVENT_TYPES:
        raise EvaluationError(f"{where}: unknown event type {etype!r}; use one of {sorted(EVENT_TYPES)}")
    if sub is not None and sub not in SUBTYPE_TO_TYPE:
        raise EvaluationError(f"{where}: unknown subtype {sub!r} (see EVENT_SCHEMA.md)")
    for value in alternatives(event, "date"):
        if value is not None and PartialDate.parse(value) is None:
            raise EvaluationError(f"{where}: date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    for key in ("fatalities", "injured"):
        value = event.get(key)
        if value is not None and not isinstance(value, int):
            raise EvaluationError(f"{where}: {key} must be an integer or null, not {value!r}")


def parse_gold_doc(obj: dict, where: str = "gold") -> GoldDoc:
    """Validate one gold object and turn it into a `GoldDoc`."""
    if not isinstance(obj, dict) or "id" not in obj:
        raise EvaluationError(f"{where}: each line must be a JSON object with an `id`")
    events = obj.get("events") or []
    if not isinstance(events, list):
        raise EvaluationError(f"{where}: `events` must be a list")
    for i, event in enumerate(events):
        _check_event(event, f"{where}, event {i}")
    published = obj.get("published")
    if published is not None and PartialDate.parse(published) is None:
        raise EvaluationError(f"{where}: published {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return GoldDoc(
        id=str(obj["id"]),
        lang=obj.get("lang"),
        published=published,
        events=tuple(events),
        text=obj.get("text"),
        source=obj.get("source"),
        figures=tuple(obj.get("figures") or ()),
        note=obj.get("note"),
    )


def parse_gold_lines(lines: Iterable[str], name: str = "gold") -> list[GoldDoc]:
    """Parse gold JSONL lines (blank lines skipped); errors name the line."""
    docs: list[GoldDoc] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{name}:{n}: not valid JSON ({exc.msg}); fix the line") from exc
        doc = parse_gold_doc(obj, f"{name}:{n}")
        if doc.id in seen:
            raise EvaluationError(f"{name}:{n}: duplicate document id {doc.id!r}")
        seen.add(doc.id)
        docs.append(doc)
    return docs


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read a gold JSONL file (EVENT_SCHEMA.md); raises EvaluationError on a malformed file."""
    path = Path(path)
    if not path.is_file():
        raise EvaluationError(f"gold file not found: {path}")
    with path.open(encoding="utf-8") as fh:
        return parse_gold_lines(fh, str(path))
