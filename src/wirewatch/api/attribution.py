"""Who said it: contradiction sources made readable (see `wirewatch.store.attribution`).

The resolution lives in the store package so the CLI shares it without importing the web stack;
this module keeps the API's import path.
"""

from __future__ import annotations

from wirewatch.store.attribution import attribute

__all__ = ["attribute"]
