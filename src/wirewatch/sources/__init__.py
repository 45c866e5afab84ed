"""Inputs to articles: files, folders, JSONL, RSS/Atom feeds, stdin and URLs the user names.

    read_inputs(items, *, published=None, lang=None) -> Iterator[Article | Discarded]

Each item is a path (a folder is read recursively in sorted order), `-` for stdin or an `http(s)://`
URL (fetched only because the user named it). Bad input never raises out of the iterator: it becomes
`Discarded(id, source, reason, detail)` with a reason from `errors.py` and the batch goes on.

This module reads the bytes (with the size cap) and dispatches them; its two stages:

    decoding.py  bytes -> text: UTF-8, else a declared charset, else Western cp1252 (`decode`)
    formats.py   text/HTML/JSONL/feed -> Article (`from_bytes`, `jsonl_line`)
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from wirewatch import errors
from wirewatch.model import Article, Discarded, PartialDate, content_id
from wirewatch.sources.decoding import SNIFF_BYTES, Bad, decode, discard
from wirewatch.sources.formats import from_bytes, jsonl_line, jsonl_lines, looks_like_feed

__all__ = ["FETCH_TIMEOUT", "MAX_INPUT_BYTES", "USER_AGENT", "decode", "read_inputs"]

# The size cap and the HTTP client live here, where every read happens, so that tests can replace
# them on this module (`monkeypatch.setattr(sources, "MAX_INPUT_BYTES", 100)`).

#: Largest input read, per file, stdin, URL or JSONL line (one article): a long news page is < 1 MB
#: of HTML, so 5 MB refuses dumps and binaries early without refusing any real article.
MAX_INPUT_BYTES = 5 * 1024 * 1024
#: Seconds to wait for a server (connect and each read); a news page answers in well under this.
FETCH_TIMEOUT = 20.0

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
USER_AGENT = "wirewatch/0.1 (+https://github.com/wirewatch; fetches only URLs a user names)"


def _read_capped(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Bad(errors.UnreadableInput, f"cannot read {path}: {exc.strerror or exc}; check the path") from None
    if size > MAX_INPUT_BYTES:
        raise Bad(
            errors.InputTooLarge,
            f"{path} is {size} bytes, over the {MAX_INPUT_BYTES}-byte cap: split it (e.g. one JSONL per 1000 articles)",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Bad(errors.UnreadableInput, f"cannot read {path}: {exc.strerror or exc}; check permissions") from None


def _jsonl_file(path: Path, published: str | None, lang: str | None) -> Iterator[Article | Discarded]:
    """One Article per line of a JSONL file, read line by line: the size cap applies to each line
    (one article), so a batch file may hold any number of articles."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise Bad(errors.UnreadableInput, f"cannot read {path}: {exc.strerror or exc}; check the path") from None
    with fh:
        if b"\x00" in fh.read(SNIFF_BYTES):
            raise Bad(errors.BinaryInput, f"{path} looks binary (NUL bytes): give a text, HTML, JSONL or feed file")
        fh.seek(0)
        seen = False
        for lineno, raw in enumerate(iter(lambda: fh.readline(MAX_INPUT_BYTES + 1), b""), start=1):
            where = f"{path}:{lineno}"
            if len(raw) > MAX_INPUT_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the over-long line
                    raw = fh.readline(MAX_INPUT_BYTES + 1)
                seen = True
                yield discard(where, errors.InputTooLarge, f"{where}: the line is over the {MAX_INPUT_BYTES}-byte cap")
                continue
            if not raw.strip():
                continue
            seen = True
            try:
                line = decode(raw, where)
            except Bad as bad:
                yield Discarded(content_id(where), where, bad.reason, bad.detail)
                continue
            yield jsonl_line(line, where, published, lang)
        if not seen:
            raise Bad(errors.EmptyInput, f"{path} is empty: nothing to read")


def _kind_of(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES or looks_like_feed(data):
        return "feed"
    return "text"


def _from_path(path: Path, published, lang) -> Iterator[Article | Discarded]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_file(path, published, lang)
        return
    data = _read_capped(path)
    yield from from_bytes(data, str(path), _kind_of(path, data), published, lang)


def _from_stdin(published, lang) -> Iterator[Article | Discarded]:
    """stdin: JSONL when its first non-blank line is a JSON object, else one text/HTML/feed document."""
    data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise Bad(errors.InputTooLarge, f"stdin is over the {MAX_INPUT_BYTES}-byte cap: split the input")
    text = decode(data, "<stdin>")
    first = next((line for line in text.split("\n") if line.strip()), "")
    try:
        is_jsonl = isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        is_jsonl = False
    if is_jsonl:  # later bad lines become Discarded lines, as in a .jsonl file
        yield from jsonl_lines(text, "<stdin>", published, lang)
        return
    kind = "feed" if looks_like_feed(data) else "html" if text.lstrip()[:1] == "<" else "text"
    yield from from_bytes(data, "<stdin>", kind, published, lang)


def _http_client():
    """The HTTP client used for URLs (a seam for tests: replace with one on an httpx.MockTransport)."""
    import httpx

    return httpx.Client(timeout=FETCH_TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT})


def _from_url(url: str, published, lang) -> Iterator[Article | Discarded]:
    """Fetch one URL the user named: a feed gives its entries, a page or a text file one article."""
    import httpx

    try:
        with _http_client() as client, client.stream("GET", url) as response:
            response.raise_for_status()
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_INPUT_BYTES:
                    raise Bad(errors.InputTooLarge, f"{url} is over the {MAX_INPUT_BYTES}-byte cap: not read")
                chunks.append(chunk)
            ctype = response.headers.get("content-type", "").lower()
    except httpx.HTTPStatusError as exc:
        raise Bad(errors.FetchError, f"{url} answered HTTP {exc.response.status_code}; check the URL") from None
    except httpx.HTTPError as exc:
        raise Bad(errors.FetchError, f"{url} could not be fetched ({type(exc).__name__}: {exc}); check the URL and network") from None
    data = b"".join(chunks)
    charset = response.charset_encoding
    fetched = datetime.now(UTC).isoformat(timespec="seconds")
    path = url.split("?")[0].lower()
    if "rss" in ctype or "atom" in ctype or path.endswith((".rss", ".atom", ".xml", "/feed", "/rss")) or looks_like_feed(data):
        yield from from_bytes(data, url, "feed", published, lang)
        return
    kind = "text" if ctype.startswith("text/plain") else "html"
    text = decode(data, url, charset)
    ident = content_id(text)
    body = {"html": text} if kind == "html" else {"text": text}
    yield Article(id=ident, source=url, url=url, published=published, lang=lang, fetched_at=fetched, **body)


def _expand(item: str | Path) -> Iterator[tuple[str, Path | None]]:
    """('url'|'stdin'|'path', path) for one item; folders expand to their known files, sorted."""
    text = str(item)
    if text == "-":
        yield "stdin", None
    elif text.lower().startswith(("http://", "https://")):
        yield "url", None
    else:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in KNOWN_SUFFIXES:
                    yield "path", child
        else:
            yield "path", path


def read_inputs(
    items: Iterable[str | Path], *, published: str | None = None, lang: str | None = None
) -> Iterator[Article | Discarded]:
    """Every article of the given paths, folders, URLs and `-` (stdin), in order.

    `published` (ISO date) and `lang` (ISO 639-1), when given, apply to every article of the run
    and win over the values of JSONL lines and feeds. Never raises for bad input: each problem is
    a `Discarded` and the next input is read. A malformed `published` argument is the caller's
    mistake, not bad input: it raises `errors.InputError` at once, before anything is read.
    """
    if published is not None:
        try:
            if PartialDate.parse(published) is None:
                raise ValueError(published)
        except ValueError:
            raise errors.InputError(
                f"published date {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD: give e.g. 2021-07-29"
            ) from None
    if isinstance(items, (str, Path)):
        items = [items]
    return _read_all(list(items), published, lang)


def _read_all(items: list, published: str | None, lang: str | None) -> Iterator[Article | Discarded]:
    for item in items:
        try:
            expanded = list(_expand(item))
        except OSError as exc:
            source = str(item)
            yield Discarded(content_id(source), source, errors.UnreadableInput.reason, f"cannot list {source}: {exc}")
            continue
        for how, path in expanded:
            source = str(path) if path is not None else "<stdin>" if how == "stdin" else str(item)
            try:
                if how == "stdin":
                    yield from _from_stdin(published, lang)
                elif how == "url":
                    yield from _from_url(str(item), published, lang)
                else:
                    yield from _from_path(path, published, lang)
            except Bad as bad:
                yield Discarded(content_id(source), source, bad.reason, bad.detail)
            except Exception as exc:  # a parser bug must not end the batch  # noqa: BLE001
                yield Discarded(
                    content_id(source),
                    source,
                    errors.MalformedInput.reason,
                    f"{source} could not be read ({type(exc).__name__}: {exc}); please report this input",
                )
