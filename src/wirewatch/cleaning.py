"""Clean text: HTML to text, boilerplate lines out, a normalised copy for NLP with an offset map.

    html_to_text(html)            -> str             trafilatura, paragraphs as lines
    strip_boilerplate(text, lang) -> str             a line filter; every kept line is verbatim
    normalise(text)               -> (str, OffsetMap) typographic quotes, odd spaces, ellipsis

`strip_boilerplate` never rewrites a line: the stored `Document.text` is made of input lines, so every
provenance span can be found again in the raw input. Patterns are data: `data/lang/boilerplate.toml`
(language-neutral) plus `data/lang/<code>/boilerplate.toml` (one per language).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

from wirewatch import languages

#: Pattern (`prefix`/`search`) rules only look at lines shorter than this. The longest call-to-action
#: or caption line seen in scraped dumps is ~260 characters; article paragraphs are usually longer,
#: so a paragraph that mentions 'newsletter' or 'photo' in passing is never dropped.
PATTERN_MAX_CHARS = 300
#: A line of at most this many words with no sentence punctuation and no digit is navigation ('TV',
#: 'Accueil', 'Occupation américaine'); 2 keeps three-word headlines and 'AP, BAGHDAD' datelines.
NAV_MAX_WORDS = 2
#: After a 'Lire aussi' / 'Related' header on its own line, up to this many following headline-like
#: lines (short, no sentence-final punctuation) are links to other articles: related-story widgets
#: list 1 to 5 headlines.
RELATED_MAX_LINES = 5
#: A related-story headline is shorter than this; article sentences that follow a header are longer
#: or end with a full stop.
HEADLINE_MAX_CHARS = 150

_COMMON_FILE = languages.LANG_DIR / "boilerplate.toml"
_END_PUNCT = " \t.:!?…;,\"'«»“”’‘*-–—>→➡️\u00a0\u202f"
_SENTENCE_PUNCT = re.compile(r"[.!?…;:,»\"”]")


@dataclass(frozen=True, slots=True)
class _Rules:
    """The compiled boilerplate rules of one language (or of all), by kind."""

    exact: dict[str, str]  # folded line -> kind
    prefix: tuple[tuple[str, str], ...]  # (lowercase prefix, kind)
    search: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, kind)


#: Apostrophe and space variants folded before matching, so a pattern written with ' matches ’.
_MATCH_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " "})


def _fold(line: str) -> str:
    return line.translate(_MATCH_FOLD).strip(_END_PUNCT).casefold()


def _load_toml(path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}


@cache
def _rules(lang: str | None) -> _Rules:
    """Common rules plus those of `lang` (of every supported language when `lang` is None)."""
    codes = languages.supported() if lang is None else (lang,)
    tables = [_load_toml(_COMMON_FILE)] + [_load_toml(languages.lang_file(c, "boilerplate.toml")) for c in codes]
    exact: dict[str, str] = {}
    prefix: list[tuple[str, str]] = []
    search: list[tuple[re.Pattern[str], str]] = []
    for table in tables:
        for kind, spec in table.items():
            for line in spec.get("exact", ()):
                exact.setdefault(_fold(line), kind)
            prefix.extend((p.casefold(), kind) for p in spec.get("prefix", ()))
            search.extend((re.compile(p, re.IGNORECASE), kind) for p in spec.get("search", ()))
    return _Rules(exact, tuple(prefix), tuple(search))


def boilerplate_kind(line: str, lang: str | None = None) -> str | None:
    """The kind of boilerplate a single line is (`share`, `credit`, `newsletter`...), or None.

    Only the data-file patterns are checked here; `strip_boilerplate` adds the context rules
    (repeated lines, short navigation lines).
    """
    stripped = line.translate(_MATCH_FOLD).strip()
    if not stripped:
        return None
    rules = _rules(lang)
    kind = rules.exact.get(_fold(stripped))
    if kind:
        return kind
    if len(stripped) >= PATTERN_MAX_CHARS:
        return None
    low = stripped.casefold()
    for start, kind in rules.prefix:
        if low.startswith(start):
            return kind
    for pattern, kind in rules.search:
        if pattern.search(stripped):
            return kind
    return None


def _is_navigation(line: str) -> bool:
    """A very short line with no sentence punctuation and no number: a menu item or a section label."""
    words = line.split()
    return (
        0 < len(words) <= NAV_MAX_WORDS
        and not _SENTENCE_PUNCT.search(line)
        and not any(ch.isdigit() for ch in line)
    )


def explain_boilerplate(text: str, lang: str | None = None) -> list[tuple[str, str | None]]:
    """Each line of `text` with the reason it is dropped (`kind`, `repeated`, `navigation`) or None.

    Blank lines are reported with None; `strip_boilerplate` decides which of them to keep.
    """
    seen: set[str] = set()
    out: list[tuple[str, str | None]] = []
    related_left = 0  # headline-like lines still to drop after a 'related stories' header
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            out.append((line, None))
            continue
        reason = boilerplate_kind(stripped, lang)
        if reason is None and related_left and _is_headline(stripped):
            reason = "related-link"
            related_left -= 1
        else:
            related_left = 0
        if reason == "recommended" and _is_header(stripped, lang):
            related_left = RELATED_MAX_LINES
        if reason is None and stripped in seen:  # captions and pull quotes repeat verbatim: keep the first
            reason = "repeated"
        if reason is None and _is_navigation(stripped):
            reason = "navigation"
        seen.add(stripped)
        out.append((line, reason))
    return out


def _is_header(line: str, lang: str | None) -> bool:
    """The line is a whole 'recommended' header ('Lire aussi', 'Related articles'), not a prefixed link."""
    return _fold(line) in _rules(lang).exact


def _is_headline(line: str) -> bool:
    """Short, and not ending like a sentence: a link to another story."""
    return len(line) < HEADLINE_MAX_CHARS and not line.rstrip().endswith((".", "!", "?", "…", ":"))


def strip_boilerplate(text: str, lang: str | None = None) -> str:
    """Drop web boilerplate lines from a scraped text dump, keep every article line verbatim.

    Dropped: lines matching the boilerplate patterns of the language files (slides, share buttons,
    newsletter, donation, cookie, 'recommended' headers, photo credits, hashtag-only and separator
    lines), up to RELATED_MAX_LINES headlines right after a 'recommended' header, second and later
    copies of a line (repeated captions) and very short navigation lines.
    Runs of blank lines collapse to their first line; blank lines at both ends go. With `lang=None`
    the patterns of every supported language apply.
    """
    kept: list[str] = []
    pending_blank: str | None = None
    for line, reason in explain_boilerplate(text, lang):
        if not line.strip():
            if kept and pending_blank is None:
                pending_blank = line
            continue
        if reason is not None:
            continue
        if pending_blank is not None:
            kept.append(pending_blank)
            pending_blank = None
        kept.append(line)
    return "\n".join(kept)


_BLOCK_TAGS = {"p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe"}
_PAGE_MARKERS = re.compile(r"<\s*(html|body|head)\b", re.IGNORECASE)


class _FragmentText(HTMLParser):
    """Text of an HTML fragment, block elements as line breaks, scripts and styles skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def fragment_to_text(html: str) -> str:
    """The text of an HTML fragment (a feed entry's summary), one block per line."""
    parser = _FragmentText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_text(html: str) -> str:
    """The article text of an HTML page (trafilatura), one paragraph per line; '' when none is found.

    Comments and tables are left out (tables in news pages are mostly sidebars and scores). An HTML
    *fragment* (no <html>/<body>, e.g. a feed entry's content) is too small for trafilatura's
    page analysis and is converted with `fragment_to_text` instead.
    """
    if not _PAGE_MARKERS.search(html[:5000]):
        return fragment_to_text(html)
    import trafilatura  # heavy import, only when HTML is actually given

    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    return (text or "").strip()


def html_title(html: str) -> str | None:
    """The title of an HTML page from its metadata (trafilatura), or None."""
    import trafilatura

    meta = trafilatura.extract_metadata(html)
    return meta.title if meta is not None and meta.title else None


# --- normalisation for NLP ------------------------------------------------------------------------

#: One-to-one replacements (offsets unchanged).
_SAME_LENGTH = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u02bc\u2032\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u3000\u205f", " "),
    **dict.fromkeys("\u2010\u2011", "-"),
    "\t": " ",
}
#: Replacements that change the length (the offset map records them).
_OTHER = {
    "\u2026": "...",
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
}

_TO_REPLACE = re.compile("[" + re.escape("".join(_SAME_LENGTH) + "".join(_OTHER)) + "]")


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets of a normalised text back to the text it was made from.

    `starts` lists, for each normalised character, the offset of the original character it comes
    from; `length` is the length of the original. Empty `starts` with `identity=True` means nothing
    moved.
    """

    starts: tuple[int, ...]
    length: int
    identity: bool = False

    def to_original(self, i: int) -> int:
        """The offset in the original text of offset `i` of the normalised text (0 <= i <= len)."""
        if self.identity:
            if not 0 <= i <= self.length:
                raise IndexError(i)
            return i
        if not 0 <= i <= len(self.starts):
            raise IndexError(i)
        return self.length if i == len(self.starts) else self.starts[i]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """A normalised span `[start, end)` as the smallest original span covering it."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        o_start = self.to_original(start)
        last = self.to_original(end - 1)
        # the end is the start of the next original character after the one `end - 1` comes from
        nxt = self.to_original(end)
        return o_start, max(nxt, last + 1)

    def to_normalised(self, o: int) -> int:
        """The first normalised offset whose original offset is >= `o` (inverse, for lookups)."""
        if self.identity:
            return o
        return bisect_right(self.starts, o - 1) if o > 0 else 0


#: A sentence end glued to the next sentence by a lost line break or space ("... (KH).Dimanche, 25
#: combattants"): a final mark after a word or a closing bracket/quote, then a capital and two lower-case
#: letters. Abbreviations ("U.S.Army") and decimals have a capital or a digit before the mark.
_GLUED_SENTENCE = re.compile(r"(?<=[a-zà-ÿ)\]»\"])[.!?](?=[A-ZÀ-Ý][a-zà-ÿ]{2})")


def normalise(text: str) -> tuple[str, OffsetMap]:
    """A copy of `text` for NLP: typographic apostrophes/quotes to ASCII, odd spaces to spaces,
    '…' to '...', zero-width characters and soft hyphens removed, accents composed (NFC), and a
    space after a sentence end glued to the next sentence (`_GLUED_SENTENCE`).

    Guillemets « » are kept (the French models are trained with them). Returns the copy and an
    `OffsetMap` from its offsets to those of `text`.
    """
    norm, offsets = _characters(text)
    if not _GLUED_SENTENCE.search(norm):
        return norm, offsets
    out: list[str] = []
    starts: list[int] = []
    pos = 0
    for m in _GLUED_SENTENCE.finditer(norm):
        out.append(norm[pos : m.end()] + " ")
        starts.extend(offsets.to_original(i) for i in range(pos, m.end()))
        starts.append(offsets.to_original(m.end()))  # the space stands before the next character
        pos = m.end()
    out.append(norm[pos:])
    starts.extend(offsets.to_original(i) for i in range(pos, len(norm)))
    return "".join(out), OffsetMap(tuple(starts), offsets.length if not offsets.identity else len(text))


def _characters(text: str) -> tuple[str, OffsetMap]:
    """The character-level part of `normalise`."""
    if unicodedata.is_normalized("NFC", text):  # the usual case: only the replacement table applies
        return _replace_only(text)
    out: list[str] = []
    starts: list[int] = []
    changed = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        if j > i + 1:  # a base character with combining marks: compose it when possible
            cluster = text[i:j]
            composed = unicodedata.normalize("NFC", cluster)
            if composed != cluster:
                changed = True
            out.append(composed)
            starts.extend([i] * len(composed))
            i = j
            continue
        if ch in _SAME_LENGTH:
            rep = _SAME_LENGTH[ch]
        elif ch in _OTHER:
            rep = _OTHER[ch]
        else:
            rep = ch
        if rep != ch:
            changed = True
        out.append(rep)
        starts.extend([i] * len(rep))
        i += 1
    norm = "".join(out)
    if not changed:
        return text, OffsetMap((), len(text), identity=True)
    return norm, OffsetMap(tuple(starts), len(text))


def _replace_only(text: str) -> tuple[str, OffsetMap]:
    """`normalise` for text already in NFC: copy runs between replacements in bulk."""
    if not _TO_REPLACE.search(text):
        return text, OffsetMap((), len(text), identity=True)
    out: list[str] = []
    starts: list[int] = []
    pos = 0
    for m in _TO_REPLACE.finditer(text):
        i = m.start()
        out.append(text[pos:i])
        starts.extend(range(pos, i))
        ch = text[i]
        rep = _SAME_LENGTH.get(ch, _OTHER.get(ch, ch))
        out.append(rep)
        starts.extend([i] * len(rep))
        pos = i + 1
    out.append(text[pos:])
    starts.extend(range(pos, len(text)))
    return "".join(out), OffsetMap(tuple(starts), len(text))
