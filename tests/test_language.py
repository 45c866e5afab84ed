"""language: lingua detection restricted to supported + named languages."""

from __future__ import annotations

import pytest

from wirewatch import languages
from wirewatch.language import detect_language, language_name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Des hommes armés ont enlevé trois enseignants mardi dans un village proche de la frontière.", "fr"),
        ("Gunmen abducted three teachers on Tuesday in a village close to the border, officials said.", "en"),
        ("Bewaffnete Männer haben am Dienstag drei Lehrer in einem Dorf nahe der Grenze entführt.", "de"),
        ("Hombres armados secuestraron el martes a tres maestros en un pueblo cerca de la frontera.", "es"),
        ("Uomini armati hanno rapito martedì tre insegnanti in un villaggio vicino al confine.", "it"),
        ("اختطف مسلحون ثلاثة معلمين يوم الثلاثاء في قرية قريبة من الحدود", "ar"),
    ],
)
def test_detects_and_names(text, code):
    assert detect_language(text) == code


def test_supported_are_fr_and_en():
    assert {"fr", "en"} <= set(languages.supported())


@pytest.mark.parametrize("text", ["", "TV", "12 34 56 !!", "Bagdad Mossoul"])
def test_too_short_is_none(text):
    assert detect_language(text) is None


def test_language_name():
    assert language_name("de") == "German"
    assert language_name("zz") == "zz"
