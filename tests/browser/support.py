"""Playwright helpers shared by the browser proofs: Debian chromium, viewports, failure screenshots, axe-core."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "tests" / "vendor" / "axe-4.14.1.min.js"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


TILE_HOST = "https://tiles.portal.test"  # tests.helpers.TEST_TILES


def stub_tile() -> bytes:
    """A plain 256 px map tile, served for every tile request (tests never fetch real tiles)."""
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (256, 256), (229, 227, 223)).save(buffer, "PNG")
    return buffer.getvalue()


def route_map_tiles(context: Any) -> list[str]:
    """Serve the test tile host from a stub and refuse OpenStreetMap's; returns the tile URLs requested."""
    requested: list[str] = []
    tile = stub_tile()

    def serve(route: Any) -> None:
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=tile)

    context.route(f"{TILE_HOST}/**", serve)
    context.route("https://*.openstreetmap.org/**", lambda route: route.abort())
    return requested


def launch(playwright: Any) -> Any:
    """Debian chromium, headless, with the project's arguments (the one place they are written)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def watch_problems(page: Any) -> list[str]:
    """Collects console errors (e.g. CSP violations) and failed subresources of `page` as they happen;
    error pages themselves (documents) are expected in some journeys and not collected."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text)
            if m.type == "error" and "Failed to load resource" not in m.text else None)  # fmt: skip
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document" else None)  # fmt: skip
    return problems


@contextmanager
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = launch(playwright)
        try:
            yield instance
        finally:
            instance.close()


@contextmanager
def page_in(instance: Any, name: str, viewport: dict[str, int] = DESKTOP, **options: Any) -> Iterator[Any]:
    """A fresh context and page; on failure a full-page screenshot is kept in test-artifacts/."""
    context = instance.new_context(viewport=viewport, locale="id-ID", **options)
    context.set_default_timeout(15000)
    page = context.new_page()
    page.tile_requests = route_map_tiles(context)  # type: ignore[attr-defined]
    try:
        yield page
    except BaseException:
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
        try:
            page.screenshot(path=str(shot), full_page=True)
            print(f"\nfailure screenshot: {shot} (at {page.url})")
        except Exception as exc:
            print(f"\nno screenshot ({exc})")
        raise
    finally:
        context.close()


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the current page (script from the npm package, injected as a file)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def same_site_links(page: Any, base_url: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    found = []
    for href in hrefs:
        url = urljoin(page.url, href)
        if urlparse(url).netloc == urlparse(base_url).netloc:
            found.append(url.split("#")[0])
    return found


def login(page: Any, base_url: str, account: dict[str, Any]) -> None:
    page.goto(f"{base_url}/masuk")
    page.fill("#username", account["username"])
    page.fill("#password", account["password"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/staf"))
