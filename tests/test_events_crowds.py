"""Crowds coded as ACLED codes them, and slogans that name no place (sentences written for these tests)."""

from __future__ import annotations

import pytest

from wirewatch.extraction import extract
from wirewatch.model import Document, PartialDate


def events(text: str, lang: str):
    return extract(Document(id="t", source="test", lang=lang, text=text, published=PartialDate(2022, 6, 7))).events


@pytest.mark.parametrize(
    "text, lang, etype, actor1",
    [
        ("Hundreds of protesters stormed the parliament in Baghdad on Monday and set fire to offices.",
         "en", "Riots", "Rioters (Iraq)"),
        ("Hundreds of protesters marched peacefully through Basra on Monday.", "en", "Protests", "Protesters (Iraq)"),
        ("Lundi, des centaines de manifestants ont saccagé des bureaux du parlement à Bagdad.",
         "fr", "Riots", "Rioters (Iraq)"),
    ],
)
def test_a_crowd_is_named_by_what_it_did(text, lang, etype, actor1):
    found = [e for e in events(text, lang) if e.type == etype]
    assert found and found[0].actor1 == actor1


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Lundi, des milliers de manifestants se sont rassemblés devant l'ambassade en criant « Mort à l'Amérique ».", "fr"),
        ("On Monday thousands of protesters gathered outside the embassy, chanting 'Death to America'.", "en"),
    ],
)
def test_the_country_a_slogan_names_is_not_where_the_crowd_is(text, lang):
    found = events(text, lang)
    assert found
    assert all(e.country != "US" and e.place != "United States" for e in found)
    assert all(not (e.actor1 or "").endswith("(United States)") for e in found)
