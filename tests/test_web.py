"""The dashboard, its JSON API, search and the report, on a store built by hand.

The store holds the two real seed texts, cleaned by bilat, with records attached by hand whose
spans point at the real sentences (the 2022 trade figure, the March 20-22 state visit, the
$200bn target), so these tests do not wait for the extractors and do not load spaCy.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from bilat.clean import clean
from bilat.model import Actor, Claim, Commitment, Event, Figure, Period
from bilat.readers import RawDocument, read_file
from bilat.store import Store
from bilat.store.search import index_documents, index_is_current, search

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "china-russia-2023"
INTERVIEW = EXAMPLES / "000_f95afdea6543a468.txt"
LETTER = EXAMPLES / "003_6405d16e14149a80.txt"
HOSTILE = "<script>alert('x')</script>"


def sentence(text: str, phrase: str) -> tuple[int, int]:
    """The span of the sentence of ``text`` that contains ``phrase``."""
    i = text.index(phrase)
    start = max(text.rfind(". ", 0, i) + 2 if text.rfind(". ", 0, i) >= 0 else 0, text.rfind("\n", 0, i) + 1)
    ends = [j + 1 for j in (text.find(". ", i + len(phrase) - 1),) if j >= 0]
    ends += [j for j in (text.find("\n", i),) if j >= 0] + [len(text)]
    return start, min(ends)


def within(text: str, span: tuple[int, int], phrase: str) -> tuple[int, int]:
    i = text.index(phrase, span[0], span[1])
    return i, i + len(phrase)


def _doc(path: Path, meta: dict):
    [raw] = list(read_file(str(path), 10_000_000))
    return clean(raw, meta)


def build_seeded_store(db: str) -> Store:
    """The seeds as stored documents with realistic, hand-made records; claims, status and search index."""
    store = Store.open(db)
    doc, repeats = _doc(INTERVIEW, {"outlet": "Global Times"})
    t = doc.text
    trade = sentence(t, "reaching a record $190.271 billion")
    cargo = sentence(t, "set a historical record of $190.27 billion")
    visit = sentence(t, "will pay a state visit to Russia from March 20-22")
    pledge = sentence(t, "strive to achieve the trade target of $200 billion")
    jan_feb = sentence(t, "with the bilateral trade volume reaching $33.69 billion")
    exports = sentence(t, "China exported $15.04 billion to Russia")
    f_trade = Figure(what="China-Russia trade volume", value=190.271e9, unit="USD", countries=["CHN", "RUS"],
                     flow="total", period=Period.year(2022), period_text="the past year", text=t[slice(*trade)],
                     span=trade, value_span=within(t, trade, "$190.271 billion"), measure="trade")
    f_growth = Figure(what="China-Russia trade volume growth", value=29.3, unit="percent_change",
                      countries=["CHN", "RUS"], flow="total", period=Period.year(2022), baseline=Period.year(2021),
                      text=t[slice(*trade)], span=trade, value_span=within(t, trade, "29.3 percent"),
                      measure="trade")
    f_target = Figure(what="China-Russia trade target", value=200e9, unit="USD", countries=["CHN", "RUS"],
                      flow="total", value_type="target", text=t[slice(*trade)], span=trade,
                      value_span=within(t, trade, "$200 billion"), measure="trade")
    f_cargo = Figure(what="cargo trade", value=190.27e9, unit="USD", countries=["CHN", "RUS"], flow="total",
                     period=Period.year(2022), text=t[slice(*cargo)], span=cargo,
                     value_span=within(t, cargo, "$190.27 billion"), measure="trade")
    f_janfeb = Figure(what="bilateral trade volume", value=33.69e9, unit="USD", countries=["CHN", "RUS"],
                      flow="total", period=Period(dt.date(2023, 1, 1), dt.date(2023, 2, 28)),
                      period_text="the first two months of this year", text=t[slice(*jan_feb)], span=jan_feb,
                      value_span=within(t, jan_feb, "$33.69 billion"), measure="trade")
    f_export = Figure(what="China's exports to Russia", value=15.04e9, unit="USD", countries=["CHN", "RUS"],
                      flow="export", period=Period(dt.date(2023, 1, 1), dt.date(2023, 2, 28)),
                      text=t[slice(*exports)], span=exports, value_span=within(t, exports, "$15.04 billion"),
                      measure="trade")
    e_visit = Event(type="CONSULT", mode="visit", source=[Actor("Xi Jinping", "CHN", "person")],
                    target=[Actor("Russia", "RUS", "state")], date=Period(dt.date(2023, 3, 20), dt.date(2023, 3, 22)),
                    date_text="March 20-22", status="planned", location="Russia", text=t[slice(*visit)], span=visit,
                    trigger="state visit")
    c_target = Commitment(actors=["CHN", "RUS"], what="bilateral trade of $200 billion", target_value=200e9,
                          unit="USD", deadline=Period.year(2023), deadline_text="within this year",
                          text=t[slice(*pledge)], span=pledge, measure="trade", flow="total")
    store.add_document(doc, figures=[f_trade, f_growth, f_target, f_cargo, f_janfeb, f_export], events=[e_visit],
                       commitments=[c_target], reuse=repeats, countries=["CHN", "RUS"])

    doc2, repeats2 = _doc(LETTER, {"published": "2023-03-20"})
    t2 = doc2.text
    surpassed = sentence(t2, "surpassed 190 billion dollars last year")
    travel = sentence(t2, "I will shortly travel to the Russian Federation on a state visit")
    g_trade = Figure(what="trade between China and Russia", value=190e9, unit="USD", countries=["CHN", "RUS"],
                     flow="total", qualifier="more_than", period=Period.year(2022), period_text="last year",
                     text=t2[slice(*surpassed)], span=surpassed, value_span=within(t2, surpassed, "190 billion dollars"),
                     measure="trade")
    g_visit = Event(type="CONSULT", mode="visit", source=[Actor("Xi Jinping", "CHN", "person")],
                    target=[Actor("Russia", "RUS", "state")], status="planned", text=t2[slice(*travel)], span=travel)
    store.add_document(doc2, figures=[g_trade], events=[g_visit], reuse=repeats2, countries=["CHN", "RUS"])
    store.replace_claims([Claim(what="China-Russia trade volume", countries=["CHN", "RUS"], flow="total", unit="USD",
                                period=Period.year(2022), figures=[f_trade.id, g_trade.id, f_cargo.id],
                                values=[190.271e9, 190e9, 190.27e9], verdict="agree", measure="trade",
                                note="190.271bn, 'surpassed 190bn' and 190.27bn agree",
                                sources=[doc.id, doc2.id])])
    store.set_commitment_status([(c_target.id, "open", None, "2023 has no full-year figure yet")])
    index_documents(store)
    return store


def add_hostile_document(store: Store) -> str:
    """A document whose title, body and evidence carry a script tag, stored as ingest stores it."""
    text = f"{HOSTILE} Trade talk\n\nChina and Russia said {HOSTILE} trade rose to $1 billion.\n"
    raw = RawDocument(source="hostile.txt", path="hostile.txt", text=text, format="text")
    doc, _ = clean(raw, {})
    span = sentence(doc.text, "trade rose to $1 billion")
    fig = Figure(what=f"trade {HOSTILE}", value=1e9, unit="USD", countries=["CHN", "RUS"], flow="total",
                 period=Period.year(2023), text=doc.text[slice(*span)], span=span, measure="trade")
    store.add_document(doc, figures=[fig], countries=["CHN", "RUS"])
    index_documents(store, [doc.id])
    return doc.id


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("web") / "seeded.db")
    build_seeded_store(db).close()
    return db


@pytest.fixture(scope="module")
def client(seeded) -> TestClient:
    from bilat.web import create_app

    with TestClient(create_app(seeded)) as c:
        yield c


@pytest.fixture(scope="module")
def ids(seeded) -> dict:
    s = Store.open(seeded, create=False, readonly=True)
    out = {
        "trade": next(f for f in s.items("figure") if f["value"] == 190.271e9),
        "visit": next(e for e in s.items("event") if e.get("date_text") == "March 20-22"),
        "target": s.items("commitment")[0],
        "docs": [d["id"] for d in s.documents()],
    }
    s.close()
    return out


class Links(HTMLParser):
    """Every src/href of a page, and every element id."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("src", "href", "action") and v is not None:
                self.urls.append(v)
            if k == "id" and v:
                self.ids.add(v)


def links_of(html: str) -> Links:
    p = Links()
    p.feed(html)
    return p


def assert_local(html: str) -> None:
    for url in links_of(html).urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, f"a link to another host: {url}"


# --- pages -----------------------------------------------------------------------------------
def test_home_lists_the_dyad_with_its_counts(client, ids):
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert 'href="/dyad/CHN-RUS"' in r.text and "China" in r.text and "Russia" in r.text
    row = re.search(r'href="/dyad/CHN-RUS".*?</tr>', r.text, re.S).group(0)
    assert [int(n) for n in re.findall(r'class="num">(\d+)<', row)] == [2, 2, 7, 1, 1]  # docs, events, figs, ...
    for doc_id in ids["docs"]:
        assert f'href="/doc/{doc_id}"' in r.text


def test_dyad_page_shows_the_figure_the_visit_and_the_target_each_linked_to_its_evidence(client, ids):
    r = client.get("/dyad/CHN-RUS")
    assert r.status_code == 200
    page = r.text
    trade, visit, target = ids["trade"], ids["visit"], ids["target"]
    assert "$190.27bn" in page and "2022" in page
    assert f'href="/doc/{trade["doc"]}#item-{trade["id"]}"' in page
    assert "March 20-22" in page and "20–22 Mar 2023" in page and "CONSULT" in page and "planned" in page
    assert f'href="/doc/{visit["doc"]}#item-{visit["id"]}"' in page
    assert "$200bn" in page and "open" in page
    assert f'href="/doc/{target["doc"]}#item-{target["id"]}"' in page
    # the claim links each of its figures; the charts are there with their data
    assert '<span class="badge v-agree">agree</span>' in page
    assert 'id="chart-events"' in page and 'id="chart-figures-0"' in page
    assert '<script src="/vendor/plotly.min.js"></script>' in page
    assert_local(page)


def test_the_trade_chart_draws_the_target_with_its_status_and_links_points_to_evidence(client, ids):
    page = client.get("/dyad/CHN-RUS").text
    raw = re.search(r'<script type="application/json" id="chart-figures-0-data">(.*?)</script>', page, re.S).group(1)
    fig = json.loads(raw)
    assert fig["layout"]["title"]["text"].startswith("trade (CHN–RUS, USD) by year")
    assert fig["layout"]["xaxis"]["categoryarray"] == ["2022", "2023"]
    [note] = fig["layout"]["annotations"]
    assert note["text"] == "target $200bn by 2023: open"
    [line] = fig["layout"]["shapes"]
    assert line["y0"] == pytest.approx(200)
    urls = [c[0] for trace in fig["data"] for c in trace.get("customdata") or []]
    assert f"/doc/{ids['trade']['doc']}#item-{ids['trade']['id']}" in urls
    assert f"/doc/{ids['target']['doc']}#item-{ids['target']['id']}" in urls
    events = json.loads(re.search(r'id="chart-events-data">(.*?)</script>', page, re.S).group(1))
    assert {t.get("name") for t in events["data"]} >= {"planned"}


def test_the_dyad_url_is_made_canonical_and_unknown_dyads_are_404_with_a_hint(client):
    r = client.get("/dyad/rus-chn", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/dyad/CHN-RUS"
    r = client.get("/dyad/CHN-USA")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "no documents or items for CHN-USA" in r.text and "CHN-RUS" in r.text
    r = client.get("/dyad/CHINA")
    assert r.status_code == 400 and "ISO 3166" in r.text


def test_the_document_page_marks_every_item_once_and_nests_overlaps(client, ids, seeded):
    trade = ids["trade"]
    r = client.get(f"/doc/{trade['doc']}")
    assert r.status_code == 200
    page = r.text
    p = links_of(page)
    s = Store.open(seeded, create=False, readonly=True)
    items = [x for k in ("event", "figure", "commitment") for x in s.items(k, doc=trade["doc"])]
    for item in items:
        assert f"item-{item['id']}" in p.ids
        assert page.count(f'id="item-{item["id"]}"') == 1
    # three figures share the trade sentence: nested marks, the value of each in a span
    mark = re.search(rf'<mark [^>]*id="item-{trade["id"]}"[^>]*>', page).group(0)
    assert 'data-kind="figure"' in mark and f'data-id="{trade["id"]}"' in mark
    assert f'<span class="val" data-of="{trade["id"]}">$190.271 billion</span>' in page
    # the marked-up text is the document's text, exactly
    text_html = re.search(r'<div class="text" id="text">(.*?)</div>\n</article>', page, re.S).group(1)
    from html import unescape

    assert unescape(re.sub(r"<[^>]+>", "", text_html)) == s.document(trade["doc"])["text"]
    # each item's record is in the side panel
    assert f'id="rec-{trade["id"]}"' in page and "190271000000.0" in page
    assert '<script src="/static/bilat.js"></script>' in page
    s.close()


def test_marked_text_splits_crossing_spans_and_keeps_one_anchor():
    from bilat.web.views import Mark, marked_text

    html = str(marked_text("abcdefgh", [Mark(1, 5, "event", "e-1"), Mark(3, 7, "figure", "f-1"),
                                        Mark(3, 4, "value")]))
    assert html.count('id="item-e-1"') == 1 and html.count('id="item-f-1"') == 1
    assert html.count("<mark") == html.count("</mark>") == 3  # f-1 is split where e-1 ends
    assert 'class="m m-figure cont"' in html
    assert re.sub(r"<[^>]+>", "", html) == "abcdefgh"
    assert str(marked_text("a<b>&c", [Mark(0, 3, "figure", 'x" onclick="y')])).count("<b>") == 0


def test_item_redirects_to_its_evidence(client, ids):
    trade = ids["trade"]
    r = client.get(f"/item/{trade['id']}", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == f"/doc/{trade['doc']}#item-{trade['id']}"
    assert client.get("/item/f-nope").status_code == 404


def test_paged_and_filtered_lists_of_a_dyad(client, ids):
    for kind in ("events", "figures", "commitments", "claims", "documents", "reuse"):
        r = client.get(f"/dyad/CHN-RUS/{kind}", params={"offset": 0})
        assert r.status_code == 200, kind
    assert "$190.27bn" in client.get("/dyad/CHN-RUS/figures").text
    assert "$190.27bn" not in client.get("/dyad/CHN-RUS/figures", params={"offset": 100}).text
    page = client.get("/dyad/CHN-RUS/events", params={"type": "CONSULT", "status": "planned",
                                                      "start": "2023-03-01", "end": "2023-03-31"}).text
    assert f"#item-{ids['visit']['id']}" in page and "I will shortly travel" not in page  # undated: out of range
    assert client.get("/dyad/CHN-RUS/events", params={"type": "ACCUSE"}).text.count("<tr id=") == 0
    assert client.get("/dyad/CHN-RUS/figures", params={"type": "CONSULT"}).status_code == 400
    assert client.get("/dyad/CHN-RUS/nothing").status_code == 404
    assert client.get("/", params={"offset": 1}).status_code == 200
    assert client.get("/", params={"offset": -1}).status_code == 422
    assert client.get("/search", params={"q": "trade", "offset": 20}).status_code == 200


def test_search_finds_documents_and_evidence_with_fts5(client, seeded, ids):
    s = Store.open(seeded, create=False, readonly=True)
    assert index_is_current(s)
    found = search(s, "state visit March")
    assert found.engine == "fts5"
    kinds = {h["kind"] for h in found.hits}
    assert {"event", "document"} <= kinds
    hit = next(h for h in found.hits if h["id"] == ids["visit"]["id"])
    marked = [hit["snippet"][a:b].lower() for a, b in hit["highlights"]]
    assert "state" in marked and "visit" in marked
    assert ids["trade"]["id"] in {h["id"] for h in search(s, "$190.271", kind="figure").hits}
    assert search(s, 'zzqx AND OR "( * NEAR').hits == []  # user text is never FTS5 syntax
    s.close()
    r = client.get("/search", params={"q": "state visit"})
    assert r.status_code == 200 and f"#item-{ids['visit']['id']}" in r.text and "<mark>" in r.text


def test_search_falls_back_to_like_when_the_index_is_stale(tmp_path):
    s = build_seeded_store(str(tmp_path / "s.db"))
    add_hostile_document(s)
    with s.transaction() as conn:  # as if a document had been stored without indexing
        import sqlalchemy as sa

        conn.execute(sa.text("DELETE FROM bilat_search_rows WHERE kind = 'document' AND doc_id = "
                             "(SELECT id FROM documents WHERE source = 'hostile.txt')"))
    assert not index_is_current(s)
    found = search(s, "trade rose")
    assert found.engine == "like" and found.hits
    assert any("trade rose" in h["snippet"][a:b + 5] for h in found.hits for a, b in h["highlights"])
    index_documents(s)
    assert index_is_current(s) and search(s, "trade rose").engine == "fts5"
    s.close()


# --- the API ------------------------------------------------------------------------------------
def test_api_dyads(client):
    [d] = client.get("/api/dyads").json()
    assert d["dyad"] == "CHN-RUS" and d["documents"] == 2 and d["figures"] == 7 and d["commitments"] == 1
    assert client.get("/api/dyads/RUS-CHN").json()["events"] == 2
    r = client.get("/api/dyads/CHN-USA")
    assert r.status_code == 404 and r.headers["content-type"] == "application/json"
    assert "CHN-RUS" in r.json()["error"] and r.json()["status"] == 404


def test_api_items_with_filters_and_pagination(client, ids):
    trade = ids["trade"]
    page = client.get("/api/figures", params={"dyad": "CHN-RUS", "limit": 3}).json()
    assert len(page["items"]) == 3 and page["offset"] == 0 and page["next"]
    seen = list(page["items"])
    while page["next"]:
        page = client.get(page["next"]).json()
        assert page["limit"] == 3 and len(page["items"]) <= 3
        seen += page["items"]
    assert len(seen) == len({f["id"] for f in seen}) == 7 and trade["id"] in {f["id"] for f in seen}
    f = client.get("/api/figures", params={"start": "2022-01-01", "end": "2022-12-31", "unit": "USD"}).json()
    assert {x["value"] for x in f["items"]} == {190.271e9, 190.27e9, 190e9}
    assert all(x["evidence_url"] == f"/doc/{x['doc']}#item-{x['id']}" for x in f["items"])
    assert client.get("/api/figures", params={"value_type": "target"}).json()["items"][0]["value"] == 200e9
    ev = client.get("/api/events", params={"type": "CONSULT", "status": "planned", "dyad": "CHN-RUS"}).json()
    assert len(ev["items"]) == 2
    ev = client.get("/api/events", params={"start": "2023-03-21", "end": "2023-03-21"}).json()
    assert [e["date_text"] for e in ev["items"]] == ["March 20-22"]
    assert client.get("/api/events", params={"doc": trade["doc"]}).json()["items"][0]["doc"] == trade["doc"]
    com = client.get("/api/commitments", params={"status": "open"}).json()["items"]
    assert com[0]["target_value"] == 200e9 and com[0]["status_note"] == "2023 has no full-year figure yet"
    assert client.get("/api/commitments", params={"status": "met"}).json()["items"] == []
    cl = client.get("/api/claims", params={"dyad": "CHN-RUS", "verdict": "agree"}).json()["items"]
    assert trade["id"] in cl[0]["figures"]
    docs = client.get("/api/documents", params={"dyad": "CHN-RUS", "limit": 1}).json()
    assert len(docs["items"]) == 1 and docs["next"] and "text" not in docs["items"][0] or not docs["items"][0]["text"]
    docs = client.get("/api/documents", params={"start": "2023-03-19"}).json()["items"]
    assert [d["published"] for d in docs] == ["2023-03-20"]
    reuse = client.get("/api/reuse", params={"doc": trade["doc"]}).json()["items"]
    assert reuse and all(trade["doc"] in (r["doc_a"], r["doc_b"]) for r in reuse)
    assert client.get("/api/reuse", params={"relation": "paraphrase"}).json()["items"] == []


def test_api_single_records_search_and_errors(client, ids):
    trade = ids["trade"]
    d = client.get(f"/api/documents/{trade['doc']}").json()
    assert d["text"][trade["span"][0]:trade["span"][1]] == trade["text"]
    item = client.get(f"/api/items/{trade['id']}").json()
    assert item["value"] == 190.271e9 and item["evidence_url"].endswith(f"#item-{trade['id']}")
    hits = client.get("/api/search", params={"q": "state visit", "kind": "event"}).json()
    assert hits["engine"] == "fts5" and hits["items"][0]["url"].startswith("/doc/")
    for url, status in (("/api/documents/d-missing", 404), ("/api/items/x-1", 404), ("/api/nothing", 404),
                        ("/api/figures?limit=0", 422), ("/api/events?dyad=CHINA", 400), ("/api/search", 422),
                        ("/api/events?start=notadate", 422)):
        r = client.get(url)
        assert r.status_code == status, url
        assert r.headers["content-type"] == "application/json" and r.json()["error"], url


def test_openapi_schema_describes_every_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert paths == {"/api/dyads", "/api/dyads/{dyad}", "/api/documents", "/api/documents/{doc_id}",
                     "/api/events", "/api/figures", "/api/commitments", "/api/claims", "/api/reuse",
                     "/api/items/{item_id}", "/api/search"}
    params = {p["name"] for p in schema["paths"]["/api/figures"]["get"]["parameters"]}
    assert {"dyad", "doc", "start", "end", "limit", "offset", "unit"} <= params
    assert "FigureOut" in schema["components"]["schemas"]
    page = client.get("/api-docs").text
    assert "/api/figures" in page and "/api/openapi.json" in page
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


# --- safety ---------------------------------------------------------------------------------------
def test_a_hostile_title_and_body_are_escaped_everywhere(tmp_path):
    from bilat.web import create_app

    db = str(tmp_path / "h.db")
    s = build_seeded_store(db)
    doc_id = add_hostile_document(s)
    s.close()
    with TestClient(create_app(db)) as c:
        pages = [c.get("/").text, c.get(f"/doc/{doc_id}").text, c.get("/dyad/CHN-RUS").text,
                 c.get("/search", params={"q": "script alert"}).text, c.get("/dyad/CHN-RUS/figures").text]
        for page in pages:
            assert "<script>alert" not in page
            assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
        api = c.get("/api/documents", params={"limit": 1000}).json()
        assert any(d["title"] == f"{HOSTILE} Trade talk" for d in api["items"])
        r = c.get(f"/api/documents/{doc_id}")  # JSON, never sniffed as HTML: the text comes back exactly
        assert r.headers["content-type"] == "application/json" and r.headers["x-content-type-options"] == "nosniff"
        assert r.json()["title"] == f"{HOSTILE} Trade talk" and r.json()["text"].count(HOSTILE) == 2
        report = c.get("/dyad/CHN-RUS/report.md").text
        assert "<script>" not in report and "\\<script\\>" in report
        for page in pages:
            assert_local(page)
        assert "script-src 'self'" in c.get("/").headers["content-security-policy"]


def test_charts_escape_document_text():
    from bilat.web.charts import event_timeline

    ev = {"id": "e-1", "doc": "d-1", "type": "CONSULT", "mode": None, "status": "occurred",
          "date": {"start": "2023-01-01", "end": "2023-01-01"}, "source": [{"name": HOSTILE}], "target": [],
          "text": HOSTILE}
    chart = event_timeline([ev], lambda r: "/x", lambda kind, f: "/list")
    assert "<script>" not in chart.json and "&lt;script&gt;" in chart.json


def test_a_busy_timeline_counts_events_per_month_and_links_to_those_events():
    from bilat.web.charts import MAX_EVENT_POINTS, event_timeline

    events = [{"id": f"e-{n}", "doc": "d-1", "type": "CONSULT" if (n // 12) % 2 else "AGREE", "status": "occurred",
               "date": {"start": f"2022-{1 + n % 12:02d}-{1 + n % 28:02d}", "end": f"2022-{1 + n % 12:02d}-{1 + n % 28:02d}"},
               "source": [], "target": [], "text": "x"} for n in range(MAX_EVENT_POINTS + 100)]
    fig = json.loads(event_timeline(events, lambda r: "/x", lambda kind, f: f"/{kind}?type={f['type']}&start={f['start']}").json)
    [trace] = fig["data"]
    assert len(trace["x"]) == 24  # 12 months x 2 types
    assert "/events?type=AGREE&start=2022-01-01" in [c[0] for c in trace["customdata"]]
    assert "per month" in fig["layout"]["title"]["text"]


def test_copies_of_a_value_are_one_bigger_point():
    from bilat.web.charts import figure_series

    figs = [{"id": f"f-{n}", "doc": f"d-{n}", "what": "trade", "measure": "trade", "countries": ["CHN", "RUS"],
             "flow": "total", "unit": "USD", "value": 190.271e9 if n < 5 else 147e9, "qualifier": "exact",
             "value_type": "observed", "text": "t",
             "period": {"start": f"{2022 if n < 5 else 2021}-01-01", "end": f"{2022 if n < 5 else 2021}-12-31"}}
            for n in range(6)]
    [chart] = figure_series(figs, [], lambda r: f"/doc/{r['doc']}#item-{r['id']}")
    [trace] = json.loads(chart.json)["data"]
    assert trace["x"] == ["2021", "2022"] and trace["marker"]["size"] == [10, 18]
    assert "given by 5 figures in 5 document(s)" in trace["text"][1]


def test_static_assets_are_local(client):
    js = client.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert "plotly.js" in js.text[:200]
    assert client.get("/static/bilat.css").status_code == 200
    assert client.get("/static/bilat.js").status_code == 200


# --- the report -----------------------------------------------------------------------------------
def test_html_report_is_self_contained(seeded, ids, tmp_path):
    from bilat.report import write_report

    s = Store.open(seeded, create=False, readonly=True)
    out = write_report(s, "rus-chn", "html", str(tmp_path / "r.html"))
    s.close()
    html = Path(out).read_text(encoding="utf-8")
    p = links_of(html)
    assert all(u.startswith("#") for u in p.urls), [u for u in p.urls if not u.startswith("#")][:5]
    assert "<script src" not in html and "<link" not in html
    assert "Plotly" in html and "drawCharts" in html  # plotly.js and bilat.js inlined
    trade, visit, target = ids["trade"], ids["visit"], ids["target"]
    for item in (trade, visit, target):
        assert f'href="#ev-{item["id"]}"' in html and f'ev-{item["id"]}' in p.ids
    assert "$190.27bn" in html and "March 20-22" in html and "$200bn" in html
    quote = re.search(rf'<blockquote id="ev-{trade["id"]}">(.*?)</blockquote>', html, re.S).group(1)
    assert f'<span class="val" data-of="{trade["id"]}">$190.271 billion</span>' in quote


def test_markdown_report_has_tables_and_quoted_evidence(seeded, ids, tmp_path):
    from bilat.report import write_report

    s = Store.open(seeded, create=False, readonly=True)
    md = Path(write_report(s, "CHN-RUS", "md", str(tmp_path / "r.md"))).read_text(encoding="utf-8")
    s.close()
    trade, visit, target = ids["trade"], ids["visit"], ids["target"]
    assert md.startswith("# China – Russia (CHN-RUS)")
    assert "| Date | Type | Who → whom | Status | Evidence | Sentence |" in md
    assert "\\$190.27bn" in md and "\\$200bn" in md and "**open**" in md
    for item in (trade, visit, target):
        assert f"[{item['id']}](#{item['id']})" in md and f"### {item['id']}\n" in md
    assert "> At the invitation of Russian President Vladimir Putin" in md
    assert "http://" not in md and "https://" not in md


def test_unknown_dyad_in_a_report_is_a_bilat_error(seeded, tmp_path):
    from bilat.errors import BilatError
    from bilat.report import write_report

    s = Store.open(seeded, create=False, readonly=True)
    with pytest.raises(BilatError, match="CHN-RUS"):
        write_report(s, "CHN-USA", "md", str(tmp_path / "x.md"))
    s.close()


@pytest.mark.slow
def test_the_dashboard_renders_a_store_made_by_the_real_pipeline(tmp_path):
    """Whatever the extractors produce today, every page of the ingested demo corpus renders."""
    from bilat.pipeline import ingest
    from bilat.web import create_app

    db = str(tmp_path / "demo.db")
    s = Store.open(db)
    report = ingest(s, [str(EXAMPLES)])
    index_documents(s, report.added)
    s.close()
    with TestClient(create_app(db)) as c:
        assert c.get("/").status_code == 200
        for d in c.get("/api/documents").json()["items"]:
            assert c.get(f"/doc/{d['id']}").status_code == 200
        for d in c.get("/api/dyads").json():
            assert c.get(f"/dyad/{d['dyad']}").status_code == 200
        assert c.get("/search", params={"q": "trade"}).status_code == 200


PG_URL = os.environ.get("BILAT_TEST_PG")


@pytest.mark.skipif(not PG_URL and not os.environ.get("BILAT_CI"),
                    reason="set BILAT_TEST_PG=postgresql://... to run against PostgreSQL")
def test_the_dashboard_and_search_on_postgresql(ids):
    """The same pages on a PostgreSQL store; search there matches with ILIKE (no FTS5 index)."""
    import sqlalchemy as sa

    from bilat.store import db_url
    from bilat.store.schema import metadata
    from bilat.web import create_app

    assert PG_URL, "BILAT_TEST_PG is not set"
    engine = sa.create_engine(db_url(PG_URL))
    metadata.drop_all(engine)
    engine.dispose()
    build_seeded_store(PG_URL).close()
    with TestClient(create_app(PG_URL)) as c:
        page = c.get("/dyad/CHN-RUS").text
        assert "$190.27bn" in page and "March 20-22" in page and "$200bn" in page
        trade = ids["trade"]
        assert f'id="item-{trade["id"]}"' in c.get(f"/doc/{trade['doc']}").text
        hits = c.get("/api/search", params={"q": "State Visit", "kind": "event"}).json()
        assert hits["engine"] == "like" and ids["visit"]["id"] in {h["id"] for h in hits["items"]}
        assert "<mark>" in c.get("/search", params={"q": "190.271"}).text
        f = c.get("/api/figures", params={"dyad": "CHN-RUS", "start": "2022-01-01", "end": "2022-12-31",
                                          "unit": "USD", "limit": 2}).json()
        assert len(f["items"]) == 2 and f["next"]
        assert [d["dyad"] for d in c.get("/api/dyads").json()] == ["CHN-RUS"]
        assert "\\$190.27bn" in c.get("/dyad/CHN-RUS/report.md").text


@pytest.mark.issue(6)
def test_a_copied_figure_is_one_story_with_every_source_listed(tmp_path):
    """A figure whose ``origin`` is another document's figure is not counted again: the dyad
    counts stories, and the original's row links to the copy as a further source."""
    from bilat.web.app import create_app

    store = Store.open(str(tmp_path / "copies.db"))
    ids = []
    for n, (name, published) in enumerate((("wire.txt", "2023-01-13"), ("copy.txt", "2023-01-14"))):
        text = f"Headline {n}\n\nChina-Russia trade rose to a record $190.27 billion last year, customs said.\n"
        doc, _ = clean(RawDocument(source=name, path=name, text=text, format="text"), {"published": published})
        span = sentence(doc.text, "rose to a record")
        fig = Figure(what="China-Russia trade", value=190.27e9, unit="USD", countries=["CHN", "RUS"], flow="total",
                     period=Period.year(2022), text=doc.text[slice(*span)], span=span, measure="trade")
        store.add_document(doc, figures=[fig], countries=["CHN", "RUS"])
        ids.append((doc.id, fig.id))
    store.set_origins("figure", {ids[1][1]: ids[0][1]})
    store.close()
    page = TestClient(create_app(str(tmp_path / "copies.db"))).get("/dyad/CHN-RUS").text
    assert "2 documents · 0 events · 1 figures" in page
    rows = re.findall(r'<tr id="row-(f-[0-9a-f]+)"', page)
    assert rows == [ids[0][1]]
    assert re.search(rf'also reported in <a class="ev" href="/doc/{ids[1][0]}#item-{ids[1][1]}">Headline 1', page)


def test_an_event_dated_by_its_story_says_so(tmp_path):
    """An event whose sentence states no time carries the story's date; the table and the API tell
    a reader that date is the story's, not one the text states."""
    from bilat.web.app import create_app

    store = Store.open(str(tmp_path / "story.db"))
    text = "Talks\n\nXi Jinping held talks with Vladimir Putin.\n"
    doc, _ = clean(RawDocument(source="talks.txt", path="talks.txt", text=text, format="text"),
                   {"published": "2023-03-21"})
    span = sentence(doc.text, "held talks")
    ev = Event(type="CONSULT", mode="meeting", source=[Actor("Xi Jinping", "CHN", "person")],
               target=[Actor("Vladimir Putin", "RUS", "person")], date=Period.day(dt.date(2023, 3, 21)),
               status="occurred", text=doc.text[slice(*span)], span=span, extra={"date_from": "published"})
    store.add_document(doc, events=[ev], countries=["CHN", "RUS"])
    store.close()
    client = TestClient(create_app(str(tmp_path / "story.db")))
    row = re.search(r'<tr id="row-e-[^"]*">\s*<td class="nowrap">(.*?)</td>', client.get("/dyad/CHN-RUS").text, re.S)
    assert row and re.search(r"story(&#39;|')s date", row.group(1))
    (item,) = client.get("/api/events").json()["items"]
    assert (item["date"]["start"], item["date_text"], item["date_from"]) == ("2023-03-21", None, "published")
