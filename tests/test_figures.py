"""Figures: troop levels and weapon counts, with about/as_of/attribution (sentences written here)."""

from __future__ import annotations

import pytest

from wirewatch.extraction import extract
from wirewatch.figures import demonym, figure_lexicon
from wirewatch.model import Document, PartialDate

pytestmark = pytest.mark.slow  # loads the spaCy pipeline

PUBLISHED = PartialDate(2022, 6, 15)


def figures(text: str, lang: str = "fr"):
    doc = Document(id="f", source="test", lang=lang, text=text, published=PUBLISHED)
    return doc, extract(doc).figures


def pairs(figs, quantity: str | None = None) -> list[tuple[str, int]]:
    return sorted((f.quantity, f.value) for f in figs if quantity in (None, f.quantity))


# --- French ---------------------------------------------------------------------------------------


def test_troop_level_with_nationality_and_country():
    doc, figs = figures("Le pays accueille encore 1.800 soldats français au Mali, selon l'état-major.")
    (f,) = [f for f in figs if f.quantity == "troops"]
    assert f.value == 1800
    assert f.about == "French troops in Mali"
    assert f.country == "ML"
    assert f.as_of == PartialDate(2022, 6)
    assert f.attributed_to and "état-major" in f.attributed_to
    assert "1.800" in f.span.of(doc.text)


def test_weapon_count_and_exact_figure_in_apposition():
    _, figs = figures("Des dizaines de missiles, 40 selon l'armée, ont visé la ville de Kharkiv.")
    assert pairs(figs, "rockets") == [("rockets", 40)]  # the vague "des dizaines" is not a figure
    (f,) = figs
    assert f.attributed_to == "l'armée"


def test_rocket_count_of_a_sentence():
    _, figs = figures("Six roquettes se sont abattues jeudi sur une base militaire près de Kirkouk.")
    assert pairs(figs) == [("rockets", 6)]


def test_a_casualty_count_is_not_a_troop_level():
    _, figs = figures("Cinq soldats ont été tués lundi dans une embuscade.")
    assert [f for f in figs if f.quantity == "troops"] == []


def test_injured_soldiers_are_not_a_troop_level():
    _, figs = figures("Une attaque a fait trente blessés parmi les 400 soldats de la base, selon un officier.")
    assert [f for f in figs if f.quantity == "troops"] == []


def test_figure_date_comes_from_the_sentence():
    _, figs = figures("En mars 2021, le contingent comptait 900 militaires en Syrie.")
    (f,) = [f for f in figs if f.quantity == "troops"]
    assert f.as_of == PartialDate(2021, 3)


def test_past_figure_without_date_is_left_undated():
    _, figs = figures("Plus de 4.000 soldats britanniques avaient été envoyés en Afghanistan.")
    (f,) = [f for f in figs if f.quantity == "troops"]
    assert f.value == 4000
    assert f.as_of is None


def test_reduction_from_a_to_b_yields_the_target():
    _, figs = figures("Le Pentagone a annoncé que le nombre de soldats en Syrie passerait de 2.000 à 1.200.")
    values = [f.value for f in figs if f.quantity == "troops"]
    assert 1200 in values
    assert set(values) <= {2000, 1200}


def test_elliptical_count_takes_the_noun_named_before_it():
    _, figs = figures("Le Royaume-Uni dispose de 600 soldats en Estonie et de 150 en Pologne.")
    got = {(f.value, f.country) for f in figs if f.quantity == "troops"}
    assert got == {(600, "EE"), (150, "PL")}


def test_years_and_percentages_are_not_figures():
    _, figs = figures("En 2019, 30 % des soldats déployés au Niger étaient des réservistes.")
    assert all(f.value not in (2019, 30) for f in figs)


def test_two_men_are_not_a_contingent():
    _, figs = figures("Les deux hommes ont discuté de la présence militaire au Tchad.")
    assert figs == ()


def test_ordinal_attack_counts_attacks():
    _, figs = figures("Il s'agit de la 14e attaque contre des intérêts turcs en Syrie depuis janvier.")
    assert pairs(figs) == [("attacks", 14)]


def test_times_with_an_attack_verb_counts_attacks():
    _, figs = figures("La base a été visée au moins 12 fois depuis le mois de mai.")
    assert pairs(figs) == [("attacks", 12)]


def test_reporting_verb_subject_is_the_source():
    _, figs = figures("Le ministre de la Défense a déclaré que 3.000 militaires resteront au Niger.")
    (f,) = figs
    assert f.attributed_to == "Le ministre de la Défense"


def test_a_pronoun_source_is_dropped():
    _, figs = figures("Selon lui, 700 militaires sont encore stationnés au Tchad.")
    (f,) = figs
    assert f.value == 700 and f.attributed_to is None


def test_repeated_figure_is_reported_once():
    _, figs = figures("Environ 1.500 soldats sont au Mali. Ces 1.500 soldats y resteront, a dit le ministre.")
    assert pairs(figs) == [("troops", 1500)]


# --- English ------------------------------------------------------------------------------------


def test_english_troop_level():
    doc, figs = figures("The United States currently has about 1,200 troops in Somalia.", "en")
    (f,) = figs
    assert (f.quantity, f.value, f.country) == ("troops", 1200, "SO")
    assert f.as_of == PartialDate(2022, 6)
    assert "1,200" in f.span.of(doc.text)


def test_english_rockets_with_attribution():
    _, figs = figures("Officials said 12 rockets landed near the airport in Erbil on Tuesday, according to the Kurdish "
                      "security service.", "en")
    (f,) = figs
    assert (f.quantity, f.value) == ("rockets", 12)
    assert f.attributed_to == "the Kurdish security service"


def test_english_said_subject_is_the_source():
    _, figs = figures("Some 300 US soldiers remain at the base, the Pentagon said.", "en")
    (f,) = figs
    assert f.value == 300 and f.about.startswith("US troops")


def test_english_casualty_count_is_not_a_figure():
    _, figs = figures("Gunmen killed 14 soldiers near the border on Sunday.", "en")
    assert figs == ()


def test_english_more_than_n_attacks():
    _, figs = figures("There have been more than 80 attacks on the convoy route since March.", "en")
    assert pairs(figs) == [("attacks", 80)]


def test_english_year_is_not_a_figure():
    _, figs = figures("The 2014 offensive drove 500 fighters out of the town.", "en")
    assert ("fighters", 2014) not in pairs(figs)


# --- data ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_lexicon_loads_every_quantity(lang):
    lex = figure_lexicon(lang)
    assert lex is not None
    assert {"troops", "rockets", "attacks"} <= {q.name for q in lex.quantities}


def test_demonym_prefers_short_caps_then_adjective():
    assert demonym("US") == "US"
    assert demonym("IQ") == "Iraqi"


def test_language_without_lexicon_has_no_figures():
    assert figure_lexicon("xx") is None
