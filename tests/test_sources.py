"""sources: files, folders, JSONL, feeds, stdin and URLs become Articles."""

from __future__ import annotations

import io
import json
import sys

import httpx
import pytest

from wirewatch import sources
from wirewatch.model import Article, Discarded, content_id

FR = "Un engin explosif a visé un convoi militaire jeudi matin sur la route de Gao, faisant deux blessés."
EN = "A roadside bomb hit a military convoy on Thursday morning on the road to Gao, wounding two soldiers."
HTML = f"<html><head><title>Convoi visé</title></head><body><article><p>{FR}</p><p>{FR}</p></article></body></html>"
RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example news</title><link>https://news.example/</link>
<item><title>Convoy hit</title><link>https://news.example/convoy</link>
<pubDate>Thu, 04 Mar 2021 08:00:00 GMT</pubDate><description>&lt;p&gt;{EN}&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://news.example/second</link><description>&lt;p&gt;{FR}&lt;/p&gt;</description></item>
</channel></rss>"""


def arts(items, **kw) -> list:
    return list(sources.read_inputs(items, **kw))


def test_text_file_id_is_content_hash(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(FR, encoding="utf-8")
    (a,) = arts([p])
    assert isinstance(a, Article)
    assert a.text == FR and a.html is None and a.source == str(p)
    assert a.id == content_id(FR)
    assert arts([str(p)])[0].id == a.id  # re-reading gives the same id


def test_folder_is_recursive_and_sorted(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "sub" / "a.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "a.txt").write_text(FR, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # unknown suffix in a folder: skipped
    (tmp_path / ".hidden.txt").write_text(FR, encoding="utf-8")
    got = arts([tmp_path])
    assert [a.source for a in got] == [str(tmp_path / n) for n in ("a.txt", "b.txt", "sub/a.html")]
    assert got[2].html == HTML


def test_jsonl_fields_and_overrides(tmp_path):
    p = tmp_path / "in.jsonl"
    rows = [
        {"id": "x1", "text": FR, "url": "https://news.example/x1", "title": "T", "published": "2021-03-04", "lang": "fr"},
        {"html": HTML},
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    a, b = arts([p])
    assert (a.id, a.text, a.url, a.title, a.published, a.lang) == ("x1", FR, "https://news.example/x1", "T", "2021-03-04", "fr")
    assert b.html == HTML and b.id == content_id(HTML) and b.source == f"{p}:2"
    a2, b2 = arts([p], published="2020-01-01", lang="en")
    assert a2.published == b2.published == "2020-01-01" and a2.lang == b2.lang == "en"


def test_jsonl_source_url_becomes_url(tmp_path):
    p = tmp_path / "gold-like.jsonl"
    p.write_text(json.dumps({"id": "g1", "source": "https://news.example/a", "text": FR}) + "\n", encoding="utf-8")
    (a,) = arts([p])
    assert a.url == "https://news.example/a" and a.source == f"{p}:1"


def test_feed_entries(tmp_path):
    p = tmp_path / "news.rss"
    p.write_text(RSS, encoding="utf-8")
    a, b = arts([p])
    assert a.url == "https://news.example/convoy" and a.title == "Convoy hit"
    assert a.published == "2021-03-04" and a.published_basis == "feed"
    assert EN in a.html and FR in b.html
    assert b.published is None and b.published_basis is None


def test_feed_without_suffix_is_sniffed(tmp_path):
    p = tmp_path / "feed"
    p.write_text(RSS, encoding="utf-8")
    assert len(arts([p])) == 2


def set_stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_plain_text(monkeypatch):
    set_stdin(monkeypatch, (FR + "\n" + EN).encode())
    (a,) = arts(["-"], lang="fr")
    assert a.text == FR + "\n" + EN and a.source == "<stdin>"
    assert a.lang == "fr"


def test_stdin_jsonl(monkeypatch):
    set_stdin(monkeypatch, (json.dumps({"id": "s1", "text": FR}) + "\n" + json.dumps({"id": "s2", "text": EN})).encode())
    got = arts(["-"])
    assert [a.id for a in got] == ["s1", "s2"]


def mock_client(handler):
    return lambda: httpx.Client(transport=httpx.MockTransport(handler), timeout=sources.FETCH_TIMEOUT)


def test_url_html(monkeypatch):
    def handler(request):
        return httpx.Response(200, text=HTML, headers={"content-type": "text/html; charset=utf-8"})

    monkeypatch.setattr(sources, "_http_client", mock_client(handler))
    (a,) = arts(["https://news.example/2021/03/04/convoy"])
    assert a.html == HTML and a.url == "https://news.example/2021/03/04/convoy" and a.fetched_at


def test_url_feed(monkeypatch):
    def handler(request):
        return httpx.Response(200, text=RSS, headers={"content-type": "application/rss+xml"})

    monkeypatch.setattr(sources, "_http_client", mock_client(handler))
    got = arts(["https://news.example/feed.rss"])
    assert [a.url for a in got] == ["https://news.example/convoy", "https://news.example/second"]


def test_url_http_error_is_discarded(monkeypatch):
    monkeypatch.setattr(sources, "_http_client", mock_client(lambda r: httpx.Response(404)))
    (d,) = arts(["https://news.example/missing"])
    assert isinstance(d, Discarded) and d.reason == "fetch-failed" and "404" in d.detail


def test_url_network_error_is_discarded(monkeypatch):
    def handler(request):
        raise httpx.ConnectTimeout("timed out", request=request)

    monkeypatch.setattr(sources, "_http_client", mock_client(handler))
    (d,) = arts(["https://news.example/slow"])
    assert isinstance(d, Discarded) and d.reason == "fetch-failed"


def test_url_over_cap(monkeypatch):
    monkeypatch.setattr(sources, "MAX_INPUT_BYTES", 100)
    monkeypatch.setattr(sources, "_http_client", mock_client(lambda r: httpx.Response(200, text="x" * 500)))
    (d,) = arts(["https://news.example/big"])
    assert d.reason == "too-large"


def test_single_string_item(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(FR, encoding="utf-8")
    assert len(arts(str(p))) == 1


@pytest.mark.shared
def test_seeds_read(seeds_dir):
    got = arts([seeds_dir])
    assert len(got) == 5 and all(isinstance(a, Article) and a.text for a in got)


@pytest.mark.parametrize("bad", ["yesterday", "2021-13-01", "29/07/2021", "2021-02-30"])
def test_bad_published_argument_raises_at_once(bad, tmp_path):
    from wirewatch.errors import InputError

    with pytest.raises(InputError, match="YYYY"):
        sources.read_inputs([tmp_path], published=bad)


def test_given_published_accepts_partial_dates(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(FR, encoding="utf-8")
    assert arts([p], published="2021-07")[0].published == "2021-07"
