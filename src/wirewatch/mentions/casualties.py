"""Counts of people killed or injured stated by a text, from per-language data files.

    find_casualties(text, lang) -> list[CasualtyMention]

Steps, each a named function, in order; a count claimed by one step is not reused by a later one:
1. zero statements ("aucune victime", "neither injuries nor fatalities were reported") -> 0;
2. victims then verb: "cinq militaires irakiens ont été tués", "N morts", "1 fatality"; coordinated
   groups add up ("deux soldats américains et un soldat britannique ont été tués" = 3);
3. verb then victims: "killing three coalition personnel", "a blessé deux civils";
4. tolls: "le bilan s'élève à 20", "the death toll rose to 20".
Counts come from `numbers.find_numbers` (with articles: "une fillette tuée" = 1), so vague counts
follow the ACLED conventions documented in numbers.toml; a vague count that states no number
("plusieurs") gives fatalities (ACLED's convention) but no injured count. Victim phrases containing
a non-victim noun ("trois roquettes") and intentions ("tried to kill") give nothing. Every word
lives in casualties.toml.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from wirewatch.mentions import numbers
from wirewatch.model import CasualtyMention, NumberMention, Span

#: Longest victim phrase in words ("membre des services de sécurité américains" has six): longer
#: stretches between a count and a verb are usually another clause.
MAX_VICTIM_WORDS = 6
#: Characters after a toll cue in which its count must start ("le bilan provisoire s'élève désormais à").
TOLL_WINDOW = 60
#: Characters before a count searched for an active verb and its remark ("killing at least").
ACTIVE_WINDOW = 60
#: Longest remark between an active verb and its count ("qui ont tué, dimanche, 25 combattants"):
#: room for a weekday or a short date, not for a clause.
ACTIVE_INSERT = 20


def _alt(phrases) -> str:
    phrases = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases) or "(?!)"


@dataclass(frozen=True, slots=True)
class CasualtyLexicon:
    """The parsed `casualties.toml` of one language, with its regexes."""

    lang: str
    noun: re.Pattern  # after a count: (one word) deaths|injuries ("36 fatalities", "a death")
    passive: re.Pattern  # after a count: (who) (aux/adverbs) killed|injured
    coordination: re.Pattern  # after a count: (who) and <next count>
    active_before: re.Pattern  # before a count: killing|injuring
    who_after: re.Pattern  # after a count in the active voice: the victims
    toll: re.Pattern
    toll_link: re.Pattern  # ends the words between a toll cue and its count ("s'élève à", "rose to")
    zero: tuple[tuple[re.Pattern, tuple[str, ...]], ...]
    non_victims: frozenset[str]
    who_strip: re.Pattern
    complement: re.Pattern  # ends the text before an article that opens a complement ("six combattants d'une milice")


def _compile(source: str) -> re.Pattern:
    """Compile ignoring case; spaces never cross a line break (a casualty is stated in one paragraph)."""
    return re.compile(source.replace(r"\s", r"[^\S\n]"), re.IGNORECASE)


@cache
def lexicon(lang: str) -> CasualtyLexicon:
    """Load and compile `data/lang/<lang>/casualties.toml` once per process."""
    d = numbers.load_data(lang, "casualties.toml")
    killed, injured = _alt(d["killed"]), _alt(d["injured"])
    killed_n, injured_n = _alt(d.get("killed_nouns", [])), _alt(d.get("injured_nouns", []))
    aux, adverbs = _alt(d["auxiliaries"]), _alt(d["adverbs"])
    words_conj = [c for c in d["conjunctions"] if c.strip(",")]
    stop = _alt(d["killed"] + d["injured"] + d["auxiliaries"] + words_conj + d["breakers"])
    # a victim word: starts with a letter, not a verb, conjunction or breaker
    word = rf"(?!(?:{stop})(?![\w'-]))[^\W\d_](?:[\w'-]|\.(?=\w))*(?:(?<=\.\w)\.)?"  # "U.S." keeps its dot
    # one or more remarks between commas: ", dont deux enfants, mais aussi un journaliste,"
    aside = rf"(?:(?:\s*,\s*(?:{_alt(d.get('asides', []))})(?:\s+|(?<='))[^,;.\n]{{1,60}}(?=\s*,))+\s*,)?"
    fill = rf"(?:\s+(?:{aux}|{adverbs})(?![\w'-]))*?"
    kv, iv = _alt(d["killing"]), _alt(d["injuring"])
    conj = "|".join([r"\s*,"] + [rf"\s+{_alt([c])}" for c in words_conj])
    return CasualtyLexicon(
        lang=lang,
        noun=_compile(
            rf"(?P<who>(?:\s+{word})?)\s+(?:(?P<killed>{killed_n})|(?P<injured>{injured_n}))(?![\w'-])"
        ),
        passive=_compile(
            rf"(?P<who>(?:\s+(?:(?:{_alt(words_conj)})\s+)?{word}){{0,{MAX_VICTIM_WORDS}}}?){aside}{fill}\s+"
            rf"(?:(?P<killed>{killed})|(?P<injured>{injured}))(?![\w'-])"
        ),
        coordination=_compile(
            rf"(?P<who>(?:\s+{word}){{0,{MAX_VICTIM_WORDS}}}?){aside}(?P<conj>{conj})(?:\s+|(?<='))"
        ),
        active_before=_compile(
            rf"(?<![\w'-])(?:(?P<killed>{kv})|(?P<injured>{iv}))"
            rf"(?:\s+(?:{_alt(words_conj)})\s+(?:en\s+)?(?:(?P<killed2>{kv})|(?P<injured2>{iv})))?"
            rf"(?:\s+(?:{adverbs}))*"  # "blessant grièvement deux policiers"
            rf"(?:\s*,[^,.;\n]{{1,{ACTIVE_INSERT}}},)?(?:\s+|(?<='))$"  # "qui ont tué, dimanche, 25 combattants"
        ),
        who_after=_compile(rf"(?P<who>(?:\s+{word}){{0,{MAX_VICTIM_WORDS}}})"),
        toll=_compile(rf"(?<![\w'-])(?:{_alt(d.get('toll_cues', []))})(?![\w'-])"),
        toll_link=_compile(rf"(?<![\w'-])(?:{_alt(d.get('toll_links', []))})\s*$"),
        zero=tuple(
            (_compile(rf"(?<![\w'-])(?:{z['pattern']})(?![\w'-])"), tuple(z["kinds"]))
            for z in d.get("zero", [])
        ),
        non_victims=frozenset(w.lower() for w in d.get("non_victims", [])),
        who_strip=_compile(rf"\s*(?:(?:{_alt(d.get('who_strip', []))})(?:\s+|(?<=')))+"),
        complement=_compile(rf"(?<![\w'-])(?:{_alt(d.get('complement_links', d.get('who_strip', [])))})(?:\s+|(?<='))$"),
    )


def _who(m: re.Match, text: str, lex: CasualtyLexicon) -> tuple[str | None, int, int]:
    """The victim phrase of a match without its leading partitive ("des dizaines de morts")."""
    s, e = m.span("who")
    lead = lex.who_strip.match(text, s)
    s = lead.end() if lead else s
    phrase = text[s:e].strip()
    start = s + (len(text[s:e]) - len(text[s:e].lstrip()))
    return (phrase or None), start, start + len(phrase)


def _victims(lex: CasualtyLexicon, who: str | None) -> bool:
    """False when the phrase counts things, not people ("trois roquettes", "a US drone strike")."""
    return not who or not any(w.lower().strip(".,") in lex.non_victims for w in who.split())


def _between(starts: list[int], start: int, end: int) -> range:
    """Indexes of the counts (their sorted `starts`) that start in [start, end)."""
    return range(bisect_left(starts, start), bisect_left(starts, end))


def _stated_kinds(lex: CasualtyLexicon, counts: list[NumberMention], kinds: list[str]) -> list[str]:
    """The kinds a group of counts may report: 'plusieurs'/'several' (no number stated) gives
    fatalities by ACLED's convention, but no injured count."""
    if all(numbers.is_unstated(n, lex.lang) for n in counts):
        return [k for k in kinds if k == "killed"]
    return kinds


def _total(lex: CasualtyLexicon, counts: list[NumberMention], kind: str) -> int:
    """The sum of coordinated counts for one kind: a count that states no number ('plusieurs
    militaires et un soldat blessés') adds only ACLED's fatality convention, so it adds nothing to
    an injured count (1 here, not 10 + 1)."""
    return sum(n.value for n in counts if kind == "killed" or not numbers.is_unstated(n, lex.lang))


def _coordinated(
    lex: CasualtyLexicon, text: str, nums: list[NumberMention], starts: list[int], j: int, claimed: set[int]
) -> int | None:
    """Index of the count joined to count j ("deux soldats et un civil"), past any remark; or None.

    After a bare comma, an article is no count ("killed a contractor, an attack blamed on ...")."""
    c = lex.coordination.match(text, nums[j].span.end)
    if not c:
        return None
    k = next(iter(_between(starts, c.end(), c.end() + 1)), None)
    if k is None or k in claimed:
        return None
    if c.group("conj").strip() == "," and nums[k].text.lower() in numbers.lexicon(lex.lang).articles:
        return None
    return k


def _zero_statements(text: str, lex: CasualtyLexicon) -> list[CasualtyMention]:
    """'aucune victime', 'no injuries were reported': value 0 for each kind the phrase covers."""
    out: list[CasualtyMention] = []
    for regex, kinds in lex.zero:
        for m in regex.finditer(text):
            for kind in kinds:
                if any(c.kind == kind and c.span.start < m.end() and m.start() < c.span.end for c in out):
                    continue
                out.append(CasualtyMention(Span(m.start(), m.end()), m.group(0), kind, 0))
    return out


def _complements(text: str, lex: CasualtyLexicon, nums: list[NumberMention]) -> set[int]:
    """Counts that are an article opening a complement of the victims ("six combattants d'une
    milice", "six fighters of a militia"): they count no victims."""
    articles = numbers.lexicon(lex.lang).articles
    return {k for k, n in enumerate(nums)
            if n.text.lower() in articles and lex.complement.search(text, max(0, n.span.start - 12), n.span.start)}


def _victims_then_verb(text: str, lex: CasualtyLexicon, nums: list[NumberMention], claimed: set[int]):
    """'cinq militaires ont été tués', 'N morts'; coordinated groups before one verb add up."""
    out = []
    starts = [n.span.start for n in nums]
    complements = _complements(text, lex, nums)
    for i in range(len(nums)):
        if i in claimed:
            continue
        chain, j = [i], i
        while True:
            m = lex.noun.match(text, nums[j].span.end) or lex.passive.match(text, nums[j].span.end)
            # a count inside the victim phrase means coordinated groups: follow the chain instead
            if m and not [k for k in _between(starts, m.start("who"), m.end("who")) if k not in complements]:
                who, _, _ = _who(m, text, lex)
                after = _between(starts, m.end(), len(text) + 1)
                nxt = nums[after[0]] if after else None
                if (nxt is not None and not text[m.end() : nxt.span.start].strip()) or not _victims(lex, who):
                    break  # "deux roquettes ont tué trois soldats": the count after is the victims
                kind = "killed" if m.group("killed") else "injured"
                if kind not in _stated_kinds(lex, [nums[c] for c in chain], [kind]):
                    break
                start = nums[i].span.start
                lead = lex.who_strip.match(text, nums[i].span.end)
                names = text[lead.end() if lead else nums[i].span.end : m.end("who")].strip() or None
                out.append(CasualtyMention(Span(start, m.end()), text[start : m.end()], kind,
                                           _total(lex, [nums[c] for c in chain], kind), names))
                claimed.update(chain)
                claimed.update(_between(starts, start, m.end()))  # counts in remarks
                break
            k = _coordinated(lex, text, nums, starts, j, claimed)
            if k is None or not _victims(
                lex, lex.coordination.match(text, nums[j].span.end).group("who").strip()
            ):
                break  # every coordinated group must be people ("selon un bilan provisoire, 8 personnes")
            j = k
            chain.append(j)
    return out


def _verb_then_victims(text: str, lex: CasualtyLexicon, nums: list[NumberMention], claimed: set[int]):
    """'killing three coalition personnel and a civilian', 'a blessé deux civils'."""
    out = []
    starts = [n.span.start for n in nums]
    for i, n in enumerate(nums):
        if i in claimed:
            continue
        window = text[max(0, n.span.start - ACTIVE_WINDOW) : n.span.start]
        v = lex.active_before.search(window)
        if not v:
            continue
        kinds = ["killed" if v.group("killed") else "injured"]
        if v.group("killed2") or v.group("injured2"):  # "killing and injuring a number of fighters"
            kinds.append("killed" if v.group("killed2") else "injured")
        start = n.span.start - (len(window) - v.start())
        j, end, chain = i, n.span.end, [i]
        who_start, who_end = None, None
        while True:
            w = lex.who_after.match(text, nums[j].span.end)
            phrase, s, e = _who(w, text, lex)
            if phrase:
                who_start = who_start if who_start is not None else s
                who_end, end = e, e
            k = _coordinated(lex, text, nums, starts, j, claimed)
            if k is not None:
                j = k
                chain.append(k)
                end = nums[j].span.end
                continue
            break
        who = text[who_start:who_end] if who_start is not None else None
        kinds = _stated_kinds(lex, [nums[c] for c in chain], kinds)
        if not _victims(lex, who) or not kinds:
            continue
        claimed.update(chain)
        claimed.update(_between(starts, start, end))  # counts in remarks
        out.extend(
            CasualtyMention(Span(start, end), text[start:end], kind, _total(lex, [nums[c] for c in chain], kind), who)
            for kind in dict.fromkeys(kinds)
        )
    return out


def _tolls(text: str, lex: CasualtyLexicon, nums: list[NumberMention], claimed: set[int]):
    """'le bilan s'élève à 20', 'the death toll rose to 20': the first count after the cue."""
    out = []
    for m in lex.toll.finditer(text):
        for i, n in enumerate(nums):
            if n.span.start < m.end():
                continue
            between = text[m.end() : n.span.start]
            if n.span.start - m.end() > TOLL_WINDOW or i in claimed or re.search(r"[.;\n]", between):
                break
            if not lex.toll_link.search(between):
                break
            claimed.add(i)
            out.append(
                CasualtyMention(Span(m.start(), n.span.end), text[m.start() : n.span.end], "killed", n.value)
            )
            break
    return out


def find_casualties(text: str, lang: str) -> list[CasualtyMention]:
    """Killed and injured counts stated by `text`, sorted by offset, spans relative to `text`.

    0 for statements of no victims ('sans faire de victimes' gives 0 killed and 0 injured).
    `who` is the victim phrase as written when there is one. Nothing is returned for counts the
    text leaves unknown ('Casualties unknown').
    """
    lex = lexicon(lang)
    work = numbers.normalise_quotes(text)
    nums = numbers.find_numbers(work, lang, articles=True)
    zeros = _zero_statements(work, lex)
    claimed = {i for i, n in enumerate(nums) if any(z.span.start <= n.span.start < z.span.end for z in zeros)}
    found = zeros + _victims_then_verb(work, lex, nums, claimed)
    found += _verb_then_victims(work, lex, nums, claimed)
    found += _tolls(work, lex, nums, claimed)
    out = []
    for c in found:
        # `who` as written in `text` (the matching ran on straightened apostrophes, same offsets)
        at = work.find(c.who, c.span.start) if c.who else -1
        who = text[at : at + len(c.who)] if at >= 0 else c.who
        out.append(CasualtyMention(c.span, text[c.span.start : c.span.end], c.kind, c.value, who))
    return sorted(out, key=lambda c: (c.span.start, c.kind))
