"""Seats of government (events/seats.py): a government's decision, vote or agreement with no place
in the text sits in its capital; violence never does, and a named place always wins."""

from __future__ import annotations

import pytest

from wirewatch.events.seats import seat_of, seats
from wirewatch.knowledge.actors import Actor
from wirewatch.knowledge.gazetteer import Gazetteer
from wirewatch.model import Article

pytestmark = pytest.mark.slow


def test_every_seat_resolves_to_a_town_of_its_country():
    gaz = Gazetteer.default()
    assert len(seats()) >= 50
    for country, name in seats().items():
        place = gaz.resolve(name, (country,))
        assert place is not None and place.country == country and place.precision == "town", (country, name)


def test_only_governments_and_strategic_developments_are_seated():
    gaz = Gazetteer.default()
    gov = Actor("Government of Mali", "government", "ML")
    assert seat_of(gov, "Strategic developments", gaz).name == "Bamako"
    assert seat_of(gov, "Battles", gaz) is None
    assert seat_of(Actor("Military Forces of Mali", "state_force", "ML"), "Strategic developments", gaz) is None
    assert seat_of(Actor("Government of Nowhere", "government", "ZZ"), "Strategic developments", gaz) is None
    assert seat_of(None, "Strategic developments", gaz) is None


def _events(text: str, lang: str):
    from wirewatch.documents import to_document
    from wirewatch.extraction import extract

    doc = to_document(Article(id="s", source="test", text=text, published="2025-03-12", lang=lang))
    return doc, extract(doc).events


@pytest.mark.parametrize(("lang", "text", "capital", "country"), [
    ("fr", "Le gouvernement nigérien a annoncé lundi la fin de l'accord de coopération militaire avec la France.",
     "Niamey", "NE"),
    ("en", "The Iraqi government signed a security agreement with Turkey on Monday.", "Baghdad", "IQ"),
])
def test_a_government_decision_without_a_place_sits_in_the_capital(lang, text, capital, country):
    doc, events = _events(text, lang)
    seated = [e for e in events if e.type == "Strategic developments"]
    assert seated, events
    ev = seated[0]
    assert ev.place == capital and ev.country == country and ev.geo_precision == "town"
    span = dict(ev.provenance)["place"]
    assert "gouvernement" in doc.text[span.start:span.end].lower() or "government" in doc.text[span.start:span.end].lower()


def test_a_named_place_wins_and_violence_is_never_seated():
    _, events = _events("The Syrian government signed a reconciliation agreement with local elders in Daraa on Monday.", "en")
    assert events and all(e.place != "Damascus" for e in events)
    _, events = _events("Gunmen attacked a checkpoint on Monday, the Iraqi government said.", "en")
    assert all(e.place != "Baghdad" for e in events)


def test_every_division_seat_is_a_town_of_its_country_in_the_gazetteer():
    from wirewatch.events.seats import admin1_seat, admin1_seats

    gaz = Gazetteer.default()
    known = 0
    for (country, division), town in admin1_seats().items():
        regions = [p for p in gaz.lookup(division, (country,)) if p.precision == "admin1" and p.country == country]
        assert regions, (country, division)
        seat = admin1_seat(regions[0], gaz)
        if seat is not None:
            known += 1
            assert seat.country == country and seat.precision in ("town", "site"), (country, division, town)
    assert known >= 100


@pytest.mark.parametrize(
    "text, lang, division, near",
    [
        ("Gunmen attacked a checkpoint in the southern countryside of Idleb on Monday.", "en", "Idlib", (35.93, 36.63)),
        ("Des hommes armés ont attaqué lundi un poste de contrôle dans la province d'Anbar.", "fr", "Al Anbar", (33.42, 43.30)),
    ],
)
def test_an_event_located_only_by_its_governorate_carries_the_capital_point(text, lang, division, near):
    from wirewatch.evaluation.compare import haversine_km
    from wirewatch.extraction import extract
    from wirewatch.model import Document, PartialDate

    (ev,) = [e for e in extract(Document(id="t", source="t", lang=lang, text=text, published=PartialDate(2021, 5, 4))).events]
    assert ev.place == division and ev.geo_precision == "admin1"
    assert haversine_km(ev.lat, ev.lon, *near) < 10
