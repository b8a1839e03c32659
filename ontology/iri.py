"""The only place sovkg IRIs are minted.

An IRI is `id/<kind>/<slug>-<hash>`: the slug keeps it readable, the hash of the normalised key
keeps it unique and stable (same input, same IRI, on every run and machine).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from ontology.namespace import DATA

_NON_WORD = re.compile(r"[^a-z0-9]+")
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|dr|prof|the)\s+")
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f\ud800-\udfff]')


def normalise(name: str) -> str:
    """ASCII, lower case, punctuation to spaces, leading honorific or article dropped."""
    ascii_form = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = _NON_WORD.sub(" ", ascii_form.lower()).strip()
    return _HONORIFIC.sub("", words)


def _mint(kind: str, key: str) -> URIRef:
    digest = hashlib.sha256(f"{kind}\x1f{key}".encode()).hexdigest()[:12]
    slug = "-".join(normalise(key).split())[:48].strip("-") or kind
    return DATA[f"{kind}/{slug}-{digest}"]


def actor_iri(name: str) -> URIRef:
    return _mint("actor", normalise(name))


def event_iri(name: str) -> URIRef:
    return _mint("event", normalise(name))


def policy_iri(name: str) -> URIRef:
    return _mint("policy", normalise(name))


def web_iri(url: str) -> URIRef:
    """A page's URL as an IRI: the characters an IRI may not hold (spaces, quotes, angle brackets,
    braces, backslashes, controls: a URL from a feed or a redirect may carry any of them) are
    percent-encoded, so the N-Quads stay valid and the IRI still dereferences to the same page."""
    return URIRef(_IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogatepass")), url))


def document_iri(doc_id: str) -> URIRef:
    return DATA[f"doc/{doc_id}"]


def ontology_graph_iri() -> URIRef:
    """The named graph holding the ontology in a published store."""
    return DATA["graph/ontology"]


def graph_iri(doc_id: str) -> URIRef:
    """The named graph holding what was extracted from one document."""
    return DATA[f"graph/{doc_id}"]


def claim_iri(doc_id: str, claimant: str, text: str) -> URIRef:
    return _mint("claim", f"{doc_id}\x1f{normalise(claimant)}\x1f{text}")


def evidence_iri(doc_id: str, *parts: object) -> URIRef:
    return _mint("evidence", "\x1f".join([doc_id, *map(str, parts)]))


def activity_iri(version: str) -> URIRef:
    """The extraction activity of one pipeline version (no timestamp, so re-runs mint the same IRI)."""
    return DATA[f"activity/extract/{version}"]


def software_iri(version: str) -> URIRef:
    return DATA[f"software/sovkg/{version}"]


def document_id(locator: str) -> str:
    """Stable document id from where the document is found (not its content, so edits keep the id)."""
    return hashlib.sha256(locator.encode()).hexdigest()[:16]


def curation_iri(key: str) -> URIRef:
    """A curation decision, from its operation and the items it names (not its reason or date, so
    rewording the reason keeps the IRI)."""
    return _mint("curation", key)


def curator_iri(name: str) -> URIRef:
    return _mint("curator", normalise(name))


def curation_graph_iri() -> URIRef:
    """The named graph holding the curation decisions (keyed like a document's graph: `curation`)."""
    return graph_iri("curation")


def cluster_iri(members: list[str]) -> URIRef:
    """A claim cluster, from its member claims' IRIs (order-independent)."""
    return _mint("cluster", "\x1f".join(sorted(members)))


def corroboration_graph_iri() -> URIRef:
    """The named graph holding the claim clusters (keyed like a document's graph: `corroboration`)."""
    return graph_iri("corroboration")


def release_iri(release_id: str) -> URIRef:
    return DATA[f"release/{release_id}"]
