"""A real HTTP server on a free loopback port for the scraping tests: routes are set per test, every
request is logged, and a route can answer a sequence of responses (429 then 200) or honour ETags."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = False  # answer 304 to a matching If-None-Match


Route = Reply | list[Reply] | Callable[[BaseHTTPRequestHandler], Reply]


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, str, dict[str, str]]] = []  # method, path, headers
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.log.append(("GET", self.path, dict(self.headers)))
                route = site.routes.get(self.path)
                if isinstance(route, list):
                    reply = route.pop(0) if len(route) > 1 else route[0]
                elif callable(route):
                    reply = route(self)
                else:
                    reply = route or Reply(404, b"not found", "text/plain")
                headers = dict(reply.headers)
                if reply.etag:
                    tag = '"' + hashlib.sha256(reply.body).hexdigest()[:16] + '"'
                    headers["ETag"] = tag
                    if self.headers.get("If-None-Match") == tag:
                        self.send_response(304)
                        for k, v in headers.items():
                            self.send_header(k, v)
                        self.end_headers()
                        return
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(reply.body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def gets(self, path: str) -> int:
        return sum(1 for method, p, _ in self.log if method == "GET" and p == path)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def article(title: str, body: str, *, author: str = "Ada Example") -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="og:type" content="article"><meta name="author" content="{author}"></head>'
        f"<body><nav>Home | News</nav><article><h1>{title}</h1>"
        f'<p class="byline">By {author}</p>{body}</article><footer>Contact</footer></body></html>'
    ).encode()
