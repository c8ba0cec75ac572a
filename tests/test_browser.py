"""The dashboard in a real browser: headless Chromium (Debian's package) driven by Playwright.

A person opens the dyad page, clicks a figure and must land on its sentence, highlighted and
in view, with its record open beside it. Screenshots of each step are saved in the test's
temporary folder (printed at the end of the test; kept by pytest for the last runs).

Without /usr/bin/chromium the tests skip, except under CI (``CI`` or ``BILAT_CI`` set), where they fail:
``.ci/run`` installs chromium, so its absence there is a broken set-up, not a reason to pass.
"""
from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from test_web import build_seeded_store

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
HIGHLIGHT = "rgb(251, 146, 60)"  # --target in bilat.css: the colour of the selected item


def _require_chromium() -> None:
    if os.path.exists(CHROMIUM):
        return
    message = f"{CHROMIUM} is missing; install Debian's chromium package (apt-get install -y chromium)"
    if os.environ.get("CI") or os.environ.get("BILAT_CI"):
        pytest.fail(message + " — .ci/run must install it")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[dict]:
    """The dashboard on a free loopback port, over the hand-built seed store, in a thread."""
    _require_chromium()
    import uvicorn

    from bilat.store import Store
    from bilat.web import create_app

    db = str(tmp_path_factory.mktemp("browser") / "seeded.db")
    store = build_seeded_store(db)
    facts = {
        "trade": next(f for f in store.items("figure") if f["value"] == 190.271e9),
        "visit": next(e for e in store.items("event") if e.get("date_text") == "March 20-22"),
        "target": store.items("commitment")[0],
    }
    store.close()
    assert Store.open(db, create=False, readonly=True).count("figure") == 7
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="bilat-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the dashboard did not start")
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", **facts}
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(site) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, site):
    """A page that records every request and every script error or console error."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.problems, pg.requests = [], []
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    context.close()


def _only_local(pg, site) -> None:
    foreign = [u for u in pg.requests if not u.startswith(site["url"] + "/")]
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not pg.problems, pg.problems


def test_clicking_a_figure_opens_its_sentence_highlighted(page, site, tmp_path):
    from playwright.sync_api import expect

    trade = site["trade"]
    page.goto(site["url"] + "/dyad/CHN-RUS")
    page.wait_for_selector("#chart-figures-0 .main-svg")  # plotly.js (served locally) drew the trade chart
    page.wait_for_selector("#chart-events .main-svg")
    expect(page.locator("table.figures")).to_contain_text("$190.27bn")
    expect(page.locator("table.events")).to_contain_text("March 20-22")
    expect(page.locator("table.commitments")).to_contain_text("$200bn")
    page.screenshot(path=str(tmp_path / "1-dyad.png"), full_page=True)

    page.locator(f'table.figures a.ev.value[href$="#item-{trade["id"]}"]').click()
    page.wait_for_url(re.compile(rf"/doc/{trade['doc']}#item-{trade['id']}$"))
    mark = page.locator(f"#item-{trade['id']}")
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    expect(mark).to_have_class(re.compile(r"\bactive\b"))
    expect(mark).to_contain_text("reaching a record $190.271 billion")
    expect(page.locator(f'.val[data-of="{trade["id"]}"]')).to_have_class(re.compile(r"\bsel\b"))
    assert page.evaluate("document.querySelector(':target').id") == f"item-{trade['id']}"
    assert mark.evaluate("el => getComputedStyle(el).backgroundColor") == HIGHLIGHT
    expect(page.locator(f"#rec-{trade['id']}")).to_have_attribute("open", "")
    expect(page.locator(f"#rec-{trade['id']}")).to_contain_text("190271000000.0")
    page.screenshot(path=str(tmp_path / "2-figure-evidence.png"))
    _only_local(page, site)
    print(f"screenshots in {tmp_path}")


def test_clicking_a_highlight_in_the_text_shows_its_record(page, site, tmp_path):
    from playwright.sync_api import expect

    visit, trade = site["visit"], site["trade"]
    page.goto(f"{site['url']}/doc/{visit['doc']}")
    page.locator(f"#item-{visit['id']}").click()
    page.wait_for_url(re.compile(rf"#item-{visit['id']}$"))
    expect(page.locator(f"#rec-{visit['id']}")).to_have_attribute("open", "")
    expect(page.locator(f"#rec-{visit['id']}")).to_contain_text("March 20-22")
    expect(page.locator(f"#rec-{trade['id']}")).not_to_have_attribute("open", "")
    # the three figures of the trade sentence are nested marks: the panel lists every item there
    page.locator(f"#item-{trade['id']} .val").first.click()
    expect(page.locator("#here")).to_be_visible()
    assert page.locator("#here a").count() >= 2
    page.screenshot(path=str(tmp_path / "3-record-panel.png"))
    _only_local(page, site)


def test_a_point_on_the_trade_chart_opens_its_evidence(page, site, tmp_path):
    from playwright.sync_api import expect

    target = site["target"]
    page.goto(site["url"] + "/dyad/CHN-RUS")
    chart = page.locator("#chart-figures-0")
    chart.locator(".main-svg").first.wait_for()
    star = chart.locator(".scatterlayer .trace").last.locator(".point").first  # the target's star
    box = star.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(chart.locator(".hoverlayer")).to_contain_text("target $200bn by 2023: open")
    page.screenshot(path=str(tmp_path / "4-chart-hover.png"))
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(rf"/doc/{target['doc']}#item-{target['id']}$"))
    expect(page.locator(f"#item-{target['id']}")).to_have_class(re.compile(r"\bactive\b"))
    _only_local(page, site)
