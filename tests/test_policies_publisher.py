"""A blog post's publisher, named in its Markdown front matter, is the "we" of the post: it runs "our P"."""

from __future__ import annotations

import hashlib

from ontology.records import RawDocument
from pipelines.extract.pipeline import extract
from sources.readers import parse


def _post(front_matter: str, body: str) -> RawDocument:
    data = f"---\n{front_matter}\n---\n{body}".encode()
    return RawDocument("post", "post.md", "text/markdown", data, hashlib.sha256(data).hexdigest(), None)


_BODY = (
    "Our working group met in March. This year we grew our Example Maintainers Programme to twelve projects, "
    "and our Example Security Fund paid for three audits.\n"
)


def _owners(front_matter: str) -> dict[str, set[str]]:
    doc = parse(_post(front_matter, _BODY))
    return {p.name: {link.target for link in (*p.adopters, *p.runners)} for p in extract(doc).policies}


def test_front_matter_publisher_runs_our_programmes() -> None:
    doc = parse(_post('title: "A year of maintenance"\ndate: 2024-05-02\npublisher: Example Code Working Group', _BODY))
    assert doc.publisher == "Example Code Working Group"
    owners = _owners('title: "A year of maintenance"\npublisher: Example Code Working Group')
    assert owners["Example Maintainers Programme"] == {"Example Code Working Group"}
    assert owners["Example Security Fund"] == {"Example Code Working Group"}


def test_organisation_key_with_a_name_mapping() -> None:
    doc = parse(_post('title: "Notes"\norganization:\n  name: Example Data Office\n  url: https://example.org', _BODY))
    assert doc.publisher == "Example Data Office"


def test_a_slug_or_an_address_is_no_publisher() -> None:
    assert parse(_post('title: "Notes"\norg: example-team', _BODY)).publisher is None
    assert parse(_post('title: "Notes"\npublisher: https://example.org/blog', _BODY)).publisher is None
    assert _owners('title: "Notes"\nauthor: Jane Roe').get("Example Maintainers Programme", set()) == set()
