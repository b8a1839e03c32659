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
import urllib.robotparser
from collections.abc import Set
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

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
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
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
                headers={"User-Agent": self.policy.user_agent},
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
        return rules is None or rules.can_fetch(self.policy.user_agent, url)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """The rules of one origin; None when it has none (RFC 9309: 4xx means no rules)."""
        parser = urllib.robotparser.RobotFileParser()
        try:
            response: _Response | None = self._send("GET", f"{origin}/robots.txt", {})
        except httpx.HTTPError:
            response = None
        if response is None or response.status_code >= 500:
            parser.disallow_all = True  # unreachable: assume complete disallow (RFC 9309 §2.3.1.4)
            return parser
        if response.status_code >= 400:
            return None
        parser.parse(response.content.decode("utf-8", errors="replace").splitlines())
        return parser

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
                    body = bytearray()
                    for chunk in streamed.iter_bytes():
                        body += chunk
                        if len(body) > self.policy.max_bytes:
                            break  # stop reading: the rest is never downloaded
                    truncated = len(body) > self.policy.max_bytes
                    response = _Response(streamed.status_code, streamed.headers, bytes(body), truncated)
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
        for _ in range(self.policy.max_redirects + 1):
            self.check_url(current, allowed)
            cached = self._cached(current)
            if (
                cached is not None
                and self.fresh_since is not None
                and cached[0].checked >= self.fresh_since - _FILE_CLOCK_LAG_S
            ):
                meta, body = cached  # fetched under the same rules moments ago: no request, robots.txt included
                return self._fetched(current, meta, body)
            if not self._robots_allow(current):
                raise FetchError(f"robots.txt of {urlsplit(current).netloc} disallows {current}")
            headers = {}
            if cached is not None:
                if cached[0].etag:
                    headers["If-None-Match"] = cached[0].etag
                if cached[0].last_modified:
                    headers["If-Modified-Since"] = cached[0].last_modified
            try:
                response = self._send("GET", current, headers)
            except httpx.HTTPError as error:
                raise FetchError(f"{current}: {type(error).__name__}: {error}") from error
            if response.status_code in _REDIRECTS and response.headers.get("Location"):
                current = urljoin(current, response.headers["Location"])
                continue
            if response.status_code == 304 and cached is not None:
                meta, body = cached
                self._confirm(current)
                return self._fetched(current, meta, body, not_modified=True)
            if response.status_code in (404, 410):
                raise Gone(f"{current}: HTTP {response.status_code}, the document is gone at its source")
            if response.status_code != 200:
                raise FetchError(f"{current}: HTTP {response.status_code} after {self.policy.retries} retries")
            validators = response.headers.get("ETag"), response.headers.get("Last-Modified")
            meta = _Cached(*validators, _media_type(response, current), response.truncated)
            body = response.content[: self.policy.max_bytes]
            self._store(current, meta, body)
            return self._fetched(current, meta, body)
        raise FetchError(f"{url}: more than {self.policy.max_redirects} redirects")


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
