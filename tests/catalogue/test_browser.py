"""End to end in headless Chromium: search with htmx live results, open a service, read its fee."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.support import launch


@pytest.mark.browser
def test_citizen_searches_opens_a_service_and_reads_its_fee(live_server) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(f"{live_server.base_url}/")
            page.get_by_label("Cari layanan atau unit").fill("uji kir")
            # htmx replaces the results below the box without leaving the home page.
            result = page.locator("#search-results a", has_text="Pengujian berkala kendaraan bermotor")
            expect(result).to_be_visible(timeout=10_000)
            assert page.url.rstrip("/") == live_server.base_url
            result.click()
            page.wait_for_url("**/layanan/dishub/uji-kir")
            expect(page.get_by_test_id("fee")).to_have_text("Rp 75.000")
            expect(page.locator("ul.checklist li").first).to_be_visible()
            # The history keeps the old fee.
            page.get_by_role("link", name="Riwayat perubahan").click()
            expect(page.locator("tbody tr")).to_have_count(2)
            expect(page.locator("tbody tr").last).to_contain_text("Rp 60.000")
            # A free service says so, in English too.
            page.goto(f"{live_server.base_url}/layanan/disdukcapil/akta-kelahiran?lang=en")
            expect(page.get_by_test_id("fee")).to_have_text("Free")
            assert not [e for e in errors if "Content Security Policy" in e], errors
        finally:
            browser.close()


@pytest.mark.browser
def test_search_works_without_javascript(live_server) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context(java_script_enabled=False).new_page()
            page.goto(f"{live_server.base_url}/")
            page.get_by_label("Cari layanan atau unit").fill("akte kelahiran")
            page.get_by_role("button", name="Cari", exact=True).click()
            page.wait_for_url("**/cari?q=akte+kelahiran")
            expect(page.locator("#search-results a").first).to_have_text("Penerbitan akta kelahiran")
        finally:
            browser.close()


AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-4.14.1.min.js"


@pytest.mark.browser
def test_catalogue_pages_have_no_serious_accessibility_violations(live_server) -> None:
    from playwright.sync_api import sync_playwright

    pages = [
        "/",
        "/cari?q=akta",
        "/unit/disdukcapil",
        "/layanan/disdukcapil/akta-kelahiran",
        "/layanan/dishub/uji-kir/riwayat",
        "/layanan/dishub/uji-kir/cetak",
    ]
    with sync_playwright() as p:
        browser = launch(p)
        try:
            # axe is injected as an inline script, which the portal's CSP (rightly) forbids.
            page = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844}).new_page()
            problems = {}
            for path in pages:
                page.goto(f"{live_server.base_url}{path}")
                page.add_script_tag(path=str(AXE))
                result = page.evaluate(
                    "async () => (await axe.run(document)).violations"
                    ".filter(v => ['serious', 'critical'].includes(v.impact))"
                    ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
                )
                if result:
                    problems[path] = result
            assert problems == {}
        finally:
            browser.close()
