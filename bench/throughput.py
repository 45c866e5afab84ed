"""Throughput of extraction against spaCy alone, on the packaged demo corpus (our own text).

    python bench/throughput.py [--n 100] [--batch-size 16] [--workers 1] [--json]

The same N French articles (the demo articles, repeated) go once through the spaCy pipeline alone
(`nlp.parse_many`) and once through the whole extraction (`extract_many`), in one process run.
`ratio` = extraction speed / parse-only speed (target >= 0.75); `peak_rss_mb` is the process's
peak resident memory (target <= 1200). Models and lexicons are warmed up before timing.
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    docs = demo_documents(args.n)
    list(extract_many(docs[:4], batch_size=args.batch_size))  # warm-up: model, KB, lexicons

    t0 = time.perf_counter()
    list(nlp.parse_many(docs, batch_size=args.batch_size))
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    out = list(extract_many(docs, batch_size=args.batch_size, workers=args.workers))
    full_s = time.perf_counter() - t0

    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "articles": len(docs),
        "events": sum(len(x.events) for x in out),
        "articles_per_s": round(len(docs) / full_s, 2),
        "parse_only_articles_per_s": round(len(docs) / parse_s, 2),
        "ratio": round(parse_s / full_s, 3),
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
