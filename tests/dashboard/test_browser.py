"""The dashboard in a real browser: Debian's Chromium, driven by Playwright, on ``streamlit run``
over the store ``dkg ingest data/`` builds (the graph ``make demo`` shows).

One walk through the app as an analyst makes it: search a person, see his events, open
one, read its participants in protocol order, click a node of the network, download the
view as GraphML, look at the co-attendance network. Every request the browser makes is
recorded; none may leave the loopback interface. Screenshots go to
``tests/artifacts/screenshots/`` (kept by CI).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import networkx as nx
import pytest
from playwright.sync_api import Page

from dashboard.access import default_relations
from dashboard.network import canvas_position, network_option
from graph import queries
from graph.stores import Store, open_store
from tests.dashboard.conftest import Browser, Server

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
WAIT_MS = 30_000
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension"}


@pytest.fixture(scope="module")
def expected(ingested_store_path: Path) -> Iterator[Store]:
    """The store the server serves, opened read-only beside it, to compute what the page should show."""
    store = open_store("oxigraph", ingested_store_path, read_only=True)
    yield store
    store.close()


def settle(page: Page) -> None:
    """Wait until the app has finished its run."""
    page.wait_for_selector(IDLE, timeout=WAIT_MS)


def node_names(page: Page, key_prefix: str) -> list[str]:
    """The captions of the node buttons whose widget key starts with ``key_prefix``, in page order."""
    rows = page.locator(f"[class*='st-key-{key_prefix}']")
    return [rows.nth(i).locator("p").first.inner_text().strip() for i in range(rows.count())]


def leaves_loopback(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme not in LOCAL_SCHEMES and parsed.hostname not in ("127.0.0.1", "localhost")


@pytest.mark.timeout(180)
def test_browser_walk_through_search_person_event_network_export(
        dashboard_server: Server, browser: Browser, screenshots: Path, expected: Store, tmp_path: Path) -> None:
    page = browser.context.new_page()
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(dashboard_server.url)
    settle(page)
    page.get_by_text("最近的活动").wait_for(timeout=WAIT_MS)

    search = page.get_by_role("combobox", name=re.compile("搜索"))
    search.click()
    search.fill("曹立强")
    page.get_by_role("option", name=re.compile(r"^曹立强 · ")).click()
    page.get_by_role("heading", name="曹立强").wait_for(timeout=WAIT_MS)
    settle(page)
    cao = queries.lookup(expected, "曹立强", types="Person")[0]["id"]
    his_events = [e["event"] for e in queries.events(expected, cao)]
    assert len(his_events) == 3
    assert node_names(page, "person-event-") == his_events
    page.wait_for_timeout(500)  # let the chart draw before the picture
    page.screenshot(path=screenshots / "01-person-network.png")
    page.get_by_text(re.compile(r"^出席活动")).scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "02-person-details.png")

    page.get_by_role("button", name=re.compile("徐汇区委社会工作会议")).click()
    page.get_by_text("出席人员(6)").wait_for(timeout=WAIT_MS)
    settle(page)
    meeting = queries.lookup(expected, "徐汇区委社会工作会议", types="Event")[0]["id"]
    in_order = [r["name"] for r in sorted(queries.attendees(expected, meeting), key=lambda r: r["order"])]
    assert node_names(page, "event-person-") == in_order == ["曹立强", "沈权", "胡芳", "赵懿", "习挺松", "罗华品"]
    assert page.locator(".dkg-article mark").count() >= 6
    page.wait_for_timeout(500)
    page.screenshot(path=screenshots / "03-event-network.png")
    page.get_by_text("出席人员(6)").scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "04-event-details.png")

    with page.expect_download(timeout=WAIT_MS) as download:
        page.get_by_role("button", name="GraphML").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    exported = nx.read_graphml(saved)
    assert meeting in exported
    assert {r["person_id"] for r in queries.attendees(expected, meeting)} <= set(exported.nodes)

    _click_node(page, expected, meeting, "沈权")
    page.get_by_role("heading", name="沈权").wait_for(timeout=WAIT_MS)
    settle(page)
    assert "id=person-" in page.url
    page.screenshot(path=screenshots / "05-clicked-node.png")

    page.get_by_role("link", name="共同出席").click()
    page.get_by_role("heading", name="共同出席网络").wait_for(timeout=WAIT_MS)
    settle(page)
    page.wait_for_timeout(500)
    page.screenshot(path=screenshots / "06-coattendance.png")

    outside = sorted({url for url in browser.requests if leaves_loopback(url)})
    assert not outside, f"the dashboard asked for resources outside loopback: {outside}"
    page.close()


def _click_node(page: Page, store: Store, focus: str, name: str) -> None:
    """Click the node called ``name`` on the canvas, where the seeded layout puts it."""
    view = queries.expand(store, [focus], hops=1, relations=default_relations(), limit=150)
    option = network_option(view.nodes(), view.edges(), focus)
    node = next(n for n in option["series"][0]["data"] if n["name"] == name)
    page.locator(".echarts-container").first.scroll_into_view_if_needed()
    box = page.locator(".echarts-container").first.bounding_box()
    x, y = canvas_position(node["x"], node["y"], box["width"], box["height"])
    page.mouse.click(box["x"] + x, box["y"] + y)
