"""Resolvers of date expressions: one per template kind of `dates.toml`, plus calendar helpers.

Each resolver takes the regex match, the language's `DateLexicon`, the `Pattern` and the reference
date (`published`, or a reference inferred from the text) and returns `(PartialDate | None,
relation | None)`. The resolution rules are listed in `wirewatch.mentions.dates`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from wirewatch.mentions import numbers
from wirewatch.mentions.datelex import DateLexicon, Pattern
from wirewatch.model import PartialDate

#: Days after `published` a day-month without year may fall: articles announce events up to a week ahead.
FUTURE_GRACE_DAYS = 7
#: "il y a deux semaines" means 14 days give or take half a week.
WEEK_SLACK_DAYS = 3
#: How far back "jeudi 29" (weekday and day, no month) may reach to find a matching date.
WEEKDAY_DAY_LOOKBACK_DAYS = 93
_UNIT_DAYS = {"day": 1, "week": 7}


def day_of(published: PartialDate | None) -> date | None:
    """The reference as a calendar day, None unless it is known to the day."""
    return published.to_date() if published is not None else None


def safe_date(y: int, m: int, d: int) -> date | None:
    """date(y, m, d), or None when no such day exists (31 June, 29 February 2021)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def coarsest(first: date, last: date) -> PartialDate | None:
    """The finest PartialDate containing every day from `first` to `last`."""
    if first == last:
        return PartialDate.from_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    if first.year == last.year:
        return PartialDate(first.year)
    return None


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _infer_year(
    month: int, day: int | None, weekday: int | None, published: PartialDate | None
) -> PartialDate | None:
    """Most recent (year, month[, day]) on or before published + grace, with the weekday right."""
    if published is None:
        return None
    ref = day_of(published) or published.last_day()
    limit = ref + timedelta(days=FUTURE_GRACE_DAYS)
    for year in range(published.year + 1, published.year - 4, -1):  # 4 years back: 29 February
        if day is None:
            if date(year, month, 1) <= limit:
                return PartialDate(year, month)
            continue
        d = safe_date(year, month, day)
        if d is None or d > limit or (weekday is not None and d.weekday() != weekday):
            continue
        return PartialDate.from_date(d)
    return None


def fitting_years(month: int, day: int, weekday: int, first: int, last: int) -> list[int]:
    """Years from `first` to `last` (inclusive) in which day/month falls on `weekday` (0 = Monday)."""
    return [y for y in range(first, last + 1) if (d := safe_date(y, month, day)) and d.weekday() == weekday]


# --- resolvers: one per pattern kind; each returns (date or None, relation or None) --------------


def slot(m: re.Match, name: str) -> str | None:
    """A slot's text, whichever of its copies (alternatives of one template) matched."""
    groups = m.groupdict()
    return next(
        (v for k, v in groups.items() if v is not None and (k == name or k.startswith(name + "__"))), None
    )


def _resolve_date(m: re.Match, lex: DateLexicon, pat: Pattern, published: PartialDate | None):
    year = int(slot(m, "year")) if slot(m, "year") else None
    month = lex.months.get(slot(m, "month").lower()) if slot(m, "month") else None
    day = int(slot(m, "day")) if slot(m, "day") else None
    weekday = lex.weekdays.get(slot(m, "weekday").lower()) if slot(m, "weekday") else None
    if month is None and day is not None:  # "jeudi 29": needs the weekday and published
        ref = day_of(published)
        if weekday is None or ref is None:
            return None, None
        d = ref + timedelta(days=FUTURE_GRACE_DAYS)
        for _ in range(WEEKDAY_DAY_LOOKBACK_DAYS):
            if d.day == day and d.weekday() == weekday:
                return PartialDate.from_date(d), None
            d -= timedelta(days=1)
        return None, None
    if year is not None and month is not None:
        if day is None:
            return PartialDate(year, month), None
        d = safe_date(year, month, day)
        return (PartialDate.from_date(d) if d else None), None
    if year is not None:
        return PartialDate(year), None
    if month is not None:
        return _infer_year(month, day, weekday, published), None
    return None, None


def _resolve_weekday(m: re.Match, lex: DateLexicon, pat: Pattern, published: PartialDate | None):
    ref = day_of(published)
    if ref is None:
        return None, None
    wd = lex.weekdays[slot(m, "weekday").lower()]
    if pat.which == "next":
        return PartialDate.from_date(ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)), "future"
    back = (ref.weekday() - wd) % 7
    if pat.which == "last" and back == 0:
        back = 7
    return PartialDate.from_date(ref - timedelta(days=back)), None


def _resolve_days(m, lex, pat, published):
    ref = day_of(published)
    return (PartialDate.from_date(ref + timedelta(days=pat.offset)) if ref else None), None


def _amount(m: re.Match, lex: DateLexicon) -> tuple[int, str] | None:
    n = numbers.parse_count(slot(m, "n"), lex.lang)
    unit = lex.units.get(re.sub(r"\s+", " ", slot(m, "unit").lower()))
    return (n, unit) if n is not None and unit else None


def _ago(m, lex, pat, published, sign: int = -1):
    amount = _amount(m, lex)
    if amount is None or published is None:
        return None, None
    n, unit = amount
    if unit in _UNIT_DAYS:
        ref = day_of(published)
        if ref is None:
            return None, None
        d = ref + timedelta(days=sign * n * _UNIT_DAYS[unit])
        if unit == "day":
            return PartialDate.from_date(d), None
        # "il y a deux semaines" is a week give or take: the month (or year) holding that window
        slack = timedelta(days=WEEK_SLACK_DAYS)
        return coarsest(d - slack, d + slack), None
    if unit == "month":
        if published.month is None:
            return None, None
        y, mo = _shift_month(published.year, published.month, sign * n)
        return PartialDate(y, mo), None
    return PartialDate(published.year + sign * n), None


def _resolve_ago(m, lex, pat, published):
    return _ago(m, lex, pat, published, -1)


def _resolve_within(m, lex, pat, published):
    return _ago(m, lex, pat, published, +1)[0], "future"


def _resolve_week(m, lex, pat, published):
    # "cette semaine" in a report is the part of the week up to published (what happened), but
    # never a single day, even read on a Monday: the text names a week, not a day
    ref = day_of(published)
    if ref is None:
        return None, None
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=pat.offset)
    found = coarsest(
        monday, min(monday + timedelta(days=6), ref) if pat.offset == 0 else monday + timedelta(days=6)
    )
    if found is not None and found.day is not None:
        found = PartialDate(found.year, found.month)
    return found, None


def _resolve_weekend(m, lex, pat, published):
    # "ce week-end" is the weekend under way or just past (news reports what happened);
    # "le week-end dernier" is the one before that when published falls on a weekend
    ref = day_of(published)
    if ref is None:
        return None, None
    sat = ref - timedelta(days=(ref.weekday() - 5) % 7)
    if pat.offset < 0 and ref.weekday() >= 5:
        sat -= timedelta(weeks=1)
    elif pat.offset > 0:
        sat += timedelta(weeks=1)
    return coarsest(sat, sat + timedelta(days=1)), None


def _resolve_month(m, lex, pat, published):
    if published is None or published.month is None:
        return None, None
    y, mo = _shift_month(published.year, published.month, pat.offset)
    return PartialDate(y, mo), None


def _resolve_month_of_year(m, lex, pat, published):
    # "in June of last year": the month named, in the year `offset` years from published
    if published is None:
        return None, None
    return PartialDate(published.year + pat.offset, lex.months[slot(m, "month").lower()]), None


def _resolve_year(m, lex, pat, published):
    return (PartialDate(published.year + pat.offset) if published else None), None


def _resolve_season(m, lex, pat, published):
    if published is None or published.month is None:
        return None, None
    first, last = lex.seasons[slot(m, "season").lower()]
    ref = published.first_day()
    wraps = last < first
    begun = ref.year if ref.month >= first else ref.year - 1  # the occurrence under way or last begun
    end = date(begun + wraps, last, 1)
    year = begun + pat.offset
    if pat.offset < 0 and ref > end:
        year = begun  # "l'été dernier" said in autumn is this year's summer
    return (None if wraps else PartialDate(year)), None


def _resolve_range(m, lex, pat, published):
    year = int(slot(m, "year")) if slot(m, "year") else None
    month = lex.months[slot(m, "month").lower()]
    month2 = lex.months[slot(m, "month2").lower()] if slot(m, "month2") else month
    if year is None:
        inferred = _infer_year(month, None, None, published)
        year = inferred.year if inferred else None
    if year is None:
        return None, "range"
    return (PartialDate(year, month) if month == month2 else PartialDate(year)), "range"


RESOLVERS = {
    "date": _resolve_date,
    "weekday": _resolve_weekday,
    "days": _resolve_days,
    "ago": _resolve_ago,
    "within": _resolve_within,
    "week": _resolve_week,
    "weekend": _resolve_weekend,
    "month": _resolve_month,
    "year": _resolve_year,
    "month_of_year": _resolve_month_of_year,
    "season": _resolve_season,
    "range": _resolve_range,
}
EXPLICIT_KINDS = frozenset({"date", "range"})
