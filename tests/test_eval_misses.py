"""`sovkg eval --misses`: per document, what was missed, what matches no gold item, what lacks an attribute."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.cli import main

_TEXT = """Widget Policy Notes

Maria Example, director of the Widget Foundation, said that "open widgets make every agency faster and \
cheaper to run."

The Ministry of Widgets launched the Widget Procurement Strategy in March. Agencies follow the Open Widget Policy.
"""


def _actor(name: str, kind: str) -> dict:
    return {"name": name, "type": kind, "aliases": [], "affiliations": [], "roles": [], "core": True}


_GOLD = {
    "file": "note.txt",
    "document": {"title": "Widget Policy Notes", "kind": "Other", "published": None, "authors": [], "publisher": None},
    "actors": [
        _actor("Maria Example", "Person"),
        _actor("Widget Foundation", "Organization"),
        _actor("Jon Absent", "Person"),  # not in the text: missed
    ],
    "events": [
        {"name": "Widget Hackathon", "aliases": [], "type": "Other", "start": None, "location": None,
         "part_of": None, "participants": [], "core": True},
    ],
    # the gold says the foundation runs it; the text gives the ministry: found, but without that actor
    "policies": [
        {"name": "Widget Procurement Strategy", "aliases": [], "type": "Strategy", "actors": ["Widget Foundation"],
         "core": True},
        # a policy of no more specific kind is a plain sovkg:Policy in the graph: still found
        {"name": "Open Widget Policy", "aliases": [], "type": "Other", "actors": [], "core": True},
    ],
    "claims": [
        {"claimant": "Maria Example", "text": "open widgets make every agency faster and cheaper to run",
         "about": [], "event": None, "core": True},
        {"claimant": "Jon Absent", "text": "widgets are a passing fashion", "about": [], "event": None, "core": True},
    ],
}


@pytest.fixture
def annotated(tmp_path: Path) -> Path:
    (tmp_path / "note.txt").write_text(_TEXT, encoding="utf-8")
    (tmp_path / "note.json").write_text(json.dumps(_GOLD), encoding="utf-8")
    return tmp_path


def test_misses_lists_per_document_what_is_missed_spurious_and_incomplete(
    annotated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["eval", "--gold", str(annotated), "--sources", str(annotated), "--workers", "1", "--misses"]
    assert main([*args, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["scores"]["actors/all"]["gold"] == 3  # the usual report is kept beside the misses
    [doc] = printed["misses"]
    assert doc["document"] == "note"
    assert doc["missed"]["actors"] == ["Jon Absent"]  # found actors are not listed
    assert doc["missed"]["events"] == ["Widget Hackathon"]
    assert doc["missed"]["policies"] == []
    assert printed["scores"]["policies/all"]["recall"] == 1.0
    assert "ministry of widgets" in doc["spurious"]["actors"]  # extracted, in no gold file
    assert doc["incomplete"]["policies"] == ["Widget Procurement Strategy: no actors (widget foundation)"]
    assert doc["missed"]["claims"] == ["Jon Absent: widgets are a passing fashion"]
    assert doc["spurious"]["claims"] == []

    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "note: " in "\n".join(lines)
    assert any(line.split() == ["actors", "-", "Jon", "Absent"] for line in lines)
    assert any(line.split()[:3] == ["actors", "+", "ministry"] for line in lines)


def test_claimant_precision_is_also_given_within_each_claims_own_document(
    annotated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A claim of one file whose words happen to match a gold claim of another file counts against the
    union-wide claimant precision; the same-document figure compares it only with its own file's gold."""
    (annotated / "other.txt").write_text(
        'Widget Weekly\n\nAnn Sample said that "passing widgets around is a fashion that will last."\n', encoding="utf-8"
    )
    other = {**_GOLD, "file": "other.txt", "actors": [_actor("Ann Sample", "Person")], "events": [], "policies": [],
             "claims": []}
    (annotated / "other.json").write_text(json.dumps(other), encoding="utf-8")
    args = ["eval", "--gold", str(annotated), "--sources", str(annotated), "--workers", "1", "--json"]
    assert main(args) == 0
    claims = json.loads(capsys.readouterr().out)["claims/all"]
    assert claims["claimant_precision"] == 0.5  # Maria's claim right, Ann's matched to Jon's gold claim
    assert claims["same_document_claimant_precision"] == 1.0
