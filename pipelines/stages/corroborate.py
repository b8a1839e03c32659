"""Claims corroborated across sources: claims from different documents that state the same thing.

Pure Python and fast enough to recompute on every build: each claim becomes a set of content words
(stop words out, light stemming) and word pairs; candidate pairs come from an inverted index over each
claim's rarest words (prefix filtering: two sets with Jaccard >= t must share one of the first
|x| - ceil(t|x|) + 1 rarest words of each), and are kept when their similarity passes the threshold,
their negation agrees ("will adopt" vs "will not adopt" never cluster) and they quote the same numbers.
Linked claims form clusters (union-find). Sources are counted per document, except that near-duplicate
documents of one publisher (a syndicated copy) count once.

A link depends on its two claims only (prefix filtering finds every pair over the threshold), so with a
`LinkCache` a build keeps the links between claims it already knew and compares only new claims with
the others: a changed document costs its own claims, not every claim of the corpus again.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO, XSD

from ontology import iri
from ontology.mapping import Triple, nquads
from ontology.namespace import SOVKG
from ontology.records import Extraction
from pipelines.stages.atomic import read_tagged, write_state

CACHE_FILE = "corroboration.pickle"  # in the state folder: the last build's claims, features and links
_CACHE_LAYOUT = 3
CORROBORATION_KEY = "corroboration"  # the named graph's key beside the documents' ids
WORD_THRESHOLD = 0.5  # Jaccard of content words, for a candidate pair
THRESHOLD = 0.5  # mean of word and word-pair Jaccard, for a link
MIN_WORDS = 6  # shorter claims are too generic to say two documents state the same thing
COPY_THRESHOLD = 0.6  # Jaccard of 5-word shingles between two documents: one is a copy of the other
_DIGIT = re.compile(r"[0-9]")
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*%?")
_NEGATIONS = frozenset(
    {"not", "no", "never", "cannot", "without", "nor", "neither", "none", "nobody", "nothing", "nowhere"}
)
_STOP = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being it its this
    that these those there their they them he she his her we our you your i me my will would shall should
    can could may might must do does did has have had than then so such also very more most much many
    said says say told according about into over after before up out just which who whom what when where
    how all any some each other only own same too s t""".split()  # noqa: SIM905 (a word list reads better)
)


@dataclass(frozen=True)
class ClaimRef:
    iri: URIRef
    doc_id: str
    text: str
    claimant: str


@dataclass(frozen=True)
class Cluster:
    iri: URIRef
    members: tuple[ClaimRef, ...]
    similarity: float  # the lowest similarity of a link inside the cluster
    documents: tuple[str, ...]
    publishers: tuple[str, ...]  # publisher names known for the documents
    sources: int  # independent sources

    @property
    def label(self) -> str:
        text = self.members[0].text
        return text if len(text) <= 120 else text[:117].rstrip() + "..."


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> tuple[frozenset[str], frozenset[str], int, frozenset[str]]:
    """(content words, word pairs, negation parity, numbers) of a claim."""
    # "won't", "isn't": the negation is its own word
    words = _WORD.findall(text.lower().replace("’", "'").replace("n't", " not"))
    negations = sum(1 for w in words if w in _NEGATIONS)
    content = [_stem(w) for w in words if w not in _STOP and w not in _NEGATIONS]
    numbers = frozenset(w for w in content if _DIGIT.search(w))
    return frozenset(content), frozenset(pairwise(content)), negations % 2, numbers


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def similarity(a: str, b: str) -> float:
    """How nearly two claims say the same thing (0 when negation or quoted numbers differ)."""
    wa, pa, na, xa = tokens(a)
    wb, pb, nb, xb = tokens(b)
    if na != nb or xa != xb:
        return 0.0
    return (_jaccard(wa, wb) + _jaccard(pa, pb)) / 2


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


Features = tuple[frozenset[str], frozenset[str], int, frozenset[str]]


@dataclass
class LinkCache:
    """What the last build knew, kept in the state folder: each claim's IRI and content words, the links
    between claims (by IRI) and the independent sources of each cluster's documents."""

    # "doc id\x1fclaimant\x1ftext" -> IRI (a string key: a tuple per claim makes the cache slow to load)
    iris: dict[str, str] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # claim text -> its content words
    links: dict[tuple[str, str], float] = field(default_factory=dict)  # (IRI, IRI) -> score
    sources: dict[tuple, int] = field(default_factory=dict)  # the cluster's documents -> independent sources
    # the last build's clusters, each with what its sources were counted from, and the links they were made
    # from (the same dict as `links` when saved: pickled once)
    clusters: list[tuple[Cluster, tuple]] = field(default_factory=list)
    clustered_links: dict[tuple[str, str], float] = field(default_factory=dict)

    @classmethod
    def load(cls, state_dir: Path) -> LinkCache:
        kept = read_tagged(state_dir / CACHE_FILE, _CACHE_LAYOUT, cls)
        return kept if kept is not None else cls()

    def save(self, state_dir: Path) -> None:
        write_state(state_dir / CACHE_FILE, (_CACHE_LAYOUT, self))


def _claims(extractions: list[Extraction], cache: LinkCache | None = None) -> list[ClaimRef]:
    """Every published claim, by IRI; `iri` is the IRI's text here (made a URIRef only for the claims
    that end up in a cluster: rdflib checks every IRI it makes, which costs more than the rest)."""
    known = cache.iris if cache else {}
    iris: dict[str, str] = {}
    out: dict[str, ClaimRef] = {}
    for extraction in extractions:
        actors = {a.name for a in extraction.actors}
        doc_id = extraction.document.doc_id
        for claim in extraction.claims:
            if claim.claimant in actors:  # only claims the mapping publishes
                key = f"{doc_id}\x1f{claim.claimant}\x1f{claim.text}"
                node = known.get(key) or str(iri.claim_iri(doc_id, claim.claimant, claim.text))
                iris[key] = node
                out.setdefault(node, ClaimRef(node, doc_id, claim.text, claim.claimant))  # type: ignore[arg-type]
    if cache is not None:
        cache.iris = iris
    return sorted(out.values(), key=lambda c: str(c.iri))


def _links(
    claims: list[ClaimRef], cache: LinkCache | None = None, known: frozenset[str] = frozenset()
) -> list[tuple[int, int, float]]:
    """(i, j, score) of every linked pair of claims, i < j; `known`: the claims `cache` has the links of."""
    new = [i for i, c in enumerate(claims) if str(c.iri) not in known]
    if cache is not None and known and len(new) <= max(50, len(claims) // 4):
        words = [cache.words.get(c.text) or tokens(c.text)[0] for c in claims]
        links = _links_of_new(claims, words, new, cache.links)
    else:
        features = [tokens(c.text) for c in claims]
        words = [f[0] for f in features]
        links = _all_links(claims, features)
    if cache is not None:
        cache.words = {c.text: w for c, w in zip(claims, words, strict=True)}
        cache.links = {(str(claims[i].iri), str(claims[j].iri)): score for i, j, score in links}
    return links


def _linked(
    words: frozenset[str],
    pairs: frozenset[str],
    negation: int,
    numbers: frozenset[str],
    other: Features,
) -> float | None:
    """The pair's score when the two claims are linked (the caller has checked they are of two documents)."""
    other_words, other_pairs, other_negation, other_numbers = other
    if negation != other_negation or numbers != other_numbers:
        return None
    if not _similar_words(words, other_words):
        return None
    score = (_jaccard(words, other_words) + _jaccard(pairs, other_pairs)) / 2
    return score if score >= THRESHOLD else None


def _similar_words(words: frozenset[str], other: frozenset[str]) -> bool:
    if min(len(words), len(other)) < WORD_THRESHOLD * max(len(words), len(other)):
        return False  # Jaccard is at most the ratio of the sizes
    return _jaccard(words, other) >= WORD_THRESHOLD


def _links_of_new(
    claims: list[ClaimRef], words: list[frozenset[str]], new: list[int], known: dict[tuple[str, str], float]
) -> list[tuple[int, int, float]]:
    """The known links between claims still there, and the new claims compared with every claim that
    shares a content word with them (a superset of what prefix filtering would pick). Only a pair whose
    words are alike enough has its other features computed."""
    position = {str(c.iri): i for i, c in enumerate(claims)}
    links = [(position[a], position[b], s) for (a, b), s in known.items() if a in position and b in position]
    index: dict[str, list[int]] = defaultdict(list)
    for i, claim_words in enumerate(words):
        if len(claim_words) >= MIN_WORDS:
            for w in claim_words:
                index[w].append(i)
    fresh = set(new)
    for i in new:
        if len(words[i]) < MIN_WORDS:
            continue
        features: Features | None = None
        for j in sorted({j for w in words[i] for j in index[w]}):
            if j == i or (j in fresh and j < i) or claims[j].doc_id == claims[i].doc_id:
                continue  # a pair of new claims is compared once, from its first claim
            if not _similar_words(words[i], words[j]):
                continue
            features = features or tokens(claims[i].text)
            score = _linked(*features, tokens(claims[j].text))
            if score is not None:
                links.append((min(i, j), max(i, j), score))
    return sorted(links)


def _all_links(claims: list[ClaimRef], features: list[Features]) -> list[tuple[int, int, float]]:
    frequency: Counter[str] = Counter(w for words, _, _, _ in features for w in words)
    index: dict[str, list[int]] = defaultdict(list)
    links = []
    for i, (words, pairs, negation, numbers) in enumerate(features):
        if len(words) < MIN_WORDS:
            continue
        ordered = sorted(words, key=lambda w: (frequency[w], w))
        prefix = ordered[: len(ordered) - math.ceil(WORD_THRESHOLD * len(ordered)) + 1]
        candidates = {j for w in prefix for j in index[w]}
        for j in sorted(candidates):
            if claims[j].doc_id == claims[i].doc_id:
                continue
            score = _linked(words, pairs, negation, numbers, features[j])
            if score is not None:
                links.append((j, i, score))
        for w in prefix:
            index[w].append(i)
    return sorted(links)


def _shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return frozenset(tuple(words[i : i + 5]) for i in range(max(1, len(words) - 4)))


def _independent_sources(
    doc_ids: list[str], docs: dict[str, Extraction], cache: dict[str, frozenset[tuple[str, ...]]]
) -> int:
    """Documents, with near-duplicate copies from one publisher counted once."""
    for d in doc_ids:
        if d not in cache:
            cache[d] = _shingles(docs[d].document.text)
    shingles = cache
    groups = _UnionFind(len(doc_ids))
    for i, a in enumerate(doc_ids):
        for j in range(i + 1, len(doc_ids)):
            b = doc_ids[j]
            if docs[a].document.publisher == docs[b].document.publisher and (
                _jaccard(shingles[a], shingles[b]) >= COPY_THRESHOLD
            ):
                groups.union(i, j)
    return len({groups.find(i) for i in range(len(doc_ids))})


def corroborate(extractions: list[Extraction], state_dir: Path | None = None) -> list[Cluster]:
    """Clusters of claims from different documents that state the same thing, largest first.
    `state_dir`: where the `LinkCache` of the last build is kept (read, then replaced by this build's)."""
    cache = LinkCache.load(state_dir) if state_dir is not None else None
    known = frozenset(cache.iris.values()) if cache else frozenset()
    last_iris = cache.iris if cache else None
    claims = _claims(extractions, cache)
    docs = {e.document.doc_id: e for e in extractions}
    # the same claims as the last build, so the same links: its clusters stand while what each one's
    # sources were counted from (its documents' texts and publishers) is unchanged
    if (
        cache is not None
        and cache.iris == last_iris
        and cache.clustered_links == cache.links
        and all(_sources_key(c.documents, docs) == key for c, key in cache.clusters)
    ):
        return [c for c, _ in cache.clusters]
    links = _links(claims, cache, known)
    groups = _UnionFind(len(claims))
    for i, j, _ in links:
        groups.union(i, j)
    lowest: dict[int, float] = {}
    for i, _, score in links:
        root = groups.find(i)
        lowest[root] = min(lowest.get(root, 1.0), score)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(claims)):
        if groups.find(i) in lowest:
            members[groups.find(i)].append(i)
    clusters = []
    shingles: dict[str, frozenset[tuple[str, ...]]] = {}
    known_sources = cache.sources if cache else {}
    sources: dict[tuple, int] = {}
    for root, indexes in members.items():
        refs = tuple(replace(claims[i], iri=URIRef(claims[i].iri)) for i in indexes)
        doc_ids = sorted({c.doc_id for c in refs})
        publishers = sorted({p for d in doc_ids if (p := docs[d].document.publisher)})
        key = _sources_key(doc_ids, docs)
        count = known_sources.get(key)
        sources[key] = count if count is not None else _independent_sources(doc_ids, docs, shingles)
        clusters.append(
            Cluster(
                iri.cluster_iri([str(c.iri) for c in refs]),
                refs,
                round(lowest[root], 3),
                tuple(doc_ids),
                tuple(publishers),
                sources[key],
            )
        )
    clusters.sort(key=lambda c: (-c.sources, -len(c.members), str(c.iri)))
    if cache is not None and state_dir is not None:
        cache.sources = sources
        cache.clusters = [(c, _sources_key(c.documents, docs)) for c in clusters]
        cache.clustered_links = cache.links
        cache.save(state_dir)
    return clusters


def _sources_key(doc_ids: Iterable[str], docs: dict[str, Extraction]) -> tuple:
    """What a cluster's independent sources depend on: each document's text (by its hash and length) and
    publisher."""
    return tuple(
        (d, docs[d].document.content_hash, len(docs[d].document.text), docs[d].document.publisher) for d in doc_ids
    )


def cluster_graph(clusters: list[Cluster], extractions: list[Extraction]) -> str:
    """N-Quads of the `corroboration` named graph."""
    actors_of = {e.document.doc_id: {a.name for a in e.actors} for e in extractions}
    publisher_of = {e.document.doc_id: e.document.publisher for e in extractions}
    triples: list[Triple] = []
    for cluster in clusters:
        node = cluster.iri
        triples += [
            (node, RDF.type, SOVKG.ClaimCluster),
            (node, RDFS.label, Literal(cluster.label)),
            (node, SOVKG.similarity, Literal(f"{cluster.similarity:.3f}", datatype=XSD.decimal)),
            (node, SOVKG.independentSources, Literal(cluster.sources, datatype=XSD.integer)),
        ]
        for member in cluster.members:
            triples += [(node, SOVKG.member, member.iri), (member.iri, SOVKG.inCluster, node)]
        for doc_id in cluster.documents:
            triples.append((node, PROV.wasDerivedFrom, iri.document_iri(doc_id)))
            publisher = publisher_of.get(doc_id)
            if publisher and publisher in actors_of.get(doc_id, ()):  # typed as an actor in its graph
                triples.append((node, SDO.publisher, iri.actor_iri(publisher)))
    return "".join(sorted(set(nquads(dict.fromkeys(triples), iri.corroboration_graph_iri()))))

