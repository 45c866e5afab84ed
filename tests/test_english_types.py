"""English event types and ACLED recodings, one sentence (written for these tests) per sub-event
family: small arms vs shelling, exchanges of fire, unit names holding a weapon word, detentions by
armed groups, territory taken abroad, protests that police broke up, remnants of war.
"""

from __future__ import annotations

import pytest

from wirewatch.events.lexicon import lexicon
from wirewatch.events.recode import acts_abroad, recode
from wirewatch.model import Actor, Article

PUBLISHED = "2022-11-16"

# (text, ACLED sub-event type expected among the events)
CASES = [
    # small arms at an armed party: a clash; at civilians: an attack; at an area: shelling
    ("Unknown gunmen attacked an army checkpoint near Daraa with machine guns on Sunday.", "Armed clash"),
    ("Gunmen attacked villagers with rifles near Gao on Sunday.", "Attack"),
    ("Rebel forces fired heavy machine guns at farms near Hodeidah on Sunday.", "Shelling/artillery/missile attack"),
    # mutual fire between two armed parties is a clash, whatever the weapon
    ("A shelling exchange took place between government forces and rebels near Idlib on Monday.", "Armed clash"),
    ("Government forces responded to rebel shelling near Marib on Monday.", "Armed clash"),
    # a unit's name is not an air strike
    ("Unknown gunmen attacked an Air Force Intelligence checkpoint near Daraa on Sunday.", "Armed clash"),
    # killings told in the passive, shootings that wound
    ("A soldier was killed by unknown gunmen near Daraa on Sunday.", "Armed clash"),
    ("Unknown gunmen shot and seriously injured a former rebel near Daraa on Sunday.", "Armed clash"),
    # a beating comes before the detention that follows it
    ("Soldiers beat three men and then detained them in Hebron on Monday.", "Attack"),
    # a grenade thrown is an attack predicate
    ("An unknown man threw a grenade at a house near Deir ez-Zor on Monday.", "Grenade"),
    # protests: a sit-in is the news even when its cause is a kidnapping
    ("Families whose sons were kidnapped by militants held a sit-in in Diyarbakir on Monday.", "Peaceful protest"),
    # people captured are not territory; an attempt to retake is the fighting
    ("Rebel forces captured three army soldiers near Idlib on Sunday.", "Armed clash"),
    ("Clashes broke out near Hama on Monday in an attempt by the army to regain control of the village.",
     "Armed clash"),
    # mutual fire told as a response
    ("Rebels shelled army positions near Idlib on Monday in response to government shelling.", "Armed clash"),
    # a military convoy attacked with no weapon named is a clash, not a roadside bomb
    ("Militants attacked a military convoy near Palmyra on Sunday.", "Armed clash"),
    # bombs dropped from aircraft are an air strike; a crowd's damage is a riot
    ("Government aircraft dropped bombs on a rebel camp near Idlib on Monday.", "Air/drone strike"),
    ("Hundreds of demonstrators vandalized a police station in Kayes on Tuesday.", "Violent demonstration"),
    ("The governor extended the ban on all protests and marches in Van on Friday.", "Change to group/activity"),
    # killing suicide bombers is a clash; so is killing soldiers, whatever the parse finds
    ("Militants killed an Iraqi soldier near Kirkuk on Sunday.", "Armed clash"),
    ("Iraqi forces killed two suicide bombers near Mosul on Sunday.", "Armed clash"),
    # a killing outranks the looting that came with it
    ("Militants attacked a village near Djibo on Sunday, killed one civilian and looted shops.", "Attack"),
    # an explosive-laden drone is a drone strike, not a roadside bomb
    ("Several explosive-laden drones targeted a military base near al-Tanf on Friday.", "Air/drone strike"),
    # people found dead, an indiscriminate shooting, schools turned into barracks
    ("A girl was killed in indiscriminate shooting by gunmen in a camp near Idlib on Monday.", "Attack"),
    ("The militia turned three schools into military barracks in Taiz on Monday.", "Headquarters or base established"),
    # strategic developments
    ("Rebel forces established fortifications near Hodeidah on Sunday.", "Change to group/activity"),
    ("Militants vandalized the school in Djibo on Friday.", "Looting/property destruction"),
    ("A shepherd was injured by a landmine left over from the war near Mehran on Monday.", "Other"),
]


def _events(text: str):
    from wirewatch.documents import to_document
    from wirewatch.extraction import extract

    doc = to_document(Article(id="t", source="test", text=text, published=PUBLISHED, lang="en"))
    assert not hasattr(doc, "reason"), f"document discarded: {doc}"
    return extract(doc).events


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sub_event_type(text, expected):
    got = [e.subtype for e in _events(text)]
    assert expected in got, got


@pytest.mark.slow
def test_unit_name_makes_no_event():
    assert _events("The minister visited the Air Force Intelligence offices in Damascus on Monday.") == ()


@pytest.mark.slow
def test_intervention_told_in_a_later_sentence_codes_the_protest():
    events = _events("Hundreds of workers held a sit-in outside the ministry in Ankara on Monday. "
                     "Police intervened and dispersed the crowd.")
    assert [e.subtype for e in events] == ["Protest with intervention"]


@pytest.mark.slow
def test_small_arms_do_not_make_shelling_when_a_party_is_hit():
    events = _events("Unknown gunmen fired machine guns at a police checkpoint near Kirkuk on Sunday.")
    assert "Shelling/artillery/missile attack" not in [e.subtype for e in events]


# --- recode rules (no parse needed) -----------------------------------------------------------

def test_foreign_forces_taking_ground_do_not_regain_it():
    lex = lexicon("en")
    assert recode("Non-state actor overtakes territory", "Battles", "state-force", "rebel", lex,
                  family="battle", abroad1=True)[0] == "Non-state actor overtakes territory"
    assert recode("Non-state actor overtakes territory", "Battles", "state-force", "rebel", lex,
                  family="battle", abroad1=False)[0] == "Government regains territory"


def test_detentions_by_armed_groups():
    lex = lexicon("en")
    assert recode("Arrests", "Strategic developments", "jihadist", "civilians", lex,
                  family="arrest") == ("Abduction/forced disappearance", "Violence against civilians")
    assert recode("Arrests", "Strategic developments", "jihadist", None, lex,
                  family="arrest") == ("Armed clash", "Battles")
    assert recode("Arrests", "Strategic developments", "state-force", "civilians", lex,
                  family="arrest")[0] == "Arrests"


def test_small_arms_recoding_by_target():
    lex = lexicon("en")
    assert recode("Armed clash", "Battles", "other", None, lex, family="smallarms")[0] == \
        "Shelling/artillery/missile attack"
    assert recode("Armed clash", "Battles", "other", "civilians", lex, family="smallarms")[0] == "Attack"
    assert recode("Armed clash", "Battles", "other", "state-force", lex, family="smallarms")[0] == "Armed clash"
    # a clash trigger with no second party named stays a clash
    assert recode("Armed clash", "Battles", "other", None, lex, family="battle")[0] == "Armed clash"


def test_acts_abroad():
    turkey = Actor(name="Military Forces of Turkey", kind="state-force", country="TR")
    rebels = Actor(name="Some Rebels", kind="rebel", country="TR")
    assert acts_abroad(turkey, "SY")
    assert not acts_abroad(turkey, "TR")
    assert not acts_abroad(rebels, "SY")
    assert not acts_abroad(turkey, None)
    assert not acts_abroad(None, "SY")


@pytest.mark.slow
def test_sniper_rifles_with_mortars_at_villages_are_shelling():
    events = _events("Rebel forces fired mortar shells and sniper rifles at villages near Hodeidah on Sunday.")
    assert [e.subtype for e in events] == ["Shelling/artillery/missile attack"]


@pytest.mark.slow
def test_abducted_soldier_is_a_clash():
    events = _events("Unknown gunmen abducted two army soldiers near Daraa on Sunday.")
    assert "Abduction/forced disappearance" not in [e.subtype for e in events]


@pytest.mark.slow
def test_a_call_for_an_arrest_is_not_an_arrest():
    events = _events("Hundreds of residents protested in Sidon on Monday, calling for the arrest of the officials.")
    assert [e.subtype for e in events] == ["Peaceful protest"]


@pytest.mark.slow
def test_supporters_storming_a_compound_is_a_riot_militants_storming_a_base_a_clash():
    riot = _events("Hundreds of angry supporters stormed the embassy compound in Baghdad on Tuesday.")
    assert "Violent demonstration" in [e.subtype for e in riot]
    clash = _events("Militants stormed an army base near Gao on Tuesday.")
    assert [e.subtype for e in clash] == ["Armed clash"]


@pytest.mark.slow
def test_clash_word_without_a_crowd_stays_a_clash():
    events = _events("Government troops clashed with rebels near Idlib on Sunday.")
    assert [e.subtype for e in events] == ["Armed clash"]


@pytest.mark.slow
def test_a_victims_past_agreement_is_not_an_agreement():
    events = _events("The body of a former rebel who had signed a reconciliation agreement was found near "
                     "Daraa on Monday.")
    assert events and "Agreement" not in [e.subtype for e in events]


@pytest.mark.slow
def test_feared_and_habitual_attacks_are_no_events():
    assert _events("The militants headed toward Mansila, which raises fears of another attack in the coming days.") == ()
    assert _events("The group has been fighting in Somalia for more than a decade.") == ()


@pytest.mark.slow
def test_people_found_dead_are_a_killing():
    events = _events("Two shepherds were found dead near Raqqa on Tuesday.")
    assert [e.type for e in events] == ["Violence against civilians"]
