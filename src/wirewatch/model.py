"""The project's own data model: frozen dataclasses that flow through the pipeline.

    source -> Article -> Document -> (nlp) -> mentions -> Event / Figure -> Extraction
                      \\-> Discarded(reason)

Only `wirewatch.nlp` sees spaCy objects; everything from mentions onward sees these classes, so
events, store, API and UI are testable without a model. Offsets (`Span`) always point into
`Document.text`, the cleaned text that is stored once and never rewritten.

Plain dicts appear only at the edges (`to_dict`), in the field names of EVENT_SCHEMA.md.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date as _date

#: ACLED event types and their sub-event types (ACLED codebook, 2023).
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

#: sub-event type -> event type
SUBTYPE_TO_TYPE: dict[str, str] = {sub: typ for typ, subs in EVENT_TYPES.items() for sub in subs}

DATE_BASES = ("explicit", "relative", "inferred")
#: How precisely a place is known, most precise first.
GEO_PRECISIONS = ("site", "town", "district", "admin1", "country", "region")


def content_id(*parts: str, length: int = 16) -> str:
    """A stable id from content: re-ingesting the same input yields the same id."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day: `2020`, `2020-01`, `2020-01-03`."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            _date(self.year, self.month, self.day)  # raises ValueError when impossible

    @classmethod
    def parse(cls, text: str | None) -> PartialDate | None:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a longer ISO timestamp is cut to its date)."""
        if not text:
            return None
        m = _PARTIAL_DATE.match(str(text).strip()[:10])
        if not m:
            return None
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)

    @classmethod
    def from_date(cls, d: _date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    @property
    def precision(self) -> str:
        """`day`, `month` or `year`."""
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> _date:
        return _date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> _date:
        if self.day is not None:
            return self.first_day()
        month = self.month or 12
        return _date(self.year, month, calendar.monthrange(self.year, month)[1])

    def to_date(self) -> _date | None:
        """The calendar day, only when the precision is a day."""
        return self.first_day() if self.day is not None else None

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True, slots=True)
class Span:
    """Characters `[start, end)` of `Document.text`."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Article:
    """One input as received, before cleaning. Exactly one of `text` or `html` is set."""

    id: str
    source: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # given by the user or the JSONL; trusted over anything inferred
    lang: str | None = None  # given by the user or the JSONL
    fetched_at: str | None = None
    published_basis: str | None = None  # set by a source that read `published` itself, e.g. `feed`


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article ready for NLP.

    `text` is the stored original: boilerplate lines removed, nothing else rewritten. Every
    provenance span points into it. `published_basis` says where `published` came from:
    `given`, `html-meta`, `url`, `text-line`, `feed` or `unknown`.
    """

    id: str
    source: str
    lang: str
    text: str
    published: PartialDate | None = None
    published_basis: str = "unknown"
    title: str | None = None
    url: str | None = None
    raw_text: str | None = None  # the text before boilerplate removal (for audit), when it differs
    year_hints: tuple[PartialDate, ...] = ()  # days whose year another report settled (resolution.years)


@dataclass(frozen=True, slots=True)
class Discarded:
    """An input that could not be processed, with the reason as data (never a silent None)."""

    id: str
    source: str
    reason: str  # short machine-readable cause, e.g. `empty`, `binary`, `unsupported-language`
    detail: str  # one human sentence: what happened and what to do next


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: canonical English name, admin1, ISO country code, coordinates."""

    name: str
    country: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "town"  # one of GEO_PRECISIONS
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor of the knowledge base, in ACLED's naming conventions."""

    name: str  # canonical, e.g. `Military Forces of Iraq`
    kind: str  # state-force | government | militia | rebel | civilians | protesters | rioters | international | person | other
    country: str | None = None  # ISO alpha-2
    leads: str | None = None  # for a person: the organisation they act for


# --- mentions: what the NLP layer and the recognisers find in a document -----------------------


@dataclass(frozen=True, slots=True)
class ActorMention:
    span: Span
    text: str
    actor: Actor


@dataclass(frozen=True, slots=True)
class PlaceMention:
    span: Span
    text: str
    place: Place


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression resolved to a `PartialDate` (None when the text supports no date)."""

    span: Span
    text: str
    date: PartialDate | None
    basis: str  # explicit | relative
    relation: str | None = None  # e.g. `past` for 'lundi dernier', `recall` for 'il y a deux ans'
    yearless: Yearless | None = None  # day and month written without a year the text settles (date None)


@dataclass(frozen=True, slots=True)
class Yearless:
    """A day and month the text gives without a year it settles ("mardi 31 décembre" in an article
    with no publication date). The event's date stays unset; cross-article resolution may take the
    year from another report of the same happening (`resolution.years`)."""

    month: int
    day: int
    weekday: int | None  # 0 = Monday, when the text names one
    span: Span  # the date expression

    def iso(self) -> str:
        """ISO 8601 day and month without a year: `--12-31`."""
        return f"--{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class NumberMention:
    span: Span
    text: str
    value: int
    approximate: bool = False  # 'des dizaines', 'about 20', 'plus de'


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    """A count of people killed or injured stated by the text (0 for 'aucune victime')."""

    span: Span
    text: str
    kind: str  # killed | injured
    value: int
    who: str | None = None  # the victims as written ('militaires irakiens', 'civilians')


# --- output -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Contradiction:
    """One field on which sentences or reports disagree, with every value and where it was said."""

    field: str
    values: tuple[tuple[object, tuple[str, ...]], ...]  # (value, (evidence ids or doc ids, ...))
    note: str | None = None

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "values": [{"value": v, "sources": list(srcs)} for v, srcs in self.values],
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One ACLED-style event extracted from one document, every field with its provenance."""

    id: str
    doc_id: str
    type: str
    subtype: str
    span: Span  # the evidence sentence
    evidence: str
    date: PartialDate | None = None
    date_basis: str | None = None
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    background: bool = False
    confidence: float = 0.5
    provenance: tuple[tuple[str, Span], ...] = ()  # (field name, span) for each filled field
    contradictions: tuple[Contradiction, ...] = ()
    cluster: str | None = None
    yearless: Yearless | None = None  # the text's day and month when no year is settled (date None)
    year_from: str | None = None  # id of the other report whose date gave the year (resolution.years)

    def to_dict(self) -> dict:
        """The EVENT of EVENT_SCHEMA.md, plus provenance and the extra fields."""
        out = {
            "id": self.id,
            "type": self.type,
            "subtype": self.subtype,
            "date": self.date.iso() if self.date else None,
            "date_basis": self.date_basis,
            "place": self.place,
            "admin1": self.admin1,
            "country": self.country,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "background": self.background,
            "cluster": self.cluster,
            "evidence": self.evidence,
            "geo_precision": self.geo_precision,
            "confidence": round(self.confidence, 3),
            "span": self.span.to_dict(),
            "provenance": {name: s.to_dict() for name, s in self.provenance},
            "contradictions": [c.to_dict() for c in self.contradictions],
        }
        if self.lat is not None and self.lon is not None:
            out["lat"], out["lon"] = self.lat, self.lon
        if self.date is None and self.yearless is not None:
            out["date_yearless"] = self.yearless.iso()
        if self.year_from is not None:
            out["date_year_from"] = self.year_from
        return out


@dataclass(frozen=True, slots=True)
class Figure:
    """A numeric claim about the situation: troop levels, numbers of rockets or attacks."""

    id: str
    doc_id: str
    quantity: str  # troops | rockets | attacks | drones | fatalities | displaced | ...
    value: int
    about: str
    span: Span
    evidence: str
    as_of: PartialDate | None = None
    attributed_to: str | None = None
    country: str | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "quantity": self.quantity,
            "value": self.value,
            "about": self.about,
            "as_of": self.as_of.iso() if self.as_of else None,
            "attributed_to": self.attributed_to,
            "country": self.country,
            "evidence": self.evidence,
            "span": self.span.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction returns for one document: a pure function of it."""

    document: Document
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()

    def to_dict(self) -> dict:
        """One JSON object per document, as `wirewatch extract` prints it (EVENT_SCHEMA.md)."""
        d = self.document
        return {
            "id": d.id,
            "source": d.source,
            "lang": d.lang,
            "published": d.published.iso() if d.published else None,
            "published_basis": d.published_basis,
            "title": d.title,
            "events": [e.to_dict() for e in self.events],
            "figures": [f.to_dict() for f in self.figures],
        }


@dataclass(frozen=True, slots=True)
class Cluster:
    """One real-world happening reported by one or more events (possibly across documents)."""

    id: str
    event_ids: tuple[str, ...]
    canonical: Event  # the merged view: most precise date/place, agreed actors, lowest credible counts
    n_sources: int = 1  # distinct documents
    n_outlets: int = 1  # distinct outlets (URL host or source folder)
    first_reported: PartialDate | None = None
    last_reported: PartialDate | None = None
    fatalities_range: tuple[int, int] | None = None
    injured_range: tuple[int, int] | None = None
    contradictions: tuple[Contradiction, ...] = field(default_factory=tuple)
