"""Markdown posts (Jekyll/Hugo style) read as their rendered page: front matter, links, tags, wrapped lines."""

from __future__ import annotations

import hashlib
import time

from ontology.records import RawDocument
from sources.readers import parse
from sources.readers.markdown import author_names, to_plain_text

POST = """---
title: 'Open tools for the public: a recap'
date: '2021-04-07'
authors:
- jroe
- ana-costa
---
Improving [open
tools]({{ "/2021/03/31/tools/" | url }}) is one of our goals. [Jane
Roe](https://example.org/roe), director of the
[Example Agency](https://example.org/), spoke.<sup id="f1"><a href="#n1">1</a></sup>

{% image "a.png" "A picture" %}
![chart](chart.png)

{{< quote-block text="Open by default is how we work." cite="Director, Jane Roe" >}}

- first item
- second **item**
"""


def _raw(text: str, media_type: str = "text/markdown") -> RawDocument:
    content = text.encode()
    return RawDocument("id", "post.md", media_type, content, hashlib.sha256(content).hexdigest())


def test_front_matter_gives_title_date_and_named_authors() -> None:
    doc = parse(_raw(POST))
    assert doc.title == "Open tools for the public: a recap"
    assert doc.published == "2021-04-07"
    assert doc.authors == ("Ana Costa",)  # "jroe" is a user name, not a name
    assert doc.text.startswith("Open tools for the public: a recap\n\nImproving open tools is")
    assert "---" not in doc.text and "authors:" not in doc.text


def test_links_tags_and_wrapping_become_plain_text() -> None:
    text = to_plain_text(POST.split("---\n", 2)[2])
    assert "Jane Roe, director of the Example Agency, spoke." in text
    for leftover in ("](", "{%", "{{", "<sup", "chart", "**"):
        assert leftover not in text
    # the quote tag renders as the quote and a dash attribution line
    assert "“Open by default is how we work.”\n— Director, Jane Roe" in text
    assert "- first item\n- second item" in text  # list items keep their lines


def test_plain_markdown_header_fields_still_read() -> None:
    doc = parse(_raw("# A title\n\nBy: Jane Roe\nDate: 2024-12-10\n\nBody text here.\n"))
    assert (doc.title, doc.authors, doc.published) == ("A title", ("Jane Roe",), "2024-12-10")
    assert "By: Jane Roe\nDate: 2024-12-10" in doc.text


def test_author_names() -> None:
    assert author_names(["V. David Roe", "jane-roe", "jroe", 3]) == ("V. David Roe", "Jane Roe")
    assert author_names("ana-maria-costa") == ("Ana Maria Costa",)


def test_malformed_markdown_is_read_in_linear_time() -> None:
    for unit in ("[", "{{<", "{%", "<!--", "**a", "](", "<a "):
        text = unit * (300_000 // len(unit))
        started = time.perf_counter()
        to_plain_text(text)
        assert time.perf_counter() - started < 5.0, unit


def test_block_quote_reads_as_a_quotation() -> None:
    text = to_plain_text("Jane Roe talked about it.\n\n> We have many auditors. We say “look at our board.”\n>\n> I love open.\n")
    assert "“We have many auditors. We say ‘look at our board.’\n\n“I love open.”" in text
