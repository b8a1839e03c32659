"""Curation: the file is validated on load, every operation holds on the sample corpus through a rebuild
and a changed document, stale entries are reported, and an invalid file publishes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ontology import iri
from ontology.namespace import SOVKG
from pipelines.cli import main
from pipelines.curate import CurationError, load_curation
from pipelines.runner import run_build
from tests.conftest import ROOT, metadata

ALTERNATE_NAME = URIRef("https://schema.org/alternateName")
SAMPLES = ROOT / "sources" / "samples"

CURATION = """\
decisions:
  - op: merge
    item: EU
    into: European Union
    reason: the same union
    by: Ann Analyst
    date: 2025-01-02
  - op: keep-apart
    items: [Emerging Technologies, UN Office for Digital and Emerging Technologies]
    reason: not the same
    by: Ann Analyst
  - op: reject
    item: Open Source Initiative
    class: policy
    reason: an organisation, not a policy
    by: Ann Analyst
  - op: retype
    item: Civic Tech Review
    type: GovernmentBody
    reason: testing a retype
    by: Ann Analyst
  - op: relabel
    item: FOSDEM 2025 Conference
    label: FOSDEM 2025
    reason: the official name
    by: Ann Analyst
  - op: reattribute
    item: "a survey of 120 public agencies."
    claimant: Priya Raman
    reason: she presented it
    by: Ann Analyst
  - op: add
    class: actor
    label: Schleswig-Holstein
    type: GovernmentBody
    document: blog-open-source-first.html
    passage: Schleswig-Holstein
    reason: missed by extraction
    by: Ann Analyst
  - op: reject
    item: Nobody Of That Name
    reason: a target that is not there
    by: Ann Analyst
"""


def _graph(out: Path) -> Graph:
    return Graph().parse(out / "dataset.nt")


def _assert_curated(g: Graph) -> None:
    eu, union = iri.actor_iri("EU"), iri.actor_iri("European Union")
    assert (eu, None, None) not in g and (union, ALTERNATE_NAME, Literal("EU")) in g  # merge
    assert (iri.policy_iri("Open Source Initiative"), None, None) not in g  # reject
    assert (iri.actor_iri("Civic Tech Review"), RDF.type, SOVKG.GovernmentBody) in g  # retype
    fosdem = iri.event_iri("FOSDEM 2025 Conference")  # relabel keeps the IRI
    assert set(g.objects(fosdem, RDFS.label)) == {Literal("FOSDEM 2025")}
    assert (fosdem, ALTERNATE_NAME, Literal("FOSDEM 2025 Conference")) in g
    survey = [c for c in g.subjects(RDF.type, SOVKG.Claim) if "survey of 120" in str(g.value(c, RDFS.label))]
    assert [g.value(c, SOVKG.claimant) for c in survey] == [iri.actor_iri("Priya Raman")]  # reattribute
    added = iri.actor_iri("Schleswig-Holstein")  # add, with its passage as evidence
    assert (added, RDF.type, SOVKG.GovernmentBody) in g
    assert any(g.value(e, SOVKG.rule) == Literal("curation.add") for e in g.subjects(RDF.subject, added))
    # every applied decision is a Curation node with its reason and curator; the stale one is not
    curations = set(g.subjects(RDF.type, SOVKG.Curation))
    assert len(curations) == 7
    assert {str(g.value(c, SOVKG.operation)) for c in curations} == {
        "merge", "keep-apart", "reject", "retype", "relabel", "reattribute", "add"
    }
    rejected = {o for c in curations for o in g.objects(c, SOVKG.rejectedItem)}
    assert rejected == {iri.policy_iri("Open Source Initiative")}
    for c in curations:
        curator = g.value(c, URIRef("http://www.w3.org/ns/prov#wasAssociatedWith"))
        assert g.value(curator, RDFS.label) == Literal("Ann Analyst")


def test_each_operation_holds_through_a_rebuild_and_a_changed_document(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLES, corpus)
    curation = tmp_path / "curation.yaml"
    curation.write_text(CURATION)
    out = tmp_path / "dist"
    first = run_build([str(corpus)], out, workers=1, curation=str(curation))
    assert first.success, first.error
    meta = metadata(first.result, "knowledge_graph")
    assert meta["curation_applied"] == 7 and meta["curation_stale"] == 1
    assert "Nobody Of That Name" in str(meta["curation_stale_entries"])
    _assert_curated(_graph(out))
    before = {line for line in (out / "dataset.nt").read_text().splitlines() if "Sovereign Tech" in line}

    # a changed document is re-read; the decisions still hold
    changed = corpus / "news-cyber-resilience-act.md"
    changed.write_text(changed.read_text() + "\n\nThe act was discussed again in a later session.\n")
    second = run_build([str(corpus)], out, workers=1, curation=str(curation))
    assert second.success, second.error
    assert metadata(second.result, "documents")["parsed"] == 1
    _assert_curated(_graph(out))
    assert before <= set((out / "dataset.nt").read_text().splitlines())

    # the stale entry is listed by `sovkg curate list`
    assert main(["curate", "list", "--file", str(curation), "--out", str(out)]) == 0
    listing = capsys.readouterr().out
    assert "STALE: no item labelled 'Nobody Of That Name'" in listing
    assert listing.count("[applied]") == 7

    # removing a decision undoes it at the next build
    assert main(["curate", "remove", "5", "--file", str(curation)]) == 0
    assert run_build([str(corpus)], out, workers=1, curation=str(curation)).success
    fosdem = iri.event_iri("FOSDEM 2025 Conference")
    assert set(_graph(out).objects(fosdem, RDFS.label)) == {Literal("FOSDEM 2025 Conference")}


def test_invalid_file_is_refused_and_nothing_published(tmp_path: Path, capsys, monkeypatch) -> None:
    curation = tmp_path / "curation.yaml"
    curation.write_text("decisions:\n  - op: reject\n    item: EU\n    by: Ann\n")
    out = tmp_path / "dist"
    code = main(["build", "--out", str(out), "--curation", str(curation)])
    assert code == 2
    error = capsys.readouterr().err
    assert str(curation) in error and "entry 1 (reject)" in error and "'reason'" in error
    assert not (out / "dataset.nt").exists()

    # without --curation, `curation.yaml` in the current folder is the file applied
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--out", str(out)]) == 2
    assert "curation.yaml: entry 1 (reject)" in capsys.readouterr().err
    assert not (out / "dataset.nt").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("decisions:\n  - op: fuse\n    reason: r\n    by: b\n", "entry 1: field 'op'", id="op"),
        pytest.param("decisions:\n  - op: merge\n    item: A\n    reason: r\n    by: b\n", "entry 1 (merge): field 'into'", id="missing"),
        pytest.param(
            "decisions:\n  - op: reject\n    item: A\n    colour: red\n    reason: r\n    by: b\n",
            "entry 1 (reject): unknown field(s) colour",
            id="unknown",
        ),
        pytest.param(
            "decisions:\n  - op: reject\n    item: A\n    reason: r\n    by: b\n    date: soon\n",
            "entry 1 (reject): field 'date'",
            id="date",
        ),
        pytest.param(
            "decisions:\n  - op: retype\n    item: A\n    type: Planet\n    reason: r\n    by: b\n",
            "entry 1 (retype): field 'type'",
            id="type",
        ),
        pytest.param(
            "decisions:\n  - op: keep-apart\n    items: [A]\n    reason: r\n    by: b\n",
            "entry 1 (keep-apart): field 'items'",
            id="items",
        ),
        pytest.param("decisions: [\n", "not valid YAML", id="yaml"),
    ],
)
def test_errors_name_the_file_the_entry_and_the_field(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "curation.yaml"
    path.write_text(text)
    with pytest.raises(CurationError) as error:
        load_curation(path)
    assert str(path) in str(error.value) and expected in str(error.value)


def test_curate_commands_write_a_file_that_loads(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    args = ["--file", str(path), "--reason", "why", "--by", "Ann"]
    assert main(["curate", "merge", "EU", "European Union", *args]) == 0
    assert main(["curate", "keep-apart", "A", "B", *args]) == 0
    assert main(["curate", "reject", "X", "--class", "claim", *args]) == 0
    assert main(["curate", "retype", "X", "Person", *args, "--date", "2025-02-03"]) == 0
    assert main(["curate", "relabel", "X", "New name", *args]) == 0
    assert main(["curate", "reattribute", "Some claim", "Ann", *args]) == 0
    assert main(["curate", "add", "claim", "Text", "--document", "d", "--passage", "p", "--claimant", "Y", *args]) == 0
    assert main(["curate", "retype", "X", "Planet", *args]) == 2  # validated before it is written
    decisions = load_curation(path).decisions
    assert [d.op for d in decisions] == ["merge", "keep-apart", "reject", "retype", "relabel", "reattribute", "add"]
    assert decisions[0].item == "EU" and decisions[0].into == "European Union" and decisions[3].date == "2025-02-03"
    assert main(["curate", "remove", "2", "--file", str(path)]) == 0
    assert [d.op for d in load_curation(path).decisions][:2] == ["merge", "reject"]


def test_dagster_sees_the_curation_file_as_an_input_of_the_graph(tmp_path: Path) -> None:
    import dagster as dg
    from dagster._core.definitions.observe import observe

    from pipelines.assets.curation import CurationResource, curation_file, curation_sensor
    from pipelines.assets.graph import knowledge_graph
    from pipelines.definitions import definitions
    from pipelines.sensors import publish_job

    path = tmp_path / "curation.yaml"
    path.write_text(CURATION)
    resource = CurationResource(path=str(path))
    graph = definitions(out_dir=str(tmp_path / "dist"), curation=str(path)).resolve_asset_graph()
    assert curation_file.key in graph.get(knowledge_graph.key).parent_keys

    def version() -> str:
        with dg.DagsterInstance.ephemeral() as instance:
            result = observe([curation_file], instance=instance, resources={"curation": resource})
            observation = result.asset_observations_for_node(curation_file.op.name)[0]
            return observation.tags["dagster/data_version"]

    first_version = version()
    # the sensor's first tick records the version (the first build applies the file) ...
    first = curation_sensor(dg.build_sensor_context(cursor=None, resources={"curation": resource}))
    assert not first.run_requests and first.cursor == first_version == resource.digest()
    unchanged = curation_sensor(dg.build_sensor_context(cursor=first.cursor, resources={"curation": resource}))
    assert isinstance(unchanged, dg.SkipReason)
    # ... and an edit launches only the combine and publish steps
    path.write_text(CURATION.replace("the official name", "the name on the website"))
    assert version() != first_version
    edited = curation_sensor(dg.build_sensor_context(cursor=first.cursor, resources={"curation": resource}))
    assert len(edited.run_requests) == 1 and edited.cursor == resource.digest()
    assert curation_sensor.job_name == publish_job.name
    assert edited.asset_events[0].asset_key == curation_file.key
