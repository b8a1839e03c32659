from __future__ import annotations

import hashlib

import pytest

from ontology.records import DocumentKind, RawDocument
from sources import SAMPLES_DIR
from sources.corpus import discover, read_raw
from sources.readers import ParseError, parse


def raw(content: bytes, media_type: str = "text/plain", locator: str = "t/doc.txt") -> RawDocument:
    return RawDocument("id", locator, media_type, content, hashlib.sha256(content).hexdigest())


def sample(name: str):
    located = next(f for f in discover([SAMPLES_DIR])[0] if f.locator.endswith(name))
    return parse(read_raw(located))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        pytest.param("news-sovereign-tech-agency.html", DocumentKind.NEWS_ARTICLE, id="html-news"),
        pytest.param("blog-open-source-first.html", DocumentKind.BLOG_POSTING, id="html-blog"),
        pytest.param("igf-session-open-source-dpi.html", DocumentKind.SESSION_REPORT, id="html-session"),
        pytest.param("summary-un-open-source-week.txt", DocumentKind.ARTICLE_SUMMARY, id="text-summary"),
        pytest.param("news-cyber-resilience-act.md", DocumentKind.NEWS_ARTICLE, id="markdown-news"),
    ],
)
def test_sample_kinds(name: str, kind: DocumentKind) -> None:
    assert sample(name).kind is kind


def test_html_news_metadata_and_boilerplate() -> None:
    doc = sample("news-sovereign-tech-agency.html")
    assert doc.title == "Germany's open-source maintenance fund grows into an agency"
    assert doc.published == "2024-10-15"
    assert doc.authors == ("Lena Hartmann",)
    assert doc.publisher == "Open Policy Wire"
    assert "Related" not in doc.text and "© Open Policy Wire" not in doc.text and "Home" not in doc.text
    assert [s.heading for s in doc.sections][-1] == "Maintenance as infrastructure"


def test_session_page_sections_keep_lists() -> None:
    doc = sample("igf-session-open-source-dpi.html")
    headings = [s.heading for s in doc.sections]
    assert "Key Takeaways" in headings and "Session Report" in headings
    assert "Speaker 1: Priya Raman" in doc.text


def test_plain_text_header_fields() -> None:
    doc = parse(raw(b"A headline\n\nBy: Jane Roe\nDate: 2026-06-27\n\nBody text of the article goes here. " * 3))
    assert doc.title == "A headline"
    assert doc.authors == ("Jane Roe",)
    assert doc.published == "2026-06-27"


def test_section_offsets_cover_the_text() -> None:
    doc = sample("news-cyber-resilience-act.md")
    assert doc.sections[0].start == 0 and doc.sections[-1].end == len(doc.text)
    for section in doc.sections[1:]:
        assert doc.text[section.start :].lstrip("# ").startswith(section.heading)


def test_latin1_is_decoded() -> None:
    doc = parse(raw("Réunion à Genève\n\nLe ministère a présenté sa stratégie.".encode("latin-1")))
    assert doc.title == "Réunion à Genève"


@pytest.mark.parametrize(
    ("content", "media_type", "reason"),
    [
        pytest.param(b"   \n\n ", "text/plain", "empty", id="blank"),
        pytest.param(b"\x00\x01\x02binary" * 50, "text/plain", "binary", id="binary"),
        pytest.param(
            b"<html><head><title>x</title></head><body><nav>menu</nav></body></html>",
            "text/html",
            "no main text",
            id="html-without-text",
        ),
        pytest.param(bytes(range(1, 32)) * 40, "text/plain", "cannot decode", id="control-garbage"),
    ],
)
def test_bad_input_gives_a_reason(content: bytes, media_type: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse(raw(content, media_type))


def test_broken_html_still_parses() -> None:
    html = b"<html><body><article><h1>Title</h1><p>Unclosed paragraph <b>bold <p>Another one</article>"
    doc = parse(raw(html, "text/html", "t/broken.html"))
    assert "Unclosed paragraph" in doc.text and "Another one" in doc.text


def test_discover_skips_unsupported_and_locates_relatively(tmp_path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("x")
    (tmp_path / "corpus" / "b.pdf").write_bytes(b"%PDF")
    found, skipped = discover([tmp_path / "corpus", tmp_path / "missing"])
    assert [f.locator for f in found] == ["corpus/a.txt"]
    assert {s.reason for s in skipped} == {"unsupported file type '.pdf'", "no such file or folder"}
