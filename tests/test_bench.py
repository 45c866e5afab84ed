"""bench/throughput.py: it runs and reports what the README quotes (no timing is asserted)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "throughput.py"


def _bench():
    spec = importlib.util.spec_from_file_location("throughput_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_demo_documents_cycle_through_every_demo_text_with_distinct_ids():
    bench = _bench()
    docs = bench.demo_documents(13)
    texts = {d.text for d in docs}
    assert len({d.id for d in docs}) == 13
    # every demo text comes back before any repeats, so no cache can serve a document from the last one
    first = [d.text for d in docs[: len(texts)]]
    assert len(set(first)) == len(texts)
    from wirewatch.mentions.dates import MATCH_CACHE_SIZE

    assert len(texts) > MATCH_CACHE_SIZE


def test_bench_reports_ratios_and_memory(capsys):
    assert _bench().main(["--n", "2", "--rounds", "2", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["articles"] == 2 and result["rounds"] == 2
    low, high = result["ratio_spread"]
    assert 0 < low <= high
    assert result["ratio"] > 0 and result["ratio_cpu"] > 0 and result["peak_rss_mb"] > 0


def test_hotspots_profiles_the_extraction_after_the_parse(capsys, tmp_path):
    """bench/hotspots.py: demo documents plus the user's inputs, per-pass CPU, the top functions."""
    spec = importlib.util.spec_from_file_location("hotspots_bench", BENCH.parent / "hotspots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    mine = tmp_path / "mine.txt"
    mine.write_text("Trois roquettes sont tombées mardi sur une base militaire près de Kirkouk.\n", encoding="utf-8")
    demo = module.documents([])
    docs = module.documents([str(mine)])
    assert len(docs) == len(demo) + 1 and docs[-1].text.startswith("Trois roquettes")
    assert module.main(["--limit", "2", "--rounds", "1", "--top", "5", "--sort", "cumulative"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 documents;") and "ms per article" in out
    assert "_from_parsed" in out  # the profile covers the extraction, not the parse
