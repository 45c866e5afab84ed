"""wirewatch: news articles about armed conflict in, a sourced ACLED-style record of events out."""

from wirewatch.errors import WirewatchError
from wirewatch.extraction import extract, extract_many
from wirewatch.model import Article, Discarded, Document, Event, Extraction, Figure, PartialDate

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Discarded",
    "Document",
    "Event",
    "Extraction",
    "Figure",
    "PartialDate",
    "WirewatchError",
    "extract",
    "extract_many",
]
