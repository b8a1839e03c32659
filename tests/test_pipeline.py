"""Real in-process Dagster materializations of the whole asset graph."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDF, RDFS

from ontology.namespace import SOVKG
from ontology.validate import validate
from pipelines.stages.dumps import write_dumps
from pipelines.stages.graph import KnowledgeGraph
from sources import SAMPLES_DIR
from tests.conftest import materialize_all, metadata


def test_sample_build_succeeds_with_checks(sample_build) -> None:
    result, _out = sample_build
    assert result.success
    checks = {c.check_name: c.passed for c in result.get_asset_check_evaluations()}
    assert checks == {"shacl_conforms": True, "graph_not_empty": True}
    graph_md = metadata(result, "knowledge_graph")
    assert graph_md["named_graphs"] == 5
    for cls in ("Person", "Organization", "Country", "Event", "Policy", "Claim"):
        assert graph_md[f"class_{cls}"] > 0, cls
    assert str(graph_md["actor_event_network"]).startswith("![actor-event network](data:image/png;base64,")


def test_dumps_reparse_to_the_published_counts(sample_build) -> None:
    _, out = sample_build
    turtle = Graph().parse(out / "dataset.ttl", format="turtle")
    ntriples = Graph().parse(out / "dataset.nt", format="nt")
    dataset = Dataset()
    dataset.parse(out / "dataset.trig", format="trig")
    assert len(turtle) == len(ntriples) > 500
    named = [g for g in dataset.graphs() if str(g.identifier).startswith("https://w3id.org/sovkg/id/graph/")]
    assert len(named) == 5
    assert sum(len(g) for g in named) >= len(turtle)
    assert Graph().parse(out / "ontology.ttl").value(SOVKG.Claim, RDFS.label) == Literal("Claim", lang="en")


def test_every_instance_has_a_label_and_evidence_has_a_rule(sample_build) -> None:
    _, out = sample_build
    g = Graph().parse(out / "dataset.nt", format="nt")
    for cls in (SOVKG.Actor, SOVKG.Event, SOVKG.Policy, SOVKG.Claim):
        for node in g.subjects(RDF.type, cls):
            assert g.value(node, RDFS.label) is not None, node
    rules = {str(r) for r in g.objects(None, SOVKG.rule)}
    assert {"actor.apposition", "actor.listing", "event.title"} <= rules
    answer = g.query("""
        PREFIX sovkg: <https://w3id.org/sovkg/ontology#>
        SELECT ?passage ?start ?end ?rule WHERE {
          ?c a sovkg:Claim ; sovkg:claimant ?who .
          ?e rdf:subject ?c ; rdf:predicate sovkg:claimant ; rdf:object ?who ;
             sovkg:passage ?passage ; sovkg:startOffset ?start ; sovkg:endOffset ?end ; sovkg:rule ?rule .
        } LIMIT 1""")
    row = next(iter(answer))
    assert int(row.end) - int(row.start) == len(str(row.passage)) or len(str(row.passage)) == 1000


def test_rerun_gives_identical_dumps(sample_build, tmp_path: Path) -> None:
    _, first = sample_build
    result = materialize_all(None, tmp_path)
    assert result.success
    for name in ("dataset.nt", "dataset.ttl", "dataset.trig"):
        assert (first / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_shacl_fails_on_a_broken_graph(sample_build) -> None:
    _, out = sample_build
    g = Graph().parse(out / "dataset.nt", format="nt")
    claim = next(g.subjects(RDF.type, SOVKG.Claim))
    g.remove((claim, SOVKG.claimant, None))
    person = next(g.subjects(RDF.type, SOVKG.Person))
    g.add((person, SOVKG.affiliation, person))
    result = validate(g)
    assert not result.conforms
    assert result.violations >= 2
    assert "claimant" in result.report


def test_bad_documents_are_skipped_and_the_rest_published(tmp_path: Path) -> None:
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    shutil.copy(SAMPLES_DIR / "news-cyber-resilience-act.md", corpus / "good.md")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\xff\x00\xfe" * 100)
    (corpus / "nothing.html").write_bytes(b"<html><body><nav>Home</nav></body></html>")
    (corpus / "huge.txt").write_bytes(b"word " * 1_200_000)
    (corpus / "hostile.html").write_bytes(
        b"<html><body><article><h1>X</h1><p>\xe2\x80\xae<script>alert(1)</script> Robert'); DROP TABLE--"
        b' said """quotes""" and \\u0000 <b>unclosed</article>'
    )
    result = materialize_all([str(corpus)], tmp_path / "out")
    assert result.success
    reasons = str(metadata(result, "documents")["skipped_reasons"])
    assert "empty file" in reasons and "exceeds the limit" in reasons
    assert "binary content" in reasons and "no main text" in reasons
    assert metadata(result, "knowledge_graph")["named_graphs"] == 2
    assert (tmp_path / "out" / "dataset.ttl").stat().st_size > 0


def test_failed_publish_keeps_the_previous_dump(sample_build, tmp_path: Path) -> None:
    _, out = sample_build
    target = tmp_path / "dist"
    shutil.copytree(out, target)
    before = {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()}
    broken = KnowledgeGraph({"x": "<not a quad"})
    with pytest.raises(SyntaxError):
        write_dumps(broken, target)
    after = {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()}
    assert after == before


def test_published_dump_conforms_and_a_reversed_span_does_not(sample_build) -> None:
    from rdflib.namespace import XSD

    _, out = sample_build
    g = Graph().parse(out / "dataset.nt", format="nt")
    assert validate(g).conforms
    evidence = next(g.subjects(RDF.type, SOVKG.Evidence))
    g.set((evidence, SOVKG.endOffset, Literal(0, datatype=XSD.integer)))
    result = validate(g)
    assert not result.conforms and "LessThan" in result.report


def test_pipeline_validation_sees_every_named_graph(sample_build) -> None:
    """The per-document validation of the published graph catches a broken statement in any document."""
    from pipelines.stages.validation import validate_graph

    _, out = sample_build
    store = ox.Store()
    store.load(path=str(out / "dataset.trig"), format=ox.RdfFormat.TRIG)
    blocks: dict[str, str] = {}
    for quad in store:
        blocks.setdefault(quad.graph_name.value, "")
        blocks[quad.graph_name.value] += f"{quad} .\n"
    assert validate_graph(KnowledgeGraph(dict(blocks))).conforms
    claimant = "<https://w3id.org/sovkg/ontology#claimant>"
    doc = next(k for k, block in blocks.items() if claimant in block)
    broken = "".join(line + "\n" for line in blocks[doc].splitlines() if f" {claimant} " not in line)
    result = validate_graph(KnowledgeGraph({**blocks, doc: broken}))
    assert not result.conforms and "claimant" in result.report
