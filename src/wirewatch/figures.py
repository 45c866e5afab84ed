"""Figures: numeric claims about the situation (troop levels, numbers of rockets or attacks)."""

from __future__ import annotations


def find_figures(ctx) -> list:
    """Figures of one document (placeholder until the figures lexicon lands)."""
    return []
