"""Benchmark of cross-article resolution on synthetic events (issue 5): near-linear time and memory.

    /work/venv/bin/python bench/resolution.py                       # 10k, 100k, 1M
    /work/venv/bin/python bench/resolution.py --sizes 10000 --batch 1000

Each size runs in its own process (so peak RSS is that size's), generates its events (seeded),
then feeds them to one `Resolver` in ingest-sized batches and finally builds every canonical
cluster. Prints one JSON object per size and a JSON summary: seconds (wall and CPU: the machine is
shared, CPU time is the fairer measure), events/s, peak RSS.

The synthetic world is shaped like news about conflict: happenings in 40 countries x 15 admin1
at a constant rate (`EVENTS_PER_DAY`, so 1M events span about nine years), each reported 1 to 6 times (more reports for deadlier ones); reports differ as
real ones do (a day late, only the month or the year, only the country or no place, the actor
left unidentified, other casualty figures, background recollections), and 5 % of events carry
no date.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

from wirewatch.model import Event, PartialDate, Span
from wirewatch.resolution import Resolver

COUNTRIES = 40
ADMIN1_PER_COUNTRY = 15
TOWNS_PER_ADMIN1 = 20
ACTORS_PER_COUNTRY = 12
#: Reports per day over the whole synthetic world: the time span grows with the number of events,
#: as a store does (more days of news), so the per-event work measures the algorithm, not a world
#: getting denser. ~300/day is within ACLED's recent global daily volume (hundreds to a thousand).
EVENTS_PER_DAY = 300
KINDS = (
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Strategic developments", "Arrests"),
    ("Strategic developments", "Agreement"),
)
START = date(2015, 1, 1)
#: Days after the happening a news report arrives (outlets report within a few days).
NEWS_DELAY_DAYS = 4
#: Days after the happening a background recollection arrives (anniversaries, retrospectives).
BACKGROUND_DELAY_DAYS = 730


def _world(rnd: random.Random):
    countries = []
    for c in range(COUNTRIES):
        code = f"{chr(65 + c // 26)}{chr(65 + c % 26)}"
        lat0, lon0 = rnd.uniform(-30, 50), rnd.uniform(-20, 100)
        admin1s = []
        for a in range(ADMIN1_PER_COUNTRY):
            alat, alon = lat0 + rnd.uniform(-4, 4), lon0 + rnd.uniform(-4, 4)
            towns = [
                (f"Town {code}-{a}-{t}", alat + rnd.uniform(-0.8, 0.8), alon + rnd.uniform(-0.8, 0.8))
                for t in range(TOWNS_PER_ADMIN1)
            ]
            admin1s.append((f"Province {code}-{a}", alat, alon, towns))
        actors = [f"Armed Group {code}-{k}" for k in range(ACTORS_PER_COUNTRY)]
        countries.append((code, admin1s, actors))
    return countries


def generate(n: int, seed: int = 0) -> list[Event]:
    """`n` synthetic events (deterministic for a seed), in the order they would arrive."""
    rnd = random.Random(seed)
    world = _world(rnd)
    days = max(1, n // EVENTS_PER_DAY)
    out: list[Event] = []
    h = 0
    while len(out) < n:
        h += 1
        code, admin1s, actors = rnd.choice(world)
        admin1, alat, alon, towns = rnd.choice(admin1s)
        town, tlat, tlon = rnd.choice(towns)
        kind = rnd.choice(KINDS)
        day = START + timedelta(days=rnd.randrange(days))
        actor1 = rnd.choice(actors) if rnd.random() < 0.6 else f"Unidentified Armed Group ({code})"
        actor2 = rnd.choice(actors) if rnd.random() < 0.5 else None
        deaths = rnd.choice((None, 0, 1, 2, 3, 5, 8, 13))
        reports = min(6, 1 + int(rnd.expovariate(1.0)) + (1 if deaths and deaths > 4 else 0))
        for k in range(reports):
            ev = _report(rnd, h, k, code, admin1, alat, alon, town, tlat, tlon, kind, day, actor1, actor2, deaths)
            delay = rnd.randrange(BACKGROUND_DELAY_DAYS) if ev.background else rnd.randrange(NEWS_DELAY_DAYS)
            out.append((day.toordinal() + delay, rnd.random(), ev))
    out = out[:n]
    out.sort(key=lambda t: (t[0], t[1]))  # arrival order: news within days, recollections much later
    return [ev for _, _, ev in out]


def _report(rnd, h, k, code, admin1, alat, alon, town, tlat, tlon, kind, day, actor1, actor2, deaths) -> Event:
    background = k > 0 and rnd.random() < 0.1
    r = rnd.random()
    if r < 0.05:
        when = None
    elif r < 0.12 or background:
        when = PartialDate(day.year, day.month)
    elif r < 0.15:
        when = PartialDate(day.year)
    else:
        d = day + timedelta(days=1) if rnd.random() < 0.1 else day
        when = PartialDate(d.year, d.month, d.day)
    g = rnd.random()
    if g < 0.6:
        place, a1, lat, lon, prec, country = town, admin1, tlat, tlon, "town", code
    elif g < 0.8:
        place, a1, lat, lon, prec, country = admin1, admin1, alat, alon, "admin1", code
    elif g < 0.95:
        place, a1, lat, lon, prec, country = None, None, None, None, "country", code
    else:
        place, a1, lat, lon, prec, country = None, None, None, None, None, None
    text = f"Report {k} of happening {h}."
    return Event(
        id=f"e{h:08d}-{k}",
        doc_id=f"d{h:08d}-{k}",
        type=kind[0],
        subtype=kind[1],
        span=Span(0, len(text)),
        evidence=text,
        date=when,
        place=place,
        admin1=a1,
        country=country,
        lat=lat,
        lon=lon,
        geo_precision=prec,
        actor1=actor1 if rnd.random() < 0.85 else f"Unidentified Armed Group ({code})",
        actor2=actor2,
        fatalities=deaths if deaths is None or rnd.random() < 0.7 else deaths + rnd.randint(0, 3),
        background=background,
    )


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run_one(n: int, batch: int, seed: int) -> dict:
    """Generate `n` events, resolve them batch by batch, build canonical clusters; measurements."""
    t0 = time.perf_counter()
    events = generate(n, seed)
    gen_s = time.perf_counter() - t0
    rss_events = _rss_mb()
    resolver = Resolver()
    c1 = time.process_time()
    t1 = time.perf_counter()
    for start in range(0, n, batch):
        resolver.add(events[start : start + batch])
    add_s = time.perf_counter() - t1
    add_cpu = time.process_time() - c1
    c2 = time.process_time()
    t2 = time.perf_counter()
    n_multi = sum(1 for c in resolver.clusters() if len(c.event_ids) > 1)
    canon_s = time.perf_counter() - t2
    canon_cpu = time.process_time() - c2
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "events": n,
        "batch": batch,
        "generate_seconds": round(gen_s, 2),
        "resolve_seconds": round(add_s, 2),
        "resolve_events_per_second": round(n / add_s),
        "resolve_cpu_seconds": round(add_cpu, 2),
        "canonical_seconds": round(canon_s, 2),
        "canonical_cpu_seconds": round(canon_cpu, 2),
        "total_seconds": round(add_s + canon_s, 2),
        "total_cpu_seconds": round(add_cpu + canon_cpu, 2),
        "events_per_cpu_second": round(n / (add_cpu + canon_cpu)),
        "clusters": len(resolver.cluster_ids()),
        "multi_report_clusters": n_multi,
        "rss_after_generate_mb": round(rss_events),
        "peak_rss_mb": round(peak),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--batch", type=int, default=10_000, help="events per Resolver.add (an ingest batch)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.batch, args.seed)))
        return
    results = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--batch", str(args.batch), "--seed", str(args.seed)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        results.append(json.loads(out))
        print(out, flush=True)
    base = results[0]
    for r in results:
        r["cpu_per_event_vs_smallest"] = round(
            (r["total_cpu_seconds"] / r["events"]) / (base["total_cpu_seconds"] / base["events"]), 2
        )
    print(json.dumps({"benchmark": "resolution", "seed": args.seed, "results": results}, indent=2))


if __name__ == "__main__":
    main()
