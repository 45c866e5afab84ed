"""extract / extract_many: a pure function of the document, ids are content hashes."""

from __future__ import annotations

from wirewatch.extraction import extract, extract_many
from wirewatch.model import Document, PartialDate

TEXT = ("Sept obus sont tombés mercredi soir sur un quartier de Kirkouk, a indiqué la police.\n"
        "Le bombardement a tué un enfant et blessé trois civils.\n"
        "Par ailleurs, des centaines d'habitants ont manifesté jeudi à Erbil contre la hausse des prix.")


def doc(i="x"):
    return Document(id=i, source="test", lang="fr", text=TEXT, published=PartialDate(2023, 2, 10))


def test_same_input_same_output():
    a, b = extract(doc()), extract(doc())
    assert a == b
    assert [e.id for e in a.events] == [e.id for e in b.events]


def test_ids_depend_on_the_document():
    assert {e.id for e in extract(doc("x")).events}.isdisjoint({e.id for e in extract(doc("y")).events})


def test_follow_up_sentence_merges_with_its_counts_and_the_protest_stays_apart():
    events = extract(doc()).events
    shelling = [e for e in events if e.subtype == "Shelling/artillery/missile attack"]
    protests = [e for e in events if e.type == "Protests"]
    assert len(shelling) == 1 and len(protests) == 1
    assert (shelling[0].fatalities, shelling[0].injured) == (1, 3)
    assert shelling[0].date == PartialDate(2023, 2, 8)
    assert protests[0].place == "Erbil" and protests[0].date == PartialDate(2023, 2, 9)


def test_every_provenance_span_points_into_the_text():
    for e in extract(doc()).events:
        assert TEXT[e.span.start : e.span.end] == e.evidence
        for _, span in e.provenance:
            assert e.span.start <= span.start <= span.end <= len(TEXT)


def test_extract_many_keeps_order_and_equals_extract():
    docs = [doc(str(i)) for i in range(3)]
    many = list(extract_many(docs, batch_size=2))
    assert [x.document.id for x in many] == ["0", "1", "2"]
    assert many[1] == extract(docs[1])


def test_a_document_without_events_gives_an_empty_extraction():
    x = extract(Document(id="e", source="t", lang="fr", text="Il a fait beau toute la semaine."))
    assert x.events == () and x.figures == ()
