"""Bytes to text: encoding detection and refusal of content that is not text."""

from __future__ import annotations

import re
import unicodedata

from bs4.dammit import UnicodeDammit

from sources.readers.errors import ParseError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_MAX_GARBAGE_SHARE = 0.02


def decode(content: bytes, *, is_html: bool = False) -> str:
    """Decode bytes (BOM, declared charset, UTF-8, then detection) and normalise newlines and NFC.

    Raises ParseError for empty, binary or undecodable content.
    """
    if not content.strip():
        raise ParseError("empty document")
    if b"\x00" in content[:4096] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("binary content (NUL bytes), not a text document")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # declared charsets first (HTML), then Windows-1252, the usual non-UTF-8 encoding of web text
        dammit = UnicodeDammit(content, is_html=is_html, user_encodings=["windows-1252"])
        if dammit.unicode_markup is None:
            raise ParseError("cannot decode: no encoding fits the bytes") from None
        text = dammit.unicode_markup
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    garbage = len(_CONTROL.findall(text))
    if garbage > _MAX_GARBAGE_SHARE * len(text):
        raise ParseError(f"cannot decode: {garbage} control or replacement characters in {len(text)}")
    if not text.strip():
        raise ParseError("empty document")
    return _CONTROL.sub(" ", text)
