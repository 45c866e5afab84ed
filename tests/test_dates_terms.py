"""Issue 3 (session 3): the office terms of the people a text names narrow the year of an undated text.

Sentences written for these tests; real people and their real terms. Calendar facts used: 31 December
is a Tuesday in 2002, 2013, 2019, 2024 and 2030; 9 September a Wednesday in 2009, 2015, 2020 and 2026;
29 March a Monday in 2010, 2021 and 2027.
"""

from __future__ import annotations

from datetime import date

import pytest

from wirewatch.errors import ResourceError
from wirewatch.knowledge.actors import ActorKB
from wirewatch.mentions import dateterms
from wirewatch.mentions.dates import find_dates, infer_reference
from wirewatch.model import PartialDate


def dated(text: str, key: str, lang: str = "fr") -> PartialDate | None:
    """The date find_dates gives the expression `key` of an undated text (basis checked)."""
    found = {d.text: d for d in find_dates(text, lang, None)}
    mention = found[key]
    if mention.date is not None and mention.date.year is not None:
        assert mention.basis in ("inferred", "explicit")
    return mention.date


@pytest.mark.parametrize(
    "text, key, lang, iso",
    [
        # one term of the president holds a Tuesday 31 December: 2019 (2024 was before his second term)
        (("Le président américain Donald Trump a accusé l'Iran après l'attaque de mardi 31 décembre "
         "contre l'ambassade."), "mardi 31 décembre", "fr", "2019-12-31"),
        ("President Donald Trump blamed Iran for the attack on the embassy on Tuesday 31 December.",
         "Tuesday 31 December", "en", "2019-12-31"),
        # a rank right before the name, and an apposition right after it
        ("Le général Kenneth McKenzie a annoncé mercredi 9 septembre le départ de 2 000 soldats.",
         "mercredi 9 septembre", "fr", "2020-09-09"),
        (("Kenneth McKenzie, chef du commandement central américain, a annoncé mercredi 9 septembre "
         "le départ de 2 000 soldats."), "mercredi 9 septembre", "fr", "2020-09-09"),
    ],
)
def test_a_term_settles_the_year(text, key, lang, iso):
    assert dated(text, key, lang) == PartialDate.parse(iso)
    assert infer_reference(text, lang) == PartialDate.parse(iso)


@pytest.mark.parametrize(
    "text, key, lang",
    [
        # his terms hold 2013, 2019 and 2024: the text does not say which
        ("Le Premier ministre israélien Benjamin Netanyahou a réuni son cabinet mardi 31 décembre.",
         "mardi 31 décembre", "fr"),
        ("Le président russe Vladimir Poutine a présenté ses voeux mardi 31 décembre.", "mardi 31 décembre", "fr"),
    ],
)
def test_terms_that_leave_two_years_leave_the_year_unset(text, key, lang):
    assert dated(text, key, lang) is None


@pytest.mark.parametrize(
    "text, key, lang",
    [
        ("L'ancien président américain Donald Trump a commenté mardi 31 décembre l'attaque.",
         "mardi 31 décembre", "fr"),
        ("L'ex-président américain Donald Trump a commenté mardi 31 décembre l'attaque.", "mardi 31 décembre", "fr"),
        (("Le raid avait été ordonné par le président américain de l'époque Donald Trump. Mardi 31 décembre, "
         "la milice a manifesté."), "Mardi 31 décembre", "fr"),
        ("Former President Donald Trump commented on the attack on Tuesday 31 December.", "Tuesday 31 December", "en"),
        ("President-elect Donald Trump commented on the attack on Tuesday 31 December.", "Tuesday 31 December", "en"),
        # a bare name bounds nothing: a candidate, a past president, anyone
        ("Donald Trump a commenté mardi 31 décembre l'attaque contre l'ambassade.", "mardi 31 décembre", "fr"),
    ],
)
def test_a_former_or_bare_name_is_no_bound(text, key, lang):
    assert dated(text, key, lang) is None
    assert not [b for b in dateterms.bounds(text, lang) if b.kind == "office"]


def test_a_written_year_is_still_used_and_a_term_only_chooses_among_its_years():
    # 2024 is the one Tuesday 31 December of the written year's window: it stands, though Donald
    # Trump's second term began later (titles are used loosely; the text's own year wins)
    text = ("En 2024, les tensions ont repris. Le président américain Donald Trump a réagi à l'attaque "
            "du mardi 31 décembre.")
    assert dated(text, "mardi 31 décembre") == PartialDate(2024, 12, 31)
    # from 2019 the window holds 2019 and 2024; only 2019 lies in one of his terms
    text = ("Depuis 2019, les milices harcèlent les bases. Le président américain Donald Trump a réagi à "
            "l'attaque du mardi 31 décembre.")
    assert dated(text, "mardi 31 décembre") == PartialDate(2019, 12, 31)
    # without the title, the written year alone leaves both
    assert dated(text.replace("Le président américain Donald Trump", "Washington"), "mardi 31 décembre") is None


def test_two_presidents_titled_in_the_present_contradict_each_other_and_settle_nothing():
    text = ("Le président Joe Biden a répété la position du président Donald Trump sur l'attaque de "
            "mardi 31 décembre.")
    assert dated(text, "mardi 31 décembre") is None


def test_a_recalled_death_is_a_lower_bound_like_a_written_year():
    text = ("Depuis l'assassinat de Qassem Soleimani, les attaques se multiplient. Lundi 29 mars, trois "
            "convois ont été visés.")
    assert dated(text, "Lundi 29 mars") == PartialDate(2021, 3, 29)
    assert [b.kind for b in dateterms.bounds(text, "fr")] == ["death"]
    # named with his title and no word of his death: his term's end bounds nothing (the dead keep it)
    text = "Le général Qassem Soleimani, commandant de la force Qods, était visé. Lundi 29 mars, trois convois."
    assert dated(text, "Lundi 29 mars") is None


def test_a_title_belongs_to_the_name_right_after_it():
    text = "Le président Emmanuel Macron et Donald Trump ont parlé mardi 31 décembre."
    offices = [b.name for b in dateterms.bounds(text, "fr") if b.kind == "office"]
    assert offices == ["Emmanuel Macron"]
    assert dated(text, "mardi 31 décembre") is None  # his terms hold 2019 and 2024


def test_an_organisation_bounds_from_its_founding_only():
    text = "Les Hachd al-Chaabi ont défilé à Bagdad."
    found = dateterms.bounds(text, "fr")
    assert [(b.name, b.kind) for b in found] == [("Popular Mobilization Forces", "founded")]
    open_end = date(2030, 12, 31)
    assert not dateterms.fits(date(2013, 12, 31), found, open_end)
    assert dateterms.fits(date(2024, 12, 31), found, open_end)
    # a lower bound alone settles nothing
    assert dated(text + " Mardi 31 décembre, ils ont manifesté.", "Mardi 31 décembre") is None


def test_fits_needs_one_period_of_every_bound_with_a_week_of_slack_before_a_start():
    kb = ActorKB.default()
    trump = dateterms.Bound("Donald Trump", None, "office", kb.active("Donald Trump"))
    open_end = date(2030, 12, 31)
    assert dateterms.fits(date(2019, 12, 31), [trump], open_end)
    assert not dateterms.fits(date(2022, 6, 1), [trump], open_end)
    assert dateterms.fits(date(2025, 1, 15), [trump], open_end)  # within START_SLACK_DAYS of a start
    assert not dateterms.fits(date(2024, 12, 31), [trump], open_end)


def test_a_language_without_terms_has_no_bounds():
    assert dateterms.bounds("President Donald Trump spoke.", "xx") == ()


def test_the_kb_reads_active_periods_and_deaths_and_refuses_bad_dates():
    kb = ActorKB([{"name": "A B", "kind": "person", "aliases": [], "active": [["2001-02-03", None]],
                   "died": "2005-01-01"}])
    assert kb.active("A B") == ((date(2001, 2, 3), None),)
    assert kb.died("A B") == date(2005, 1, 1)
    assert kb.dated() == ["A B"]
    with pytest.raises(ResourceError):
        ActorKB([{"name": "C", "kind": "person", "active": [["2001-13-01", None]]}])
    with pytest.raises(ResourceError):
        ActorKB([{"name": "D", "kind": "person", "active": [["2005-01-01", "2001-01-01"]]}])


def test_every_shipped_period_is_well_formed():
    kb = ActorKB.default()
    assert len([c for c in kb.dated() if kb.get(c).kind == "person"]) >= 80
    for canon in kb.dated():
        for first, last in kb.active(canon):
            assert last is None or first <= last, canon
        died = kb.died(canon)
        if died is not None:
            assert all(last is None or last <= died for _, last in kb.active(canon)), canon


def test_typographic_apostrophes_read_like_straight_ones():
    text = "Le raid a été ordonné par le président américain de l’époque Donald Trump."
    assert not [b for b in dateterms.bounds(text, "fr") if b.kind == "office"]
    text = "Le Premier ministre à cette époque Adel Abdel Mahdi a protesté."
    assert not [b for b in dateterms.bounds(text, "fr") if b.kind == "office"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Sous le régime du président Bachar al-Assad, la prison était redoutée.", "fr"),
        ("Under President Bashar al-Assad, the prison was feared.", "en"),
        ("Le président nigérien Mohamed Bazoum, détenu depuis le coup d'État, a été entendu.", "fr"),
    ],
)
def test_a_title_in_a_recollection_or_after_a_fall_is_no_bound(text, lang):
    assert not [b for b in dateterms.bounds(text, lang) if b.kind == "office"]


@pytest.mark.parametrize(
    "text, lang, dead",
    [
        ("Depuis l'assassinat d'Abou Mahdi al-Mouhandis, les attaques se multiplient.", "fr", True),
        ("La frappe qui a tué le commandant de la force Qods Qassem Soleimani a tout changé.", "fr", True),
        ("Since the killing of Qassem Soleimani, attacks have multiplied.", "en", True),
        # a threat is no death; a killer is not the dead
        ("Les manifestants ont proféré des menaces de mort contre Qassem Soleimani.", "fr", False),
        ("Des soldats ont été tués par des milices formées par Qassem Soleimani.", "fr", False),
        ("Soldiers were killed by militias trained by Qassem Soleimani.", "en", False),
    ],
)
def test_a_recalled_death_needs_the_person_as_the_dead(text, lang, dead):
    assert ("death" in [b.kind for b in dateterms.bounds(text, lang)]) is dead
