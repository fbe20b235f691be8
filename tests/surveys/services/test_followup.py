"""RTL (follow-up) dates an evaluator can trust (issue 21 item 3): no back-dated, future or unproven
completions, and no report date moved after the follow-up started."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from surveys import followup, queries
from surveys.errors import SurveyError
from surveys.pekppp import pekppp_inputs
from surveys.services import periods as period_service
from surveys.tables import FollowUpAction
from tests.helpers import html, login, make_unit, make_user, post_form
from tests.surveys.factories import make_period
from tests.surveys.web.test_staff import post_rtl

FIELDS = {"unsur_code": "u4", "action": "Tambah kursi ruang tunggu", "owner": "Kasubag Umum", "due_date": "2026-03-31"}


async def _unit_with_reported_period() -> tuple[int, dict]:
    unit_id = await make_unit("dinkes", "Dinas Kesehatan")
    await make_user("admin.dinkes", "unit_admin", unit_id)
    period = await make_period(unit_id, start=date(2026, 1, 1), end=date(2026, 6, 30))
    await period_service.update_period(period["id"], report_date=date(2026, 7, 10))
    return unit_id, await queries.get_period(period["id"])


def test_local_today_is_the_jakarta_date() -> None:
    assert followup.local_today(datetime(2026, 3, 1, 16, 59, tzinfo=UTC)) == date(2026, 3, 1)
    assert followup.local_today(datetime(2026, 3, 1, 17, 0, tzinfo=UTC)) == date(2026, 3, 2)  # 00:00 WIB


async def test_back_dated_completion_is_refused_and_figures_do_not_move(client) -> None:
    unit_id, period = await _unit_with_reported_period()
    before = await pekppp_inputs(unit_id, 2026)
    await login(client, "admin.dinkes")
    response = await post_rtl(client, f"/staf/survei/{period['id']}/rtl", {**FIELDS, "completed_on": "1999-01-01"})
    assert response.status_code == 422
    assert "1999" not in html(response).select_one("#completed_on-error").text
    assert "2026-01-01" in html(response).select_one("#completed_on-error").text
    assert await FollowUpAction.count() == 0
    after = await pekppp_inputs(unit_id, 2026)
    assert (after["rtl_done"], after["months_to_complete_all"]) == (before["rtl_done"], None)


@pytest.mark.parametrize(
    ("completed", "message"),
    [
        (date(2026, 7, 9), "tanggal laporan SKM"),  # before the report (and after the period start)
        (date(2026, 8, 2), "sebelum RTL ini dicatat"),  # before the item was recorded
        (date(2026, 8, 11), "masa depan"),  # tomorrow in Jakarta
    ],
)
async def test_completion_dates_must_be_possible(db, completed, message) -> None:
    _unit_id, period = await _unit_with_reported_period()
    before = {"created_at": datetime(2026, 8, 5, 1, 0, tzinfo=UTC), "evidence_file": "abc.png"}
    with pytest.raises(SurveyError) as refused:
        followup.check_action_dates(period, {"completed_on": completed}, before, today=date(2026, 8, 10))
    assert message in refused.value.message and refused.value.field == "completed_on"
    followup.check_action_dates(period, {"completed_on": date(2026, 8, 10)}, before, today=date(2026, 8, 10))


async def test_completion_needs_a_report_date_and_an_uploaded_proof(db) -> None:
    _unit_id, period = await _unit_with_reported_period()
    today = date(2026, 8, 10)
    with pytest.raises(SurveyError) as refused:
        followup.check_action_dates(
            period, {"completed_on": today, "evidence_url": "https://x.id/foto"}, None, today=today
        )
    assert refused.value.field == "evidence_file"
    with pytest.raises(SurveyError) as refused:
        followup.check_action_dates({**period, "report_date": None}, {"completed_on": today,
                                    "evidence_file": "a.png"}, None, today=today)  # fmt: skip
    assert "tanggal laporan" in refused.value.message
    with pytest.raises(SurveyError) as refused:
        followup.check_action_dates(period, {"due_date": date(2025, 12, 31)}, None, today=today)
    assert refused.value.field == "due_date"


async def test_completion_today_with_proof_is_accepted_over_http(client) -> None:
    unit_id, period = await _unit_with_reported_period()
    await login(client, "admin.dinkes")
    url = f"/staf/survei/{period['id']}/rtl"
    today = followup.local_today().isoformat()
    without = await post_form(client, url, {**FIELDS, "completed_on": today})
    assert without.status_code == 422 and html(without).select_one("#evidence_file-error")
    assert (await post_rtl(client, url, {**FIELDS, "completed_on": today})).status_code == 303
    inputs = await pekppp_inputs(unit_id, 2026)
    assert (inputs["rtl_total"], inputs["rtl_done"]) == (1, 1)


async def test_report_date_cannot_be_in_the_future_or_after_the_follow_up_started(client) -> None:
    _unit_id, period = await _unit_with_reported_period()
    await login(client, "admin.dinkes")
    base = f"/staf/survei/{period['id']}"
    tomorrow = (followup.local_today() + timedelta(days=1)).isoformat()
    future = await post_form(client, base + "/publikasi", {"published": "1", "report_date": tomorrow})
    assert future.status_code == 422 and html(future).select_one("#report_date-error")
    await post_form(client, base + "/rtl", FIELDS)
    await FollowUpAction.update({FollowUpAction.created_at: datetime(2026, 7, 20, 2, 0, tzinfo=UTC)}, force=True)
    # Moving the report next to the last completion would shorten 9.a's months: refused.
    later = await post_form(client, base + "/publikasi", {"published": "1", "report_date": "2026-07-25"})
    assert later.status_code == 422 and "2026-07-20" in html(later).select_one("#report_date-error").text
    assert (await queries.get_period(period["id"]))["report_date"] == date(2026, 7, 10)
    assert (await post_form(client, base + "/publikasi", {"published": "1", "report_date": "2026-07-15"})
            ).status_code == 303  # fmt: skip
