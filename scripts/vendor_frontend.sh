#!/usr/bin/env bash
# Vendor the web UI's third-party assets into src/wirewatch/web/static/vendor/ (run once, commit the result).
#
#   scripts/vendor_frontend.sh [path/to/shared]
#
# - Leaflet (BSD-2-Clause) from the npm registry via `npm pack`, with its LICENSE.
# - countries.geojson: Natural Earth admin-0 countries (public domain), simplified so the file
#   stays well under 1 MB; only the ISO code and name are kept as properties.
# Nothing here runs at serve time: the app only serves the files this script wrote.
set -euo pipefail

LEAFLET_VERSION="1.9.4"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${1:-${WIREWATCH_SHARED:-$REPO/../shared}}"
VENDOR="$REPO/src/wirewatch/web/static/vendor"
PY="${PYTHON:-/work/venv/bin/python}"
[ -x "$PY" ] || PY=python3

mkdir -p "$VENDOR/leaflet/images"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# --- Leaflet -----------------------------------------------------------------------------
( cd "$TMP" && npm pack --silent "leaflet@$LEAFLET_VERSION" >/dev/null && tar xzf "leaflet-$LEAFLET_VERSION.tgz" )
cp "$TMP/package/dist/leaflet.js" "$TMP/package/dist/leaflet.css" "$VENDOR/leaflet/"
cp "$TMP/package/dist/images/"*.png "$VENDOR/leaflet/images/"
cp "$TMP/package/LICENSE" "$VENDOR/leaflet/LICENSE"
echo "leaflet $LEAFLET_VERSION (npm registry, BSD-2-Clause)" > "$VENDOR/leaflet/VERSION"

# --- Natural Earth country outlines --------------------------------------------------------
"$PY" - "$SHARED/data/ne_50m_admin_0_countries.geojson" "$VENDOR/countries.geojson" <<'PYEOF'
"""Simplify Natural Earth 1:50m countries: Douglas-Peucker, rounded coordinates, two properties."""
import json
import sys

# 0.04 degree (~4 km) tolerance and 2 decimals: outlines still read well at country zoom levels
# and the file stays around 0.55 MB (the full 50m file is 3 MB; 0.02 gave 0.8 MB).
TOLERANCE = 0.04
DECIMALS = 2
# Rings with fewer points than this after simplification are islets invisible at useful zooms.
MIN_RING_POINTS = 4


def _perp(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(points):
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = 0.0, None
        for k in range(i + 1, j):
            d = _perp(points[k], points[i], points[j])
            if d > best:
                best, idx = d, k
        if idx is not None and best > TOLERANCE:
            keep[idx] = True
            stack += [(i, idx), (idx, j)]
    return [p for p, k in zip(points, keep) if k]


def ring(r):
    out = []
    for x, y in simplify(r):
        pt = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != pt:
            out.append(pt)
    return out if len(out) >= MIN_RING_POINTS else None


def polygon(rings):
    rs = [ring(r) for r in rings]
    return [r for r in rs if r] if rs and rs[0] else None


src, dst = sys.argv[1], sys.argv[2]
data = json.load(open(src, encoding="utf-8"))
features = []
for f in data["features"]:
    g, p = f["geometry"], f["properties"]
    if g["type"] == "Polygon":
        polys = [polygon(g["coordinates"])]
    else:
        polys = [polygon(c) for c in g["coordinates"]]
    polys = [c for c in polys if c]
    if not polys:
        continue
    iso = p.get("ISO_A2_EH") or p.get("ISO_A2")
    features.append({
        "type": "Feature",
        "properties": {"iso": iso if iso and iso != "-99" else None, "name": p.get("NAME")},
        "geometry": {"type": "MultiPolygon", "coordinates": polys},
    })
out = {
    "type": "FeatureCollection",
    "attribution": "Made with Natural Earth (public domain), 1:50m admin-0 countries, simplified",
    "features": features,
}
with open(dst, "w", encoding="utf-8") as fh:
    json.dump(out, fh, separators=(",", ":"))
print(f"{dst}: {len(features)} countries")
PYEOF
ls -la "$VENDOR" "$VENDOR/leaflet"
