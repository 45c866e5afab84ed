"""Date expressions in a text, resolved to `PartialDate`s, from per-language data files.

    find_dates(text, lang, published) -> list[DateMention]
    infer_reference(text, lang) -> PartialDate | None   (when `published` is unknown)

Cascade, cheap to expensive; where two expressions overlap the longest wins, then the earliest step:
numeric dates ("2021-07-29", "29/07/2021") -> templates of `data/lang/<code>/dates.toml` (named
dates, weekdays, relative expressions). Every word of a language lives in that file.

Resolution rules (each one is a choice; tests pin them):
- A date is never more precise than the text: "en janvier 2020" is a month, "fin 2021" a year.
- A day and month without a year take the year that puts them most recently on or before
  `published`, allowing FUTURE_GRACE_DAYS after it (announced events). With a weekday, the year must
  also make the weekday right.
- A weekday alone is the most recent such day on or before `published`: the same day counts (an
  article published on Thursday saying "jeudi" means that Thursday). "lundi dernier"/"last Monday"
  is strictly before `published`; "lundi prochain" strictly after.
- Periods ("la semaine dernière", "last weekend") resolve to the finest unit that contains the whole
  period: a month when the period lies in one month, else the year, else nothing.
- Seasons resolve to a year (the months of a season named in passing are not certain enough); a
  winter that spans two years resolves to nothing.
- "last night" / "la nuit dernière" is the evening before `published` (the day before, as the gold
  annotations code it); "overnight" / "cette nuit" / "dans la nuit" is the night just ended, dated
  like the night between two days below: the second day, `published`.
- "dans la nuit du 26 au 27 avril" / "dans la nuit de mardi à mercredi" is the second day, the one
  most night attacks fall on after midnight.
- Without `published`, explicit dates keep what the text gives, and the text may anchor the rest
  (`basis = "inferred"`): the latest year it names (not a deadline) is the anchor; a weekday + day
  + month without a year ("mardi 31 décembre") takes the one year within YEAR_WINDOW years at or
  after the anchor where that day is that weekday, and stays unset when there is no anchor or when
  two years fit. A death the text recalls ("l'assassinat de Qassem Soleimani") anchors like a written
  year, and the people the text names with a title in the present ("le président américain Donald
  Trump") narrow the years to their terms of office (`mentions.dateterms`; without an anchor, the
  window is the span of those terms): the year is settled only when exactly one remains. A written
  year whose one fitting year the terms contradict still stands (titles are used loosely). The latest date so inferred is a lower bound of the publication date: relative
  expressions ("dimanche", "le 25 mars", "hier") are read against it and against the day after
  (REFERENCE_LAG_DAYS) and keep what both readings agree on. Anything else relative keeps `date=None`.
- With `published` known only to the month (a `date 2022-01` line) or the year, the latest yearless
  weekday + day + month inside that period ("lundi 3 janvier") likewise dates the relative expressions
  that the month alone cannot ("ce matin"), basis `inferred`.
- "since October 17" / "depuis le 17 octobre" is a start bound (relation `since`), never the
  month alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from wirewatch.knowledge.actors import ACTIVE_AS_OF
from wirewatch.mentions import dateterms, numbers
from wirewatch.mentions.datelex import DateLexicon, Pattern, lexicon
from wirewatch.mentions.dateresolve import (
    EXPLICIT_KINDS,
    FUTURE_GRACE_DAYS,
    RESOLVERS,
    coarsest,
    day_of,
    fitting_years,
    safe_date,
    slot,
)
from wirewatch.model import DateMention, PartialDate, Span, Yearless

__all__ = ["FUTURE_GRACE_DAYS", "RECALL_DAYS", "REFERENCE_LAG_DAYS", "YEAR_WINDOW", "find_dates", "infer_reference", "lexicon"]

#: A resolved date ending more than this many days before `published` is a recall (context), not news;
#: one month, the longest delay after which wire reports still present a happening as news.
RECALL_DAYS = 31
#: Characters looked back over for a deadline cue ("d'ici", "by the end of"); longer than any cue.
FUTURE_CUE_WINDOW = 30
#: Years after the anchor year a yearless "mardi 31 décembre" may fall. A weekday + day + month
#: recurs after 5, 6 or 11 years, so a window of 5 holds at most two candidates (then no date);
#: articles that name a year name recent ones (dev sets: the latest year named is 0-4 years old).
YEAR_WINDOW = 5
#: Days after the latest date it writes out an article without a publication date may have appeared
#: (an evening or night event reported the next day). A relative expression resolved against the
#: inferred reference keeps only what both readings, that day and REFERENCE_LAG_DAYS later, agree
#: on: "dimanche" after "samedi 20 janvier" may be the 14th or the 21st, so only the month.
REFERENCE_LAG_DAYS = 1
#: Texts whose matches are kept: one document's recognisers call find_dates back to back on the same
#: text (with and without `published`), so a few entries remove the repeats and bound the memory.
MATCH_CACHE_SIZE = 4
_ISO = re.compile(r"(?<![\d/.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/.-]\d|\d)")
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])")


# --- matching: which spans are dates (independent of `published`, so cached per text) -------------


@dataclass(frozen=True, slots=True)
class _Match:
    """A date expression found in the text: a template match, or a numeric date already resolved."""

    start: int
    end: int
    step: int  # cascade step: 0 numeric, 1 templates
    pattern: Pattern | None = None
    match: re.Match | None = None
    fixed: PartialDate | None = None  # numeric dates need no reference

    def has(self, name: str) -> bool:
        """Whether the text of the match fills slot `name` (numeric dates fill every slot but weekday)."""
        if self.match is None:
            return name != "weekday"
        return slot(self.match, name) is not None


def _numeric_dates(text: str, lex: DateLexicon) -> list[_Match]:
    """ISO dates and day/month/year written with digits (field order from the language data)."""
    out = []
    for m in _ISO.finditer(text):
        d = safe_date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if d:
            out.append(_Match(m.start(), m.end(), 0, fixed=PartialDate.from_date(d)))
    for m in _NUMERIC.finditer(text):
        a, b, y = int(m.group(1)), int(m.group(3)), m.group(4)
        year = int(y) if len(y) == 4 else 2000 + int(y)
        readings = set()
        for order in lex.numeric_orders:
            day, month = (a, b) if order == "dmy" else (b, a)
            d = safe_date(year, month, day) if 1 <= month <= 12 else None
            if d:
                readings.add(d)
        if len(readings) == 1:  # two valid readings ("03/04/2021" in English) support no date
            out.append(_Match(m.start(), m.end(), 0, fixed=PartialDate.from_date(readings.pop())))
    return out


def _template_dates(text: str, lex: DateLexicon) -> list[_Match]:
    """Every match of every template of the language data (resolved later)."""
    out = []
    folded = text.lower()
    for pat in lex.patterns:
        if pat.gate and not any(s in folded for s in pat.gate):
            continue  # the template cannot match: none of its required strings is in the text
        for m in pat.regex.finditer(text):
            if m.end() == m.start():
                continue
            if pat.kind == "date" and not any(slot(m, s) for s in ("month", "year", "weekday")):
                continue  # a bare day number is not a date
            start, end = (
                m.span("core") if "core" in pat.regex.groupindex and m.group("core") is not None else m.span()
            )
            piece = text[start:end]
            start, end = start + (len(piece) - len(piece.lstrip())), end - (len(piece) - len(piece.rstrip()))
            out.append(_Match(start, end, 1, pat, m))
    return out


@lru_cache(maxsize=MATCH_CACHE_SIZE)
def _matches(work: str, lang: str) -> tuple[_Match, ...]:
    """The date expressions of `work`: where two overlap, the longest wins, then the earliest step."""
    lex = lexicon(lang)
    candidates = _numeric_dates(work, lex) + _template_dates(work, lex)
    candidates.sort(key=lambda c: (-(c.end - c.start), c.step, c.start))
    chosen: list[_Match] = []
    for c in candidates:
        if not any(o.start < c.end and c.start < o.end for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return tuple(chosen)


# --- resolution against a reference date -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Resolved:
    date: PartialDate | None
    basis: str
    relation: str | None  # as the resolver or the template says; cues are read by _relation


def _resolve(c: _Match, text: str, lex: DateLexicon, published: PartialDate | None) -> _Resolved:
    """The date of one match, given the reference date `published` (None: explicit dates only)."""
    if c.fixed is not None:
        return _Resolved(c.fixed, "explicit", None)
    pat, m = c.pattern, c.match
    resolved, relation = RESOLVERS[pat.kind](m, lex, pat, published)
    basis = "explicit" if pat.kind in EXPLICIT_KINDS else "relative"
    if pat.kind == "date" and not c.has("year") and not c.has("day"):
        basis = "relative"  # "à la mi-octobre": the year comes from published
    if (
        resolved is not None
        and published is not None
        and not c.has("year")
        and pat.kind in EXPLICIT_KINDS
        and lex.future_re.search(text[max(0, c.start - FUTURE_CUE_WINDOW) : c.start])
        and resolved.first_day() < published.first_day()
    ):
        # a deadline ("d'ici le 31 décembre") is the next occurrence, not the last one
        resolved = PartialDate(resolved.year + 1, resolved.month, resolved.day)
    return _Resolved(resolved, basis, pat.relation or relation)


def _relation(c: _Match, r: _Resolved, text: str, lex: DateLexicon, published: PartialDate | None) -> str | None:
    """future for deadlines and dates after published, recall for old ones, past otherwise."""
    if r.relation in ("future", "range"):
        return r.relation
    before, own = text[max(0, c.start - FUTURE_CUE_WINDOW) : c.start], text[c.start : c.end]
    if lex.future_re.search(before) or lex.future_start.search(own):
        return "future"
    if lex.since_re.search(before) or lex.since_start.search(own):
        return "since"
    if r.relation is not None:
        return r.relation
    if r.date is None or published is None:
        return None
    ref = day_of(published) or published.last_day()
    if r.date.first_day() > ref + timedelta(days=FUTURE_GRACE_DAYS if r.date.day is None else 0):
        return "future"
    if r.date.last_day() < ref - timedelta(days=RECALL_DAYS):
        return "recall"
    return "past"


# --- no publication date: a reference inferred from the text -------------------------------------


def _anchor_year(found: list[tuple[_Match, _Resolved, str | None]]) -> int | None:
    """The latest year the text writes out, deadlines ("d'ici 2030") aside."""
    years = [r.date.year for c, r, rel in found if r.date is not None and c.has("year") and rel != "future"]
    return max(years, default=None)


def _is_weekday_date(c: _Match) -> bool:
    """A weekday + day + month written without a year ("mardi 31 décembre")."""
    return (c.match is not None and c.pattern.kind == "date" and not c.has("year")
            and all(c.has(s) for s in ("weekday", "day", "month")))


def _window(found, marks, open_end: date) -> tuple[int, int, bool] | None:
    """(first year, last year, anchored) a yearless weekday date of a text without `published` may take:
    YEAR_WINDOW years from the latest year the text writes or the latest death it recalls (anchored),
    else the years every office named with its title spans (dateterms); None when nothing bounds them."""
    deaths = [b.periods[0][0].year for b in marks if b.kind == "death"]
    anchor = max([y for y in (_anchor_year(found), *deaths) if y is not None], default=None)
    if anchor is not None:
        return anchor, anchor + YEAR_WINDOW, True
    offices = [b for b in marks if b.kind == "office"]
    if not offices:
        return None
    first = max(min(p[0] for p in b.periods) for b in offices)
    last = min(max(p[1] or open_end for p in b.periods) for b in offices)
    return (first.year, last.year, False) if first <= last else None


def _weekday_dates(found, lex: DateLexicon, text: str) -> dict[int, PartialDate]:
    """Yearless weekday + day + month expressions whose year the text settles (index -> date): the
    one year of the window (`_window`) where that day is that weekday and that the actors the text
    names allow (dateterms.fits); a written year whose one fitting year the actors contradict wins."""
    if not any(_is_weekday_date(c) for c, r, rel in found):
        return {}
    marks = dateterms.bounds(text, lex.lang)
    open_end = date(ACTIVE_AS_OF.year + YEAR_WINDOW, 12, 31)
    window = _window(found, marks, open_end)
    if window is None:
        return {}
    first, last, anchored = window
    out = {}
    for i, (c, r, rel) in enumerate(found):
        if not _is_weekday_date(c):
            continue
        month, day = lex.months[slot(c.match, "month").lower()], int(slot(c.match, "day"))
        years = fitting_years(month, day, lex.weekdays[slot(c.match, "weekday").lower()], first, last)
        allowed = [y for y in years if dateterms.fits(date(y, month, day), marks, open_end)]
        if len(allowed) == 1:
            out[i] = PartialDate(allowed[0], month, day)
        elif anchored and not allowed and len(years) == 1:
            out[i] = PartialDate(years[0], month, day)
        # several years fit: the text does not say which
    return out


def _hinted(found, lex: DateLexicon, hints: tuple[PartialDate, ...]) -> dict[int, PartialDate]:
    """Yearless day-and-month expressions a hint dates (index -> date): another report of the same
    happening gave the year of that day (`resolution.years`); a written weekday must fit it."""
    out = {}
    for i, (c, r, rel) in enumerate(found):
        y = _yearless(c, lex) if r.date is None else None
        if y is None:
            continue
        for h in hints:
            if (h.month, h.day) == (y.month, y.day) and (y.weekday is None or h.to_date().weekday() == y.weekday):
                out[i] = h
                break
    return out


def _reference(found, lex: DateLexicon, text: str, published: PartialDate | None = None,
               hints: tuple[PartialDate, ...] = ()):
    """(dates settled here, reference day): without `published`, the yearless weekday dates the text
    settles (`_weekday_dates`) or a hint settles (`_hinted`) and the latest of them that is no
    deadline; with `published` known only to the month or year, the latest yearless weekday date
    (already dated against it) inside that period."""
    if published is not None:
        if published.day is not None:
            return {}, None
        first, last = published.first_day(), published.last_day()
        refs = [r.date for c, r, rel in found if _is_weekday_date(c) and r.date is not None
                and r.date.day is not None and rel != "future" and first <= r.date.to_date() <= last]
        return {}, max(refs, key=lambda d: d.to_date(), default=None)
    settled = _weekday_dates(found, lex, text)
    if hints:
        settled = {**settled, **_hinted(found, lex, hints)}
    refs = [d for i, d in settled.items() if found[i][2] != "future"]
    return settled, max(refs, key=lambda d: d.to_date(), default=None)


def _infer(found, text: str, lex: DateLexicon, published: PartialDate | None = None,
           hints: tuple[PartialDate, ...] = ()):
    """Dates for yearless and relative expressions when `published` is unknown or known only to the
    month or year (see module doc)."""
    settled, reference = _reference(found, lex, text, published, hints)
    if reference is None:
        return found
    later = PartialDate.from_date(reference.to_date() + timedelta(days=REFERENCE_LAG_DAYS))
    out = []
    for i, (c, r, rel) in enumerate(found):
        if r.date is None:
            again = _resolve(c, text, lex, reference)
            date = settled.get(i) or _agreed(again.date, _resolve(c, text, lex, later).date)
            if date is not None:
                r = replace(again, date=date, basis="inferred")
                rel = _relation(c, r, text, lex, reference)
        out.append((c, r, rel))
    return out


def _agreed(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    """What two readings of a relative date agree on: the finest date containing both."""
    if a is None or b is None:
        return None
    if a == b:
        return a
    return coarsest(min(a.first_day(), b.first_day()), max(a.last_day(), b.last_day()))


def _found(work: str, lang: str, lex: DateLexicon, published: PartialDate | None):
    out = []
    for c in _matches(work, lang):
        r = _resolve(c, work, lex, published)
        out.append((c, r, _relation(c, r, work, lex, published)))
    return out


def infer_reference(text: str, lang: str) -> PartialDate | None:
    """The reference date the text itself supports when its publication date is unknown: the latest
    yearless weekday + day + month ("mardi 31 décembre") whose year the text's latest written year
    settles (module doc). A lower bound of the publication date, to the day; None when the text
    supports none. `find_dates(text, lang, None)` already resolves relative expressions against it."""
    lex = lexicon(lang)
    work = numbers.normalise_quotes(text)
    return _reference(_found(work, lang, lex, None), lex, work)[1]


def find_dates(
    text: str, lang: str, published: PartialDate | None, year_hints: tuple[PartialDate, ...] = ()
) -> list[DateMention]:
    """Date expressions in `text`, sorted by offset, spans relative to `text`.

    `basis` is `explicit` when the text names the date, `relative` when it is resolved against
    `published`, `inferred` when `published` is None and the text itself anchors it (module doc).
    `relation` is `past`, `recall` (long before published, "il y a deux ans"),
    `future` (deadlines, "d'ici le 31 décembre"), `since` (a start, "depuis janvier") or `range`
    ("du 3 au 5 janvier"); None when nothing says. `date` is None when the text and `published` support no date.
    `year_hints` (days another report dates, `Document.year_hints`) settle the year of the yearless
    expressions of those days when `published` is unknown, and anchor the relative ones like a year
    the text settles itself.
    """
    lex = lexicon(lang)
    work = numbers.normalise_quotes(text)
    found = _found(work, lang, lex, published)
    if published is None or published.day is None:
        found = _infer(found, work, lex, published, tuple(year_hints) if published is None else ())
    return [
        DateMention(span=Span(c.start, c.end), text=text[c.start : c.end], date=r.date, basis=r.basis, relation=rel,
                    yearless=_yearless(c, lex) if r.date is None else None)
        for c, r, rel in found
    ]


def _yearless(c: _Match, lex: DateLexicon) -> Yearless | None:
    """The day and month of a date expression written without a year ("mardi 31 décembre", "le 3
    mars") whose year nothing settled: kept for cross-article resolution (model.Yearless)."""
    if c.match is None or c.pattern.kind != "date" or c.has("year") or not (c.has("day") and c.has("month")):
        return None
    month, day = lex.months.get(slot(c.match, "month").lower()), int(slot(c.match, "day"))
    if month is None or safe_date(2000, month, day) is None:  # 2000: a leap year, so 29 February exists
        return None
    weekday = lex.weekdays.get(slot(c.match, "weekday").lower()) if c.has("weekday") else None
    return Yearless(month, day, weekday, Span(c.start, c.end))
