"""REST API: filters, pagination, sort, detail routes, exports, token-guarded ingest, error shape."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from api_data import fill
from store_factories import BACKENDS, open_store

from wirewatch.api import create_app
from wirewatch.api import ingest as ingest_module
from wirewatch.api.params import MAX_LIMIT
from wirewatch.model import Document, Event, Extraction, PartialDate, Span

TOKEN = "s3cret-test-token"


@pytest.fixture(params=BACKENDS)
def store(request):
    """The hand-made store on in-memory SQLite and, when WIREWATCH_TEST_PG_URL is set, PostgreSQL."""
    s = open_store(request.param)
    fill(s)
    yield s
    s.close()


@pytest.fixture
def client(store):
    return TestClient(create_app(store=store, token=TOKEN))


def _ids(resp) -> list[str]:
    return [e["id"] for e in resp.json()["events"]]


def _assert_error_shape(resp, status: int, code: str | None = None) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"code", "message", "details"}
    assert isinstance(err["code"], str) and err["code"]
    assert isinstance(err["message"], str) and err["message"]
    assert isinstance(err["details"], list)
    if code:
        assert err["code"] == code
    return err


# --- listing, filters, pagination, sort ---------------------------------------------------------


def test_events_lists_everything_with_total(client):
    body = client.get("/api/events").json()
    assert body["total"] == 4 and len(body["events"]) == 4
    e = body["events"][0]
    for key in ("id", "type", "subtype", "date", "place", "admin1", "country", "actor1", "actor2",
                "fatalities", "injured", "background", "cluster", "evidence", "span"):
        assert key in e


def test_pagination_is_disjoint_and_total_stays(client):
    pages = [client.get("/api/events", params={"limit": 1, "offset": i, "sort": "date"}).json() for i in range(4)]
    assert {p["total"] for p in pages} == {4}
    ids = [p["events"][0]["id"] for p in pages]
    assert len(set(ids)) == 4
    assert client.get("/api/events", params={"offset": 10}).json()["events"] == []


@pytest.mark.parametrize("sort,key,reverse", [("date", "date", False), ("-date", "date", True)])
def test_sort_by_date(client, sort, key, reverse):
    dates = [e[key] for e in client.get("/api/events", params={"sort": sort}).json()["events"]]
    assert dates == sorted(dates, reverse=reverse)


def test_sort_by_fatalities_puts_unknown_counts_last(client):
    evs = client.get("/api/events", params={"sort": "-fatalities"}).json()["events"]
    assert evs[0]["fatalities"] == 4
    assert all(e["fatalities"] is None for e in evs[1:])


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"country": "ML"}, 1),
        ({"country": "iq"}, 3),
        ({"country": "IQ,ML"}, 4),
        ({"type": "Riots"}, 1),
        ({"type": "Battles,Riots"}, 2),
        ({"subtype": "Shelling/artillery/missile attack"}, 2),
        ({"admin1": "erbil"}, 2),
        ({"since": "2024-03"}, 3),
        ({"until": "2024-03-11"}, 1),
        ({"since": "2024-03-12", "until": "2024-03-12"}, 2),
        ({"since": "2024"}, 4),
        ({"actor": "mali"}, 1),
        ({"text": "ROCKET"}, 1),
        ({"text": "Gao"}, 1),
        ({"text": "Rocket%Erbil"}, 0),  # LIKE wildcards are matched literally
        ({"text": "Erb_l"}, 0),
        ({"background": "false"}, 4),
        ({"background": "true"}, 0),
        ({"cluster": "cl-erbil"}, 2),
        ({"located": "true"}, 4),
    ],
)
def test_filters(client, params, expected):
    body = client.get("/api/events", params=params).json()
    assert body["total"] == expected, body
    assert len(body["events"]) == expected


def test_timeline_counts_by_month_and_type(client):
    buckets = client.get("/api/timeline").json()["buckets"]
    assert {(b["month"], b["type"]): b["n"] for b in buckets} == {
        ("2024-02", "Battles"): 1, ("2024-03", "Explosions/Remote violence"): 2, ("2024-08", "Riots"): 1}
    assert client.get("/api/timeline", params={"country": "ML"}).json()["buckets"][0]["fatalities"] == 4


# --- detail routes -------------------------------------------------------------------------------


def test_event_detail_has_reports_spans_and_contradictions(client):
    eid = _ids(client.get("/api/events", params={"text": "Rocket fire"}))[0]
    ev = client.get(f"/api/events/{eid}").json()
    assert ev["id"] == eid and ev["cluster"] == "cl-erbil"
    assert {r["article"]["lang"] for r in ev["reports"]} == {"en", "fr"}
    assert {"date", "place", "actor1"} <= set(ev["provenance"])
    assert [c["field"] for c in ev["contradictions"]] == ["injured"]
    assert ev["cluster_summary"]["n_sources"] == 2
    for r in ev["reports"]:
        art = client.get(f"/api/articles/{r['event']['doc_id']}").json()
        span = r["event"]["span"]
        assert art["text"][span["start"]:span["end"]] == r["event"]["evidence"]


def test_event_without_cluster_reports_itself(client):
    eid = _ids(client.get("/api/events", params={"type": "Riots"}))[0]
    ev = client.get(f"/api/events/{eid}").json()
    assert [r["event"]["id"] for r in ev["reports"]] == [eid]


def test_article_carries_event_and_figure_spans(client):
    art = client.get("/api/articles/art-en-1").json()
    assert art["title"] == "Rockets on Erbil airport"
    (ev,) = art["events"]
    assert art["text"][ev["span"]["start"]:ev["span"]["end"]].startswith("Rocket fire")
    (fig,) = art["figures"]
    assert art["text"][fig["span"]["start"]:fig["span"]["end"]].startswith("Around 2,500")


def test_clusters_and_cluster_detail(client):
    body = client.get("/api/clusters").json()
    assert body["total"] == 2
    assert client.get("/api/clusters", params={"country": "ML"}).json()["clusters"][0]["id"] == "cl-gao"
    cl = client.get("/api/clusters/cl-erbil").json()
    assert len(cl["events"]) == 2 and cl["injured_min"] == 2 and cl["injured_max"] == 3


def test_actors_places_figures_contradictions(client):
    actors = client.get("/api/actors").json()["actors"]
    assert actors[0] == {"name": "Unidentified Armed Group (Iraq)", "events": 2}
    assert client.get("/api/actors", params={"q": "mali"}).json()["actors"][0]["events"] == 1
    places = {p["place"]: p for p in client.get("/api/places").json()["places"]}
    assert places["Erbil"]["events"] == 2 and places["Gao"]["lat"] == pytest.approx(16.27)
    figs = client.get("/api/figures", params={"quantity": "troops"}).json()
    assert [f["value"] for f in figs["figures"]] == [1800, 2500]  # oldest as_of first
    assert figs["figures"][1]["article"]["url"] == "https://news.example.org/erbil"
    assert client.get("/api/figures", params={"country": "ML"}).json()["total"] == 1
    xs = client.get("/api/contradictions").json()
    assert xs["total"] == 2
    by_scope = {x["scope"]: x for x in xs["contradictions"]}
    assert by_scope["cluster"]["about"]["event_id"]  # the UI links to a member event
    assert [v["value"] for v in by_scope["event"]["values"]] == [4, 5]
    assert client.get("/api/contradictions", params={"scope": "event"}).json()["total"] == 1


def test_stats(client):
    st = client.get("/api/stats").json()
    assert st["events"] == 4 and st["countries"] == ["IQ", "ML"] and st["writes_enabled"] is True


def test_openapi_lists_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/events", "/api/events/{event_id}", "/api/clusters", "/api/articles/{article_id}",
              "/api/actors", "/api/places", "/api/figures", "/api/contradictions", "/api/export.csv",
              "/api/export.geojson", "/api/articles"):
        assert p in paths


# --- exports -------------------------------------------------------------------------------------


def test_export_csv_uses_acled_columns_and_filters(client):
    resp = client.get("/api/export.csv", params={"country": "IQ"})
    assert resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert len(rows) == 3
    header = resp.text.splitlines()[0].split(",")
    assert header[:3] == ["event_id_cnty", "event_date", "year"]
    assert {"event_type", "sub_event_type", "actor1", "admin1", "location", "latitude", "notes"} <= set(header)
    erbil = [r for r in rows if r["location"] == "Erbil"]
    assert {r["event_type"] for r in erbil} == {"Explosions/Remote violence"}


def test_export_geojson_has_located_points(client):
    fc = client.get("/api/export.geojson").json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 4
    gao = next(f for f in fc["features"] if f["properties"]["place"] == "Gao")
    assert gao["geometry"]["coordinates"] == [-0.04, 16.27]  # [lon, lat]


# --- ingest --------------------------------------------------------------------------------------


def _fake_stages(monkeypatch):
    """Stand-in pipeline (extraction lands separately): one event on the first sentence."""

    def to_documents(articles):
        for a in articles:
            yield Document(id=a.id, source=a.source, lang="en", text=a.text, title=a.title, url=a.url,
                           published=PartialDate.parse(a.published), published_basis="given")

    def extract_safely(docs):
        out = []
        for d in docs:
            end = d.text.index(".") + 1
            ev = Event(id=f"ev-{d.id}", doc_id=d.id, type="Battles", subtype="Armed clash",
                       span=Span(0, end), evidence=d.text[:end], country="SY")
            out.append(Extraction(d, (ev,)))
        return out, []

    monkeypatch.setattr(ingest_module, "stages", lambda: (to_documents, extract_safely, None))


def test_post_article_stores_and_returns_events(client, monkeypatch):
    _fake_stages(monkeypatch)
    body = {"id": "new-1", "text": "Fighters clashed with soldiers near a village. Then it rained.",
            "published": "2024-05-02", "url": "https://x.example/a"}
    resp = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert resp.status_code == 201, resp.text
    out = resp.json()
    assert out["document"]["id"] == "new-1" and out["already_stored"] is False
    assert [e["evidence"] for e in out["events"]] == ["Fighters clashed with soldiers near a village."]
    assert client.get("/api/events", params={"country": "SY"}).json()["total"] == 1
    again = client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["already_stored"] is True
    assert client.get("/api/events", params={"country": "SY"}).json()["total"] == 1


def test_post_article_needs_the_token(client, monkeypatch):
    _fake_stages(monkeypatch)
    body = {"text": "Some text."}
    err = _assert_error_shape(client.post("/api/articles", json=body), 401, "unauthorized")
    assert "Bearer" in err["message"]
    _assert_error_shape(client.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"}), 401)
    _assert_error_shape(client.post("/api/articles", json=body, headers={"Authorization": TOKEN}), 401)
    assert client.get("/api/stats").json()["articles"] == 4  # nothing was written


def test_writes_disabled_without_configured_token(store, monkeypatch):
    monkeypatch.delenv("WIREWATCH_TOKEN", raising=False)
    _fake_stages(monkeypatch)
    c = TestClient(create_app(store=store))
    err = _assert_error_shape(
        c.post("/api/articles", json={"text": "x."}, headers={"Authorization": "Bearer "}), 403, "writes-disabled")
    assert "WIREWATCH_TOKEN" in err["message"]
    assert c.get("/api/stats").json()["writes_enabled"] is False


def test_token_from_environment(store, monkeypatch):
    monkeypatch.setenv("WIREWATCH_TOKEN", "from-env")
    _fake_stages(monkeypatch)
    c = TestClient(create_app(store=store))
    ok = c.post("/api/articles", json={"text": "A raid happened."}, headers={"Authorization": "Bearer from-env"})
    assert ok.status_code == 201


def test_post_article_body_is_validated(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    _assert_error_shape(client.post("/api/articles", json={}, headers=auth), 422, "invalid-parameter")
    _assert_error_shape(client.post("/api/articles", json={"text": "a", "html": "<p>a</p>"}, headers=auth), 422)
    _assert_error_shape(client.post("/api/articles", json={"text": "a", "published": "May 2"}, headers=auth), 422)
    _assert_error_shape(client.post("/api/articles", content=b"not json", headers=auth), 422)


@pytest.mark.slow
def test_post_article_through_the_real_pipeline(client):
    text = ("Mosul, 3 May 2024. Gunmen attacked a checkpoint near Mosul on Thursday, killing two soldiers. "
            "The army said it was searching the area.")
    resp = client.post("/api/articles", json={"text": text, "lang": "en", "published": "2024-05-04"},
                       headers={"Authorization": f"Bearer {TOKEN}"})
    assert resp.status_code in (201, 422), resp.text
    if resp.status_code == 201:
        doc_id = resp.json()["document"]["id"]
        art = client.get(f"/api/articles/{doc_id}").json()
        for ev in resp.json()["events"]:
            assert art["text"][ev["span"]["start"]:ev["span"]["end"]] == ev["evidence"]


# --- one error shape -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path,status",
    [
        ("/api/events?limit=0", 422),
        (f"/api/events?limit={MAX_LIMIT + 1}", 422),
        ("/api/events?offset=-1", 422),
        ("/api/events?sort=random", 422),
        ("/api/events?since=yesterday", 422),
        ("/api/events?since=2024-13", 422),
        ("/api/events?since=2024-05-01&until=2024-04-01", 422),
        ("/api/events?country=IRQ", 422),
        ("/api/events?type=Massacre", 422),
        ("/api/events?subtype=Ambush", 422),
        ("/api/events?background=maybe", 422),
        ("/api/clusters?since=soon", 422),
        ("/api/figures?limit=abc", 422),
        ("/api/contradictions?scope=planet", 422),
        ("/api/export.csv?country=1", 422),
        ("/api/events/does-not-exist", 404),
        ("/api/articles/does-not-exist", 404),
        ("/api/clusters/does-not-exist", 404),
        ("/api/nothing-here", 404),
        ("/static/nothing.js", 404),
    ],
)
def test_every_error_has_the_one_shape(client, path, status):
    err = _assert_error_shape(client.get(path), status)
    if status == 422:
        assert err["details"] and all("loc" in d and "msg" in d for d in err["details"])


def test_wrong_method_has_the_shape(client):
    _assert_error_shape(client.delete("/api/events"), 405)


def test_total_of_a_scanning_filter_is_capped_and_flagged(client, monkeypatch):
    from wirewatch.api import queries

    monkeypatch.setattr(queries, "SCAN_COUNT_CAP", 2)
    body = client.get("/api/events", params={"located": "true", "limit": 1}).json()
    assert (body["total"], body["total_exact"]) == (2, False)  # 4 match; the count stopped at 2
    body = client.get("/api/events", params={"country": "IQ", "limit": 1}).json()
    assert (body["total"], body["total_exact"]) == (3, True)  # indexed filter: always exact
    body = client.get("/api/events", params={"text": "Erbil", "limit": 5}).json()
    assert (body["total"], body["total_exact"]) == (2, True)  # a short page is its own total


def test_contradiction_sources_are_attributed_to_articles(client):
    xs = {x["scope"]: x for x in client.get("/api/contradictions").json()["contradictions"]}
    cluster_values = xs["cluster"]["values"]  # sources are article ids
    assert [a["title"] for v in cluster_values for a in v["attributed"]] == [
        "Rockets on Erbil airport", "Roquettes sur Erbil"]
    assert all(a["event_id"] is None and a["doc_id"] for v in cluster_values for a in v["attributed"])
    eid = _ids(client.get("/api/events", params={"country": "ML"}))[0]
    ev = client.get(f"/api/events/{eid}").json()
    (c,) = ev["contradictions"]
    assert {a["title"] for v in c["values"] for a in v["attributed"]} == {"Attaque près de Gao"}


# --- issue: one in-memory SQLite connection shared by concurrent requests -----------------------


def test_concurrent_requests_on_an_in_memory_store(monkeypatch):
    """Issue: a `:memory:` store is one SQLite connection (StaticPool) and FastAPI serves sync
    routes on a thread pool, so concurrent requests interleaved transactions on it ("cannot start
    a transaction within a transaction", reads inside another request's write). Reads and writes
    sent at once must all succeed, and every write must be stored exactly once."""
    from concurrent.futures import ThreadPoolExecutor

    from wirewatch.store.store import Store

    _fake_stages(monkeypatch)
    store = Store.open(":memory:")
    fill(store)
    before = store.stats()["events"]
    n_writes, n_reads = 24, 48
    with TestClient(create_app(store=store, token=TOKEN)) as c:

        def write(i: int):
            body = {"id": f"conc-{i}", "text": f"Fighters clashed near village number {i}. More later.",
                    "published": "2024-05-02"}
            return c.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"}).status_code

        def read(i: int):
            path = ("/api/events?limit=5", "/api/stats", "/api/export.csv", "/api/clusters")[i % 4]
            return c.get(path).status_code

        with ThreadPoolExecutor(max_workers=12) as pool:
            writes = [pool.submit(write, i) for i in range(n_writes)]
            reads = [pool.submit(read, i) for i in range(n_reads)]
            codes_w = [f.result() for f in writes]
            codes_r = [f.result() for f in reads]
    assert codes_w == [201] * n_writes
    assert codes_r == [200] * n_reads
    assert store.stats()["events"] == before + n_writes
    store.close()


# --- issue: contradiction sources naming events merged away (never stored) ----------------------


@pytest.mark.parametrize("route", ["event", "cluster", "list"])
def test_contradiction_sources_merged_away_or_spans_are_resolved(route):
    """Issue: within-document merging keeps the absorbed event's id as a contradiction source, but
    that event is never stored; the API showed a bare hash. Such a source must come back with its
    report (the article of the event it was merged into) and that event's sentence; a
    `doc:start-end` source with the sentence around the span; no source is left without a label."""
    from store_factories import merged_away_store

    from wirewatch.store.store import Store

    with Store.open(":memory:") as store:
        doc, ev = merged_away_store(store)
        c = TestClient(create_app(store=store, token=TOKEN))
        if route == "event":
            xs = c.get(f"/api/events/{ev.id}").json()["contradictions"]
        elif route == "cluster":
            xs = c.get("/api/clusters/cl-merged").json()["contradictions"]
        else:
            xs = c.get("/api/contradictions").json()["contradictions"]
    assert xs
    for x in xs:
        by_value = {v["value"]: v["attributed"][0] for v in x["values"]}
        assert by_value[3]["resolved"] == "event" and by_value[3]["event_id"] == ev.id
        merged = by_value[5]
        assert merged["resolved"] == "merged" and merged["merged_into"] == ev.id
        assert merged["doc_id"] == doc.id and merged["title"] == doc.title and merged["evidence"] == ev.evidence
        span = by_value[4]
        assert span["resolved"] == "span" and span["title"] == doc.title
        assert span["evidence"] == "A local official later said four soldiers had died."
