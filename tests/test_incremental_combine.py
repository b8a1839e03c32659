"""Combining from document sketches gives the graph `build_graph` makes from every whole extraction, release
after release, and reads again only the stored results that changed (plus the documents whose resolution
changed because of them)."""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

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
    Merge,
    Participation,
    Role,
)
from pipelines.io import StoredPartitions
from pipelines.stages.combine import combine
from pipelines.stages.documents import DocumentResult
from pipelines.stages.graph import KnowledgeGraph, build_graph, map_extraction
from pipelines.stages.validation import ValidatedNQuads, shapes_digest
from sources.web import Entry

VERSION = "test"
EV = Evidence(0, 5, "test.rule")
CLAIM = "Open source software cut the cost of public services by a third last year"


def _extraction(doc_id: str, actors: list[tuple[str, ActorType, tuple[str, ...]]], extra: str = "") -> Extraction:
    """A document naming `actors` (name, type, affiliations), at an event, with one claim."""
    text = f"Text of {doc_id}. {extra}"
    document = Document(doc_id, f"corpus/{doc_id}.txt", f"hash-{doc_id}-{extra}", DocumentKind.NEWS_ARTICLE, doc_id, text)
    records = tuple(
        ActorRecord(name, kind, (EV,), affiliations=tuple(Link(a, EV) for a in affiliations))
        for name, kind, affiliations in actors
    )
    event = EventRecord(
        "Open Source Program Offices (OSPOs) for Good Day" if doc_id == "a" else "OSPOs for Good Day",
        EventType.MEETING,
        (EV,),
        merges=(Merge("OSPOs for Good Day", Evidence(0, 5, "merge.acronym")),) if doc_id == "a" else (),
        participants=tuple(Participation(name, Role.SPEAKER, EV) for name, _, _ in actors[:1]),
    )
    claims = (ClaimRecord(CLAIM, actors[0][0], EV, event=event.name),) if actors else ()
    return Extraction(document, records, (event,), (), claims)


def _store(folder: Path, doc_id: str, extraction: Extraction | None) -> None:
    """The result a document worker stores: the extraction and its block, mapped and validated."""
    entry = Entry(doc_id, f"corpus/{doc_id}.txt", "corpus")
    if extraction is None:
        result = DocumentResult(entry, gone="410 Gone")
    else:
        block = map_extraction(extraction, VERSION)
        block = replace(block, nquads=ValidatedNQuads(block.nquads, shapes_digest()))
        result = DocumentResult(entry, extraction.document.content_hash, (extraction,), (block,))
    (folder / f"{doc_id}.pickle").write_bytes(pickle.dumps(result))


class _Counted(StoredPartitions):
    def __init__(self, paths: dict[str, Path]) -> None:
        super().__init__(paths)
        self.read: list[str] = []

    def __getitem__(self, partition: str) -> object:
        self.read.append(partition)
        return super().__getitem__(partition)


def _expected(folder: Path, state: Path) -> KnowledgeGraph:
    extractions, mapped = [], {}
    for path in sorted(folder.glob("*.pickle")):
        result = pickle.loads(path.read_bytes())
        for extraction, block in zip(result.extractions, result.blocks, strict=True):
            extractions.append(extraction)
            mapped[extraction.document.doc_id] = block
    return build_graph(extractions, VERSION, mapped=mapped, state_dir=state)


def _combined(folder: Path, state: Path) -> tuple[KnowledgeGraph, list[str]]:
    results = _Counted({p.stem: p for p in sorted(folder.glob("*.pickle"))})
    graph, _ = combine(results, VERSION, state)
    return graph, results.read


def _same(graph: KnowledgeGraph, expected: KnowledgeGraph) -> None:
    assert dict(graph.graphs) == dict(expected.graphs)
    for name in ("class_counts", "triples", "edges", "merges", "locators", "digests", "predicates"):
        assert getattr(graph, name) == getattr(expected, name), name


def test_combining_sketches_equals_building_from_whole_extractions(tmp_path: Path) -> None:
    folder, state, fresh = tmp_path / "results", tmp_path / "state", tmp_path / "fresh"
    folder.mkdir()
    state.mkdir()
    person = ActorType.PERSON
    org = ActorType.ORGANIZATION
    docs = {
        "a": _extraction("a", [("Abhishek Singh", person, ("Open Source Software Foundation",)), ("Ask Jeeves", org, ())]),
        "b": _extraction("b", [("Ask Jeeves", person, ()), ("OSS Foundation", org, ())]),
        "c": _extraction("c", [("Ask Jeeves", org, ()), ("Open Source Software Foundation", org, ())]),
        "d": _extraction("d", [("Jane Doe", person, ())]),
    }
    for doc_id, extraction in docs.items():
        _store(folder, doc_id, extraction)
    graph, read = _combined(folder, state)
    _same(graph, _expected(folder, fresh / "0"))
    assert graph.merges  # the corpus exercises resolution: names merged, types harmonised
    assert set(read) == set(docs)  # (a document mapped again after resolution is read twice)

    graph, read = _combined(folder, state)  # nothing changed: no stored result is read
    _same(graph, _expected(folder, fresh / "1"))
    assert read == []

    # d now calls Ask Jeeves a person twice over: the vote flips the type in a, b and c, which are remapped
    _store(folder, "d", _extraction("d", [("Ask Jeeves", person, ()), ("Jane Doe", person, ())], "v2"))
    _store(folder, "e", _extraction("e", [("Ask Jeeves", person, ())]))
    graph, read = _combined(folder, state)
    _same(graph, _expected(folder, fresh / "2"))
    assert "d" in read and "e" in read and set(read) <= {"a", "b", "c", "d", "e"}

    # another spelling of a's person, with a shared affiliation, in b: merged into a's, a's graph unchanged
    b = [("Abishek Singh", person, ("OSS Foundation",)), ("Ask Jeeves", person, ()), ("OSS Foundation", org, ())]
    _store(folder, "b", _extraction("b", b, "v2"))
    graph, read = _combined(folder, state)
    _same(graph, _expected(folder, fresh / "3"))
    assert graph.merges["Abishek Singh"] == "Abhishek Singh" and set(read) == {"b"}

    # a document gone at its source and one no longer stored at all: b's OSS Foundation was merged into
    # c's longer name, so b is remapped
    _store(folder, "c", None)
    (folder / "e.pickle").unlink()
    previous, previous_blocks = graph, dict(graph.graphs)
    graph, read = _combined(folder, state)
    assert dict(previous.graphs) == previous_blocks  # the last graph's blocks stay for one more build
    _same(graph, _expected(folder, fresh / "4"))
    assert set(read) == {"b", "c"} and "OSS Foundation" not in graph.merges

    # a graph handed to another process names its blocks, which are read back from the state folder
    again = pickle.loads(pickle.dumps(graph))
    assert dict(again.graphs) == dict(graph.graphs)
    assert len(pickle.dumps(graph)) < sum(len(b) for b in graph.graphs.values())

    # nothing changed since: the last graph is reused, with the retractions of this build
    results = StoredPartitions({p.stem: p for p in sorted(folder.glob("*.pickle"))})
    again, retracted = combine(results, VERSION, state, {"zz": "corpus/zz.txt", "a": "corpus/a.txt"})
    assert dict(again.graphs) == dict(graph.graphs)
    assert retracted == [("corpus/c.txt", "410 Gone"), ("corpus/zz.txt", "no longer listed by any source")]
    assert again.retracted == tuple(retracted)


def test_the_kept_sketches_read_back_equal_to_those_written(tmp_path: Path) -> None:
    from pipelines.stages.combine import CombineState, Entry, Sketch, sketch

    person = ActorType.PERSON
    extraction = _extraction("a", [("Abhishek Singh", person, ("Open Source Software Foundation",))])
    entry = Entry((1, 2, 3), "corpus/a.txt", None, (Sketch(sketch(extraction), "key", "shapes"),))
    state = CombineState(tmp_path)
    state.put("a", entry)
    state.save({"a": "digest"})
    kept = CombineState(tmp_path)
    assert kept.entries == {"a": entry} and kept.digests == {"a": "digest"}
    item = kept.entries["a"].sketches[0].extraction
    assert isinstance(item.actors[0].type, ActorType) and item.events[0].participants[0].role is Role.SPEAKER
