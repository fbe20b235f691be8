"""An evaluator pulls a unit's complaint metrics into an assessment in a real browser (htmx, CSP on)."""

from __future__ import annotations

import asyncio

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.support import launch, watch_problems

UNIT = "dpupr"


def complaints_in_2026(slug: str) -> tuple[int, int]:
    async def count() -> tuple[int, int]:
        from complaints.tables import Complaint
        from evaluation_link.period import Period
        from portal.tables import Unit

        unit = await Unit.select(Unit.id).where(Unit.slug == slug).first()
        period = Period(2026)
        total = await Complaint.count().where(
            (Complaint.unit == unit["id"])
            & (Complaint.created_at >= period.start_utc)
            & (Complaint.created_at < period.end_utc)
        )
        return unit["id"], total

    return asyncio.run(count())


@pytest.mark.browser
def test_evaluator_pulls_complaint_metrics_into_the_assessment(live_server) -> None:
    unit_id, expected = complaints_in_2026(UNIT)
    assert expected > 0, "the demo data gives this unit complaints"
    account = live_server.account("evaluator")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        problems = watch_problems(page)
        page.goto(f"{live_server.base_url}/masuk")
        page.locator("input[name=username]").fill(account["username"])
        page.locator("input[name=password]").fill(account["password"])
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url("**/staf")
        assert page.locator("a[href='/staf/evaluasi']").count() == 1

        page.goto(f"{live_server.base_url}/staf/evaluasi/{UNIT}/2026")
        assert page.locator("#indikator-28").count() == 0
        page.get_by_role("button", name="Tarik data portal").click()
        card = page.locator("#indikator-28")
        card.wait_for()
        assert page.url.endswith(f"/staf/evaluasi/{UNIT}/2026")  # swapped in place by htmx, no reload
        received = card.locator("dt", has_text="Pengaduan diterima").locator("xpath=following-sibling::dd[1]")
        assert received.inner_text() == str(expected)
        assert card.locator(f"a[href='/staf/pengaduan?unit_id={unit_id}']").count() == 1
        suggested = card.locator(".suggested-score").inner_text()
        assert suggested in {"0", "1", "2"}  # demo complaints are not in SP4N-LAPOR!, so at most 2

        # The evaluator overrides the suggestion: a reason is required, then the score is kept.
        other = "4"
        card.locator("select[name=evaluator_score]").select_option(other)
        card.get_by_role("button", name="Simpan skor").click()
        page.locator("#indikator-28 .field-error").wait_for()
        page.locator("#indikator-28 textarea[name=override_reason]").fill("Diverifikasi di SP4N-LAPOR!")
        page.locator("#indikator-28").get_by_role("button", name="Simpan skor").click()
        page.locator("#indikator-28 .alert-ok").wait_for()
        assert page.locator("#indikator-28 .evaluator-score").inner_text() == other
        page.reload()
        assert page.locator("#indikator-28 .evaluator-score").inner_text() == other
        assert problems == []
        browser.close()
