"""A polite HTTP fetcher: robots.txt, a per-host rate limit, retries with backoff, size and type limits,
redirects only within an allowlist, a conditional-GET cache, and no requests into private networks.

Every refusal raises `FetchError` with a reason a person can act on; a page gone at its source (404,
410) raises `Gone`, so the pipeline can retract it.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import json
import os
import socket
import threading
import time
import zlib
from collections.abc import Set
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from pipelines.version import VERSION

USER_AGENT = f"sovkg/{VERSION} (+https://w3id.org/sovkg; knowledge-graph research crawler)"
ACCEPTED_TYPES = {
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "text/plain": "text/plain",
    "text/markdown": "text/markdown",
    "text/x-markdown": "text/markdown",
    "application/rss+xml": "application/xml",
    "application/atom+xml": "application/xml",
    "application/xml": "application/xml",
    "text/xml": "application/xml",
}
_RETRY_STATUSES = {429, 500, 502, 503, 504}
_REDIRECTS = {301, 302, 303, 307, 308}
_ROBOTS_REDIRECTS = 5  # RFC 9309 §2.3.1.2: follow at least five; more means the file is unavailable
_DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
_FILE_CLOCK_LAG_S = 0.05  # file times come from the kernel's coarse clock, a few ms behind time.time()


class FetchError(Exception):
    """A URL that was not fetched, and why."""


class Gone(FetchError):
    """The source says the document no longer exists (HTTP 404 or 410)."""


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str = USER_AGENT
    timeout_s: float = 20.0
    max_bytes: int = 5_000_000
    rate_per_host: float = 1.0  # requests per second to one host; 0 turns the limit off
    retries: int = 3
    backoff_s: float = 1.0  # first wait; doubles on every retry
    max_backoff_s: float = 30.0
    max_redirects: int = 5
    allow_hosts: frozenset[str] = frozenset()  # empty: the start URL's host only
    allow_private: bool = False  # loopback, private and link-local addresses (tests, intranets)
    respect_robots: bool = True


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 when the cached copy was still current
    content: bytes
    media_type: str  # one of ACCEPTED_TYPES' values
    not_modified: bool = False
    truncated: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Response:
    status_code: int
    headers: httpx.Headers
    content: bytes  # read up to the size limit
    truncated: bool


@dataclass
class _Cached:
    etag: str | None
    last_modified: str | None
    media_type: str
    truncated: bool
    checked: float = 0.0  # when the server last sent or confirmed it: the validator file's mtime


@dataclass
class Fetcher:
    """Fetch URLs under one policy; `cache_dir` keeps validators and bodies for conditional GETs.

    With `fresh_since`, a cached copy the server sent at or after that time is used without
    asking again: a build's run reads what its change check fetched a moment before, so a changed page
    costs one request, not two."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    cache_dir: Path | None = None
    fresh_since: float | None = None
    requests: int = 0  # HTTP requests sent (robots.txt included), for reports and tests
    _client: httpx.Client | None = None
    _robots: dict[str, Protego | None] = field(default_factory=dict)
    _last_request: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _robots_lock: threading.Lock = field(default_factory=threading.Lock)
    _resolved: dict[tuple[str, int], list[ipaddress.IPv4Address | ipaddress.IPv6Address]] = field(default_factory=dict)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                # only encodings `_read_body` inflates under the size limit
                headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
                timeout=self.policy.timeout_s,
                follow_redirects=False,  # every hop is checked against the allowlist
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    # --- checks ----------------------------------------------------------------------------------
    def _allowed_hosts(self, start_url: str) -> set[str]:
        return set(self.policy.allow_hosts) or {urlsplit(start_url).hostname or ""}

    def check_url(self, url: str, allowed: Set[str]) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) URL: {url}")
        host = parts.hostname.lower()
        if not any(host == h or host.endswith("." + h) for h in allowed):
            raise FetchError(f"host {host} is not in the allowlist ({', '.join(sorted(allowed))})")
        if not self.policy.allow_private:
            key = (host, parts.port or (443 if parts.scheme == "https" else 80))
            if key not in self._resolved:  # one lookup per host and fetcher, not one per page
                self._resolved[key] = _addresses(*key)
            for address in self._resolved[key]:
                if _private(address):
                    raise FetchError(
                        f"{host} resolves to {address}, a loopback, private or link-local address "
                        "(allow it explicitly with --allow-private-hosts)"
                    )

    def _robots_allow(self, url: str) -> bool:
        if not self.policy.respect_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            if origin not in self._robots:
                self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        # RFC 9309 §2.2.1: groups are matched by the product token, not by the whole User-Agent line
        return rules is None or rules.can_fetch(url, self.policy.user_agent.split("/")[0])

    def _read_robots(self, origin: str) -> Protego | None:
        """The rules of one origin by RFC 9309 (`*` and `$` patterns, the longest match wins): None when
        it has none (a 4xx: "unavailable", everything allowed); everything disallowed when it cannot be
        reached (a 5xx, a 429 after retries, a network error: §2.3.1.4). Read through the cache, so an
        unchanged robots.txt costs a 304, and one this build already read costs nothing."""
        url = f"{origin}/robots.txt"
        cached = self._cached(url)
        if cached is not None and self._fresh(cached[0]):
            return Protego.parse(cached[1].decode("utf-8", errors="replace"))
        headers = self._validators(cached)
        for hop in range(_ROBOTS_REDIRECTS + 1):
            try:
                self.check_url(url, {urlsplit(url).hostname or ""})  # any host, but never a private one
                response = self._send("GET", url, headers)
            except (httpx.HTTPError, FetchError):
                return Protego.parse(_DISALLOW_ALL)
            if response.status_code in _REDIRECTS and response.headers.get("Location") and hop < _ROBOTS_REDIRECTS:
                url, headers, cached = urljoin(url, response.headers["Location"]), {}, None
                continue
            break
        status = response.status_code
        if status == 304 and cached is not None:
            self._confirm(url)
            body = cached[1]
        elif status == 200:
            body = response.content
            self._store(url, _Cached(*self._response_validators(response), "text/plain", response.truncated), body)
        elif 300 <= status < 500 and status != 429:
            return None
        else:
            return Protego.parse(_DISALLOW_ALL)
        return Protego.parse(body.decode("utf-8", errors="replace"))

    # --- transport -------------------------------------------------------------------------------
    def _wait_turn(self, host: str) -> None:
        if self.policy.rate_per_host <= 0:
            return
        interval = 1.0 / self.policy.rate_per_host
        with self._lock:
            now = time.monotonic()
            ready = self._last_request.get(host, 0.0) + interval
            self._last_request[host] = max(now, ready)
        if ready > now:
            time.sleep(ready - now)

    def _send(self, method: str, url: str, headers: dict[str, str]) -> _Response:
        """One request with retries on 429/5xx and transport errors; the body is read up to the limit."""
        attempt = 0
        while True:
            self._wait_turn(urlsplit(url).hostname or "")
            with self._lock:
                self.requests += 1
            response: _Response | None = None
            try:
                with self.client.stream(method, url, headers=headers) as streamed:
                    body, truncated = _read_body(streamed, self.policy.max_bytes)
                    response = _Response(streamed.status_code, streamed.headers, body, truncated)
            except httpx.TransportError:
                if attempt >= self.policy.retries:
                    raise
            if response is not None and (response.status_code not in _RETRY_STATUSES or attempt >= self.policy.retries):
                return response
            time.sleep(self._backoff(attempt, response))
            attempt += 1

    def _backoff(self, attempt: int, response: _Response | None) -> float:
        wait = self.policy.backoff_s * 2**attempt
        retry_after = response.headers.get("Retry-After") if response is not None else None
        if retry_after:
            try:
                wait = float(retry_after)
            except ValueError:
                with contextlib.suppress(TypeError, ValueError):
                    wait = parsedate_to_datetime(retry_after).timestamp() - time.time()
        return max(0.0, min(wait, self.policy.max_backoff_s))

    # --- cache -----------------------------------------------------------------------------------
    def _cache_paths(self, url: str) -> tuple[Path, Path] | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(url.encode()).hexdigest()[:32]
        return self.cache_dir / f"{key}.json", self.cache_dir / f"{key}.body"

    def _cached(self, url: str) -> tuple[_Cached, bytes] | None:
        paths = self._cache_paths(url)
        if paths is None or not paths[0].is_file() or not paths[1].is_file():
            return None
        fields = json.loads(paths[0].read_text())
        fields["checked"] = paths[0].stat().st_mtime
        return _Cached(**fields), paths[1].read_bytes()

    def _store(self, url: str, meta: _Cached, body: bytes) -> None:
        """Keep the copy with its validators and time (body first: a write cut short leaves the old time,
        so the copy is asked for again)."""
        paths = self._cache_paths(url)
        if paths is None:
            return
        paths[0].parent.mkdir(parents=True, exist_ok=True)
        paths[1].write_bytes(body)
        paths[0].write_text(json.dumps({k: v for k, v in meta.__dict__.items() if k != "checked"}))

    def _confirm(self, url: str) -> None:
        """A 304: the copy is current as of now. Only the validator file's time changes (rewriting 500
        small files after a crawl of 304s costs a second on ext4; touching them costs nothing)."""
        paths = self._cache_paths(url)
        if paths is not None:
            os.utime(paths[0])

    def _fresh(self, meta: _Cached) -> bool:
        """Sent or confirmed by the server since `fresh_since` (this build): no need to ask again."""
        return self.fresh_since is not None and meta.checked >= self.fresh_since - _FILE_CLOCK_LAG_S

    @staticmethod
    def _validators(cached: tuple[_Cached, bytes] | None) -> dict[str, str]:
        """The conditional-GET headers for a kept copy."""
        headers = {}
        if cached is not None and cached[0].etag:
            headers["If-None-Match"] = cached[0].etag
        if cached is not None and cached[0].last_modified:
            headers["If-Modified-Since"] = cached[0].last_modified
        return headers

    @staticmethod
    def _response_validators(response: _Response) -> tuple[str | None, str | None]:
        return response.headers.get("ETag"), response.headers.get("Last-Modified")

    def _fetched(self, url: str, meta: _Cached, body: bytes, *, not_modified: bool = False) -> Fetched:
        """The answer for a page and its kept copy's validators: sent now, confirmed by a 304, or read
        from the copy this build already fetched. A cut body says so on every path."""
        notes = (f"body cut at the limit of {self.policy.max_bytes} bytes",) if meta.truncated else ()
        status = 304 if not_modified else 200
        return Fetched(
            url, status, body, meta.media_type, not_modified=not_modified, truncated=meta.truncated, notes=notes
        )

    # --- the public call -------------------------------------------------------------------------
    def get(self, url: str, *, allowed: Set[str] | None = None) -> Fetched:
        """Fetch a page, a feed or a sitemap; raises FetchError (or Gone) with the reason."""
        allowed = allowed or self._allowed_hosts(url)
        current = url
        visited = [url]
        for _ in range(self.policy.max_redirects + 1):
            self.check_url(current, allowed)
            cached = self._cached(current)
            if cached is not None and self._fresh(cached[0]):
                meta, body = cached  # fetched under the same rules moments ago: no request, robots.txt included
                return self._fetched(current, meta, body)
            if not self._robots_allow(current):
                raise FetchError(f"robots.txt of {urlsplit(current).netloc} disallows {current}")
            headers = self._validators(cached)
            try:
                response = self._send("GET", current, headers)
            except httpx.HTTPError as error:
                raise FetchError(f"{current}: {type(error).__name__}: {error}") from error
            if response.status_code in _REDIRECTS and response.headers.get("Location"):
                current = urljoin(current, response.headers["Location"])
                if current in visited:
                    raise FetchError(f"{url}: redirect loop ({' -> '.join([*visited, current])})")
                visited.append(current)
                continue
            if response.status_code == 304 and cached is not None:
                meta, body = cached
                self._confirm(current)
                return self._fetched(current, meta, body, not_modified=True)
            if response.status_code in (404, 410):
                raise Gone(f"{current}: HTTP {response.status_code}, the document is gone at its source")
            if response.status_code != 200:
                raise FetchError(f"{current}: HTTP {response.status_code} after {self.policy.retries} retries")
            meta = _Cached(*self._response_validators(response), _media_type(response, current), response.truncated)
            body = response.content[: self.policy.max_bytes]
            self._store(current, meta, body)
            return self._fetched(current, meta, body)
        raise FetchError(f"{url}: more than {self.policy.max_redirects} redirects")


def _inflater(encoding: str, url: str) -> zlib._Decompress | None:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise FetchError(f"{url}: unsupported content encoding {encoding!r}")


def _read_body(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """The body (gzip or deflate inflated) up to `limit` bytes, and whether it went past. Compressed
    bytes are inflated a bounded step at a time and reading stops at the limit, so a decompression bomb
    (kilobytes on the wire, gigabytes inflated) costs at most the limit in memory; the rest is never
    downloaded."""
    url = str(response.request.url)
    inflater = _inflater(response.headers.get("Content-Encoding", ""), url)
    raw_deflate = False
    body = bytearray()
    for chunk in response.iter_raw():
        if inflater is None:
            body += chunk
        else:
            pending = chunk
            while pending and len(body) <= limit:
                try:
                    body += inflater.decompress(pending, limit + 1 - len(body))
                except zlib.error as error:
                    if raw_deflate or body or response.headers.get("Content-Encoding", "").lower() != "deflate":
                        raise FetchError(f"{url}: corrupt compressed body ({error})") from error
                    # "deflate" is zlib-wrapped by the standard, raw by some servers
                    inflater, raw_deflate = zlib.decompressobj(-zlib.MAX_WBITS), True
                    continue
                pending = inflater.unconsumed_tail
        if len(body) > limit:
            return bytes(body[: limit + 1]), True  # stop reading: the rest is never downloaded
    return bytes(body), False


def _media_type(response: _Response, url: str) -> str:
    declared = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if declared in ACCEPTED_TYPES:
        return ACCEPTED_TYPES[declared]
    if not declared and url.lower().endswith((".xml", ".rss", ".atom")):
        return "application/xml"
    raise FetchError(f"{url}: unsupported content type {declared or '(none)'}")


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise FetchError(f"cannot resolve {host}: {error}") from error
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def _private(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )
