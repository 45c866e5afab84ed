"""Cross-article resolution (issue 5): clustering rules, canonical events, contradictions, ids.

Every event here is hand-built; sentences are our own."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.model import Contradiction, Document, Event, Extraction, PartialDate, Span, content_id
from wirewatch.resolution import (
    Resolver,
    SourceInfo,
    cluster_extractions,
    cluster_id_for,
)
from wirewatch.resolution.canonical import acled_figure, outlet_of
from wirewatch.resolution.rules import MAX_DISTANCE_KM, distance_km

US = "Military Forces of the United States"
UNK = "Unidentified Armed Group (Iraq)"
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
DRONE = ("Explosions/Remote violence", "Air/drone strike")
# two points in Baghdad (about 15 km apart) and one in Basra (about 450 km away)
GREEN_ZONE = ("Green Zone, Baghdad", "Baghdad", 33.30, 44.39)
AIRPORT = ("Baghdad International Airport", "Baghdad", 33.26, 44.23)
BASRA = ("Basra", "Basra", 30.51, 47.78)


def ev(
    doc: str,
    n: int = 0,
    *,
    kind=SHELLING,
    date: str | None = "2020-11-17",
    place=GREEN_ZONE,
    country: str | None = "IQ",
    precision: str | None = "site",
    actor1: str | None = UNK,
    actor2: str | None = "Government of the United States",
    fatalities: int | None = None,
    injured: int | None = None,
    background: bool = False,
    evidence: str = "Rockets hit the area overnight.",
    contradictions=(),
) -> Event:
    name, admin1, lat, lon = place if place else (None, None, None, None)
    return Event(
        id=content_id(doc, str(n)),
        doc_id=doc,
        type=kind[0],
        subtype=kind[1],
        span=Span(0, len(evidence)),
        evidence=evidence,
        date=PartialDate.parse(date),
        date_basis="explicit" if date else None,
        place=name,
        admin1=admin1,
        country=country,
        lat=lat,
        lon=lon,
        geo_precision=precision if place else ("country" if country else None),
        actor1=actor1,
        actor2=actor2,
        fatalities=fatalities,
        injured=injured,
        background=background,
        contradictions=contradictions,
    )


def clusters_of(events, sources=None) -> dict[str, str]:
    r = Resolver()
    r.add(events, sources)
    return r.assignments()


def same(assign: dict[str, str], *events: Event) -> bool:
    return len({assign[e.id] for e in events}) == 1


# --- the rule ------------------------------------------------------------------------------------


def test_cross_language_reports_of_one_rocket_attack_cluster():
    fr = ev("fr-doc", evidence="Trois roquettes sont tombées mardi soir sur la zone verte.")
    en = ev("en-doc", date="2020-11-18", evidence="Three rockets fell on the Green Zone on Tuesday night.")
    assign = clusters_of([fr, en])
    assert same(assign, fr, en)


def test_month_precision_report_joins_day_precision_one():
    day = ev("a", kind=DRONE, date="2020-01-03", place=AIRPORT, actor1=US)
    month = ev("b", kind=DRONE, date="2020-01", place=None, actor1=US, background=True)
    assign = clusters_of([day, month])
    assert same(assign, day, month)


def test_year_precision_report_joins_its_month():
    month = ev("a", kind=DRONE, date="2020-01", actor1=US)
    year = ev("b", kind=DRONE, date="2020", actor1=US)
    assert same(clusters_of([month, year]), month, year)


def test_background_recollection_by_type_place_and_month_without_an_actor():
    strike = ev("a", kind=DRONE, date="2020-01-03", place=AIRPORT, actor1=US)
    recalled = ev("b", kind=DRONE, date="2020-01", place=("Baghdad", "Baghdad", 33.34, 44.40),
                  precision="town", actor1=UNK, background=True)
    as_news = ev("c", kind=DRONE, date="2020-01", place=("Baghdad", "Baghdad", 33.34, 44.40),
                 precision="town", actor1=UNK)
    other_type = ev("d", kind=SHELLING, date="2020-01", place=AIRPORT, actor1=UNK, background=True)
    assign = clusters_of([strike, recalled, as_news, other_type])
    assert same(assign, strike, recalled)
    assert not same(assign, strike, as_news)
    assert not same(assign, strike, other_type)


def test_year_precision_needs_a_place_below_country():
    day = ev("a", kind=DRONE, date="2020-06-03", actor1=US)
    year_in_country = ev("b", kind=DRONE, date="2020", place=None, actor1=US)
    assert not same(clusters_of([day, year_in_country]), day, year_in_country)


def test_month_of_another_month_stays_apart():
    day = ev("a", kind=DRONE, date="2020-01-03", actor1=US)
    month = ev("b", kind=DRONE, date="2020-02", actor1=US)
    assert not same(clusters_of([day, month]), day, month)


def test_vague_date_needs_a_named_actor():
    # "rockets fell on Baghdad in 2020" by unknown hands could be any of dozens of attacks
    day = ev("a", date="2020-11-17")
    year = ev("b", date="2020", place=("Baghdad", "Baghdad", None, None), precision="town")
    assert not same(clusters_of([day, year]), day, year)


def test_same_day_same_city_different_named_actors_stay_apart():
    a = ev("a", kind=("Battles", "Armed clash"), actor1="Islamic State (Iraq)")
    b = ev("b", kind=("Battles", "Armed clash"), actor1="Popular Mobilization Forces")
    assign = clusters_of([a, b])
    assert not same(assign, a, b)


def test_unidentified_report_does_not_chain_two_rival_groups():
    a = ev("a", actor1="Islamic State (Iraq)")
    b = ev("b", actor1="Popular Mobilization Forces")
    u = ev("u", actor1=UNK)
    for order in ([a, b, u], [u, a, b], [b, u, a]):
        assign = clusters_of(order)
        assert not same(assign, a, b)
        assert same(assign, u, a) or same(assign, u, b)


def test_background_recollection_joins_the_event_it_recalls():
    strike = ev("a", kind=DRONE, date="2020-01-03", place=AIRPORT, actor1=US)
    recalled = ev("b", kind=DRONE, date="2020-01", place=None, actor1=US, background=True)
    other = ev("c", kind=SHELLING, date="2020-01-03", place=BASRA, precision="town")  # another happening
    assign = clusters_of([strike, recalled, other])
    assert same(assign, strike, recalled)
    assert not same(assign, strike, other)


def test_dates_more_than_a_day_apart_stay_apart():
    a = ev("a", date="2020-11-17")
    b = ev("b", date="2020-11-19")
    assert not same(clusters_of([a, b]), a, b)


def test_far_places_stay_apart_and_near_places_join():
    assert distance_km(*GREEN_ZONE[2:], *AIRPORT[2:]) < MAX_DISTANCE_KM < distance_km(*GREEN_ZONE[2:], *BASRA[2:])
    a, b, c = ev("a"), ev("b", place=AIRPORT), ev("c", place=BASRA, precision="town")
    assign = clusters_of([a, b, c])
    assert same(assign, a, b)
    assert not same(assign, a, c)


def test_country_level_place_joins_a_place_inside_it_on_a_named_actor():
    city = ev("a", kind=DRONE, actor1=US)
    country = ev("b", kind=DRONE, place=None, actor1=US)
    other_country = ev("c", kind=DRONE, place=None, country="SY", actor1=US)
    assign = clusters_of([city, country, other_country])
    assert same(assign, city, country)
    assert not same(assign, city, other_country)


def test_country_level_place_with_unknown_actor_needs_same_day_and_subtype():
    city = ev("a")
    country_same_day = ev("b", place=None)
    country_next_day = ev("c", place=None, date="2020-11-18")
    country_other_subtype = ev("d", place=None, kind=("Battles", "Armed clash"))
    assign = clusters_of([city, country_same_day, country_next_day, country_other_subtype])
    assert same(assign, city, country_same_day)
    assert not same(assign, city, country_next_day)
    assert not same(assign, city, country_other_subtype)


def test_report_joins_a_cluster_without_a_link_to_every_member_if_it_contradicts_none():
    # country-level strike report: same day and subtype as the airport report, no named actor;
    # the airport report and the city report link through a named actor and place
    airport = ev("a", kind=DRONE, date="2020-01-03", place=AIRPORT, actor1=US)
    attack = ev("b", kind=("Violence against civilians", "Attack"), date="2020-01-03", place=GREEN_ZONE)
    country = ev("c", kind=DRONE, date="2020-01-03", place=None)
    assign = clusters_of([airport, attack, country])
    assert same(assign, airport, attack, country)


def test_report_without_place_needs_named_actor_and_day():
    city = ev("a", kind=DRONE, actor1=US)
    placeless = ev("b", kind=DRONE, place=None, country=None, actor1=US)
    vague = ev("c", kind=DRONE, place=None, country=None, actor1=US, date="2020-11")
    unknown = ev("d", kind=DRONE, place=None, country=None)
    assign = clusters_of([city, placeless, vague, unknown])
    assert same(assign, city, placeless)
    assert not same(assign, city, vague)
    assert not same(assign, city, unknown)


def test_undated_report_stays_alone():
    a, b = ev("a", actor1=US), ev("b", actor1=US, date=None)
    assert not same(clusters_of([a, b]), a, b)


def test_different_type_families_stay_apart():
    attack = ev("a")
    protest = ev("b", kind=("Protests", "Peaceful protest"))
    assert not same(clusters_of([attack, protest]), attack, protest)


def test_intercepted_attack_joins_the_attack_report():
    hit = ev("a")
    intercepted = ev("b", kind=("Strategic developments", "Disrupted weapons use"))
    assert same(clusters_of([hit, intercepted]), hit, intercepted)


def test_agreement_links_on_the_actor_pair_wherever_it_is_placed():
    gov_us, gov_iq = "Government of the United States", "Government of Iraq"
    kind = ("Strategic developments", "Agreement")
    signed = ev("a", kind=kind, date="2021-07-26", place=("Washington", None, 38.9, -77.0), country="US",
                actor1=gov_us, actor2=gov_iq)
    recalled = ev("b", kind=kind, date="2021-07", place=None, actor1=gov_us, actor2=gov_iq, background=True)
    other = ev("c", kind=kind, date="2021-07-26", place=None, actor1=gov_iq, actor2="Government of Iran")
    assign = clusters_of([signed, recalled, other])
    assert same(assign, signed, recalled)
    assert not same(assign, signed, other)


def test_events_of_one_document_never_cluster():
    a, b = ev("a", 1), ev("a", 2)
    assert not same(clusters_of([a, b]), a, b)


# --- incremental, order and ids --------------------------------------------------------------------


def _synthetic(n_happenings: int, seed: int) -> list[Event]:
    rnd = random.Random(seed)
    out = []
    for h in range(n_happenings):
        day = f"2020-{rnd.randint(1, 3):02d}-{rnd.randint(1, 28):02d}"
        place = rnd.choice([GREEN_ZONE, AIRPORT, BASRA])
        actor = rnd.choice([UNK, US, "Islamic State (Iraq)"])
        kind = rnd.choice([SHELLING, DRONE, ("Battles", "Armed clash")])
        for k in range(rnd.randint(1, 4)):
            out.append(
                ev(
                    f"doc-{h}-{k}",
                    kind=kind,
                    date=rnd.choice([day, day, day[:7]]),
                    place=place if rnd.random() < 0.8 else None,
                    actor1=actor if rnd.random() < 0.8 else UNK,
                    fatalities=rnd.choice([None, 1, 2]),
                )
            )
    return out


def test_incremental_add_equals_batch_in_any_order():
    events = _synthetic(60, seed=5)
    batch = clusters_of(events)
    shuffled = events[:]
    random.Random(1).shuffle(shuffled)
    r = Resolver()
    seen: dict[str, str] = {}
    for start in range(0, len(shuffled), 7):
        seen.update(r.add(shuffled[start : start + 7]))
    assert r.assignments() == batch
    assert seen == batch  # every change was reported by add
    assert len(set(batch.values())) < len(events)  # the data does contain multi-report clusters


def test_cluster_ids_are_stable_content_hashes():
    events = _synthetic(20, seed=9)
    first, second = clusters_of(events), clusters_of(list(reversed(events)))
    assert first == second
    r = Resolver()
    r.add(events)
    for cid in r.cluster_ids():
        assert cid == cluster_id_for(e.id for e in r.members(cid))


def test_adding_an_event_twice_changes_nothing():
    a, b = ev("a"), ev("b")
    r = Resolver()
    r.add([a, b])
    assert r.add([a]) == {}
    assert len(r) == 2


# --- canonical event, counts, contradictions ------------------------------------------------------


def test_canonical_event_takes_most_precise_date_and_place_and_lowest_figure():
    a = ev("a", kind=DRONE, date="2020-01", place=None, actor1=US, fatalities=10, background=True)
    b = ev("b", kind=DRONE, date="2020-01-03", place=("Baghdad", "Baghdad", 33.34, 44.40), precision="town",
           actor1=US, fatalities=7)
    c = ev("c", kind=DRONE, date="2020-01-03", place=AIRPORT, actor1=US, fatalities=0, injured=3)
    sources = {
        "a": SourceInfo("a", "example.org", PartialDate.parse("2021-07-29")),
        "b": SourceInfo("b", "example.org", PartialDate.parse("2020-01-03")),
        "c": SourceInfo("c", "news.example.net", PartialDate.parse("2020-01-04")),
    }
    r = Resolver()
    r.add([a, b, c], sources)
    (cluster,) = r.clusters()
    can = cluster.canonical
    assert can.date == PartialDate(2020, 1, 3)
    assert can.place == AIRPORT[0] and can.geo_precision == "site"
    assert can.actor1 == US
    assert can.fatalities == 7 and cluster.fatalities_range == (0, 10)
    assert can.injured == 3 and cluster.injured_range == (3, 3)
    assert can.background is False
    assert (cluster.n_sources, cluster.n_outlets) == (3, 2)
    assert cluster.first_reported == PartialDate(2020, 1, 3)
    assert cluster.last_reported == PartialDate(2021, 7, 29)


@pytest.mark.parametrize(
    "values, expected",
    [([None, None], (None, None)), ([0, None], (0, (0, 0))), ([0, 4, 5], (4, (0, 5))), ([6, 5], (5, (5, 6)))],
)
def test_acled_figure_is_lowest_credible_with_range(values, expected):
    assert acled_figure(values) == expected


def test_contradictions_list_each_value_with_its_sources():
    inner = Contradiction("fatalities", ((5, ("s1",)), (6, ("s2",))), note="soldiers vs men")
    a = ev("a", injured=4, date="2020-11-17", contradictions=(inner,))
    b = ev("b", injured=5, date="2020-11-18")
    c = ev("c", injured=4, date="2020-11-17", place=AIRPORT)
    r = Resolver()
    r.add([a, b, c])
    (cluster,) = r.clusters()
    by_field = {}
    for con in cluster.contradictions:
        by_field.setdefault(con.field, []).append(con)
    injured = dict(by_field["injured"][0].values)
    assert set(injured[4]) == {"a", "c"} and injured[5] == ("b",)
    dates = dict(by_field["date"][0].values)
    assert set(dates["2020-11-17"]) == {"a", "c"} and dates["2020-11-18"] == ("b",)
    places = dict(by_field["place"][0].values)
    assert set(places) == {GREEN_ZONE[0], AIRPORT[0]}
    within = [c for c in by_field["fatalities"] if "within one report" in (c.note or "")]
    assert within and within[0].values == inner.values and "a" in within[0].note


def test_less_precise_values_are_not_contradictions():
    a = ev("a", kind=DRONE, date="2020-01-03", actor1=US)
    b = ev("b", kind=DRONE, date="2020-01", actor1=US, place=None)
    r = Resolver()
    r.add([a, b])
    (cluster,) = r.clusters()
    assert cluster.contradictions == ()


def test_outlet_is_url_host_else_source_folder():
    assert outlet_of("https://www.example.org/2020/a.html", None) == "example.org"
    assert outlet_of(None, "/corpus/outlet-a/story.txt") == "/corpus/outlet-a"
    assert outlet_of(None, "story.txt") == "story.txt"


def test_cluster_extractions_sets_cluster_across_documents():
    fr, en = ev("fr-doc"), ev("en-doc", date="2020-11-18")
    alone = ev("en-doc", 2, kind=("Protests", "Peaceful protest"))
    docs = [
        Extraction(Document(id="fr-doc", source="a/fr.txt", lang="fr", text="x"), events=(fr,)),
        Extraction(Document(id="en-doc", source="b/en.txt", lang="en", text="x"), events=(en, alone)),
    ]
    out = cluster_extractions(docs)
    assert docs[0].events[0].cluster is None  # pure
    c_fr, c_en, c_alone = out[0].events[0].cluster, out[1].events[0].cluster, out[1].events[1].cluster
    assert c_fr == c_en and c_alone not in (None, c_fr)


def test_a_state_and_its_forces_are_one_actor_but_two_states_are_not():
    gov = ev("a", kind=DRONE, date="2020-01", actor1="Government of the United States")
    forces = ev("b", kind=DRONE, date="2020-01-03", actor1="Military Forces of the United States (2017-2021)")
    other_state = ev("c", kind=DRONE, date="2020-01-03", actor1="Military Forces of Iran")
    assign = clusters_of([gov, forces, other_state])
    assert same(assign, gov, forces)
    assert not same(assign, forces, other_state)


def test_figure_series_groups_by_what_is_measured_in_time_order():
    from wirewatch.model import Figure
    from wirewatch.resolution import figure_series

    def fig(doc, value, about, as_of, quantity="troops"):
        text = f"{value} of them."
        return Figure(id=f"{doc}-{value}", doc_id=doc, quantity=quantity, value=value, about=about,
                      span=Span(0, len(text)), evidence=text, as_of=PartialDate.parse(as_of))

    series = figure_series([
        fig("c", 2500, "US troops in Iraq", "2021-07"),
        fig("a", 5200, "American soldiers in Iraq", "2020-01"),
        fig("b", 3000, "troupes américaines en Irak", "2020-09"),
        fig("d", 3500, "coalition troops", "2020-09"),
        fig("e", 12, "rockets", None, quantity="rockets"),
        fig("f", 40, "rockets", "2020-01", quantity="rockets"),
    ])
    by_values = {s.values: s for s in series}
    assert (5200, 3000, 2500) in by_values  # dated points in time order, across languages
    assert (3500,) in by_values
    assert (40, 12) in by_values  # undated points come last
    assert [p.doc_id for p in by_values[(5200, 3000, 2500)].points] == ["a", "b", "c"]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), order_seed=st.integers(0, 10_000), batch=st.integers(1, 20))
def test_clusters_do_not_depend_on_arrival_order_or_batching(seed, order_seed, batch):
    events = _synthetic(25, seed=seed)
    expected = clusters_of(events)
    shuffled = events[:]
    random.Random(order_seed).shuffle(shuffled)
    r = Resolver()
    for start in range(0, len(shuffled), batch):
        r.add(shuffled[start : start + batch])
    assert r.assignments() == expected


def test_canonical_place_prefers_a_named_place_even_without_geo_precision():
    import dataclasses

    named = dataclasses.replace(ev("a", kind=DRONE, actor1=US), geo_precision=None)
    country = ev("b", kind=DRONE, actor1=US, place=None)
    r = Resolver()
    r.add([country, named])
    (cluster,) = r.clusters()
    assert cluster.canonical.place == GREEN_ZONE[0]


def test_the_same_two_parties_with_roles_swapped_are_one_clash():
    clash = ("Battles", "Armed clash")
    a = ev("a", kind=clash, actor1="Islamic State (Iraq)", actor2="Popular Mobilization Forces")
    b = ev("b", kind=clash, actor1="Popular Mobilization Forces", actor2="Islamic State (Iraq)")
    c = ev("c", kind=clash, actor1="Military Forces of Iraq", actor2="Islamic State (Iraq)")
    assign = clusters_of([a, b, c])
    assert same(assign, a, b)
    assert not same(assign, a, c)
