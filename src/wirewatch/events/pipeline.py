"""The event stages in order, each a callable with a declared contract (STYLE.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wirewatch.errors import PipelineError
from wirewatch.events.assemble import assemble
from wirewatch.events.context import DocContext
from wirewatch.events.lexicon import lexicon
from wirewatch.events.merge import _has, attach_counts, follow_previous_date, merge_with_sentences
from wirewatch.events.triggers import find_candidates
from wirewatch.model import Event


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[dict], dict]


def _anchored(ctx: DocContext) -> frozenset[int]:
    """Sentences that name a date or a sub-national place (a specific happening can be told)."""
    out = set()
    for m in list(ctx.dates) + [p for p in ctx.places if p.place.precision != "country"]:
        s = ctx.parsed.sentence_at(m.span.start)
        if s is not None:
            out.add(s.i)
    return frozenset(out)


def _previous_date(ctx: DocContext, i: int):
    """The last date mention of the sentence before sentence `i`, or None."""
    if i == 0:
        return None
    prev = ctx.parsed.sentences[i - 1]
    found = [d for d in ctx.in_span(ctx.dates, prev.span) if d.date is not None and d.relation != "future"]
    return found[-1] if found else None


#: Rejection reasons of sentences whose casualty counts may still belong to the event before.
COUNT_FOLLOW_UP_REASONS = ("negated", "no-attack-predicate", "interception-without-weapon")


def _triggers(state: dict) -> dict:
    ctx: DocContext = state["context"]
    def dated(span) -> bool:
        return any(span.start <= d.span.start and d.span.end <= span.end and d.date is not None for d in ctx.dates)

    cands, rejected = find_candidates(ctx.parsed, lexicon(ctx.document.lang), _anchored(ctx), dated)
    return {"candidates": cands, "rejected": rejected}


def _assemble(state: dict) -> dict:
    ctx: DocContext = state["context"]
    lex = lexicon(ctx.document.lang)
    events, sentence_of, family_of = [], {}, {}
    for cand in state["candidates"]:
        for ev in assemble(ctx, cand, lex):
            toks = ctx.parsed.sentence_tokens(cand.sent)
            if not _has(ev, "date") and lex.cue("same_time").any_in(toks):
                ev = follow_previous_date(ev, None, _previous_date(ctx, cand.sent.i))
            elif not _has(ev, "date") and lex.cue("sequel").any_in(toks):
                ev = follow_previous_date(ev, events[-1] if events else None)
            events.append(ev)
            sentence_of[ev.id] = cand.sent.i
            if cand.family == "remote":
                family_of[ev.id] = "remote"
    return {"events": events, "sentence_of": sentence_of, "family_of": family_of}


def _merge(state: dict) -> dict:
    events, last = merge_with_sentences(state["events"], state["sentence_of"], state["family_of"])
    # a merged event is told from its first to its last follow-up's sentence (counts in between
    # or right after attach to it)
    return {"events": events, "last_sentence_of": last}


def _counts(state: dict) -> dict:
    ctx: DocContext = state["context"]
    used = {c.sent.i for c in state["candidates"]}
    # a sentence turned down as generic, a tally, planned... states counts of that statement;
    # only a negated or weaponless follow-up ('le tir n'a pas fait de victimes') counts for the event
    used |= {r.sent.i for r in state["rejected"] if r.reason not in COUNT_FOLLOW_UP_REASONS}
    return {"events": attach_counts(ctx, state["events"], state["sentence_of"], used, lexicon(ctx.document.lang),
                                    last_of=state["last_sentence_of"])}


def _undated_background(state: dict) -> dict:
    """A recollection with no date at all cannot be coded (ACLED needs a date); it is dropped."""
    return {"events": [e for e in state["events"] if not (e.background and e.date is None)]}


STAGES = (
    Stage("triggers", ("context",), ("candidates", "rejected"), _triggers),
    Stage("assemble", ("context", "candidates"), ("events", "sentence_of", "family_of"), _assemble),
    Stage("merge", ("events", "sentence_of", "family_of"), ("events", "last_sentence_of"), _merge),
    Stage("counts", ("context", "events", "sentence_of", "last_sentence_of", "candidates", "rejected"), ("events",), _counts),
    Stage("undated-background", ("events",), ("events",), _undated_background),
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
