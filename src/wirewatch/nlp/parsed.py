"""The project's own view of a parsed document: frozen dataclasses, no spaCy objects.

Everything downstream of `wirewatch.nlp` (events, figures) reads these, so it can be tested with
hand-built `ParsedDoc`s and never loads a model. Every offset points into `Document.text`.
"""

from __future__ import annotations

from dataclasses import dataclass

from wirewatch.model import Span


@dataclass(frozen=True, slots=True)
class Token:
    """One token. `i` is its index in the document; `head` the index of its syntactic head."""

    i: int
    span: Span
    text: str
    lemma: str
    pos: str
    dep: str
    head: int
    morph: str = ""
    sent: int = 0  # index of the sentence holding the token

    def feature(self, name: str) -> str | None:
        """One morphological feature (`Tense`, `Voice`, `Number`...), or None."""
        for part in self.morph.split("|"):
            key, _, value = part.partition("=")
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity. `label` is ACTOR / PLACE (knowledge patterns) or the model's label;
    `kb_id` is the canonical name the pattern carried (actor name, place name), else ''."""

    span: Span
    text: str
    label: str
    kb_id: str = ""
    sent: int = 0


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its span and the half-open token index range `[first, last)`."""

    i: int
    span: Span
    text: str
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class ParsedDoc:
    """A document after NLP: tokens, sentences and entities, offsets into `text`."""

    doc_id: str
    lang: str
    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]

    def sentence_tokens(self, sent: Sentence) -> tuple[Token, ...]:
        """The tokens of one sentence."""
        return self.tokens[sent.first : sent.last]

    def sentence_entities(self, sent: Sentence) -> tuple[Entity, ...]:
        """The entities inside one sentence."""
        return tuple(e for e in self.entities if e.sent == sent.i)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding a character offset."""
        for s in self.sentences:
            if s.span.start <= offset < s.span.end:
                return s
        return None
