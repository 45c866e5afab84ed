"""English extraction on sentences written for these tests (issue 4).

Every sub-event family and the English date patterns ("on Sunday", "last week", "on 9 November
2022", "overnight") are covered. The blank mode (no English model) always runs; the model mode runs
only when Explosion's `en_core_web_sm` is installed.
"""

from __future__ import annotations

import importlib.util

import pytest

from wirewatch import languages
from wirewatch.model import Article

pytestmark = pytest.mark.slow

HAS_MODEL = importlib.util.find_spec("en_core_web_sm") is not None

# (text, expected ACLED sub-event type). Published date for all: Wednesday 2022-11-16.
PUBLISHED = "2022-11-16"
CASES = [
    # Battles
    ("Government troops clashed with Islamic State fighters near Raqqa on 9 November 2022, "
     "killing four militants.", "Armed clash"),
    ("The army recaptured the town of Maarat al-Numan from rebels on Sunday after three days of "
     "fighting.", "Government regains territory"),
    ("Islamist militants seized control of the town of Menaka on Monday after government soldiers "
     "withdrew.", "Non-state actor overtakes territory"),
    # Explosions/Remote violence
    ("Three rockets hit the Green Zone in Baghdad overnight, causing no casualties.",
     "Shelling/artillery/missile attack"),
    ("A drone strike killed two commanders of an armed group near Deir ez-Zor on Sunday.",
     "Air/drone strike"),
    ("A roadside bomb exploded as a military convoy passed near Mosul on Monday, wounding two soldiers.",
     "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint in Kirkuk on Tuesday, killing six people.",
     "Suicide bomb"),
    ("Unknown assailants threw a grenade at a shop in Basra on Monday, wounding one man.", "Grenade"),
    # Violence against civilians
    ("Gunmen abducted five aid workers on the road to Gao on Sunday.", "Abduction/forced disappearance"),
    ("Armed men massacred twelve villagers in Solhan on Saturday.", "Attack"),
    # Protests and riots
    ("Hundreds of teachers protested in Beirut on Monday against unpaid salaries.", "Peaceful protest"),
    ("Police fired tear gas and dispersed protesters in Baghdad on Sunday.", "Protest with intervention"),
    ("Rioters threw stones at police and burned tyres in Basra on Tuesday.", "Violent demonstration"),
    # Strategic developments
    ("Security forces arrested ten suspected militants in Kirkuk on Tuesday.", "Arrests"),
    ("Air defences intercepted two drones over Erbil airport overnight.", "Disrupted weapons use"),
    ("The two factions signed a ceasefire agreement in Niamey on Monday.", "Agreement"),
    ("Armed men looted shops and burned down houses in the village on Sunday.", "Looting/property destruction"),
]

# (text, expected event date) with the publication date PUBLISHED (Wednesday).
DATE_CASES = [
    ("Militants attacked an army post near Gao on Sunday, killing three soldiers.", "2022-11-13"),
    ("Three rockets hit a military base near Baghdad overnight.", "2022-11-16"),
    ("Government troops clashed with rebels near Aleppo on 9 November 2022.", "2022-11-09"),
    ("Government troops clashed with rebels near Aleppo last week.", "2022-11"),
]


@pytest.fixture
def blank_english(monkeypatch):
    """Force the blank English pipeline even when en_core_web_sm is installed."""
    from wirewatch.nlp import pipeline

    real = languages.settings

    def settings(lang):
        cfg = dict(real(lang))
        if lang == "en":
            cfg["model"] = None
        return cfg

    monkeypatch.setattr(languages, "settings", settings)
    pipeline.load.cache_clear()
    yield
    pipeline.load.cache_clear()


def _events(text: str, published: str = PUBLISHED):
    from wirewatch.documents import to_document
    from wirewatch.extraction import extract

    doc = to_document(Article(id="t", source="test", text=text, published=published, lang="en"))
    assert not hasattr(doc, "reason"), f"document discarded: {doc}"
    return extract(doc).events


def _check_subtypes():
    misses = []
    for text, expected in CASES:
        got = [e.subtype for e in _events(text)]
        if expected not in got:
            misses.append((expected, got, text))
    assert not misses, "\n".join(f"{e}: got {g} for {t!r}" for e, g, t in misses)


def test_blank_mode_is_reported(blank_english):
    from wirewatch.nlp import describe

    assert describe("en")["mode"] == "blank"


def test_sub_event_families_blank_mode(blank_english):
    _check_subtypes()


@pytest.mark.skipif(not HAS_MODEL, reason="en_core_web_sm is not installed (see README)")
def test_sub_event_families_model_mode():
    from wirewatch.nlp import describe, pipeline

    pipeline.load.cache_clear()
    assert describe("en")["mode"] == "model"
    _check_subtypes()


@pytest.mark.parametrize(("text", "expected"), DATE_CASES)
def test_date_patterns(blank_english, text, expected):
    dates = [e.date.iso() if e.date else None for e in _events(text)]
    assert expected in dates, dates


def test_no_event_in_a_sentence_without_violence(blank_english):
    assert _events("The minister met his counterpart in Baghdad on Monday to discuss trade.") == ()


def test_unclaimed_attack_has_unidentified_actor(blank_english):
    events = _events("Unknown gunmen attacked a police checkpoint near Kirkuk on Sunday, killing two officers.")
    assert events and events[0].actor1 and events[0].actor1.startswith("Unidentified Armed Group")
    assert events[0].fatalities == 2


def test_killing_count_and_place(blank_english):
    events = _events("Government troops clashed with Islamic State fighters near Raqqa on Sunday, "
                     "killing four militants.")
    assert events[0].fatalities == 4
    assert events[0].country == "SY" and events[0].admin1 is not None


def test_roles_between_x_and_y(blank_english):
    events = _events("Clashes took place between Hezbollah and the Lebanese army in Baalbek on Monday.")
    assert events[0].actor1 == "Hezbollah"
    assert events[0].actor2 == "Military Forces of Lebanon"


def test_roles_passive_agent_by(blank_english):
    events = _events("Islamic State fighters were attacked by the Syrian Democratic Forces near Raqqa on Sunday.")
    assert events[0].actor1 == "QSD: Syrian Democratic Forces"


def test_civilian_victims_make_an_attack_and_sources_are_not_actors(blank_english):
    events = _events("Gunmen shot dead three civilians in a village near Gao on Sunday, police said.")
    e = events[0]
    assert (e.type, e.subtype) == ("Violence against civilians", "Attack")
    assert e.actor1 == "Unidentified Armed Group (Mali)" and e.actor2 == "Civilians (Mali)"
    assert e.fatalities == 3


def test_territory_taken_by_state_forces_is_regained(blank_english):
    events = _events("Government forces captured the town of Kidal from rebels on Sunday.")
    assert [e.subtype for e in events] == ["Government regains territory"]


def test_anti_x_forces_are_not_x(blank_english):
    events = _events("Anti-Houthi tribal fighters clashed with the army near Taiz on Sunday.")
    assert events and events[0].actor1 != "Houthis"


def test_umbrella_operation_is_the_actor(blank_english):
    events = _events("Rebels operating under Operation Peace Spring clashed with the Syrian Democratic Forces "
                     "near Raqqa on Sunday.")
    assert events[0].actor1 == "Operation Peace Spring"
    assert events[0].actor2 == "QSD: Syrian Democratic Forces"
