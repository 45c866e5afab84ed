"""Where extraction spends its time outside spaCy: cProfile around everything after the parse.

    python bench/hotspots.py [paths ...] [--rounds 2] [--limit N] [--top 25] [--sort tottime]

Documents are the packaged demo corpus (our own text) plus any files, folders or JSONL files named
on the command line (read as `wirewatch extract` reads them, e.g. a folder of articles you hold).
Each is parsed once by spaCy, outside the profile; the profile covers `rounds` passes of the rest
of the extraction (mentions, events, figures) after one warm-up pass that loads the lexicons and
the gazetteer, as in a long ingest. Prints the CPU seconds of one pass (best of the rounds) and
per article, then the top functions.

Later passes see the same texts again: when a change adds a cache keyed by text, judge it with
`--rounds 1`, or it is measured on repeats a real news stream does not have.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from importlib import resources

from wirewatch import nlp
from wirewatch.documents import to_document
from wirewatch.extraction import _from_parsed
from wirewatch.model import Discarded, Document
from wirewatch.sources import read_inputs


def documents(paths: list[str], limit: int | None = None) -> list[Document]:
    """The demo documents, then those of `paths`; inputs that cannot be read are skipped."""
    demo = resources.files("wirewatch") / "data" / "demo" / "demo.jsonl"
    docs = []
    for item in read_inputs([str(demo), *paths]):
        doc = item if isinstance(item, Discarded) else to_document(item)
        if isinstance(doc, Document):
            docs.append(doc)
    return docs[:limit] if limit else docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help="more inputs: files, folders, JSONL")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None, help="profile only the first N documents")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--sort", choices=("tottime", "cumulative"), default="tottime")
    args = ap.parse_args(argv)
    docs = documents(args.paths, args.limit)
    parsed = [nlp.parse(d) for d in docs]
    for d, p in zip(docs, parsed):  # warm-up: lexicons, gazetteer, actor KB
        _from_parsed(d, p)

    profile = cProfile.Profile()
    passes = []
    for _ in range(max(1, args.rounds)):
        cpu = time.process_time()
        profile.enable()
        for d, p in zip(docs, parsed):
            _from_parsed(d, p)
        profile.disable()
        passes.append(time.process_time() - cpu)
    best = min(passes)  # under the profiler: compare runs with each other, not with bench/throughput.py
    print(f"{len(docs)} documents; extraction after the parse, CPU under the profiler: "
          f"{best:.2f} s per pass, {1000 * best / max(1, len(docs)):.1f} ms per article "
          f"(passes: {' '.join(f'{p:.2f}' for p in passes)})")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
