"""Markdown as blogs publish it (Jekyll and Hugo posts): YAML front matter, links, images, template tags,
inline HTML and hard-wrapped lines become the plain text a reader of the rendered page sees.

Every pattern is bounded (a link's text, a tag's length), so a malformed file costs linear time.
"""

from __future__ import annotations

import html
import re
from typing import Any

import yaml

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?P<yaml>.{0,20000}?)\n---[ \t]*(?:\n|\Z)", re.S)
# a template tag quoting someone: {{< quote-block text="..." cite="Role, Name" >}}: the quote and a dash
# attribution line, as the rendered page shows them
_QUOTE_TAG = re.compile(r"\{\{[<%][ \t]*[\w-]*quote[\w-]*(?P<attrs>[^{}]{0,5000}?)[>%]\}\}", re.I)
_ATTRIBUTE = re.compile(r"(?P<key>\w+)=\"(?P<value>[^\"]{0,5000})\"")
# no brace inside a tag: a scan from one "{{" stops at the next brace, so runs are never rescanned
_TEMPLATE_TAG = re.compile(r"\{\{[<%][^{}]{0,5000}[>%]\}\}|\{%[^{}]{0,2000}%\}|\{\{[^{}]{0,2000}\}\}")
_FOOTNOTE_MARK = re.compile(r"<sup\b[^<>]{0,300}>.{0,300}?</sup>", re.S | re.I)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,1000}>")
_IMAGE = re.compile(r"!\[[^\[\]]{0,1000}\]\([^()]{0,2000}\)")
_LINK = re.compile(r"\[(?P<text>[^\[\]]{0,1000})\]\((?P<url>[^()\s]{0,2000}(?:\([^()\s]{0,200}\))?)(?:[ \t]+\"[^\"]{0,300}\")?\)")
_REF_LINK = re.compile(r"\[(?P<text>[^\[\]]{1,1000})\]\[[^\[\]]{0,100}\]")
_REF_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\[\]]{1,200}\]:[ \t]*\S+[^\n]*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>\s]{0,2000}>")
_STRONG = re.compile(r"\*\*(?=\S)(?P<text>[^*\n]{1,500}?)(?<=\S)\*\*|(?<!\w)__(?=\S)(?P<under>[^_\n]{1,500}?)(?<=\S)__")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(?P<text>[^*\n]{1,500}?)(?<=\S)\*(?![\w*])")
_BLOCKQUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.M)
# lines that start their own block even without a blank line before them
_BLOCK_START = re.compile(
    r"^[ \t]*(?:[-*+•][ \t]|\d{1,3}[.)][ \t]|#{1,6}[ \t]|\||[—–][ \t]?\S|[A-Z][\w ]{0,25}:[ \t])"
)  # also "Label: value" lines ("By: NAME", "Speaker 1: NAME")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The YAML front matter of a post (empty when there is none or it does not parse) and the body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group("yaml"))
    except yaml.YAMLError:
        return {}, text
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]


def author_names(value: object) -> tuple[str, ...]:
    """Authors of the front matter that are people's names: "Jane Roe" as written, a slug of two or
    three words ("jane-roe") spelled out; a bare user name ("jroe") is no name."""
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    out = []
    for item in items:
        if not isinstance(item, str):
            continue
        item = item.strip()
        if " " in item:
            out.append(item)
        elif re.fullmatch(r"[a-z]+(?:-[a-z]+){1,2}", item):
            out.append(" ".join(part.capitalize() for part in item.split("-")))
    return tuple(out)


def _quote_tag(match: re.Match[str]) -> str:
    attributes = {m.group("key").lower(): html.unescape(m.group("value")) for m in _ATTRIBUTE.finditer(match["attrs"])}
    quote = attributes.get("text") or attributes.get("quote")
    if not quote:
        return ""
    cite = attributes.get("cite") or attributes.get("author") or attributes.get("source")
    return f"\n\n“{quote.strip()}”\n— {cite.strip()}\n\n" if cite else f"\n\n“{quote.strip()}”\n\n"


def _unwrap(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph; list items, headings and table rows keep their lines."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and out[-1].strip() and line.strip() and not _BLOCK_START.match(line) and not _heading(out[-1]):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line.rstrip())
    return "\n".join(out)


def _strip_comments(text: str) -> str:
    """Text without <!-- ... --> comments (found with str.find: one pass, however many are unclosed)."""
    out, cursor = [], 0
    while (start := text.find("<!--", cursor)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[cursor:start])
        cursor = end + 3
    out.append(text[cursor:])
    return "".join(out)


_INNER_QUOTES = str.maketrans({"“": "‘", "”": "’"})


def _blockquotes(text: str) -> str:
    """Block quotes ("> ..." lines) as the quotations they are: each paragraph opens with a quotation mark
    and the last one closes (the English convention for a quotation over paragraphs)."""
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        paragraphs = [p.strip() for p in "\n".join(block).split("\n\n") if p.strip()]
        if paragraphs and not paragraphs[0].startswith(("“", '"')):
            # quotation marks inside become single ones, as a quotation within a quotation is printed
            paragraphs = [f"“{p.translate(_INNER_QUOTES)}" for p in paragraphs]
            paragraphs[-1] += "”"
        out.append("\n\n".join(paragraphs))
        block.clear()

    for line in text.split("\n"):
        if _BLOCKQUOTE.match(line):
            block.append(_BLOCKQUOTE.sub("", line, count=1) or "")
            continue
        if block:
            flush()
            out.append("")
        out.append(line)
    if block:
        flush()
    return "\n".join(out)


def _heading(line: str) -> bool:
    return line.lstrip().startswith("#")


def to_plain_text(body: str) -> str:
    """The text of a Markdown body as the rendered page reads."""
    text = _QUOTE_TAG.sub(_quote_tag, body)
    text = _TEMPLATE_TAG.sub("", text)
    text = _strip_comments(text)
    text = _FOOTNOTE_MARK.sub("", text)
    text = _blockquotes(text)
    text = _unwrap(text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m["text"], text)
    text = _REF_LINK.sub(lambda m: m["text"], text)
    text = _REF_DEFINITION.sub("", text)
    text = _AUTOLINK.sub("", text)
    text = _HTML_TAG.sub("", text)
    text = _STRONG.sub(lambda m: m["text"] or m["under"], text)
    text = _EMPHASIS.sub(lambda m: m["text"], text)
    text = html.unescape(text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
