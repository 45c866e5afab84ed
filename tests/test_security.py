"""Security: article text is untrusted. CSP and hardening headers on every response, payloads
returned as inert JSON text, a UI that never turns data into markup, CSV formula guard, tokens."""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from api_data import PAYLOADS, fill

from wirewatch.api import create_app
from wirewatch.api import ingest as ingest_module
from wirewatch.api.app import CSP
from wirewatch.api.exports import inert_cell
from wirewatch.model import Document, Event, Extraction, Span
from wirewatch.store.store import Store

STATIC = Path(__file__).resolve().parents[1] / "src" / "wirewatch" / "web" / "static"
TOKEN = "another-test-token"


@pytest.fixture
def store():
    s = Store.open(":memory:")
    fill(s)
    yield s
    s.close()


@pytest.fixture
def client(store):
    return TestClient(create_app(store=store, token=TOKEN), raise_server_exceptions=False)


def _directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_csp_forbids_inline_script_and_framing():
    d = _directives(CSP)
    assert d["default-src"] == ["'self'"]
    assert d["script-src"] == ["'self'"]
    assert d["object-src"] == ["'none'"]
    assert d["base-uri"] == ["'none'"]
    assert d["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP


class _BrokenEngine:
    def connect(self):
        raise RuntimeError("database exploded: secret path /var/db")


class _BrokenStore:
    engine = _BrokenEngine()


@pytest.mark.parametrize(
    "method,path,status",
    [
        ("get", "/", 200),
        ("get", "/static/js/app.js", 200),
        ("get", "/static/vendor/countries.geojson", 200),
        ("get", "/api/events", 200),
        ("get", "/api/export.csv", 200),
        ("get", "/openapi.json", 200),
        ("get", "/api/events?limit=-1", 422),
        ("get", "/api/events/nope", 404),
        ("get", "/nope", 404),
        ("post", "/api/articles", 401),
    ],
)
def test_security_headers_on_every_response(client, method, path, status):
    resp = getattr(client, method)(path)
    assert resp.status_code == status
    assert resp.headers["content-security-policy"] == CSP
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["x-frame-options"] == "DENY"
    assert resp.headers["referrer-policy"] == "no-referrer"


def test_unexpected_error_keeps_headers_and_shape_and_hides_internals():
    c = TestClient(create_app(store=_BrokenStore(), token=""), raise_server_exceptions=False)
    resp = c.get("/api/events")
    assert resp.status_code == 500
    assert resp.headers["content-security-policy"] == CSP
    assert resp.json()["error"]["code"] == "internal-error"
    assert "secret" not in resp.text and "Traceback" not in resp.text


def test_payloads_come_back_as_exact_json_text(client):
    resp = client.get("/api/events", params={"type": "Riots"})
    assert resp.headers["content-type"] == "application/json"
    (ev,) = resp.json()["events"]
    assert ev["place"] == PAYLOADS[3] and ev["actor1"] == PAYLOADS[1] and ev["actor2"] == PAYLOADS[4]
    art = client.get(f"/api/articles/{ev['doc_id']}").json()
    assert art["title"] == PAYLOADS[0] and art["url"] == PAYLOADS[2]
    for p in PAYLOADS:
        assert p in art["text"]


def test_ingested_hostile_article_is_stored_verbatim(client, monkeypatch):
    """Through POST: what goes in as markup comes out as the same characters, never interpreted."""

    def to_documents(articles):
        for a in articles:
            yield Document(id=a.id, source=a.source, lang="en", text=a.text, title=a.title, url=a.url)

    def extract_safely(docs):
        return [Extraction(d, (Event(id="ev-" + d.id, doc_id=d.id, type="Riots", subtype="Mob violence",
                                     span=Span(0, len(d.text)), evidence=d.text, actor1=d.title),))
                for d in docs], []

    monkeypatch.setattr(ingest_module, "stages", lambda: (to_documents, extract_safely, None))
    text = " ".join(PAYLOADS)
    resp = client.post("/api/articles", json={"id": "evil", "text": text, "title": PAYLOADS[1], "url": PAYLOADS[2]},
                       headers={"Authorization": f"Bearer {TOKEN}"})
    assert resp.status_code == 201, resp.text
    assert resp.json()["events"][0]["evidence"] == text
    assert client.get("/api/articles/evil").json()["text"] == text


def test_csv_export_neutralises_formulas(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export.csv").text)))
    (riot,) = [r for r in rows if r["event_type"] == "Riots"]
    assert riot["actor2"] == "'" + PAYLOADS[4]
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "@")), value


@pytest.mark.parametrize("value,expected", [("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("@SUM(A1)", "'@SUM(A1)"),
                                            ("-2+3", "'-2+3"), ("Erbil", "Erbil"), (-0.04, -0.04), (None, "")])
def test_inert_cell(value, expected):
    assert inert_cell(value) == expected


def test_token_is_not_accepted_in_the_query_string(client):
    resp = client.post(f"/api/articles?token={TOKEN}", json={"text": "x."})
    assert resp.status_code == 401


def test_post_is_refused_before_reading_the_body_when_writes_are_disabled(store, monkeypatch):
    monkeypatch.delenv("WIREWATCH_TOKEN", raising=False)
    monkeypatch.setattr(ingest_module, "stages", lambda: pytest.fail("pipeline must not run"))
    c = TestClient(create_app(store=store, token=""))
    assert c.post("/api/articles", json={"text": "x."}, headers={"Authorization": "Bearer "}).status_code == 403


# --- the UI source: no HTML sinks, no inline script ---------------------------------------------

HTML_SINKS = re.compile(r"\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(|"
                        r"setTimeout\(\s*[\"'`]|bindPopup\(\s*[`\"']")


def _own_js() -> list[Path]:
    files = sorted((STATIC / "js").glob("*.js"))
    assert files, "no UI scripts found"
    return files


def test_ui_scripts_use_no_html_sinks():
    for path in _own_js():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not HTML_SINKS.search(line), f"{path.name}:{n}: {line.strip()}"


def test_ui_links_only_open_http_urls():
    dom = (STATIC / "js" / "dom.js").read_text(encoding="utf-8")
    assert 'u.protocol === "http:" || u.protocol === "https:"' in dom
    for path in _own_js():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "href:" in line and "href: safe" not in line:
                # every other href is a fragment or a fixed path the UI builds itself
                assert re.search(r"href: [`\"]#/|href: [`\"]/", line), f"{path.name}:{n}: {line.strip()}"


def test_index_has_no_inline_script_style_or_handlers():
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, tag
    assert not re.search(r"<script\b[^>]*>(?!\s*</script>)", html), "inline script content"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert not re.search(r"\sstyle\s*=", html) and "<style" not in html
    assert 'id="tiles"' in html and "checked" not in re.search(r"<input[^>]*id=\"tiles\"[^>]*>", html).group(0)
