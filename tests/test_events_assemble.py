"""Assembly of fields on sentences written for the tests (needs the French model and the KB)."""

from __future__ import annotations

import pytest

from wirewatch.extraction import extract
from wirewatch.model import Document, PartialDate


def run(text: str, published=PartialDate(2023, 5, 10)):
    doc = Document(id="a", source="test", lang="fr", text=text, published=published)
    return doc, extract(doc).events


def test_relative_date_and_place_with_provenance():
    doc, (e,) = run("Trois roquettes ont frappé mardi soir une caserne à Kirkouk.")
    assert e.date == PartialDate(2023, 5, 9) and e.date_basis == "relative"
    assert e.place == "Kirkuk" and e.country == "IQ" and e.admin1
    prov = dict(e.provenance)
    assert prov["place"].of(doc.text) == "Kirkouk"
    assert "mardi" in prov["date"].of(doc.text)
    assert e.span.of(doc.text) == e.evidence


def test_unknown_perpetrator_is_an_unidentified_armed_group():
    _, (e,) = run("Des inconnus ont tiré des roquettes mardi sur une base à Kirkouk.")
    assert e.actor1 == "Unidentified Armed Group (Iraq)"


def test_passive_agent_is_actor1():
    _, events = run("Une patrouille a été attaquée mardi à Mossoul par l'État islamique.")
    assert events and events[0].actor1 == "Islamic State"


def test_active_subject_is_actor1():
    _, events = run("L'État islamique a attaqué mardi une patrouille à Mossoul.")
    assert events and events[0].actor1 == "Islamic State"


def test_place_prefers_the_article_country():
    _, events = run("Des roquettes sont tombées mardi sur Bagdad, près de Bassora et de Mossoul.")
    assert events and events[0].country == "IQ"


def test_country_as_party_is_not_the_place():
    _, (e,) = run("Deux roquettes ont visé mardi l'ambassade des Etats-Unis à Bagdad.")
    assert e.admin1 == "Baghdad" and e.country == "IQ"


def test_old_event_is_background():
    _, events = run("Le 3 janvier 2020, un drone a frappé un convoi près de l'aéroport de Bagdad.")
    assert events and events[0].background and events[0].date == PartialDate(2020, 1, 3)


def test_recollection_cue_is_background():
    _, events = run("Pour rappel, un drone avait visé le 2 mai une base à Erbil.")
    assert events and events[0].background


def test_news_without_date_expression_is_inferred_from_publication():
    _, events = run("Des roquettes ont frappé une base à Kirkouk, tuant deux soldats.")
    assert events and events[0].date == PartialDate(2023, 5, 10) and events[0].date_basis == "inferred"


def test_no_date_is_guessed_without_publication():
    _, events = run("Des roquettes ont frappé une base à Kirkouk, tuant deux soldats.", published=None)
    assert events and events[0].date is None


def test_coordinated_provinces_make_one_event_each():
    _, events = run("Mardi, deux convois ont été frappés par des engins explosifs à Bassora et à Nadjaf.")
    assert {e.place for e in events} >= {"Basrah", "Najaf"} or len(events) == 2


def test_a_government_ordering_strikes_acts_through_its_forces():
    from wirewatch.events.assemble import government_acts_by_forces

    defaults = {"government": "Government of {country}", "state_forces": "Military Forces of {country}"}
    assert government_acts_by_forces("Government of France", "Explosions/Remote violence", defaults) == "Military Forces of France"
    assert government_acts_by_forces("Government of France", "Strategic developments", defaults) == "Government of France"


def test_a_city_after_avec_is_a_party_not_the_place():
    _, events = run("Le gouvernement a signé mardi un accord avec Ankara.")
    assert events and events[0].subtype == "Agreement" and events[0].place != "Ankara"


def test_an_announcement_is_dated_by_its_announcing_clause():
    _, events = run("Le ministre a annoncé lundi que les troupes, arrivées en 2019, allaient se retirer du pays.")
    changes = [e for e in events if e.subtype == "Change to group/activity"]
    assert changes and changes[0].date == PartialDate(2023, 5, 8)


# --- issue 3: history, countries as parties, decisions abroad ---------------------------------

def test_a_recollection_a_decade_old_is_history_not_an_event():
    _, evs = run("Les troupes françaises se sont retirées du Tchad en 2008, mais elles y sont revenues depuis.",
              published=PartialDate(2023, 5, 10))
    assert not [e for e in evs if e.date is not None and e.date.year == 2008]


def test_a_recent_recollection_is_still_coded_as_background():
    _, evs = run("Les troupes françaises s'étaient retirées de Kidal en 2019, selon l'armée.",
              published=PartialDate(2023, 5, 10))
    assert [e for e in evs if e.date is not None and e.date.year == 2019 and e.background]


def test_a_country_subject_is_its_government_and_decides_at_home():
    _, evs = run("Le ministre a annoncé mardi que la France allait retirer 400 de ses soldats au Mali.")
    (ev,) = [e for e in evs if e.subtype == "Change to group/activity"]
    assert ev.actor1 == "Government of France"
    assert ev.country == "FR" and ev.place is None  # the decision is not taken in Mali


def test_a_country_after_en_stays_the_place_of_violence():
    _, evs = run("Des soldats français ont été tués mardi au Mali dans une attaque.")
    assert evs and all(e.country == "ML" for e in evs)


def test_a_government_named_in_another_clause_of_an_agreement_is_a_party():
    _, evs = run("C'était lors de la signature d'un accord avec le président malien, reçu mardi par "
              "le gouvernement français.")
    (ev,) = [e for e in evs if e.subtype == "Agreement"]
    assert ev.actor1 == "Government of France"


# --- claims of responsibility name the perpetrator of the attack before them (issue 3) --------

def test_a_later_claim_names_the_perpetrator():
    _, evs = run("Un convoi logistique a été visé dimanche par une bombe près de Nassiriya. "
                 "Le véhicule de tête a été détruit. L'Etat islamique a revendiqué l'attaque.")
    assert evs and evs[0].actor1 == "Islamic State"


def test_a_negated_claim_names_nobody():
    _, evs = run("Un convoi logistique a été visé dimanche par une bombe près de Nassiriya. "
                 "L'attaque n'a pas été revendiquée par l'Etat islamique.")
    assert evs and evs[0].actor1 != "Islamic State"


def test_the_person_whose_death_is_recalled_is_not_the_agent():
    _, evs = run("La première attaque depuis la mort d'Abou Bakr al-Baghdadi a visé mardi la base de Kirkouk.")
    assert evs and all(e.actor1 != "Islamic State" for e in evs)


def test_the_agent_of_a_clause_is_still_found_next_to_a_death_noun():
    _, evs = run("L'Etat islamique a attaqué mardi la base de Kirkouk, un an après la mort de son chef.")
    assert evs and evs[0].actor1 == "Islamic State"
