"""Merge within a document, on hand-built events (no model needed)."""

from __future__ import annotations

from dataclasses import replace

from wirewatch.events.merge import attach_counts, follow_previous_date, merge_events
from wirewatch.model import Event, PartialDate, Span


def ev(i, sub="Shelling/artillery/missile attack", typ="Explosions/Remote violence", date=None, own_date=True,
       place=None, admin1=None, fat=None, inj=None, bg=False):
    prov = [("trigger", Span(0, 1))]
    if date is not None and own_date:
        prov.append(("date", Span(0, 1)))
    if place:
        prov.append(("place", Span(0, 1)))
    return Event(id=f"e{i}", doc_id="d", type=typ, subtype=sub, span=Span(i * 10, i * 10 + 5), evidence=f"s{i}",
                 date=date, date_basis="explicit" if own_date and date else "inferred", place=place, admin1=admin1,
                 country="IQ", geo_precision="town" if place else "country", fatalities=fat, injured=inj,
                 background=bg, provenance=tuple(prov))


def test_follow_up_sentences_make_one_event_with_their_counts():
    d = PartialDate(2023, 3, 7)
    events = [ev(0, date=d, place="Kirkuk", admin1="Kirkuk"), ev(1, date=d, own_date=False), ev(2, date=d, own_date=False, fat=1, inj=4)]
    merged = merge_events(events, {"e0": 0, "e1": 1, "e2": 2})
    assert len(merged) == 1
    assert (merged[0].fatalities, merged[0].injured, merged[0].place) == (1, 4, "Kirkuk")


def test_conflicting_counts_keep_the_lowest_and_record_a_contradiction():
    d = PartialDate(2023, 3, 7)
    merged = merge_events([ev(0, date=d, fat=6), ev(1, date=d, own_date=False, fat=5)], {"e0": 0, "e1": 1})
    assert merged[0].fatalities == 5
    (c,) = merged[0].contradictions
    assert c.field == "fatalities" and {v for v, _ in c.values} == {5, 6}


def test_different_places_stay_apart():
    d = PartialDate(2023, 3, 7)
    events = [ev(0, date=d, place="Hilla", admin1="Babil"), ev(1, date=d, place="Diwaniyah", admin1="Al-Qadisiyah")]
    assert len(merge_events(events, {"e0": 0, "e1": 1})) == 2


def test_different_families_stay_apart():
    d = PartialDate(2023, 3, 7)
    events = [ev(0, date=d), ev(1, sub="Peaceful protest", typ="Protests", date=d, own_date=False)]
    assert len(merge_events(events, {"e0": 0, "e1": 1})) == 2


def test_dated_days_apart_stay_apart():
    events = [ev(0, date=PartialDate(2023, 3, 1)), ev(1, date=PartialDate(2023, 3, 9))]
    assert len(merge_events(events, {"e0": 0, "e1": 1})) == 2


def test_undated_headline_takes_the_date_of_the_lead():
    events = [ev(0, date=PartialDate(2023, 3, 9), own_date=False), ev(1, date=PartialDate(2023, 3, 8))]
    (m,) = merge_events(events, {"e0": 0, "e1": 1})
    assert m.date == PartialDate(2023, 3, 8)


def test_sequel_takes_the_previous_month_as_inferred():
    prev = ev(0, date=PartialDate(2021, 2, 15), bg=True)
    out = follow_previous_date(ev(1), prev)
    assert out.date == PartialDate(2021, 2) and out.date_basis == "inferred" and out.background


class _Ctx:
    """Just what attach_counts reads."""

    def __init__(self, casualties, sentences):
        from types import SimpleNamespace

        self.casualties = casualties
        self.document = SimpleNamespace(id="d")
        self.parsed = SimpleNamespace(sentence_at=lambda o: SimpleNamespace(i=sentences[o]))


def test_a_count_in_the_next_sentence_without_trigger_goes_to_the_event():
    from wirewatch.model import CasualtyMention

    c = CasualtyMention(Span(30, 40), "aucune victime", "killed", 0)
    out = attach_counts(_Ctx([c], {30: 1}), [ev(0, date=PartialDate(2023, 1, 1))], {"e0": 0}, {0}, None)
    assert out[0].fatalities == 0
    assert ("fatalities", Span(30, 40)) in out[0].provenance


def test_reports_a_day_apart_at_the_same_site_merge():
    a = ev(0, date=PartialDate(2023, 3, 7), place="Camp X", admin1="A")
    b = ev(1, date=PartialDate(2023, 3, 8), place="Camp X", admin1="A")
    assert len(merge_events([a, b], {"e0": 0, "e1": 5})) == 1


def test_a_weaponless_attack_takes_the_weapon_of_its_follow_up():
    d = PartialDate(2023, 3, 7)
    head = ev(0, sub="Armed clash", typ="Battles", date=d, own_date=False)
    body = ev(1, date=d)
    (m,) = merge_events([head, body], {"e0": 0, "e1": 1}, {"e0": "remote", "e1": "remote"})
    assert m.subtype == "Shelling/artillery/missile attack" and m.date == d


def test_count_contradiction_cites_spans_not_the_absorbed_event_id():
    # the absorbed event is never stored: its id would dangle; a doc:start-end span resolves
    d = PartialDate(2023, 3, 7)
    merged = merge_events([ev(0, date=d, fat=6), ev(1, date=d, own_date=False, fat=5)], {"e0": 0, "e1": 1})
    (c,) = merged[0].contradictions
    sources = {src for _, srcs in c.values for src in srcs}
    assert sources == {"d:0-5", "d:10-15"}
    assert "e1" not in sources


def test_follow_up_with_a_place_borrowed_from_another_sentence_merges():
    # the follow-up names no place: the one it carries was read in the sentence before it
    d = PartialDate(2023, 3, 7)
    base = ev(0, date=d, place="Ain al-Asad", admin1="Anbar")
    follow = ev(1, date=d, own_date=False, place="Baghdad", admin1="Baghdad")
    follow = replace(follow, provenance=(("trigger", Span(10, 11)), ("place", Span(2, 4))))
    assert len(merge_events([base, follow], {"e0": 0, "e1": 1})) == 1


def test_follow_up_with_its_own_other_place_stays_apart():
    d = PartialDate(2023, 3, 7)
    base = ev(0, date=d, place="Ain al-Asad", admin1="Anbar")
    follow = ev(1, date=d, own_date=False, place="Baghdad", admin1="Baghdad")
    follow = replace(follow, provenance=(("trigger", Span(10, 11)), ("place", Span(11, 13))))
    assert len(merge_events([base, follow], {"e0": 0, "e1": 1})) == 2


def test_merged_event_reports_the_sentence_of_its_last_follow_up():
    from wirewatch.events.merge import merge_with_sentences

    d = PartialDate(2023, 3, 7)
    merged, last = merge_with_sentences([ev(0, date=d), ev(1, date=d, own_date=False)], {"e0": 0, "e1": 4})
    assert [e.id for e in merged] == ["e0"] and last == {"e0": 4}


def test_a_policy_change_takes_no_place_from_a_follow_up():
    # issue 3: 'X a déclaré l'achèvement du départ des forces' then 'la base Y a été évacuée'
    d = PartialDate(2023, 3, 7)
    sub, typ = "Change to group/activity", "Strategic developments"
    events = [ev(0, sub=sub, typ=typ, date=d), ev(1, sub=sub, typ=typ, date=d, own_date=False, place="Ain al-Asad Air Base",
                                                  admin1="Al Anbar")]
    merged = merge_events(events, {"e0": 0, "e1": 2})
    assert merged[0].place is None


def test_an_attack_still_takes_the_place_of_a_follow_up():
    d = PartialDate(2023, 3, 7)
    events = [ev(0, date=d), ev(1, date=d, own_date=False, place="Kirkuk", admin1="Kirkuk")]
    merged = merge_events(events, {"e0": 0, "e1": 1})
    assert len(merged) == 1 and merged[0].place == "Kirkuk"


def test_yearless_days_a_week_apart_stay_apart_and_a_headline_takes_the_lead_s():
    from wirewatch.model import Yearless

    def yl(day):
        return Yearless(3, day, None, Span(0, 1))

    events = [replace(ev(0), yearless=yl(18)), replace(ev(1), yearless=yl(25))]
    assert len(merge_events(events, {"e0": 0, "e1": 1})) == 2
    headline, lead = ev(0), replace(ev(1), yearless=yl(18))
    (merged,) = merge_events([headline, lead], {"e0": 0, "e1": 1})
    assert merged.yearless == yl(18) and merged.date is None


def test_yearless_days_across_the_new_year_are_one_day_apart():
    from wirewatch.model import Yearless

    events = [replace(ev(0), yearless=Yearless(12, 31, None, Span(0, 1))),
              replace(ev(1), yearless=Yearless(1, 1, None, Span(0, 1)))]
    assert len(merge_events(events, {"e0": 0, "e1": 1})) == 1
