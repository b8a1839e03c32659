"""The readers' regular expressions run in linear time: a megabyte of the input that makes a
backtracking pattern quadratic (a long run of spaces after a cue word, in a heading line, in a header
field) is read in about a second. The timeout guards against a hang; it is not a
performance target."""

from __future__ import annotations

import hashlib

import pytest

from ontology.records import RawDocument
from sources.readers import ParseError, parse
from sources.web import split_archive

SIZE = 200_000  # quadratic on this is 10^10 steps: hours; linear, milliseconds
SPACES = " " * SIZE
CASES = {
    "session-cue-then-spaces": "Title\n\nSpeaker" + SPACES + "x\n",
    "byline-then-spaces": "Title\n\nBy" + SPACES + "\n",
    "field-then-spaces": "Title\nDate:" + SPACES + "x" + SPACES + "!\n\nText of the article.",
    "author-field-then-spaces": "Title\nAuthors: Jane" + SPACES + "and\n\nText of the article.",
    "markdown-heading-then-spaces": "# a" + SPACES + "b\n\nText of the article.",
    "blank-lines": "Title\n" + "\n \n" * (SIZE // 3) + "x",
}


# a page of 70,000 empty paragraphs would test the HTML parser's size, not a pattern
COMBINATIONS = [
    (name, media_type)
    for name in CASES
    for media_type in ("text/plain", "text/markdown", "text/html")
    if not (name == "blank-lines" and media_type == "text/html")
]


@pytest.mark.timeout(30)
@pytest.mark.parametrize(("name", "media_type"), COMBINATIONS)
def test_readers_take_linear_time_on_adversarial_text(name: str, media_type: str) -> None:
    text = CASES[name]
    if media_type == "text/html":
        text = "<html><body><article>" + "".join(f"<p>{line}</p>" for line in text.split("\n")) + "</article></body></html>"
    content = text.encode()
    raw = RawDocument("linear", f"linear/{name}", media_type, content, hashlib.sha256(content).hexdigest())
    try:
        document = parse(raw)
    except ParseError:
        return
    assert document.text


DEPTH = 5_000  # quadratic on this is minutes; linear, about a second
SENTENCE = "<p>The ministry said the open source plan was funded this year.</p>"
NESTED = {
    "divs": "<div>" * DEPTH + SENTENCE + "</div>" * DEPTH,
    "blockquotes": "<blockquote>" * DEPTH + SENTENCE + "</blockquote>" * DEPTH,
    "headers-in-an-article": "<article>" + "<header>" * DEPTH + "x" + "</header>" * DEPTH + SENTENCE + "</article>",
    "articles": ("<article><h2>Post</h2>" + SENTENCE) * DEPTH + "</article>" * DEPTH,
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", list(NESTED))
def test_deeply_nested_html_is_read_in_linear_time(name: str) -> None:
    content = f"<html><body>{NESTED[name]}</body></html>".encode()
    raw = RawDocument("nested", f"nested/{name}", "text/html", content, hashlib.sha256(content).hexdigest())
    parts = split_archive(raw)
    assert len(parts) == 1  # nested articles are one post, not thousands
    assert "open source plan" in parse(parts[0]).text
