"""The browse pages in a real headless browser (Debian's Chromium driven by Selenium through the
system chromedriver; nothing is downloaded): from the landing page, search an actor, open its page,
follow one of its claims to the source passage, and run a ready query from the query page. Screenshots
of each step are saved in the test's temporary folder."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from served import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the test extra")
if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    pytest.skip(
        "Chromium and chromedriver are not installed (scripts/debian-packages.txt: chromium chromium-driver)",
        allow_module_level=True,
    )

from selenium.webdriver.chrome.service import Service as DriverService  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # without it Selenium Manager would try to download a browser
    profile = tmp_path_factory.mktemp("chromium-profile")
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1280,1600",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=DriverService(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def site(sample_build) -> Iterator[Service]:
    _, out = sample_build
    service = Service(out)
    yield service
    service.stop()


def test_search_an_actor_follow_a_claim_to_its_passage_and_run_a_ready_query(browser, site, sample_build, tmp_path: Path) -> None:
    wait = WebDriverWait(browser, 30)

    def shot(name: str) -> Path:
        path = tmp_path / f"{name}.png"
        assert browser.save_screenshot(str(path)) and path.stat().st_size > 10_000
        return path

    browser.get(f"{site.base}/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "sovkg knowledge graph"
    counts = browser.find_element(By.CSS_SELECTOR, "table.counts")
    assert counts.find_element(By.LINK_TEXT, "Actor").get_attribute("href") == f"{site.base}/list/Actor"
    picture = browser.find_element(By.CSS_SELECTOR, "img[src$='network.png']")
    assert browser.execute_script("return arguments[0].naturalWidth", picture) > 100  # the picture loaded
    shot("1-landing")

    # the release's changes, as changes.json has them (the first release: everything is added)
    changes = json.loads((sample_build[1] / "changes.json").read_text())
    section = browser.find_element(By.ID, "changes")
    browser.execute_script("arguments[0].scrollIntoView()", section)
    assert section.is_displayed() and section.find_element(By.TAG_NAME, "h2").text == "Latest changes"
    assert changes["release"]["id"] in section.find_element(By.CSS_SELECTOR, "p.meta").text
    first_added = next(row for group in ("actors", "events", "policies", "claims") for row in changes["added"][group])
    link = section.find_element(By.CSS_SELECTOR, "ul.added li:first-child a")
    assert link.text == first_added["label"] and link.get_attribute("href").startswith(f"{site.base}/id/")
    shot("1b-changes")

    box = browser.find_element(By.CSS_SELECTOR, "header input[name=q]")
    box.send_keys("jonas lindq")
    box.submit()
    wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "ol.hits")))
    shot("2-search")
    browser.find_element(By.CSS_SELECTOR, "ol.hits li:first-child a").click()

    wait.until(expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Jonas Lindqvist"))
    assert "/id/actor/" in browser.current_url
    claims = browser.find_elements(By.CSS_SELECTOR, "section.claims li.claim")
    assert len(claims) >= 2
    claim_text = claims[0].find_element(By.CSS_SELECTOR, "p a.t-Claim").text
    assert claims[0].find_element(By.CSS_SELECTOR, "blockquote mark").text
    shot("3-actor")

    to_passage = claims[0].find_element(By.CSS_SELECTOR, "a.to-passage")
    anchor = to_passage.get_attribute("href").split("#", 1)[1]
    to_passage.click()
    wait.until(expected_conditions.url_contains("/id/doc/"))
    passage = wait.until(expected_conditions.visibility_of_element_located((By.ID, anchor)))
    assert browser.execute_script("return document.querySelector(':target') === arguments[0]", passage)
    assert claim_text.rstrip(".") in passage.text and passage.find_element(By.TAG_NAME, "mark").text
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", passage)
    assert -2 <= top < browser.execute_script("return window.innerHeight")  # scrolled to the passage
    shot("4-passage")

    browser.find_element(By.LINK_TEXT, "Query").click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "query-text")))
    ready = browser.find_element(By.XPATH, "//li[@data-query][strong[text()='policies-and-actors']]")
    ready.find_element(By.CSS_SELECTOR, "a.edit").click()  # the script fills the editor in place
    editor = browser.find_element(By.ID, "query-text")
    assert "sovkg:adopts" in editor.get_attribute("value")
    browser.find_element(By.CSS_SELECTOR, "form.query button[type=submit]").click()
    table = wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "table.results")))
    headers = [th.text for th in table.find_elements(By.TAG_NAME, "th")]
    assert headers[:2] == ["policy", "kind"]
    rows = {tuple(td.text for td in tr.find_elements(By.TAG_NAME, "td"))[:3] for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")}
    assert ("Cyber Resilience Act", "Regulation", "European Union") in rows
    shot("5-query")

    editor = browser.find_element(By.ID, "query-text")
    editor.clear()
    editor.send_keys("SELECT ?person WHERE { ?person a <https://w3id.org/sovkg/ontology#Person> } LIMIT 3")
    browser.find_element(By.CSS_SELECTOR, "form.query button[type=submit]").click()
    link = wait.until(expected_conditions.element_to_be_clickable((By.CSS_SELECTOR, "table.results td a")))
    link.click()  # results link to the entity pages
    wait.until(expected_conditions.url_contains("/id/actor/"))
    assert browser.find_element(By.CSS_SELECTOR, "p.types").text
