"""Corroboration on short documents written for the tests: the same statement in different documents is
one cluster, the opposite statement (same words, negated) is not, a syndicated copy from the same
publisher counts as one source, and the ready queries list the clusters."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
import pytest

from ontology import iri
from ontology.records import ActorRecord, ActorType, ClaimRecord, Document, DocumentKind, Evidence, Extraction
from pipelines.queries import find_query
from pipelines.stages.corroborate import corroborate, similarity
from pipelines.stages.graph import build_graph
from pipelines.stages.validation import validate_graph

ADOPT = "the city council will adopt the open-source office suite for every school next year"
ADOPT_REWORDED = "The city council will adopt the open source office suite for every school next year."
NOT_ADOPT = "the city council will not adopt the open-source office suite for every school next year"
OTHER = "municipal procurement budgets for cloud hosting grew faster than any other line item"


def _doc(doc_id: str, claimant: str, claim: str, *, publisher: str | None, body: str = "") -> Extraction:
    text = f"{body}{claimant} said {claim}."
    start = text.index(claim)
    digest = hashlib.sha256(text.encode()).hexdigest()
    document = Document(
        doc_id, f"test/{doc_id}", digest, DocumentKind.NEWS_ARTICLE, f"Story {doc_id}", text, publisher=publisher
    )
    evidence = Evidence(start, start + len(claim), "test")
    actors = [ActorRecord(claimant, ActorType.PERSON, (Evidence(0, len(claimant), "test"),))]
    if publisher:
        actors.append(ActorRecord(publisher, ActorType.ORGANIZATION, (Evidence(0, 1, "test"),)))
    return Extraction(document, tuple(actors), claims=(ClaimRecord(claim, claimant, evidence),))


FILLER = " ".join(f"Paragraph {i} of a long report on municipal software budgets and schools." for i in range(40))


def corpus() -> list[Extraction]:
    return [
        _doc("doc-a", "Anna Berg", ADOPT, publisher="Daily Ledger", body=FILLER),
        _doc("doc-b", "Tom Lind", ADOPT_REWORDED, publisher="Evening Post"),
        _doc("doc-c", "Anna Berg", NOT_ADOPT, publisher="Morning Star Weekly"),
        _doc("doc-d", "Eva Holm", OTHER, publisher="Evening Post"),
        # doc-e: the Daily Ledger story syndicated again under another address (a near-duplicate)
        _doc("doc-e", "Anna Berg", ADOPT, publisher="Daily Ledger", body=FILLER + " Updated."),
    ]


@pytest.fixture()
def extractions() -> list[Extraction]:
    return corpus()


def _claim(extraction: Extraction) -> str:
    claim = extraction.claims[0]
    return str(iri.claim_iri(extraction.document.doc_id, claim.claimant, claim.text))


def test_same_statement_clusters_and_negation_separates(extractions) -> None:
    clusters = corroborate(extractions)
    assert len(clusters) == 1
    cluster = clusters[0]
    by_doc = {e.document.doc_id: e for e in extractions}
    assert {str(m.iri) for m in cluster.members} == {_claim(by_doc[d]) for d in ("doc-a", "doc-b", "doc-e")}
    assert set(cluster.documents) == {"doc-a", "doc-b", "doc-e"}
    assert cluster.sources == 2  # doc-e is a copy of doc-a from the same publisher
    assert cluster.publishers == ("Daily Ledger", "Evening Post")
    assert 0.5 <= cluster.similarity <= 1.0


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        pytest.param(ADOPT, ADOPT_REWORDED, True, id="reworded"),
        pytest.param(ADOPT, NOT_ADOPT, False, id="negated"),
        pytest.param(ADOPT, ADOPT.replace("will adopt", "won't adopt"), False, id="contraction"),
        pytest.param(
            "budgets grew by 12 percent across the region this year",
            "budgets grew by 15 percent across the region this year",
            False,
            id="numbers",
        ),
        pytest.param(ADOPT, OTHER, False, id="unrelated"),
    ],
)
def test_similarity(a: str, b: str, same: bool) -> None:
    assert (similarity(a, b) >= 0.5) is same


def test_claims_of_one_document_do_not_cluster() -> None:
    one = _doc("doc-x", "Anna Berg", ADOPT, publisher=None)
    again = ClaimRecord(ADOPT_REWORDED, "Anna Berg", one.claims[0].evidence)
    doubled = Extraction(one.document, one.actors, claims=(*one.claims, again))
    assert corroborate([doubled]) == []


def test_clusters_in_the_graph_conform_and_the_ready_queries_list_them(extractions) -> None:
    graph = build_graph(extractions, "test")
    assert graph.class_counts["ClaimCluster"] == 1
    assert validate_graph(graph).conforms
    store = ox.Store()
    store.load(graph.nquads().encode(), format=ox.RdfFormat.N_QUADS)
    rows = list(store.query(find_query("corroborated-claims").text, use_default_graph_as_union=True))
    assert len(rows) == 1
    assert int(rows[0]["sources"].value) == 2 and int(rows[0]["members"].value) == 3
    assert set(rows[0]["claimants"].value.split(" | ")) == {"Anna Berg", "Tom Lind"}
    by_doc = {e.document.doc_id: e for e in extractions}
    text = find_query("also-reported-by").text.replace(
        "?claim sovkg:inCluster", f"VALUES ?claim {{ <{_claim(by_doc['doc-b'])}> }} ?claim sovkg:inCluster"
    )
    others = {r["document"].value for r in store.query(text, use_default_graph_as_union=True)}
    assert others == {"Story doc-a", "Story doc-e"}
