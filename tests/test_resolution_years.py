"""A yearless date takes its year from another report of the same happening (resolution.years).

Events are hand-built except in the last test, which runs the real extraction on sentences written
for it. Calendar facts used: 31 December was a Tuesday in 2019 and 2024 (a Thursday in 2020);
16 February a Sunday in 2020 and 2025.
"""

from __future__ import annotations

import dataclasses

from wirewatch.model import Document, Event, Extraction, PartialDate, Span, Yearless, content_id
from wirewatch.resolution import cluster_extractions
from wirewatch.resolution.years import complete_years

RIOT = ("Riots", "Violent demonstration")
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
EMBASSY = ("Green Zone, Baghdad", "Baghdad", 33.30, 44.39)
BASRA = ("Basra", "Basra", 30.51, 47.78)
RIOTERS = "Rioters (Iraq)"


def ev(doc, n=0, *, kind=RIOT, date=None, yearless=None, place=EMBASSY, actor1=RIOTERS, background=False):
    name, admin1, lat, lon = place
    text = "Protesters stormed the compound."
    return Event(
        id=content_id(doc, str(n)), doc_id=doc, type=kind[0], subtype=kind[1], span=Span(0, len(text)),
        evidence=text, date=PartialDate.parse(date), date_basis="explicit" if date else None,
        place=name, admin1=admin1, country="IQ", lat=lat, lon=lon, geo_precision="site",
        actor1=actor1, background=background, yearless=yearless,
        provenance=(("trigger", Span(0, 10)),),
    )


def yl(month, day, weekday=None):
    return Yearless(month, day, weekday, Span(3, 20))


def extraction(*events: Event) -> Extraction:
    doc = events[0].doc_id
    return Extraction(document=Document(id=doc, source="test", lang="en", text="x" * 40), events=events)


def completed(*extractions: Extraction) -> dict[str, Event]:
    return {e.id: e for x in complete_years(list(extractions)) for e in x.events}


def test_yearless_day_takes_the_year_of_a_linked_dated_report():
    undated = ev("a", yearless=yl(12, 31, 1))
    dated = ev("b", date="2019-12-31")
    got = completed(extraction(undated), extraction(dated))[undated.id]
    assert got.date == PartialDate(2019, 12, 31)
    assert got.date_basis == "inferred"
    assert got.year_from == dated.id
    assert ("date", undated.yearless.span) in got.provenance
    assert got.to_dict()["date_year_from"] == dated.id


def test_a_month_precision_report_gives_the_year_when_the_weekday_fits():
    undated = ev("a", yearless=yl(12, 31, 1))
    got = completed(extraction(undated), extraction(ev("b", date="2019-12")))[undated.id]
    assert got.date == PartialDate(2019, 12, 31)


def test_the_weekday_must_fit_the_year():
    undated = ev("a", yearless=yl(12, 31, 1))  # a Tuesday: not in 2020
    got = completed(extraction(undated), extraction(ev("b", date="2020-12-31")))[undated.id]
    assert got.date is None and got.year_from is None


def test_a_day_apart_across_the_new_year():
    undated = ev("a", yearless=yl(12, 31, 1))
    got = completed(extraction(undated), extraction(ev("b", date="2020-01-01")))[undated.id]
    assert got.date == PartialDate(2019, 12, 31)


def test_an_unlinked_report_gives_no_year():
    undated = ev("a", yearless=yl(12, 31, 1))
    far = ev("b", date="2019-12-31", place=BASRA)
    other_family = ev("c", date="2019-12-31", kind=SHELLING)
    got = completed(extraction(undated), extraction(far), extraction(other_family))[undated.id]
    assert got.date is None


def test_two_years_that_fit_leave_the_date_unset():
    undated = ev("a", yearless=yl(12, 31, 1))
    got = completed(extraction(undated), extraction(ev("b", date="2019-12-31")),
                    extraction(ev("c", date="2024-12-31")))[undated.id]
    assert got.date is None


def test_a_report_of_the_same_document_gives_no_year():
    undated, dated = ev("a", 0, yearless=yl(12, 31, 1)), ev("a", 1, date="2019-12-31")
    assert completed(extraction(undated, dated))[undated.id].date is None


def test_inputs_are_not_changed_and_dated_events_stay_as_they_are():
    undated, dated = ev("a", yearless=yl(12, 31, 1)), ev("b", date="2019-12-31")
    xs = [extraction(undated), extraction(dated)]
    before = [dataclasses.replace(x) for x in xs]
    out = complete_years(xs)
    assert xs == before
    assert out[1] is xs[1]


def test_a_yearless_date_shows_in_the_output_only_while_no_year_is_known():
    undated = ev("a", yearless=yl(2, 16, 6))
    assert undated.to_dict()["date_yearless"] == "--02-16"
    assert "date_yearless" not in ev("b", date="2020-02-16").to_dict()


def test_clustering_extracted_reports_dates_the_undated_one():
    """End to end: an undated French report and a dated English one of the same embassy storming."""
    from wirewatch.extraction import extract

    undated = extract(Document(
        id="fr-undated", source="test", lang="fr", published=None,
        text="Mardi 31 décembre, des centaines de manifestants en colère ont pris d'assaut l'ambassade "
             "américaine à Bagdad et incendié un poste de garde."))
    dated = extract(Document(
        id="en-dated", source="test", lang="en", published=PartialDate(2020, 1, 1),
        text="Hundreds of angry protesters stormed the US embassy in Baghdad on Tuesday, setting fire "
             "to a guard post."))
    assert undated.events and all(e.date is None for e in undated.events)
    assert any(e.yearless is not None for e in undated.events)
    out = cluster_extractions([undated, dated])
    riot = next(e for e in out[0].events if e.type == "Riots")
    assert riot.date == PartialDate(2019, 12, 31)
    assert riot.cluster == next(e for e in out[1].events if e.type == "Riots").cluster


def test_a_completed_day_dates_the_other_happenings_its_document_tells_relative_to_it():
    from wirewatch.extraction import extract

    undated = extract(Document(
        id="fr-undated-2", source="test", lang="fr", published=None,
        text="Mardi 31 décembre, des centaines de manifestants en colère ont pris d'assaut l'ambassade "
             "américaine à Bagdad. Ils protestaient contre des frappes aériennes américaines qui ont tué "
             "dimanche 25 combattants dans l'ouest de l'Irak."))
    dated = extract(Document(
        id="en-dated-2", source="test", lang="en", published=PartialDate(2020, 1, 1),
        text="Hundreds of angry protesters stormed the US embassy in Baghdad on Tuesday."))
    assert not any(e.date for e in undated.events)
    out = cluster_extractions([undated, dated])
    by_type = {e.type: e for e in out[0].events}
    assert by_type["Riots"].date == PartialDate(2019, 12, 31)
    assert by_type["Riots"].year_from == next(e.id for e in dated.events if e.type == "Riots")
    assert by_type["Explosions/Remote violence"].date == PartialDate(2019, 12, 29)
    assert by_type["Explosions/Remote violence"].year_from is None
