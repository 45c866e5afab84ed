"""documents: Article -> Document (clean text, language, published) or Discarded."""

from __future__ import annotations

import pytest

from wirewatch.cleaning import PATTERN_MAX_CHARS, boilerplate_kind
from wirewatch.documents import to_document
from wirewatch.model import Article, Discarded, Document, PartialDate
from wirewatch.sources import read_inputs

FR = (
    "Des hommes armés ont attaqué dimanche soir un poste de gendarmerie dans la région de Tillabéri, "
    "tuant trois gendarmes, a annoncé le ministère de la Défense dans un communiqué."
)
EN = (
    "Gunmen attacked a police post in the Tillaberi region on Sunday evening, killing three officers, "
    "the defence ministry said in a statement."
)


def art(**kw) -> Article:
    return Article(id="d1", source="test", **kw)


def test_text_document_cleaned_with_raw_kept():
    raw = "Previous slide\n" + FR + "\n\nPartager cet article"
    d = to_document(art(text=raw))
    assert isinstance(d, Document)
    assert d.text == FR and d.raw_text == raw and d.lang == "fr"
    assert (d.id, d.source) == ("d1", "test")


def test_raw_text_is_none_when_nothing_removed():
    d = to_document(art(text=EN))
    assert d.text == EN and d.raw_text is None and d.lang == "en"


def test_given_language_is_trusted():
    d = to_document(art(text=EN, lang="fr"))
    assert d.lang == "fr"


def test_date_header_dropped_and_used():
    d = to_document(art(text=" date 2022-01 " + FR))
    assert d.text == FR and d.published == PartialDate(2022, 1) and d.published_basis == "text-line"


def test_given_published_wins_and_header_still_dropped():
    d = to_document(art(text="date 2022-01-03\n" + FR, published="2022-01-04"))
    assert d.text == FR and d.published == PartialDate(2022, 1, 4) and d.published_basis == "given"


def test_html_document():
    html = (
        '<html><head><title>Attaque à Tillabéri</title>'
        '<meta property="article:published_time" content="2021-03-22T08:00:00Z"></head>'
        f"<body><article><p>{FR}</p><p>{FR.replace('trois', 'quatre')}</p></article></body></html>"
    )
    d = to_document(art(html=html, url="https://news.example/afrique/attaque"))
    assert isinstance(d, Document)
    assert FR in d.text and d.lang == "fr"
    assert d.title == "Attaque à Tillabéri"
    assert d.published == PartialDate(2021, 3, 22) and d.published_basis == "html-meta"


def test_url_date_when_nothing_else():
    d = to_document(art(text=EN, url="https://news.example/2021/03/22/attack"))
    assert d.published == PartialDate(2021, 3, 22) and d.published_basis == "url"


def test_never_raises_on_odd_article():
    d = to_document(art(text=None, html=None))
    assert isinstance(d, Discarded)


# --- the five seeds (read at run time from ../shared) --------------------------------------------


@pytest.fixture(scope="module")
def seed_docs(seeds_dir):
    out = []
    for a in read_inputs([seeds_dir]):
        assert isinstance(a, Article), a
        raw = (seeds_dir / a.source.rsplit("/", 1)[-1]).read_text(encoding="utf-8")
        out.append((raw, to_document(a)))
    return out


@pytest.mark.shared
def test_seeds_give_five_french_documents(seed_docs):
    assert len(seed_docs) == 5
    assert all(isinstance(d, Document) and d.lang == "fr" for _, d in seed_docs)


@pytest.mark.shared
def test_seed_boilerplate_kinds_gone(seed_docs):
    for _, d in seed_docs:
        lines = [line for line in d.text.split("\n") if line.strip()]
        assert all(boilerplate_kind(line, "fr") is None for line in lines)
        stripped = [line.strip() for line in lines]
        assert len(stripped) == len(set(stripped)), "repeated captions remain"
        for line in lines:
            assert not line.lstrip().startswith("#"), line


@pytest.mark.shared
def test_seed_article_lines_kept_verbatim(seed_docs):
    for raw, d in seed_docs:
        raw_lines = raw.split("\n")
        body = d.text.split("\n")
        # every kept line is a raw line (the first may have lost a 'date YYYY-MM' header prefix)
        assert all(line in raw_lines or raw_lines[0].endswith(line) for line in body)
        for line in raw_lines:
            # paragraphs longer than any boilerplate pattern applies to always survive; shorter long
            # lines survive unless they are a caption with a credit or a call for money
            if len(line) >= PATTERN_MAX_CHARS or (len(line) > 200 and boilerplate_kind(line, "fr") not in {"credit", "donation"}):
                assert line in d.text or line.endswith(body[0]), line[:80]


@pytest.mark.shared
def test_seed_002_published_from_header(seed_docs):
    by_name = {d.source.rsplit("/", 1)[-1][:3]: d for _, d in seed_docs}
    d = by_name["002"]
    assert d.published == PartialDate(2022, 1) and d.published_basis == "text-line"
    assert not d.text.lstrip().startswith("date")
    assert all(doc.published is None for name, doc in by_name.items() if name != "002")


# --- the demo corpus we ship ------------------------------------------------------------------------


def test_demo_corpus_ingests_cleanly():
    from wirewatch.languages import DATA_DIR

    docs = [to_document(a) for a in read_inputs([DATA_DIR / "demo"])]
    assert all(isinstance(d, Document) for d in docs), [d for d in docs if not isinstance(d, Document)]
    assert len(docs) == 13  # 10 JSONL lines, two .txt, one .html; the README is not an input
    langs = [d.lang for d in docs]
    assert langs.count("fr") >= 7 and langs.count("en") >= 4
    undated = [d for d in docs if d.published is None]
    assert [d.source.rsplit("/", 1)[-1] for d in undated] == ["demo-fr-08-sans-date.txt"]
    assert all(d.published.precision == "day" for d in docs if d not in undated)
    jsonl = [d for d in docs if d.source.endswith(tuple(f".jsonl:{i}" for i in range(1, 20)))]
    assert len(jsonl) == 10 and all(150 <= len(d.text.split()) <= 300 for d in jsonl)
    dump = next(d for d in docs if d.source.endswith("burkina-faso.txt"))
    assert dump.raw_text is not None and dump.published_basis == "text-line"
    assert all(boilerplate_kind(line, dump.lang) is None for line in dump.text.split("\n"))
    page = next(d for d in docs if d.source.endswith(".html"))
    assert page.published_basis == "html-meta" and page.title


@pytest.mark.parametrize("given", ["fr", "FR", "fr-FR", "fr_CA", " fr "])
def test_given_language_tags_are_normalised(given):
    d = to_document(art(text=FR, lang=given))
    assert isinstance(d, Document) and d.lang == "fr"


def test_feed_entry_becomes_a_document(tmp_path):
    rss = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>x</title>
    <item><title>Attack</title><link>https://news.example/attack</link>
    <pubDate>Mon, 22 Mar 2021 08:00:00 GMT</pubDate><description>&lt;p&gt;{EN}&lt;/p&gt;</description></item>
    </channel></rss>"""
    p = tmp_path / "feed.rss"
    p.write_text(rss, encoding="utf-8")
    (a,) = list(read_inputs([p]))
    d = to_document(a)
    assert isinstance(d, Document) and d.text == EN and d.lang == "en"
    assert d.published == PartialDate(2021, 3, 22) and d.published_basis == "feed"
    assert d.title == "Attack" and d.url == "https://news.example/attack"
