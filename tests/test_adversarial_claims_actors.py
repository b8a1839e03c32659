"""The claim and actor extractors on adversarial input: every call must finish in time linear in the
input. A pattern with nested or overlapping unbounded quantifiers takes seconds to hours on these
strings (catastrophic backtracking), so a generous per-call limit catches it on a busy machine too."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from ontology.records import ActorType
from pipelines.extract import actors, claims
from pipelines.extract.text import Span, name_spans

SIZE = 1_000_000  # the strings the issue names; the others are shorter to keep the suite fast
SMALL = 200_000  # still ~10^10 steps for a quadratic pattern
# CPU seconds, not wall time: other processes on a busy machine stretch the wall clock, not this
# process's CPU; linear work on 1 MB takes a few seconds, quadratic work takes hours
LIMIT_S = 10.0


def _fill(unit: str, tail: str = "", size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[: size - len(tail)] + tail


INPUTS = {
    "letter": _fill("a"),
    "capitals": _fill("A"),
    "acronym-parens": _fill("A (B) "),
    "quotes": _fill('"“”\'’'),
    "dashes": _fill("-—– "),
    "nested-brackets": _fill("(", ")" * 1000),
    "name-runs": _fill("Aa Bb ", size=SMALL),
    "digits": _fill("1", "x", size=SMALL),
    "spaces-then-text": _fill(" \n", "x", size=SMALL),
    "quote-said": _fill('"a," said ', size=SMALL),
    "person-role": _fill("Jane Roe, Head of ", size=SMALL),
    "listing-brackets": "Speaker: " + _fill("(", size=SMALL),
    "possessive": _fill("Aa Bb ", "Aa’s Bb", size=SMALL),
    "according": _fill("according to ", size=SMALL),
    "dash-lines": _fill("— Aa Bb, Cc\n", size=SMALL),
    "colon-quote": _fill('Aa Bb said:\n\n"', size=SMALL),
    "open-quotes": _fill("“Aa Bb said, ", size=SMALL),
    "quote-runs": _fill("“a b c d e f.”\n— Aa Bb, Cc\n\n", size=SMALL),
}


def _mentions_at_start(start: int, end: int) -> list[claims.Mention]:
    """A resolver that knows one person at the start, so the attribution paths run past the first check."""
    return [(0, 3, "Jane Roe", ActorType.PERSON)] if start <= 0 < 3 <= end else []


def _sentence(text: str) -> object:
    return claims.sentence_claims(text, Span(0, len(text), text), _mentions_at_start, lambda _: "Jane Roe", lambda _: None)


CALLS: dict[str, Callable[[str], object]] = {
    "claims.sentence_claims": _sentence,
    "claims.claim_kind": claims.claim_kind,
    "claims.has_reporting_verb": claims.has_reporting_verb,
    "claims.make_claim": lambda t: claims.make_claim(t, 0, len(t), "Jane Roe", "claim.reported"),
    "claims.quotations": claims.quotations,
    "claims.quote_claims": lambda t: claims.quote_claims(t, _mentions_at_start, lambda _: "Jane Roe"),
    "actors.apposed_people": actors.apposed_people,
    "actors.attribution_lines": actors.attribution_lines,
    "actors.acronym_teams": actors.acronym_teams,
    "actors.listings": actors.listings,
    "actors.appositions": actors.appositions,
    "actors.cue_typed": actors.cue_typed,
    "actors.possessive_orgs": actors.possessive_orgs,
    "actors.reported_speakers": actors.reported_speakers,
    "actors.listed_organisations": actors.listed_organisations,
    "actors.classify_name": actors.classify_name,
    "actors.looks_like_person": actors.looks_like_person,
    "actors.is_role": actors.is_role,
}


@pytest.mark.parametrize("name", list(INPUTS))
def test_extractors_are_fast_on_adversarial_input(name: str) -> None:
    text = INPUTS[name]
    slow = []
    # the name spans every actor extractor reads (computed once per text and cached), then each extractor
    for call, function in [("text.name_spans", lambda t: list(name_spans(t))), *sorted(CALLS.items())]:
        started = time.process_time()
        function(text)
        elapsed = time.process_time() - started
        if elapsed > LIMIT_S:
            slow.append(f"{call}: {elapsed:.1f} s")
    assert not slow, f"slow on {name}: {', '.join(slow)}"
