"""Write src/wirewatch/data/acled_countries.tsv: ISO alpha-2 -> ISO numeric, English name, ACLED region.

Derived from Natural Earth's SUBREGION (public domain, ../shared/data/ne_50m_admin_0_countries.geojson),
renamed to ACLED's region vocabulary, with a few countries moved where ACLED's regions differ from
the UN geoscheme; names are Natural Earth's NAME_EN with a few renamed to ACLED's spelling. Run once: `python scripts/build_acled_countries.py [path/to/ne_50m...geojson]`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NE = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared/data/ne_50m_admin_0_countries.geojson"
OUT = REPO / "src/wirewatch/data/acled_countries.tsv"

SUBREGION_TO_ACLED = {
    "Western Asia": "Middle East",
    "Northern Africa": "Northern Africa",
    "Western Africa": "Western Africa",
    "Eastern Africa": "Eastern Africa",
    "Middle Africa": "Middle Africa",
    "Southern Africa": "Southern Africa",
    "Southern Asia": "South Asia",
    "South-Eastern Asia": "Southeast Asia",
    "Eastern Asia": "East Asia",
    "Central Asia": "Caucasus and Central Asia",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Eastern Europe": "Europe",
    "Western Europe": "Europe",
    "Northern America": "North America",
    "Central America": "Central America",
    "Caribbean": "Caribbean",
    "South America": "South America",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
    "Antarctica": "Antarctica",
}
# Where ACLED's regions differ from the UN geoscheme Natural Earth follows.
OVERRIDES = {
    "IR": "Middle East",
    "AM": "Caucasus and Central Asia",
    "AZ": "Caucasus and Central Asia",
    "GE": "Caucasus and Central Asia",
    "CY": "Europe",
    "MX": "North America",
}
# ACLED's country spellings where Natural Earth's English name differs.
NAME_OVERRIDES = {
    "US": "United States",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CZ": "Czech Republic",
    "CI": "Ivory Coast",
    "PS": "Palestine",
}


def main() -> None:
    rows: dict[str, tuple[str, str, str]] = {}
    for f in json.loads(NE.read_text())["features"]:
        p = f["properties"]
        iso = p["ISO_A2_EH"] if p["ISO_A2_EH"] not in ("-99", None) else p["ISO_A2"]
        region = SUBREGION_TO_ACLED.get(p["SUBREGION"])
        if iso in ("-99", None) or region is None:
            continue
        numeric = p["ISO_N3_EH"] if p["ISO_N3_EH"] not in ("-99", None) else ""
        name = NAME_OVERRIDES.get(iso, p["NAME_EN"] or p["NAME"])
        rows.setdefault(iso, (numeric, name, OVERRIDES.get(iso, region)))
    lines = [
        "# ISO 3166-1 alpha-2 -> ISO numeric, country name, ACLED-style region: the `iso`, `country` and",
        "# `region` columns of CSV exports (wirewatch stores only the alpha-2 code).",
        "# Derived by scripts/build_acled_countries.py from Natural Earth 1:50m admin-0 (public domain):",
        "# ISO_N3_EH, NAME_EN (a few renamed to ACLED's spelling), SUBREGION renamed to ACLED's regions.",
        "# Columns (tab-separated): iso alpha-2, iso numeric (may be empty), name, region.",
    ]
    lines += ["\t".join((iso, *vals)) for iso, vals in sorted(rows.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} countries -> {OUT}")


if __name__ == "__main__":
    main()
