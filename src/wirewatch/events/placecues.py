"""Place cues and cue-based place detection (split out of placing.py, same behaviour).

`place_cues(lang)` reads `data/lang/<code>/places.toml`; `detect_places` finds the towns the entity
patterns missed after a place cue ("in", "the village of", "près de") or before a place noun ("X
countryside"); `name_runs`, `fragment_of`, `compound_adjective`, `street_name`, `not_the_place` say what a matched
name is part of. Pure text functions over a ParsedDoc: no DocContext, so `events.context` may use
them while it builds one.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from wirewatch.languages import lang_file
from wirewatch.model import Span

# --- cue-based detection ----------------------------------------------------------------------
# Small towns enter the EntityRuler patterns with few spellings, and news transliterate freely
# (Mzeireb, Menbij, Tal Hmis): a capitalised name after a place cue ("in", "the village of", "près
# de") or before a place noun ("X countryside") is looked up in the gazetteer instead.

#: Most words a detected name may have ("Ras al Ain", "Deir ez Zor", "Kafr Nabudah al Gharbi").
MAX_NAME_WORDS = 5
#: Characters before a name searched for a cue: the longest cue ("dans les environs de") fits.
CUE_REACH = 40
#: Names shorter than this (letters) are not detected: two-letter capitals are initials or codes.
MIN_NAME_LETTERS = 3
#: Labels of entities a detected name must not overlap: another recogniser said actor or person.
NOT_PLACE_LABELS = ("ACTOR", "PER", "PERSON", "ORG", "NORP")
#: Precisions a detected name may resolve to (countries are all in the patterns already).
DETECTED_PRECISIONS = ("site", "town", "district", "admin1")

_WORD = re.compile(r"[dlDL]['’](?=[^\W\d_])|[^\W\d_][\w'’ʼ‘-]*")
_BOUNDARY = re.compile(r"[.!?;:\n]")


@dataclass(frozen=True, slots=True)
class PlaceCues:
    """The place cues of one language (`data/lang/<code>/places.toml`), normalised word tuples."""

    before: tuple[tuple[str, ...], ...]
    after: tuple[tuple[str, ...], ...]
    particles: frozenset[str]
    stop: frozenset[str]
    admin1_after: tuple[str, ...]
    admin1_before: tuple[str, ...]
    container_links: frozenset[str] = frozenset()
    container_modifiers: frozenset[str] = frozenset()
    street_after: tuple[tuple[str, ...], ...] = ()
    street_before: tuple[tuple[str, ...], ...] = ()
    slogan_before: tuple[tuple[str, ...], ...] = ()
    party_verbs: frozenset[str] = frozenset()
    party_gap: frozenset[str] = frozenset()
    clause_openers: tuple[tuple[str, ...], ...] = ()


_ELISION = re.compile(r"\b([dlDL])['’]")
_APOSTROPHES = "'’ʼ"
_SEPARATORS = re.compile(r"[-'’ʼ‘,()\"«»]")
#: Distinct strings `_norm` remembers: most calls repeat a window already seen (the same 40
#: characters around a place are read by several cues), and a document has a few thousand.
NORM_CACHE_SIZE = 4096


@lru_cache(maxsize=NORM_CACHE_SIZE)
def _norm(text: str) -> str:
    """Lower case, no accents, elisions as words (d' -> de), hyphens and apostrophes as spaces."""
    text = _ELISION.sub(lambda m: m.group(1).lower() + "e ", text)
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_SEPARATORS.sub(" ", text).split())


@cache
def place_cues(lang: str) -> PlaceCues:
    """The place cues of a language; empty (no detection) when it has no places.toml."""
    path = lang_file(lang, "places.toml")
    raw = {}
    if path.exists():
        with path.open("rb") as fh:
            raw = tomllib.load(fh)

    def words(key):
        return tuple(sorted({tuple(_norm(w).split()) for w in raw.get(key, []) if _norm(w)}, key=len, reverse=True))

    return PlaceCues(words("before"), words("after"), frozenset(_norm(w) for w in raw.get("particles", [])),
                     frozenset(_norm(w) for w in raw.get("stop", [])),
                     tuple(_norm(w) for w in raw.get("admin1_after", [])),
                     tuple(_norm(w) for w in raw.get("admin1_before", [])),
                     frozenset(_norm(w) for w in raw.get("container_links", [])),
                     frozenset(_norm(w) for w in raw.get("container_modifiers", [])),
                     street_after=words("street_after"), street_before=words("street_before"),
                     slogan_before=words("slogan_before"),
                     party_verbs=frozenset(_norm(w) for w in raw.get("party_verbs", [])),
                     party_gap=frozenset(_norm(w) for w in raw.get("party_gap", [])),
                     clause_openers=words("clause_openers"))


def _capitalised(word: str, cues: PlaceCues) -> bool:
    return word[0].isupper() and _norm(word) not in cues.stop


def _starts_name(word: str, cues: PlaceCues) -> bool:
    """A capitalised word, or an article hyphenated to one ('al-Bab', 'ad-Dana')."""
    if _capitalised(word, cues):
        return True
    head, _, rest = word.partition("-")
    return bool(rest) and head.lower() in cues.particles and rest[0].isupper()


def _candidates(text: str, cues: PlaceCues):
    """(start, end) of capitalised word runs: particles allowed between capitalised words."""
    words = [(m.start(), m.end() - _trail(m.group())) for m in _WORD.finditer(text)]
    i = 0
    while i < len(words):
        s, e = words[i]
        w = text[s:e]
        if len(w) < 2 or not _starts_name(w, cues) or text[s:e].lower() in ("d'", "l'", "d’", "l’"):
            i += 1
            continue
        j, end = i + 1, e
        while j < len(words) and j - i < MAX_NAME_WORDS and not text[end:words[j][0]].strip():
            w2 = text[words[j][0]:words[j][1]]
            if _starts_name(w2, cues):
                end, j = words[j][1], j + 1
            elif w2.lower() in cues.particles and j + 1 < len(words) and not text[words[j][1]:words[j + 1][0]].strip() \
                    and _capitalised(text[words[j + 1][0]:words[j + 1][1]], cues):
                end, j = words[j + 1][1], j + 2
            else:
                break
        yield s, end
        i = j


def _trail(word: str) -> int:
    """Characters to drop at the end of a word: a possessive 's, a dangling hyphen or apostrophe."""
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            return len(suffix)
    return len(word) - len(word.rstrip("-'’ʼ‘"))


def words_before(text: str, start: int) -> list[str]:
    """The folded words of the same clause right before `start` (within CUE_REACH characters)."""
    return _norm(_BOUNDARY.split(text[max(0, start - CUE_REACH):start])[-1]).split()


def words_after(text: str, end: int) -> list[str]:
    """The folded words of the same clause right after `end` (within CUE_REACH characters)."""
    return _norm(_BOUNDARY.split(text[end:end + CUE_REACH])[0]).split()


def ends_with(words: list[str], terms) -> bool:
    """`words` end with one of the word tuples `terms`."""
    return any(len(c) <= len(words) and tuple(words[-len(c):]) == c for c in terms)


def starts_with(words: list[str], terms) -> bool:
    """`words` start with one of the word tuples `terms`."""
    return any(tuple(words[:len(c)]) == c for c in terms)


def _cued(text: str, start: int, end: int, cues: PlaceCues) -> bool:
    """A place cue right before the name, or a place noun right after it (same clause; a possessive
    comes between: "Maadan's outskirts")."""
    after = words_after(text, end)
    if after[:1] == ["s"] and text[end:end + 1] in _APOSTROPHES:
        after = after[1:]
    return ends_with(words_before(text, start), cues.before) or starts_with(after, cues.after)


def _contained(text: str, end: int, cues: PlaceCues, taken: list[Span]) -> bool:
    """The name is followed by a container link and a known place ('Daret Azza in Aleppo')."""
    m = re.match(r"\s+(\w+)\s+", text[end:end + CUE_REACH])
    return bool(m) and _norm(m.group(1)) in cues.container_links and any(t.start == end + m.end() for t in taken)


def detect_places(parsed, gaz, countries: tuple[str, ...], taken: list[Span], kb=None,
                  strict: bool = True) -> list[tuple[Span, str, object]]:
    """Places named after a place cue or before a place noun that the entity patterns missed:
    (span, written name, Place), each resolved by the gazetteer cascade preferring `countries`;
    `strict` refuses a place outside them (set it when they come from places the text names,
    not only from actors: Israeli forces raid a Palestinian town).

    A name overlapping `taken` (places already found) or an actor/person entity is skipped, as is
    one the actor knowledge base knows or a nationality adjective ('Kurdish areas')."""
    cues = place_cues(parsed.lang)
    if not cues.before and not cues.after:
        return []
    text = parsed.text
    blocked = list(taken) + [e.span for e in parsed.entities if e.label in NOT_PLACE_LABELS]
    out = []
    for start, end in _candidates(text, cues):
        if any(start < b.end and b.start < end for b in blocked):
            continue
        name = text[start:end]
        if sum(c.isalpha() for c in name) < MIN_NAME_LETTERS or not (
                _cued(text, start, end, cues) or _contained(text, end, cues, taken)):
            continue
        if not_the_place(text, Span(start, end), parsed.lang) or compound_adjective(text, Span(start, end)):
            continue
        if gaz.country_of_adjective(name) or (kb is not None and kb.match(name) is not None):
            continue
        try:
            place = gaz.resolve(name, countries)
        except (KeyError, ValueError, TypeError):
            place = None
        if place is None or place.precision not in DETECTED_PRECISIONS:
            continue
        if strict and countries and place.country not in countries:
            continue
        out.append((Span(start, end), name, place))
    return out


def name_runs(text: str, lang: str) -> list[Span]:
    """Every capitalised name run of a text (what `detect_places` considers), cue or not."""
    return [Span(s, e) for s, e in _candidates(text, place_cues(lang))]


def fragment_of(text: str, lang: str, span: Span, runs: list[Span]) -> Span | None:
    """The longer name a place match is only part of ('Saba' in 'Al-Saba Bahrat', 'Balad' in
    'Daraa Al-Balad'), or None when the match is the whole name. Extra words that are place nouns,
    articles or stop words ('Idleb City', 'Ash Shula') do not make a longer name."""
    cues = place_cues(lang)
    run = next((r for r in runs if r.start <= span.start and span.end <= r.end), None)
    if run is None or (run.start, run.end) == (span.start, span.end):
        return None
    extra = _norm(text[run.start:span.start] + " " + text[span.end:run.end]).split()
    nouns = {w for c in cues.after for w in c}
    if all(w in cues.particles or w in cues.stop or w in nouns for w in extra):
        return None
    return run


def compound_adjective(text: str, span: Span) -> bool:
    """A place name inside a hyphenated adjective ('Washington-led', 'Iran-backed', 'Idlib-based')
    names a party or an origin, not where something happened."""
    return text[span.end:span.end + 1] == "-" and text[span.end + 1:span.end + 2].islower()


def street_name(text: str, span: Span, lang: str) -> bool:
    """The place name is part of a street or square name ('Raju street', 'rue de Damas')."""
    cues = place_cues(lang)
    return starts_with(words_after(text, span.end), cues.street_after) or ends_with(
        words_before(text, span.start), cues.street_before)


def not_the_place(text: str, span: Span, lang: str) -> bool:
    """The name is written but no happening is placed there: part of a street or square name
    (`street_name`), or what a slogan is about ("criant « Mort à l'Amérique »", "Death to Israel")."""
    return street_name(text, span, lang) or ends_with(words_before(text, span.start), place_cues(lang).slogan_before)
