"""Extraction on hostile text finishes in linear time.

A long run of one letter, of capitals, of quotes, dashes or brackets, or one unbroken multi-megabyte token
once made regular expressions backtrack quadratically (hours on a few megabytes). Each extractor and the whole
`extract()` must return within a limit far below that, yet loose enough for a loaded two-core machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from ontology.records import Document, DocumentKind
from pipelines.extract import events, pipeline, policies, text

MB = 1_000_000
# Inputs without spaces cost each extractor little; inputs full of short capitalised words make every word a
# name candidate, so they are shorter (a quadratic pattern still takes minutes at this size).
ADVERSARIAL: dict[str, Callable[[], str]] = {
    "one letter": lambda: "a" * MB,
    "capitals": lambda: "A" * MB,
    "quotes": lambda: '"' * MB,
    "curly quotes": lambda: "“" * MB,
    "dashes": lambda: "-" * MB,
    "em dashes": lambda: "—" * MB,
    "nested brackets": lambda: "(" * (MB // 2) + ")" * (MB // 2),
    "mixed brackets": lambda: "([{“'" * (MB // 5),
    "5 MB token": lambda: "aB1-" * (5 * MB // 4),
    "A (B) ": lambda: "A (B) " * (200_000 // 6),
    "capitalised words": lambda: "Open Source " * (200_000 // 12),
    "initials": lambda: "A. " * (200_000 // 3),
    "one word per line": lambda: "A\n" * (200_000 // 2),
    "of-joined names": lambda: "Aa of " * (200_000 // 6),
}
EXTRACTORS: dict[str, Callable[[str], object]] = {
    "sentences": text.sentences,
    "paragraphs": text.paragraphs,
    "name spans": lambda t: list(text.name_spans(t)),
    "acronyms": pipeline._acronyms,
    "events": lambda t: events.cue_events(t, year=2020),
    "session title": lambda t: events.title_event(t[:300], t, 2020),
    "policies": policies.cue_policies,
    "policy adopters": lambda t: policies.adopters_before(t, 0, len(t)),
}
PER_CALL_S = 15.0  # the quadratic versions took minutes to hours on these inputs
WHOLE_EXTRACTION_S = 30.0  # about ten extractors over the first 400,000 characters


@pytest.fixture(scope="module", params=sorted(ADVERSARIAL))
def hostile(request: pytest.FixtureRequest) -> str:
    return ADVERSARIAL[request.param]()


@pytest.fixture(scope="module", params=sorted(ADVERSARIAL))
def hostile_document(request: pytest.FixtureRequest) -> Document:
    return Document("d", "hostile.txt", "0", DocumentKind.NEWS_ARTICLE, "A Title", ADVERSARIAL[request.param]())


def _timed(call: Callable[[], object]) -> float:
    text._name_spans.cache_clear()  # time the scan itself, not a cached answer
    start = time.process_time()  # CPU seconds: a busy machine stretches wall time, not this process's CPU
    call()
    return time.process_time() - start


@pytest.mark.timeout(300)
def test_each_extractor_is_fast_on_hostile_text(hostile: str) -> None:
    slow = {name: round(s, 1) for name, f in EXTRACTORS.items() if (s := _timed(lambda f=f: f(hostile))) > PER_CALL_S}
    assert not slow, f"over {PER_CALL_S}s: {slow}"


@pytest.mark.timeout(300)
def test_whole_extraction_is_fast_on_hostile_text(hostile_document: Document) -> None:
    assert _timed(lambda: pipeline.extract(hostile_document)) < WHOLE_EXTRACTION_S


def test_sentences_still_keep_abbreviations_and_initials() -> None:
    passage = "Dr. Jane Roe met J. Smith on Jan. 5. Then they left! Did they? Yes."
    assert [s.text for s in text.sentences(passage)] == [
        "Dr. Jane Roe met J. Smith on Jan. 5.",
        "Then they left!",
        "Did they?",
        "Yes.",
    ]


def test_acronym_definitions_start_at_a_word() -> None:
    found = {(acr, long_form) for acr, long_form, _, _ in pipeline._acronyms("18F’s Office of Example Services (OES)")}
    assert found == {("OES", "Office of Example Services")}
