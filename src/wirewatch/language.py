"""The language of a text (lingua), so unsupported languages are named rather than misread.

    detect_language(text) -> ISO 639-1 code | None

The detector knows the supported languages (`languages.supported()`) plus the other languages most
often met in conflict reporting (`NAMED_LANGUAGES`), so a German or Arabic article is discarded as
`unsupported-language: de` instead of being parsed as bad French. It is built once, lazily.
Too short or ambiguous text gives None: the caller falls back to a language given by the user, else
discards the input as `language-unknown` (see `documents.to_document`).
"""

from __future__ import annotations

from functools import cache

from wirewatch import languages

#: Languages the detector can name besides the supported ones: the main languages of news about the
#: regions wirewatch covers (Middle East, Sahel, Horn of Africa, Europe). Every extra language costs
#: memory and makes close calls harder, so the list stays short.
NAMED_LANGUAGES = (
    "ar", "de", "es", "fa", "he", "id", "it", "nl", "pl", "pt", "ro", "ru", "so", "sw", "tr", "uk", "ur", "zh",
)  # fmt: skip
#: Fewer letters than this are not enough evidence (lingua is unreliable below a short sentence).
MIN_LETTERS = 20
#: Only the start of a long text is read: 3000 characters are a few paragraphs, plenty for lingua,
#: and keep detection cheap on long pages.
SAMPLE_CHARS = 3000
#: The top language must have at least this confidence (lingua's relative confidence, 0..1). Clean
#: news paragraphs score above 0.9; mixed or list-like text falls below 0.5.
MIN_CONFIDENCE = 0.5


@cache
def _detector():
    """The lingua detector for supported + named languages (built on first use: loading is slow)."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = sorted(set(languages.supported()) | set(NAMED_LANGUAGES))
    iso = [getattr(IsoCode639_1, c.upper()) for c in codes if hasattr(IsoCode639_1, c.upper())]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*iso).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the main language of `text`, or None when too short or ambiguous.

    May return a language that wirewatch does not process (e.g. `de`); compare with
    `languages.supported()`.
    """
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return None
    best = values[0]
    if best.value < MIN_CONFIDENCE:
        return None
    return best.language.iso_code_639_1.name.lower()


def language_name(code: str) -> str:
    """The English name of an ISO 639-1 code ('de' -> 'German'), or the code when unknown."""
    from lingua import IsoCode639_1, Language

    try:
        return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())).name.title()
    except (AttributeError, ValueError):
        return code
