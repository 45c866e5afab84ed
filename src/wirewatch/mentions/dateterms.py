"""What the actors a text names say about its date, for texts without a publication date.

    bounds(text, lang) -> tuple[Bound, ...]
    fits(day, bounds) -> bool

A reader dates "mardi 31 décembre" to 2019 when the text speaks of "le président américain Donald
Trump": a Tuesday 31 December falls in 2013, 2019, 2024 and 2030, and only 2019 lies in one of his
terms. The knowledge is data: the optional `active` periods and `died` dates of
`data/actors/*.jsonl`, and the title, former and death words of `data/lang/<code>/terms.toml`.

Which mentions bound the text's date (each a choice; tests pin them):
- office: a person named WITH an office title in the present, right before the name ("le président
  américain Donald Trump", "Gen. Kenneth McKenzie") or in apposition right after it ("Kenneth McKenzie,
  chef du commandement"): the text's day lies in one of the person's `active` periods (a little
  before its start is allowed: START_SLACK_DAYS, an event reported late). A bare name bounds nothing (a
  text may name a candidate, a past president), nor a title with a former word near it ("l'ancien
  président", "de l'époque", "déchu", "élu"). For a person who has died only the start of the
  periods bounds: texts keep the title of the dead ("Soleimani, commandant de la force Qods, tué").
- death: a person the text recalls as dead ("l'assassinat de Qassem Soleimani", "the late"): the text
  is later than the death. A death is an anchor like a year the text writes (mentions.dates).
- founded: an organisation named at all: the text is later than the start of its first period (its
  name did not exist before). Its end bounds nothing: texts recall dissolved groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from wirewatch.errors import ResourceError
from wirewatch.knowledge.normalise import fold
from wirewatch.mentions import numbers
from wirewatch.model import Span

__all__ = ["START_SLACK_DAYS", "Bound", "bounds", "fits"]

#: Days an event may precede the start of the period that dates its text: a report names the
#: office-holder of its own day, and a text writes a weekday ("mardi 31 décembre") for a day of the
#: week before it (a week, as mentions.dateresolve.FUTURE_GRACE_DAYS ahead).
START_SLACK_DAYS = 7
#: Characters a title may lie before the name it qualifies ("secrétaire d'Etat américain " is 23):
#: a title and its nationality or organisation complement, not a whole clause.
TITLE_GAP = 45
#: Characters looked back over for a former word ("l'ancien chef du Centcom, le général ...") and
#: for a death word with its complement ("le commandant de la Force iranienne Qods " after "tué" is 41).
FORMER_WINDOW = 80
DEATH_GAP = 45
#: Characters after the name where an apposition may put the office in the past (", renversé en").
AFTER_WINDOW = 40
#: Texts whose bounds are kept (a document's date resolution asks twice for the same text).
BOUNDS_CACHE_SIZE = 4
#: Aliases shorter than this are not searched: two-letter acronyms ("EI", "IS") are ordinary words.
MIN_ALIAS_LENGTH = 3
_CLAUSE_END = re.compile(r"[.!?;:\n()«»\"“”\[\]]")
_GAP_STOP = re.compile(r"[.!?;:\n()«»\"“”\[\]]|,(?=.)|\s(?:et|and|ou|or)\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Bound:
    """What one mention of a known actor says about the date of the text that names it."""

    name: str  # canonical name in the actor knowledge base
    span: Span  # the name in the text
    kind: str  # office | death | founded
    periods: tuple[tuple[date, date | None], ...]  # the text's day lies in one of these (None: open)


@dataclass(frozen=True, slots=True)
class _Words:
    titles: re.Pattern  # a title ending the window before a name
    apposition: re.Pattern  # ", chef du ..." right after a name
    former: re.Pattern
    death: re.Pattern  # a death word, then a short complement, ending the window before a name
    death_after: re.Pattern  # ", tué ..." right after a name


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@cache
def _words(lang: str) -> _Words | None:
    """The compiled words of `data/lang/<lang>/terms.toml`; None for a language without the file."""
    try:
        data = numbers.load_data(lang, "terms.toml")
    except ResourceError:
        return None
    titles, former, death, agents = (_alternation(data.get(k, ())) or "(?!)"
                                     for k in ("titles", "former", "death", "death_agents"))
    flags = re.IGNORECASE
    return _Words(
        titles=re.compile(rf"(?<!\w)(?:{titles})(?!\w)", flags),
        apposition=re.compile(rf"^\s*,\s*(?:(?:le|la|l'|the|a|an|son|sa|its|their)\s*)?(?:{titles})(?!\w)", flags),
        former=re.compile(rf"(?<!\w)(?:{former})(?!\w)|(?<!\w)ex-", flags),
        # a phrase may end with an elided "d'" glued to the name; the gap names no agent ("tués par")
        death=re.compile(rf"(?<!\w)(?:{death})(?:(?<=')|(?!\w))(?![^.!?;:\n]*(?<!\w)(?:{agents})(?!\w))"
                         rf"[^.!?;:\n]{{0,{DEATH_GAP}}}$", flags),
        death_after=re.compile(rf"^\s*,\s*(?:{death})(?!\w)(?!\s+(?:{agents})(?!\w))", flags),
    )


@cache
def _names() -> tuple[re.Pattern, dict[str, str]] | None:
    """One regex over the aliases of every dated actor, and folded alias -> canonical name."""
    try:
        from wirewatch.knowledge.actors import ActorKB

        kb = ActorKB.default()
    except (ImportError, ResourceError):
        return None
    owner: dict[str, str] = {}
    acronyms, words = set(), set()
    for canon in kb.dated():
        for alias in kb.aliases(canon):
            if len(alias) < MIN_ALIAS_LENGTH:
                continue
            owner.setdefault(fold(alias), canon)
            (acronyms if alias.isupper() else words).add(alias)
    if not owner:
        return None
    # acronyms only as written ("PMF", not "pmf"); names in any case
    alt = f"(?-i:{_alternation(acronyms) or '(?!)'})|{_alternation(words) or '(?!)'}"
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE), owner


def _clause_before(text: str, start: int, width: int) -> str:
    """The text before `start` back to `width` characters or to the end of the previous clause."""
    window = text[max(0, start - width) : start]
    cut = [m.end() for m in _CLAUSE_END.finditer(window)]
    return window[cut[-1] :] if cut else window


def _titled(text: str, m: re.Match, words: _Words, others: list[tuple[int, int]]) -> bool:
    """Whether the name matched at `m` carries an office title in the present."""
    before = _clause_before(text, m.start(), FORMER_WINDOW)
    after = text[m.end() : m.end() + AFTER_WINDOW]
    after = after[: (c.start() if (c := _CLAUSE_END.search(after)) else len(after))]
    if words.former.search(before) or words.former.search(after):
        return False
    if words.apposition.search(after):
        return True
    near = before[-TITLE_GAP - 30 :]
    hits = list(words.titles.finditer(near))
    if not hits:
        return False
    gap = near[hits[-1].end() :]
    gap_start = m.start() - len(gap)
    if len(gap) > TITLE_GAP or _GAP_STOP.search(gap.rstrip(", ")):
        return False
    # another known name between the title and this one: the title is that other person's
    return not any(gap_start <= s and e <= m.start() for s, e in others)


def _bound(text: str, m: re.Match, canon: str, words: _Words, kb, others) -> Bound | None:
    actor, periods, died = kb.get(canon), kb.active(canon), kb.died(canon)
    span = Span(m.start(), m.end())
    if actor.kind != "person":
        return Bound(canon, span, "founded", ((periods[0][0], None),)) if periods else None
    if died is not None and (words.death.search(_clause_before(text, m.start(), FORMER_WINDOW))
                             or words.death_after.search(text[m.end() : m.end() + AFTER_WINDOW])):
        return Bound(canon, span, "death", ((died, None),))
    if not periods or not _titled(text, m, words, others):
        return None
    if died is not None:  # the dead keep their title in recollections: only the start bounds
        return Bound(canon, span, "office", ((min(p[0] for p in periods), None),))
    return Bound(canon, span, "office", periods)


@lru_cache(maxsize=BOUNDS_CACHE_SIZE)
def bounds(text: str, lang: str) -> tuple[Bound, ...]:
    """The bounds on the date of `text` that its mentions of dated actors give (module doc), in text
    order; () for a language without `terms.toml` or when the actor data are missing."""
    words, names = _words(lang), _names()
    if words is None or names is None:
        return ()
    from wirewatch.knowledge.actors import ActorKB

    kb = ActorKB.default()
    regex, owner = names
    text = numbers.normalise_quotes(text)  # one apostrophe in the word lists ("de l'époque")
    matches = [(m, owner.get(fold(m.group()))) for m in regex.finditer(text)]
    spans = [(m.start(), m.end()) for m, canon in matches if canon]
    out = []
    for m, canon in matches:
        if canon is None:
            continue
        bound = _bound(text, m, canon, words, kb, spans)
        if bound is not None:
            out.append(bound)
    return tuple(out)


def fits(day: date, found: tuple[Bound, ...] | list[Bound], open_end: date) -> bool:
    """Whether an event on `day` can be the news of a text with these bounds: inside one period of
    every bound, an open period lasting until `open_end`; START_SLACK_DAYS of slack before each start."""
    slack = timedelta(days=START_SLACK_DAYS)
    return all(any(first - slack <= day <= (last or open_end) for first, last in b.periods) for b in found)
