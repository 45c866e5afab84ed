"""Which languages wirewatch reads: one folder `data/lang/<code>/` with a `language.toml` each.

Adding a language is adding such a folder (lexicons, date and number words, boilerplate lines);
no code changes. `language.toml` names the spaCy model to prefer and what to do without it.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

DATA_DIR = Path(str(resources.files("wirewatch") / "data"))
LANG_DIR = DATA_DIR / "lang"


@cache
def supported() -> tuple[str, ...]:
    """ISO 639-1 codes of the languages that have a data folder, sorted."""
    return tuple(sorted(p.parent.name for p in LANG_DIR.glob("*/language.toml")))


@cache
def settings(lang: str) -> dict:
    """The parsed `language.toml` of a supported language."""
    path = LANG_DIR / lang / "language.toml"
    with path.open("rb") as fh:
        return tomllib.load(fh)


def lang_file(lang: str, name: str) -> Path:
    """Path of a data file of one language, e.g. `lang_file('fr', 'triggers.toml')`."""
    return LANG_DIR / lang / name
