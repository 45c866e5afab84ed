"""Inputs to articles: files, folders, JSONL, RSS/Atom feeds, stdin and URLs the user names.

    read_inputs(items, *, published=None, lang=None) -> Iterator[Article | Discarded]

Each item is a path (a folder is read recursively in sorted order), `-` for stdin or an `http(s)://`
URL (fetched only because the user named it). Bad input never raises out of the iterator: it becomes
`Discarded(id, source, reason, detail)` with a reason from `errors.py` and the batch goes on.

Encoding: input should be UTF-8 (a BOM is accepted). Input that is not UTF-8 is decoded with the
charset its server or its HTML <meta> declares, when there is one; otherwise as cp1252, but only when
the result looks like Western-European text (non-ASCII characters are Latin letters or common
punctuation, and a minority of the letters): legacy French/English files are cp1252 or latin-1 and
decode exactly, while text in another legacy encoding (Cyrillic, Arabic, CJK) would turn into
plausible-looking garbage, so it is discarded as `encoding` with advice to convert it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from wirewatch import errors
from wirewatch.model import Article, Discarded, PartialDate, content_id

#: Largest input read, per file, stdin, URL or JSONL line (one article): a long news page is < 1 MB
#: of HTML, so 5 MB refuses dumps and binaries early without refusing any real article.
MAX_INPUT_BYTES = 5 * 1024 * 1024
#: Seconds to wait for a server (connect and each read); a news page answers in well under this.
FETCH_TIMEOUT = 20.0
#: The first bytes looked at to tell binary from text (a NUL byte never occurs in text).
SNIFF_BYTES = 8192

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
USER_AGENT = "wirewatch/0.1 (+https://github.com/wirewatch; fetches only URLs a user names)"


class _Bad(Exception):
    """Internal: an input error with the Discarded fields it should become."""

    def __init__(self, error: type[errors.InputError], detail: str):
        super().__init__(detail)
        self.reason = error.reason
        self.detail = detail


def _discard(source: str, error: type[errors.InputError], detail: str, ident: str | None = None) -> Discarded:
    return Discarded(ident or content_id(source), source, error.reason, detail)


# --- bytes -> str ---------------------------------------------------------------------------------


#: In Western-European prose at most ~10% of letters are accented (French ~4%); text where more than
#: this share of letters is non-ASCII after a cp1252 decode is another encoding read wrongly.
MAX_NON_ASCII_LETTER_SHARE = 0.25


def _looks_western(text: str) -> bool:
    """Every non-ASCII character is a Latin letter, a symbol or punctuation of Western text, and
    accented letters are a minority of the letters."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(not ch.isascii() for ch in letters) > MAX_NON_ASCII_LETTER_SHARE * len(letters):
        return False
    for ch in text:
        if ord(ch) < 128:
            continue
        if 0x80 <= ord(ch) <= 0x9F:  # C1 controls: never in real cp1252 text
            return False
        if not (0xA0 <= ord(ch) <= 0x24F or 0x2010 <= ord(ch) <= 0x20AC or ch in "ŒœŠšŸŽžƒˆ˜™"):
            return False
    return True


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode_declared(data: bytes, charset: str | None) -> str | None:
    """`data` decoded with the charset a server or an HTML <meta> declares, when Python knows it.

    A declared charset is trusted over the cp1252 guess: the author said what the bytes are.
    """
    if charset is None:
        m = _META_CHARSET.search(data[:SNIFF_BYTES])
        charset = m.group(1).decode("ascii", "replace") if m else None
    if not charset or charset.lower().replace("_", "-") in ("utf-8", "utf8"):
        return None
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return None


def decode(data: bytes, source: str, charset: str | None = None) -> str:
    """Bytes of one input as text (see the module docstring for the encoding policy).

    Not UTF-8: a charset declared by the server (`charset`) or by an HTML <meta> tag is used when
    Python knows it; else the cp1252 fallback of the module docstring.

    Raises `_Bad` for empty, binary and undecodable input. Newlines become `\\n`.
    """
    if not data.strip():
        raise _Bad(errors.EmptyInput, f"{source} is empty: nothing to read")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise _Bad(errors.BinaryInput, f"{source} looks binary (NUL bytes): give a text, HTML, JSONL or feed file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = _decode_declared(data, charset)
        if text is None:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = None
            if text is not None and not _looks_western(text):
                text = None
        if text is None:
            raise _Bad(
                errors.EncodingError,
                f"{source} is not valid UTF-8 (bad byte at offset {exc.start}) and not Western cp1252 text: "
                "convert it, e.g. `iconv -f <encoding> -t utf-8`",
            ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _Bad(errors.EmptyInput, f"{source} holds only white space: nothing to read")
    return text


def _read_capped(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _Bad(errors.UnreadableInput, f"cannot read {path}: {exc.strerror or exc}; check the path") from None
    if size > MAX_INPUT_BYTES:
        raise _Bad(
            errors.InputTooLarge,
            f"{path} is {size} bytes, over the {MAX_INPUT_BYTES}-byte cap: split it (e.g. one JSONL per 1000 articles)",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _Bad(errors.UnreadableInput, f"cannot read {path}: {exc.strerror or exc}; check permissions") from None


# --- formats --------------------------------------------------------------------------------------


def _article(source: str, body: str, *, is_html: bool, ident: str | None = None, **fields) -> Article:
    ident = ident or content_id(body)
    if is_html:
        return Article(id=ident, source=source, html=body, **fields)
    return Article(id=ident, source=source, text=body, **fields)


def _jsonl_line(line: str, where: str, published: str | None, lang: str | None) -> Article | Discarded:
    """The Article of one JSONL line, or a Discarded naming the file and line number."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return _discard(where, errors.MalformedInput, f"{where}: not JSON ({exc.msg}); fix or remove the line")
    if not isinstance(obj, dict):
        return _discard(where, errors.MalformedInput, f"{where}: a JSON object is expected, got {type(obj).__name__}")
    ident = str(obj["id"]) if obj.get("id") not in (None, "") else None
    if any(obj.get(k) is not None and not isinstance(obj[k], str) for k in ("text", "html")):
        return _discard(where, errors.MalformedInput, f"{where}: `text` and `html` must be strings", ident)
    body, is_html = obj.get("text"), False
    if not body or not body.strip():
        body, is_html = obj.get("html"), True
    if not body or not body.strip():
        return _discard(where, errors.EmptyInput, f"{where}: no `text` or `html`; give one of them", ident)
    fields = {k: (str(obj[k]) if obj.get(k) not in (None, "") else None) for k in ("url", "title", "published", "lang")}
    source_url = obj.get("source")  # gold files and other tools' exports keep the URL in `source`
    if not fields["url"] and isinstance(source_url, str) and source_url.lower().startswith(("http://", "https://")):
        fields["url"] = source_url
    fields["published"] = published or fields["published"]
    fields["lang"] = lang or fields["lang"]
    return _article(where, body.replace("\r\n", "\n"), is_html=is_html, ident=ident, **fields)


def _jsonl_lines(text: str, source: str, published: str | None, lang: str | None) -> Iterator[Article | Discarded]:
    """One Article per line of a JSONL text (stdin)."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _jsonl_line(line, f"{source}:{lineno}", published, lang)


def _jsonl_file(path: Path, published: str | None, lang: str | None) -> Iterator[Article | Discarded]:
    """One Article per line of a JSONL file, read line by line: the size cap applies to each line
    (one article), so a batch file may hold any number of articles."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise _Bad(errors.UnreadableInput, f"cannot read {path}: {exc.strerror or exc}; check the path") from None
    with fh:
        if b"\x00" in fh.read(SNIFF_BYTES):
            raise _Bad(errors.BinaryInput, f"{path} looks binary (NUL bytes): give a text, HTML, JSONL or feed file")
        fh.seek(0)
        seen = False
        for lineno, raw in enumerate(iter(lambda: fh.readline(MAX_INPUT_BYTES + 1), b""), start=1):
            where = f"{path}:{lineno}"
            if len(raw) > MAX_INPUT_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the over-long line
                    raw = fh.readline(MAX_INPUT_BYTES + 1)
                seen = True
                yield _discard(where, errors.InputTooLarge, f"{where}: the line is over the {MAX_INPUT_BYTES}-byte cap")
                continue
            if not raw.strip():
                continue
            seen = True
            try:
                line = decode(raw, where)
            except _Bad as bad:
                yield Discarded(content_id(where), where, bad.reason, bad.detail)
                continue
            yield _jsonl_line(line, where, published, lang)
        if not seen:
            raise _Bad(errors.EmptyInput, f"{path} is empty: nothing to read")


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
        yield _discard(source, errors.MalformedInput, f"{source}: no feed entries found{problem}; is it an RSS/Atom feed?")
        return
    for n, entry in enumerate(feed.entries, start=1):
        where = f"{source}#{n}"
        contents = entry.get("content") or []
        body = (contents[0].get("value") if contents else None) or entry.get("summary") or ""
        if not body.strip():
            yield _discard(where, errors.EmptyInput, f"{where}: the entry has no content or summary")
            continue
        date = _struct_date(entry, "published_parsed", "updated_parsed")
        yield _article(
            where,
            body,
            is_html=True,
            url=entry.get("link"),
            title=entry.get("title"),
            published=published or date,
            published_basis=None if published or not date else "feed",
            lang=lang or None,
        )


def _looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head) or head.startswith(
        (b"<rss", b"<feed")
    )


def _from_bytes(data: bytes, source: str, kind: str, published, lang) -> Iterator[Article | Discarded]:
    """Articles from the bytes of one input of a given kind (`text`, `html`, `jsonl`, `feed`)."""
    if kind == "feed":  # bytes go to feedparser as they are: the XML declares its own encoding
        if not data.strip():
            raise _Bad(errors.EmptyInput, f"{source} is empty: nothing to read")
        if b"\x00" in data[:SNIFF_BYTES]:
            raise _Bad(errors.BinaryInput, f"{source} looks binary (NUL bytes): give a text, HTML, JSONL or feed file")
        yield from _feed_entries(data, source, published, lang)
        return
    text = decode(data, source)
    if kind == "jsonl":
        yield from _jsonl_lines(text, source, published, lang)
    else:
        yield _article(source, text, is_html=kind == "html", published=published, lang=lang)


def _kind_of(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES or _looks_like_feed(data):
        return "feed"
    return "text"


def _from_path(path: Path, published, lang) -> Iterator[Article | Discarded]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_file(path, published, lang)
        return
    data = _read_capped(path)
    yield from _from_bytes(data, str(path), _kind_of(path, data), published, lang)


def _from_stdin(published, lang) -> Iterator[Article | Discarded]:
    """stdin: JSONL when its first non-blank line is a JSON object, else one text/HTML/feed document."""
    data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise _Bad(errors.InputTooLarge, f"stdin is over the {MAX_INPUT_BYTES}-byte cap: split the input")
    text = decode(data, "<stdin>")
    first = next((line for line in text.split("\n") if line.strip()), "")
    try:
        is_jsonl = isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        is_jsonl = False
    if is_jsonl:  # later bad lines become Discarded lines, as in a .jsonl file
        yield from _jsonl_lines(text, "<stdin>", published, lang)
        return
    kind = "feed" if _looks_like_feed(data) else "html" if text.lstrip()[:1] == "<" else "text"
    yield from _from_bytes(data, "<stdin>", kind, published, lang)


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
                    raise _Bad(errors.InputTooLarge, f"{url} is over the {MAX_INPUT_BYTES}-byte cap: not read")
                chunks.append(chunk)
            ctype = response.headers.get("content-type", "").lower()
    except httpx.HTTPStatusError as exc:
        raise _Bad(errors.FetchError, f"{url} answered HTTP {exc.response.status_code}; check the URL") from None
    except httpx.HTTPError as exc:
        raise _Bad(errors.FetchError, f"{url} could not be fetched ({type(exc).__name__}: {exc}); check the URL and network") from None
    data = b"".join(chunks)
    charset = response.charset_encoding
    fetched = datetime.now(UTC).isoformat(timespec="seconds")
    path = url.split("?")[0].lower()
    if "rss" in ctype or "atom" in ctype or path.endswith((".rss", ".atom", ".xml", "/feed", "/rss")) or _looks_like_feed(data):
        yield from _from_bytes(data, url, "feed", published, lang)
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
            except _Bad as bad:
                yield Discarded(content_id(source), source, bad.reason, bad.detail)
            except Exception as exc:  # a parser bug must not end the batch  # noqa: BLE001
                yield Discarded(
                    content_id(source),
                    source,
                    errors.MalformedInput.reason,
                    f"{source} could not be read ({type(exc).__name__}: {exc}); please report this input",
                )
