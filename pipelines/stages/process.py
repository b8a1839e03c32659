"""Every per-document step after reading (archive split, decode and parse, extract, map, validate)
behind one error boundary, in worker processes under a time budget.

A document that fails at any step is skipped with the step and the reason, and never stops the others.
A document still running when its time budget is spent is skipped with "time budget exceeded": its
worker process is killed and replaced, so an input that sends a parser or a regular expression into a
very long computation costs the budget, not the build. A worker that dies (a crash in a C extension,
the kernel's OOM killer) costs only the document it was working on.
"""

from __future__ import annotations

import importlib
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import replace
from functools import lru_cache
from typing import TypeVar

from pebble import ProcessExpired, ProcessPool

from ontology.records import Document, Extraction, RawDocument, Skipped
from pipelines.extract.pipeline import extract
from pipelines.stages.graph import MappedBlock, map_extraction
from pipelines.stages.validation import ValidatedNQuads, shapes_digest, validate_block
from pipelines.version import VERSION
from sources.readers import ParseError, parse
from sources.web import split_archive

DEFAULT_TIME_BUDGET_S = 30.0
# `module:function` taking a Document and returning an Extraction, used instead of the built-in
# extraction: a way to try another extractor on a whole build (and, in the tests, a slow or failing one)
EXTRACTOR_ENV = "SOVKG_EXTRACTOR"
_POOL_THRESHOLD = 200  # without a time budget, below this starting processes costs more than it saves
_MAX_REASON = 300  # an exception's message may quote a whole document

T = TypeVar("T")
Processed = tuple[Extraction, MappedBlock]
Outcome = Processed | Skipped


@lru_cache(maxsize=4)
def _load_extractor(spec: str) -> Callable[[Document], Extraction]:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def extractor() -> Callable[[Document], Extraction]:
    spec = os.environ.get(EXTRACTOR_ENV, "")
    return _load_extractor(spec) if spec else extract


def _failed(locator: str, step: str, error: BaseException) -> Skipped:
    if isinstance(error, ParseError):  # written for people already: "empty document", "binary content", ...
        return Skipped(locator, str(error)[:_MAX_REASON])
    return Skipped(locator, f"{step} failed: {type(error).__name__}: {error}"[:_MAX_REASON])


def _document(raw: RawDocument) -> Outcome:
    try:
        document = parse(raw)
    except Exception as error:
        return _failed(raw.locator, "parser", error)
    try:
        extraction = extractor()(document)
    except Exception as error:
        return _failed(raw.locator, "extraction", error)
    try:
        block = map_extraction(extraction, VERSION)
    except Exception as error:
        return _failed(raw.locator, "mapping", error)
    try:
        # each document's graph is self-contained, so one that breaks the shapes is caught here, alone,
        # instead of failing the whole graph's check and the publish after it
        result = validate_block(block.nquads)
    except Exception as error:
        return _failed(raw.locator, "validation", error)
    if not result.conforms:
        first = next((line.strip() for line in result.report.splitlines() if "Message:" in line), "")
        return Skipped(raw.locator, f"graph does not conform to the shapes ({result.violations} violations) {first}")
    # marked as validated, so the graph's check does not validate these same bytes again
    return extraction, replace(block, nquads=ValidatedNQuads(block.nquads, shapes_digest()))


def process_raw(raw: RawDocument) -> list[Outcome]:
    """One entry's bytes through every step; an archive page gives one outcome per post."""
    try:
        parts = split_archive(raw)
    except Exception as error:
        return [_failed(raw.locator, "archive split", error)]
    return [_document(part) for part in parts]


def _collect(locator: str, future, budget: float | None) -> T | Skipped:
    try:
        return future.result()
    except FutureTimeout:
        return Skipped(locator, f"time budget exceeded ({budget:g} s)")
    except ProcessExpired as error:
        return Skipped(locator, f"worker process died (exit code {error.exitcode})")
    except Exception as error:  # e.g. a result that cannot be sent back
        return _failed(locator, "worker", error)


def run_each(
    task: Callable[..., T],
    jobs: Sequence[tuple],
    locators: Sequence[str],
    workers: int = 1,
    time_budget_s: float | None = DEFAULT_TIME_BUDGET_S,
) -> Iterator[T | Skipped]:
    """`task(*job)` for each job, yielded in order as they finish: what the task returned, or why the job
    was cut short (the job's locator, "time budget exceeded", "worker process died"). With a time budget
    (seconds per job; None or 0: none) every job runs in a worker process, however few there are, so the
    budget holds for one document too. A value is dropped here once yielded, so what the caller keeps is
    all that stays in memory."""
    budget = time_budget_s or None
    if budget is None and (workers <= 1 or len(jobs) < _POOL_THRESHOLD):
        for job in jobs:
            yield task(*job)
        return
    if not jobs:
        return
    with ProcessPool(max_workers=max(1, min(workers, len(jobs)))) as pool:
        futures = deque(pool.schedule(task, args=job, timeout=budget) for job in jobs)
        for locator in locators:
            yield _collect(locator, futures.popleft(), budget)


def process_all(
    raws: Sequence[RawDocument], workers: int = 1, time_budget_s: float | None = DEFAULT_TIME_BUDGET_S
) -> list[list[Outcome]]:
    """Each entry's outcomes, in order (see `run_each`)."""
    return [
        [outcome] if isinstance(outcome, Skipped) else outcome
        for outcome in run_each(process_raw, [(raw,) for raw in raws], [raw.locator for raw in raws], workers, time_budget_s)
    ]
