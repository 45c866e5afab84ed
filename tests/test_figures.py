"""Figures: troop levels and weapon counts, with about/as_of/attribution (sentences written here)."""

from __future__ import annotations

from wirewatch.extraction import extract
from wirewatch.model import Document, PartialDate


def figures(text: str):
    doc = Document(id="f", source="test", lang="fr", text=text, published=PartialDate(2022, 6, 15))
    return doc, extract(doc).figures


def test_troop_level_with_nationality_and_country():
    doc, figs = figures("Le pays accueille encore 1.800 soldats français au Mali, selon l'état-major.")
    (f,) = [f for f in figs if f.quantity == "troops"]
    assert f.value == 1800
    assert f.about == "FR troops in Mali"
    assert f.as_of == PartialDate(2022, 6)
    assert f.attributed_to and "état-major" in f.attributed_to
    assert "1.800" in f.span.of(doc.text)


def test_weapon_count_and_exact_figure_in_apposition():
    _, figs = figures("Des dizaines de missiles, 40 selon l'armée, ont visé la ville de Kharkiv.")
    values = sorted(f.value for f in figs if f.quantity == "rockets")
    assert 40 in values


def test_a_casualty_count_is_not_a_troop_level():
    _, figs = figures("Cinq soldats ont été tués lundi dans une embuscade.")
    assert [f for f in figs if f.quantity == "troops"] == []


def test_figure_date_comes_from_the_sentence():
    _, figs = figures("En mars 2021, le contingent comptait 900 militaires en Syrie.")
    (f,) = [f for f in figs if f.quantity == "troops"]
    assert f.as_of == PartialDate(2021, 3)
