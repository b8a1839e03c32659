"""The mapping writes each document's graph as N-Quads text itself, without making rdflib terms: what it
writes must be what rdflib's own N-Triples/N-Quads writers write for the same terms, on hostile strings."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from ontology.mapping import literal_nt, term_nt
from ontology.records import ActorRecord, ActorType, ClaimRecord, Document, DocumentKind, Evidence, Extraction
from pipelines.stages.graph import block_stats, map_extraction
from pipelines.version import VERSION

_XSD = "http://www.w3.org/2001/XMLSchema#"
HOSTILE = [
    pytest.param('He said "no" and ""', id="quotes"),
    pytest.param('"""a Turtle long string"""', id="triple-quotes"),
    pytest.param("back\\slash \\n \\u0041 \\", id="backslashes"),
    pytest.param("two\nlines\r\nand\ra carriage return", id="newlines"),
    pytest.param("tab\t NUL\x00 bell\x07 unit-sep\x1f DEL\x7f", id="controls"),
    pytest.param("\u2028line sep\u2029para sep\x0bvt\x0cff\x85nel", id="unicode-line-breaks"),
    pytest.param("emoji 👩‍👩‍👧 math 𝔘 flag 🇪🇺", id="non-bmp"),
    pytest.param("bidi \u202e\u2066 combining e\u0301\u0336", id="bidi-and-combining"),
    pytest.param("<http://example.org/x> . _:b0 @prefix", id="n-quads-syntax"),
    pytest.param("", id="empty"),
]


def _rdflib_nt(literal: Literal) -> str:
    """The object rdflib's N-Triples writer writes for a literal."""
    g = Graph()
    g.add((URIRef("http://example.org/s"), URIRef("http://example.org/p"), literal))
    line = g.serialize(format="nt")
    return line.removeprefix("<http://example.org/s> <http://example.org/p> ").removesuffix(" .\n")


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_literal_is_written_as_rdflib_writes_it(text: str) -> None:
    assert literal_nt(text) == _rdflib_nt(Literal(text)) == term_nt(Literal(text))


@pytest.mark.parametrize("text", HOSTILE)
def test_tagged_and_typed_literals_are_written_as_rdflib_writes_them(text: str) -> None:
    for literal in (Literal(text, lang="en-GB"), Literal(text, datatype=URIRef(_XSD + "token"))):
        assert term_nt(literal) == _rdflib_nt(literal)
    # xsd:string is the datatype of every simple literal (RDF 1.1): written without it, as a plain literal
    assert term_nt(Literal(text, datatype=URIRef(_XSD + "string"))) == literal_nt(text)


def test_hostile_strings_come_back_from_the_document_graph() -> None:
    """Names, aliases, roles, claims and passages made of the hostile strings map to N-Quads that a strict
    parser (Oxigraph) reads back to exactly those strings, each statement written once."""
    texts = [f"Name {k} {value}" for k, value in enumerate(p.values[0] for p in HOSTILE)]
    text = "\n\n".join(texts)
    spans, at = [], 0
    for value in texts:
        spans.append(Evidence(at, at + len(value), "rule " + value))
        at += len(value) + 2
    document = Document("hostile", "https://example.org/a b?c=<d>", "0" * 64, DocumentKind.NEWS_ARTICLE, texts[0], text)
    actors = tuple(
        ActorRecord(value, ActorType.ORGANIZATION, (ev,), aliases=(value + " alias",), roles=(value,))
        for value, ev in zip(texts, spans, strict=True)
    )
    claims = tuple(ClaimRecord(value, texts[0], ev) for value, ev in zip(texts, spans, strict=True))
    mapped = map_extraction(Extraction(document, actors, claims=claims), VERSION)
    block = mapped.nquads
    lines = block.split("\n")[:-1]
    assert len(lines) == len(set(lines))
    # a form feed or U+2028 inside a literal ends no line: the counts are per statement
    for stats in (mapped.stats, block_stats(block)):
        assert stats is not None and stats.triples == len(lines) == sum(n for _, n in stats.predicates)
    literals = {
        (quad.predicate.value.rpartition("#")[2].rpartition("/")[2], quad.object.value)
        for quad in ox.parse(block.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        if isinstance(quad.object, ox.Literal)
    }
    for value, ev in zip(texts, spans, strict=True):
        for expected in (
            ("label", value),
            ("alternateName", value + " alias"),
            ("role", value),
            ("claimText", value),
            ("passage", value),
            ("rule", ev.rule),
        ):
            assert expected in literals, expected
