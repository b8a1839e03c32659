"""Property-based fuzzing of the per-document steps: readers, extraction (through `extract`), mapping
and validation, with arbitrary Unicode (NUL, lone surrogates, bidi controls, combining marks, emoji),
binary bytes, UTF-16/32 without a BOM and names full of Turtle and SPARQL syntax; and, through the
worker pool and its time budget, the input kinds that are too big for many examples (megabyte tokens,
10,000-level nested HTML, pages of only scripts and styles).

Invariants: readers raise nothing but ParseError; no exception escapes a document's boundary; every
document graph that comes out re-parses (Oxigraph and rdflib), conforms to the shapes and holds only
valid IRIs; a document over its time budget is skipped and the others still come out.

The runs are bounded so the suite stays fast; `SOVKG_FUZZ=long` runs many more examples.
"""

from __future__ import annotations

import hashlib
import os
import re
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from ontology.records import (
    ActorRecord,
    ActorType,
    ClaimRecord,
    Document,
    DocumentKind,
    EventRecord,
    EventType,
    Evidence,
    Extraction,
    Link,
    PolicyRecord,
    PolicyType,
    RawDocument,
    Skipped,
)
from pipelines.stages.graph import map_extraction
from pipelines.stages.process import process_all, process_raw
from pipelines.stages.validation import validate_block
from pipelines.version import VERSION
from sources.readers import ParseError, parse

LONG = os.environ.get("SOVKG_FUZZ") == "long"
FUZZ = settings(
    max_examples=1000 if LONG else 25,
    deadline=None,  # time is bounded by the budget tests below, not per example (the machine is shared)
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not LONG,  # the suite always runs the same examples; the long profile explores
)

# pieces a hostile page is made of, beside arbitrary characters
PIECES = [
    "\x00",
    "\ud800",
    "\udfff",  # lone surrogates
    "\u202e",
    "\u2066",
    "\u200f",  # bidi controls
    "e\u0301\u0336\u0489",  # combining marks
    "👩‍👩‍👧",
    "🇪🇺",
    "\ufeff",
    "\ufffd",
    '"',
    "'",
    "<",
    ">",
    "\\",
    " ",
    "\n",
    "\r",
    "\t",
    '"""',
    "@prefix x: <http://x/> .",
    "<http://example.org/a b>",
    "_:b0",
    "} ; DROP ALL ; SELECT * WHERE { ?s ?p ?o",
    "\\u0000",
    "The European Commission",
    "said",
    "Open Source Initiative",
    "Ministry of Digital Affairs",
    "(OSI)",
    "Ms Jane Example",
]
TEXT = st.lists(st.one_of(st.characters(), st.sampled_from(PIECES)), max_size=80).map("".join)
# what a parsed document can hold: no surrogates (decoding never yields them)
CLEAN_TEXT = TEXT.map(lambda t: t.encode("utf-8", "replace").decode("utf-8"))
NAME = CLEAN_TEXT.filter(lambda t: any(c.isalnum() for c in t))

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def check_graph(nquads: str) -> None:
    """The document graph re-parses (strictly, with Oxigraph; and with rdflib), holds only valid
    absolute IRIs and conforms to the shapes."""
    quads = list(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    assert quads
    Dataset().parse(data=nquads, format="nquads")
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode):
                assert not _IRI_FORBIDDEN.search(term.value), term.value
                parts = urlsplit(term.value)
                assert parts.scheme in ("http", "https") and parts.netloc, term.value
    result = validate_block(nquads)
    assert result.conforms, result.report


def check_outcomes(outcomes: list) -> None:
    assert outcomes
    for outcome in outcomes:
        if isinstance(outcome, Skipped):
            assert outcome.reason.strip()
        else:
            check_graph(outcome[1].nquads)


def raw(content: bytes, media_type: str, name: str = "fuzz") -> RawDocument:
    return RawDocument(name, f"fuzz/{name}", media_type, content, hashlib.sha256(content).hexdigest())


def utf16_32(text: str) -> list[bytes]:
    return [text.encode(codec, "surrogatepass") for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")]


CONTENT = st.one_of(
    st.binary(max_size=3000),
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    TEXT.flatmap(lambda t: st.sampled_from(utf16_32(t))),
    st.tuples(TEXT, TEXT).map(
        lambda p: f"<html><head><title>{p[0]}</title></head><body><article><h1>{p[0]}</h1><p>{p[1]}</p>"
        f"<p>{p[1]} {p[0]}</p></article></body></html>".encode("utf-8", "surrogatepass")
    ),
)
MEDIA = st.sampled_from(["text/html", "text/plain", "text/markdown"])


@FUZZ
@given(content=CONTENT, media_type=MEDIA)
@example(content="Title\n\nBody text with a lone \ud800 surrogate.".encode("utf-8", "surrogatepass"), media_type="text/plain")
@example(content="<p>The Open Source Initiative said so.</p>".encode("utf-16-le"), media_type="text/html")
def test_readers_raise_nothing_but_parse_error(content: bytes, media_type: str) -> None:
    try:
        document = parse(raw(content, media_type))
    except ParseError as error:
        assert str(error).strip()
        return
    assert document.text.strip()
    assert not re.search(r"[\ud800-\udfff\x00]", document.text + document.title)


@FUZZ
@given(content=CONTENT, media_type=MEDIA)
def test_no_exception_escapes_the_document_boundary(content: bytes, media_type: str) -> None:
    """Archive split, parse, `extract`, map and validate, in-process: any failure is a skip with a reason,
    and whatever comes out is a valid, conforming graph."""
    check_outcomes(process_raw(raw(content, media_type)))


def _evidence(draw: st.DrawFn, text: str) -> Evidence:
    start = draw(st.integers(0, len(text) - 1))  # a span holds at least one character (the shapes say so)
    return Evidence(start, draw(st.integers(start + 1, len(text))), draw(NAME))


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    text = draw(CLEAN_TEXT.filter(str.strip))
    document = Document(
        doc_id="fuzz",
        locator=draw(st.sampled_from(["fuzz/a b\"<c>.html", "https://example.org/a?b=<c>&d=\"e\""])),
        content_hash="0" * 64,
        kind=draw(st.sampled_from(list(DocumentKind))),
        title=draw(NAME),
        text=text,
        authors=tuple(draw(st.lists(NAME, max_size=2))),
        publisher=draw(st.none() | NAME),
        published=draw(st.none() | st.dates().map(str)),
    )
    names = draw(st.lists(NAME, min_size=1, max_size=4, unique=True))
    actors = tuple(
        ActorRecord(
            name,
            draw(st.sampled_from(list(ActorType))),
            (_evidence(draw, text),),
            aliases=tuple(draw(st.lists(NAME, max_size=2))),
            roles=tuple(draw(st.lists(NAME, max_size=1))),
            affiliations=tuple(Link(t, _evidence(draw, text)) for t in draw(st.lists(st.sampled_from(names), max_size=1))),
        )
        for name in names
    )
    event = EventRecord(draw(NAME), draw(st.sampled_from(list(EventType))), (_evidence(draw, text),), location=draw(st.none() | NAME))
    policy = PolicyRecord(
        draw(NAME),
        draw(st.sampled_from(list(PolicyType))),
        (_evidence(draw, text),),
        adopters=(Link(names[0], _evidence(draw, text)),),
    )
    claim = ClaimRecord(draw(NAME), names[-1], _evidence(draw, text), about=(names[0],), event=event.name)
    return Extraction(document, actors, (event,), (policy,), (claim,))


@FUZZ
@given(extraction=extractions())
def test_mapping_escapes_any_name(extraction: Extraction) -> None:
    """Names with quotes, angle brackets, backslashes, spaces, Turtle and SPARQL syntax, NUL, bidi
    controls, combining marks and emoji map to a graph that re-parses, conforms and has valid IRIs."""
    check_graph(map_extraction(extraction, VERSION).nquads)


def _nested(depth: int) -> bytes:
    return ("<html><body>" + "<div>" * depth + "<p>Deep text said the ministry.</p>" + "</div>" * depth).encode()


HOSTILE = {
    "megabyte-token-of-capitals.txt": (b"A" * 1_000_000, "text/plain"),
    "megabyte-token-of-letters.txt": (b"Title\n\n" + b"x" * 1_000_000, "text/plain"),
    "megabyte-of-a-b-groups.txt": (b"Title\n\n" + b"A (B) " * 170_000, "text/plain"),
    "megabyte-of-quotes-and-dashes.txt": (b"Title\n\n" + '"\u2014\u201c-'.encode() * 150_000, "text/plain"),
    "nested-brackets.txt": (b"Title\n\n" + b"(" * 300_000 + b"x" + b")" * 300_000, "text/plain"),
    "nested-10000.html": (_nested(10_000), "text/html"),
    "scripts-and-styles.html": (b"<html><head><style>" + b"p{}" * 10_000 + b"</style></head><body>" + b"<script>var a=1;</script>" * 10_000 + b"</body></html>", "text/html"),
    "binary.txt": (os.urandom(50_000), "text/plain"),
    "binary.html": (os.urandom(50_000), "text/html"),
    **{
        f"bomless-{codec}.html": (
            "<html><head><title>Sovereignty</title></head><body><article><h1>Sovereignty</h1><p>The Open "
            "Source Initiative said the European Commission funds open source.</p></article></body></html>"
            .encode(codec),
            "text/html",
        )
        for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
    },
    "names-full-of-syntax.html": (
        b'<html><head><title>A "quoted" &lt;title&gt; \\ with } ; SELECT</title>'
        b'<meta name="author" content="Jane &quot;Q&quot; &lt;Example&gt; \\ Doe"></head><body><article>'
        b"<h1>Names</h1><p>The Ministry of &lt;Digital&gt; Affairs \\ &quot;Bureau&quot; said on Monday that "
        b"the @prefix x: &lt;http://x/&gt; . Foundation, a group of people, would fund open source.</p>"
        b"<p>Jane Example, director of the Open Source Initiative, said: the plan is good.</p></article></body></html>"
,
        "text/html",
    ),
}
BUDGET_S = 5.0


@pytest.mark.slow
def test_hostile_kinds_through_the_worker_pool_under_the_budget() -> None:
    raws = [raw(content, media, name) for name, (content, media) in HOSTILE.items()]
    results = process_all(raws, workers=2, time_budget_s=BUDGET_S)
    for outcomes in results:
        check_outcomes(outcomes)
    reasons = {r.locator: outcome.reason for r, outs in zip(raws, results, strict=True) for outcome in outs if isinstance(outcome, Skipped)}
    assert {"fuzz/binary.txt", "fuzz/binary.html"} <= set(reasons)
    # a document the budget stopped says so; the run came back with an outcome for every document
    assert all(r.startswith("time budget exceeded") or "budget" not in r for r in reasons.values())


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("media_type", ["text/html", "text/plain"])
def test_utf16_and_utf32_without_a_bom_are_read(codec: str, media_type: str) -> None:
    text = "Sovereignty\n\nThe Open Source Initiative said the European Commission funds open source. Café."
    if media_type == "text/html":
        text = f"<html><body><article><h1>Sovereignty</h1><p>{text.split(chr(10))[-1]}</p></article></body></html>"
    document = parse(raw(text.encode(codec), media_type))
    assert "The Open Source Initiative said the European Commission funds open source. Café." in document.text


def test_binary_content_with_nul_bytes_is_still_refused() -> None:
    for content in (bytes(range(256)) * 40, b"\x00\xff\x00\xfe" * 100, b"Text\x00with\x00NUL\x00bytes said.\n" * 100):
        with pytest.raises(ParseError, match="binary content"):
            parse(raw(content, "text/plain"))
