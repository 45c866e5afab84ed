"""Hand-made extractions for the API, security and browser tests (sentences written for the tests).

`fill(store)` saves them through the real `Store.save_batch`, then writes the cluster rows and a
cross-report contradiction the way the resolution stage does, so the tests do not depend on it.
"""

from __future__ import annotations

from wirewatch.model import Contradiction, Document, Event, Extraction, Figure, PartialDate, Span, content_id
from wirewatch.store.schema import clusters, contradictions

#: Strings a hostile article could carry. Each would set window.__pwned or change the title if it
#: ever reached the DOM as markup or a link were followed.
PAYLOADS = (
    "<script>window.__pwned=1;document.title='pwned'</script>",
    "<img src=x onerror=\"window.__pwned=2;document.title='pwned'\">",
    "javascript:window.__pwned=3",
    "<svg onload=\"window.__pwned=4\"></svg>",
    "=HYPERLINK(\"http://example.invalid\",\"x\")",
)


def _doc(ident: str, text: str, *, lang: str, published: str, title: str, url: str | None) -> Document:
    return Document(id=ident, source=url or f"tests/{ident}.txt", lang=lang, text=text,
                    published=PartialDate.parse(published), published_basis="given", title=title, url=url)


def _event(doc: Document, sentence: str, **fields) -> Event:
    start = doc.text.index(sentence)
    span = Span(start, start + len(sentence))
    prov = tuple((name, span) for name in ("date", "place", "actor1") if fields.get(name))
    return Event(id=content_id(doc.id, sentence, fields["type"]), doc_id=doc.id, span=span,
                 evidence=sentence, provenance=prov, **fields)


def extractions() -> list[Extraction]:
    """Three ordinary articles (two report the same attack) and one hostile article."""
    s1 = "Rocket fire hit the airport of Erbil on Tuesday night, wounding two guards."
    t1 = ("Erbil, 12 March 2024. " + s1 + " No group has claimed the attack. "
          "Around 2,500 American soldiers are deployed in the country, the ministry said.")
    d1 = _doc("art-en-1", t1, lang="en", published="2024-03-13", title="Rockets on Erbil airport",
              url="https://news.example.org/erbil")
    e1 = _event(d1, s1, type="Explosions/Remote violence", subtype="Shelling/artillery/missile attack",
                date=PartialDate(2024, 3, 12), date_basis="relative", place="Erbil", admin1="Erbil",
                country="IQ", lat=36.19, lon=44.01, geo_precision="town",
                actor1="Unidentified Armed Group (Iraq)", injured=2, cluster="cl-erbil")
    fig = Figure(id=content_id(d1.id, "troops"), doc_id=d1.id, quantity="troops", value=2500,
                 about="US troops in Iraq", span=Span(t1.index("Around"), len(t1)),
                 evidence=t1[t1.index("Around"):], as_of=PartialDate(2024, 3), country="IQ")

    s2 = "Trois roquettes se sont abattues mardi soir sur l'aéroport d'Erbil, blessant trois gardes."
    t2 = "Erbil (Irak), 13 mars 2024. " + s2 + " Les autorités kurdes ont ouvert une enquête."
    d2 = _doc("art-fr-1", t2, lang="fr", published="2024-03-13", title="Roquettes sur Erbil",
              url="https://actu.example.fr/erbil")
    e2 = _event(d2, s2, type="Explosions/Remote violence", subtype="Shelling/artillery/missile attack",
                date=PartialDate(2024, 3, 12), date_basis="relative", place="Erbil", admin1="Erbil",
                country="IQ", lat=36.19, lon=44.01, geo_precision="town",
                actor1="Unidentified Armed Group (Iraq)", injured=3, cluster="cl-erbil")

    s3 = "Des hommes armés ont attaqué un poste militaire près de Gao dimanche, tuant quatre soldats."
    t3 = "Bamako, 5 février 2024. " + s3 + " Mille huit cents soldats restent stationnés dans la région."
    d3 = _doc("art-fr-2", t3, lang="fr", published="2024-02-05", title="Attaque près de Gao", url=None)
    e3 = _event(d3, s3, type="Battles", subtype="Armed clash", date=PartialDate(2024, 2, 4),
                date_basis="relative", place="Gao", admin1="Gao", country="ML", lat=16.27, lon=-0.04,
                geo_precision="town", actor1="Unidentified Armed Group (Mali)",
                actor2="Military Forces of Mali (2021-)", fatalities=4, cluster="cl-gao",
                contradictions=(Contradiction("fatalities", ((4, ("art-fr-2",)), (5, ("art-fr-2",)))),))
    fig3 = Figure(id=content_id(d3.id, "troops"), doc_id=d3.id, quantity="troops", value=1800,
                  about="soldiers in the Gao region", span=Span(t3.index("Mille"), len(t3)),
                  evidence=t3[t3.index("Mille"):], as_of=PartialDate(2024, 2), country="ML",
                  attributed_to="the ministry")

    s4 = "A protest in Baghdad turned violent on Friday " + PAYLOADS[1] + " as crowds burned tyres."
    t4 = " ".join(PAYLOADS[:1]) + " Baghdad, 9 August 2024. " + s4 + " " + " ".join(PAYLOADS[2:])
    d4 = _doc("art-hostile", t4, lang="en", published="2024-08-10", title=PAYLOADS[0],
              url=PAYLOADS[2])
    e4 = _event(d4, s4, type="Riots", subtype="Violent demonstration", date=PartialDate(2024, 8, 9),
                date_basis="relative", place=PAYLOADS[3], admin1="Baghdad", country="IQ", lat=33.31,
                lon=44.36, geo_precision="town", actor1=PAYLOADS[1], actor2=PAYLOADS[4])
    return [Extraction(d1, (e1,), (fig,)), Extraction(d2, (e2,)), Extraction(d3, (e3,), (fig3,)),
            Extraction(d4, (e4,))]


def fill(store) -> list[Extraction]:
    """Save the extractions and the clusters built from them; returns the extractions."""
    xs = extractions()
    store.save_batch(xs, [])
    erbil = [e for x in xs for e in x.events if e.cluster == "cl-erbil"]
    gao = [e for x in xs for e in x.events if e.cluster == "cl-gao"]
    with store.engine.begin() as conn:
        conn.execute(clusters.insert(), [
            _cluster_row("cl-erbil", erbil, injured=(2, 3), outlets=2),
            _cluster_row("cl-gao", gao, injured=None, outlets=1),
        ])
        conn.execute(contradictions.insert(), [{
            "id": "x-erbil-injured", "scope": "cluster", "ref_id": "cl-erbil", "field": "injured",
            "values_json": '[{"value": 2, "sources": ["art-en-1"]}, {"value": 3, "sources": ["art-fr-1"]}]',
            "note": "reports disagree on the number of wounded",
        }])
    return xs


def _cluster_row(cid: str, evs: list[Event], *, injured, outlets: int) -> dict:
    e = evs[0]
    return {
        "id": cid, "type": e.type, "subtype": e.subtype, "date": e.date.iso(),
        "date_first": e.date.first_day().isoformat(), "date_last": e.date.last_day().isoformat(),
        "place": e.place, "admin1": e.admin1, "country": e.country, "lat": e.lat, "lon": e.lon,
        "actor1": e.actor1, "actor2": e.actor2, "fatalities": e.fatalities, "fatalities_min": e.fatalities,
        "fatalities_max": e.fatalities, "injured": injured[0] if injured else None,
        "injured_min": injured[0] if injured else None, "injured_max": injured[1] if injured else None,
        "background_only": False, "n_events": len(evs), "n_sources": len({x.doc_id for x in evs}),
        "n_outlets": outlets, "first_reported": e.date.iso(), "last_reported": e.date.iso(),
    }
