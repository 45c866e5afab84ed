"""Blocking: which earlier reports a new report is compared with, so resolution stays near-linear.

A report is filed under a few keys (a *channel* x a *date cell*) and looks up a few keys; a pair is
compared only when one of the lookups of the later report hits a key the earlier one was filed
under. The keys are chosen so that every pair `rules.linked` can accept is found (and few others):

- channels: `g` country (day-precise reports; a country-level place is compatible with everything
  inside it, so the country is the finest safe geographic block); `ga` country x named actor1
  (month- and year-precision dates link only on a named actor, so they never scan a whole country);
  `gs` country x sub-event type x month for background recollections dated to the month;
  `a` named actor1 and `a?` named actor1 of reports without a country (those link only on a named
  actor and a day, anywhere); `p` family x actor pair for place-free families (agreements).
- date cells: a day (`d`), a month (`m`), a year (`y`) for reports of that precision, and the month
  (`M`) and year (`Y`) containing finer reports, so a month-precision date meets every day it covers
  with one lookup instead of thirty-one.

Reports that the rule can never link (no date; a vague date without a named actor; no country
without a named actor) are filed nowhere and stay singletons at no cost.
"""

from __future__ import annotations

from wirewatch.resolution.rules import DAY_TOLERANCE, Report

_YEAR_RANK, _MONTH_RANK = 2, 1
# offsets of the days a day-precise report looks up around its own
_NEAR = tuple(range(-DAY_TOLERANCE, DAY_TOLERANCE + 1))


def file_keys(r: Report) -> list[tuple]:
    """Keys a report is filed under (see the module docstring)."""
    if r.first < 0:
        return []
    if r.place_free:
        return _generic_file(("p", r.family, r.pair), r) if r.pair else []
    if r.country is None:
        return [("a?", r.actor1, "d", r.first)] if (r.day and r.actor1) else []
    keys: list[tuple] = []
    if r.day:
        keys.append(("g", r.country, "d", r.first))
    if _recall_cell(r):
        keys.append(("gs", r.country, r.subtype, "M" if r.day else "m", r.month_cell))
    if r.actor1:
        keys += _generic_file(("ga", r.country, r.actor1), r, days=False)
        if r.day:
            keys.append(("a", r.actor1, "d", r.first))
    return keys


def lookup_keys(r: Report) -> list[tuple]:
    """Keys a report looks up to find every earlier report it may link to."""
    first = r.first
    if first < 0:
        return []
    if r.place_free:
        return _generic_lookup(("p", r.family, r.pair), r) if r.pair else []
    if r.country is None:
        if not (r.day and r.actor1):
            return []
        return [(ch, r.actor1, "d", first + o) for ch in ("a", "a?") for o in _NEAR]
    keys: list[tuple] = []
    if r.day:
        country = r.country
        keys = [("g", country, "d", first + o) for o in _NEAR]
    if _recall_cell(r):
        ch = ("gs", r.country, r.subtype)
        keys += [(*ch, "m", r.month_cell)] if r.day else [(*ch, "M", r.month_cell), (*ch, "m", r.month_cell)]
    if r.actor1:
        keys += _generic_lookup(("ga", r.country, r.actor1), r, days=False)
        if r.day:
            actor = r.actor1
            keys += [("a?", actor, "d", first + o) for o in _NEAR]
    return keys


def _recall_cell(r: Report) -> bool:
    """Whether a report takes part in background-recollection links (month date x day or month date,
    same sub-event type, places below country level): day and month dates with such a place."""
    return r.date_rank <= _MONTH_RANK and not r.place_free and (r.admin1 is not None or r.lat is not None)


def _generic_file(ch: tuple, r: Report, *, days: bool = True) -> list[tuple]:
    if r.date_rank == _YEAR_RANK:
        return [(ch, "y", r.year)]
    if r.date_rank == _MONTH_RANK:
        return [(ch, "m", r.month_cell), (ch, "Y", r.year)]
    out = [(ch, "M", r.month_cell), (ch, "Y", r.year)]
    if days:
        out.append((ch, "d", r.first))
    return out


def _generic_lookup(ch: tuple, r: Report, *, days: bool = True) -> list[tuple]:
    if r.date_rank == _YEAR_RANK:
        return [(ch, "Y", r.year), (ch, "y", r.year)]
    if r.date_rank == _MONTH_RANK:
        return [(ch, "M", r.month_cell), (ch, "m", r.month_cell), (ch, "y", r.year)]
    out = [(ch, "m", r.month_cell), (ch, "y", r.year)]
    if days:
        first = r.first
        out += [(ch, "d", first + o) for o in _NEAR]
    return out


class BlockIndex:
    """Key -> report indexes. `candidates` then `add`, report by report."""

    __slots__ = ("_cells",)

    def __init__(self) -> None:
        self._cells: dict[tuple, list[int]] = {}

    def candidates(self, r: Report) -> set[int]:
        """Indexes of filed reports sharing a block with `r`."""
        get = self._cells.get
        out: set[int] = set()
        for key in lookup_keys(r):
            hit = get(key)
            if hit:
                out.update(hit)
        return out

    def add(self, r: Report) -> None:
        """File a report under its keys."""
        cells = self._cells
        for key in file_keys(r):
            cell = cells.get(key)
            if cell is None:
                cells[key] = [r.idx]
            else:
                cell.append(r.idx)

    def __len__(self) -> int:
        return len(self._cells)
