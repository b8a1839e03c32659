"""`sovkg serve`: the published dataset as a read-only SPARQL service on loopback.

Behind one port:
- `/query` (and `/sparql`): SPARQL 1.1 Protocol, answered by an `oxigraph serve-read-only` process
  (a maintained SPARQL engine; queries see the union of all named graphs). A query still running after
  the timeout is stopped by restarting that process (Oxigraph's own timeout does not interrupt an
  aggregate that is still computing), and results larger than a limit are refused, so one bad query
  cannot take the service down;
- `/store`: Graph Store Protocol reads (`/store?default` is the whole graph, merged, as Turtle,
  N-Triples, ... by `Accept`; `/store?graph=IRI` one document's graph);
- `/` and `/downloads/<file>`: the landing page and the dumps of `sovkg build`.
Every write (SPARQL UPDATE, Graph Store PUT/POST/DELETE) is refused with 403.

When `sovkg build` publishes a new store version, the next request starts an Oxigraph process on it,
switches to it, and stops the old one once its requests are done: readers never see a half-loaded graph.
"""

from __future__ import annotations

import http.client
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from pipelines.stages.description import MEDIA_TYPES
from pipelines.stages.dumps import DUMP_FILES
from pipelines.stages.store import POINTER, current_location

DEFAULT_TIMEOUT_S = 30
DEFAULT_MAX_RESULT_BYTES = 64 * 1024 * 1024
_MAX_REQUEST_BYTES = 1024 * 1024
_READ_CHUNK = 64 * 1024
_FORWARDED_REQUEST_HEADERS = ("Accept", "Content-Type")
_WHOLE_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
_FORWARDED_RESPONSE_HEADERS = ("Content-Type", "Content-Disposition")


def oxigraph_executable() -> str:
    """The `oxigraph` server installed with the project (the `oxigraph` package on PyPI)."""
    beside_python = Path(sys.executable).parent / "oxigraph"
    found = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if not found:
        raise FileNotFoundError("the oxigraph server is not installed: pip install oxigraph")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class Backend:
    """One `oxigraph serve-read-only` process on a private loopback port."""

    def __init__(self, location: Path, version: str, timeout_s: int) -> None:
        self.version = version
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                oxigraph_executable(),
                "serve-read-only",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout-s",
                str(timeout_s),
                "--union-default-graph",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait_ready()

    def _wait_ready(self, seconds: float = 20.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""
                raise RuntimeError(f"oxigraph exited with {self.process.returncode}: {error.strip()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise TimeoutError("oxigraph did not start listening")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


class SparqlService(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        out_dir: Path,
        *,
        timeout_s: int = DEFAULT_TIMEOUT_S,
        max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
    ) -> None:
        super().__init__(address, _Handler)
        self.out_dir = out_dir
        self.store_root = out_dir / "store"
        self.timeout_s = timeout_s
        self.max_result_bytes = max_result_bytes
        self._backend: Backend | None = None
        self._retired: list[Backend] = []
        self._lock = threading.Lock()

    @property
    def endpoint(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/query"

    def backend(self) -> Backend | None:
        """The backend for the current store version, starting it if a new version was published."""
        pointer = self.store_root / POINTER
        version = pointer.read_text().strip() if pointer.is_file() else None
        if version is None:
            return None
        if self._backend is not None and self._backend.version == version:
            return self._backend
        with self._lock:
            if self._backend is None or self._backend.version != version:
                location = current_location(self.store_root)
                if location is None:
                    return self._backend
                old, self._backend = self._backend, Backend(location, version, self.timeout_s)
                if old is not None:  # let requests in flight on the old version finish
                    self._retired.append(old)
                    timer = threading.Timer(self.timeout_s + 5, old.stop)
                    timer.daemon = True
                    timer.start()
        return self._backend

    def restart(self, backend: Backend) -> None:
        """Stop a backend stuck on a runaway query and start a fresh one on the same version."""
        with self._lock:
            if self._backend is not backend:
                return
            backend.process.kill()
            backend.process.wait()
            location = current_location(self.store_root)
            self._backend = Backend(location, backend.version, self.timeout_s) if location else None

    def server_close(self) -> None:
        super().server_close()
        for backend in [*self._retired, self._backend]:
            if backend is not None:
                backend.stop()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlService
    protocol_version = "HTTP/1.1"
    server_version = "sovkg"

    def setup(self) -> None:
        super().setup()
        # headers and body go out in separate writes: without this, Nagle + delayed ACK add ~40 ms
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: object) -> None:  # one line per request, on stderr
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    # --- routing ---------------------------------------------------------------------------------
    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            self._file("index.html")
        elif path.startswith("/downloads/"):
            self._file(path.removeprefix("/downloads/"))
        elif path == "/.well-known/void":
            self._redirect("/downloads/void.ttl")
        elif path in ("/query", "/sparql", "/store"):
            self._proxy("GET", path)
        else:
            self._error(HTTPStatus.NOT_FOUND, "not found: try / (landing page), /query or /store?default")

    def do_HEAD(self) -> None:
        path = urlsplit(self.path).path
        name = "index.html" if path in ("/", "/index.html") else path.removeprefix("/downloads/")
        self._file(name)  # `_send` leaves the body out of a HEAD answer

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        if path in ("/query", "/sparql"):
            self._proxy("POST", path)
        else:
            self._refuse_write()

    def do_PUT(self) -> None:
        self._refuse_write()

    def do_DELETE(self) -> None:
        self._refuse_write()

    def do_PATCH(self) -> None:
        self._refuse_write()

    # --- responses -------------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode(), "text/plain; charset=utf-8")

    def _refuse_write(self, body_read: bool = False) -> None:
        if not body_read:
            self._discard_body()
        self._error(HTTPStatus.FORBIDDEN, "this service is read-only: SPARQL UPDATE and Graph Store writes are refused")

    def _redirect(self, location: str) -> None:
        self._send(HTTPStatus.FOUND, b"", "text/plain", {"Location": location})

    def _discard_body(self) -> None:
        remaining = int(self.headers.get("Content-Length") or 0)
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, _READ_CHUNK))
            if not chunk:
                break
            remaining -= len(chunk)

    def _file(self, name: str) -> None:
        if name not in DUMP_FILES or not (self.server.out_dir / name).is_file():
            self._error(HTTPStatus.NOT_FOUND, f"no such file: {name}")
            return
        data = (self.server.out_dir / name).read_bytes()
        self._send(HTTPStatus.OK, data, MEDIA_TYPES.get(name, "application/octet-stream"))

    def _proxy(self, method: str, path: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_REQUEST_BYTES:
            self._discard_body()
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request larger than {_MAX_REQUEST_BYTES} bytes")
            return
        body = self.rfile.read(length) if length else None
        try:
            backend = self.server.backend()
        except (RuntimeError, TimeoutError, FileNotFoundError) as error:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, f"the store could not be opened: {error}")
            return
        if backend is None:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, "nothing is published yet: run `sovkg build` first")
            return
        query = urlsplit(self.path).query
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if (
            content_type == "application/sparql-update"
            or "update" in parse_qs(query)
            or (
                content_type == "application/x-www-form-urlencoded"
                and "update" in parse_qs((body or b"").decode(errors="replace"))
            )
        ):
            self._refuse_write(body_read=True)
            return
        headers = {k: v for k in _FORWARDED_REQUEST_HEADERS if (v := self.headers.get(k))}
        if path == "/store" and method == "GET" and "default" in parse_qs(query, keep_blank_values=True):
            # the union of every document's graph, merged: what "the default graph" means to a reader here
            method, path, query = "POST", "/query", ""
            body = urlencode({"query": _WHOLE_GRAPH}).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers.setdefault("Accept", "text/turtle")
            if headers["Accept"] in ("*/*", ""):
                headers["Accept"] = "text/turtle"
        target = path.replace("/sparql", "/query") + (f"?{query}" if query else "")
        deadline = time.monotonic() + self.server.timeout_s
        connection = http.client.HTTPConnection("127.0.0.1", backend.port, timeout=self.server.timeout_s)
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            data = bytearray()
            while chunk := response.read(_READ_CHUNK):
                data += chunk
                if time.monotonic() > deadline:
                    raise TimeoutError
                if len(data) > self.server.max_result_bytes:
                    self._error(
                        HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                        f"result larger than {self.server.max_result_bytes} bytes: add a LIMIT or narrow the query",
                    )
                    return
            extra = {k: v for k in _FORWARDED_RESPONSE_HEADERS[1:] if (v := response.getheader(k))}
            self._send(response.status, bytes(data), response.getheader("Content-Type") or "text/plain", extra)
        except TimeoutError:
            connection.close()
            self.server.restart(backend)
            self._error(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the query ran longer than {self.server.timeout_s} s and was stopped: narrow it or add a LIMIT",
            )
        except (ConnectionError, http.client.HTTPException) as error:
            self._error(HTTPStatus.BAD_GATEWAY, f"the store did not answer: {error}")
        finally:
            connection.close()


def serve(
    out_dir: Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    timeout_s: int = DEFAULT_TIMEOUT_S,
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
    announce=print,
) -> None:
    """Serve until interrupted; the first line announced is the query endpoint's URL."""
    service = SparqlService((host, port), out_dir, timeout_s=timeout_s, max_result_bytes=max_result_bytes)

    def stop(signum: int, frame: object) -> None:  # SIGTERM ends the service like Ctrl-C: backends stopped
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        service.backend()  # start the store now, so the first query is fast and a broken store fails early
        announce(service.endpoint)
        host_, port_ = service.server_address[:2]
        announce(f"landing page http://{host_}:{port_}/ ; Turtle http://{host_}:{port_}/store?default")
        service.serve_forever()
    finally:
        service.server_close()
