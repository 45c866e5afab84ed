"""Loading the spaCy pipeline once per process and converting its output to `ParsedDoc`.

The model comes from `data/lang/<code>/language.toml` (never hard-coded). An EntityRuler fed
by the actor knowledge base and the gazetteer runs before `ner` (overwriting it): spaCy's French
NER does not know armed groups, the knowledge base is what makes actors work.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from functools import cache

from wirewatch import languages
from wirewatch.errors import ResourceError
from wirewatch.model import Document, Span
from wirewatch.nlp.parsed import Entity, ParsedDoc, Sentence, Token

#: Documents per `nlp.pipe` batch: spaCy's own default order of magnitude; larger batches did not
#: pay off on 2 cores with articles of a few thousand characters.
DEFAULT_BATCH_SIZE = 16

#: Same-length character replacements applied before parsing when `cleaning.normalise` is not
#: available: typographic apostrophes/quotes and odd spaces confuse the French tokenizer.
_SAME_LENGTH = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})

_MODES: dict[str, dict] = {}


def _knowledge_patterns() -> tuple[list[dict], dict]:
    """EntityRuler patterns from the actor KB and the gazetteer (empty when not installed)."""
    patterns: list[dict] = []
    info = {"actor_patterns": 0, "place_patterns": 0}
    try:
        from wirewatch.knowledge.actors import ActorKB

        actor = list(ActorKB.default().patterns())
        patterns += actor
        info["actor_patterns"] = len(actor)
    except Exception as exc:  # noqa: BLE001 - knowledge missing or broken: run without its patterns
        info["actor_error"] = str(exc)
    try:
        from wirewatch.knowledge.gazetteer import Gazetteer

        place = list(Gazetteer.default().patterns())
        patterns += place
        info["place_patterns"] = len(place)
    except Exception as exc:  # noqa: BLE001
        info["place_error"] = str(exc)
    return patterns, info


@cache
def load(lang: str):
    """The spaCy pipeline for `lang`, built once per process (model + knowledge EntityRuler).

    Everything alive once it is built is frozen out of the cyclic garbage collector (`gc.freeze`):
    those objects are permanent, and walking them made each full collection cost 0.4 s."""
    import spacy

    try:
        settings = languages.settings(lang)
    except FileNotFoundError as exc:
        raise ResourceError(f"language {lang!r} has no data/lang/{lang}/language.toml: it is not supported") from exc
    model = settings.get("model")
    mode = "model"
    try:
        nlp = spacy.load(model, exclude=["senter"]) if model else None
    except OSError:
        nlp = None
    if nlp is None:
        if settings.get("fallback") != "blank":
            raise ResourceError(
                f"spaCy model {model} is not installed: run `pip install {model.replace('_', '-')}` "
                f"(or `python -m spacy download {model}`)"
            )
        nlp = spacy.blank(lang)
        nlp.add_pipe("sentencizer")
        mode = "blank"
    patterns, info = _knowledge_patterns()
    ruler_config = {"overwrite_ents": True, "phrase_matcher_attr": "LOWER"}
    if "ner" in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config=ruler_config)
    else:
        ruler = nlp.add_pipe("entity_ruler", config=ruler_config)
    if patterns:
        # Phrase patterns match on LOWER, which needs only the tokenizer: without this, adding them ran
        # the whole model over every pattern (about 15 s of start-up CPU for 17,000 patterns, 1 s now).
        with nlp.select_pipes(enable=["entity_ruler"]):
            ruler.add_patterns(patterns)
    # The model and the knowledge patterns live as long as the process. Out of the cyclic collector's
    # reach, a full collection no longer walks them: measured 0.38 s per full collection otherwise,
    # several per hundred articles, falling at random in a batch.
    gc.collect()
    gc.freeze()
    _MODES[lang] = {"lang": lang, "model": model if mode == "model" else None, "mode": mode,
                    "pipes": list(nlp.pipe_names), **info}
    return nlp


def describe(lang: str) -> dict:
    """Which model and mode (`model` or `blank`) is active for `lang`, and the pattern counts."""
    load(lang)
    return dict(_MODES[lang])


def _normalise(text: str) -> tuple[str, object | None]:
    """Text for the parser and an offset map back to `text` (None when lengths are unchanged)."""
    try:
        from wirewatch.cleaning import normalise
    except ImportError:
        return text.translate(_SAME_LENGTH), None
    norm, offsets = normalise(text)
    if len(norm) == len(text):
        return norm, None
    return norm, offsets


#: Characters that join two parts of one word: a sentence never starts right after them ("Al-|Sumaria").
WORD_JOINERS = "-\u2010\u2011'\u2019"
#: Characters a sentence may end with; the parser's cut after any other character, with no line
#: break, is glued back (closing quotes and brackets follow a final mark or end a quoted title).
SENTENCE_FINAL = ".!?…:;»\"”)]'’"
#: An opening bracket or quote the sentencizer leaves at the end of a sentence belongs to the next
#: one ("... Iran. (The group ..."): no reason to glue the two.
OPENERS = "([«“"


def _sentence_bounds(doc) -> list[tuple[int, int]]:
    """Token ranges of sentences: the parser's, further cut at line breaks (a headline or a
    dateline is never glued to the body; presetting boundaries before the parser made it split
    sentences at random, so the cut is done afterwards)."""
    bounds: list[tuple[int, int]] = []
    for s in doc.sents:
        start = s.start
        for t in s:
            if "\n" in t.text or "\n" in t.whitespace_:
                if t.i + 1 > start and not t.text.isspace():
                    bounds.append((start, t.i + 1))
                elif t.i > start:
                    bounds.append((start, t.i))
                start = t.i + 1
        if start < s.end:
            bounds.append((start, s.end))
    # a sentence never starts inside a word: the French parser cuts "l'état-major" after "état"
    # (no space before "-major") and "Al-Sumaria" after "Al-"; glue such a piece back to the
    # sentence before it
    # nor after a word with no sentence-final mark on the same line: the parser cuts "Saraya |
    # Awlia al-Dam, un groupe | , a revendiqué" inside a name it does not know
    glued: list[tuple[int, int]] = []
    for a, b in bounds:
        prev = doc[a - 1] if a > 0 else None
        inside_word = prev is not None and not prev.whitespace_ and (
            prev.text[-1:].isalnum() or prev.text[-1:] in WORD_JOINERS)
        unfinished = prev is not None and "\n" not in prev.whitespace_ and "\n" not in prev.text \
            and not prev.is_space and prev.text[-1:] not in SENTENCE_FINAL + OPENERS
        if glued and glued[-1][1] == a and (inside_word or unfinished):
            glued[-1] = (glued[-1][0], b)
        else:
            glued.append((a, b))
    return [(a, b) for a, b in glued if any(not doc[i].is_space for i in range(a, b))]


def _to_parsed(doc, original: str, offsets, doc_id: str, lang: str) -> ParsedDoc:
    """Convert a spaCy Doc to a `ParsedDoc` whose spans point into `original`."""

    def orig(i: int) -> int:
        return i if offsets is None else offsets.to_original(i)

    def span(a: int, b: int) -> Span:
        start, end = orig(a), orig(b)
        return Span(start, max(start, end))

    sent_of: dict[int, int] = {}
    sentences: list[Sentence] = []
    text = doc.text  # spaCy rebuilds Doc.text from every token on each access: read it once
    for si, (first, last) in enumerate(_sentence_bounds(doc)):
        for i in range(first, last):
            sent_of[i] = si
        # trim surrounding whitespace so the evidence is the sentence itself
        a, b = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        sp = span(a, b)
        sentences.append(Sentence(si, sp, sp.of(original), first, last))
    tokens = []
    for t in doc:
        # each spaCy attribute read builds a Python object: read each one once
        word, start = t.text, t.idx
        sp = span(start, start + len(word))
        tokens.append(Token(
            i=t.i,
            span=sp,
            text=original[sp.start : sp.end],
            lemma=(t.lemma_ or word).lower(),
            pos=t.pos_,
            dep=t.dep_,
            head=t.head.i,
            morph=str(t.morph),
            sent=sent_of.get(t.i, 0),
        ))
    entities = tuple(
        Entity(span(e.start_char, e.end_char), original[orig(e.start_char) : orig(e.end_char)], e.label_,
               e.ent_id_ or "", sent_of.get(e.start, 0))
        for e in doc.ents
    )
    return ParsedDoc(doc_id, lang, original, tuple(tokens), tuple(sentences), entities)


def parse_text(text: str, lang: str, doc_id: str = "") -> ParsedDoc:
    """Parse a bare text (tests, figures of a single sentence)."""
    norm, offsets = _normalise(text)
    return _to_parsed(load(lang)(norm), text, offsets, doc_id, lang)


def parse(document: Document) -> ParsedDoc:
    """Parse one document; spans point into `document.text`."""
    return parse_text(document.text, document.lang, document.id)


def parse_many(documents: Iterable[Document], *, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[ParsedDoc]:
    """Parse documents in input order, batched through `nlp.pipe` per language."""
    docs = list(documents)
    prepared = [_normalise(d.text) for d in docs]
    out: list[ParsedDoc | None] = [None] * len(docs)
    for lang in sorted({d.lang for d in docs}):
        idx = [i for i, d in enumerate(docs) if d.lang == lang]
        nlp = load(lang)
        for i, sdoc in zip(idx, nlp.pipe((prepared[i][0] for i in idx), batch_size=batch_size)):
            out[i] = _to_parsed(sdoc, docs[i].text, prepared[i][1], docs[i].id, lang)
    yield from out  # type: ignore[misc]
