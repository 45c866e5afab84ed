"""Browser tests: the UI in Debian's chromium through Playwright, against a live uvicorn server.

The store is filled with hand-made extractions (tests/api_data.py), one article of which is hostile:
its title, URL, place, actor and text carry `<script>`, `onerror=`, `<svg onload>` and `javascript:`
payloads. Screenshots go to artifacts/ (gitignored).
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from api_data import PAYLOADS, fill

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
#: Seconds to wait for the server to accept connections or a page element to appear (generous:
#: the CI machine is shared); not a timing assertion, only an upper bound before failing.
STARTUP_WAIT = 20
UI_WAIT_MS = 30_000

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    pytest.skip("Debian chromium (/usr/bin/chromium) is not installed", allow_module_level=True)
playwright_sync = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _serving(store):
    """A uvicorn server in a thread over `store`, on a free loopback port; yields its base URL."""
    import uvicorn

    from wirewatch.api import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(store=store, token=""), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_WAIT
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=STARTUP_WAIT)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The hand-made store (file SQLite: in-memory SQLite is one connection shared by threads)."""
    from wirewatch.store.store import Store

    store = Store.open(tmp_path_factory.mktemp("ui") / "ui.db")
    fill(store)
    with _serving(store) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = ctx.new_page()
    pg.messages = []
    pg.on("console", lambda m: pg.messages.append(f"{m.type}: {m.text}"))
    pg.on("pageerror", lambda e: pg.messages.append(f"pageerror: {e}"))
    # Nothing may leave loopback: the OSM tiles are off by default.
    pg.outside = []
    pg.on("request", lambda r: None if r.url.startswith(server) else pg.outside.append(r.url))
    yield pg
    ctx.close()


def _shot(pg, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def _not_pwned(pg, title: str = "wirewatch") -> None:
    assert pg.evaluate("() => window.__pwned === undefined"), "a payload executed"
    assert pg.title() == title


def test_overview_filter_and_map(page, server):
    page.goto(server + "/")
    page.wait_for_selector("body[data-loaded=events]", timeout=UI_WAIT_MS)
    assert page.locator("#events tbody tr").count() == 4
    assert page.locator("path.event-marker").count() == 4  # every located event has a marker
    assert page.locator("#timeline svg .bar").count() >= 3
    _shot(page, "overview")
    page.select_option("#filters select[name=country]", "ML")
    page.wait_for_function("() => document.querySelectorAll('#events tbody tr').length === 1", timeout=UI_WAIT_MS)
    assert "Gao" in page.locator("#events tbody").inner_text()
    page.wait_for_function("() => document.querySelectorAll('path.event-marker').length === 1", timeout=UI_WAIT_MS)
    assert "country=ML" in page.url
    _shot(page, "filtered-ml")
    assert not page.outside, page.outside
    assert not [m for m in page.messages if m.startswith(("error", "pageerror"))], page.messages
    _not_pwned(page)


def _open_event_of(page, server, text_in_row: str) -> None:
    page.goto(server + "/")
    page.wait_for_selector("body[data-loaded=events]", timeout=UI_WAIT_MS)
    page.locator("#events tbody tr", has_text=text_in_row).first.locator("a").first.click()
    page.wait_for_selector("body[data-loaded=event]", timeout=UI_WAIT_MS)
    page.wait_for_selector("#view-event .article-text mark.evidence", timeout=UI_WAIT_MS)


def test_event_page_highlights_evidence_in_every_report(page, server):
    _open_event_of(page, server, "Rocket fire hit the airport")
    reports = page.locator("#view-event article.report")
    assert reports.count() == 2  # the English and the French report of the same attack
    marks = page.locator("#view-event .article-text mark.evidence")
    assert marks.count() == 2
    texts = marks.all_inner_texts()
    assert any(t.startswith("Rocket fire hit the airport of Erbil") for t in texts)
    assert any(t.startswith("Trois roquettes") for t in texts)
    # the highlighted text is exactly the evidence sentence, not more
    assert all(t.endswith(".") and "No group has claimed" not in t for t in texts)
    assert "injured" in page.locator("#view-event").inner_text()  # the cross-report contradiction
    field = page.locator("blockquote.quote mark.field").first  # provenance spans in the evidence
    assert "place" in field.get_attribute("title")
    _shot(page, "event")
    assert not [m for m in page.messages if m.startswith(("error", "pageerror"))], page.messages
    _not_pwned(page)


def test_hostile_article_renders_as_inert_text(page, server):
    _open_event_of(page, server, "A protest in Baghdad")
    view = page.locator("#view-event")
    text = view.inner_text()
    for payload in PAYLOADS:
        assert payload in text, payload  # shown, as text
    assert page.locator("#view-event script, #view-event img, #view-event svg[onload]").count() == 0
    assert page.locator("#view-event [onerror], #view-event [onload]").count() == 0
    # the javascript: URL of the article is not a link
    assert page.locator("a[href^='javascript']").count() == 0
    # the evidence mark contains the payload as text
    assert PAYLOADS[1] in page.locator("mark.evidence").first.inner_text()
    _shot(page, "hostile")
    # the map tooltip carries the hostile place name too: show only that event and hover it
    page.goto(server + "/#/?type=Riots")
    page.wait_for_selector("body[data-loaded=events]", timeout=UI_WAIT_MS)
    markers = page.locator("path.event-marker")
    tips = []
    for i in range(markers.count()):
        markers.nth(i).dispatch_event("mouseover")  # Leaflet opens the tooltip on it
        tips += page.locator(".leaflet-tooltip").all_inner_texts()
        assert page.locator(".leaflet-tooltip img, .leaflet-tooltip svg, .leaflet-tooltip script").count() == 0
    assert any(PAYLOADS[3] in t for t in tips), tips  # the hostile place name, shown as text
    _not_pwned(page)
    page.goto(server + "/#/contradictions")
    page.wait_for_selector("body[data-loaded=contradictions]", timeout=UI_WAIT_MS)
    page.goto(server + "/#/?text=" + "%3Cimg")
    page.wait_for_selector("body[data-loaded=events]", timeout=UI_WAIT_MS)
    assert page.locator("#events tbody tr").count() == 1
    _not_pwned(page)


def test_contradictions_and_figures_views(page, server):
    page.goto(server + "/#/contradictions")
    page.wait_for_selector("body[data-loaded=contradictions]", timeout=UI_WAIT_MS)
    body = page.locator("#view-contradictions").inner_text()
    assert "fatalities" in body and "injured" in body
    assert "across reports" in body and "within one article" in body
    _shot(page, "contradictions")
    page.goto(server + "/#/figures")
    page.wait_for_selector("body[data-loaded=figures]", timeout=UI_WAIT_MS)
    assert page.locator("#view-figures svg.chart circle.point").count() == 2
    body = page.locator("#view-figures").inner_text()
    assert "2,500" in body and "1,800" in body and "the ministry" in body
    _shot(page, "figures")
    assert not [m for m in page.messages if m.startswith(("error", "pageerror"))], page.messages
    _not_pwned(page)


# --- the real pipeline: demo corpus and seed articles ---------------------------------------------


def _ingested(tmp_path_factory, name: str, inputs: list[str]):
    from wirewatch.pipeline import ingest
    from wirewatch.store.store import Store

    store = Store.open(tmp_path_factory.mktemp(name) / f"{name}.db")
    ingest(inputs, store)
    return store


def _walk_through(browser, base: str, name: str) -> None:
    """Load, filter by the country with most events, open a located event, check the evidence."""
    import httpx

    stats = httpx.get(base + "/api/stats").json()
    assert stats["events"] > 0, "the pipeline stored no events"
    counts = {c: httpx.get(base + "/api/events", params={"country": c, "limit": 1}).json()["total"]
              for c in stats["countries"]}
    country = max(counts, key=counts.get)
    located = httpx.get(base + "/api/events", params={"located": "true", "limit": 500}).json()["events"]
    ctx = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = ctx.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(base + "/")
    pg.wait_for_selector("body[data-loaded=events]", timeout=UI_WAIT_MS)
    assert pg.locator("#timeline svg .bar").count() >= 1
    assert pg.locator("path.event-marker").count() == len(located)
    _shot(pg, f"{name}-overview")
    pg.select_option("#filters select[name=country]", country)
    pg.wait_for_function(f"() => location.hash.includes('country={country}')", timeout=UI_WAIT_MS)
    pg.wait_for_function(
        f"() => document.querySelectorAll('#events tbody tr').length === {min(counts[country], 50)}",
        timeout=UI_WAIT_MS)
    pg.locator("#events tbody tr a").first.click()
    pg.wait_for_selector("body[data-loaded=event]", timeout=UI_WAIT_MS)
    mark = pg.locator(".article-text mark.evidence").first
    mark.wait_for(timeout=UI_WAIT_MS)
    quote = pg.locator("blockquote.quote").inner_text().strip()
    assert pg.locator(".article-text mark.evidence").count() >= 1
    assert any(t.strip() == quote for t in pg.locator(".article-text mark.evidence").all_inner_texts())
    _shot(pg, f"{name}-event")
    assert not errors, errors
    _not_pwned(pg)
    ctx.close()


@pytest.mark.slow
def test_demo_corpus_through_the_real_pipeline(browser, tmp_path_factory):
    from wirewatch.languages import DATA_DIR

    store = _ingested(tmp_path_factory, "demo", [str(DATA_DIR / "demo")])
    with _serving(store) as base:
        _walk_through(browser, base, "demo")
    store.close()


@pytest.mark.slow
@pytest.mark.shared
def test_seed_articles_through_the_real_pipeline(browser, tmp_path_factory, seeds_dir):
    store = _ingested(tmp_path_factory, "seeds", [str(seeds_dir)])
    with _serving(store) as base:
        _walk_through(browser, base, "seeds")
    store.close()
