"""Take the README's screenshots of the dashboard, on the graph ``make demo`` builds.

Run from the repository root (needs Debian's chromium and fonts-noto-cjk)::

    .venv/bin/python tests/dashboard/readme_screenshots.py [OUT_FOLDER]

It ingests ``data/`` into a temporary store, serves the dashboard on a free loopback port,
and saves ``explore.png``, ``event.png`` and ``coattendance.png`` in ``docs/screenshots/``
(or OUT_FOLDER).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.dashboard.conftest import CHROMIUM, CHROMIUM_FLAGS, start_server  # noqa: E402

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
VIEWPORT = {"width": 1400, "height": 900}


def _settle(page: Page, pause_ms: int = 800) -> None:
    page.wait_for_selector(IDLE, timeout=30_000)
    page.wait_for_timeout(pause_ms)


def _hops(page: Page, hops: str) -> None:
    page.locator("[class*='st-key-hops'] button").filter(has_text=re.compile(f"^{hops}$")).click()


def _explore(page: Page, out: Path) -> None:
    search = page.get_by_role("combobox", name=re.compile("搜索"))
    search.click()
    search.fill("曹立强")
    page.get_by_role("option", name=re.compile(r"^曹立强 · ")).click()
    page.get_by_role("heading", name="曹立强").wait_for(timeout=30_000)
    _hops(page, "2")
    _settle(page, 1500)
    page.screenshot(path=out / "explore.png")


def _event(page: Page, out: Path) -> None:
    _hops(page, "1")
    _settle(page)
    page.get_by_role("button", name=re.compile("徐汇区委社会工作会议")).click()
    page.get_by_text("出席人员(6)").wait_for(timeout=30_000)
    _settle(page)
    page.get_by_role("heading", name="徐汇区委社会工作会议").evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    page.screenshot(path=out / "event.png")


def _coattendance(page: Page, out: Path) -> None:
    page.get_by_role("link", name="共同出席").click()
    page.get_by_role("heading", name="共同出席网络").wait_for(timeout=30_000)
    _settle(page, 1500)
    page.screenshot(path=out / "coattendance.png")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dkg-screenshots-") as folder:
        store = Path(folder) / "store"
        subprocess.run([sys.executable, "-m", "dkg", "ingest", str(REPO / "data"), "--store", str(store)],
                       cwd=REPO, check=True)
        server = start_server(store, Path(folder) / "streamlit.log")
        try:
            with sync_playwright() as playwright:
                context = playwright.chromium.launch_persistent_context(
                    str(Path(folder) / "profile"), executable_path=str(CHROMIUM), headless=True,
                    args=CHROMIUM_FLAGS, viewport=VIEWPORT, locale="zh-CN")
                page = context.new_page()
                page.goto(server.url)
                _settle(page)
                _explore(page, out)
                _event(page, out)
                _coattendance(page, out)
                context.close()
        finally:
            server.stop()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots")
