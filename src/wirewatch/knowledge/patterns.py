"""spaCy EntityRuler patterns from names, without importing spaCy.

Both knowledge bases return *token patterns* (`{"label", "pattern": [{"LOWER": ...}, ...], "id"}`)
so that case does not matter and the common spelling variants of a name (accents, hyphen or space,
`al-`/`el-`) match. Token boundaries must be those of the pipeline's tokenizer: pass
`tokenizer=lambda s: [t.text for t in nlp.tokenizer(s)]` to get them exactly; the default
`split_tokens` imitates spaCy's French and English rules (hyphens between letters and French
elisions `l'`/`d'` are tokens of their own).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from wirewatch.knowledge.normalise import ARTICLES, strip_accents

Tokenizer = Callable[[str], list[str]]

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]+['’]|\d+(?:[-.,]\d+)*|[^\W_]+(?:-\d+)?|[^\s\w]", re.UNICODE)
_LEADING_ARTICLE = re.compile(r"^(al|el)([- ])(?=\w)", re.IGNORECASE)


def split_tokens(text: str) -> list[str]:
    """Tokens as spaCy's fr/en tokenizers usually cut a name: `al-Anbar` -> `al`, `-`, `Anbar`."""
    return _TOKEN.findall(text)


def surface_variants(name: str) -> set[str]:
    """Spellings of one written name that a text may use: accents dropped, hyphen -> space, a leading
    `al-`/`el-` dropped, straight or curly apostrophe. (`el-` for `al-` is not added: it doubles the
    patterns for a form GeoNames already lists where it is common.)"""
    out = {name, strip_accents(name)}
    for v in list(out):
        if "-" in v:
            out.add(v.replace("-", " "))
    for v in list(out):
        m = _LEADING_ARTICLE.match(v)
        if m and len(v) - m.end() > 3:
            out.add(v[m.end() :])  # "al-Anbar" is also written "Anbar"
    for v in list(out):
        if "'" in v:
            out.add(v.replace("'", "’"))
        if "’" in v:
            out.add(v.replace("’", "'"))
    return out


def token_patterns(
    label: str, ident: str, names: Iterable[str], tokenizer: Tokenizer | None = None
) -> list[dict]:
    """One EntityRuler token pattern (LOWER attribute) per distinct tokenisation of the names."""
    tok = tokenizer or split_tokens
    seen: set[tuple[str, ...]] = set()
    out = []
    for name in names:
        if is_acronym(name):
            # Acronyms match case-sensitively: IS, US, EI, KH must not fire on "is", "us", "ei".
            tokens = tuple(t for t in tok(name) if t.strip())
            if tokens and ("ORTH",) + tokens not in seen:
                seen.add(("ORTH",) + tokens)
                out.append({"label": label, "pattern": [{"ORTH": t} for t in tokens], "id": ident})
            continue
        for variant in surface_variants(name):
            tokens = tuple(t.lower() for t in tok(variant) if t.strip())
            if not tokens or tokens in seen or _only_articles(tokens):
                continue
            seen.add(tokens)
            out.append({"label": label, "pattern": [{"LOWER": t} for t in tokens], "id": ident})
    return out


def is_acronym(name: str) -> bool:
    """Upper-case short names (ISIS, KH, U.S.): matched with their case."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and name.upper() == name and len(letters) <= 6


def _only_articles(tokens: tuple[str, ...]) -> bool:
    return all(t in ARTICLES or not t.isalnum() for t in tokens)
