"""Bytes of one input to text (the encoding policy of `wirewatch.sources`).

    decode(data, source, charset=None) -> str        raises Bad for empty, binary, undecodable input

Input should be UTF-8 (a BOM is accepted). Input that is not UTF-8 is decoded with the charset its
server or its HTML <meta> declares, when there is one; otherwise as cp1252, but only when the result
looks like Western-European text (non-ASCII characters are Latin letters or common punctuation, and a
minority of the letters): legacy French/English files are cp1252 or latin-1 and decode exactly,
while text in another legacy encoding (Cyrillic, Arabic, CJK) would turn into plausible-looking
garbage, so it is discarded as `encoding` with advice to convert it.
"""

from __future__ import annotations

import re

from wirewatch import errors
from wirewatch.model import Discarded, content_id

#: The first bytes looked at to tell binary from text (a NUL byte never occurs in text).
SNIFF_BYTES = 8192
#: In Western-European prose at most ~10% of letters are accented (French ~4%); text where more than
#: this share of letters is non-ASCII after a cp1252 decode is another encoding read wrongly.
MAX_NON_ASCII_LETTER_SHARE = 0.25


class Bad(Exception):
    """Internal to `wirewatch.sources`: an input error with the Discarded fields it should become."""

    def __init__(self, error: type[errors.InputError], detail: str):
        super().__init__(detail)
        self.reason = error.reason
        self.detail = detail


def discard(source: str, error: type[errors.InputError], detail: str, ident: str | None = None) -> Discarded:
    """The Discarded of one bad input (id: `ident`, else a hash of its source)."""
    return Discarded(ident or content_id(source), source, error.reason, detail)


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

    Raises `Bad` for empty, binary and undecodable input. Newlines become `\\n`.
    """
    if not data.strip():
        raise Bad(errors.EmptyInput, f"{source} is empty: nothing to read")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise Bad(errors.BinaryInput, f"{source} looks binary (NUL bytes): give a text, HTML, JSONL or feed file")
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
            raise Bad(
                errors.EncodingError,
                f"{source} is not valid UTF-8 (bad byte at offset {exc.start}) and not Western cp1252 text: "
                "convert it, e.g. `iconv -f <encoding> -t utf-8`",
            ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Bad(errors.EmptyInput, f"{source} holds only white space: nothing to read")
    return text
