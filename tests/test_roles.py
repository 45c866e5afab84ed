"""Roles from the dependency parse (French model): sentences written for the tests."""

from __future__ import annotations

from wirewatch.events.lexicon import lexicon
from wirewatch.events.roles import coded_actor2
from wirewatch.extraction import extract
from wirewatch.model import Document, PartialDate


def run(text: str, lang: str = "fr"):
    doc = Document(id="r", source="test", lang=lang, text=text, published=PartialDate(2022, 6, 10))
    return extract(doc).events


def test_who_ordered_a_strike_acts_through_his_forces():
    events = run("Le 4 juin, sur ordre du président américain Joe Biden, un drone a frappé un camion près de Qaïm.")
    assert events and events[0].actor1 == "Military Forces of the United States"


def test_an_embassy_of_a_named_country_is_that_government():
    events = run("Trois roquettes ont visé jeudi soir l'ambassade des Etats-Unis à Bagdad.")
    assert events and events[0].actor2 == "Government of the United States"


def test_a_peaceful_protest_has_no_actor2():
    lex = lexicon("fr")
    assert coded_actor2("Peaceful protest", "Military Forces of the United States", lex) is None
    assert coded_actor2("Armed clash", "Islamic State", lex) == "Islamic State"
    events = run("Samedi, des centaines d'Irakiens ont manifesté à Bassora pour réclamer le départ des troupes américaines.")
    protests = [e for e in events if e.subtype == "Peaceful protest"]
    assert protests and protests[0].actor2 is None


def test_the_group_that_claimed_an_attack_is_its_agent():
    events = run("Le 2 juin, douze soldats ont été tués près de Ménaka dans une embuscade revendiquée par "
                 "l'Etat islamique dans le Grand Sahara.")
    assert events and events[0].actor1 == "Islamic State (Greater Sahara)"
    events = run("On 2 June, twelve soldiers were killed near Menaka, Mali, in an ambush claimed by JNIM.", lang="en")
    assert events and events[0].actor1 == "JNIM: Group for Support of Islam and Muslims"
