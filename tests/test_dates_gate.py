"""The template gate (mentions.dategate) only skips templates that cannot match: same dates with it
as without it, on texts made of date words in random order."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.mentions import dates
from wirewatch.mentions.dategate import required_strings
from wirewatch.mentions.datelex import lexicon

WORDS = {
    "fr": ["le", "la", "il", "y", "a", "depuis", "d'ici", "dernier", "dernière", "prochain", "semaine", "mois",
           "an", "année", "nuit", "du", "au", "dans", "ce", "matin", "soir", "hier", "demain", "fin", "début",
           "mi-", "week-end", "été", "hiver", "jours", "deux", "mardi", "Dimanche", "janvier", "mars", "mai",
           "octobre", "2020", "1er", "3", "17", "29", "31", ",", ".", "en", "courant", "cette", "passée"],
    "en": ["the", "on", "in", "since", "until", "by", "last", "next", "this", "week", "weekend", "month",
           "year", "ago", "night", "overnight", "morning", "yesterday", "today", "early", "late", "mid-",
           "Tuesday", "Sunday", "January", "March", "May", "October", "2020", "1st", "3", "17", "29", "31",
           ",", ".", "two", "days", "of", "summer", "fall", "earlier", "past", "end", "-", "and"],
}


def _ungated(lang: str):
    lex = lexicon(lang)
    return replace(lex, patterns=tuple(replace(p, gate=()) for p in lex.patterns))


def _spans(found):
    return sorted((m.start, m.end, m.pattern.regex.pattern) for m in found)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["fr", "en"]), st.data())
def test_gate_never_changes_the_matches(lang, data):
    words = data.draw(st.lists(st.sampled_from(WORDS[lang]), min_size=1, max_size=14))
    text = " ".join(words)
    gated = dates._template_dates(text, lexicon(lang))
    assert _spans(gated) == _spans(dates._template_dates(text, _ungated(lang)))


def test_required_strings_are_necessary_and_absent_gates_are_empty():
    assert required_strings(re.compile(r"(?<!\w)la\s+semaine\s+pass[eé]e", re.I)) == ("semaine",)
    # the longest of the required runs: both spellings of the longer word
    assert required_strings(re.compile(r"la\s+semaine\s+derni[eè]re", re.I)) == ("derniere", "dernière")
    assert required_strings(re.compile(r"il\s+y\s+a\s+\d+\s+(?:jours?|mois)", re.I)) == ("jour", "jours", "mois")
    # nothing long enough is required by a bare number
    assert required_strings(re.compile(r"\d{4}")) == ()
    # an optional word is not required
    assert required_strings(re.compile(r"(?:demain\s+)?\d+", re.I)) == ()


def test_most_templates_have_a_gate():
    for lang in ("fr", "en"):
        gated = [p for p in lexicon(lang).patterns if p.gate]
        assert len(gated) > len(lexicon(lang).patterns) / 2
