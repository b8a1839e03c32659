"""Releases: a second build with one document changed, one added and one removed lists exactly what
changed in changes.json (and changes.ttl, and the VoID/DCAT series), and `sovkg diff` agrees."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from ontology import iri
from ontology.namespace import DATA, SOVKG
from pipelines.cli import main
from pipelines.runner import run_build
from pipelines.stages.changes import changes_turtle, items
from tests.conftest import ROOT

SAMPLES = ROOT / "sources" / "samples"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
ADDED_SENTENCE = (
    "\n\nMarta Kowalska, a researcher at the Baltic Code Institute, said that public code registries "
    "cut procurement costs for small municipalities.\n"
)


def _claims_of(nt: Path, doc_id: str) -> set[str]:
    return {k for k, v in items(nt.read_text()).items() if v["group"] == "claims" and doc_id in k}


def test_second_build_lists_changed_added_and_removed_documents(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = sorted(p.name for p in SAMPLES.iterdir())
    removed_name, added_name, changed_name = names[0], names[1], "news-cyber-resilience-act.md"
    for name in names:
        if name != added_name:
            shutil.copy(SAMPLES / name, corpus / name)
    old, new = tmp_path / "old", tmp_path / "new"
    assert run_build([str(corpus)], old, workers=1).success
    first = json.loads((old / "changes.json").read_text())
    assert first["release"]["previous"] is None  # the first release: everything is added
    assert sum(first["counts"]["added"].values()) == len(items((old / "dataset.nt").read_text()))

    shutil.copytree(old, new)  # the second build publishes over the first one's folder
    (corpus / removed_name).unlink()
    shutil.copy(SAMPLES / added_name, corpus / added_name)
    (corpus / changed_name).write_text((corpus / changed_name).read_text() + ADDED_SENTENCE)
    assert run_build([str(corpus)], new, workers=1).success
    changes = json.loads((new / "changes.json").read_text())

    assert changes["release"]["previous"] == first["release"]["id"]
    assert changes["release"]["id"] != first["release"]["id"]
    added = {row["iri"] for rows in changes["added"].values() for row in rows}
    removed = {row["iri"] for rows in changes["removed"].values() for row in rows}
    # the added document's claims are new, the removed one's are gone, nothing else of theirs lingers
    doc_of = {name: iri.document_id(f"corpus/{name}") for name in names}
    added_claims = _claims_of(new / "dataset.nt", doc_of[added_name])
    removed_claims = _claims_of(old / "dataset.nt", doc_of[removed_name])
    assert added_claims and added_claims <= added
    assert removed_claims and removed_claims <= removed
    assert not removed & set(items((new / "dataset.nt").read_text()))
    # the changed document's new sentence: its claimant and claim are added
    assert "Marta Kowalska" in {row["label"] for row in changes["added"]["actors"]}
    assert any("public code registries" in row["label"] for row in changes["added"]["claims"])
    assert changes["counts"]["added"]["claims"] == len(changes["added"]["claims"])

    # sovkg diff on the two folders prints the same comparison
    assert main(["diff", str(old), str(new), "--json"]) == 0
    diffed = json.loads(capsys.readouterr().out)
    assert diffed == {k: v for k, v in changes.items() if k != "release"}
    assert main(["diff", str(old), str(new)]) == 0
    table = capsys.readouterr().out
    counts = changes["counts"]
    assert f"{'claims':<10}{counts['added']['claims']:>8}{counts['removed']['claims']:>9}" in table
    assert "Marta Kowalska" in table

    # the RDF form, and the VoID/DCAT description of the dataset as a series of versions
    release = iri.release_iri(changes["release"]["id"])
    rdf = Graph().parse(new / "changes.ttl")
    assert (release, RDF.type, SOVKG.Release) in rdf
    assert len(set(rdf.objects(release, SOVKG.addedItem))) == len(added)
    assert len(set(rdf.objects(release, SOVKG.removedItem))) == len(removed)
    void = Graph().parse(new / "void.ttl")
    assert (DATA["dataset"], DCAT.hasCurrentVersion, release) in void
    assert (release, DCAT.previousVersion, iri.release_iri(first["release"]["id"])) in void
    # release metadata stays out of the dataset files
    assert changes["release"]["id"] not in (new / "dataset.nt").read_text()


def _publish(out: Path, ntriples: str, digest: str, *, full: bool = False) -> dict:
    from datetime import date

    from pipelines.stages.changes import CHANGES_JSON, CHANGES_TTL, DATASET_NT, write_release

    staging = out / "staging"
    staging.mkdir()
    write_release(staging, out, ntriples, digest, date(2026, 1, 2))
    (out / DATASET_NT).write_text(ntriples, encoding="utf-8")
    for name in (CHANGES_JSON, CHANGES_TTL):
        shutil.move(staging / name, out / name)
    staging.rmdir()
    changes = json.loads((out / CHANGES_JSON).read_text(encoding="utf-8"))
    return changes if full else changes["release"]


def test_a_graph_returning_to_an_earlier_state_is_a_new_release_and_versions_never_loop(tmp_path: Path) -> None:
    first = _publish(tmp_path, "", "a" * 40)
    second = _publish(tmp_path, "", "b" * 40)
    again = _publish(tmp_path, "", "b" * 40)  # the same graph written again: the same release
    undone = _publish(tmp_path, "", "a" * 40)  # back to the first graph (a curation undone)
    assert first["previous"] is None and second["previous"] == first["id"]
    assert again == second
    assert undone["id"] not in {first["id"], second["id"]}
    assert undone["previous"] == second["id"]


def test_the_next_release_compares_with_the_item_table_kept_from_the_last_one(tmp_path: Path) -> None:
    actor = "https://w3id.org/sovkg/id/actor/example"
    ntriples = (
        f"<{actor}> <{RDF.type}> <{SOVKG.Actor}> .\n"
        f'<{actor}> <http://www.w3.org/2000/01/rdf-schema#label> "Example Agency" .\n'
    )
    _publish(tmp_path, ntriples, "a" * 40)
    (tmp_path / "dataset.nt").write_text("", encoding="utf-8")  # the kept table, not the file, is read
    assert [row["label"] for row in _publish(tmp_path, "", "b" * 40, full=True)["removed"]["actors"]] == [
        "Example Agency"
    ]
    (tmp_path / ".state" / "release-items.pickle").unlink()  # nothing kept: the dump itself is read
    (tmp_path / "dataset.nt").write_text(ntriples, encoding="utf-8")
    assert [row["label"] for row in _publish(tmp_path, "", "c" * 40, full=True)["removed"]["actors"]] == [
        "Example Agency"
    ]


def _rdflib_changes(changes: dict) -> Graph:
    """The change list built as an rdflib graph, term by term: what changes.ttl must say."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, PROV, RDFS, XSD

    from ontology.namespace import bind_prefixes

    g = bind_prefixes(Graph())
    g.bind("dcat", DCAT)
    release = changes["release"]
    node = iri.release_iri(release["id"])
    g.add((node, RDF.type, SOVKG.Release))
    g.add((node, RDFS.label, Literal(f"sovkg release {release['id']}")))
    g.add((node, DCAT.version, Literal(release["id"])))
    g.add((node, DCTERMS.issued, Literal(release["date"], datatype=XSD.date)))
    if release.get("previous"):
        g.add((node, DCAT.previousVersion, iri.release_iri(release["previous"])))
        g.add((node, PROV.wasRevisionOf, iri.release_iri(release["previous"])))
    for predicate, key in ((SOVKG.addedItem, "added"), (SOVKG.removedItem, "removed")):
        for row in (row for rows in changes[key].values() for row in rows):
            g.add((node, predicate, URIRef(row["iri"])))
            g.add((URIRef(row["iri"]), RDFS.label, Literal(row["label"])))
            g.add((URIRef(row["iri"]), RDF.type, SOVKG[row["class"]]))
    for row in changes["relabelled"]:
        g.add((node, SOVKG.relabelledItem, URIRef(row["iri"])))
        g.add((URIRef(row["iri"]), RDFS.label, Literal(row["new"])))
        g.add((URIRef(row["iri"]), SOVKG.previousLabel, Literal(row["old"])))
    return g


_AWKWARD_LABELS = ['say "no"', "two\nlines", 'ends in a quote"\n"', 'a """ b\nc', "back\\slash", "cr\rlf\r\n", "é 中", ""]


@pytest.mark.parametrize("previous", [None, "20260101-0badcafe"], ids=["first", "later"])
def test_change_list_turtle_is_the_bytes_rdflib_writes(sample_build, previous: str | None) -> None:
    """changes.ttl is written without rdflib's serializer (slow on a first release, which lists every item
    of the graph): the same bytes, the same graph for rdflib and Oxigraph."""
    _, out = sample_build
    changes = json.loads((out / "changes.json").read_text(encoding="utf-8"))
    changes["release"]["previous"] = previous
    actors = changes["added"]["actors"]
    assert actors  # the sample build lists its items as added
    changes["removed"]["events"] = [
        {"iri": f"{DATA}event/gone-{n}", "label": label, "class": "Conference"} for n, label in enumerate(_AWKWARD_LABELS)
    ]
    changes["relabelled"] = [{"iri": actors[0]["iri"], "class": actors[0]["class"], "old": "two\nlines", "new": 'say "x"'}]
    expected = _rdflib_changes(changes)
    written = changes_turtle(changes)
    assert written == expected.serialize(format="turtle")
    assert isomorphic(Graph().parse(data=written, format="turtle"), expected)
    parsed = {str(t) for t in ox.parse(written.encode(), format=ox.RdfFormat.TURTLE)}
    assert parsed == {str(t) for t in ox.parse(expected.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)}
