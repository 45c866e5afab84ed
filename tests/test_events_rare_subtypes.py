"""Sub-event types the lexicons had no words for: chemical weapons (fr, en), excessive force against
protesters and mob violence (fr). Sentences written for these tests."""

from __future__ import annotations

import pytest

from wirewatch.extraction import extract
from wirewatch.model import Document, PartialDate


def _subtypes(text: str, lang: str) -> list[str]:
    doc = Document(id="r", source="t", lang=lang, text=text, published=PartialDate(2024, 3, 12))
    return [e.subtype for e in extract(doc).events]


@pytest.mark.parametrize("lang,text", [
    ("fr", "Une attaque chimique au chlore a tué dimanche douze civils dans la ville de Douma."),
    ("fr", "Des obus chargés de chlore ont frappé lundi Saraqeb, blessant quinze personnes."),
    ("en", "A chemical attack with chlorine gas killed twelve civilians in Douma on Sunday."),
    ("en", "Helicopters dropped barrel bombs loaded with chlorine on Saraqib on Monday."),
])
def test_a_chemical_agent_used_in_an_attack_is_a_chemical_weapon_event(lang: str, text: str) -> None:
    assert _subtypes(text, lang) == ["Chemical weapon"]


@pytest.mark.parametrize("lang,text", [
    ("fr", "Le régime a remis son stock de sarin aux inspecteurs internationaux."),
    ("en", "The treaty bans the production of sarin and mustard gas."),
])
def test_a_chemical_agent_without_an_attack_is_no_event(lang: str, text: str) -> None:
    assert "Chemical weapon" not in _subtypes(text, lang)


def test_french_security_forces_firing_on_protesters_is_excessive_force() -> None:
    assert _subtypes("Les forces de sécurité ont ouvert le feu mardi sur les manifestants à Bagdad.", "fr") == [
        "Excessive force against protesters"]
    assert _subtypes("Des manifestants ont défilé mardi à Bagdad sans incident.", "fr") == ["Peaceful protest"]


def test_french_lynching_is_mob_violence() -> None:
    assert _subtypes("Un homme accusé de vol a été lynché lundi par une foule à Bamako.", "fr") == ["Mob violence"]
