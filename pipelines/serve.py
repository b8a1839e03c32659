"""`sovkg serve`: the published dataset as a read-only Linked Data and SPARQL service.

An ASGI application (Starlette, run by uvicorn) in front of an `oxigraph serve-read-only` process:
- `/query` (and `/sparql`): SPARQL 1.1 Protocol, answered by Oxigraph (queries see the union of all
  named graphs). A query still running after the timeout is stopped by restarting that process
  (Oxigraph's own timeout does not interrupt an aggregate that is still computing), and results larger
  than a limit are refused, so one bad query cannot take the service down. A browser (`Accept:
  text/html`) gets the query editor and results as a table instead (pipelines/browse);
- `/store`: Graph Store Protocol reads (`/store?default` is the whole graph, merged, as Turtle,
  N-Triples, ... by `Accept`; `/store?graph=IRI` one document's graph);
- `/id/...`, `/ontology`, `/search`, `/list/CLASS`, `/`: the browse pages (pipelines/browse);
- `/downloads/<file>`: the dumps of `sovkg build`.
Every write (SPARQL UPDATE, Graph Store PUT/POST/DELETE, any other method) is refused with 403.

When `sovkg build` publishes a new store version, the next request starts an Oxigraph process on it,
switches to it, and stops the old one once its requests are done: readers never see a half-loaded graph.
If the Oxigraph process dies, the next request starts a new one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import parse_qs, unquote_plus, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from pipelines.service_defaults import DEFAULT_MAX_RESULT_BYTES, DEFAULT_TIMEOUT_S
from pipelines.stages.description import MEDIA_TYPES
from pipelines.stages.dumps import DUMP_FILES
from pipelines.stages.store import POINTER, current_location
from pipelines.upstream import Answer, ResultTooLarge, Upstream, UpstreamError

log = logging.getLogger(__name__)

_MAX_REQUEST_BYTES = 1024 * 1024
_FORWARDED_REQUEST_HEADERS = ("accept", "content-type")
_FORWARDED_RESPONSE_HEADERS = ("content-type", "content-disposition")
_WHOLE_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
_READ_METHODS = frozenset({"GET", "HEAD"})
_QUERY_PATHS = ("/query", "/sparql")


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
        self.query_url = f"http://127.0.0.1:{self.port}/query"
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

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stderr:
            self.process.stderr.close()


class Backends:
    """The Oxigraph process serving the store's current version: started on the first request after a
    new version is published or after the process died; the previous one is stopped once requests in
    flight on it had time to finish."""

    def __init__(self, store_root: Path, timeout_s: int) -> None:
        self.store_root = store_root
        self.timeout_s = timeout_s
        self._pointer = str(store_root / POINTER)
        self._pointer_stamp: tuple[int, int, int] | None = None
        self._pointer_version: str | None = None
        self._backend: Backend | None = None
        self._retired: list[Backend] = []
        self._lock = threading.Lock()
        self.on_switch: Callable[[Backend], None] = lambda backend: None

    def published_version(self) -> str | None:
        """What the pointer file says, read again only when the file was replaced (every request asks)."""
        try:
            stat = os.stat(self._pointer)
        except OSError:
            return None
        stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if stamp != self._pointer_stamp:
            try:
                with open(self._pointer, encoding="utf-8") as pointer:
                    self._pointer_version = pointer.read().strip() or None
            except OSError:
                return None
            self._pointer_stamp = stamp
        return self._pointer_version

    def ready(self) -> Backend | None:
        """The backend, if it serves the published version and is alive (no process is started here)."""
        backend = self._backend
        if backend is not None and backend.alive and backend.version == self.published_version():
            return backend
        return None

    def current(self) -> Backend | None:
        """The backend for the published version, starting one if needed (blocking: call off the loop)."""
        backend = self.ready()
        if backend is not None:
            return backend
        with self._lock:
            version = self.published_version()
            backend = self._backend
            if version is None:
                return backend if backend is not None and backend.alive else None
            if backend is not None and backend.version == version and backend.alive:
                return backend
            location = current_location(self.store_root)
            if location is None:
                return backend
            started = Backend(location, version, self.timeout_s)
            if backend is not None:
                if backend.alive and backend.version != version:
                    log.info("store version %s published: switching from %s", version, backend.version)
                    self._retire(backend)
                else:
                    log.warning("the store process for version %s had exited: started a new one", backend.version)
                    backend.stop()
            self._backend = started
        self.on_switch(started)
        return started

    def _retire(self, backend: Backend) -> None:
        self._retired.append(backend)
        timer = threading.Timer(self.timeout_s + 5, backend.stop)
        timer.daemon = True
        timer.start()

    def restart(self, backend: Backend) -> None:
        """Stop a backend stuck on a runaway query and start a fresh one on the same version."""
        with self._lock:
            if self._backend is not backend:
                return
            backend.process.kill()
            backend.process.wait()
            location = current_location(self.store_root)
            self._backend = Backend(location, backend.version, self.timeout_s) if location else None

    def close(self) -> None:
        for backend in [*self._retired, self._backend]:
            if backend is not None:
                backend.stop()


class StoreUnavailable(Exception):
    """Nothing is published, or the store could not be started."""


class Service:
    """What every route shares: the published folder, the backends and the limits."""

    def __init__(
        self,
        out_dir: Path,
        *,
        timeout_s: int = DEFAULT_TIMEOUT_S,
        max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
        base_url: str = "",
    ) -> None:
        self.out_dir = out_dir
        self.timeout_s = timeout_s
        self.max_result_bytes = max_result_bytes
        self.base_url = base_url.rstrip("/")
        self.backends = Backends(out_dir / "store", timeout_s)
        self.upstream = Upstream()  # kept-alive connections to the store process

    async def backend(self) -> Backend:
        backend = self.backends.ready()
        if backend is None:
            try:
                backend = await run_in_threadpool(self.backends.current)
            except (RuntimeError, TimeoutError, FileNotFoundError) as error:
                raise StoreUnavailable(f"the store could not be opened: {error}") from error
        if backend is None:
            raise StoreUnavailable("nothing is published yet: run `sovkg build` first")
        return backend

    async def ask_backend(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        """One request to the store, within the time and size limits, retried once on a fresh process
        if the store process died. Raises TimeoutError (the process was restarted) or ResultTooLarge."""
        for attempt in (1, 2):
            backend = await self.backend()
            try:
                async with asyncio.timeout(self.timeout_s):
                    return await self.upstream.request(
                        backend.port, method, path, headers or {}, body, self.max_result_bytes
                    )
            except TimeoutError:
                self.upstream.forget(backend.port)
                await run_in_threadpool(self.backends.restart, backend)
                raise
            except (OSError, UpstreamError):
                if attempt == 2 or backend.alive:
                    raise
                self.upstream.forget(backend.port)  # the process died: the next `backend()` starts a new one
        raise AssertionError("unreachable")


def _text(status: int, message: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


_READ_ONLY = "this service is read-only: SPARQL UPDATE and Graph Store writes are refused"
_TOO_LARGE = f"request larger than {_MAX_REQUEST_BYTES} bytes"


def _read_only() -> Response:
    return _text(403, _READ_ONLY)


class ReadOnly:
    """ASGI middleware: every method but GET/HEAD, and POST anywhere but the query endpoint, is a write."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            method, path = scope["method"], scope["path"]
            if method not in _READ_METHODS and not (method == "POST" and path in _QUERY_PATHS):
                await _read_only()(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def _body(request: Request) -> bytes | None:
    """The request body, or None if it is over the limit (read no further than that)."""
    declared = int(request.headers.get("content-length") or 0)
    if declared > _MAX_REQUEST_BYTES:
        return None
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > _MAX_REQUEST_BYTES:
            return None
    return bytes(data)


def _is_update(content_type: str, query: str, body: bytes) -> bool:
    content_type = content_type.split(";")[0].strip().lower()
    if content_type == "application/sparql-update" or "update" in _form_names(query):
        return True
    return content_type == "application/x-www-form-urlencoded" and "update" in _form_names(body.decode(errors="replace"))


def _form_names(form: str) -> set[str]:
    """The parameter names of a URL-encoded form, decoded (the values, a whole query, are not needed)."""
    return {unquote_plus(pair.partition("=")[0]) for pair in form.split("&")} if form else set()


_TEXT = {"content-type": "text/plain; charset=utf-8"}


async def forward(
    service: Service, method: str, target: str, headers: dict[str, str], body: bytes | None
) -> tuple[int, dict[str, str], bytes]:
    """A read passed to the store: the status, headers and body to answer with (errors as plain text)."""
    try:
        answer = await service.ask_backend(method, target, body=body or None, headers=headers)
    except StoreUnavailable as error:
        return 503, _TEXT, f"{error}\n".encode()
    except TimeoutError:
        message = f"the query ran longer than {service.timeout_s} s and was stopped: narrow it or add a LIMIT"
        return 503, _TEXT, f"{message}\n".encode()
    except ResultTooLarge as error:
        return 413, _TEXT, f"{error}\n".encode()
    except (OSError, UpstreamError) as error:
        return 502, _TEXT, f"the store did not answer: {error}\n".encode()
    extra = {k: v for k in _FORWARDED_RESPONSE_HEADERS if (v := answer.headers.get(k))}
    return answer.status_code, extra, answer.content


def proxy_endpoint(service: Service, html_query_page: Callable[[Request], Awaitable[Response | None]]):
    async def proxy(request: Request) -> Response:
        """SPARQL Protocol and Graph Store reads, passed to Oxigraph within the limits."""
        body = await _body(request)
        if body is None:
            return _text(413, _TOO_LARGE)
        if _is_update(request.headers.get("content-type", ""), request.url.query, body):
            return _read_only()
        path = request.url.path
        if path != "/store" and request.method == "GET":
            page = await html_query_page(request)  # a browser gets the editor and an HTML table
            if page is not None:
                return page
        headers = {k: v for k in _FORWARDED_REQUEST_HEADERS if (v := request.headers.get(k))}
        method, target, query = request.method, path.replace("/sparql", "/query"), request.url.query
        if path == "/store" and "default" in parse_qs(query, keep_blank_values=True):
            # the union of every document's graph, merged: what "the default graph" means to a reader here
            method, target, query = "POST", "/query", ""
            body = urlencode({"query": _WHOLE_GRAPH}).encode()
            headers["content-type"] = "application/x-www-form-urlencoded"
            if headers.get("accept", "*/*") in ("*/*", ""):
                headers["accept"] = "text/turtle"
        if query:
            target += f"?{query}"
        status, extra, content = await forward(service, method, target, headers, body)
        return Response(content, status_code=status, headers=extra)

    return proxy


class QueryProtocol:
    """ASGI middleware: the SPARQL Protocol requests to /query and /sparql, the service's hot path, go to
    the store without Starlette's routing, request and response objects (about as much Python as the
    store takes to answer a label lookup). What may be the query page for a browser (a GET accepting
    HTML) and every other request go on to the application."""

    def __init__(self, app: ASGIApp, service: Service) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope.get("method")
        if scope["type"] != "http" or scope["path"] not in _QUERY_PATHS or method not in ("GET", "POST"):
            await self.app(scope, receive, send)
            return
        headers: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:
            headers.setdefault(name, value)
        if method == "GET" and b"text/html" in headers.get(b"accept", b"").lower():  # media types ignore case
            await self.app(scope, receive, send)
            return
        try:
            body = await _asgi_body(receive, headers.get(b"content-length", b""))
        except _Disconnected:
            return
        if body is None:
            status, extra, content = 413, _TEXT, f"{_TOO_LARGE}\n".encode()
        else:
            content_type = headers.get(b"content-type", b"").decode("latin-1")
            query = scope["query_string"].decode("latin-1")
            if _is_update(content_type, query, body):
                status, extra, content = 403, _TEXT, f"{_READ_ONLY}\n".encode()
            else:
                forwarded = {k: v.decode("latin-1") for k in _FORWARDED_REQUEST_HEADERS if (v := headers.get(k.encode()))}
                target = f"/query?{query}" if query else "/query"
                status, extra, content = await forward(self.service, method, target, forwarded, body)
        response_headers = [(b"content-length", b"%d" % len(content))]
        response_headers += [(k.encode(), v.encode("latin-1")) for k, v in extra.items()]
        await send({"type": "http.response.start", "status": status, "headers": response_headers})
        await send({"type": "http.response.body", "body": content})


class _Disconnected(Exception):
    """The client went away before its request was read."""


async def _asgi_body(receive: Receive, declared: bytes) -> bytes | None:
    """The request body, or None if it is over the limit (read no further than that)."""
    if declared.isdigit() and int(declared) > _MAX_REQUEST_BYTES:
        return None
    data = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _Disconnected
        data += message.get("body", b"")
        if len(data) > _MAX_REQUEST_BYTES:
            return None
        if not message.get("more_body"):
            return bytes(data)


def create_app(
    out_dir: Path,
    *,
    timeout_s: int = DEFAULT_TIMEOUT_S,
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
    base_url: str = "",
) -> tuple[ASGIApp, Service]:
    """The application and its shared state (the caller closes the service when done)."""
    from pipelines.browse import Browse

    service = Service(out_dir, timeout_s=timeout_s, max_result_bytes=max_result_bytes, base_url=base_url)
    browse = Browse(service)

    async def download(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in DUMP_FILES or not (out_dir / name).is_file():
            return _text(404, f"no such file: {name}")
        data = await run_in_threadpool((out_dir / name).read_bytes)
        return Response(data, media_type=MEDIA_TYPES.get(name, "application/octet-stream"))

    async def void(request: Request) -> Response:
        return RedirectResponse(f"{service.base_url}/downloads/void.ttl", status_code=302)

    async def not_found(request: Request, exc: Exception) -> Response:
        return _text(404, "not found: try / (landing page), /search, /query or /store?default")

    proxy = proxy_endpoint(service, browse.query_page)
    routes = [
        Route("/downloads/{name}", download),
        Route("/.well-known/void", void),
        Route("/query", proxy, methods=["GET", "POST"]),
        Route("/sparql", proxy, methods=["GET", "POST"]),
        Route("/store", proxy, methods=["GET"]),
        *browse.routes(),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found})
    app.add_middleware(ReadOnly)
    return QueryProtocol(app, service), service


def listen(host: str, port: int) -> socket.socket:
    """A listening socket whose connections send small writes at once. asyncio sets TCP_NODELAY only on
    sockets whose protocol number says TCP, which `socket.create_server` leaves at 0: without it a
    response's headers and body, written separately, wait ~40 ms for a delayed ACK on a kept-alive
    connection. Accepted sockets inherit the option from the listener."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        listener.bind((host, port))
        listener.listen(socket.SOMAXCONN)
    except OSError:
        listener.close()
        raise
    return listener


def serve(
    out_dir: Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    timeout_s: int = DEFAULT_TIMEOUT_S,
    max_result_bytes: int = DEFAULT_MAX_RESULT_BYTES,
    base_url: str | None = None,
    announce=print,
) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM); the first line announced is the query endpoint's URL.
    Links in pages use `base_url` (default: the address listened on)."""
    import uvicorn

    listener = listen(host, port)
    bound = listener.getsockname()[:2]
    shown_host = f"[{bound[0]}]" if ":" in bound[0] else bound[0]
    address = f"http://{shown_host}:{bound[1]}"
    app, service = create_app(
        out_dir, timeout_s=timeout_s, max_result_bytes=max_result_bytes, base_url=base_url or address
    )
    def stop(signum: int, frame: object) -> None:
        # uvicorn shuts down on SIGTERM and then raises it again: ending like Ctrl-C lets `finally` stop
        # the Oxigraph processes instead of leaving them behind
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        service.backends.current()  # start the store now, so a broken store fails early
        announce(f"{address}/query")
        announce(f"browse {service.base_url}/ ; Turtle {address}/store?default")
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", timeout_keep_alive=30)
        server = uvicorn.Server(config)
        with asyncio.Runner(loop_factory=_loop_factory()) as runner:
            runner.run(_run(server, listener, service))
    finally:
        service.backends.close()
        with contextlib.suppress(OSError):
            listener.close()


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop when it is installed (it comes with uvicorn's standard extra): a faster event loop."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


async def _run(server, listener: socket.socket, service: Service) -> None:
    try:
        await server.serve(sockets=[listener])
    finally:
        service.upstream.close()


class ServiceThread:
    """The service on a free loopback port in a background thread (benchmarks and embedding):
    `with ServiceThread(out_dir) as base_url: ...`."""

    def __init__(self, out_dir: Path, **options) -> None:
        import uvicorn

        self.listener = listen("127.0.0.1", 0)
        self.base_url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.app, self.service = create_app(out_dir, base_url=options.pop("base_url", self.base_url), **options)
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self._main, daemon=True)

    def _main(self) -> None:
        with asyncio.Runner(loop_factory=_loop_factory()) as runner:
            runner.run(self._run())

    async def _run(self) -> None:
        try:
            await self.server.serve(sockets=[self.listener])
        finally:
            self.service.upstream.close()

    def __enter__(self) -> str:
        self.service.backends.current()
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)
        return self.base_url

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.service.backends.close()
        self.listener.close()
