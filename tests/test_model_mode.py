"""English "model" mode (a user-installed spaCy pipeline with its own `ner`), exercised without
Explosion's en_core_web_sm, which is not on PyPI: a stand-in pipeline saved to disk plays the
third-party model (sentencizer + an `ner` component), so the code path that loads a model, puts the
knowledge EntityRuler before its `ner`, reports the mode and extracts without a dependency parse is
tested on every machine. The real model, when installed, is tested in tests/test_english.py.
"""

from __future__ import annotations

import pytest

from wirewatch import languages
from wirewatch.model import Article

pytestmark = pytest.mark.slow


@pytest.fixture
def stand_in_model(tmp_path, monkeypatch):
    """An English pipeline on disk with an `ner` that labels one made-up town as GPE."""
    import spacy

    from wirewatch.nlp import pipeline

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ner = nlp.add_pipe("entity_ruler", name="ner")
    ner.add_patterns([{"label": "GPE", "pattern": "Zorvania"}])
    path = tmp_path / "en_stand_in"
    nlp.to_disk(path)

    real = languages.settings

    def settings(lang):
        cfg = dict(real(lang))
        if lang == "en":
            cfg["model"] = str(path)
        return cfg

    monkeypatch.setattr(languages, "settings", settings)
    pipeline.load.cache_clear()
    yield path
    pipeline.load.cache_clear()


def _extract(text: str):
    from wirewatch.documents import to_document
    from wirewatch.extraction import extract

    doc = to_document(Article(id="m", source="test", text=text, published="2022-11-16", lang="en"))
    assert not hasattr(doc, "reason"), f"document discarded: {doc}"
    return extract(doc)


def test_model_mode_is_reported_and_the_knowledge_ruler_runs_before_the_models_ner(stand_in_model):
    from wirewatch.nlp import describe

    info = describe("en")
    assert info["mode"] == "model"
    assert info["model"] == str(stand_in_model)
    pipes = info["pipes"]
    assert pipes.index("entity_ruler") < pipes.index("ner")


def test_model_mode_extracts_with_knowledge_entities_and_no_parser(stand_in_model):
    events = _extract("Unknown gunmen attacked a police checkpoint near Kirkuk on Sunday, "
                      "killing two officers.").events
    assert events, "no event in model mode"
    ev = events[0]
    assert ev.type == "Violence against civilians" or ev.type == "Battles"
    assert ev.actor1 and ev.actor1.startswith("Unidentified Armed Group")
    assert ev.fatalities == 2
    assert ev.country == "IQ" and ev.date and ev.date.iso() == "2022-11-13"


def test_a_missing_model_falls_back_to_blank_mode(tmp_path, monkeypatch):
    from wirewatch.nlp import describe, pipeline

    real = languages.settings

    def settings(lang):
        cfg = dict(real(lang))
        if lang == "en":
            cfg["model"] = str(tmp_path / "not_installed")
        return cfg

    monkeypatch.setattr(languages, "settings", settings)
    pipeline.load.cache_clear()
    try:
        assert describe("en")["mode"] == "blank"
    finally:
        pipeline.load.cache_clear()
