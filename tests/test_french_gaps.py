"""French rules that only English had: actor-based recodings (`[[by_actor]]` of fr/roles.toml),
shootings and killings, shelling verbs, aircraft and dropped bombs, explosive remnants, curfews and
other security measures, non-violent transfers of territory. Sentences written for these tests, in
the style of wire copy; each rule family has a sentence that must NOT give its event."""

from __future__ import annotations

import pytest

from wirewatch.extraction import extract
from wirewatch.model import Document, PartialDate


def _events(text: str):
    doc = Document(id="g", source="t", lang="fr", text=text, published=PartialDate(2024, 3, 12))
    return extract(doc).events


def _subtypes(text: str) -> list[str]:
    return [e.subtype for e in _events(text)]


# --- recodings by actor -----------------------------------------------------------------------

def test_state_forces_seizing_a_town_regain_it() -> None:
    assert _subtypes("L'armée burkinabè s'est emparée mardi de la localité de Djibo.") == [
        "Government regains territory"]


def test_a_jihadist_group_retaking_a_village_overtakes_it() -> None:
    assert _subtypes("Les combattants de l'Etat islamique ont repris le contrôle mardi du village de Hajin.") == [
        "Non-state actor overtakes territory"]


def test_foreign_forces_retaking_a_town_abroad_do_not_regain_it() -> None:
    assert _subtypes("Les forces turques ont repris le contrôle mardi de la ville syrienne de Tal Abyad.") == [
        "Non-state actor overtakes territory"]


def test_soldiers_abducted_by_an_armed_group_are_an_armed_clash() -> None:
    events = _events("Des membres de l'Etat islamique ont enlevé mardi deux policiers irakiens à Kirkouk.")
    assert [e.subtype for e in events] == ["Armed clash"]
    assert events[0].type == "Battles"


def test_civilians_abducted_stay_an_abduction() -> None:
    assert _subtypes("Des hommes armés ont enlevé mardi trois commerçants maliens près de Gao.") == [
        "Abduction/forced disappearance"]


# --- shootings and killings -------------------------------------------------------------------

def test_gunmen_opening_fire_on_villagers_is_an_attack_on_civilians() -> None:
    events = _events("Des hommes armés ont ouvert le feu mardi sur des villageois à Djibo, tuant cinq personnes.")
    assert [(e.type, e.subtype) for e in events] == [("Violence against civilians", "Attack")]


def test_jihadists_shooting_soldiers_is_an_armed_clash() -> None:
    assert _subtypes("Des jihadistes ont abattu mardi deux soldats nigériens près de Tillabéri.") == ["Armed clash"]
    assert _subtypes("Un gendarme malien a été tué par balles mardi près de Ségou.") == ["Armed clash"]


def test_an_active_killing_of_civilians_is_an_attack() -> None:
    assert _subtypes("Des hommes armés ont tué mardi sept civils dans le village de Sollé.") == ["Attack"]


def test_a_passive_death_with_no_agent_makes_no_new_event() -> None:
    # the victims of an event told elsewhere: no killing trigger ("ont été tués" is not "ont tué")
    assert _subtypes("Trois bergers ont été tués mardi, selon un élu local.") == []


def test_rockets_fired_at_a_base_stay_a_shelling() -> None:
    # "tirer sur" is a shooting only when no heavier weapon is named
    assert _subtypes("Trois roquettes ont été tirées mardi sur la base de Balad, au nord de Bagdad.") == [
        "Shelling/artillery/missile attack"]
    assert _subtypes("Des roquettes se sont abattues mardi sur la base de Balad.") == [
        "Shelling/artillery/missile attack"]


def test_an_aircraft_shot_down_is_not_a_killing() -> None:
    assert _subtypes("La défense aérienne a abattu mardi un drone près de Kirkouk.") == ["Disrupted weapons use"]


# --- shelling verbs, aircraft, dropped bombs ----------------------------------------------------

def test_a_shelling_verb_alone_is_a_shelling() -> None:
    assert _subtypes("Les forces du régime ont pilonné mardi des positions rebelles près de Lattaquié.") == [
        "Shelling/artillery/missile attack"]


def test_aircraft_bombing_is_an_air_strike() -> None:
    assert _subtypes("Des avions de guerre ont bombardé mardi la ville de Maaret al-Noomane.") == ["Air/drone strike"]


def test_barrels_of_explosives_dropped_are_an_air_strike() -> None:
    assert _subtypes("Des hélicoptères du régime ont largué mardi des barils d'explosifs sur Daraya.") == [
        "Air/drone strike"]


@pytest.mark.parametrize("text", [
    "Des avions ont largué mardi des vivres sur la ville assiégée de Deir Ezzor.",
    "Des barils d'aide humanitaire ont été largués mardi au-dessus de Deir Ezzor.",
])
def test_aid_dropped_from_the_air_is_no_event(text: str) -> None:
    assert _subtypes(text) == []


def test_a_plane_crash_is_not_an_air_strike() -> None:
    assert "Air/drone strike" not in _subtypes("Un avion militaire s'est écrasé mardi près de Tombouctou.")


# --- explosive remnants ------------------------------------------------------------------------

def test_unexploded_ordnance_that_kills_is_a_remote_explosive() -> None:
    events = _events("Deux enfants ont été tués mardi par un obus non explosé dans la province d'Idleb.")
    assert [(e.type, e.subtype) for e in events] == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")]


def test_a_mine_from_an_earlier_war_is_explosive_remnants_of_war() -> None:
    assert _subtypes("Un berger a été blessé mardi par une mine datant de la guerre Iran-Irak près de Bassora.") == [
        "Other"]


def test_clearing_unexploded_ordnance_is_no_event() -> None:
    assert _subtypes("Les démineurs ont détruit mardi 300 engins non explosés à Mossoul.") == []


# --- security measures --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Les autorités ont décrété mardi un couvre-feu à Bagdad après des violences.",
    "Le gouverneur a instauré mardi un couvre-feu nocturne dans la région de Mopti.",
    "Le gouvernement a décrété mardi l'état d'urgence dans trois régions du centre du Mali.",
    "Les autorités nigériennes ont fermé mardi la frontière avec le Mali.",
])
def test_security_measures_are_a_change_to_group_activity(text: str) -> None:
    assert _subtypes(text) == ["Change to group/activity"]


def test_a_lifted_curfew_is_not_a_new_curfew() -> None:
    assert _subtypes("Le couvre-feu a été levé mardi à Bassora.") == []


# --- non-violent transfer of territory ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Les forces françaises ont rétrocédé mardi la base de Ménaka à l'armée malienne.",
    "Les combattants kurdes ont remis mardi leurs positions à l'armée syrienne à Manbij.",
    "Les rebelles houthis sont entrés mardi sans combat dans la ville de Hazm.",
])
def test_ground_handed_over_without_fighting_is_a_non_violent_transfer(text: str) -> None:
    assert _subtypes(text) == ["Non-violent transfer of territory"]


def test_ground_taken_after_fighting_is_not_a_non_violent_transfer() -> None:
    assert "Non-violent transfer of territory" not in _subtypes(
        "Les jihadistes se sont emparés mardi de la ville après de violents combats.")


# --- victims and attackers ----------------------------------------------------------------------

def test_the_attackers_named_as_jihadists_do_not_make_a_killing_of_civilians_a_clash() -> None:
    # "jihadistes" names the attackers (the subject), the victims are civilians
    assert _subtypes("Des jihadistes ont tué mardi six civils dans le village de Sollé.") == ["Attack"]
    assert _subtypes("Six civils ont été tués mardi par des jihadistes près de Djibo.") == ["Attack"]


def test_soldiers_who_died_are_victims_even_as_subjects() -> None:
    assert _subtypes("Des jihadistes ont attaqué mardi un poste à Boulkessi, où quatre soldats ont péri.") == [
        "Armed clash"]


def test_a_sniper_killing_a_civilian_is_an_attack_not_an_interception() -> None:
    assert _subtypes("Un civil a été abattu mardi par un tireur embusqué à Taëz.") == ["Attack"]


# --- sexual violence, arson, operations, captures, air raids ------------------------------------

def test_rape_of_women_is_sexual_violence() -> None:
    assert _subtypes("Des soldats ont violé mardi plusieurs femmes dans le village de Kalma.") == [
        "Sexual violence"]


def test_a_violated_truce_is_not_sexual_violence() -> None:
    assert "Sexual violence" not in _subtypes("La trêve a été violée mardi par les deux camps à Hodeida.")


def test_houses_burnt_by_armed_men_are_property_destruction() -> None:
    assert _subtypes("Des hommes armés ont incendié mardi plusieurs maisons dans le village de Dinangourou.") == [
        "Looting/property destruction"]


def test_houses_burnt_by_protesters_are_a_riot() -> None:
    assert _subtypes("Des manifestants ont incendié mardi plusieurs maisons à Nassiriya.") == [
        "Violent demonstration"]


def test_an_accidental_fire_is_no_event() -> None:
    assert _subtypes("Un incendie a détruit mardi plusieurs maisons à Mopti.") == []


def test_an_operation_against_a_group_is_an_armed_clash() -> None:
    assert _subtypes("L'armée irakienne a lancé mardi une opération contre des cellules de l'EI dans le désert.") == [
        "Armed clash"]


def test_an_operation_claimed_refers_back_and_is_no_new_clash() -> None:
    assert "Armed clash" not in _subtypes("Le groupe a revendiqué mardi l'opération contre la base.")


def test_a_town_taken_is_a_change_of_territory() -> None:
    assert _subtypes("Les rebelles du M23 ont pris mardi la ville de Bunagana.") == [
        "Non-state actor overtakes territory"]


def test_air_raids_led_by_an_air_force_are_air_strikes() -> None:
    assert _subtypes("L'aviation russe a mené mardi plusieurs raids sur la province d'Idleb.") == ["Air/drone strike"]


def test_a_denied_bombing_is_no_event() -> None:
    assert _subtypes("L'armée a démenti mardi avoir bombardé des civils à Ménaka.") == []
    assert _subtypes("L'armée a bombardé mardi des positions jihadistes près de Ménaka.") == [
        "Shelling/artillery/missile attack"]


# --- bodies found, crowd violence, arrests of protesters, bases, cattle raids, exchanges ----------

def test_bodies_found_are_a_killing() -> None:
    assert _subtypes("Les corps de trois bergers ont été retrouvés mardi près de Djibo.") == ["Attack"]


def test_a_corps_of_an_army_is_no_body() -> None:
    assert _subtypes("Le corps des Gardiens de la révolution a annoncé mardi un nouveau commandant.") == []


def test_crowd_clashes_with_police_are_a_riot() -> None:
    assert _subtypes("Des heurts ont opposé mardi manifestants et policiers à Bagdad.") == ["Violent demonstration"]
    assert _subtypes("Des jeunes ont brûlé des pneus et érigé des barricades mardi à Conakry.") == [
        "Violent demonstration"]


def test_heurts_without_a_crowd_are_not_a_riot() -> None:
    assert "Violent demonstration" not in _subtypes("Des heurts armés ont opposé mardi soldats et jihadistes près de Gao.")


def test_protesters_detained_are_an_intervention_not_an_arrest() -> None:
    assert _subtypes("La police a interpellé mardi une vingtaine de manifestants à Dakar.") == [
        "Protest with intervention"]
    assert _subtypes("La police a arrêté mardi trois suspects à Dakar.") == ["Arrests"]


def test_a_checkpoint_set_up_is_a_base_established() -> None:
    assert _subtypes("L'armée a installé mardi un poste de contrôle à l'entrée de Tillabéri.") == [
        "Headquarters or base established"]


def test_cattle_taken_are_looting_not_an_abduction() -> None:
    assert _subtypes("Des hommes armés ont emporté mardi le bétail des habitants de Gorom-Gorom.") == [
        "Looting/property destruction"]
    assert _subtypes("Des hommes armés ont enlevé du bétail mardi près de Dori.") == ["Looting/property destruction"]


def test_a_prisoner_exchange_is_an_agreement() -> None:
    assert _subtypes("Le gouvernement et les rebelles ont procédé mardi à un échange de prisonniers à Sanaa.") == [
        "Agreement"]


# --- target nouns (actor2) in parsed French -------------------------------------------------------

def test_a_target_noun_without_nationality_takes_the_event_country() -> None:
    # the victims of a Malian event are Malian: the recodings need their kind
    events = _events("Des hommes armés ont enlevé mardi trois soldats près de Gao.")
    assert [(e.subtype, e.actor2) for e in events] == [("Armed clash", "Military Forces of Mali")]


def test_the_subject_of_an_active_verb_is_not_its_own_target() -> None:
    events = _events("L'armée malienne s'est emparée mardi de la localité de Tessit.")
    assert [e.actor1 for e in events] == ["Military Forces of Mali"]
    assert events[0].actor2 != events[0].actor1


def test_an_adverb_inside_the_compound_past_keeps_the_killing() -> None:
    assert _subtypes("Des hommes armés ont froidement tué mardi sept villageois près de Djibo.") == ["Attack"]


@pytest.mark.parametrize(
    "text, subtype",
    [
        ("Dimanche, douze combattants de la milice ont été abattus près de la frontière par des raids de "
         "l'aviation américaine.", "Air/drone strike"),
        ("Mardi, deux drones chargés d'explosifs ont été abattus par la défense aérienne près de l'aéroport "
         "d'Erbil.", "Disrupted weapons use"),
    ],
)
def test_people_shot_dead_are_no_weapon_shot_down(text, subtype):
    found = _subtypes(text)
    assert subtype in found
    if subtype != "Disrupted weapons use":
        assert "Disrupted weapons use" not in found


def test_an_attack_being_prepared_is_no_event() -> None:
    assert _subtypes("Selon les services de renseignement, le groupe préparait un attentat contre une église "
                     "de Kirkouk.") == []
    assert _subtypes("L'attentat orchestré par le groupe a fait douze morts mardi à Kirkouk.") != []
