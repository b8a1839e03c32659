"""Headings and sections of plain text (and of text rendered from HTML blocks)."""

from __future__ import annotations

import re

from ontology.records import Section

# "#" then spaces then the text: the closing "#"s and spaces are stripped in Python, since a lazy text
# before `\s*#*$` takes quadratic time on a long line
_MD_HEADING = re.compile(r"^#{1,6}\s+(\S.*)$")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\d+[.)])\s")
_MAX_HEADING_CHARS = 90
_MAX_HEADING_WORDS = 12


def is_heading_line(line: str, prev_blank: bool) -> str | None:
    """The heading text if the line reads as a heading (markdown, or a short unpunctuated line)."""
    stripped = line.strip()
    md = _MD_HEADING.match(stripped)
    if md:
        return md.group(1).rstrip("#").rstrip() or md.group(1)
    if not prev_blank or not stripped or _BULLET.match(line):
        return None
    if len(stripped) > _MAX_HEADING_CHARS or len(stripped.split()) > _MAX_HEADING_WORDS:
        return None
    if stripped[-1] in ".,;!?\"”'’" or not (stripped[0].isupper() or stripped[0].isdigit()):
        return None
    if ":" in stripped[:-1] and not stripped.endswith(":"):
        return None  # "Speaker 1: NAME, ORG" is a field, not a heading
    return stripped.rstrip(":")


def find_sections(text: str) -> tuple[Section, ...]:
    """Split text at heading lines; a section runs from its heading to the next heading."""
    starts: list[tuple[int, str]] = []
    offset = 0
    prev_blank = True
    for line in text.split("\n"):
        heading = is_heading_line(line, prev_blank)
        if heading:
            starts.append((offset, heading))
        prev_blank = not line.strip()
        offset += len(line) + 1
    if not starts or starts[0][0] > 0:
        starts.insert(0, (0, ""))
    ends = [s for s, _ in starts[1:]] + [len(text)]
    return tuple(Section(h, s, e) for (s, h), e in zip(starts, ends, strict=True))
