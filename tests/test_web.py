"""The record in a browser, through FastAPI's TestClient: pages, API, security, reviews, exports."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fastapi.testclient import TestClient

from onrecord import schemaorg
from onrecord.store import Store
from onrecord.store import browse, review
from onrecord.web import Settings, create_app
from onrecord.web.security import UnsafeURL, check_public_url

TOKEN = "test-token-123"
PUTIN = "we have never done that"
CARACAS = "Russia landed at least two planeloads of troops in Caracas"


def client(db, token: str | None = TOKEN) -> TestClient:
    return TestClient(create_app(Settings(db=str(db), token=token)))


def sign_in(c: TestClient) -> str:
    """Sign in through the form and return the CSRF field of the session."""
    r = c.post("/login", data={"token": TOKEN, "reviewer": "Ada"}, follow_redirects=False)
    assert r.status_code == 303
    page = c.get("/contradictions").text
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


def statement_id(c: TestClient, q: str, **filters: str) -> str:
    items = c.get("/api/statements", params={"q": q, **filters}).json()["items"]
    assert items, q
    return items[0]["id"]


def putin_caracas(db) -> tuple[str, str]:
    with Store(db) as store:
        for ln in store.links():
            ends = browse.statements_by_id(store, [ln.a, ln.b])
            texts = {ends[x].content for x in ends}
            if ln.relation == "contradicts" and any(PUTIN in t for t in texts) and any(CARACAS in t for t in texts):
                return ln.a, ln.b
    raise AssertionError("the seed contradiction Putin ~ Caracas is not in the record")


# ------------------------------------------------------------------ reading


def test_every_page_answers_on_the_seeds(web_record):
    c = client(web_record, token=None)
    putin = c.get("/api/speakers", params={"q": "Putin"}).json()["items"][0]
    for url in ["/", "/?q=troops", "/?link=contradicts&kind=direct", "/?date_from=2019-06-01&date_to=2019-06", "/speakers",
                f"/speaker/{putin['id']}", "/contradictions", "/documents", "/document/002_67183b8b9b4f04f6.txt",
                "/reviews", "/export", "/login", "/analyse"]:
        r = c.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
    assert c.get("/statement/nope").status_code == 404
    assert c.get("/document/nope").status_code == 404


def test_search_with_facets_shows_the_sentence_in_context(web_record):
    c = client(web_record)
    page = c.get("/", params={"q": "troops", "speaker": "Vladimir Putin"}).text
    assert "we have never done that" in page
    assert re.search(r'class="[^"]*focus', page)  # the content is marked inside its sentence
    assert "Vladimir Putin" in page and "Bloomberg" not in page.split("<section class=\"results\">")[1]
    assert '<a class="clear" href="?q=troops">× Vladimir Putin</a>' in page  # the facet can be cleared
    api = c.get("/api/statements", params={"q": "troops", "speaker": "Vladimir Putin"}).json()
    assert api["total"] >= 2 and all(s["speaker"]["name"] == "Vladimir Putin" for s in api["items"])
    facets = c.get("/api/facets", params={"q": "troops"}).json()
    assert {"speaker", "outlet", "kind", "polarity", "link"} <= facets.keys()
    assert any(f["value"] == "contradicts" for f in facets["link"])
    denials = c.get("/api/statements", params={"polarity": "deny", "limit": 100}).json()["items"]
    assert denials and all(s["polarity"] == "deny" for s in denials)


def test_statement_page_has_its_article_repeats_and_contradictions(web_record):
    c = client(web_record)
    a, b = putin_caracas(web_record)
    sid = a if PUTIN in c.get(f"/api/statements/{a}").json()["content"]["text"] else b
    page = c.get(f"/statement/{sid}").text
    assert "Contradicted by" in page and CARACAS in page
    assert "Vladimir Putin says against what the outlet reports" in page  # the reason
    assert "In its article" in page and re.search(r'class="sp\d content focus"', page)
    record = c.get(f"/api/statements/{sid}").json()
    assert set(record) >= {"id", "doc", "speaker", "cue", "content", "kind", "polarity", "date", "links", "reviews"}


def test_contradictions_page_shows_both_sides(web_record):
    c = client(web_record)
    page = c.get("/contradictions").text
    assert PUTIN in page and CARACAS in page and "Bloomberg" in page and "2019-06-06" in page
    pairs = c.get("/api/contradictions", params={"limit": 100}).json()
    assert pairs["total"] == len(pairs["items"]) >= 5
    assert {"score", "why", "a", "b"} <= pairs["items"][0].keys()


def test_speaker_timeline_is_coloured_by_link(web_record):
    c = client(web_record)
    putin = c.get("/api/speakers", params={"q": "Putin"}).json()["items"][0]
    line = c.get(f"/api/speakers/{putin['id']}/timeline").json()
    assert line["speaker"] == "Vladimir Putin"
    assert {p["stance"] for p in line["points"]} >= {"contradicts", "none"}
    assert all(p["date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", p["date"]) for p in line["points"])
    page = c.get(f"/speaker/{putin['id']}").text
    assert f'data-timeline="/api/speakers/{putin["id"]}/timeline"' in page and "/vendor/plotly.min.js" in page
    assert c.get("/vendor/plotly.min.js").status_code == 200


def test_document_page_marks_every_attribution(web_record):
    c = client(web_record)
    page = c.get("/document/002_67183b8b9b4f04f6.txt").text
    assert page.count('class="speaker') >= 8 and 'class="cue' in page
    assert 'class="time" title="2019-06-06"' in page  # the date shows its value on hover


# ------------------------------------------------------------------ security


def test_hostile_article_is_inert_everywhere(web_record):
    c = client(web_record)
    doc = c.get("/api/documents/hostile-<b>1</b>")
    assert doc.status_code == 200
    pages = [c.get("/document/hostile-<b>1</b>").text, c.get("/", params={"q": "building"}).text,
             c.get("/documents").text, c.get("/speakers").text, c.get("/").text]
    for sid in [s["id"] for s in doc.json()["statements"]]:
        pages.append(c.get(f"/statement/{sid}").text)
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page and "<b onmouseover" not in page
        assert "<i>Evil</i>" not in page and 'href="javascript:' not in page
        scripts = re.findall(r"<script[^>]*>", page)
        assert all(re.fullmatch(r'<script src="/(static/app\.js|vendor/plotly\.min\.js)" defer>', s) for s in scripts)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0]


def test_security_headers_and_read_only_default(web_record):
    c = client(web_record, token=None)
    r = c.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert c.post("/api/reviews/statements", json={"statement": "x", "verdict": "correct", "reviewer": "a"}).status_code == 403
    assert c.post("/login", data={"token": "anything"}).status_code == 403


def test_writes_need_the_token_and_a_csrf_field(record_copy):
    c = client(record_copy)
    sid = statement_id(c, "never done that")
    body = {"statement": sid, "verdict": "correct", "reviewer": "Ada"}
    assert c.post("/api/reviews/statements", json=body).status_code == 401
    assert c.post("/api/reviews/statements", json=body, headers={"x-onrecord-token": "wrong"}).status_code == 401
    assert c.post("/api/reviews/statements", json=body, headers={"x-onrecord-token": TOKEN}).status_code == 200
    # pages: no session → refused; a session without its CSRF field → refused; both → written
    assert c.post("/review/statement", data={**body, "csrf": "0" * 64}).status_code == 403
    csrf = sign_in(c)
    assert c.post("/review/statement", data=body).status_code == 403
    assert c.post("/review/statement", data={**body, "csrf": csrf[:-1] + ("1" if csrf[-1] == "0" else "0")}).status_code == 403
    r = c.post("/review/statement", data={**body, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/statement/{sid}#review"
    other = client(record_copy)  # another browser cannot reuse the field without the cookie
    assert other.post("/review/statement", data={**body, "csrf": csrf}).status_code == 403
    assert len(c.get("/api/reviews").json()["statements"]) == 2


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://localhost:8000/x", "http://10.0.0.8/", "http://[::1]/",
                                 "http://169.254.169.254/latest", "file:///etc/passwd", "ftp://example.org/"])
def test_private_and_loopback_urls_are_never_fetched(url):
    with pytest.raises(UnsafeURL):
        check_public_url(url)


def test_analyse_checks_token_limits_and_fetching(record_copy):
    settings = Settings(db=str(record_copy), token=TOKEN, max_upload_bytes=1000, max_uploads=2, relink=False)
    c = TestClient(create_app(settings))
    csrf = sign_in(c)
    big = ("big.txt", b"x" * 2000, "text/plain")
    page = c.post("/analyse", data={"csrf": csrf, "urls": "http://127.0.0.1:8000/"}, files=[("files", big)]).text
    assert "over the upload limit" in page and "fetching URLs is off" in page
    too_many = [("files", (f"f{i}.txt", b"Title\n\nHe said hi.", "text/plain")) for i in range(3)]
    assert c.post("/analyse", data={"csrf": csrf}, files=too_many).status_code == 400
    r = c.post("/api/analyse", json={"text": "Mayor quits\n\n\u201cI am done,\u201d the mayor, Ann Lee, said on Monday.",
                                     "id": "mayor.txt", "published": "2020-01-06"}, headers={"x-onrecord-token": TOKEN})
    assert r.status_code == 200 and r.json()["documents"] == ["mayor.txt"] and r.json()["statements"] >= 1
    assert c.post("/api/analyse", json={"text": "x"}).status_code == 401
    # the same id with another text is kept beside the first, never over it; the same text again is unchanged
    other = c.post("/api/analyse", json={"text": "Mayor stays\n\n\u201cI am staying,\u201d Ann Lee said.", "id": "mayor.txt"},
                   headers={"x-onrecord-token": TOKEN})
    assert other.status_code == 200 and other.json()["documents"] == ["2-mayor.txt"]
    same = c.post("/api/analyse", json={"text": "Mayor quits\n\n\u201cI am done,\u201d the mayor, Ann Lee, said on Monday.",
                                        "id": "mayor.txt"}, headers={"x-onrecord-token": TOKEN})
    assert same.status_code == 200 and same.json()["documents"] == []


# ------------------------------------------------------------------ kept answers


@pytest.mark.parametrize("filters", [
    {"q": "troops"}, {"q": "never"}, {"q": "Russia", "kind": "direct"}, {"q": "troops", "speaker": "Vladimir Putin"},
    {"q": "troops", "link": "contradicts"}, {"q": "said", "link": "none"}, {"q": "Russia", "polarity": "deny"},
    {"q": "Russia", "outlet": "<i>Evil</i> Post"}, {"q": "sanction*"}, {"q": "no-such-word"},
])
def test_the_match_index_finds_what_sql_finds(web_record, filters):
    with Store(web_record) as store:
        f = browse.Filters(**filters)
        linked = browse.linked_relations(store)
        index = browse.match_index(store)
        assert f.indexable()
        for offset in (0, 2):
            by_sql = browse.search_with_facets(store, f, offset=offset, limit=3, linked=linked)
            by_index = browse.search_with_facets(store, f, offset=offset, limit=3, linked=linked, index=index)
            assert [s.id for s in by_index[0].statements] == [s.id for s in by_sql[0].statements]
            assert by_index[0].total == by_sql[0].total and by_index[1] == by_sql[1]
            api = browse.search(store, f, offset=offset, limit=3)
            assert [s.id for s in api.statements] == [s.id for s in by_sql[0].statements] and api.total == by_sql[0].total
            assert [s.id for s in browse.search(store, f, offset=offset, limit=3, index=index, linked=linked).statements] \
                == [s.id for s in api.statements]
    assert not browse.Filters(q="troops", date_from="2019-01-01").indexable() and not browse.Filters(kind="direct").indexable()


def test_a_verdict_shows_on_the_next_request_whoever_writes_it(record_copy):
    c = client(record_copy)
    sid = statement_id(c, "never done that")
    page, results = c.get(f"/statement/{sid}"), c.get("/", params={"q": "never done that"})
    assert "Nobody has reviewed this statement yet" in page.text and "verdict-" not in results.text
    assert c.get(f"/statement/{sid}").text == page.text  # kept, and the same bytes
    # a write through the API (another thread's connection) ...
    r = c.post("/api/reviews/statements", json={"statement": sid, "verdict": "wrong_speaker", "reviewer": "Ada",
                                                "speaker": "Dmitry Peskov"}, headers={"x-onrecord-token": TOKEN})
    assert r.status_code == 200
    assert "wrong speaker: Dmitry Peskov" in c.get(f"/statement/{sid}").text
    assert "wrong speaker: Dmitry Peskov" in c.get("/", params={"q": "never done that"}).text
    # ... and one from outside the server (another process's connection, as `onrecord` in a terminal)
    with Store(record_copy) as store:
        review.add_statement_review(store, sid, "correct", "Bea", "checked the tape")
    assert "checked the tape" in c.get(f"/statement/{sid}").text
    assert [r["reviewer"] for r in c.get("/api/reviews").json()["statements"]] == ["Ada", "Bea"]


def test_a_new_article_is_found_by_the_next_search(record_copy):
    c = TestClient(create_app(Settings(db=str(record_copy), token=TOKEN, relink=False)))
    assert "0 statements" in c.get("/", params={"q": "Zanzibar"}).text  # kept, with the full-text map of this version
    assert c.get("/api/statements", params={"q": "Zanzibar"}).json()["total"] == 0
    r = c.post("/api/analyse", json={"text": "Ferry fares rise\n\n\u201cFares to Zanzibar will rise in May,\u201d the port's director,"
                                             " Amina Said, said on Monday.", "id": "ferry.txt", "published": "2020-03-02"},
               headers={"x-onrecord-token": TOKEN})
    assert r.status_code == 200 and r.json()["statements"] >= 1
    page = c.get("/", params={"q": "Zanzibar"}).text
    assert "1 statement," in page and "Amina Said" in page
    assert c.get("/api/statements", params={"q": "Zanzibar", "speaker": "Amina Said"}).json()["total"] == 1


def test_etag_revalidation_answers_304_until_the_record_changes(record_copy):
    c = client(record_copy)
    first = c.get("/contradictions")
    etag = first.headers["etag"]
    assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
    again = c.get("/contradictions", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert "content-security-policy" in again.headers
    assert c.get("/contradictions", headers={"if-none-match": f'W/{etag}, "other"'}).status_code == 304
    assert c.get("/contradictions", headers={"if-none-match": '"other"'}).status_code == 200
    api = c.get("/api/contradictions")
    assert c.get("/api/contradictions", headers={"if-none-match": api.headers["etag"]}).status_code == 304
    a, b = putin_caracas(record_copy)
    with Store(record_copy) as store:
        review.add_link_review(store, a, b, "confirmed", "Ada", "real")
    changed = c.get("/contradictions", headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag and "verdict-confirmed" in changed.text
    assert c.get("/statement/nope").status_code == 404 and "etag" not in c.get("/statement/nope").headers


def test_a_signed_in_page_is_never_kept_for_anyone(record_copy):
    anonymous, reviewer = client(record_copy), client(record_copy)
    assert 'name="csrf"' not in anonymous.get("/contradictions").text  # kept for readers without a session
    csrf = sign_in(reviewer)
    page = reviewer.get("/contradictions").text
    assert f'value="{csrf}"' in page and "Sign out" in page
    assert csrf not in anonymous.get("/contradictions").text


# ------------------------------------------------------------------ reviews


def test_review_survives_reanalysis_and_relink(record_copy, analyzer):
    from onrecord.ingest import read_inputs
    from onrecord.link.record import link_store

    a, b = putin_caracas(record_copy)
    with Store(record_copy) as store:
        sid = statement_id(client(record_copy), "sanctions hurt ordinary")
        review.add_statement_review(store, sid, "wrong_speaker", "Ada", "it was Lavrov", speaker="Sergei Lavrov")
        review.add_link_review(store, a, b, "confirmed", "Ada", "checked against AP")
        rejected = next(ln for ln in store.links() if ln.relation == "contradicts" and {ln.a, ln.b} != {a, b})
        review.add_link_review(store, rejected.a, rejected.b, "rejected", "Ada", "different events")
        assert browse.link_between(store, rejected.a, rejected.b) is None
        # analyze --force on both seeds, then link: the verdicts are still there and still applied
        seeds = "../shared/corpus/seeds/"
        for path, published in ((seeds + "000_74f9bc2048f974de.txt", "2019-05-03"), (seeds + "002_67183b8b9b4f04f6.txt", None)):
            for analysis in analyzer.pipe(d for d in read_inputs([path], published=published)):
                store.replace_analysis(analysis, analyzer.model_name)
        link_store(store)
        verdicts = review.latest_statement_verdicts(store)
        assert verdicts[sid].speaker == "Sergei Lavrov" and browse.statement(store, sid) is not None
        assert browse.link_between(store, rejected.a, rejected.b) is None
        assert browse.link_between(store, a, b) is not None
    page = client(record_copy).get(f"/statement/{sid}").text
    assert "wrong speaker: Sergei Lavrov" in page and "it was Lavrov" in page


def test_a_moved_statement_keeps_its_verdict(record_copy):
    with Store(record_copy) as store:
        st = next(s for s in store.statements(search="sanctions") if s.kind != "narration")
        review.add_statement_review(store, st.id, "not_statement", "Ada")
        store.db.execute("UPDATE statements SET id = 'moved-id' WHERE id = ?", (st.id,))  # as a rule change would
        assert review.reattach(store) == 1
        assert review.statement_reviews(store)[0].statement_id == "moved-id"


def test_confirmed_contradiction_exports_as_valid_claimreview(record_copy):
    a, b = putin_caracas(record_copy)
    c = client(record_copy)
    r = c.post("/api/reviews/links", json={"a": a, "b": b, "verdict": "confirmed", "reviewer": "Ada Fact", "note": "real"},
               headers={"x-onrecord-token": TOKEN})
    assert r.status_code == 200
    drafts = json.loads(c.get("/export/claimreviews.jsonld").text)
    assert len(drafts) == 1
    draft = drafts[0]
    assert schemaorg.check(draft) == []
    assert draft["@type"] == "ClaimReview" and PUTIN in draft["claimReviewed"]
    claim = draft["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"]["name"] == "Vladimir Putin"
    assert claim["author"]["@type"] == "Person"
    assert claim["appearance"][0]["headline"].startswith("Putin Says No Plans")
    assert CARACAS in draft["reviewBody"] and re.fullmatch(r"\d{4}-\d\d-\d\d", draft["datePublished"])
    assert draft["reviewRating"]["@type"] == "Rating" and draft["reviewRating"]["alternateName"] is None
    assert c.get("/api/export/claimreviews").json() == drafts


def test_schema_check_catches_what_is_not_schema_org():
    assert schemaorg.check({"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewd": "x"}) != []
    assert schemaorg.check({"@type": "Claim", "appearance": {"@type": "Person", "name": "x"}}) != []
    assert schemaorg.check({"@type": "Quotation", "spokenByCharacter": "just text"}) != []
    assert schemaorg.check({"@type": "Thing", "name": "x"}) == []


def test_quotations_are_schema_org(web_record):
    quotes = client(web_record).get("/export/quotations.jsonld").json()
    assert len(quotes) > 20
    for q in quotes:
        assert schemaorg.check(q) == [], q
    putin = [q for q in quotes if q.get("spokenByCharacter", {}).get("name") == "Vladimir Putin"]
    assert putin and putin[0]["isPartOf"]["@type"] == "NewsArticle"


# ------------------------------------------------------------------ exports


def test_csv_network_and_datasette_exports(web_record):
    import networkx as nx

    c = client(web_record)
    rows = list(csv.DictReader(io.StringIO(c.get("/export/statements.csv").text)))
    with Store(web_record) as store:
        assert len(rows) == store.counts()["statements"]
        names = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert c.get("/export/sqlite_master.csv").status_code == 404
    graph = nx.read_graphml(io.BytesIO(c.get("/export/network.graphml").content))
    assert graph.has_edge("Donald Trump", "Vladimir Putin") or graph.has_edge("Vladimir Putin", "United States")
    assert nx.read_gexf(io.BytesIO(c.get("/export/network.gexf").content)).number_of_nodes() == graph.number_of_nodes()
    r = c.get("/export/datasette-metadata.json")
    assert r.headers["content-disposition"] == 'attachment; filename="record.metadata.json"'
    meta = r.json()
    assert list(meta["databases"]) == ["record"]  # Datasette names a database by its file's stem (record.db)
    tables = meta["databases"]["record"]["tables"]
    assert set(tables) <= names and {"record_statements", "record_links", "record_speakers"} <= set(tables)
    assert tables["sketches"]["hidden"] and tables["copies"]["hidden"] and tables["statements_fts_data"]["hidden"]
    with Store(web_record) as store:  # every column a facet, sort or label names is in its table or view
        for table, settings in tables.items():
            columns = {row[1] for row in store.db.execute(f'PRAGMA table_info("{table}")')}
            named = set(settings.get("facets", [])) | set(settings.get("sortable_columns", []))
            assert named | ({settings["label_column"]} if "label_column" in settings else set()) <= columns, table


def test_cli_exports(record_copy, tmp_path):
    from typer.testing import CliRunner

    from onrecord.cli import app

    run = CliRunner()
    out = tmp_path / "csv"
    assert run.invoke(app, ["export", "csv", "--db", str(record_copy), "-o", str(out)]).exit_code == 0
    assert {p.name for p in out.iterdir()} >= {"statements.csv", "links.csv", "statement_reviews.csv"}
    gexf = run.invoke(app, ["export", "gexf", "--db", str(record_copy)])
    assert gexf.exit_code == 0 and "<gexf" in gexf.output
    claims = run.invoke(app, ["export", "claimreviews", "--db", str(record_copy)])
    assert claims.exit_code == 0 and json.loads(claims.output) == []
    story = tmp_path / "story.db"
    story.write_bytes(record_copy.read_bytes())
    meta = run.invoke(app, ["export", "datasette", "--db", str(story), "-o", str(tmp_path / "story.metadata.json")])
    assert meta.exit_code == 0 and list(json.loads((tmp_path / "story.metadata.json").read_text())["databases"]) == ["story"]
    assert "serve" in run.invoke(app, ["--help"]).output


def test_analyse_relinks_the_record_in_the_background(record_copy):
    import time

    from onrecord.web import analyse

    c = TestClient(create_app(Settings(db=str(record_copy), token=TOKEN)))
    with Store(record_copy) as store:
        store.write_links([], replace=True)  # as if the record had never been linked
    text = ("Kremlin rejects troop report\n\nThe Kremlin said on Friday that Russia has never sent troops to Venezuela "
            "and denied that any planes had landed in Caracas.")
    r = c.post("/api/analyse", json={"text": text, "id": "kremlin.txt", "published": "2019-06-07"},
               headers={"x-onrecord-token": TOKEN})
    assert r.status_code == 200 and r.json()["relinking"] is True
    deadline = time.monotonic() + 60
    while analyse._relinking.locked() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert c.get("/api/links").json()["total"] > 0
