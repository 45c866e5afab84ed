"""spaCy EntityRuler patterns from names, without importing spaCy.

Both knowledge bases return, by default, *phrase patterns* (`{"label", "pattern": "kataeb hezbollah",
"id"}`) for an EntityRuler built with `phrase_matcher_attr="LOWER"`: the pipeline's tokenizer cuts
them exactly as it cuts the text, and case does not matter. The common spelling variants of each
name (accents dropped, hyphen or space, without a leading `al-`) are listed. Acronyms are token
patterns on ORTH so that `IS` never matches "is". Pass `tokenizer=` to get token patterns on LOWER
instead (e.g. for a Matcher); `split_tokens` imitates spaCy's fr/en cuts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from wirewatch.knowledge.normalise import ARTICLES, strip_accents

Tokenizer = Callable[[str], list[str]]

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]+['’]|\d+(?:[-.,]\d+)*|[^\W_]+(?:-\d+)?|[^\s\w]", re.UNICODE)
_ONE_WORD = re.compile(r"^[^\W\d_]+$")
_INNER_ARTICLE = re.compile(r"(?<=\w) (?:al|el)-(?=\w)", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(al|el)([- ])(?=\w)", re.IGNORECASE)


_TOKEN_JOINED = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]+['’]|[^\W_]+(?:-[^\W_]+)+|[^\W_]+|[^\s\w]")


def joined_tokens(text: str) -> list[str]:
    """Tokens with hyphenated words kept whole (`Etats-Unis`), as spaCy's French exceptions do."""
    return _TOKEN_JOINED.findall(text)


def split_tokens(text: str) -> list[str]:
    """Tokens as spaCy's fr/en tokenizers usually cut a name: `al-Anbar` -> `al`, `-`, `Anbar`."""
    return _TOKEN.findall(text)


def surface_variants(name: str) -> set[str]:
    """Spellings of one written name that a text may use: accents dropped, hyphen -> space, `al-`/`el-`
    dropped (leading, or inside a person's name: Moustafa Kazimi), straight or curly apostrophe. (`el-` for `al-` is not added: it doubles the
    patterns for a form GeoNames already lists where it is common.)"""
    out = {name, strip_accents(name)}
    out |= {v.replace("-", " ") for v in out if "-" in v}
    # "Moustafa al-Kazimi" is also written "Moustafa Kazimi"
    out |= {_INNER_ARTICLE.sub(" ", v) for v in out if _INNER_ARTICLE.search(v)}
    # "al-Anbar" is also written "Anbar"
    out |= {v[m.end() :] for v in out if (m := _LEADING_ARTICLE.match(v)) and len(v) - m.end() > 3}
    out |= {v.replace("'", "’") for v in out if "'" in v} | {v.replace("’", "'") for v in out if "’" in v}
    return out


def token_patterns(
    label: str, ident: str, names: Iterable[str], tokenizer: Tokenizer | None = None,
    proper: bool = False,
) -> list[dict]:
    """EntityRuler patterns for the names of one entity.

    Without a tokenizer: *phrase* patterns (`"pattern": "hachd al-chaabi"`), to be used with
    `phrase_matcher_attr="LOWER"`: the pipeline's own tokenizer cuts them, so token boundaries always
    agree, and LOWER makes case irrelevant. With a tokenizer: token patterns `[{"LOWER": ...}, ...]`.
    Acronyms are always token patterns on ORTH (case-sensitive: IS, US, EI must not match is, us, ei).
    With `proper`, a one-word name is a token pattern that refuses an all-lowercase word: place names
    are capitalised, and "dire", "hit", "bara" in running text are words, not Diré, Hit or Bara.
    """
    seen: set[tuple[str, ...]] = set()
    out = []
    for name in names:
        if is_acronym(name):
            tokens = tuple(t for t in (tokenizer or joined_tokens)(name) if t.strip())
            if tokens and ("ORTH",) + tokens not in seen:
                seen.add(("ORTH",) + tokens)
                out.append({"label": label, "pattern": [{"ORTH": t} for t in tokens], "id": ident})
            continue
        for variant in surface_variants(name):
            if proper and _ONE_WORD.match(variant):
                key = ("PROPER", variant.lower())
                if key not in seen:
                    seen.add(key)
                    out.append({"label": label, "pattern": [{"LOWER": variant.lower(), "IS_LOWER": False}],
                                "id": ident})
                continue
            if tokenizer is None:
                text = " ".join(variant.lower().split())
                if (text,) in seen or _only_articles(tuple(split_tokens(text))):
                    continue
                seen.add((text,))
                out.append({"label": label, "pattern": text, "id": ident})
                continue
            tokens = tuple(t.lower() for t in tokenizer(variant) if t.strip())
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
