"""The browse side of `sovkg serve`: dereferenceable IRIs (`/id/...`, HTML or RDF by `Accept`), entity
pages, the ontology's documentation, search, paged lists per class, the landing page and the query
editor. Pages are Jinja2 templates with autoescaping; everything shipped (templates, CSS, a little
optional JavaScript) is package data, and every page works without JavaScript."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from ontology import ONTOLOGY_FILE
from ontology.namespace import DATA, PREFIXES, SOVKG, sparql_prologue
from pipelines.browse import views
from pipelines.browse.negotiation import names_explicitly, preferred
from pipelines.browse.release import Release, Releases
from pipelines.browse.search import SEARCHABLE
from pipelines.queries import find_query, ready_queries
from pipelines.stages.description import DESCRIPTION, MEDIA_TYPES, TITLE
from pipelines.stages.dumps import DUMP_FILES
from pipelines.upstream import Answer, ResultTooLarge, UpstreamError, UpstreamStatusError

if TYPE_CHECKING:
    from pipelines.serve import Service

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 50
# the representations of a resource: media type -> suffix of the URL that names it
FORMATS = {
    "text/html": "html",
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
}
_OX_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_SPARQL_TYPES = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
    "text/turtle",
    "application/n-triples",
]
# bidirectional-text controls can make a label display as something else: shown as their code point
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def visible(text: str) -> str:
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def _finalize(value: object) -> object:
    """Applied to every `{{ ... }}` before escaping: text from documents shows its bidi controls."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


def highlight(passage: str, *needles: str) -> Markup:
    """The passage, escaped, with the first needle found in it marked (the whole passage if none is)."""
    folded = passage.casefold()
    for needle in sorted((n for n in needles if n and len(n) > 1), key=len, reverse=True):
        at = folded.find(needle.casefold())
        if at >= 0:
            end = at + len(needle)
            return (
                escape(visible(passage[:at]))
                + Markup("<mark>")
                + escape(visible(passage[at:end]))
                + Markup("</mark>")
                + escape(visible(passage[end:]))
            )
    return Markup("<mark>") + escape(visible(passage)) + Markup("</mark>")


class Browse:
    def __init__(self, service: Service) -> None:
        self.service = service
        self.releases = Releases(service.out_dir, service.timeout_s)
        service.backends.on_switch = lambda backend: self.releases.start(backend.version, backend.query_url)
        self.templates = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.globals.update(
            link=self.link,
            term_label=views.term_label,
            short=views.short,
            local=views.local,
            top_class=views.top_class,
            highlight=highlight,
            base=service.base_url,
            title=TITLE,
            searchable=SEARCHABLE,
            SOVKG=SOVKG,
        )

    # --- links -----------------------------------------------------------------------------------
    def link(self, iri: str) -> str:
        """Where a resource is shown: its page here for data and ontology IRIs, else the IRI itself."""
        base = self.service.base_url
        if iri.startswith(str(DATA)):
            return f"{base}/id/{quote(iri[len(str(DATA)) :], safe='/-._~:@!$&()*+,;=')}"
        if iri.startswith(str(SOVKG._NS)):
            return f"{base}/ontology#{iri[len(str(SOVKG._NS)) :]}"
        return iri

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/", self.landing),
            Route("/index.html", self.landing),
            Route("/id/{rest:path}", self.resource),
            Route("/ontology", self.ontology),
            Route("/search", self.search),
            Route("/list/{cls}", self.listing),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ]

    def page(self, template: str, status: int = 200, headers: dict[str, str] | None = None, **context) -> Response:
        body = self.templates.get_template(template).render(**context)
        return HTMLResponse(body, status_code=status, headers=headers)

    def error_page(self, status: int, message: str) -> Response:
        return self.page("error.html", status, message=message, code=status)

    # --- store access ----------------------------------------------------------------------------
    async def select(self, query: str) -> list[dict]:
        answer = await self.service.ask_backend(
            "POST",
            "/query",
            body=urlencode({"query": query}).encode(),
            headers={"content-type": "application/x-www-form-urlencoded", "accept": "application/sparql-results+json"},
        )
        answer.raise_for_status()
        return json.loads(answer.content)["results"]["bindings"]

    async def release(self) -> Release:
        backend = await self.service.backend()
        return await run_in_threadpool(self.releases.get, backend.version, backend.query_url)

    async def guarded(self, work, request: Request | None = None) -> Response:
        """Run a page's work, answering store failures with a page that says what went wrong."""
        from pipelines.serve import StoreUnavailable

        try:
            return await work()
        except StoreUnavailable as error:
            return self.error_page(503, str(error))
        except TimeoutError:
            return self.error_page(503, f"the store did not answer within {self.service.timeout_s} s")
        except ResultTooLarge as error:
            return self.error_page(413, str(error))
        except UpstreamStatusError as error:
            return self.error_page(502, str(error))
        except (OSError, UpstreamError) as error:
            return self.error_page(502, f"the store did not answer: {error}")

    # --- pages -----------------------------------------------------------------------------------
    async def landing(self, request: Request) -> Response:
        async def work() -> Response:
            release = await self.release()
            return self.page(
                "landing.html",
                release=release,
                description=DESCRIPTION,
                downloads=self.downloads(),
                queries=ready_queries(),
                classes=self.class_tree(release.counts),
                changes=release.changes,
            )

        return await self.guarded(work)

    def downloads(self) -> list[tuple[str, int, str]]:
        out_dir = self.service.out_dir
        names = [n for n in DUMP_FILES if n != "index.html"]  # the live page replaces the static one
        return [(n, (out_dir / n).stat().st_size, MEDIA_TYPES.get(n, "")) for n in names if (out_dir / n).is_file()]

    @staticmethod
    def class_tree(counts: dict[str, int]) -> list[tuple[str, int, list[tuple[str, int]]]]:
        """Top classes with their counts and their subclasses' counts, in the ontology's order."""
        graph = views.ontology_graph()
        tree = []
        for top in views.TOP_CLASSES:
            subclasses = sorted(
                views.local(str(s))
                for s in graph.subjects(views.RDFS.subClassOf, SOVKG[top])
                if str(s).startswith(str(SOVKG._NS))
            )
            tree.append((top, counts.get(top, 0), [(s, counts[s]) for s in subclasses if counts.get(s)]))
        return tree

    async def resource(self, request: Request) -> Response:
        rest = request.path_params["rest"]
        forced = None
        for media, suffix in FORMATS.items():
            if rest.endswith(f".{suffix}"):
                rest, forced = rest[: -len(suffix) - 1], media
                break
        iri = views.resource_iri(rest)
        accept = request.headers.get("accept")
        media = forced or preferred(accept, list(FORMATS))
        if media is None:
            return PlainTextResponse(
                f"none of the offered types is acceptable: {', '.join(FORMATS)}\n", status_code=406
            )
        if iri is None:
            return self._not_found(media, rest)
        own = f"{self.service.base_url}/id/{rest}"
        headers = {
            "Vary": "Accept",
            "Content-Location": f"{own}.{FORMATS[media]}",
            "Link": ", ".join(
                f'<{own}.{suffix}>; rel="alternate"; type="{other}"' for other, suffix in FORMATS.items() if other != media
            ),
        }

        async def work() -> Response:
            if media != "text/html":
                return await self._description(iri, media, headers, rest)
            structure = await self.select(views.with_iri(views.STRUCTURE, iri))
            if not structure:
                return self._not_found(media, rest)
            labels = await self.select(views.labels_query([iri, *views.structure_iris(structure)]))
            entity = views.entity_from_rows(iri, structure, labels)
            if entity is None:
                return self._not_found(media, rest)
            return self.page("entity.html", headers=headers, e=entity, own=own)

        return await self.guarded(work)

    def _not_found(self, media: str, rest: str) -> Response:
        message = f"nothing is known about {DATA}{rest}"
        if media == "text/html":
            return self.error_page(404, message)
        return PlainTextResponse(message + "\n", status_code=404)

    async def _description(self, iri: str, media: str, headers: dict[str, str], rest: str) -> Response:
        answer = await self.service.ask_backend(
            "POST",
            "/query",
            body=urlencode({"query": views.with_iri(views.DESCRIPTION, iri)}).encode(),
            headers={"content-type": "application/x-www-form-urlencoded", "accept": "application/n-triples"},
        )
        answer.raise_for_status()
        if not answer.content.strip():
            return self._not_found(media, rest)
        # the resource's own statements first, then the labels of what it links to
        quads = sorted(
            ox.parse(answer.content, format=ox.RdfFormat.N_TRIPLES),
            key=lambda t: (t.subject.value != iri, t.subject.value, t.predicate.value, str(t.object)),
        )
        # `id:` would need escaped slashes in Turtle (id:actor\/x): data IRIs are written in full
        prefixes = {p: str(ns) for p, ns in PREFIXES.items() if p != "id"}
        if media == "application/n-triples":
            body = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES)
        elif media == "application/ld+json":
            body = ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
        else:
            body = ox.serialize(quads, format=_OX_FORMATS[media], prefixes=prefixes)
        charset = "; charset=utf-8" if media != "application/ld+json" else ""
        return Response(body, headers=headers, media_type=media + charset)

    async def ontology(self, request: Request) -> Response:
        media = preferred(request.headers.get("accept"), ["text/html", "text/turtle"])
        if media is None:
            return PlainTextResponse("offered: text/html, text/turtle\n", status_code=406)
        if media == "text/turtle":
            return Response(ONTOLOGY_FILE.read_bytes(), media_type="text/turtle; charset=utf-8", headers={"Vary": "Accept"})
        return self.page("ontology.html", terms=views.ontology_terms(), headers={"Vary": "Accept"})

    async def search(self, request: Request) -> Response:
        text = request.query_params.get("q", "")
        type_ = request.query_params.get("type") or None
        as_json = preferred(request.headers.get("accept"), ["text/html", "application/json"]) == "application/json"
        if type_ is not None and type_ not in SEARCHABLE:
            message = f"type must be one of {', '.join(SEARCHABLE)}"
            return JSONResponse({"error": message}, 400) if as_json else self.error_page(400, message)

        async def work() -> Response:
            hits = (await self.release()).index.search(text, type_) if text.strip() else []
            if as_json:
                return JSONResponse([h.as_json() for h in hits], headers={"Vary": "Accept"})
            return self.page("search.html", q=text, type=type_ or "", hits=hits, headers={"Vary": "Accept"})

        return await self.guarded(work)

    async def listing(self, request: Request) -> Response:
        cls = request.path_params["cls"]
        if not re.fullmatch(r"[A-Za-z]+", cls) or views.term_label(str(SOVKG._NS) + cls) == f"sovkg:{cls}":
            return self.error_page(404, f"no such class: {cls}")
        try:
            page = max(1, int(request.query_params.get("page", "1")))
        except ValueError:
            page = 1

        async def work() -> Response:
            release = await self.release()
            query = (
                sparql_prologue()
                + views.LIST.replace("CLASS", cls)
                .replace("LIMIT_N", str(PAGE_SIZE))
                .replace("OFFSET_N", str((page - 1) * PAGE_SIZE))
            )
            rows = await self.select(query)
            items = [views.Value(r["s"]["value"], True, r.get("label", {}).get("value", "")) for r in rows]
            total = release.counts.get(cls, 0)
            pages = max(1, -(-total // PAGE_SIZE))
            return self.page("list.html", cls=cls, items=items, page=page, pages=pages, total=total)

        return await self.guarded(work)

    async def query_page(self, request: Request) -> Response | None:
        """The query editor and HTML results, for a browser; None lets the SPARQL Protocol answer."""
        accept = request.headers.get("accept")
        if not names_explicitly(accept, "text/html") or preferred(accept, ["text/html", *_SPARQL_TYPES]) != "text/html":
            return None
        text = request.query_params.get("query")
        example = find_query(request.query_params.get("example", ""))
        context = {"queries": ready_queries(), "text": text or (example.text if example else ""), "result": None}
        if not text:
            return self.page("query.html", **context)

        async def work() -> Response:
            answer = await self.service.ask_backend(
                "POST",
                "/query",
                body=urlencode({"query": text}).encode(),
                headers={
                    "content-type": "application/x-www-form-urlencoded",
                    "accept": "application/sparql-results+json, application/n-triples;q=0.9",
                },
            )
            if answer.status_code != 200:
                return self.page("query.html", status=400, error=answer.text.strip(), **context)
            context["result"] = _table(answer)
            return self.page("query.html", **context)

        return await self.guarded(work)


def _table(answer: Answer) -> dict:
    """SELECT/ASK results (SPARQL JSON) or a graph (N-Triples) as columns and rows of views.Value."""
    if answer.headers.get("content-type", "").startswith("application/n-triples"):
        rows = [
            [views.Value(t.value, isinstance(t, ox.NamedNode)) for t in (q.subject, q.predicate, q.object)]
            for q in ox.parse(answer.content, format=ox.RdfFormat.N_TRIPLES)
        ]
        return {"columns": ["subject", "predicate", "object"], "rows": rows, "boolean": None}
    data = json.loads(answer.content)
    if "boolean" in data:
        return {"columns": [], "rows": [], "boolean": data["boolean"]}
    columns = data["head"]["vars"]
    rows = []
    for binding in data["results"]["bindings"]:
        row = []
        for column in columns:
            term = binding.get(column)
            row.append(views.Value(term["value"], term["type"] == "uri") if term else None)
        rows.append(row)
    return {"columns": columns, "rows": rows, "boolean": None}
