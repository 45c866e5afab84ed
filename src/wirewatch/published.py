"""When an article was published: a cascade of named steps, cheapest and most trusted first.

    given (CLI / JSONL / feed) -> html-meta (htmldate, no deep body search) -> url
          -> text-line (a `date YYYY-MM` header, else a date stamp in the first lines) -> unknown

Each step returns a `PartialDate` or None. The cascade stops at the first date known to the day; a
step that knows only the month or the year is kept and may be *refined* by a later step that agrees
with it (same year, same month when known) and is more precise; a later step that disagrees is
ignored. The basis reported is the step that gave the final value: `given`, `feed`, `html-meta`,
`url`, `text-line` or `unknown` (the strings of `model.Document.published_basis`).

Never today's date by default: no step falls back to the clock, and dates after today or before
`MIN_YEAR` are rejected as scraping noise.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cache

from wirewatch import languages
from wirewatch.model import Article, PartialDate

#: Dates before this year are not publication dates of online news (they are ids or history).
MIN_YEAR = 1990
#: Unix timestamps used as URL ids (e.g. `/1705814807-slug`) are read only in this range of seconds:
#: 2011-01-01 .. 2033-05-18, the years such ids have been in use; other 10-digit numbers are ids.
EPOCH_MIN, EPOCH_MAX = 1_293_840_000, 2_000_000_000

#: A scraped dump may start with a metadata line ` date 2022-01` or `date 2022-01-03` (the date on its
#: own or followed by the first sentence on the same line).
DATE_HEADER = re.compile(r"\A\s*date\s+((?:19|20)\d{2}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)(?![\d-])[ \t]*\n?")

_Y = r"((?:19|20)\d{2})"
_M = r"(0[1-9]|1[0-2])"
_D = r"(0[1-9]|[12]\d|3[01])"
_END = r"(?=[/_.\-?#]|$)"
#: URL date patterns, most precise first: /2020/01/05/, /2020-03-11/, /20200829/ or /20190702-slug,
#: /2020/0217/, /2020/03/, /2021/ (a year segment on its own).
_URL_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"/{_Y}[/\-_]{_M}[/\-_]{_D}{_END}"), "day"),
    (re.compile(rf"[\-_]{_Y}-{_M}-{_D}{_END}"), "day"),
    (re.compile(rf"[/_\-]{_Y}{_M}{_D}{_END}"), "day"),
    (re.compile(rf"/{_Y}/{_M}{_D}{_END}"), "day"),
    (re.compile(rf"/{_Y}[/\-]{_M}{_END}"), "month"),
    (re.compile(rf"/{_Y}/(?!\d)"), "year"),  # /2021/top-news/, not /2020/13/45/
)
_URL_EPOCH = re.compile(r"/(1[2-9]\d{8})(?=[\-_.])")
#: A MongoDB ObjectId ending a slug (24 hex digits): its first 8 hex digits are a unix timestamp.
_URL_OBJECT_ID = re.compile(r"[/\-_]([0-9a-f]{8})[0-9a-f]{16}(?=[/?#.]|$)")


def _today() -> date:
    return datetime.now(UTC).date()


def _plausible(d: PartialDate | None) -> PartialDate | None:
    """`d` unless it is before MIN_YEAR or after today (a typo, an id or a clock error)."""
    if d is None or d.year < MIN_YEAR or d.first_day() > _today():
        return None
    return d


def _safe(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    try:
        return _plausible(PartialDate(year, month, day))
    except ValueError:
        return None


def from_given(article: Article, text: str) -> PartialDate | None:
    """The date the user, the JSONL line or the feed gave (ISO `YYYY`, `YYYY-MM`, `YYYY-MM-DD`...)."""
    if not article.published:
        return None
    try:
        return PartialDate.parse(article.published)
    except ValueError:
        return None


def from_html_meta(article: Article, text: str) -> PartialDate | None:
    """The original publication date in the page's metadata (htmldate, no extensive body search)."""
    if not article.html:
        return None
    try:
        from htmldate import find_date

        found = find_date(
            article.html,
            extensive_search=False,
            original_date=True,
            outputformat="%Y-%m-%d",
            max_date=_today().isoformat(),
        )
    except Exception:  # htmldate raises on odd markup; a missing date is not an error  # noqa: BLE001
        return None
    try:
        return _plausible(PartialDate.parse(found)) if found else None
    except ValueError:
        return None


def date_in_url(url: str | None) -> PartialDate | None:
    """A date written in a URL path: /2021/07/29/, /2020-03-11/, slug-2021-05-01/, /20200829/,
    /2020/0217/, /2020/03/, /2021/, a unix-timestamp id (/1705814807-slug) or a MongoDB ObjectId
    ending the slug (its first 4 bytes are a timestamp). None when the URL has none."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE)
    for pattern, precision in _URL_PATTERNS:
        for m in pattern.finditer(path):
            y = int(m.group(1))
            mo = int(m.group(2)) if precision != "year" else None
            d = int(m.group(3)) if precision == "day" else None
            found = _safe(y, mo, d)
            if found:
                return found
    for pattern, base in ((_URL_EPOCH, 10), (_URL_OBJECT_ID, 16)):
        m = pattern.search(path)
        if m and EPOCH_MIN <= int(m.group(1), base) <= EPOCH_MAX:
            stamp = datetime.fromtimestamp(int(m.group(1), base), tz=UTC).date()
            return _plausible(PartialDate.from_date(stamp))
    return None


_CANONICAL = (
    re.compile(r"""<link\b[^>]*\brel=["']canonical["'][^>]*\bhref=["']([^"']+)""", re.IGNORECASE),
    re.compile(r"""<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["']canonical["']""", re.IGNORECASE),
    re.compile(r"""<meta\b[^>]*\bproperty=["']og:url["'][^>]*\bcontent=["']([^"']+)""", re.IGNORECASE),
)


def page_url(article: Article) -> str | None:
    """The article's URL, else its source when that is a URL, else the canonical URL a saved HTML
    page declares (link rel / og:url)."""
    if article.url:
        return article.url
    if article.source.lower().startswith(("http://", "https://")):
        return article.source
    if not article.html:
        return None
    head = article.html[:20000]  # the <head>; no need to scan a whole page
    for pattern in _CANONICAL:
        m = pattern.search(head)
        if m:
            return m.group(1)
    return None


def from_url(article: Article, text: str) -> PartialDate | None:
    """Step: the date in the article's URL (or the canonical URL of a saved page)."""
    return date_in_url(page_url(article))


def split_date_header(text: str) -> tuple[PartialDate | None, str]:
    """A leading `date YYYY-MM[-DD]` metadata line and the text without it.

    Returns `(None, text)` unchanged when the text does not start with such a header.
    """
    m = DATE_HEADER.match(text)
    if not m:
        return None, text
    try:
        found = _plausible(PartialDate.parse(m.group(1)))
    except ValueError:  # 'date 2021-02-30': still a metadata header, but no date to take from it
        found = None
    return found, text[m.end() :]


def from_text_line(article: Article, text: str) -> PartialDate | None:
    """Step: a `date YYYY-MM` / `date YYYY-MM-DD` header at the top of a text dump."""
    return split_date_header(text)[0]


#: A publication stamp sits in the first few lines of a dump (title, byline, date); later lines are
#: article prose whose dates are events, not publication.
DATELINE_MAX_LINES = 6
#: Words besides the date allowed on a stamp line ('Published on', 'AP', 'à 10h54'): a headline that
#: contains a date has more words than this.
DATELINE_MAX_OTHER_WORDS = 1
_STAMP_WORDS = {
    "published", "updated", "posted", "last", "on", "at", "date", "publié", "publiée", "publie", "le", "à",
    "mis", "mise", "jour", "dernière", "modifié", "modifiée", "gmt", "utc", "am", "pm", "h", "cet", "cest",
}  # fmt: skip


@cache
def _calendar_words() -> tuple[dict[str, int], frozenset[str]]:
    """Month names (-> number) and weekday names of every supported language (`dates.toml`)."""
    months: dict[str, int] = {}
    weekdays: set[str] = set()
    for code in languages.supported():
        path = languages.lang_file(code, "dates.toml")
        if not path.exists():
            continue
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        months.update({k.casefold().rstrip("."): int(v) for k, v in data.get("months", {}).items()})
        weekdays.update(k.casefold() for k in data.get("weekdays", {}))
    # stamps abbreviate months to three letters ('Jul 27, 2021'): add those that name one month only
    short: dict[str, set[int]] = {}
    for name, number in months.items():
        if len(name) > 3 and name.isalpha():
            short.setdefault(name[:3], set()).add(number)
    for abbr, numbers in short.items():
        if len(numbers) == 1 and abbr not in months:
            months[abbr] = numbers.pop()
    return months, frozenset(weekdays)


@cache
def _stamp_patterns() -> tuple[re.Pattern[str], ...]:
    months, _ = _calendar_words()
    if not months:
        return ()
    names = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    day, year = r"(?P<d>\d{1,2})(?:er|st|nd|rd|th)?", r"(?P<y>(?:19|20)\d{2})"
    return (
        re.compile(rf"\b{day}\s+(?P<m>{names})\.?,?\s+{year}\b", re.IGNORECASE),
        re.compile(rf"\b(?P<m>{names})\.?\s+{day},?\s*{year}\b", re.IGNORECASE),
        re.compile(rf"\b{year}-(?P<mn>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
    )


def _stamp_in(line: str) -> PartialDate | None:
    """The date of a publication stamp line ('31 December 2019, 14:00', 'Jul 27,2021: ...')."""
    months, weekdays = _calendar_words()
    for pattern in _stamp_patterns():
        m = pattern.search(line)
        if not m:
            continue
        month = int(m.group("mn")) if "mn" in m.groupdict() else months.get(m.group("m").casefold().rstrip("."))
        found = _safe(int(m.group("y")), month, int(m.group("d")))
        if found is None:
            return None
        before, after = line[: m.start()], line[m.end() :]
        if re.match(r"\s*[:|–—-]\s", after) and not re.search(r"[^\W\d_]{2,}", before.replace(",", " ").strip(" ,")):
            return found  # 'Jul 27,2021: US President ...': a dated lead
        rest = re.sub(r"\d{1,2}[:h]\d{2}|\d+", " ", before + " " + after)
        words = [w for w in re.findall(r"[^\W\d_]+", rest.casefold()) if w not in _STAMP_WORDS and w not in weekdays]
        return found if len(words) <= DATELINE_MAX_OTHER_WORDS else None
    return None


def from_dateline(article: Article, text: str) -> PartialDate | None:
    """Step: a publication stamp among the first lines of the text: a line that is a full date
    (day, month name, year; or ISO), with at most a time, a weekday and 'Published'/'Publié le',
    or a lead that starts with such a date followed by a colon or a dash."""
    lines = [line for line in text.split("\n") if line.strip()][:DATELINE_MAX_LINES]
    for line in lines:
        found = _stamp_in(line)
        if found:
            return found
    return None


Step = Callable[[Article, str], PartialDate | None]
#: The cascade, cheapest and most trusted first, with the basis each step reports.
CASCADE: tuple[tuple[str, Step], ...] = (
    ("given", from_given),
    ("html-meta", from_html_meta),
    ("url", from_url),
    ("text-line", from_text_line),
    ("text-line", from_dateline),
)


def _refines(better: PartialDate, known: PartialDate) -> bool:
    """True when `better` is more precise than `known` and agrees with it."""
    order = {"year": 0, "month": 1, "day": 2}
    if order[better.precision] <= order[known.precision]:
        return False
    if better.year != known.year:
        return False
    return known.month is None or better.month == known.month


def find_published(article: Article, text: str) -> tuple[PartialDate | None, str]:
    """The publication date of an article and its basis, or `(None, "unknown")`.

    `text` is the article text before cleaning (the `text-line` step reads its first line).
    A date given with the article is trusted over anything inferred; its basis is the article's
    `published_basis` (e.g. `feed`) when a source set one, else `given`.
    """
    best: PartialDate | None = None
    basis = "unknown"
    for name, step in CASCADE:
        found = step(article, text)
        if found is None:
            continue
        if name == "given" and article.published_basis:
            name = article.published_basis
        if best is None or _refines(found, best):
            best, basis = found, name
        if best.precision == "day":
            break
    return best, basis
