"""Bytes to text: encoding detection and refusal of content that is not text."""

from __future__ import annotations

import re
import unicodedata

from bs4.dammit import UnicodeDammit

from sources.readers.errors import ParseError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_MAX_GARBAGE_SHARE = 0.02
# UTF-32 before UTF-16: ASCII in UTF-32 also has a NUL at every other byte
_WIDE = (("utf-32-le", 4, 0), ("utf-32-be", 4, 3), ("utf-16-le", 2, 0), ("utf-16-be", 2, 1))
_WIDE_SHARE = 0.9


def _without_bom(content: bytes) -> str | None:
    """Text in UTF-16 or UTF-32 without a byte-order mark, recognised by where its NUL bytes fall: text
    mostly in ASCII has one non-zero byte per code unit, always at the same place and below 0x80. None
    for anything else (binary content)."""
    head = content[: 4096 - 4096 % 4]
    for codec, width, low in _WIDE:
        units = [head[i : i + width] for i in range(0, len(head) - width + 1, width)]
        if not units:
            return None
        fitting = sum(1 for u in units if 0 < u[low] < 0x80 and not any(b for i, b in enumerate(u) if i != low))
        if fitting >= _WIDE_SHARE * len(units) and len(content) % width == 0:
            try:
                return content.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode(content: bytes, *, is_html: bool = False) -> str:
    """Decode bytes (BOM, declared charset, UTF-8, then detection) and normalise newlines and NFC.

    Raises ParseError for empty, binary or undecodable content.
    """
    if not content.strip():
        raise ParseError("empty document")
    if b"\x00" in content[:4096] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _without_bom(content)
        if text is None:
            raise ParseError("binary content (NUL bytes), not a text document")
    else:
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
