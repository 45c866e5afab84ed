"""Trigger classification: each rule family on sentences written for the tests."""

from __future__ import annotations

import pytest

from wirewatch import nlp
from wirewatch.events.lexicon import TermSet, lexicon
from wirewatch.events.context import build_context
from wirewatch.events.pipeline import _anchored
from wirewatch.events.triggers import find_candidates
from wirewatch.model import Document, PartialDate


def subtypes(text: str) -> list[str]:
    doc = Document(id="t", source="test", lang="fr", text=text, published=PartialDate(2023, 5, 10))
    parsed = nlp.parse(doc)
    cands, _ = find_candidates(parsed, lexicon("fr"), _anchored(build_context(doc, parsed)))
    return [c.subtype for c in cands]


@pytest.mark.parametrize(
    ("sentence", "subtype"),
    [
        ("Trois roquettes ont frappé mardi une caserne de Kirkouk.", "Shelling/artillery/missile attack"),
        ("Des obus de mortier sont tombés sur le marché de la ville.", "Shelling/artillery/missile attack"),
        ("Un drone a visé jeudi un véhicule près de Mossoul.", "Air/drone strike"),
        ("L'aviation a mené des frappes aériennes sur un dépôt d'armes dimanche.", "Air/drone strike"),
        ("Une bombe artisanale a explosé au passage d'une patrouille.", "Remote explosive/landmine/IED"),
        ("Un kamikaze s'est fait exploser devant un poste de police.", "Suicide bomb"),
        ("Une grenade a été lancée contre le commissariat.", "Grenade"),
        ("De violents affrontements ont opposé l'armée aux rebelles samedi.", "Armed clash"),
        ("Deux humanitaires ont été enlevés lundi par des hommes armés.", "Abduction/forced disappearance"),
        ("Des centaines d'étudiants ont manifesté vendredi devant le ministère.", "Peaceful protest"),
        ("La police a arrêté trois suspects mercredi.", "Arrests"),
        ("Les deux parties ont signé un accord de cessez-le-feu mardi.", "Agreement"),
        ("Le contingent étranger s'est retiré de la base samedi.", "Change to group/activity"),
    ],
)
def test_each_trigger_class(sentence, subtype):
    assert subtypes(sentence) == [subtype]


def test_interception_beats_the_strike():
    assert subtypes("Deux drones ont été interceptés et abattus avant d'atteindre l'aéroport.") == ["Disrupted weapons use"]


def test_rockets_that_fell_were_not_intercepted():
    # 'se sont abattues' is an impact (reflexive), not 'abattues' (shot down)
    assert subtypes("Des roquettes se sont aussi abattues sur un quartier résidentiel.") == ["Shelling/artillery/missile attack"]


def test_a_weapon_word_without_an_attack_is_no_event():
    assert subtypes("Le système anti-roquettes de l'ambassade a coûté cher.") == []


def test_indefinite_plural_without_date_or_place_is_generic():
    assert subtypes("Ces milices sont impliquées dans des attaques contre des bases.") == []


def test_generic_habitual_statement_is_no_event():
    assert subtypes("Les attaques contre les convois, quasi quotidiennes en été, se sont raréfiées.") == []


def test_negated_trigger_is_no_event():
    assert subtypes("Aucun retrait de troupes n'a été annoncé.") == []


def test_demanded_withdrawal_is_no_event():
    assert subtypes("Les manifestants exigent le retrait des troupes étrangères.") == []


def test_a_noun_of_kind_is_no_event():
    # 'avions de combat' names aircraft, not a battle
    assert subtypes("Leurs avions de combat resteront dans le pays.") == []


def test_protesters_attacking_make_a_riot():
    assert subtypes("Des milliers de manifestants ont attaqué le consulat mardi.") == ["Violent demonstration"]


def test_announcing_no_more_attacks_is_a_change_of_activity():
    assert subtypes("Le groupe a annoncé qu'il n'attaquera plus les convois.") == ["Change to group/activity"]


def test_stopping_something_is_not_an_arrest():
    assert subtypes("Le gouvernement veut arrêter ces violences.") == []


def test_terms_keep_accents_on_the_text():
    parsed = nlp.parse_text("Une frappe a touché le dépôt. Le dépôt a été frappé.", "fr")
    hits = TermSet.of(["frappe"]).find(parsed.tokens)
    assert [parsed.tokens[a].text for a, _, _ in hits] == ["frappe"]


def test_an_infinitive_of_fear_or_intention_is_no_event():
    assert subtypes("Les milices n'ont pas peur d'affronter l'armée.") == []
    assert subtypes("Il doute de l'intention des troupes de se retirer du pays.") == []


def test_a_descriptive_participle_is_not_the_news():
    assert subtypes("Leur départ a été exigé par une résolution votée au parlement.") == []
