"""Every class of bad input becomes a Discarded with its reason; the batch goes on."""

from __future__ import annotations

import io
import json
import sys

import pytest

from wirewatch import sources
from wirewatch.documents import to_document
from wirewatch.model import Article, Discarded, Document

GOOD = "Des hommes armés ont tué deux gendarmes lors d'une embuscade mardi dans la région de Tillabéri."


def run(tmp_path, name: str, data: bytes, **kw) -> list:
    """The items read from a bad file followed by a good one (which must still be read)."""
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "zz_good.txt"
    good.write_text(GOOD, encoding="utf-8")
    got = list(sources.read_inputs([bad, good], **kw))
    assert isinstance(got[-1], Article) and got[-1].text == GOOD, "the batch must go on"
    return got[:-1]


def only_discard(items) -> Discarded:
    assert len(items) == 1 and isinstance(items[0], Discarded), items
    return items[0]


def test_empty_file(tmp_path):
    d = only_discard(run(tmp_path, "empty.txt", b""))
    assert d.reason == "empty" and "empty" in d.detail


def test_whitespace_only_file(tmp_path):
    assert only_discard(run(tmp_path, "blank.txt", b" \n\t\n")).reason == "empty"


def test_binary_file(tmp_path):
    d = only_discard(run(tmp_path, "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))))
    assert d.reason == "binary"


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_INPUT_BYTES", len(GOOD.encode()) + 1)
    d = only_discard(run(tmp_path, "big.txt", b"a" * (len(GOOD.encode()) + 2)))
    assert d.reason == "too-large" and str(len(GOOD.encode()) + 1) in d.detail


def test_invalid_utf8_non_western_is_discarded(tmp_path):
    # KOI8-R Cyrillic: not UTF-8, and cp1252 would turn it into garbage
    data = "Вооружённые люди напали на деревню".encode("koi8_r")
    d = only_discard(run(tmp_path, "ru.txt", data))
    assert d.reason == "encoding" and "UTF-8" in d.detail and "iconv" in d.detail


def test_latin1_french_is_read_with_cp1252_fallback(tmp_path):
    (a,) = run(tmp_path, "legacy.txt", GOOD.encode("cp1252"))
    assert isinstance(a, Article) and a.text == GOOD


def test_utf8_bom_and_crlf(tmp_path):
    (a,) = run(tmp_path, "bom.txt", b"\xef\xbb\xbf" + (GOOD + "\r\n" + GOOD).encode())
    assert a.text == GOOD + "\n" + GOOD


def test_malformed_jsonl_lines_name_file_and_line(tmp_path):
    lines = [
        json.dumps({"id": "ok1", "text": GOOD}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "nobody"}),
        json.dumps({"id": "num", "text": 42}),
        json.dumps({"id": "ok2", "text": GOOD}),
    ]
    got = run(tmp_path, "batch.jsonl", "\n".join(lines).encode())
    assert [type(x).__name__ for x in got] == ["Article", "Discarded", "Discarded", "Discarded", "Discarded", "Article"]
    assert got[1].reason == "malformed" and got[1].source.endswith("batch.jsonl:2") and ":2" in got[1].detail
    assert got[2].reason == "malformed" and ":3" in got[2].detail
    assert got[3].reason == "empty" and got[3].id == "nobody"
    assert got[4].reason == "malformed" and got[4].id == "num"


def test_unreadable_path(tmp_path):
    got = list(sources.read_inputs([tmp_path / "missing.txt", "-nonexistent-dir/x.html"]))
    assert [d.reason for d in got] == ["unreadable", "unreadable"]
    assert all(isinstance(d, Discarded) and d.detail for d in got)


def test_feed_without_entries(tmp_path):
    d = only_discard(run(tmp_path, "feed.xml", b"<?xml version='1.0'?><rss><channel><title>x</title></channel></rss>"))
    assert d.reason == "malformed" and "feed" in d.detail


def test_stdin_binary(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x01\x02abc")))
    (d,) = list(sources.read_inputs(["-"]))
    assert d.reason == "binary" and d.source == "<stdin>"


# --- bad input at the document stage ---------------------------------------------------------------


def art(**kw) -> Article:
    return Article(id="x", source="test", **kw)


def test_html_without_article_text():
    d = to_document(art(html="<html><head><title>Vidéo</title></head><body><nav>Menu</nav></body></html>"))
    assert isinstance(d, Discarded) and d.reason == "no-text"


def test_only_boilerplate_text():
    d = to_document(art(text="Previous slide\nNext slide\nPartager cet article\n#Sahel"))
    assert isinstance(d, Discarded) and d.reason == "no-text"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bewaffnete Männer haben am Dienstag in einem Dorf nahe der Grenze drei Lehrer entführt, teilten die Behörden mit.", "German"),
        ("Hombres armados secuestraron el martes a tres maestros en un pueblo cerca de la frontera, informaron las autoridades.", "Spanish"),
        ("Uomini armati hanno rapito martedì tre insegnanti in un villaggio vicino al confine, hanno riferito le autorità.", "Italian"),
        ("اختطف مسلحون ثلاثة معلمين يوم الثلاثاء في قرية قريبة من الحدود حسبما أفادت السلطات المحلية", "Arabic"),
    ],
)
def test_unsupported_language_is_named(text, name):
    d = to_document(art(text=text))
    assert isinstance(d, Discarded) and d.reason == "unsupported-language" and name in d.detail


def test_given_unsupported_language():
    d = to_document(art(text=GOOD, lang="de"))
    assert isinstance(d, Discarded) and d.reason == "unsupported-language" and "German" in d.detail


def test_language_unknown_without_hint():
    d = to_document(art(text="Kabul, Kandahar, Herat, Mazar, Jalalabad, Kunduz, Ghazni."))
    assert isinstance(d, Discarded) and d.reason == "language-unknown" and "--lang" in d.detail


def test_short_text_with_given_language_is_kept():
    d = to_document(art(text="Kabul, Kandahar, Herat, Mazar, Jalalabad, Kunduz, Ghazni.", lang="fr"))
    assert isinstance(d, Document) and d.lang == "fr"


def test_html_with_declared_legacy_charset(tmp_path):
    arabic = "اختطف مسلحون ثلاثة معلمين يوم الثلاثاء"
    page = f'<html><head><meta charset="windows-1256"></head><body><p>{arabic}</p></body></html>'
    (a,) = run(tmp_path, "ar.html", page.encode("cp1256"))
    assert isinstance(a, Article) and arabic in a.html
    d = to_document(a)
    # read correctly, then refused for its language (named), not for its bytes
    assert isinstance(d, Discarded) and d.reason == "unsupported-language" and "Arabic" in d.detail


def test_jsonl_cap_is_per_line(tmp_path, monkeypatch):
    ok = json.dumps({"id": "ok", "text": GOOD}).encode()
    monkeypatch.setattr(sources, "MAX_INPUT_BYTES", len(ok) + 10)
    big = json.dumps({"id": "big", "text": "x" * (len(ok) * 3)}).encode()
    bad_bytes = b'{"id": "ru", "text": "' + "Вооружённые люди напали".encode("koi8_r") + b'"}'
    got = run(tmp_path, "batch.jsonl", b"\n".join([ok, big, bad_bytes, ok]))
    assert [getattr(x, "reason", "article") for x in got] == ["article", "too-large", "encoding", "article"]
    assert got[1].source.endswith("batch.jsonl:2") and got[2].source.endswith("batch.jsonl:3")


def test_empty_jsonl(tmp_path):
    assert only_discard(run(tmp_path, "none.jsonl", b"\n\n")).reason == "empty"


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from([b"{", b'{"text": 1}\n[]', b"<rss><channel><item>", b"<html><body>", b"\xff\xfe\x00x"]),
    ),
    suffix=st.sampled_from([".txt", ".html", ".jsonl", ".rss", ".xml", ""]),
)
def test_arbitrary_bytes_never_raise(tmp_path, data, suffix):
    p = tmp_path / f"fuzz{suffix}"
    p.write_bytes(data)
    for item in sources.read_inputs([p]):
        assert isinstance(item, (Article, Discarded))
        if isinstance(item, Article):
            assert isinstance(to_document(item), (Document, Discarded))
        else:
            assert item.reason and item.detail
