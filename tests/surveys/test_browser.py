"""A citizen fills the survey on a phone; the results page shows its charts (CSP intact)."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.support import launch, watch_problems

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.mark.browser
def test_citizen_fills_the_survey_with_a_receipt_code_on_a_phone(live_server) -> None:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(**PHONE).new_page()
        errors = watch_problems(page)
        page.goto(f"{live_server.base_url}/survei")
        page.get_by_label("Kode survei pada bukti layanan").fill("demo-0005")
        page.get_by_role("button", name="Isi survei").click()
        page.wait_for_url("**/survei/isi/DEMO0005")  # the form page loaded, not only its URL committed
        assert page.locator("fieldset.question").count() == 9
        # Nothing overflows the phone screen horizontally.
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.get_by_role("button", name="Kirim jawaban").click()
        assert page.locator(".alert-error").is_visible()  # browser validation is off; the server explains
        for index in range(1, 10):
            page.locator(f"label[for='u{index}-{3 if index != 4 else 4}']").click()
        page.get_by_label("Usia").select_option("30-39")
        page.get_by_label("Saran untuk perbaikan pelayanan").fill("Tambah kursi di ruang tunggu")
        page.get_by_role("button", name="Kirim jawaban").click()
        page.wait_for_url("**/survei/terima-kasih**")
        assert "Terima kasih" in page.locator("h1").inner_text()
        page.goto(f"{live_server.base_url}/survei/isi/DEMO0005")
        assert "sudah dipakai" in page.locator(".alert").inner_text()
        assert errors == []
        browser.close()


@pytest.mark.browser
def test_results_page_renders_pygal_charts_under_the_csp(live_server) -> None:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(**PHONE).new_page()
        violations = watch_problems(page)
        page.goto(f"{live_server.base_url}/survei/hasil/disdukcapil")
        charts = page.locator("img.chart")
        assert charts.count() == 2
        page.wait_for_load_state("networkidle")
        widths = [charts.nth(i).evaluate("img => img.naturalWidth") for i in range(2)]
        assert all(w > 0 for w in widths)  # the SVG images loaded and decoded
        assert page.locator(".unsur-table tbody tr").count() == 9
        assert page.locator(".unsur-table tr.lowest").count() == 3
        assert violations == []
        page.goto(f"{live_server.base_url}/survei/hasil/kecamatan-sukamaju")
        assert "Belum memadai" in page.locator(".sample-adequacy").inner_text()
        browser.close()


AXE = __import__("pathlib").Path(__file__).resolve().parent.parent / "vendor" / "axe-4.14.1.min.js"


@pytest.mark.browser
def test_survey_form_and_results_have_no_serious_accessibility_violations(live_server) -> None:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        # axe is injected as an inline script, which the portal's CSP rightly forbids: bypass for the audit only.
        page = browser.new_context(**PHONE, bypass_csp=True).new_page()
        for path in ("/survei", "/survei/isi/DEMO0006", "/survei/hasil/dpmptsp"):
            page.goto(f"{live_server.base_url}{path}")
            page.add_script_tag(path=str(AXE))
            found = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ': ' + v.help)"
            )
            assert found == [], (path, found)
        browser.close()
