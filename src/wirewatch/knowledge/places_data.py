"""Reading the gazetteer data files of `data/places/` into plain records (no ranking, no lookup).

Derived files (written by `scripts/build_gazetteer.py`): `geonames_cities.tsv`,
`geonames_cities_more.tsv`, `geonames_admin1.tsv`, `ne_countries.tsv`. Curated files: `admin1.tsv`,
`supplement.tsv`, `country_names.tsv`, `admin_words.txt`, `not_patterns.txt`. Every file documents its columns in its `#` header.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wirewatch.errors import ResourceError
from wirewatch.languages import DATA_DIR

PLACES_DIR = DATA_DIR / "places"


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """One row of any place file, before it becomes a `Place`: names for matching included."""

    name: str
    precision: str
    country: str | None
    admin1: str | None  # canonical admin1 name, or a GeoNames code `CC.NN` to map later
    lat: float | None
    lon: float | None
    population: int = 0
    aliases: tuple[str, ...] = ()
    geonameid: int | None = None
    curated: bool = False


@dataclass(frozen=True, slots=True)
class CountryRecord:
    iso: str
    name: str  # canonical English (ACLED style)
    name_of: str  # as in "Military Forces of <name_of>": `the United States`
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()  # every form, every language: iraqi, irakien, irakienne, ...


def rows(name: str, min_fields: int) -> Iterator[list[str]]:
    """Tab-separated rows of a data file, comments (`#`) and blank lines skipped."""
    path = PLACES_DIR / name
    if not path.is_file():
        raise ResourceError(f"gazetteer file {path} is missing: reinstall wirewatch or run scripts/build_gazetteer.py")
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < min_fields:
                raise ResourceError(f"{path}:{n}: expected {min_fields} tab-separated fields, got {len(parts)}")
            yield [p.strip() for p in parts]


def words(name: str) -> list[str]:
    """Lines of a plain word-list file (comments skipped)."""
    path = PLACES_DIR / name
    with path.open(encoding="utf-8") as fh:
        return [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]


def _split(field: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in field.split("|") if a.strip())


def _num(field: str) -> float | None:
    return float(field) if field and field != "-" else None


def _opt(field: str) -> str | None:
    return field if field and field != "-" else None


def geonames_cities(name: str = "geonames_cities.tsv") -> Iterator[PlaceRecord]:
    """Populated places of a GeoNames-derived file (`geonames_cities.tsv`: IQ SY ML BF NE;
    `geonames_cities_more.tsv`: the other covered countries)."""
    for gid, place, cc, a1, lat, lon, pop, *alts in rows(name, 7):
        yield PlaceRecord(place, "town", cc, a1, float(lat), float(lon), int(pop),
                          _split(alts[0]) if alts else (), int(gid))


def geonames_admin1() -> Iterator[tuple[str, str, str]]:
    """(code `CC.NN`, name, ascii name) for every admin1 worldwide."""
    for code, name, ascii_name, *_ in rows("geonames_admin1.tsv", 3):
        yield code, name, ascii_name


def curated_admin1() -> Iterator[tuple[str | None, PlaceRecord]]:
    """(GeoNames code or None, record) of the hand-curated admin1 table."""
    for cc, code, name, lat, lon, *aliases in rows("admin1.tsv", 5):
        rec = PlaceRecord(name, "admin1", cc, name, _num(lat), _num(lon),
                          aliases=_split(aliases[0]) if aliases else (), curated=True)
        yield _opt(code), rec


def supplement() -> Iterator[PlaceRecord]:
    for name, precision, cc, a1, lat, lon, *aliases in rows("supplement.tsv", 6):
        yield PlaceRecord(name, precision, _opt(cc), _opt(a1), _num(lat), _num(lon),
                          aliases=_split(aliases[0]) if aliases else (), curated=True)


def ne_countries() -> Iterator[tuple[str, str, str, float, float, tuple[str, ...]]]:
    for iso, en, fr, lat, lon, *others in rows("ne_countries.tsv", 5):
        yield iso, en, fr, float(lat), float(lon), _split(others[0]) if others else ()


def curated_countries() -> Iterator[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]]:
    """(iso, name, name_of, aliases, adjectives) of `country_names.tsv`."""
    for iso, name, name_of, *rest in rows("country_names.tsv", 3):
        aliases = _split(rest[0]) if rest else ()
        adjectives = _split(rest[1]) if len(rest) > 1 else ()
        yield iso, name, name_of or name, aliases, adjectives


def data_path(name: str) -> Path:
    return PLACES_DIR / name
