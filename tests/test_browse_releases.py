"""The browse pages and what issue-level features add to them: the landing page lists exactly what the
release's changes.json says (counts per class, the first added, removed and relabelled items), the
changes files are downloadable, and a claim reported by another source shows it ("also reported by")
on its page, with a marker on its claimant's page."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import httpx
import pytest
from bs4 import BeautifulSoup

from ontology.namespace import DATA
from pipelines.browse.views import CHANGES_SHOWN
from pipelines.cli import main
from pipelines.runner import run_build
from tests.conftest import ROOT
from tests.served import Service

SAMPLES = ROOT / "sources" / "samples"
CHANGED = "news-cyber-resilience-act.md"
ADDED_SENTENCE = (
    "\n\nMarta Kowalska, a researcher at the Baltic Code Institute, said that public code registries "
    "cut procurement costs for small municipalities.\n"
)
GROUPS = {"Actor": "actors", "Event": "events", "Policy": "policies", "Claim": "claims"}


def _page(base: str, path: str) -> BeautifulSoup:
    answer = httpx.get(base + path, headers={"Accept": "text/html"}, timeout=60)
    assert answer.status_code == 200, (path, answer.status_code, answer.text[:300])
    return BeautifulSoup(answer.text, "html.parser")


def _path_of(iri: str) -> str:
    assert iri.startswith(str(DATA)), iri
    return "/id/" + iri[len(str(DATA)) :]


@pytest.fixture(scope="module")
def second_release(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Service, Path, str]]:
    """The sample corpus built and served, then built again over the same folder with one document
    removed, one added, one changed and a policy relabelled by curation."""
    tmp = tmp_path_factory.mktemp("releases")
    corpus, out = tmp / "corpus", tmp / "out"
    corpus.mkdir()
    names = sorted(p.name for p in SAMPLES.iterdir())
    removed_name, added_name = names[0], names[1]
    for name in names:
        if name != added_name:
            shutil.copy(SAMPLES / name, corpus / name)
    assert run_build([str(corpus)], out, workers=1).success
    first = json.loads((out / "changes.json").read_text())
    policy = next(row for row in first["added"]["policies"] if row["label"] == "Cyber Resilience Act")
    service = Service(out)  # serving while the second release is published: the landing page follows it
    try:
        before = _page(service.base, "/").find(id="changes").get_text(" ", strip=True)
        assert f"Release {first['release']['id']}" in before and "the first release" in before

        (corpus / removed_name).unlink()
        shutil.copy(SAMPLES / added_name, corpus / added_name)
        (corpus / CHANGED).write_text((corpus / CHANGED).read_text() + ADDED_SENTENCE)
        curation = tmp / "curation.yaml"
        relabel = ["curate", "relabel", policy["iri"], "EU Cyber Resilience Act", "--reason", "full name"]
        assert main([*relabel, "--by", "Test Analyst", "--file", str(curation)]) == 0
        assert run_build([str(corpus)], out, workers=1, curation=str(curation)).success
        yield service, out, first["release"]["id"]
    finally:
        service.stop()


def test_landing_page_lists_what_changes_json_says(second_release) -> None:
    service, out, first_id = second_release
    changes = json.loads((out / "changes.json").read_text())
    assert changes["release"]["previous"] == first_id
    section = _page(service.base, "/").find(id="changes")
    assert section is not None, "no changes section on the landing page"
    text = section.get_text(" ", strip=True)
    assert changes["release"]["id"] in text and changes["release"]["date"] in text and first_id in text

    # counts per class, as changes.json has them
    rows = {
        tr.th.get_text(strip=True): [int(td.get_text(strip=True).replace(",", "")) for td in tr.find_all("td")]
        for tr in section.find("table").find_all("tr")[1:]
    }
    assert set(rows) == set(GROUPS)
    for top, group in GROUPS.items():
        assert rows[top][:2] == [len(changes["added"][group]), len(changes["removed"][group])], top
    assert sum(r[2] for r in rows.values()) == len(changes["relabelled"]) == 1
    assert rows["Policy"][2] == 1

    # the first items of each list, in changes.json's order, linked to their pages (removed ones are gone)
    added = [row for group in GROUPS.values() for row in changes["added"][group]]
    removed = [row for group in GROUPS.values() for row in changes["removed"][group]]
    assert added and removed, "the second build must both add and remove items"
    shown_added = section.find("ul", class_="added").find_all("li")
    assert [li.a["href"].removeprefix(service.base) for li in shown_added] == [
        _path_of(row["iri"]) for row in added[:CHANGES_SHOWN]
    ]
    assert [li.a.get_text(strip=True) for li in shown_added] == [row["label"] for row in added[:CHANGES_SHOWN]]
    shown_removed = section.find("ul", class_="removed").find_all("li")
    assert [li.find("bdi").get_text() for li in shown_removed] == [row["label"] for row in removed[:CHANGES_SHOWN]]
    assert all(li.find("a") is None for li in shown_removed)
    assert [li.find(class_="meta").get_text() for li in shown_removed] == [row["class"] for row in removed[:CHANGES_SHOWN]]
    (relabelled,) = section.find("ul", class_="relabelled").find_all("li")
    assert relabelled.a["href"].removeprefix(service.base) == _path_of(changes["relabelled"][0]["iri"])
    assert relabelled.a.get_text(strip=True) == "EU Cyber Resilience Act"
    assert relabelled.find(class_="meta").get_text() == f"{changes['relabelled'][0]['class']}, was “Cyber Resilience Act”"
    for kind, rows_of_kind in (("added", added), ("removed", removed)):
        more = f"and {len(rows_of_kind) - CHANGES_SHOWN:,} more"
        assert (more in text) == (len(rows_of_kind) > CHANGES_SHOWN), kind

    # every linked item has its page in this release
    for li in [*shown_added, relabelled]:
        assert httpx.get(unquote(li.a["href"]), headers={"Accept": "text/html"}, timeout=60).status_code == 200


def test_changes_files_are_published_and_downloadable(second_release) -> None:
    service, out, _ = second_release
    listed = _page(service.base, "/").find(id="downloads").find_all("a")
    names = {a.get_text(strip=True) for a in listed}
    assert {"changes.json", "changes.ttl"} <= names
    for name, media in (("changes.json", "application/json"), ("changes.ttl", "text/turtle")):
        answer = httpx.get(f"{service.base}/downloads/{name}", timeout=30)
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith(media)
        assert answer.content == (out / name).read_bytes()


CLAIM = "the city council will adopt the open-source office suite for every school next year"
STORIES = {
    # two outlets report the same statement, by different speakers, in different words
    "ledger.txt": ("Daily Ledger", "Council backs open-source office suite", f"Anna Berg, the council's digital officer, said {CLAIM}."),
    "post.txt": (
        "Evening Post",
        "Schools to get open-source office software",
        "Tom Lind, a school board member, said The city council will adopt the open source office suite for every school next year.",
    ),
    # same words, opposite meaning: not the same statement
    "star.txt": ("Morning Star Weekly", "Council doubts", f"Eva Holm, a councillor, said {CLAIM.replace('will adopt', 'will not adopt')}."),
}


@pytest.fixture(scope="module")
def corroborated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    tmp = tmp_path_factory.mktemp("corroborated")
    corpus, out = tmp / "corpus", tmp / "out"
    corpus.mkdir()
    for name, (publisher, title, body) in STORIES.items():
        (corpus / name).write_text(f"{title}\n\nPublisher: {publisher}\nDate: 2025-03-0{len(name) % 7 + 1}\n\n{body}\n")
    assert run_build([str(corpus)], out, workers=1).success
    service = Service(out)
    try:
        yield service
    finally:
        service.stop()


def _claim_of(service: Service, speaker: str) -> str:
    rows = service.select(f'SELECT DISTINCT ?c WHERE {{ ?c sovkg:claimant ?a . ?a rdfs:label "{speaker}" }}')
    assert len(rows) == 1, (speaker, rows)
    return rows[0]["c"]


def test_claim_page_shows_the_other_source(corroborated) -> None:
    service = corroborated
    anna, tom, eva = (_claim_of(service, name) for name in ("Anna Berg", "Tom Lind", "Eva Holm"))
    page = _page(service.base, _path_of(anna))
    section = page.find(id="also-reported-by")
    assert section is not None, "no 'also reported by' on a corroborated claim's page"
    assert "2 independent sources" in section.get_text(" ", strip=True)
    (row,) = section.find_all("tr")[1:]
    links = {unquote(a["href"]).removeprefix(service.base): a.get_text(strip=True) for a in row.find_all("a")}
    assert _path_of(tom) in links
    assert links.get(_path_of(service.select(f"SELECT ?d WHERE {{ <{tom}> sovkg:sourceDocument ?d }}")[0]["d"])) == (
        "Schools to get open-source office software"
    )
    assert "Tom Lind" in links.values() and "Evening Post" in links.values()
    assert _path_of(eva) not in links  # the negated statement is not the same claim
    # the other member's page names this one back; the negated claim's page has no such section
    back = _page(service.base, _path_of(tom)).find(id="also-reported-by")
    assert _path_of(anna) in {unquote(a["href"]).removeprefix(service.base) for a in back.find_all("a")}
    assert _page(service.base, _path_of(eva)).find(id="also-reported-by") is None


def test_actor_page_marks_corroborated_claims(corroborated) -> None:
    service = corroborated
    for speaker, corroborated_claim in (("Anna Berg", True), ("Eva Holm", False)):
        actor = service.select(f'SELECT DISTINCT ?a WHERE {{ ?a rdfs:label "{speaker}" ; a sovkg:Person }}')[0]["a"]
        claims = _page(service.base, _path_of(actor)).find("section", class_="claims")
        marker = claims.find("a", class_="corroborated")
        if corroborated_claim:
            assert marker is not None and marker.get_text(strip=True) == "reported by 2 independent sources"
            assert unquote(marker["href"]).removeprefix(service.base) == _path_of(_claim_of(service, speaker)) + "#also-reported-by"
        else:
            assert marker is None
