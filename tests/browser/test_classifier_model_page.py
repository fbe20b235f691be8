"""The system administrator finds the classifier page from the staff home and reads it on a phone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser.support import DESKTOP, PHONE, browser, login, page_in, run_axe
from tests.browser.test_journeys import in_thread


@pytest.mark.browser
def test_system_admin_reads_the_current_model_and_a_rollback_in_its_history(live_server) -> None:
    from complaints.model_versions import record_rollback

    model_dir = Path(live_server.env["PORTAL_MODEL_DIR"])
    current = json.loads((model_dir / "metadata.json").read_text(encoding="utf-8"))["model_version"]
    in_thread(lambda: record_rollback(current, "topic-20260101-deadbeef"))
    base = live_server.base_url
    admin = live_server.account("system_admin")
    with browser() as instance:
        for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
            with page_in(instance, f"classifier-model-{name}", viewport, bypass_csp=True) as page:
                login(page, base, admin)
                page.goto(f"{base}/staf")
                page.get_by_role("link", name="Model klasifikasi topik").click()
                page.wait_for_url(re.compile(r"/staf/sistem/model-klasifikasi$"))
                assert page.get_by_test_id("model-version").inner_text() == current
                history = page.locator("#model-history").locator("xpath=..").locator("tbody tr").first
                assert "Dikembalikan" in history.inner_text() and current in history.inner_text()
                assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
                serious = [v["id"] for v in run_axe(page) if v["impact"] in ("serious", "critical")]
                assert serious == []
