"""TermSet.find, the hottest loop outside spaCy, checked against a plain reference matcher.

The fast path starts only at positions whose lemma or text begins some term and caches the keys of
a token run by identity; the reference tries every term at every position. Both must agree on every
input: same non-overlapping matches, longest first, ties by position then term.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.events.lexicon import TermSet, fold, token_keys
from wirewatch.model import Span
from wirewatch.nlp.parsed import Token

WORDS = ["tir", "tirs", "de", "roquette", "roquettes", "frappé", "frappe", "l'", "attaque", "*"]


def _tokens(pairs: list[tuple[str, str]]) -> tuple[Token, ...]:
    return tuple(Token(i, Span(i, i + 1), text, lemma, "X", "dep", i) for i, (text, lemma) in enumerate(pairs))


def _reference(terms: TermSet, tokens: tuple[Token, ...]) -> list[tuple[int, int, str]]:
    keys = [(fold(t.lemma), t.text.replace("\u2019", "'").lower()) for t in tokens]
    found = []
    for i in range(len(tokens)):
        for term in terms.terms:
            n = len(term)
            if i + n <= len(tokens) and all(
                    w == "*" or fold(w) == keys[i + k][0] or w == keys[i + k][1] for k, w in enumerate(term)):
                found.append((i, i + n, term))
    found.sort(key=lambda m: (-(m[1] - m[0]), m[0], m[2]))
    taken: set[int] = set()
    hits = []
    for a, b, term in found:
        if any(j in taken for j in range(a, b)):
            continue
        taken.update(range(a, b))
        hits.append((a, b, " ".join(term)))
    return sorted(hits)


term_st = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
token_st = st.tuples(st.sampled_from([w for w in WORDS if w != "*"] + ["Tir", "Frappé"]),
                     st.sampled_from([w for w in WORDS if w != "*"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(term_st, min_size=1, max_size=6), st.lists(token_st, max_size=12))
def test_find_agrees_with_the_reference_matcher(terms, pairs):
    ts = TermSet.of(terms)
    tokens = _tokens(pairs)
    assert ts.find(tokens) == _reference(ts, tokens)
    assert ts.any_in(tokens) == bool(_reference(ts, tokens))
    # with precomputed keys, and a second time through the identity cache
    assert ts.find(tokens, token_keys(tokens)) == _reference(ts, tokens)
    assert ts.find(tokens) == _reference(ts, tokens)


def test_accented_text_is_kept_and_lemma_is_folded():
    """'frappé' (struck) must not match the noun 'frappe' through its text; the lemma may."""
    ts = TermSet.of(["frappe"])
    assert ts.find(_tokens([("frappé", "frapper")])) == []
    assert ts.find(_tokens([("frappes", "frappe")])) == [(0, 1, "frappe")]


def test_a_new_tuple_with_the_same_id_is_not_served_stale_keys():
    ts = TermSet.of(["roquette"])
    first = _tokens([("roquette", "roquette")])
    assert ts.find(first) == [(0, 1, "roquette")]
    del first
    second = _tokens([("attaque", "attaque")])  # may reuse the freed id
    assert ts.find(second) == []


def test_a_run_with_the_same_first_token_and_length_is_compared_before_its_keys_are_served():
    """Keys are cached by first token and length: a different run sharing both must not get them."""
    ts = TermSet.of(["roquette"])
    toks = _tokens([("tir", "tir"), ("roquette", "roquette"), ("attaque", "attaque")])
    assert ts.find(toks[0:2]) == [(1, 2, "roquette")]
    other = (toks[0], toks[2])  # same first token, same length, other second token
    assert ts.find(other) == []
    assert ts.find(tuple(toks[0:2])) == [(1, 2, "roquette")]  # a new tuple of the same tokens


def test_any_in_stops_at_a_match_and_agrees_with_find():
    ts = TermSet.of(["tir de roquette", "roquette", "attaque"])
    assert ts.any_in(_tokens([("tir", "tir"), ("de", "de"), ("roquette", "roquette")]))
    assert not ts.any_in(_tokens([("tir", "tir"), ("de", "de")]))
    assert not TermSet.of([]).any_in(_tokens([("attaque", "attaque")]))
