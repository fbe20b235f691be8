"""Bagian Organisasi opens the PEKPPP coordination view and downloads the meeting pack in a real browser,
on a desktop and a phone viewport (CSP on, no JavaScript needed)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.browser.support import DESKTOP, PHONE, browser, page_in, run_axe, watch_problems

YEAR = 2026


def log_in(page, live_server, role: str) -> None:
    account = live_server.account(role)
    page.goto(f"{live_server.base_url}/masuk")
    page.locator("input[name=username]").fill(account["username"])
    page.locator("input[name=password]").fill(account["password"])
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/staf")


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_evaluator_opens_the_coordination_view_and_downloads_the_meeting_pack(live_server, viewport, tmp_path):
    with browser() as instance, page_in(instance, f"coordination-{viewport['width']}", viewport,
                                        accept_downloads=True) as page:  # fmt: skip
        problems = watch_problems(page)
        log_in(page, live_server, "evaluator")
        page.goto(f"{live_server.base_url}/staf/evaluasi")
        page.get_by_role("link", name="Koordinasi PEKPPP pemerintah daerah").click()
        page.wait_for_url(f"**/staf/koordinasi-pekppp/{YEAR}")

        heat = page.locator("#heat-map")
        assert heat.locator("tbody tr").count() >= 3  # the demo's three assessed units
        first = heat.locator("tbody tr").first.locator("td").first
        assert first.inner_text().split()[0] in {"0", "1", "2", "3", "4", "5", "–"}  # the value, not only a colour
        assert page.locator("#summary-method").inner_text()
        assert "belum dikonfirmasi" in page.locator("#ringkasan").inner_text()
        # the page itself never scrolls sideways; the wide tables scroll inside their own region
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        if viewport is PHONE:
            assert heat.evaluate("t => t.parentElement.scrollWidth > t.parentElement.clientWidth")

        for link, check in (("#pack-pdf", "pdf"), ("#pack-xlsx", "xlsx")):
            with page.expect_download() as info:
                page.locator(link).click()
            target = Path(tmp_path) / info.value.suggested_filename
            info.value.save_as(target)
            data = target.read_bytes()
            if check == "pdf":
                assert len(PdfReader(io.BytesIO(data)).pages) >= 2
            else:
                assert load_workbook(io.BytesIO(data)).sheetnames == ["Forum", "Unit", "Peta indikator"]
        assert problems == []


@pytest.mark.browser
def test_coordination_view_has_no_axe_violations(live_server):
    with browser() as instance, page_in(instance, "coordination-axe", DESKTOP, bypass_csp=True) as page:
        log_in(page, live_server, "evaluator")
        page.goto(f"{live_server.base_url}/staf/koordinasi-pekppp/{YEAR}")
        violations = run_axe(page)
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


@pytest.mark.browser
def test_a_unit_admin_is_refused_the_coordination_view(live_server):
    with browser() as instance, page_in(instance, "coordination-unit-admin", PHONE) as page:
        log_in(page, live_server, "unit_admin")
        response = page.goto(f"{live_server.base_url}/staf/koordinasi-pekppp/{YEAR}")
        assert response.status == 403
        assert page.locator("#heat-map").count() == 0
