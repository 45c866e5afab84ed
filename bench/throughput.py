"""Throughput of extraction against spaCy alone, on the packaged demo corpus (our own text).

    python bench/throughput.py [--n 100] [--rounds 3] [--batch-size 16] [--workers 1] [--json]

The same N French articles (the demo articles, repeated) go through the spaCy pipeline alone
(`nlp.parse_many`) and through the whole extraction (`extract_many`), in one process run, `rounds`
times, the two alternating so that a change in the machine's load hits both alike.
`ratio` = extraction speed / parse-only speed from the fastest round of each (target >= 0.75);
`ratio_cpu` the same from process CPU time, which other processes on a shared machine disturb far
less than wall time; `ratio_spread` the lowest and highest per-round wall ratios. `peak_rss_mb` is
the process's peak resident memory (target <= 1200). Models and lexicons are warmed up before timing.

The repeated articles cycle through all the demo texts, more than any per-text cache in the
extractor keeps (`mentions.dates.MATCH_CACHE_SIZE`), so no document reuses another's work.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import replace
from importlib import resources

from wirewatch import nlp
from wirewatch.extraction import extract_many
from wirewatch.model import Document, PartialDate


def demo_documents(n: int) -> list[Document]:
    """N French documents built from the packaged demo corpus, repeated with distinct ids."""
    path = resources.files("wirewatch") / "data" / "demo" / "demo.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    base = [Document(id=r["id"], source="demo", lang="fr", text=r["text"], published=PartialDate.parse(r.get("published")))
            for r in rows if r.get("lang") == "fr" and r.get("text")]
    return [replace(base[i % len(base)], id=f"{base[i % len(base)].id}-{i}") for i in range(n)]


def _timed(run) -> tuple[float, float, object]:
    """(wall seconds, process CPU seconds, result) of one call; CPU time counts every thread."""
    w0, c0 = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - w0, time.process_time() - c0, result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    docs = demo_documents(args.n)
    list(extract_many(docs[:4], batch_size=args.batch_size))  # warm-up: model, KB, lexicons

    parse_runs, full_runs, out = [], [], []
    for _ in range(max(1, args.rounds)):
        wall, cpu, _parsed = _timed(lambda: list(nlp.parse_many(docs, batch_size=args.batch_size)))
        parse_runs.append((wall, cpu))
        del _parsed  # one round's output at a time: peak memory is that of a single run
        wall, cpu, out = _timed(lambda: list(extract_many(docs, batch_size=args.batch_size, workers=args.workers)))
        full_runs.append((wall, cpu))
    parse_s, full_s = min(r[0] for r in parse_runs), min(r[0] for r in full_runs)
    parse_cpu, full_cpu = min(r[1] for r in parse_runs), min(r[1] for r in full_runs)
    per_round = [p[0] / f[0] for p, f in zip(parse_runs, full_runs)]

    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "articles": len(docs),
        "events": sum(len(x.events) for x in out),
        "articles_per_s": round(len(docs) / full_s, 2),
        "parse_only_articles_per_s": round(len(docs) / parse_s, 2),
        "ratio": round(parse_s / full_s, 3),
        # worker processes' CPU time is not this process's: no CPU ratio with --workers > 1
        "ratio_cpu": round(parse_cpu / full_cpu, 3) if full_cpu and args.workers <= 1 else None,
        "ratio_spread": [round(min(per_round), 3), round(max(per_round), 3)],
        "rounds": len(per_round),
        "peak_rss_mb": round(rss_kb / 1024, 1),
    }
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:>28}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
