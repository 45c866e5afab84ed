"""The event stages in order, each a callable with a declared contract (STYLE.md)."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable

from wirewatch.errors import PipelineError
from wirewatch.events.assemble import assemble
from wirewatch.events.context import DocContext
from wirewatch.events.lexicon import lexicon
from wirewatch.events.merge import merge_events
from wirewatch.events.triggers import find_candidates
from wirewatch.model import Event


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[dict], dict]


def _triggers(state: dict) -> dict:
    ctx: DocContext = state["context"]
    cands, rejected = find_candidates(ctx.parsed, lexicon(ctx.document.lang))
    return {"candidates": cands, "rejected": rejected}


def _assemble(state: dict) -> dict:
    ctx: DocContext = state["context"]
    lex = lexicon(ctx.document.lang)
    events, sentence_of = [], {}
    for cand in state["candidates"]:
        for ev in assemble(ctx, cand, lex):
            events.append(ev)
            sentence_of[ev.id] = cand.sent.i
    return {"events": events, "sentence_of": sentence_of}


def _merge(state: dict) -> dict:
    return {"events": merge_events(state["events"], state["sentence_of"])}


STAGES = (
    Stage("triggers", ("context",), ("candidates", "rejected"), _triggers),
    Stage("assemble", ("context", "candidates"), ("events", "sentence_of"), _assemble),
    Stage("merge", ("events", "sentence_of"), ("events",), _merge),
)


def check(stages=STAGES, given=("context",)) -> None:
    """Raise PipelineError when a stage requires something no earlier stage assigns."""
    have = set(given)
    for st in stages:
        missing = set(st.requires) - have
        if missing:
            raise PipelineError(f"stage {st.name!r} requires {sorted(missing)} which no earlier stage assigns")
        have |= set(st.assigns)


check()


def extract_events(ctx: DocContext) -> list[Event]:
    """Events of one document from its context (parse + mentions)."""
    state: dict = {"context": ctx}
    for st in STAGES:
        state.update(st.run(state))
    return list(state["events"])
