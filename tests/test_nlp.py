"""wirewatch.nlp: the spaCy layer converts to frozen dataclasses with spans into the text."""

from __future__ import annotations

import pytest

from wirewatch import nlp
from wirewatch.model import Document


@pytest.fixture(scope="module")
def parsed():
    text = "Titre de l\u2019article\n\nDes obus sont tombés lundi sur Mossoul. Les habitants ont fui la ville."
    return nlp.parse(Document(id="t1", source="test", lang="fr", text=text))


def test_describe_names_the_model_of_the_language_file():
    info = nlp.describe("fr")
    assert info["mode"] == "model"
    assert info["model"] == "fr_core_news_md"
    assert "entity_ruler" in info["pipes"]


def test_every_span_points_into_the_document_text(parsed):
    for tok in parsed.tokens:
        assert tok.span.of(parsed.text) == tok.text
    for sent in parsed.sentences:
        assert sent.span.of(parsed.text) == sent.text
    for ent in parsed.entities:
        assert ent.span.of(parsed.text) == ent.text


def test_a_line_break_always_ends_a_sentence(parsed):
    assert parsed.sentences[0].text == "Titre de l\u2019article"
    assert parsed.sentences[1].text.startswith("Des obus")


def test_tokens_carry_lemma_and_dependency(parsed):
    obus = next(t for t in parsed.tokens if t.text == "obus")
    tombes = next(t for t in parsed.tokens if t.text == "tombés")
    assert tombes.lemma == "tomber"
    assert obus.head == tombes.i and obus.dep.startswith("nsubj")


def test_parse_many_keeps_input_order():
    docs = [Document(id=str(i), source="t", lang="fr", text=f"Phrase numéro {i}.") for i in range(5)]
    out = list(nlp.parse_many(docs, batch_size=2))
    assert [p.doc_id for p in out] == ["0", "1", "2", "3", "4"]
    assert all(p.sentences for p in out)


def test_blank_fallback_for_english_without_model_still_gives_sentences():
    p = nlp.parse_text("Rockets hit the base. Two soldiers were hurt.", "en")
    assert len(p.sentences) == 2
