"""Counts stated by a text: digits, number words and vague counts, from per-language data files.

    find_numbers(text, lang) -> list[NumberMention]

Cascade, cheap to expensive, the first claim on a stretch of text wins:
vague phrases ("des dizaines", "dozens") -> number words ("vingt-deux", "two hundred") -> digits
("2 500", "2,500", "2.500"). Then non-counts are dropped: decimals, years and other parts of dates,
times, percentages, ordinals, money, measures, identifiers ("F-16"). An approximator right before a
count ("environ", "at least") joins the span and marks it approximate.

Every word of a language lives in `data/lang/<code>/numbers.toml`; this module holds none.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from wirewatch.errors import ResourceError
from wirewatch.languages import lang_file
from wirewatch.model import NumberMention, Span

#: Characters the approximator search looks back over; longer than any approximator phrase in the data.
APPROXIMATOR_WINDOW = 40
#: Multipliers below this scale the words before them ("deux cents"); from it on they close a group
#: ("deux mille cinq cents" = 2 * 1000 + 5 * 100), as written numbers are read in every language we know.
GROUP_SCALE = 1000
#: Characters after a number searched for a unit ("pour cent", "kilomètres"); longer than any unit.
NOT_COUNT_CLAIM = 20
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2032": "'"})


def normalise_quotes(text: str) -> str:
    """The text with typographic apostrophes made straight; same length, so offsets stay valid."""
    return text.translate(_APOSTROPHES)


def load_data(lang: str, name: str) -> dict:
    """A language data file parsed, or ResourceError saying which file to add or fix."""
    path = lang_file(lang, name)
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ResourceError(
            f"no {name} for language {lang!r}: add {path} (see src/wirewatch/data/README.md)"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"{path} is not valid TOML ({exc}): fix the file") from None


def _alternation(phrases) -> str:
    """A regex alternation of phrases, longest first, with any run of spaces between their words."""
    out = []
    for p in sorted(set(phrases), key=len, reverse=True):
        out.append(r"\s+".join(re.escape(w) for w in p.split()))
    return "|".join(out) if out else r"(?!x)x"


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    """The parsed `numbers.toml` of one language, with the regexes built from it."""

    lang: str
    words: dict[str, int]
    multipliers: dict[str, int]
    articles: frozenset[str]
    conjunction: str | None
    conj_after: frozenset[str]
    conj_before: frozenset[str]
    vague: dict[str, int]
    unstated: frozenset[str]  # vague phrases that state no number at all ("plusieurs"): convention only
    decimal: str
    words_re: re.Pattern
    word_re: re.Pattern
    digits_re: re.Pattern
    vague_re: re.Pattern
    approx_re: re.Pattern
    before_re: re.Pattern
    after_re: re.Pattern
    scale_re: re.Pattern


@cache
def lexicon(lang: str) -> NumberLexicon:
    """Load and compile `data/lang/<lang>/numbers.toml` once per process."""
    data = load_data(lang, "numbers.toml")
    words = {k.lower(): int(v) for k, v in data["words"].items()}
    for art in data.get("articles", []):
        words.setdefault(art.lower(), 1)
    multipliers = {k.lower(): int(v) for k, v in data["multipliers"].items()}
    conj = data.get("conjunction") or {}
    word_alt = _alternation(list(words) + list(multipliers))
    joiners = [re.escape(j) if j.strip() else r"\s+" for j in data.get("joiners", [" "])]
    if conj.get("word"):
        joiners.insert(0, r"\s+" + re.escape(conj["word"]) + r"\s+")
    seq = rf"(?:{word_alt})(?:(?:{'|'.join(joiners)})(?:{word_alt}))*"
    seps = "".join(re.escape(s) if s.strip() else "" for s in data["thousands_separators"])
    spaces = "".join(s for s in data["thousands_separators"] if not s.strip())
    sep_class = "[" + seps + re.escape(spaces) + "]"
    dec = re.escape(data["decimal_separator"])
    digits = rf"(?<![\w.,:/-])(\d{{1,3}}(?:{sep_class}\d{{3}})+|\d+)(?:{dec}(\d+))?(?!\w|[.,:/]\d)"
    vague = {k.lower(): int(v["value"]) for k, v in data.get("vague", {}).items()}
    return NumberLexicon(
        lang=lang,
        words=words,
        multipliers=multipliers,
        articles=frozenset(a.lower() for a in data.get("articles", [])),
        conjunction=(conj.get("word") or "").lower() or None,
        conj_after=frozenset(w.lower() for w in conj.get("after", [])),
        conj_before=frozenset(w.lower() for w in conj.get("before", [])),
        vague=vague,
        unstated=frozenset(k.lower() for k, v in data.get("vague", {}).items() if v.get("unstated")),
        decimal=data["decimal_separator"],
        words_re=re.compile(rf"(?<![\w-])(?:{seq})(?![\w-])", re.IGNORECASE),
        word_re=re.compile(rf"(?<!\w)(?:{word_alt})(?!\w)", re.IGNORECASE),
        digits_re=re.compile(digits),
        vague_re=re.compile(rf"(?<![\w-])(?:{_alternation(vague)})(?![\w-])", re.IGNORECASE),
        approx_re=re.compile(
            rf"(?<![\w])(?:{_alternation(data.get('approximators', []))})\s*$", re.IGNORECASE
        ),
        before_re=re.compile(rf"(?:{_alternation(data.get('not_count_before', []))})\s*$", re.IGNORECASE),
        after_re=re.compile(
            rf"^\s*(?:{_alternation(data.get('not_count_after', []))})(?![^\W\d_])", re.IGNORECASE
        ),
        scale_re=re.compile(
            rf"^\s+({_alternation(k for k, v in multipliers.items() if v >= GROUP_SCALE)})(?![\w])",
            re.IGNORECASE,
        ),
    )


def _segments(lex: NumberLexicon, match: re.Match) -> list[list[tuple[str, int, int]]]:
    """Split a run of number words into the numbers it holds ("cinq six" is two numbers)."""
    text = match.group(0)
    base = match.start()
    tokens = [(m.group(0).lower(), base + m.start(), base + m.end()) for m in lex.word_re.finditer(text)]
    # a conjunction word is itself a number word in no language we have, so the gaps reveal it
    segs: list[list[tuple[str, int, int]]] = []
    last_add: int | None = None  # last additive word of the current number ("vingt" in "vingt-deux")
    last_small: int | None = None  # last multiplier below GROUP_SCALE in the current group ("cent")
    last_big: int | None = None  # last group multiplier ("mille")
    prev_end = None
    for tok in tokens:
        word, s, _ = tok
        gap = match.string[prev_end:s].strip().lower() if prev_end is not None else ""
        ok = bool(segs)
        if ok and gap and gap == lex.conjunction:
            prev = segs[-1][-1][0]
            ok = (not lex.conj_after or prev in lex.conj_after) and (
                not lex.conj_before or word in lex.conj_before
            )
        elif ok and gap not in ("", "-"):
            ok = False
        mult = lex.multipliers.get(word)
        if ok and mult is not None:
            ok = (last_big is None or mult < last_big) if mult >= GROUP_SCALE else last_small is None
        elif ok:
            value = lex.words[word]
            ok = last_add is None or (last_add % 10 == 0 and last_add >= 10 and value < last_add)
        if not ok:
            segs.append([])
            last_add = last_small = last_big = None
        segs[-1].append(tok)
        if mult is not None and mult >= GROUP_SCALE:
            last_big, last_small, last_add = mult, None, None
        elif mult is not None:
            last_small, last_add = mult, None
        else:
            last_add = lex.words[word]
        prev_end = tok[2]
    return segs


def words_value(words: list[str], lang: str) -> int:
    """The value of a valid sequence of number words, e.g. ['deux', 'mille', 'cinq', 'cents'] -> 2500."""
    lex = lexicon(lang)
    total = current = 0
    for w in words:
        w = w.lower()
        if w in lex.multipliers:
            m = lex.multipliers[w]
            if m >= GROUP_SCALE:
                total += (current or 1) * m
                current = 0
            else:
                current = (current or 1) * m
        else:
            current += lex.words[w]
    return total + current


def is_unstated(mention: NumberMention, lang: str) -> bool:
    """True for a vague count that states no number ('plusieurs', 'a number of'): its value is only
    ACLED's fatality convention, which says nothing about other counts (injured, figures)."""
    words = re.sub(r"\s+", " ", normalise_quotes(mention.text).lower())
    return any(words == u or words.endswith(" " + u) for u in lexicon(lang).unstated)


def parse_count(phrase: str, lang: str) -> int | None:
    """The value of a count written in digits or words ('5', '2 500', 'vingt-deux'); None otherwise."""
    found = find_numbers(phrase, lang, articles=True, dates=False)
    if len(found) == 1 and found[0].span.start == 0 and found[0].span.end == len(phrase.strip()):
        return found[0].value
    return None


def _digit_value(lex: NumberLexicon, m: re.Match, text: str) -> tuple[int, int] | None:
    """(value, end) of a digit match, scaled by a following 'million'; None for a bare decimal."""
    integer = int(re.sub(r"\D", "", m.group(1)))
    scale = lex.scale_re.match(text[m.end() :])
    if m.group(2) is not None:
        if not scale:
            return None  # decimals are not counts
        value = float(f"{integer}.{m.group(2)}") * lex.multipliers[scale.group(1).lower()]
        return round(value), m.end() + scale.end()
    if scale:
        return integer * lex.multipliers[scale.group(1).lower()], m.end() + scale.end()
    return integer, m.end()


def _candidates(text: str, lex: NumberLexicon, articles: bool) -> list[tuple[int, int, int, bool]]:
    """(start, end, value, approximate) from each step of the cascade, in cascade order."""
    out: list[tuple[int, int, int, bool]] = []
    for m in lex.vague_re.finditer(text):
        out.append((m.start(), m.end(), lex.vague[re.sub(r"\s+", " ", m.group(0).lower())], True))
    for m in lex.digits_re.finditer(text):
        got = _digit_value(lex, m, text)
        if got is not None:
            out.append((m.start(), got[1], got[0], False))
    for m in lex.words_re.finditer(text):
        for seg in _segments(lex, m):
            words = [w for w, _, _ in seg]
            if len(words) == 1 and words[0] in lex.articles and not articles:
                continue
            out.append((seg[0][1], seg[-1][2], words_value(words, lex.lang), False))
    return out


def _is_count(text: str, lex: NumberLexicon, start: int, end: int) -> bool:
    """False when the words around a number say it is money, time, a percentage or a measure.

    The caller claims the text up to NOT_COUNT_CLAIM characters after a refused number, so that
    the 'cent' of '30 pour cent' is not read as a count of its own."""
    if lex.before_re.search(text[max(0, start - 12) : start]):
        before = text[max(0, start - 12) : start].rstrip()
        m = lex.before_re.search(before + " ")
        # a word-like marker ("no", "page") must be a whole word, a symbol may touch the number
        if m and (not m.group(0)[:1].isalpha() or m.start() == 0 or not before[m.start() - 1].isalpha()):
            return False
    return not lex.after_re.match(text[end : end + NOT_COUNT_CLAIM])


def find_numbers(text: str, lang: str, *, articles: bool = False, dates: bool = True) -> list[NumberMention]:
    """Counts in `text` (spans relative to it), sorted by offset.

    `articles=True` also returns the indefinite articles that are counts in context ('une fillette',
    'a contractor' = 1); by default they are skipped because most are plain articles.
    `dates=False` skips the exclusion of numbers inside date expressions (used by the date finder).
    Vague counts ('des dizaines' = 12) and numbers after an approximator ('environ 200') are
    `approximate`; their values follow ACLED's conventions, documented in numbers.toml.
    """
    lex = lexicon(lang)
    work = normalise_quotes(text)
    # one flag per character: claimed by an earlier step of the cascade / inside a date expression
    claimed = bytearray(len(text))
    in_date = bytearray(len(text))
    if dates:
        from wirewatch.mentions.dates import find_dates  # dates use number words too

        for d in find_dates(text, lang, None):
            in_date[d.span.start : d.span.end] = b"\x01" * (d.span.end - d.span.start)
    out = []
    for start, end, value, approx in _candidates(work, lex, articles):
        if any(claimed[start:end]):
            continue
        claimed[start:end] = b"\x01" * (end - start)
        if any(in_date[start:end]):
            continue
        if not _is_count(work, lex, start, end):
            after = lex.after_re.match(work[end : end + NOT_COUNT_CLAIM])
            if after:
                claimed[end : end + after.end()] = b"\x01" * after.end()
            continue
        m = lex.approx_re.search(work[max(0, start - APPROXIMATOR_WINDOW) : start])
        if m:
            start = start - (len(work[max(0, start - APPROXIMATOR_WINDOW) : start]) - m.start())
            approx = True
        out.append(
            NumberMention(span=Span(start, end), text=text[start:end], value=value, approximate=approx)
        )
    return sorted(out, key=lambda n: n.span.start)


def find_casualties(text: str, lang: str):
    """Killed and injured counts: `wirewatch.mentions.casualties.find_casualties`, re-exported here
    because the architecture lists casualties under numbers."""
    from wirewatch.mentions.casualties import find_casualties as _find  # casualties imports numbers

    return _find(text, lang)
