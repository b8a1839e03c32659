"""Dagster assets, one module per stage; group names are constants so checks and jobs can refer to them."""

INGEST = "ingest"
PARSE = "parse"
EXTRACT = "extract"
GRAPH = "graph"
PUBLISH = "publish"
