"""Per-language lexicons for event extraction, read from `data/lang/<code>/*.toml`.

Terms are matched on tokens of a `ParsedDoc`: each word of a term equals the token's lemma or its
text after lower-casing and accent folding; `*` matches any one token. Files are read once.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

from wirewatch.languages import lang_file
from wirewatch.model import SUBTYPE_TO_TYPE
from wirewatch.nlp.parsed import Token


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case, strip accents, unify apostrophes: the key every lexicon term is compared on."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _words(term: str) -> tuple[str, ...]:
    """Split a term into token-sized words the way spaCy's French tokenizer splits elisions."""
    out: list[str] = []
    for w in term.replace("\u2019", "'").lower().split():
        if "'" in w[:-1] and not w.startswith("'"):
            head, _, tail = w.partition("'")
            out += [head + "'", tail] if tail else [head + "'"]
        else:
            out.append(w)
    return tuple(out)


#: Compiled term sets by their term list: the data files hold a few hundred lists, so this bound
#: is never reached in practice; it only keeps a caller building lists from text from growing it.
_COMPILED_MAX = 4096
_COMPILED: dict[tuple, TermSet] = {}


@dataclass(frozen=True, slots=True)
class TermSet:
    """A list of terms compiled for matching, indexed by their first word."""

    terms: tuple[tuple[str, ...], ...]
    by_fold: dict = field(default_factory=dict, compare=False, repr=False)  # fold(first word) -> terms
    by_text: dict = field(default_factory=dict, compare=False, repr=False)  # first word as written -> terms
    wild: tuple = field(default=(), compare=False, repr=False)  # terms starting with "*"
    folded: dict = field(default_factory=dict, compare=False, repr=False)  # term -> its words folded

    @classmethod
    def of(cls, terms) -> TermSet:
        """The compiled set of `terms` (strings); the same list of terms is compiled once per process
        (role code builds sets from data lists on every sentence)."""
        key = tuple(terms)
        hit = _COMPILED.get(key)
        if hit is None:
            hit = cls._compile(key)
            if len(_COMPILED) < _COMPILED_MAX:
                _COMPILED[key] = hit
        return hit

    @classmethod
    def _compile(cls, terms: tuple) -> TermSet:
        words = tuple(sorted({_words(t) for t in terms if t.strip()}, key=len, reverse=True))
        by_fold: dict = {}
        by_text: dict = {}
        wild = []
        for term in words:
            if term[0] == "*":
                wild.append(term)
                continue
            by_fold.setdefault(fold(term[0]), []).append(term)
            by_text.setdefault(term[0], []).append(term)
        folded = {term: tuple(fold(w) for w in term) for term in words}
        return cls(words, by_fold, by_text, tuple(wild), folded)

    def find(self, tokens: tuple[Token, ...], keys: list[tuple[str, str]] | None = None) -> list[tuple[int, int, str]]:
        """Non-overlapping matches `(first, last, term)` as token positions in `tokens`, longest
        terms first.

        A word matches the folded lemma, or the token's text with its accents kept: folding the
        text would make 'frappé' (struck) the noun 'frappe' (a strike)."""
        found = self._matches(tokens, keys, first_only=False)
        if len(found) < 2:
            return [(a, b, " ".join(term)) for a, b, term in found]
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0], m[2]))  # ties by term: same result every run
        taken: set[int] = set()
        hits = []
        for a, b, term in found:
            if any(j in taken for j in range(a, b)):
                continue
            taken.update(range(a, b))
            hits.append((a, b, " ".join(term)))
        return sorted(hits)

    def any_in(self, tokens: tuple[Token, ...]) -> bool:
        """True when `find` would find a term (the first match found is enough)."""
        return bool(self._matches(tokens, None, first_only=True))

    def _matches(self, tokens, keys, first_only: bool) -> list[tuple[int, int, tuple[str, ...]]]:
        """Every match `(first, last, term)`, overlapping, in no order; one at most if `first_only`.

        This is called for every lexicon list on every sentence, the hottest loop outside spaCy:
        start positions come from the words the run and the terms share (set operations in C)."""
        if not self.terms:
            return []
        if keys is None:
            keys = token_keys(tokens)
        elif not isinstance(keys, TokenKeys):
            keys = TokenKeys(keys)
        by_lemma, by_text = keys.positions()
        if not self.wild and by_lemma.keys().isdisjoint(self.by_fold.keys()) \
                and by_text.keys().isdisjoint(self.by_text.keys()):
            return []  # most lists share no first word with a sentence: answer without building sets
        starts: dict[int, set] = {}
        for word in by_lemma.keys() & self.by_fold.keys():
            for i in by_lemma[word]:
                starts.setdefault(i, set()).update(self.by_fold[word])
        for word in by_text.keys() & self.by_text.keys():
            for i in by_text[word]:
                starts.setdefault(i, set()).update(self.by_text[word])
        if self.wild:
            for i in range(len(keys)):
                starts.setdefault(i, set()).update(self.wild)
        found: list[tuple[int, int, tuple[str, ...]]] = []
        n_keys = min(len(keys), len(tokens))
        for i, terms in starts.items():
            for term in terms:
                n = len(term)
                if i + n > n_keys:
                    continue
                # the first word matched already (it is how `i` became a start, or it is "*")
                folded = self.folded[term]
                for k in range(1, n):
                    w, key = term[k], keys[i + k]
                    if w != "*" and folded[k] != key[0] and w != key[1]:
                        break
                else:
                    found.append((i, i + n, term))
                    if first_only:
                        return found
        return found


class TokenKeys(list):
    """The matching keys of a token run, with the positions of each key built on first use."""

    _positions: tuple[dict, dict] | None = None

    def positions(self) -> tuple[dict, dict]:
        """(folded lemma -> positions, lower-cased text -> positions)."""
        if self._positions is None:
            by_lemma: dict[str, list[int]] = {}
            by_text: dict[str, list[int]] = {}
            for i, (lemma, text) in enumerate(self):
                by_lemma.setdefault(lemma, []).append(i)
                by_text.setdefault(text, []).append(i)
            self._positions = (by_lemma, by_text)
        return self._positions


#: Token runs whose keys are remembered: every lexicon list is matched against the same sentence in
#: turn, so the last few runs are all that is ever asked for again.
_KEYS_CACHE_SIZE = 64
_keys_cache: dict[tuple[int, int], tuple[tuple, TokenKeys]] = {}


def token_keys(tokens: tuple[Token, ...]) -> TokenKeys:
    """The matching keys of tokens (folded lemma, lower-cased text); compute once, match many.

    Runs are remembered by their first token and length, not by the tuple: `sentence_tokens` makes
    a new tuple of the same tokens on every call. An entry holds its run, so the first token's id is
    not reused while it is cached, and the runs are compared before the keys are served."""
    if not tokens:
        return TokenKeys()
    ident = (id(tokens[0]), len(tokens))
    hit = _keys_cache.get(ident)
    if hit is not None and (hit[0] is tokens or hit[0] == tokens):  # same tokens: compared by identity first
        return hit[1]
    keys = TokenKeys(_token_keys(t.lemma, t.text) for t in tokens)
    if len(_keys_cache) >= _KEYS_CACHE_SIZE:
        _keys_cache.pop(next(iter(_keys_cache)))
    _keys_cache[ident] = (tokens, keys)
    return keys


@lru_cache(maxsize=200_000)
def _token_keys(lemma: str, text: str) -> tuple[str, str]:
    return fold(lemma), text.replace("\u2019", "'").lower()


@dataclass(frozen=True, slots=True)
class TriggerRule:
    subtype: str
    type: str
    role: str  # event | weapon | target
    priority: int
    family: str
    terms: TermSet
    needs: str | None = None  # name of a predicates list that must also be in the sentence


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything events/ needs to know about one language."""

    lang: str
    triggers: tuple[TriggerRule, ...]
    attack_predicates: TermSet
    predicates: dict  # name -> TermSet (trigger.needs)
    cues: dict  # cue name -> TermSet
    roles: dict  # parsed roles.toml

    def cue(self, name: str) -> TermSet:
        return self.cues.get(name) or TermSet(())


def _load_toml(lang: str, name: str) -> dict:
    path = lang_file(lang, name)
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


@cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of a language (empty parts when a file is missing: no events, never a crash)."""
    trig = _load_toml(lang, "triggers.toml")
    rules = []
    for entry in trig.get("trigger", []):
        sub = entry["subtype"]
        typ = SUBTYPE_TO_TYPE.get(sub, "Violence against civilians" if sub == "Attack" else None)
        if typ is None:
            raise ValueError(f"triggers.toml ({lang}): unknown ACLED subtype {sub!r}")
        rules.append(TriggerRule(sub, typ, entry.get("role", "event"), int(entry.get("priority", 0)),
                                 entry.get("family", typ), TermSet.of(entry.get("terms", [])), entry.get("needs")))
    cues = {k: TermSet.of(v) for k, v in _load_toml(lang, "cues.toml").items() if isinstance(v, list)}
    preds = {k: TermSet.of(v) for k, v in trig.get("predicates", {}).items()}
    return Lexicon(lang, tuple(rules), preds.get("attack", TermSet(())), preds, cues, _load_toml(lang, "roles.toml"))
