"""Choosing a representation from an HTTP `Accept` header (RFC 9110, section 12.5.1)."""

from __future__ import annotations


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    return ranges


def _quality(media: str, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """The quality the client gives `media`, from its most specific matching range (and how specific)."""
    kind = media.split("/")[0]
    best: tuple[int, float] | None = None
    for pattern, quality in ranges:
        if pattern == media:
            specificity = 2
        elif pattern == f"{kind}/*":
            specificity = 1
        elif pattern == "*/*":
            specificity = 0
        else:
            continue
        if best is None or specificity > best[0]:
            best = (specificity, quality)
    return (best[1], best[0]) if best else (0.0, -1)


def preferred(accept: str | None, offered: list[str]) -> str | None:
    """The offered type the client prefers (ties go to the earlier offer); None if none is acceptable.
    No `Accept` header accepts anything."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = _ranges(accept)
    best, best_key = None, (0.0, -1)
    for media in offered:
        key = _quality(media, ranges)
        if key[0] > 0 and key[0] > best_key[0]:
            best, best_key = media, key
    return best


def names_explicitly(accept: str | None, media: str) -> bool:
    """Whether the client listed `media` itself (not only through a wildcard)."""
    return any(pattern == media and quality > 0 for pattern, quality in _ranges(accept or ""))
