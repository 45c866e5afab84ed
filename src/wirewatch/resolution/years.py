"""The year of a yearless date, from another report of the same happening.

    complete_years(extractions) -> extractions   (pure: inputs are not changed)

An article without a publication date that writes "mardi 31 décembre" and nothing that settles the
year leaves its event's date unset (`Event.yearless` keeps the day and month). When another document
of the batch reports, on that day (within `rules.DAY_TOLERANCE`) or in that month, in a year where
that day is that weekday, a happening the resolution rules link to this one with that year (`rules.linked`: the same
type family, compatible places and actors, and the evidence those rules ask for), the event takes
that year: `date_basis = "inferred"`, `year_from` = the id of the report that gave it, and the date
provenance is the event's own day-and-month expression. When reports of several years fit, the year
stays unset: the text does not say which, and neither does the batch.

This is the only place where one document's fields change because of another: it is what an analyst
does with an undated clipping (find the dated report of the same embassy storming), and it runs on
the batch (`cluster_extractions`), never inside the extraction of one document.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta

from wirewatch.model import Document, Event, Extraction, PartialDate, Yearless
from wirewatch.resolution.rules import DAY_TOLERANCE, Rules, linked, load_rules, report_of

__all__ = ["complete_years"]

#: A leap year, so that every written day and month (29 February too) has a place in it.
_LEAP = 2000


def _day_key(d: date) -> tuple[int, int]:
    return d.month, d.day


def _near_keys(y: Yearless) -> list[tuple[int, int]]:
    """The (month, day) keys within DAY_TOLERANCE of a yearless day, across month and year ends."""
    base = date(_LEAP, y.month, y.day)
    return [_day_key(base + timedelta(days=k)) for k in range(-DAY_TOLERANCE, DAY_TOLERANCE + 1)]


def _year_for(y: Yearless, other: PartialDate) -> int | None:
    """The year in which the yearless day lies within DAY_TOLERANCE of the other report's day (or in
    its month, for a report dated to the month) with the weekday right (the other day may be in the
    next or previous year: 31 December / 1 January)."""
    if other.day is None:
        if other.month != y.month:
            return None
        try:
            d = date(other.year, y.month, y.day)
        except ValueError:
            return None
        return other.year if y.weekday is None or d.weekday() == y.weekday else None
    target = other.to_date()
    for year in (other.year, other.year - 1, other.year + 1):
        try:
            d = date(year, y.month, y.day)
        except ValueError:  # 29 February of a common year
            continue
        if abs((d - target).days) <= DAY_TOLERANCE and (y.weekday is None or d.weekday() == y.weekday):
            return year
    return None


def _dated(ev: Event, year: int, source: Event) -> Event:
    y = ev.yearless
    return dataclasses.replace(
        ev, date=PartialDate(year, y.month, y.day), date_basis="inferred", year_from=source.id,
        provenance=(*ev.provenance, ("date", y.span)),
    )


def _year_of(ev: Event, candidates: Sequence[Event], rules: Rules) -> tuple[int, Event] | None:
    """The one year the linked reports give (with the first such report by id), else None."""
    found: dict[int, Event] = {}
    for other in candidates:
        if other.doc_id == ev.doc_id:
            continue
        year = _year_for(ev.yearless, other.date)
        if year is None:
            continue
        trial = dataclasses.replace(ev, date=PartialDate(year, ev.yearless.month, ev.yearless.day))
        if linked(report_of(0, trial, rules), report_of(1, other, rules)):
            if year not in found or other.id < found[year].id:
                found[year] = other
    if len(found) != 1:
        return None
    return next(iter(found.items()))


def _keys(y: Yearless) -> list[tuple[int, int]]:
    """The (month, day) keys of the dated reports that may give a yearless day its year; day 0 is a
    report dated to the month."""
    return [*_near_keys(y), (y.month, 0)]


def complete_years(
    extractions: Sequence[Extraction],
    reread: Callable[[Document], Extraction] | None = None,
    stored: Callable[[set[tuple[int, int]]], Iterable[Event]] | None = None,
) -> list[Extraction]:
    """The same extractions, with yearless event dates completed from linked dated reports.

    The dated reports are the batch's, plus, with `stored`, those it returns for the (month, day)
    keys asked (day 0: dated to the month), e.g. earlier reports in the store (`persist.dated_reports`).
    With `reread` (the extraction, `extraction.extract`), a document that had a year completed is
    read again with those days as `Document.year_hints`: its relative dates ("dimanche") are then
    read against them, as against a year the text settles itself, and its events merge as dated
    events do. `year_from` is kept on the events whose date is a completed day."""
    by_day: dict[tuple[int, int], list[Event]] = defaultdict(list)  # (month, day or 0) -> dated reports
    wanted: set[tuple[int, int]] = set()
    for x in extractions:
        for ev in x.events:
            if ev.date is not None and ev.date.month is not None:
                by_day[(ev.date.month, ev.date.day or 0)].append(ev)
            elif ev.date is None and ev.yearless is not None:
                wanted.update(_keys(ev.yearless))
    if wanted and stored is not None:
        batch_ids = {e.id for evs in by_day.values() for e in evs}
        for ev in stored(wanted):
            if ev.id not in batch_ids and ev.date is not None and ev.date.month is not None:
                by_day[(ev.date.month, ev.date.day or 0)].append(ev)
    if not wanted or not by_day:
        return list(extractions)
    rules = load_rules()
    out = []
    for x in extractions:
        events, changed = [], False
        for ev in x.events:
            if ev.date is None and ev.yearless is not None:
                candidates = [o for k in _keys(ev.yearless) for o in by_day.get(k, ())]
                hit = _year_of(ev, candidates, rules) if candidates else None
                if hit is not None:
                    ev, changed = _dated(ev, hit[0], hit[1]), True
            events.append(ev)
        if changed and reread is not None:
            out.append(_reread(x, events, reread))
        else:
            out.append(dataclasses.replace(x, events=tuple(events)) if changed else x)
    return out


def _reread(x: Extraction, completed: list[Event], reread: Callable[[Document], Extraction]) -> Extraction:
    """`x` extracted again with its completed days as hints (see `complete_years`)."""
    sources = {(e.date.month, e.date.day, e.yearless.span): e.year_from for e in completed if e.year_from}
    hints = tuple(sorted({e.date for e in completed if e.year_from}, key=lambda d: d.to_date()))
    again = reread(dataclasses.replace(x.document, year_hints=hints))
    events = []
    for ev in again.events:
        spans = [s for n, s in ev.provenance if n == "date"]
        key = (ev.date.month, ev.date.day, spans[0]) if ev.date is not None and spans else None
        events.append(dataclasses.replace(ev, year_from=sources[key]) if key in sources else ev)
    return dataclasses.replace(again, events=tuple(events))
