"""The date lexicon of one language: `data/lang/<code>/dates.toml` parsed and its templates compiled.

    lexicon(lang) -> DateLexicon   (cached: once per process and language)

Every word of a language lives in that file; this module only turns the templates and their named
slots ({day} {month} {year} {weekday} ...) into regular expressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from wirewatch.mentions import numbers
from wirewatch.mentions.dategate import required_strings

#: Years accepted as years: modern press, and no four-digit count ("2500 soldats") beyond them.
YEAR_RE = r"(?<![\d.,])(?P<year>1[89]\d\d|20\d\d)(?![\d.,]\d)"
_DAY = r"(?<![\d.,])(?P<{name}>[12]\d|3[01]|0?[1-9])(?:{suffix})?(?![\d.,]\d|\d)"


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
    gate: tuple[str, ...] = ()  # lower-cased strings one of which every match contains (dategate)


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
        regex = re.compile(rf"(?<!\w)(?:{source})", re.IGNORECASE)  # every alternative starts a word
        patterns.append(
            Pattern(
                kind=p["kind"],
                regex=regex,
                offset=int(p.get("offset", 0)),
                which=p.get("which"),
                relation=p.get("relation"),
                gate=required_strings(regex),
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
