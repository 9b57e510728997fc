"""The pages in a real browser: Debian's chromium driven by Playwright, against a live server.

search → statement → highlighted source; a review that survives re-analysis; the
contradictions page; a hostile article whose script never runs.  Skipped (with the
reason) where /usr/bin/chromium is missing; ``.ci/run`` installs it.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "browser-token-123"

pytestmark = [pytest.mark.web, pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_record, tmp_path_factory):
    """A live onrecord server on a private copy of the web record (with a token)."""
    import shutil

    import uvicorn

    from onrecord.web import Settings, create_app

    db = tmp_path_factory.mktemp("browser") / "record.db"
    shutil.copy(web_record, db)
    port = _free_port()
    config = uvicorn.Config(create_app(Settings(db=str(db), token=TOKEN, relink=False)), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "db": db}
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(browser_context):
    """A tab that records dialogs, console errors and uncaught exceptions."""
    tab = browser_context.new_page()
    tab.dialogs, tab.errors = [], []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    tab.close()


def test_search_then_statement_then_highlighted_source(server, page):
    page.goto(server["url"] + "/")
    page.fill("input[name=q]", "never done")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/?q=never*")
    assert "1 statement" in page.inner_text("section.results")
    page.click("li.result a.more")
    page.wait_for_url("**/statement/*")
    focus = page.locator(".article .focus")
    assert focus.count() >= 1 and focus.first.is_visible()
    assert "we have never done that" in " ".join(focus.all_inner_texts())
    assert "Russia landed at least two planeloads of troops in Caracas" in page.inner_text("section.related.contradicts")
    assert page.errors == [] and page.dialogs == []


def test_speaker_timeline_draws_with_the_charting_library(server, page):
    page.goto(server["url"] + "/speakers")
    page.click("text=Vladimir Putin")
    page.wait_for_selector("#timeline.drawn .main-svg", timeout=15000)
    assert page.locator("#timeline .point").count() >= 3
    assert page.errors == [], page.errors  # plotly runs under the CSP without inline scripts


def test_a_review_survives_reanalysis(server, page, analyzer):
    from onrecord.ingest import read_inputs
    from onrecord.link.record import link_store
    from onrecord.store import Store

    page.goto(server["url"] + "/login?next=/")
    page.fill("input[name=token]", TOKEN)
    page.fill("input[name=reviewer]", "Ada Lovelace")
    page.click("form.login button")
    page.goto(server["url"] + "/?q=sanctions+ordinary")
    page.click("li.result a.more")
    page.check("input[value=wrong_speaker]")
    page.fill("input[name=speaker]", "Sergei Lavrov")
    page.fill("input[name=note]", "the minister said it")
    assert page.input_value("input[name=reviewer]") == "Ada Lovelace"  # filled in by app.js from the sign-in
    page.click("form.review-statement button[type=submit]")
    page.wait_for_url("**#review")
    url = page.url
    with Store(server["db"]) as store:  # onrecord analyze --force, then onrecord link
        seed = str(Path(__file__).resolve().parent.parent.parent / "shared/corpus/seeds/002_67183b8b9b4f04f6.txt")
        for analysis in analyzer.pipe(d for d in read_inputs([seed])):
            store.replace_analysis(analysis, analyzer.model_name)
        link_store(store)
    page.goto(url)
    review = page.inner_text("#review")
    assert "wrong speaker: Sergei Lavrov" in review and "Ada Lovelace" in review and "the minister said it" in review
    assert page.errors == []


def test_contradictions_page_and_a_confirmation(server, page):
    page.goto(server["url"] + "/login?next=/contradictions")
    page.fill("input[name=token]", TOKEN)
    page.click("form.login button")
    page.wait_for_url("**/contradictions")
    pairs = page.locator("li.pair")
    assert pairs.count() >= 5
    putin = pairs.filter(has_text="we have never done that").filter(has_text="planeloads of troops in Caracas")
    assert putin.count() == 1
    assert putin.locator(".side").count() == 2 and "Bloomberg" in putin.inner_text()
    putin.locator("input[name=reviewer]").fill("Ada Lovelace")
    putin.locator("button[value=confirmed]").click()
    page.wait_for_url("**/contradictions")
    confirmed = page.locator("li.pair").filter(has_text="we have never done that").filter(has_text="planeloads")
    assert "confirmed" in confirmed.locator(".pair-head").inner_text()
    page.goto(server["url"] + "/export/claimreviews.jsonld")
    assert "ClaimReview" in page.inner_text("body")


def test_a_hostile_article_never_runs_its_script(server, page):
    doc = quote("hostile-<b>1</b>", safe="")
    for path in (f"/document/{doc}", "/?q=building", "/?q=javascript", "/documents", "/speakers"):
        page.goto(server["url"] + path)
        page.wait_for_load_state("load")
        for el in page.locator(".article span, .article a, li.result span").all()[:40]:
            el.hover()
        injected = page.evaluate(
            "document.querySelectorAll('script:not([src]), img, iframe, object, b, i, [onerror], [onmouseover], "
            "a[href^=\"javascript:\"]').length"
        )
        assert injected == 0, path
        assert "<script>alert(1)</script>" in page.inner_text("body") or path != f"/document/{doc}"
    page.wait_for_timeout(300)
    assert page.dialogs == [] and page.errors == []


def test_concurrent_requests_all_answer(server):
    """Many requests at once, each on some worker thread: every one answers (no connection crosses threads)."""
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/", "/?q=troops", "/contradictions", "/documents", "/speakers", "/api/statements?q=said",
             "/api/contradictions", "/document/002_67183b8b9b4f04f6.txt"] * 6

    def get(path: str) -> int:
        with urllib.request.urlopen(server["url"] + path, timeout=60) as response:
            return response.status

    with ThreadPoolExecutor(max_workers=24) as pool:
        assert set(pool.map(get, paths)) == {200}
