"""Parse, extract and map documents, in a worker pool when there are many; a failing document is
skipped with its reason and never stops the others."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from ontology.records import Document, Extraction, RawDocument, Skipped
from pipelines.extract.pipeline import extract
from pipelines.stages.graph import MappedBlock, map_extraction
from pipelines.version import VERSION
from sources.readers import ParseError, parse

log = logging.getLogger(__name__)
In = TypeVar("In")
Out = TypeVar("Out")
_POOL_THRESHOLD = 200  # below this, starting processes costs more than it saves
_CHUNK = 64


def _parse_one(raw: RawDocument) -> Document | Skipped:
    try:
        return parse(raw)
    except ParseError as error:
        return Skipped(raw.locator, str(error))
    except Exception as error:  # a parser bug must not stop the run: record it
        return Skipped(raw.locator, f"parser failed: {type(error).__name__}: {error}")


def _extract_one(doc: Document) -> tuple[Extraction, MappedBlock] | Skipped:
    """The extraction and its named graph: mapping here, in the workers, leaves combining little to do."""
    try:
        extraction = extract(doc)
    except Exception as error:
        return Skipped(doc.locator, f"extraction failed: {type(error).__name__}: {error}")
    return extraction, map_extraction(extraction, VERSION)


def _map(func: Callable[[In], Out], items: Sequence[In], workers: int) -> list[Out]:
    if workers <= 1 or len(items) < _POOL_THRESHOLD:
        return [func(item) for item in items]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(func, items, chunksize=_CHUNK))


def _split(results: list[Out | Skipped]) -> tuple[list[Out], list[Skipped]]:
    done = [r for r in results if not isinstance(r, Skipped)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    for s in skipped:
        log.warning("skipped %s: %s", s.locator, s.reason)
    return done, skipped  # type: ignore[return-value]


def parse_all(raws: Sequence[RawDocument], workers: int = 1) -> tuple[list[Document], list[Skipped]]:
    return _split(_map(_parse_one, raws, workers))


def extract_all(
    docs: Sequence[Document], workers: int = 1
) -> tuple[list[tuple[Extraction, MappedBlock]], list[Skipped]]:
    return _split(_map(_extract_one, docs, workers))
