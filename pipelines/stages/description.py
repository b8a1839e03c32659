"""What the published dataset says about itself: a VoID + DCAT description and an HTML landing page.

Download and endpoint URLs are absolute, under the base URL the service is reached at (`sovkg serve`
serves the files under /downloads/, SPARQL at /query and the Graph Store at /store); the landing page
uses relative links so it works wherever it is served.
"""

from __future__ import annotations

import html
import os
from datetime import UTC, date, datetime
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID, XSD

from ontology.namespace import DATA, SOVKG, bind_prefixes
from pipelines.queries import ready_queries
from pipelines.stages.changes import Release, describe_release

SPDX = Namespace("http://spdx.org/rdf/terms#")
DATASET = DATA["dataset"]
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
TITLE = "sovkg: knowledge graph of the digital-sovereignty and open-source-policy debate"
DESCRIPTION = (
    "Actors, events, policies and claims read from news articles, blog posts, news summaries and "
    "conference session reports, each statement traced to its document, passage and extraction rule."
)
MEDIA_TYPES = {
    "dataset.ttl": "text/turtle",
    "dataset.trig": "application/trig",
    "dataset.nt": "application/n-triples",
    "dataset.nt.gz": "application/n-triples",
    "dataset.jsonld": "application/ld+json",
    "ontology.ttl": "text/turtle",
    "shapes.ttl": "text/turtle",
    "void.ttl": "text/turtle",
    "network.png": "image/png",
    "index.html": "text/html; charset=utf-8",
    "manifest.json": "application/json",
    "changes.json": "application/json",
    "changes.ttl": "text/turtle",
}


def release_date() -> date:
    """Today (UTC), or the reproducible-builds SOURCE_DATE_EPOCH when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date()


def void_description(
    *,
    base_url: str,
    triples: int,
    class_counts: dict[str, int],
    downloads: dict[str, tuple[int, str]],  # file -> (bytes, sha256)
    examples: list[str],
    released: date,
    release: Release | None = None,
) -> str:
    base = base_url.rstrip("/")
    g = bind_prefixes(Graph())
    g.bind("void", VOID)
    g.bind("dcat", DCAT)
    g.bind("spdx", SPDX)
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add((DATASET, RDF.type, DCAT.Dataset))
    g.add((DATASET, DCTERMS.title, Literal(TITLE, lang="en")))
    g.add((DATASET, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    g.add((DATASET, DCTERMS.license, LICENSE))
    g.add((DATASET, DCTERMS.created, Literal(released.isoformat(), datatype=XSD.date)))
    g.add((DATASET, DCTERMS.issued, Literal(released.isoformat(), datatype=XSD.date)))
    g.add((DATASET, VOID.triples, Literal(triples, datatype=XSD.integer)))
    g.add((DATASET, VOID.vocabulary, URIRef(str(SOVKG._NS))))
    g.add((DATASET, VOID.uriSpace, Literal(str(DATA))))
    g.add((DATASET, VOID.sparqlEndpoint, URIRef(f"{base}/query")))
    g.add((DATASET, VOID.rootResource, URIRef(f"{base}/")))
    service = URIRef(f"{base}/query#service")
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, URIRef(f"{base}/query")))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((service, DCAT.servesDataset, DATASET))
    for name, count in sorted(class_counts.items()):
        if not count:
            continue
        partition = BNode(f"partition-{name}")
        g.add((DATASET, VOID.classPartition, partition))
        g.add((partition, VOID["class"], SOVKG[name]))
        g.add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
    if release is not None:  # a series of versions, the previous one linked
        describe_release(g, DATASET, release)
    for example in examples:
        g.add((DATASET, VOID.exampleResource, URIRef(example)))
    for name, (size, sha256) in sorted(downloads.items()):
        url = URIRef(f"{base}/downloads/{name}")
        distribution = URIRef(f"{url}#distribution")
        if name.startswith("dataset."):
            g.add((DATASET, VOID.dataDump, url))
        g.add((DATASET, DCAT.distribution, distribution))
        g.add((distribution, RDF.type, DCAT.Distribution))
        g.add((distribution, RDFS.label, Literal(name)))
        g.add((distribution, DCAT.downloadURL, url))
        g.add((distribution, DCAT.mediaType, Literal(MEDIA_TYPES.get(name, "application/octet-stream"))))
        if name.endswith(".gz"):
            g.add((distribution, DCAT.compressFormat, Literal("application/gzip")))
        g.add((distribution, DCAT.byteSize, Literal(size, datatype=XSD.integer)))
        checksum = BNode(f"checksum-{name}")
        g.add((distribution, SPDX.checksum, checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary)))
    return g.serialize(format="turtle")


def landing_page(
    *,
    triples: int,
    class_counts: dict[str, int],
    downloads: dict[str, tuple[int, str]],
    released: date,
) -> str:
    """A small self-contained HTML page: counts, downloads, example queries and the network picture."""
    esc = html.escape
    counts = "".join(
        f"<tr><td>{esc(name)}</td><td class=n>{count:,}</td></tr>" for name, count in class_counts.items() if count
    )
    files = "".join(
        f'<tr><td><a href="downloads/{quote(name)}">{esc(name)}</a></td><td class=n>{size:,}</td>'
        f"<td><code>{sha[:16]}…</code></td></tr>"
        for name, (size, sha) in sorted(downloads.items())
    )
    queries = "".join(
        f"<li><p>{esc(q.comment)} (<code>sovkg query {esc(q.name)}</code>, "
        f'<a href="query?query={quote(q.text)}">run</a>)</p><pre>{esc(q.text)}</pre></li>'
        for q in ready_queries()
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(TITLE)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="alternate" type="text/turtle" href="downloads/void.ttl" title="VoID description">
<style>body{{font:15px/1.5 system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#222}}
table{{border-collapse:collapse}}td,th{{padding:.2rem .8rem;border-bottom:1px solid #ddd;text-align:left}}
.n{{text-align:right}}pre{{background:#f5f5f5;padding:.6rem;overflow-x:auto;font-size:12px}}
img{{max-width:100%;border:1px solid #ddd}}</style></head>
<body><h1>sovkg knowledge graph</h1>
<p>{esc(DESCRIPTION)}</p>
<p>{triples:,} triples, released {released.isoformat()}, licensed
<a href="{LICENSE}">CC BY 4.0</a>. SPARQL 1.1 endpoint: <a href="query"><code>query</code></a>
(read-only; results as SPARQL JSON, XML, CSV or TSV by <code>Accept</code>); the whole graph as Turtle:
<a href="store?default"><code>store?default</code></a> (Graph Store Protocol GET).</p>
<h2>Actors and events</h2><p><img src="downloads/network.png" alt="actor-event network"></p>
<h2>Instances per class</h2><table>{counts}</table>
<h2>Downloads</h2><table><tr><th>file</th><th class=n>bytes</th><th>SHA-256</th></tr>{files}</table>
<h2>Example queries</h2><ul>{queries}</ul>
</body></html>
"""
