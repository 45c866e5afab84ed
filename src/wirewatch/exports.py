"""Exports of stored events: CSV in ACLED's columns and order, GeoJSON, Parquet.

Input is what `Store.query_events` returns (event rows joined with their article). The CSV keeps
ACLED's column names and order so ACLED tooling reads it, then adds wirewatch's own columns.
Nothing is invented to fill ACLED's columns: what wirewatch does not know stays empty.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import cache
from pathlib import Path

from wirewatch.errors import WirewatchError
from wirewatch.languages import DATA_DIR
from wirewatch.model import PartialDate

#: ACLED's export columns, in ACLED's order.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
#: wirewatch's columns, after ACLED's.
WIREWATCH_COLUMNS = ("wirewatch_id", "cluster_id", "injured", "background", "date_basis", "confidence")
CSV_COLUMNS = ACLED_COLUMNS + WIREWATCH_COLUMNS
FORMATS = ("csv", "geojson", "parquet")
#: First characters that make a spreadsheet run a text cell as a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Rows per chunk when the CSV is streamed (the API): small enough to start sending at once,
#: large enough that chunk overhead is negligible.
CSV_CHUNK = 500
#: RFC 4180 line end. The csv module quotes a cell only if it holds a character of the line end,
#: so with "\n" alone a CR inside article text went out unquoted and split the row in two.
CSV_LINE_END = "\r\n"

#: ACLED geo_precision: 1 the town or site itself, 2 a part of a region (district), 3 a larger area.
GEO_PRECISION_CODE = {"site": 1, "town": 1, "district": 2, "admin1": 3, "country": 3, "region": 3}
#: ACLED disorder type of each event type (Excessive force is both, as ACLED codes it).
DISORDER_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
MIXED_DISORDER_SUBTYPES = {"Excessive force against protesters": "Political violence; Demonstrations"}
#: ACLED actor-type codes (inter1/inter2) from our actor kinds.
INTER_CODE_BY_KIND = {
    "state-force": 1, "government": 1, "rebel": 2, "jihadist": 2, "militia": 3, "rioters": 5,
    "protesters": 6, "civilians": 7, "international": 8, "other": 8,
}  # fmt: skip
#: ACLED's naming conventions that already say the actor type, checked before the knowledge base.
INTER_CODE_BY_PREFIX = (
    ("Military Forces of", 1), ("Police Forces of", 1), ("Government of", 1),
    ("Unidentified Armed Group", 3), ("Rioters", 5), ("Protesters", 6), ("Civilians", 7),
)  # fmt: skip


@cache
def countries() -> dict[str, tuple[str, str, str]]:
    """ISO alpha-2 -> (ISO numeric, English name, ACLED region), from `data/acled_countries.tsv`."""
    out: dict[str, tuple[str, str, str]] = {}
    for line in (DATA_DIR / "acled_countries.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            iso, numeric, name, region = line.split("\t")
            out[iso] = (numeric, name, region)
    return out


def country_name(code: str | None) -> str | None:
    """English country name of an ISO alpha-2 code (the code itself when unknown)."""
    if not code:
        return None
    entry = countries().get(code.upper())
    return entry[1] if entry else code


def _actor_kind(name: str) -> str | None:
    try:
        from wirewatch.knowledge.actors import ActorKB
    except ImportError:
        return None
    try:
        actor = ActorKB.default().match(name)
    except WirewatchError:
        return None
    return actor.kind if actor else None


@cache
def inter_code(actor: str | None) -> int | None:
    """ACLED's actor-type code (1 state forces ... 8 external/other) or None when unknown."""
    if not actor:
        return None
    for prefix, code in INTER_CODE_BY_PREFIX:
        if actor.startswith(prefix):
            return code
    return INTER_CODE_BY_KIND.get(_actor_kind(actor) or "")


def time_precision(date: str | None, basis: str | None) -> int | None:
    """ACLED time_precision: 1 the day is known, 2 the day is inferred (about a week), 3 month or year."""
    pd = PartialDate.parse(date)
    if pd is None:
        return None
    if pd.precision == "day":
        return 2 if basis == "inferred" else 1
    return 3


def _timestamp(iso: str | None) -> int | None:
    try:
        return int(datetime.fromisoformat(iso).timestamp()) if iso else None
    except ValueError:
        return None


def acled_row(ev: dict) -> dict:
    """One stored event (a `query_events` dict) as a CSV row: ACLED columns then wirewatch's."""
    code = (ev.get("country") or "").upper()
    numeric, name, region = countries().get(code, ("", code, ""))
    pd = PartialDate.parse(ev.get("date"))
    inter1, inter2 = inter_code(ev.get("actor1")), inter_code(ev.get("actor2"))
    interaction = None
    if inter1 is not None:
        pair = sorted(c for c in (inter1, inter2) if c is not None)
        interaction = int("".join(map(str, pair))) if len(pair) == 2 else inter1 * 10
    civilians = ev.get("type") == "Violence against civilians" or (ev.get("actor2") or "").startswith(
        "Civilians"
    )
    return {
        "event_id_cnty": f"{code or 'XX'}-{ev['id']}",
        "event_date": ev.get("date"),
        "year": pd.year if pd else None,
        "time_precision": time_precision(ev.get("date"), ev.get("date_basis")),
        "disorder_type": MIXED_DISORDER_SUBTYPES.get(ev.get("subtype"), DISORDER_TYPE.get(ev.get("type"))),
        "event_type": ev.get("type"),
        "sub_event_type": ev.get("subtype"),
        "actor1": ev.get("actor1"),
        "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": ev.get("actor2"),
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civilians else None,
        "iso": int(numeric) if numeric else None,
        "region": region or None,
        "country": name or None,
        "admin1": ev.get("admin1"),
        "admin2": None,
        "admin3": None,
        "location": ev.get("place"),
        "latitude": ev.get("lat"),
        "longitude": ev.get("lon"),
        "geo_precision": GEO_PRECISION_CODE.get(ev.get("geo_precision") or ""),
        "source": ev.get("url") or ev.get("source"),
        "source_scale": None,
        "notes": ev.get("evidence"),
        "fatalities": ev.get("fatalities"),
        "tags": None,
        "timestamp": _timestamp(ev.get("ingested_at")),
        "wirewatch_id": ev["id"],
        "cluster_id": ev.get("cluster_id"),
        "injured": ev.get("injured"),
        "background": bool(ev.get("background")),
        "confidence": ev.get("confidence"),
        "date_basis": ev.get("date_basis"),
    }


def inert_cell(value):
    """The value, with a leading `'` when a spreadsheet would read it as a formula (OWASP CSV
    injection: article text is untrusted and analysts open these files in Excel). Numbers
    (negative longitudes included) are left alone: only text can carry a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


def csv_cells(ev: dict) -> list:
    """One stored event as the list of CSV cells, in `CSV_COLUMNS` order, formula-safe."""
    row = acled_row(ev)
    return [inert_cell(row.get(c)) for c in CSV_COLUMNS]


def iter_csv(events: Iterable[dict], chunk: int = CSV_CHUNK) -> Iterator[str]:
    """The CSV (header first) as text chunks of `chunk` rows, for streaming responses."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=CSV_LINE_END)
    writer.writerow(CSV_COLUMNS)
    for i, ev in enumerate(events, 1):
        writer.writerow(csv_cells(ev))
        if i % chunk == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def write_csv(events: Iterable[dict], out: io.TextIOBase) -> int:
    """ACLED-column CSV to an open text stream, formula cells neutralised; returns the number of rows."""
    writer = csv.writer(out, lineterminator=CSV_LINE_END)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for ev in events:
        writer.writerow(csv_cells(ev))
        n += 1
    return n


def _jsonable(ev: dict) -> dict:
    return {k: v for k, v in ev.items() if isinstance(v, str | int | float | bool | type(None) | list | dict)}


def to_geojson(events: Iterable[dict]) -> dict:
    """A FeatureCollection of the located events (Point [lon, lat]); every field is a property."""
    features = []
    for ev in events:
        if ev.get("lat") is None or ev.get("lon") is None:
            continue
        props = _jsonable(ev)
        props["country_name"] = country_name(ev.get("country"))
        features.append(
            {
                "type": "Feature",
                "id": ev["id"],
                "geometry": {"type": "Point", "coordinates": [ev["lon"], ev["lat"]]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(events: Iterable[dict], out: io.TextIOBase) -> int:
    """GeoJSON to an open text stream; returns the number of features (located events)."""
    fc = to_geojson(events)
    json.dump(fc, out, ensure_ascii=False)
    out.write("\n")
    return len(fc["features"])


def _parquet_schema():
    import pyarrow as pa

    ints = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
            "timestamp", "injured"}  # fmt: skip
    floats = {"latitude", "longitude", "confidence"}
    fields = []
    for col in CSV_COLUMNS:
        kind = pa.int64() if col in ints else pa.float64() if col in floats else pa.string()
        fields.append(pa.field(col, pa.bool_() if col == "background" else kind))
    return pa.schema(fields)


def write_parquet(events: Iterable[dict], path: str | Path) -> int:
    """Parquet file with the CSV's columns, typed; returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [acled_row(ev) for ev in events]
    schema = _parquet_schema()
    table = pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
    pq.write_table(table, str(path))
    return len(rows)


def iter_all(store, page: int = 1000, **filters) -> Iterator[dict]:
    """Every event matching the filters, page by page, in date order."""
    offset = 0
    while True:
        batch = store.query_events(limit=page, offset=offset, sort="date", **filters)
        yield from batch
        if len(batch) < page:
            return
        offset += page


def export(store, fmt: str, path: str | Path, **filters) -> int:
    """Write the store's events (optionally filtered as in `query_events`) to `path` as `fmt`
    (csv, geojson or parquet). `-` writes csv/geojson to stdout. Returns the number written."""
    if fmt not in FORMATS:
        raise WirewatchError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    events = iter_all(store, **filters)
    if fmt == "parquet":
        if str(path) == "-":
            raise WirewatchError("parquet is binary: give a file with -o, e.g. -o events.parquet")
        return write_parquet(events, path)
    writer = write_csv if fmt == "csv" else write_geojson
    if str(path) == "-":
        import sys

        return writer(events, sys.stdout)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        return writer(events, fh)


__all__ = [
    "ACLED_COLUMNS", "CSV_COLUMNS", "FORMATS", "WIREWATCH_COLUMNS", "acled_row", "country_name", "csv_cells",
    "export", "inert_cell", "iter_csv", "to_geojson", "write_csv", "write_geojson", "write_parquet",
]  # fmt: skip
