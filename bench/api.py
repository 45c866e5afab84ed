"""Latency of `GET /api/events` on SQLite under concurrent load (issue 6): target p95 < 100 ms.

    /work/venv/bin/python bench/api.py                        # 100k events, 2000 requests, 8 in flight
    /work/venv/bin/python bench/api.py --events 20000 --requests 500 --concurrency 4

1. Builds a temporary SQLite store with N synthetic events (seeded) through `Store.save_batch`.
2. Starts `uvicorn` serving `create_app` over it in a separate process on a free loopback port.
3. Drives `/api/events` from this process with at most `--concurrency` requests in flight, until
   `--requests` are done or `--seconds` have passed: a mix of filters (country, type, dates,
   actor, free text, background), sorts and pages (deep offsets included).
4. Prints one JSON object: p50/p95/p99/max latency in ms, requests/s, errors, and p95 per query kind.

The machine may be shared: numbers are wall-clock as the client sees them, queueing included.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

#: Countries x admin1 x towns of the synthetic world (ISO codes are real, names are made up).
COUNTRIES = ("IQ", "SY", "ML", "BF", "NE", "NG", "SO", "YE", "AF", "UA", "SD", "CD")
ADMIN1_PER_COUNTRY = 12
EVENTS_PER_ARTICLE = 5
KINDS = (
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Strategic developments", "Arrests"),
)
ACTORS = ("Military Forces of {c}", "Police Forces of {c}", "Unidentified Armed Group ({c})",
          "Rebel Front of {c}", "Civilians ({c})", "Protesters ({c})")
START = date(2015, 1, 1)
DAYS = 10 * 365
#: Articles per `save_batch` call while loading.
LOAD_BATCH = 1000
#: Seconds to wait for the server to answer its first request.
STARTUP_WAIT = 60


def synthetic(n_events: int, seed: int):
    """Extractions with `n_events` events, shaped like conflict news (5 % undated, 10 % unlocated)."""
    from wirewatch.model import Document, Event, Extraction, PartialDate, Span

    rnd = random.Random(seed)
    n_articles = (n_events + EVENTS_PER_ARTICLE - 1) // EVENTS_PER_ARTICLE
    made = 0
    for a in range(n_articles):
        c = rnd.choice(COUNTRIES)
        day = START + timedelta(days=rnd.randrange(DAYS))
        sentences, evs = [], []
        pos = 0
        for k in range(min(EVENTS_PER_ARTICLE, n_events - made)):
            typ, sub = rnd.choice(KINDS)
            adm = rnd.randrange(ADMIN1_PER_COUNTRY)
            town = f"Town {c}-{adm}-{rnd.randrange(20)}"
            a1 = rnd.choice(ACTORS).format(c=c)
            a2 = rnd.choice(ACTORS).format(c=c) if rnd.random() < 0.6 else None
            killed = rnd.choice((None, 0, 1, 2, 3, 5, 8, 13, 40)) if typ != "Protests" else None
            s = f"Synthetic report {a}.{k}: {typ.lower()} ({sub.lower()}) near {town} involving {a1}."
            span = Span(pos, pos + len(s))
            pos += len(s) + 1
            sentences.append(s)
            ev_day = day - timedelta(days=rnd.randrange(3))
            dated = rnd.random() > 0.05
            located = rnd.random() > 0.10
            evs.append({
                "id": f"e{a:07d}{k}", "type": typ, "subtype": sub, "span": span, "evidence": s,
                "date": PartialDate.from_date(ev_day) if dated else None, "date_basis": "explicit" if dated else None,
                "place": town if located else None, "admin1": f"Region {c}-{adm}", "country": c,
                "lat": (10 + rnd.random() * 25) if located else None, "lon": (-5 + rnd.random() * 60) if located else None,
                "geo_precision": "town" if located else "admin1", "actor1": a1, "actor2": a2, "fatalities": killed,
                "background": rnd.random() < 0.1, "cluster": f"c{a:07d}{k}"})
            made += 1
        text = " ".join(sentences)
        doc = Document(id=f"a{a:07d}", source=f"bench/{a}.txt", lang="en", text=text,
                       published=PartialDate.from_date(day), published_basis="given", title=f"Article {a}")
        yield Extraction(doc, tuple(Event(doc_id=doc.id, **e) for e in evs))


def load(db: Path, n_events: int, seed: int) -> float:
    from wirewatch.store.store import Store

    t0 = time.perf_counter()
    store = Store.open(db)
    batch = []
    for x in synthetic(n_events, seed):
        batch.append(x)
        if len(batch) == LOAD_BATCH:
            store.save_batch(batch, [])
            batch = []
    if batch:
        store.save_batch(batch, [])
    store.close()
    return time.perf_counter() - t0


def queries(rnd: random.Random) -> tuple[str, dict]:
    """One request of the mix: (kind, params)."""
    c = rnd.choice(COUNTRIES)
    y = rnd.randrange(2015, 2025)
    kind = rnd.choice(("all", "country", "country+type", "dates", "actor", "text", "background", "deep-page",
                       "sort-fatalities"))
    p: dict = {"limit": 50}
    if kind == "country":
        p["country"] = c
    elif kind == "country+type":
        p.update(country=c, type=rnd.choice(KINDS)[0])
    elif kind == "dates":
        p.update(since=f"{y}-{rnd.randrange(1, 13):02d}", until=f"{y}-12-31")
    elif kind == "actor":
        p.update(actor=rnd.choice(("Military Forces", "Rebel Front", "Protesters")), country=c)
    elif kind == "text":
        p["text"] = rnd.choice(("air/drone", "Town IQ-3", "armed clash", "arrests"))
    elif kind == "background":
        p.update(background="true", country=c)
    elif kind == "deep-page":
        p["offset"] = rnd.randrange(0, 5000, 50)
    elif kind == "sort-fatalities":
        p.update(sort="-fatalities", country=c)
    if rnd.random() < 0.3 and kind not in ("deep-page",):
        p["offset"] = 50 * rnd.randrange(1, 5)
    return kind, p


async def drive(base: str, n: int, concurrency: int, seconds: float, seed: int) -> dict:
    import httpx

    rnd = random.Random(seed)
    plan = [queries(rnd) for _ in range(n)]
    lat: list[tuple[str, float]] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    it = iter(plan)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            for kind, params in it:
                if time.perf_counter() > deadline:
                    return
                t = time.perf_counter()
                r = await client.get("/api/events", params=params)
                dt = (time.perf_counter() - t) * 1000
                if r.status_code != 200:
                    errors += 1
                lat.append((kind, dt))

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    ms = sorted(d for _, d in lat)

    def pct(values, q):
        return round(values[min(len(values) - 1, int(q * len(values)))], 1) if values else None

    by_kind = {}
    for kind in sorted({k for k, _ in lat}):
        v = sorted(d for k, d in lat if k == kind)
        by_kind[kind] = {"n": len(v), "p50_ms": pct(v, 0.5), "p95_ms": pct(v, 0.95)}
    return {
        "requests": len(ms), "errors": errors, "concurrency": concurrency, "seconds": round(wall, 2),
        "req_per_s": round(len(ms) / wall, 1) if wall else None,
        "p50_ms": pct(ms, 0.50), "p95_ms": pct(ms, 0.95), "p99_ms": pct(ms, 0.99),
        "max_ms": round(ms[-1], 1) if ms else None, "mean_ms": round(statistics.fmean(ms), 1) if ms else None,
        "by_kind": by_kind,
    }


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process (Linux /proc), 0.0 elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: str, port: int) -> None:
    """Server process: uvicorn over the store (read-only: no token)."""
    import uvicorn

    from wirewatch.api import create_app
    from wirewatch.store.store import Store

    uvicorn.run(create_app(store=Store.open(db), token=""), host="127.0.0.1", port=port, log_level="warning",
                access_log=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=120, help="stop driving after this long")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--db", help="reuse (or create) this SQLite file instead of a temporary one")
    ap.add_argument("--serve", nargs=2, metavar=("DB", "PORT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        _serve(args.serve[0], int(args.serve[1]))
        return

    import httpx

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.db"
        load_s = 0.0 if db.exists() else load(db, args.events, args.seed)
        port = _free_port()
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(db), str(port)],
                                  env={**os.environ, "WIREWATCH_TOKEN": ""})
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + STARTUP_WAIT
            while True:
                try:
                    total = httpx.get(base + "/api/stats", timeout=5).json()["events"]
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        sys.exit("the server did not start")
                    time.sleep(0.2)
            cpu0 = _cpu_seconds(server.pid)
            result = asyncio.run(drive(base, args.requests, args.concurrency, args.seconds, args.seed))
            cpu = _cpu_seconds(server.pid) - cpu0
            # Server CPU per request does not depend on how busy the (shared) machine is.
            result["server_cpu_ms_per_request"] = round(1000 * cpu / max(1, result["requests"]), 1)
            result["load_average_1min"] = os.getloadavg()[0]
            result["cpus"] = os.cpu_count()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps({"bench": "api /api/events", "backend": "sqlite", "events": total,
                      "load_seconds": round(load_s, 1), **result}, indent=2))


if __name__ == "__main__":
    main()
