"""Sentence bounds: the parser's cuts inside a word or after a word with no final mark are glued back."""

from __future__ import annotations

from wirewatch import nlp
from wirewatch.model import Document


def _sentences(text: str, lang: str = "fr") -> list[str]:
    return [s.text for s in nlp.parse(Document(id="s", source="t", lang=lang, text=text)).sentences]


def test_a_cut_after_a_word_with_no_final_mark_is_glued_back() -> None:
    # the French parser cuts this unknown name into four pieces ("Asbat | Ahl | al- | Kahf, ...")
    got = _sentences("Vidéo.\n\nAsbat Ahl al-Kahf, un groupe armé, a revendiqué l'attaque du convoi.")
    assert got == ["Vidéo.", "Asbat Ahl al-Kahf, un groupe armé, a revendiqué l'attaque du convoi."]


def test_line_breaks_and_final_marks_still_cut() -> None:
    got = _sentences("Titre sans point\nLes tirs ont repris. Deux soldats ont été blessés.")
    assert got == ["Titre sans point", "Les tirs ont repris.", "Deux soldats ont été blessés."]


def test_an_opening_bracket_left_by_the_sentencizer_does_not_glue_sentences() -> None:
    got = _sentences("Rockets hit the base on Monday. (The group denied any role.) Police said so.", lang="en")
    assert got[0].startswith("Rockets hit the base") and "denied" not in got[0]
