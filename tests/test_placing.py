"""Cue-based place detection (events.placing) on sentences written for these tests."""

from __future__ import annotations

import pytest

from wirewatch.events.placing import detect_places, place_cues
from wirewatch.knowledge.gazetteer import Gazetteer
from wirewatch.model import Span
from wirewatch.nlp.parsed import Entity, ParsedDoc


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


def _doc(text: str, lang: str = "en", entities: tuple = ()) -> ParsedDoc:
    return ParsedDoc("t", lang, text, (), (), entities)


def _found(gz, text, countries=("SY",), lang="en", entities=(), taken=()):
    return [(name, p) for _, name, p in detect_places(_doc(text, lang, entities), gz, countries, list(taken))]


def test_small_town_after_a_cue_resolves_inside_the_article_country(gz) -> None:
    got = _found(gz, "Two men were wounded by gunfire near Tal Hmis late on Sunday.")
    assert [n for n, _ in got] == ["Tal Hmis"]
    assert got[0][1].country == "SY" and got[0][1].admin1 == "Al-Hasakah"


def test_place_noun_after_the_name_is_a_cue(gz) -> None:
    got = _found(gz, "Artillery hit Saraqib town overnight.")
    assert [(n, p.country, p.precision) for n, p in got] == [("Saraqib", "SY", "town")]


def test_no_cue_no_detection(gz) -> None:
    assert _found(gz, "Saraqib residents said they fled.") == []


def test_months_and_titles_are_not_places(gz) -> None:
    assert _found(gz, "Fighting resumed in March near President Street.", countries=()) == []


def test_actor_names_are_not_cut_into_places(gz) -> None:
    got = _found(gz, "A convoy was ambushed in Manbij Military Council territory.")
    assert got == []


def test_a_town_of_another_country_is_refused(gz) -> None:
    assert _found(gz, "A shell fell near Tal Hmis.", countries=("IQ",)) == []


def test_nationality_adjective_is_not_a_place(gz) -> None:
    assert _found(gz, "Shelling continued in Kurdish areas.") == []


def test_overlapping_entities_are_left_alone(gz) -> None:
    text = "Clashes took place in Tal Hmis."
    start = text.index("Tal")
    ent = Entity(Span(start, start + 8), "Tal Hmis", "ACTOR")
    assert _found(gz, text, entities=(ent,)) == []
    assert _found(gz, text, taken=(Span(start, start + 3),)) == []


def test_french_elision_and_hyphenated_article(gz) -> None:
    got = _found(gz, "Des obus sont tombés près d'Al-Bab et à al-Bab mardi.", lang="fr")
    assert [p.name for _, p in got] == ["Al-Bab", "Al-Bab"]


def test_language_without_cue_file_detects_nothing(gz) -> None:
    assert place_cues("xx").before == ()
    assert _found(gz, "Clashes near Tal Hmis.", lang="xx") == []


def test_a_match_inside_a_longer_name_is_a_fragment() -> None:
    from wirewatch.events.placing import fragment_of, name_runs

    text = "A mine exploded in the Al-Saba Bahrat area."
    start = text.index("Saba")
    runs = name_runs(text, "en")
    longer = fragment_of(text, "en", Span(start, start + 4), runs)
    assert longer is not None and text[longer.start:longer.end] == "Al-Saba Bahrat"


def test_place_nouns_and_articles_do_not_make_a_longer_name() -> None:
    from wirewatch.events.placing import fragment_of, name_runs

    for text, name in (("Shelling hit Homs Governorate.", "Homs"), ("Clashes in Ash Shula today.", "Shula")):
        start = text.index(name)
        assert fragment_of(text, "en", Span(start, start + len(name)), name_runs(text, "en")) is None


def test_hyphenated_adjective_is_not_a_location() -> None:
    from wirewatch.events.placing import compound_adjective

    text = "The Washington-led coalition left Baghdad-Sadr."
    assert compound_adjective(text, Span(4, 14))
    start = text.index("Baghdad")
    assert not compound_adjective(text, Span(start, start + 7))


def _ctx_with(text: str, places: list[tuple[str, object]], lang: str = "en"):
    from wirewatch.events.context import DocContext
    from wirewatch.model import PlaceMention
    from wirewatch.nlp.parsed import Sentence

    sent = Sentence(0, Span(0, len(text)), text, 0, 0)
    mentions = []
    for name, place in places:
        start = text.index(name)
        mentions.append(PlaceMention(Span(start, start + len(name)), name, place))
    parsed = ParsedDoc("t", lang, text, (), (sent,), ())
    return DocContext(None, parsed, (), tuple(mentions), (), (), (), None), sent


def test_a_place_outside_its_stated_container_is_contradicted() -> None:
    from wirewatch.events.placing import _contradicted
    from wirewatch.model import Place

    far = Place("Faraway", "SY", "Daraa", 32.7, 36.1, "town")
    near = Place("Nearby", "SY", "Al-Hasakah", 36.9, 41.0, "town")
    container = Place("Al-Hasakah", "SY", "Al-Hasakah", 36.5, 40.7, "admin1")
    text = "Gunmen attacked a post in Faraway village in Hasakah province."
    ctx, sent = _ctx_with(text, [("Faraway", far), ("Hasakah", container)])
    assert _contradicted(ctx, ctx.places[0], sent)
    ctx, sent = _ctx_with(text, [("Faraway", near), ("Hasakah", container)])
    assert not _contradicted(ctx, ctx.places[0], sent)


def test_a_direction_word_may_end_the_container_link() -> None:
    from wirewatch.events.placing import _contradicted
    from wirewatch.model import Place

    far = Place("Faraway", "SY", "Daraa", 32.7, 36.1, "town")
    container = Place("Hasakah", "SY", "Al-Hasakah", 36.5, 40.7, "admin1")
    for text in ("Shells fell on Faraway area in southern Hasakah countryside.",
                 "Shells fell on Faraway in the north-western Hasakah countryside."):
        ctx, sent = _ctx_with(text, [("Faraway", far), ("Hasakah", container)])
        assert _contradicted(ctx, ctx.places[0], sent), text
    # a direction word alone, with no link word, is not containment
    ctx2, sent2 = _ctx_with("Shells fell on Faraway southern Hasakah.", [("Faraway", far), ("Hasakah", container)])
    assert not _contradicted(ctx2, ctx2.places[0], sent2)


def test_coordination_and_relative_position_are_not_containment() -> None:
    from wirewatch.events.placing import _contradicted
    from wirewatch.model import Place

    a = Place("Alpha", "SY", "Daraa", 32.7, 36.1, "town")
    b = Place("Beta", "SY", "Aleppo", 36.2, 37.1, "admin1")
    for text in ("Shells fell in Alpha and in Beta.", "Shells fell in Alpha, 20 km south of Beta."):
        ctx, sent = _ctx_with(text, [("Alpha", a), ("Beta", b)])
        assert not _contradicted(ctx, ctx.places[0], sent), text


def test_two_capitals_joined_without_a_place_cue_are_parties() -> None:
    from wirewatch.events.placing import _parties
    from wirewatch.model import Place

    capital_a = Place("Alphaville", "IQ", "Baghdad", 33.3, 44.4, "town")
    capital_b = Place("Betatown", "US", None, 38.9, -77.0, "town")
    ctx, sent = _ctx_with("Alphaville and Betatown agreed on a withdrawal.",
                          [("Alphaville", capital_a), ("Betatown", capital_b)])
    assert _parties(ctx, ctx.places[0], sent)
    ctx, sent = _ctx_with("Rockets fell in Alphaville and Betatown.", [("Alphaville", capital_a), ("Betatown", capital_b)])
    assert not _parties(ctx, ctx.places[0], sent)


def test_a_name_before_in_and_a_known_place_is_detected(gz) -> None:
    text = "Residents of Tal Hmis in Hasakah protested."
    hasakah = text.index("Hasakah")
    got = _found(gz, text, taken=(Span(hasakah, hasakah + 7),))
    assert [n for n, _ in got] == ["Tal Hmis"]
    assert _found(gz, "Residents of Tal Hmis protested.") == []


def test_the_container_does_not_beat_the_place_it_contains() -> None:
    from wirewatch.events.placing import _contains
    from wirewatch.model import Place

    village = Place("Alpha", "SY", "Aleppo", 36.3, 37.0, "town")
    city = Place("Beta", "SY", "Aleppo", 36.2, 37.1, "town")
    ctx, _ = _ctx_with("Shelling hit Alpha in Beta.", [("Alpha", village), ("Beta", city)])
    assert _contains(ctx, ctx.places[1], ctx.places[0])
    assert not _contains(ctx, ctx.places[0], ctx.places[1])


def _places_of(text: str, names: list[str], lang: str = "en"):
    from wirewatch.events.context import _places

    ents = []
    for n in names:
        start = text.index(n)
        ents.append(Entity(Span(start, start + len(n)), n, "PLACE"))
    return _places(ParsedDoc("t", lang, text, (), (), tuple(ents)))


def test_a_province_name_outvotes_a_foreign_town_of_one_mention() -> None:
    places, main = _places_of("Clashes erupted in Ash Shula in Deir-ez-Zor.", ["Shula", "Deir-ez-Zor"])
    assert main == "SY"
    assert all(m.place.country == "SY" for m in places)


def test_a_fragment_of_an_unknown_longer_name_is_dropped() -> None:
    places, _ = _places_of("A mine exploded in the Al-Saba Bahrat area in Idleb city.", ["Saba", "Idleb"])
    assert [m.text for m in places] == ["Idleb"]


def test_detected_and_pattern_places_come_in_text_order() -> None:
    places, main = _places_of("Gunmen attacked a post in the village of Tal Hmis in Hasakah.", ["Hasakah"])
    assert [m.text for m in places] == ["Tal Hmis", "Hasakah"] and main == "SY"


def test_comma_and_parenthesis_containers_but_not_lists() -> None:
    from wirewatch.events.placing import _linked
    from wirewatch.model import Place

    district = Place("Alpha", "YE", "Saada", 16.8, 43.5, "district")
    town = Place("Saada", "YE", "Saada", 16.9, 43.7, "town")
    ctx, _ = _ctx_with("Rockets hit villages west of Alpha district (Saada).", [("Alpha", district), ("Saada", town)])
    assert _linked(ctx, ctx.places[0], ctx.places[1])
    one = Place("Onetown", "LB", "South", 33.5, 35.4, "town")
    two = Place("Twotown", "LB", "North", 34.4, 35.8, "town")
    ctx, _ = _ctx_with("Protests in Onetown, Twotown and elsewhere.", [("Onetown", one), ("Twotown", two)])
    assert not _linked(ctx, ctx.places[0], ctx.places[1])


def test_street_names_are_not_places() -> None:
    from wirewatch.events.placing import street_name

    text = "A car bomb exploded in Raju street, then another rue de Damas."
    raju, damas = text.index("Raju"), text.index("Damas")
    assert street_name(text, Span(raju, raju + 4), "en")
    assert street_name(text, Span(damas, damas + 5), "fr")
    plain = "A car bomb exploded in Raju."
    assert not street_name(plain, Span(plain.index("Raju"), plain.index("Raju") + 4), "en")


def test_french_countryside_of_a_city_is_its_province() -> None:
    places, _ = _places_of("Des frappes ont visé la campagne d'Idleb mardi.", ["Idleb"], lang="fr")
    assert [(m.place.name, m.place.precision) for m in places] == [("Idlib", "admin1")]
    places, _ = _places_of("Des frappes ont visé la ville d'Idleb mardi.", ["Idleb"], lang="fr")
    assert [m.place.precision for m in places] == ["town"]


def _tok_doc(text: str, places: list[tuple[str, object]], lang: str = "en"):
    """A parsed text with whitespace tokens and no dependency labels (the blank pipeline)."""
    import re

    from wirewatch.events.context import DocContext
    from wirewatch.model import PlaceMention
    from wirewatch.nlp.parsed import Sentence, Token

    toks = tuple(Token(i, Span(m.start(), m.end()), m.group(), m.group().lower(), "", "", i)
                 for i, m in enumerate(re.finditer(r"\w+|[^\w\s]", text)))
    sent = Sentence(0, Span(0, len(text)), text, 0, len(toks))
    mentions = []
    for name, place in places:
        start = text.index(name)
        mentions.append(PlaceMention(Span(start, start + len(name)), name, place))
    parsed = ParsedDoc("t", lang, text, toks, (sent,), ())
    return DocContext(None, parsed, (), tuple(mentions), (), (), (), None), sent


def test_a_capital_before_a_verb_of_saying_is_the_government() -> None:
    from wirewatch.events.placing import _speaker
    from wirewatch.model import Place

    from wirewatch.events.seats import seats

    capital = Place(seats()["SY"], "SY", "Damascus", 33.5, 36.3, "town")
    town = Place("Smalltown", "SY", "Idlib", 35.9, 36.6, "town")
    name = capital.name
    for text in (f"{name} said rebels shelled a village.", f"{name} has also condemned the strike."):
        ctx, _ = _ctx_with(text, [(name, capital)])
        assert _speaker(ctx, ctx.places[0]), text
    for text in (f"{name} was shelled on Sunday.", f"{name}, 4 May: shells fell.", f"Rockets hit {name} overnight."):
        ctx, _ = _ctx_with(text, [(name, capital)])
        assert not _speaker(ctx, ctx.places[0]), text
    ctx, _ = _ctx_with("the Army of Smalltown said it shelled a post.", [("Smalltown", town)])
    assert not _speaker(ctx, ctx.places[0])  # only states speak through a place name


def test_places_joined_by_and_are_coordinated_without_a_parser() -> None:
    from wirewatch.events.placing import _linear_coordinated
    from wirewatch.model import Place

    a = Place("Alpha", "SY", "Idlib", 35.9, 36.6, "town")
    b = Place("Beta", "SY", "Hama", 35.1, 36.8, "town")
    for text in ("Shells fell in Alpha and in Beta.", "Shells fell in Alpha and Beta."):
        ctx, sent = _tok_doc(text, [("Alpha", a), ("Beta", b)])
        assert _linear_coordinated(ctx, ctx.places[0], ctx.places[1], sent), text
    for text in ("Shells fell in Alpha, 20 km from Beta.", "Shells fell in Alpha and killed Beta residents."):
        ctx, sent = _tok_doc(text, [("Alpha", a), ("Beta", b)])
        assert not _linear_coordinated(ctx, ctx.places[0], ctx.places[1], sent), text


def test_a_place_after_a_place_cue_is_never_a_speaker() -> None:
    from wirewatch.events.placing import speaks

    text = "A rocket attack in Capitaltown kills two. Capitaltown says it will respond."
    first = text.index("Capitaltown")
    second = text.index("Capitaltown", first + 1)
    assert not speaks(text, "en", Span(first, first + 11))
    assert speaks(text, "en", Span(second, second + 11))


def test_english_capital_subject_is_the_government_acting_through_its_forces() -> None:
    from wirewatch.extraction import extract
    from wirewatch.model import Document, PartialDate

    doc = Document(id="m", source="t", lang="en", published=PartialDate(2022, 3, 7),
                   text="Washington responded on Sunday with air strikes on militia depots in eastern Syria.")
    events = extract(doc).events
    assert events and events[0].subtype == "Air/drone strike"
    assert events[0].actor1 == "Military Forces of the United States"
    assert events[0].place != "Washington" and events[0].country != "US"


def test_a_district_then_province_parenthesis_locates_the_name_before_it() -> None:
    from wirewatch.events.placing import _contradicted
    from wirewatch.model import Place

    far = Place("Faraway", "ML", "Gao", 16.3, -0.04, "town")
    near = Place("Faraway", "ML", "Mopti", 14.1, -3.0, "town")
    district = Place("Koro", "ML", "Mopti", 14.06, -3.08, "town")
    text = "Gunmen attacked Faraway (Koro, Mopti) on Monday."
    ctx, sent = _ctx_with(text, [("Faraway", far), ("Koro", district)])
    assert _contradicted(ctx, ctx.places[0], sent)
    ctx, sent = _ctx_with(text, [("Faraway", near), ("Koro", district)])
    assert not _contradicted(ctx, ctx.places[0], sent)
    # a parenthesis listing two towns is no container
    ctx, sent = _ctx_with("Gunmen attacked Faraway (Koro, Bandiagara).", [("Faraway", far), ("Koro", district)])
    assert not _contradicted(ctx, ctx.places[0], sent)


def test_a_place_noun_then_of_names_the_container() -> None:
    from wirewatch.events.placing import _contains
    from wirewatch.model import Place

    area = Place("Alpha", "IQ", "Duhok", 37.2, 42.8, "district")
    town = Place("Beta", "IQ", "Duhok", 36.9, 43.0, "town")
    for text, name in (("Jets struck Alpha region of Beta on Monday.", "Alpha region"),
                       ("Jets struck Alpha village of Beta on Monday.", "Alpha")):
        ctx, _ = _ctx_with(text, [(name, area), ("Beta", town)])
        assert _contains(ctx, ctx.places[1], ctx.places[0]), text
    # a relative position or a list is no containment
    for text in ("Jets struck north of Alpha, Beta and Gamma.", "Jets struck Alpha, south of Beta."):
        ctx, _ = _ctx_with(text, [("Alpha", area), ("Beta", town)])
        assert not _contains(ctx, ctx.places[1], ctx.places[0]), text


def test_an_opening_subordinate_clause_sets_a_scene_not_the_place() -> None:
    from wirewatch.events.placing import _outside_opening_clause
    from wirewatch.model import Place

    capital = Place("Capitale", "NE", "Niamey", 13.5, 2.1, "town")
    camp = Place("Kamp", "NE", "Tillaberi", 15.1, 0.9, "town")
    text = "Alors que Capitale accueille un sommet, une garnison a été attaquée lundi à Kamp."
    ctx, sent = _ctx_with(text, [("Capitale", capital), ("Kamp", camp)], lang="fr")
    assert [p.text for p in _outside_opening_clause(ctx, sent, list(ctx.places))] == ["Kamp"]
    # the main clause names no place: the clause's place is all there is
    text = "Alors que des soldats patrouillaient près de Capitale, ils ont été attaqués."
    ctx, sent = _ctx_with(text, [("Capitale", capital)], lang="fr")
    assert [p.text for p in _outside_opening_clause(ctx, sent, list(ctx.places))] == ["Capitale"]
    # no subordinator: nothing is dropped
    text = "A Capitale, une garnison a été attaquée lundi près de Kamp."
    ctx, sent = _ctx_with(text, [("Capitale", capital), ("Kamp", camp)], lang="fr")
    assert len(_outside_opening_clause(ctx, sent, list(ctx.places))) == 2


@pytest.mark.parametrize("text", ["Gunfire was reported on Manbij's outskirts overnight.",
                                  "Fighters clashed on the Manbij bridge overnight.",
                                  "Shelling hit the Manbij frontlines overnight."])
def test_a_possessive_or_a_bridge_or_frontlines_after_the_name_is_a_cue(gz, text) -> None:
    assert "Manbij" in [n for n, _ in _found(gz, text)]
