"""The sovkg ontology: namespaces, IRI minting, record types and their mapping to RDF."""

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_FILE = ONTOLOGY_DIR / "sovkg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
