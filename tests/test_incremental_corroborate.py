"""Corroboration with its cache of the last build (`LinkCache` in the state folder): the links between
claims it already knew are kept, new claims are compared with the rest, and the clusters are exactly
those of a build from scratch after claims are added, changed and removed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from test_corroborate import OTHER
from test_corroborate import corpus as _corpus

from ontology.records import Extraction
from pipelines.stages.corroborate import CACHE_FILE, LinkCache, corroborate

ADOPT_AGAIN = "The city council will adopt the open-source office suite for every school by next year"


def _edited(extractions: list[Extraction], doc_id: str, text: str) -> list[Extraction]:
    out = []
    for extraction in extractions:
        if extraction.document.doc_id == doc_id:
            claim = dataclasses.replace(extraction.claims[0], text=text)
            extraction = dataclasses.replace(extraction, claims=(claim,))
        out.append(extraction)
    return out


def _retexted(extractions: list[Extraction], doc_id: str) -> list[Extraction]:
    """The document's text copied twice over (a syndicated copy's count of sources depends on it)."""
    out = []
    for extraction in extractions:
        if extraction.document.doc_id == doc_id:
            document = extraction.document
            text = f"{document.text} {document.text}"
            document = dataclasses.replace(document, text=text, content_hash=f"{document.content_hash}-2")
            extraction = dataclasses.replace(extraction, document=document)
        out.append(extraction)
    return out


def test_each_change_gives_the_clusters_of_a_fresh_build(tmp_path: Path) -> None:
    corpus = _corpus()
    steps = [
        corpus[:3],  # the first build
        corpus,  # two documents added: one joins the cluster, one is alone
        _edited(corpus, "doc-d", ADOPT_AGAIN),  # a claim changed so that it joins the cluster
        _edited(corpus, "doc-d", ADOPT_AGAIN),  # nothing changed: the last clusters are reused
        _retexted(_edited(corpus, "doc-d", ADOPT_AGAIN), "doc-a"),  # the same claims, a cluster's text changed
        _edited(corpus, "doc-b", OTHER),  # a claim changed so that it leaves it
        [e for e in corpus if e.document.doc_id != "doc-a"],  # a document removed
        [],  # every document removed
        corpus,
    ]
    for extractions in steps:
        fresh = corroborate(extractions)
        assert corroborate(extractions, tmp_path) == fresh
        assert (tmp_path / CACHE_FILE).is_file()
    assert any(len(c.members) >= 3 for c in corroborate(_edited(corpus, "doc-d", ADOPT_AGAIN), tmp_path))


def test_clusters_are_reused_while_their_claims_and_documents_are_unchanged(tmp_path: Path) -> None:
    corpus = _corpus()
    clusters = corroborate(corpus, tmp_path)
    assert clusters
    cache = LinkCache.load(tmp_path)
    marked = [(dataclasses.replace(c, similarity=0.01), key) for c, key in cache.clusters]
    cache.clusters = marked  # what the next build returns, if it reuses the clusters
    cache.save(tmp_path)
    assert {c.similarity for c in corroborate(corpus, tmp_path)} == {0.01}
    # a document of a cluster changed its text: the clusters are made again
    assert corroborate(_retexted(corpus, clusters[0].documents[0]), tmp_path) == corroborate(
        _retexted(corpus, clusters[0].documents[0])
    )


def test_known_links_are_taken_from_the_cache(tmp_path: Path) -> None:
    corpus = _corpus()
    clusters = corroborate(corpus, tmp_path)
    cache = LinkCache.load(tmp_path)
    assert cache.links and set(cache.words) == {e.claims[0].text for e in corpus}
    # the same claims again: the recorded scores are what the clusters report, not recomputed ones
    cache.links = {pair: 0.99 for pair in cache.links}
    cache.save(tmp_path)
    again = corroborate(corpus, tmp_path)
    assert [c.members for c in again] == [c.members for c in clusters]
    assert {c.similarity for c in again} == {0.99}


def test_an_unreadable_cache_is_rebuilt(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"not a pickle")
    assert corroborate(_corpus(), tmp_path) == corroborate(_corpus())
    assert LinkCache.load(tmp_path).links
