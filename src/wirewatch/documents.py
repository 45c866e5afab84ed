"""Article to Document: text out of HTML, boilerplate out, language, publication date.

    to_document(article) -> Document | Discarded      never raises for bad input

Steps, in order:
1. text: the article's text, or `cleaning.html_to_text` of its HTML (`no-text` when nothing is left);
2. a leading `date YYYY-MM[-DD]` metadata header is dropped from the stored text (it is scraping
   metadata, not article prose; the `text-line` step of the published cascade still reads it);
3. `cleaning.strip_boilerplate` with the given language's patterns (all languages' when none given);
4. language: a given `lang` is trusted (discarded when not supported); otherwise `detect_language`
   on the cleaned text: a supported language is used, another language is discarded naming it, and
   an undecidable one is discarded as `language-unknown` (the user can pass `--lang`);
5. `published.find_published` on the text before cleaning.

`Document.text` is made of verbatim lines of the input; `raw_text` keeps the input text when it
differs, so a reviewer can see what was removed.
"""

from __future__ import annotations

from wirewatch import errors, languages
from wirewatch.cleaning import html_title, html_to_text, strip_boilerplate
from wirewatch.language import detect_language, language_name
from wirewatch.model import Article, Discarded, Document
from wirewatch.published import find_published, split_date_header

#: Cleaned text with fewer letters than this has no article in it (a cookie wall, a video page).
MIN_TEXT_LETTERS = 20


def given_language(article: Article) -> str | None:
    """The language given with the article as an ISO 639-1 code ('fr-FR', 'FR' -> 'fr'), or None."""
    if not article.lang or not article.lang.strip():
        return None
    return article.lang.strip().replace("_", "-").split("-")[0].lower()


def _discard(article: Article, error: type[errors.InputError], detail: str) -> Discarded:
    return Discarded(article.id, article.source, error.reason, detail)


def _language(article: Article, cleaned: str) -> str | Discarded:
    supported = languages.supported()
    code = given_language(article)
    if code:
        if code in supported:
            return code
        return _discard(
            article,
            errors.UnsupportedLanguage,
            f"language '{code}' ({language_name(code)}) was given but is not supported "
            f"(supported: {', '.join(supported)}); add data/lang/{code}/ to read it",
        )
    code = detect_language(cleaned)
    if code is None:
        return _discard(
            article,
            errors.UnknownLanguage,
            "the language could not be told (text too short or mixed); pass it with --lang or a JSONL `lang`",
        )
    if code not in supported:
        return _discard(
            article,
            errors.UnsupportedLanguage,
            f"the text is in {language_name(code)} ('{code}'), not a supported language "
            f"({', '.join(supported)}); add data/lang/{code}/ to read it",
        )
    return code


def to_document(article: Article) -> Document | Discarded:
    """The cleaned `Document` of an article, or a `Discarded` saying why there is none."""
    try:
        return _to_document(article)
    except Exception as exc:  # a bug on one odd input must not end the batch  # noqa: BLE001
        return _discard(
            article,
            errors.MalformedInput,
            f"the input could not be cleaned ({type(exc).__name__}: {exc}); please report this input",
        )


def _to_document(article: Article) -> Document | Discarded:
    title = article.title
    if article.html is not None:
        raw = html_to_text(article.html)
        if not raw.strip():
            return _discard(article, errors.NoText, "no article text found in the HTML (empty page, paywall or video); nothing to extract")
        if title is None:
            title = html_title(article.html)
    else:
        raw = article.text or ""
    if not raw.strip():
        return _discard(article, errors.EmptyInput, "the article text is empty")

    _, body = split_date_header(raw)
    given_lang = given_language(article)
    cleaned = strip_boilerplate(body, given_lang if given_lang in languages.supported() else None)
    if sum(ch.isalpha() for ch in cleaned) < MIN_TEXT_LETTERS:
        return _discard(article, errors.NoText, "only boilerplate (menus, share buttons, credits) was found; nothing to extract")

    lang = _language(article, cleaned)
    if isinstance(lang, Discarded):
        return lang
    published, basis = find_published(article, raw)
    return Document(
        id=article.id,
        source=article.source,
        lang=lang,
        text=cleaned,
        published=published,
        published_basis=basis,
        title=title,
        url=article.url,
        raw_text=raw if raw != cleaned else None,
    )
