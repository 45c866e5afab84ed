"""`wirewatch info`: versions, database and the languages with their NLP mode."""

from __future__ import annotations

import json
import platform
from importlib import metadata
from pathlib import Path
from typing import Annotated

import typer

from wirewatch.cli.app import DbOption, app
from wirewatch.cli.output import stdout, table

#: Distributions whose versions `info` reports (what decides behaviour and output).
PACKAGES = (
    "wirewatch",
    "spacy",
    "fr-core-news-md",
    "sqlalchemy",
    "psycopg",
    "trafilatura",
    "lingua-language-detector",
)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _languages() -> list[dict]:
    """Each supported language and the NLP mode `wirewatch.nlp.describe` reports (when present)."""
    from wirewatch.languages import supported

    try:
        from wirewatch.nlp import describe
    except ImportError:
        describe = None
    out = []
    for lang in supported():
        row: dict = {"lang": lang}
        if describe is not None:
            try:
                row.update(
                    {k: v for k, v in describe(lang).items() if isinstance(v, str | int | float | bool)}
                )
            except Exception as exc:  # noqa: BLE001 - info must report a broken language, not crash on it
                row["mode"] = f"unavailable ({type(exc).__name__}: {exc})"
        out.append(row)
    return out


@app.command("info")
def info_cmd(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Versions, the database in use and its counts, and each language with its NLP mode."""
    from wirewatch.store import Store, database_url

    versions = {p: _version(p) for p in PACKAGES} | {"python": platform.python_version()}
    url = database_url(db)
    missing = url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists()
    try:
        if missing:  # `info` only looks: it does not create the file
            raise FileNotFoundError(
                f"{url.removeprefix('sqlite:///')} does not exist yet (ingest creates it)"
            )
        with Store.open(db) as store:
            database = {"url": store.safe_url, "backend": store.backend, **store.stats()}
    except Exception as exc:  # noqa: BLE001 - info reports the problem instead of failing
        database = {"url": url, "error": str(exc).splitlines()[0]}
    languages = _languages()
    if as_json:
        print(json.dumps({"versions": versions, "database": database, "languages": languages}, default=str))
        return
    con = stdout()
    con.print(table([{"package": k, "version": v} for k, v in versions.items()], ("package", "version")))
    con.print(
        table([{"key": k, "value": v} for k, v in database.items()], ("key", "value"), title="database")
    )
    cols = list(dict.fromkeys(k for row in languages for k in row))
    con.print(table(languages, cols, title="languages"))
