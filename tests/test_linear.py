"""Roles without a parse (English notes): markers, word order, crowd actors. Sentences written for the tests."""

from __future__ import annotations

from wirewatch.events.linear import _marker_before
from wirewatch.events.roles import may_act
from wirewatch.extraction import extract
from wirewatch.model import Document, PartialDate


def run(text: str):
    doc = Document(id="l", source="test", lang="en", text=text, published=PartialDate(2021, 3, 10))
    return extract(doc).events


def test_a_prefix_marker_binds_only_the_word_it_is_glued_to():
    markers = {"skip": [("anti", "-")], "agent": [("by",)]}
    assert _marker_before(["anti", "-"], markers) == "skip"
    assert _marker_before(["anti", "-", "houthi"], markers) is None
    assert _marker_before(["by", "the"], markers) == "agent"


def test_anti_group_adjective_does_not_silence_the_acting_group():
    events = run("On 4 March 2021, anti-Houthi National Resistance forces shelled Houthi positions in Hays, Yemen.")
    assert events and events[0].actor1 == "National Resistance Forces"


def test_claiming_an_attack_is_acting():
    events = run("On 4 March 2021, Islamic State claimed to have attacked a checkpoint in Mosul, Iraq.")
    assert events and events[0].actor1 == "Islamic State"


def test_the_umbrella_under_which_rebels_fight_is_the_actor():
    events = run("On 4 March 2021, rebel factions under Operation Peace Spring shelled QSD positions near Ein Issa, Syria.")
    assert events and events[0].actor1 == "Operation Peace Spring"


def test_an_acled_acronym_names_its_group():
    events = run("On 4 March 2021, JWS clashed with YPG fighters near Afrin, Syria.")
    assert events and events[0].actor1 == "JWS: Syrian National Army"


def test_a_protest_is_coded_to_protesters_whoever_organised_it():
    assert not may_act("Protests", "militia") and may_act("Protests", "protesters")
    assert may_act("Battles", "militia")
    events = run("On 4 March 2021, hundreds of people took part in a Hezbollah-organized demonstration in Beirut, Lebanon.")
    protests = [e for e in events if e.type == "Protests"]
    assert protests and protests[0].actor1 == "Protesters (Lebanon)"


def test_generic_islamist_and_tribal_fighters_take_the_event_country():
    events = run("On 4 March 2021, Islamist factions shelled a village near Saraqib, Idlib, Syria.")
    assert events and events[0].actor1 == "Islamist Militia (Syria)"
    events = run("On 4 March 2021, tribesmen clashed near Deir ez-Zor, Syria over a land dispute.")
    assert events and events[0].actor1 == "Unidentified Tribal Militia (Syria)"


def test_saudi_forces_in_yemen_are_the_coalition_operation():
    events = run("On 4 March 2021, Saudi forces fired artillery shells at villages in Saada, Yemen.")
    assert events and events[0].actor1 == "Operation Restoring Hope"


def test_a_military_base_is_no_party_and_the_troops_it_houses_are_the_target():
    events = run("On 4 March 2021, rockets targeted a military base near Erbil, Iraq, which houses US troops.")
    assert events and events[0].actor1 == "Unidentified Armed Group (Iraq)"
    assert events[0].actor2 == "Military Forces of the United States"


def test_a_country_name_before_a_generic_noun_gives_its_country():
    events = run("On 4 March 2021, United States military personnel were wounded by a drone launched by "
                 "Iran-backed militants at a base near Erbil, Iraq.")
    assert events and events[0].actor1 == "Iran-backed militias"
    assert events[0].actor2 == "Military Forces of the United States"


def test_national_airstrikes_name_the_state_forces():
    events = run("On 4 March 2021, US airstrikes hit a weapons depot of Kataib Hezbollah near Al-Qaim, Iraq.")
    assert events and events[0].actor1 == "Military Forces of the United States"


def test_gunmen_believed_to_be_a_group_are_that_group_and_no_other_party():
    events = run("On 4 March 2021, unknown gunmen believed to be IS shot dead a QSD commander near Hasakah, Syria.")
    assert events and events[0].actor1 == "Islamic State"
    assert events[0].actor2 == "QSD: Syrian Democratic Forces"


def test_the_umbrella_of_the_second_party_of_a_clash_stays_the_second_party():
    events = run("On 4 March 2021, clashes took place between QSD fighters and JWS, which operates under "
                 "Operation Peace Spring, near Tal Tamer, Syria.")
    assert events and events[0].actor1 == "QSD: Syrian Democratic Forces"
    assert events[0].actor2 == "Operation Peace Spring"
