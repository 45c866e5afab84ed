"""Date expressions in a text, resolved to `PartialDate`s, from per-language data files.

    find_dates(text, lang, published) -> list[DateMention]

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
- Without `published`, anything relative has `date=None`; explicit dates keep what the text gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from wirewatch.mentions import numbers
from wirewatch.model import DateMention, PartialDate, Span

#: Days after `published` a day-month without year may fall: articles announce events up to a week ahead.
FUTURE_GRACE_DAYS = 7
#: A resolved date ending more than this many days before `published` is a recall (context), not news;
#: one month, the longest delay after which wire reports still present a happening as news.
RECALL_DAYS = 31
#: "il y a deux semaines" means 14 days give or take half a week.
WEEK_SLACK_DAYS = 3
#: How far back "jeudi 29" (weekday and day, no month) may reach to find a matching date.
WEEKDAY_DAY_LOOKBACK_DAYS = 93
#: Years accepted as years: modern press, and no four-digit count ("2500 soldats") beyond them.
YEAR_RE = r"(?<![\d.,])(?P<year>1[89]\d\d|20\d\d)(?![\d.,]\d)"
#: Characters looked back over for a deadline cue ("d'ici", "by the end of"); longer than any cue.
FUTURE_CUE_WINDOW = 30
_DAY = r"(?<![\d.,])(?P<{name}>[12]\d|3[01]|0?[1-9])(?:{suffix})?(?![\d.,]\d|\d)"
_ISO = re.compile(r"(?<![\d/.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/.-]\d|\d)")
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])")
_UNIT_DAYS = {"day": 1, "week": 7}


def _alternation(names, capitalised: bool) -> str:
    alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
    # case-sensitive where names are also ordinary words ("May", "March"), else ignore case
    return rf"(?-i:{alt})" if capitalised else alt


def _dedupe_groups(source: str) -> str:
    """Rename repeated named groups (a slot used in two alternatives) to `name__2`, `name__3`..."""
    seen: dict[str, int] = {}

    def rename(m: re.Match) -> str:
        seen[m.group(1)] = seen.get(m.group(1), 0) + 1
        n = seen[m.group(1)]
        return f"(?P<{m.group(1)}>" if n == 1 else f"(?P<{m.group(1)}__{n}>"

    return re.sub(r"\(\?P<(\w+)>", rename, source)


@dataclass(frozen=True, slots=True)
class Pattern:
    """One `[[patterns]]` entry of dates.toml: its compiled template and how to resolve it."""

    kind: str
    regex: re.Pattern
    offset: int = 0
    which: str | None = None
    relation: str | None = None


@dataclass(frozen=True, slots=True)
class DateLexicon:
    """The parsed `dates.toml` of one language, with the template regexes compiled."""

    lang: str
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    units: dict[str, str]
    numeric_orders: tuple[str, ...]
    patterns: tuple[Pattern, ...]
    future_re: re.Pattern  # a deadline cue right before a date ("d'ici le")
    future_start: re.Pattern  # ... or at the start of the date's own span ("until March")
    since_re: re.Pattern  # a start cue ("depuis", "since"): the date is when something began
    since_start: re.Pattern


@cache
def lexicon(lang: str) -> DateLexicon:
    """Load and compile `data/lang/<lang>/dates.toml` once per process."""
    data = numbers.load_data(lang, "dates.toml")
    cap = bool(data.get("months_capitalised", False))
    months = {k: int(v) for k, v in data["months"].items()}
    weekdays = {k: int(v) for k, v in data["weekdays"].items()}
    seasons = {k: (int(v[0]), int(v[1])) for k, v in data.get("seasons", {}).items()}
    units = dict(data.get("units", {}))
    suffix = "|".join(re.escape(s) for s in sorted(data.get("day_suffixes", []), key=len, reverse=True))
    nlex = numbers.lexicon(lang)
    word = _alternation(list(nlex.words), False)
    month_alt = _alternation(months, cap)
    weekday_alt = _alternation(weekdays, cap)
    slots = {
        "day": _DAY.format(name="day", suffix=suffix or "(?!)"),
        "day2": _DAY.format(name="day2", suffix=suffix or "(?!)"),
        "month": rf"(?<!\w)(?P<month>{month_alt})(?![\w])",
        "month2": rf"(?<!\w)(?P<month2>{month_alt})(?![\w])",
        "year": YEAR_RE,
        "weekday": rf"(?<!\w)(?P<weekday>{weekday_alt})(?!\w)",
        "weekday2": rf"(?<!\w)(?P<weekday2>{weekday_alt})(?!\w)",
        "n": rf"(?P<n>\d+|(?:{word})(?:[-\s]+(?:{word}))*)",
        "unit": rf"(?P<unit>{_alternation(units, False)})(?!\w)",
        "season": rf"(?P<season>{_alternation(seasons, False) if seasons else '(?!)'})(?!\w)",
        "part": rf"(?:{_alternation(data.get('parts_of_day', []), False) or '(?!)'})(?!\w)",
    }
    patterns = []
    for p in data["patterns"]:
        source = _dedupe_groups(re.sub(r"\{([a-z]\w*)\}", lambda m: slots[m.group(1)], p["template"]))
        patterns.append(
            Pattern(
                kind=p["kind"],
                regex=re.compile(rf"(?<!\w){source}", re.IGNORECASE),
                offset=int(p.get("offset", 0)),
                which=p.get("which"),
                relation=p.get("relation"),
            )
        )
    future = _alternation(data.get("future_cues", []), False) or "(?!)"
    since = _alternation(data.get("since_cues", []), False) or "(?!)"
    return DateLexicon(
        lang=lang,
        months={k.lower(): v for k, v in months.items()},
        weekdays={k.lower(): v for k, v in weekdays.items()},
        seasons={k.lower(): v for k, v in seasons.items()},
        units={k.lower(): v for k, v in units.items()},
        numeric_orders=tuple(data.get("numeric_orders", ["dmy"])),
        patterns=tuple(patterns),
        future_re=re.compile(rf"(?<!\w)(?:{future})[^\S\n]*$", re.IGNORECASE),  # same line, adjacent
        future_start=re.compile(rf"^(?:{future})(?!\w)", re.IGNORECASE),
        since_re=re.compile(rf"(?<!\w)(?:{since})[^\S\n]*$", re.IGNORECASE),  # same line, adjacent
        since_start=re.compile(rf"^(?:{since})(?!\w)", re.IGNORECASE),
    )


# --- calendar helpers ---------------------------------------------------------------------------


def _day(published: PartialDate | None) -> date | None:
    return published.to_date() if published is not None else None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _coarsest(first: date, last: date) -> PartialDate | None:
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
    ref = _day(published) or published.last_day()
    limit = ref + timedelta(days=FUTURE_GRACE_DAYS)
    for year in range(published.year + 1, published.year - 4, -1):  # 4 years back: 29 February
        if day is None:
            if date(year, month, 1) <= limit:
                return PartialDate(year, month)
            continue
        d = _safe(year, month, day)
        if d is None or d > limit or (weekday is not None and d.weekday() != weekday):
            continue
        return PartialDate.from_date(d)
    return None


# --- resolvers: one per pattern kind; each returns (date or None, relation or None) --------------


def _g(m: re.Match, name: str) -> str | None:
    """A slot's text, whichever of its copies (alternatives of one template) matched."""
    groups = m.groupdict()
    return next(
        (v for k, v in groups.items() if v is not None and (k == name or k.startswith(name + "__"))), None
    )


def _resolve_date(m: re.Match, lex: DateLexicon, pat: Pattern, published: PartialDate | None):
    year = int(_g(m, "year")) if _g(m, "year") else None
    month = lex.months.get(_g(m, "month").lower()) if _g(m, "month") else None
    day = int(_g(m, "day")) if _g(m, "day") else None
    weekday = lex.weekdays.get(_g(m, "weekday").lower()) if _g(m, "weekday") else None
    if month is None and day is not None:  # "jeudi 29": needs the weekday and published
        ref = _day(published)
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
        d = _safe(year, month, day)
        return (PartialDate.from_date(d) if d else None), None
    if year is not None:
        return PartialDate(year), None
    if month is not None:
        return _infer_year(month, day, weekday, published), None
    return None, None


def _resolve_weekday(m: re.Match, lex: DateLexicon, pat: Pattern, published: PartialDate | None):
    ref = _day(published)
    if ref is None:
        return None, None
    wd = lex.weekdays[_g(m, "weekday").lower()]
    if pat.which == "next":
        return PartialDate.from_date(ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)), "future"
    back = (ref.weekday() - wd) % 7
    if pat.which == "last" and back == 0:
        back = 7
    return PartialDate.from_date(ref - timedelta(days=back)), None


def _resolve_days(m, lex, pat, published):
    ref = _day(published)
    return (PartialDate.from_date(ref + timedelta(days=pat.offset)) if ref else None), None


def _amount(m: re.Match, lex: DateLexicon) -> tuple[int, str] | None:
    n = numbers.parse_count(_g(m, "n"), lex.lang)
    unit = lex.units.get(re.sub(r"\s+", " ", _g(m, "unit").lower()))
    return (n, unit) if n is not None and unit else None


def _ago(m, lex, pat, published, sign: int = -1):
    amount = _amount(m, lex)
    if amount is None or published is None:
        return None, None
    n, unit = amount
    if unit in _UNIT_DAYS:
        ref = _day(published)
        if ref is None:
            return None, None
        d = ref + timedelta(days=sign * n * _UNIT_DAYS[unit])
        if unit == "day":
            return PartialDate.from_date(d), None
        # "il y a deux semaines" is a week give or take: the month (or year) holding that window
        slack = timedelta(days=WEEK_SLACK_DAYS)
        return _coarsest(d - slack, d + slack), None
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
    ref = _day(published)
    if ref is None:
        return None, None
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=pat.offset)
    found = _coarsest(
        monday, min(monday + timedelta(days=6), ref) if pat.offset == 0 else monday + timedelta(days=6)
    )
    if found is not None and found.day is not None:
        found = PartialDate(found.year, found.month)
    return found, None


def _resolve_weekend(m, lex, pat, published):
    # "ce week-end" is the weekend under way or just past (news reports what happened);
    # "le week-end dernier" is the one before that when published falls on a weekend
    ref = _day(published)
    if ref is None:
        return None, None
    sat = ref - timedelta(days=(ref.weekday() - 5) % 7)
    if pat.offset < 0 and ref.weekday() >= 5:
        sat -= timedelta(weeks=1)
    elif pat.offset > 0:
        sat += timedelta(weeks=1)
    return _coarsest(sat, sat + timedelta(days=1)), None


def _resolve_month(m, lex, pat, published):
    if published is None or published.month is None:
        return None, None
    y, mo = _shift_month(published.year, published.month, pat.offset)
    return PartialDate(y, mo), None


def _resolve_month_of_year(m, lex, pat, published):
    # "in June of last year": the month named, in the year `offset` years from published
    if published is None:
        return None, None
    return PartialDate(published.year + pat.offset, lex.months[_g(m, "month").lower()]), None


def _resolve_year(m, lex, pat, published):
    return (PartialDate(published.year + pat.offset) if published else None), None


def _resolve_season(m, lex, pat, published):
    if published is None or published.month is None:
        return None, None
    first, last = lex.seasons[_g(m, "season").lower()]
    ref = published.first_day()
    wraps = last < first
    begun = ref.year if ref.month >= first else ref.year - 1  # the occurrence under way or last begun
    end = date(begun + wraps, last, 1)
    year = begun + pat.offset
    if pat.offset < 0 and ref > end:
        year = begun  # "l'été dernier" said in autumn is this year's summer
    return (None if wraps else PartialDate(year)), None


def _resolve_range(m, lex, pat, published):
    year = int(_g(m, "year")) if _g(m, "year") else None
    month = lex.months[_g(m, "month").lower()]
    month2 = lex.months[_g(m, "month2").lower()] if _g(m, "month2") else month
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


# --- the cascade ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    date: PartialDate | None
    basis: str
    relation: str | None
    step: int


def _numeric_dates(text: str, lex: DateLexicon, published: PartialDate | None) -> list[_Candidate]:
    """ISO dates and day/month/year written with digits (field order from the language data)."""
    out = []
    for m in _ISO.finditer(text):
        d = _safe(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if d:
            out.append(_Candidate(m.start(), m.end(), PartialDate.from_date(d), "explicit", None, 0))
    for m in _NUMERIC.finditer(text):
        a, b, y = int(m.group(1)), int(m.group(3)), m.group(4)
        year = int(y) if len(y) == 4 else 2000 + int(y)
        readings = set()
        for order in lex.numeric_orders:
            day, month = (a, b) if order == "dmy" else (b, a)
            d = _safe(year, month, day) if 1 <= month <= 12 else None
            if d:
                readings.add(d)
        if len(readings) == 1:  # two valid readings ("03/04/2021" in English) support no date
            out.append(
                _Candidate(m.start(), m.end(), PartialDate.from_date(readings.pop()), "explicit", None, 0)
            )
    return out


def _template_dates(text: str, lex: DateLexicon, published: PartialDate | None) -> list[_Candidate]:
    """Every template of the language data, resolved by the resolver of its kind."""
    out = []
    for pat in lex.patterns:
        for m in pat.regex.finditer(text):
            if m.end() == m.start():
                continue
            start, end = (
                m.span("core") if "core" in pat.regex.groupindex and m.group("core") is not None else m.span()
            )
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            start, end = start + lead, end - (len(text[start:end]) - len(text[start:end].rstrip()))
            resolved, relation = RESOLVERS[pat.kind](m, lex, pat, published)
            if (
                pat.kind == "date"
                and _g(m, "month") is None
                and _g(m, "year") is None
                and _g(m, "weekday") is None
            ):
                continue  # a bare day number is not a date
            basis = "explicit" if pat.kind in EXPLICIT_KINDS else "relative"
            if pat.kind == "date" and _g(m, "year") is None and _g(m, "day") is None:
                basis = "relative"  # "à la mi-octobre": the year comes from published
            if (
                resolved is not None
                and published is not None
                and _g(m, "year") is None
                and pat.kind in EXPLICIT_KINDS
                and lex.future_re.search(text[max(0, start - FUTURE_CUE_WINDOW) : start])
                and resolved.first_day() < published.first_day()
            ):
                # a deadline ("d'ici le 31 décembre") is the next occurrence, not the last one
                resolved = PartialDate(resolved.year + 1, resolved.month, resolved.day)
            out.append(_Candidate(start, end, resolved, basis, pat.relation or relation, 1))
    return out


def _relation(c: _Candidate, text: str, lex: DateLexicon, published: PartialDate | None) -> str | None:
    """future for deadlines and dates after published, recall for old ones, past otherwise."""
    if c.relation in ("future", "range"):
        return c.relation
    before, own = text[max(0, c.start - FUTURE_CUE_WINDOW) : c.start], text[c.start : c.end]
    if lex.future_re.search(before) or lex.future_start.search(own):
        return "future"
    if lex.since_re.search(before) or lex.since_start.search(own):
        return "since"
    if c.relation is not None:
        return c.relation
    if c.date is None or published is None:
        return None
    ref = _day(published) or published.last_day()
    if c.date.first_day() > ref + timedelta(days=FUTURE_GRACE_DAYS if c.date.day is None else 0):
        return "future"
    if c.date.last_day() < ref - timedelta(days=RECALL_DAYS):
        return "recall"
    return "past"


def find_dates(text: str, lang: str, published: PartialDate | None) -> list[DateMention]:
    """Date expressions in `text`, sorted by offset, spans relative to `text`.

    `basis` is `explicit` when the text names the date, `relative` when it is resolved against
    `published`. `relation` is `past`, `recall` (long before published, "il y a deux ans"),
    `future` (deadlines, "d'ici le 31 décembre"), `since` (a start, "depuis janvier") or `range`
    ("du 3 au 5 janvier"); None when nothing says. `date` is None when the text and `published` support no date.
    """
    lex = lexicon(lang)
    work = numbers.normalise_quotes(text)
    candidates = _numeric_dates(work, lex, published) + _template_dates(work, lex, published)
    candidates.sort(key=lambda c: (-(c.end - c.start), c.step, c.start))
    chosen: list[_Candidate] = []
    for c in candidates:
        if not any(o.start < c.end and c.start < o.end for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return [
        DateMention(
            span=Span(c.start, c.end),
            text=text[c.start : c.end],
            date=c.date,
            basis=c.basis,
            relation=_relation(c, work, lex, published),
        )
        for c in chosen
    ]
