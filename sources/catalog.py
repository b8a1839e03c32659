"""The source catalog (`sources/catalog.yaml` by default): what sovkg reads, validated on load.

Each source is exactly one of `folder`, `urls`, `feed` (RSS or Atom) or `sitemap`, with an optional
`kind` hint (news, blog, session_report, summary), `allow_hosts` (hosts that redirects and entries may
lead to; default: the hosts of the source's own URLs), `include` (a regular expression URLs must match),
`max_documents` and per-source fetch limits. Command-line `--sources` arguments (files, folders, URLs)
become sources of the same shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ontology.records import DocumentKind

CATALOG_FILE = Path(__file__).resolve().parent / "catalog.yaml"
KIND_HINTS = {
    "news": DocumentKind.NEWS_ARTICLE,
    "blog": DocumentKind.BLOG_POSTING,
    "session_report": DocumentKind.SESSION_REPORT,
    "summary": DocumentKind.ARTICLE_SUMMARY,
}
_TARGETS = ("folder", "urls", "feed", "sitemap")
_LIMITS = {"rate_per_host": float, "max_bytes": int, "timeout_s": float, "max_documents": int}
_KNOWN_KEYS = {"name", "kind", "allow_hosts", "include", "allow_private_hosts", *_TARGETS, *_LIMITS}


class CatalogError(ValueError):
    """The catalog is not valid; the message names the file, the source and the field."""


@dataclass(frozen=True)
class Source:
    name: str
    target: str  # folder | urls | feed | sitemap
    locations: tuple[str, ...]  # a folder path, or URLs
    kind: DocumentKind | None = None
    allow_hosts: frozenset[str] = frozenset()
    include: str | None = None
    max_documents: int = 500
    rate_per_host: float = 1.0
    max_bytes: int = 5_000_000
    timeout_s: float = 20.0
    allow_private_hosts: bool = False
    sniff: bool = False  # a URL from the command line: page, feed or sitemap, as its content says

    @cached_property
    def hosts(self) -> frozenset[str]:
        """Hosts this source may fetch from: its allowlist, else the hosts of its own URLs (computed once:
        every page read checks it, and a source may list thousands of URLs)."""
        return self.allow_hosts or frozenset(urlsplit(u).hostname or "" for u in self.locations if "://" in u)


@dataclass(frozen=True)
class Catalog:
    sources: tuple[Source, ...]
    path: Path | None = None


def _is_url(value: object) -> bool:
    return isinstance(value, str) and urlsplit(value).scheme in ("http", "https") and bool(urlsplit(value).hostname)


def _source(entry: object, index: int, base: Path, defaults: dict) -> Source:
    where = f"sources[{index}]"
    if not isinstance(entry, dict):
        raise CatalogError(f"{where}: expected a mapping with a name and one of {', '.join(_TARGETS)}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CatalogError(f"{where}: needs a name")
    where = f"{where} ({name})"
    unknown = set(entry) - _KNOWN_KEYS
    if unknown:
        raise CatalogError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    targets = [t for t in _TARGETS if t in entry]
    if len(targets) != 1:
        raise CatalogError(f"{where}: needs exactly one of {', '.join(_TARGETS)} (found {targets or 'none'})")
    target = targets[0]
    value = entry[target]
    if target == "folder":
        if not isinstance(value, str):
            raise CatalogError(f"{where}: folder must be a path")
        folder = (base / value).resolve() if not Path(value).is_absolute() else Path(value)
        locations: tuple[str, ...] = (str(folder),)
    elif target == "urls":
        if not isinstance(value, list) or not value or not all(_is_url(u) for u in value):
            raise CatalogError(f"{where}: urls must be a non-empty list of http(s) URLs")
        locations = tuple(value)
    else:
        if not _is_url(value):
            raise CatalogError(f"{where}: {target} must be an http(s) URL, got {value!r}")
        locations = (value,)
    kind = entry.get("kind")
    if kind is not None and kind not in KIND_HINTS:
        raise CatalogError(f"{where}: kind must be one of {', '.join(KIND_HINTS)}, got {kind!r}")
    hosts = entry.get("allow_hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h for h in hosts):
        raise CatalogError(f"{where}: allow_hosts must be a list of host names")
    include = entry.get("include")
    if include is not None:
        try:
            re.compile(include)
        except (re.error, TypeError) as error:
            raise CatalogError(f"{where}: include is not a valid regular expression: {error}") from error
    limits = {}
    for key, cast in _LIMITS.items():
        raw = entry.get(key, defaults.get(key))
        if raw is None:
            continue
        if isinstance(raw, bool) or not isinstance(raw, int | float) or raw < 0:
            raise CatalogError(f"{where}: {key} must be a non-negative number")
        limits[key] = cast(raw)
    private = entry.get("allow_private_hosts", defaults.get("allow_private_hosts", False))
    if not isinstance(private, bool):
        raise CatalogError(f"{where}: allow_private_hosts must be true or false")
    return Source(
        name=name,
        target=target,
        locations=locations,
        kind=KIND_HINTS.get(kind) if kind else None,
        allow_hosts=frozenset(h.lower() for h in hosts),
        include=include,
        allow_private_hosts=private,
        **limits,
    )


def load_catalog(path: Path = CATALOG_FILE) -> Catalog:
    """Read and validate a catalog file; raises CatalogError naming what is wrong and where."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CatalogError(f"{path}: cannot read the catalog: {error}") from error
    except yaml.YAMLError as error:
        raise CatalogError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise CatalogError(f"{path}: expected a mapping with a `sources` list")
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise CatalogError(f"{path}: defaults must be a mapping")
    try:
        sources = tuple(_source(e, i, path.parent, defaults) for i, e in enumerate(data["sources"]))
    except CatalogError as error:
        raise CatalogError(f"{path}: {error}") from error
    names = [s.name for s in sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise CatalogError(f"{path}: duplicate source names: {', '.join(duplicates)}")
    return Catalog(sources, path)


def sources_from_arguments(arguments: list[str], *, allow_private_hosts: bool = False) -> tuple[Source, ...]:
    """Command-line `--sources`: files and folders, and URLs (a page, a feed or a sitemap: the fetched
    content decides)."""
    out = []
    for index, argument in enumerate(arguments):
        if _is_url(argument):
            out.append(
                Source(
                    name=f"url-{index}",
                    target="urls",
                    locations=(argument,),
                    allow_private_hosts=allow_private_hosts,
                    max_documents=10**9,
                    sniff=True,
                )
            )
        else:
            out.append(Source(name=f"path-{index}", target="folder", locations=(argument,), max_documents=10**9))
    return tuple(out)
