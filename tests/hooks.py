"""An extractor for tests, set with `SOVKG_EXTRACTOR=hooks:misbehaving`: the real extraction, except
for documents whose text holds a trigger word, where it misbehaves the way a buggy or pathological
extractor would. Worker processes inherit the environment, so a whole build runs with it."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

from ontology.records import ActorRecord, ActorType, Document, Evidence, Extraction
from pipelines.extract.pipeline import extract

SPEC = "hooks:misbehaving"
SLOW = "SLOW-DOCUMENT"  # never finishes (until its worker is killed)
FAILS = "EXTRACTION-FAILS"  # raises
UNMAPPABLE = "MAPPING-FAILS"  # returns an actor without a type: mapping it raises
NONCONFORMING = "SHAPES-FAIL"  # returns an actor without a name: its graph breaks the shapes
DIES = "WORKER-DIES"  # the worker process exits, as after a crash in a C extension
BIG = "BIG-GRAPH"  # adds thousands of actors: a graph large enough that publishing it takes seconds
BIG_ACTORS = 15_000
# a file the slow document touches when it starts: a test waits for it instead of guessing with sleeps
MARKER_ENV = "SOVKG_TEST_SLOW_MARKER"


def misbehaving(document: Document) -> Extraction:
    text = document.text
    if SLOW in text:
        marker = os.environ.get(MARKER_ENV)
        if marker:
            Path(marker).write_text(str(os.getpid()))
        while True:
            time.sleep(0.05)
    if FAILS in text:
        raise RuntimeError("an extractor bug")
    if DIES in text:
        os._exit(3)
    extraction = extract(document)
    if BIG in text:
        start = text.index(BIG)
        evidence = (Evidence(start, start + len(BIG), "test-big-graph"),)
        extra = tuple(ActorRecord(f"Person Number {i}", ActorType.PERSON, evidence) for i in range(BIG_ACTORS))
        return replace(extraction, actors=extraction.actors + extra)
    if UNMAPPABLE in text and extraction.actors:
        return replace(extraction, actors=(replace(extraction.actors[0], type=None), *extraction.actors[1:]))
    if NONCONFORMING in text and extraction.actors:
        return replace(extraction, actors=(replace(extraction.actors[0], name=""), *extraction.actors[1:]))
    return extraction
