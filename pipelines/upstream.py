"""A small HTTP/1.1 client for the Oxigraph process behind `sovkg serve`, on loopback.

A general client (httpx) costs about a millisecond of Python per request, more than the store takes to
answer a label lookup. The store is one known server on 127.0.0.1, so this client does only what that
needs: kept-alive connections per port, the request in one write, and a response body read with
Content-Length or chunked encoding, cut off at a size limit.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass, field

_MAX_IDLE = 32  # kept-alive connections per port
# Oxigraph answers a connection left idle too long with an unrequested 500 ("Resource temporarily
# unavailable") and closes it; a connection idle for longer than this is closed here first
_IDLE_SECONDS = 1.0


class ResultTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"result larger than {limit} bytes: add a LIMIT or narrow the query")


class UpstreamError(Exception):
    """The store closed the connection or answered something that is not HTTP/1.1."""


class UpstreamStatusError(Exception):
    def __init__(self, status: int, text: str) -> None:
        super().__init__(f"the store answered {status}: {text[:500]}")
        self.status = status


@dataclass
class Answer:
    status_code: int
    headers: dict[str, str]  # lower-case names
    content: bytes = b""
    _text: str | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.content.decode("utf-8", errors="replace")
        return self._text

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise UpstreamStatusError(self.status_code, self.text)


Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


class Upstream:
    def __init__(self) -> None:
        self._idle: dict[int, list[tuple[Connection, float]]] = defaultdict(list)

    def _reusable(self, port: int) -> Connection | None:
        now = time.monotonic()
        while self._idle[port]:
            connection, since = self._idle[port].pop()
            if now - since < _IDLE_SECONDS and not connection[0].at_eof() and not connection[1].is_closing():
                return connection
            connection[1].close()
        return None

    async def request(
        self, port: int, method: str, target: str, headers: dict[str, str], body: bytes | None, max_bytes: int
    ) -> Answer:
        """One request; a kept-alive connection the store closed meanwhile is retried on a new one."""
        while (connection := self._reusable(port)) is not None:
            try:
                return await self._exchange(port, connection, method, target, headers, body, max_bytes)
            except (UpstreamError, ConnectionError):
                connection[1].close()  # stale: try the next one, then a fresh one
            except BaseException:
                connection[1].close()  # cut off (timeout, size limit): its state is unknown
                raise
        connection = await asyncio.open_connection("127.0.0.1", port)
        try:
            return await self._exchange(port, connection, method, target, headers, body, max_bytes)
        except BaseException:
            connection[1].close()
            raise

    async def _exchange(
        self,
        port: int,
        connection: Connection,
        method: str,
        target: str,
        headers: dict[str, str],
        body: bytes | None,
        max_bytes: int,
    ) -> Answer:
        reader, writer = connection
        lines = [f"{method} {target} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        lines.append(f"Content-Length: {len(body or b'')}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b""))
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as error:
            raise UpstreamError("the store closed the connection") from error
        status_line, *header_lines = head[:-4].decode("latin-1").split("\r\n")
        parts = status_line.split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
            raise UpstreamError(f"not an HTTP answer: {status_line[:80]!r}")
        answer_headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            answer_headers[name.strip().lower()] = value.strip()
        data = bytearray()
        try:
            if answer_headers.get("transfer-encoding", "").lower() == "chunked":
                while True:
                    size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    if size == 0:
                        await reader.readuntil(b"\r\n")  # no trailers from Oxigraph: the empty line
                        break
                    if len(data) + size > max_bytes:
                        raise ResultTooLarge(max_bytes)
                    data += await reader.readexactly(size)
                    await reader.readexactly(2)
            elif "content-length" in answer_headers:
                length = int(answer_headers["content-length"])
                if length > max_bytes:
                    raise ResultTooLarge(max_bytes)
                data += await reader.readexactly(length)
            else:  # the body ends with the connection
                while chunk := await reader.read(65536):
                    data += chunk
                    if len(data) > max_bytes:
                        raise ResultTooLarge(max_bytes)
                answer_headers["connection"] = "close"
        except asyncio.IncompleteReadError as error:
            raise UpstreamError("the store closed the connection mid-answer") from error
        if answer_headers.get("connection", "").lower() == "close" or len(self._idle[port]) >= _MAX_IDLE:
            writer.close()
        else:
            self._idle[port].append((connection, time.monotonic()))
        return Answer(int(parts[1]), answer_headers, bytes(data))

    def forget(self, port: int) -> None:
        """Close the kept-alive connections to a port (its process was stopped)."""
        for (_, writer), _ in self._idle.pop(port, []):
            writer.close()

    def close(self) -> None:
        for port in list(self._idle):
            self.forget(port)
