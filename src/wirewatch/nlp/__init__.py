"""The NLP layer: the only code in wirewatch that imports spaCy.

`load(lang)` builds (once per process) the spaCy pipeline named in `languages.settings(lang)`
plus an EntityRuler fed by the knowledge base; `parse(document)` / `parse_many(documents)`
turn spaCy output into the project's own frozen `ParsedDoc`.
"""

from wirewatch.nlp.parsed import Entity, ParsedDoc, Sentence, Token
from wirewatch.nlp.pipeline import describe, load, parse, parse_many, parse_text

__all__ = ["Entity", "ParsedDoc", "Sentence", "Token", "describe", "load", "parse", "parse_many", "parse_text"]
