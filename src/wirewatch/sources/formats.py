"""Decoded inputs to articles, by format: plain text, HTML, JSONL lines, RSS/Atom feeds.

    from_bytes(data, source, kind, published, lang) -> Iterator[Article | Discarded]
    jsonl_line(line, where, published, lang) -> Article | Discarded
    looks_like_feed(data) -> bool
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

from wirewatch import errors
from wirewatch.model import Article, Discarded, content_id
from wirewatch.sources.decoding import SNIFF_BYTES, Bad, decode, discard


def article(source: str, body: str, *, is_html: bool, ident: str | None = None, **fields) -> Article:
    """An Article of a text or HTML body; its id is `ident`, else a hash of the body."""
    ident = ident or content_id(body)
    if is_html:
        return Article(id=ident, source=source, html=body, **fields)
    return Article(id=ident, source=source, text=body, **fields)


def jsonl_line(line: str, where: str, published: str | None, lang: str | None) -> Article | Discarded:
    """The Article of one JSONL line, or a Discarded naming the file and line number."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return discard(where, errors.MalformedInput, f"{where}: not JSON ({exc.msg}); fix or remove the line")
    if not isinstance(obj, dict):
        return discard(where, errors.MalformedInput, f"{where}: a JSON object is expected, got {type(obj).__name__}")
    ident = str(obj["id"]) if obj.get("id") not in (None, "") else None
    if any(obj.get(k) is not None and not isinstance(obj[k], str) for k in ("text", "html")):
        return discard(where, errors.MalformedInput, f"{where}: `text` and `html` must be strings", ident)
    body, is_html = obj.get("text"), False
    if not body or not body.strip():
        body, is_html = obj.get("html"), True
    if not body or not body.strip():
        return discard(where, errors.EmptyInput, f"{where}: no `text` or `html`; give one of them", ident)
    fields = {k: (str(obj[k]) if obj.get(k) not in (None, "") else None) for k in ("url", "title", "published", "lang")}
    source_url = obj.get("source")  # gold files and other tools' exports keep the URL in `source`
    if not fields["url"] and isinstance(source_url, str) and source_url.lower().startswith(("http://", "https://")):
        fields["url"] = source_url
    fields["published"] = published or fields["published"]
    fields["lang"] = lang or fields["lang"]
    return article(where, body.replace("\r\n", "\n"), is_html=is_html, ident=ident, **fields)


def jsonl_lines(text: str, source: str, published: str | None, lang: str | None) -> Iterator[Article | Discarded]:
    """One Article per line of a JSONL text (stdin)."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield jsonl_line(line, f"{source}:{lineno}", published, lang)


def _struct_date(entry, *keys) -> str | None:
    for key in keys:
        value = entry.get(key)
        if value:
            try:
                return datetime(*value[:3]).date().isoformat()
            except (TypeError, ValueError):
                continue
    return None


def _feed_entries(data: bytes, source: str, published: str | None, lang: str | None) -> Iterator[Article | Discarded]:
    """One Article per RSS/Atom entry: its link, title, date and content (else summary) as HTML."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield discard(source, errors.MalformedInput, f"{source}: no feed entries found{problem}; is it an RSS/Atom feed?")
        return
    for n, entry in enumerate(feed.entries, start=1):
        where = f"{source}#{n}"
        contents = entry.get("content") or []
        body = (contents[0].get("value") if contents else None) or entry.get("summary") or ""
        if not body.strip():
            yield discard(where, errors.EmptyInput, f"{where}: the entry has no content or summary")
            continue
        date = _struct_date(entry, "published_parsed", "updated_parsed")
        yield article(
            where,
            body,
            is_html=True,
            url=entry.get("link"),
            title=entry.get("title"),
            published=published or date,
            published_basis=None if published or not date else "feed",
            lang=lang or None,
        )


def looks_like_feed(data: bytes) -> bool:
    """True when the bytes start like an RSS, Atom or RDF document."""
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head) or head.startswith(
        (b"<rss", b"<feed")
    )


def from_bytes(data: bytes, source: str, kind: str, published, lang) -> Iterator[Article | Discarded]:
    """Articles from the bytes of one input of a given kind (`text`, `html`, `jsonl`, `feed`)."""
    if kind == "feed":  # bytes go to feedparser as they are: the XML declares its own encoding
        if not data.strip():
            raise Bad(errors.EmptyInput, f"{source} is empty: nothing to read")
        if b"\x00" in data[:SNIFF_BYTES]:
            raise Bad(errors.BinaryInput, f"{source} looks binary (NUL bytes): give a text, HTML, JSONL or feed file")
        yield from _feed_entries(data, source, published, lang)
        return
    text = decode(data, source)
    if kind == "jsonl":
        yield from jsonl_lines(text, source, published, lang)
    else:
        yield article(source, text, is_html=kind == "html", published=published, lang=lang)
