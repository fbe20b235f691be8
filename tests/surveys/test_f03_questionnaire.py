"""PEKPPP F-03 (users' perception) served by the survey machinery: a questionnaire kind, not a fork."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from surveys import f03, queries
from surveys.pekppp import pekppp_inputs
from surveys.responses import ParsedResponse
from surveys.services import periods as period_service
from surveys.services import quarantines
from surveys.services.responses import record_response
from surveys.tables import SurveyExtraAnswer, SurveyPeriod, SurveyResponse, SurveyToken
from tests.helpers import html, login, make_unit, make_user, post_form
from tests.surveys.factories import add_responses, make_period
from tests.surveys.web.test_public import filled_ballot


def f03_form(value: int | list[int] = 4, **extra: str) -> dict[str, str]:
    items = f03.load_questionnaire().items
    values = value if isinstance(value, list) else [value] * len(items)
    return {item.code: str(v) for item, v in zip(items, values, strict=True)} | extra


async def add_f03_answers(period: dict, rows: list[list[int] | int], channel: str = "paper") -> None:
    unsur = await queries.extra_unsur(period["id"])
    for row in rows:
        values = row if isinstance(row, list) else [row] * len(unsur)
        parsed = ParsedResponse(extra={u["id"]: v for u, v in zip(unsur, values, strict=True)})
        await record_response(period, parsed, channel=channel)


def test_questionnaire_file_loads_and_labels_what_is_unconfirmed() -> None:
    questionnaire = f03.load_questionnaire()
    assert len(questionnaire.items) == 14
    statuses = {item.ref: item.status for item in questionnaire.items}
    assert statuses.pop("15.e.K") == "confirmed-secondary"  # the only item domain-rules.md confirms
    assert set(statuses.values()) == {"unconfirmed"}
    assert questionnaire.scale_status == questionnaire.index_status == "unconfirmed"
    assert questionnaire.min_sample == 10 and questionnaire.max_sample == 20
    broken = json.loads(f03.QUESTIONNAIRE_FILE.read_text(encoding="utf-8"))
    broken["scale"]["labels"]["id"] = broken["scale"]["labels"]["id"][:4]
    with pytest.raises(f03.QuestionnaireError):
        f03.parse_questionnaire(broken)


def test_index_is_the_mean_of_item_means_scaled_to_five() -> None:
    questionnaire = f03.load_questionnaire()
    # two items: means 4 and 3.5 -> 3.75 on a 1–5 scale -> 3.75 of 5; 4.125 rounds half up to 4.13
    assert f03.index_from_sums({"f1": (2, 8), "f2": (2, 7)}, questionnaire) == Decimal("3.75")
    assert f03.index_from_sums({"f1": (8, 33)}, questionnaire) == Decimal("4.13")
    assert f03.index_from_sums({}, questionnaire) is None


async def test_unit_admin_opens_an_f03_period_and_a_citizen_answers_once_per_code(client) -> None:
    unit_id = await make_unit("dpmptsp", "DPMPTSP")
    await make_user("admin.dpm", "unit_admin", unit_id)
    await login(client, "admin.dpm")
    created = await post_form(
        client,
        "/staf/survei/baru",
        {
            "kind": "f03",
            "period_type": "year",
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "population_source": "entered",
            "population": "200",
        },
    )
    assert created.status_code == 303
    period = (await SurveyPeriod.select().where(SurveyPeriod.unit == unit_id))[0]
    assert period["kind"] == "f03" and period["label"] == "F-03 PEKPPP Tahun 2026"
    listing = html(await client.get("/staf/survei"))
    assert "F-03" in listing.get_text() and "0 / 10" in listing.get_text()
    refused = await post_form(
        client, f"/staf/survei/{period['id']}/unsur", {"unsur_name": "Parkir", "unsur_question": "Bagaimana parkir?"}
    )
    assert refused.status_code == 422 and "berkas definisinya" in refused.text
    assert len(await queries.extra_unsur(period["id"])) == 14

    [code] = await period_service.issue_tokens(period["id"], 1)
    page = html(await client.get(f"/survei/isi/{code}"))
    assert "Kuesioner F-03" in page.find("h1").get_text()
    assert len(page.select("fieldset.question")) == 14
    assert page.select_one("#q-u1") is None  # the SKM's nine unsur are not asked
    assert len(page.select("#q-f14 input[type=radio]")) == 5
    assert "Tersedia konsultasi dan pengaduan" in page.select_one("#q-f14").get_text()

    out_of_scale = await post_form(client, f"/survei/isi/{code}", f03_form(4) | {"f3": "6"})
    assert out_of_scale.status_code == 422 and html(out_of_scale).select_one("#f3-error")
    assert await SurveyResponse.count() == 0

    first = await post_form(client, f"/survei/isi/{code}", f03_form([5, 4, 4, 3, 5, 5, 4, 2, 3, 3, 4, 5, 4, 5]))
    assert first.status_code == 303
    again = await post_form(client, f"/survei/isi/{code}", f03_form(1))
    assert again.status_code == 409 and "sudah dipakai" in again.text
    assert await SurveyResponse.count() == 1 and await SurveyExtraAnswer.count() == 14

    detail = html(await client.get(f"/staf/survei/{period['id']}"))
    assert detail.select_one("#f03-score").get_text() == "4.00"  # 56 / 14
    assert "Sampel terlalu kecil: 1 responden, minimal 10." in detail.get_text()
    assert detail.select_one("#kuesioner") is None and detail.select_one("#rtl") is None
    assert (await client.get(f"/staf/survei/{period['id']}/laporan/xlsx")).status_code == 404


async def test_open_mode_f03_takes_one_response_per_ballot_beside_the_skm(client) -> None:
    unit_id = await make_unit("rsud", "RSUD")
    skm = await make_period(unit_id, open_access=True)
    period = await make_period(unit_id, open_access=True, kind="f03")

    skm_page = html(await client.get("/survei/rsud"))
    assert len(skm_page.select("fieldset.question")) == 9
    page = html(await client.get("/survei/rsud?jenis=f03"))
    assert page.select_one("form")["action"] == "/survei/rsud?jenis=f03"
    assert len(page.select("fieldset.question")) == 14

    ballot = filled_ballot(period["id"])
    first = await post_form(client, "/survei/rsud?jenis=f03", f03_form(4, ballot=ballot))
    assert first.status_code == 303
    client.cookies.set("skm_perangkat", "another-device", path="/survei")
    reused = await post_form(client, "/survei/rsud?jenis=f03", f03_form(2, ballot=ballot))
    assert reused.status_code == 409
    wrong_period = await post_form(client, "/survei/rsud?jenis=f03", f03_form(2, ballot=filled_ballot(skm["id"])))
    assert wrong_period.status_code == 409
    rows = await SurveyResponse.select(SurveyResponse.period, SurveyResponse.u1)
    assert rows == [{"period": period["id"], "u1": 0}]

    english = html(await client.get("/survei/rsud?jenis=f03&lang=en"))
    assert english.find("h1").get_text(strip=True) == "F-03 questionnaire: service users' perception"
    assert "Strongly agree" in english.select_one("#q-f14").get_text()
    assert "consultation and complaint channels" in english.select_one("#q-f14").get_text()


async def test_f03_answers_stay_out_of_the_skm_and_held_answers_do_not_count(db) -> None:
    unit_id = await make_unit()
    skm = await make_period(unit_id)
    await add_responses(skm, [[4] * 9, [3] * 9])
    period = await make_period(unit_id, kind="f03")
    await add_f03_answers(period, [5] * 11)
    await add_f03_answers(period, [1], channel="web")

    inputs = await pekppp_inputs(unit_id, 2026)
    assert inputs["responses"] == 2 and inputs["ikm"] == Decimal("87.50")  # the SKM alone

    result = await f03.f03_result(unit_id, 2026)
    assert (result.respondents, result.too_small) == (12, False)
    assert result.score == Decimal("4.67")  # (11 × 5 + 1) / 12 per item
    now = datetime.now(UTC)
    admin = type("U", (), {"id": None, "full_name": "Admin", "username": "a", "role": "system_admin"})()
    held = await quarantines.quarantine_batch(
        period,
        channel="web",
        start=now - timedelta(hours=1),
        end=now,
        reason="Jawaban mencurigakan sekaligus",
        actor=admin,
    )
    assert held == 1
    after = await f03.f03_result(unit_id, 2026)
    assert (after.respondents, after.score, after.too_small) == (11, Decimal("5.00"), False)
    assert (await f03.f03_result(unit_id, 2025)).score is None


async def test_closed_complaint_invitation_goes_to_the_skm_not_the_f03(db) -> None:
    from complaints.tables import Complaint

    unit_id = await make_unit()
    await make_period(unit_id, kind="f03")
    now = datetime.now(UTC)
    rows = await Complaint.insert(
        Complaint(
            tracking_code="UJI-F03",
            unit=unit_id,
            title="t",
            description="d",
            status="closed",
            created_at=now,
            updated_at=now,
        )
    ).returning(Complaint.id)
    assert await period_service.invitation_for_closed_complaint(rows[0]["id"]) is None
    skm = await make_period(unit_id, start=date.today() - timedelta(days=1), end=date.today() + timedelta(days=30))
    url = await period_service.invitation_for_closed_complaint(rows[0]["id"])
    token = await SurveyToken.select().where(SurveyToken.complaint_id == rows[0]["id"]).first()
    assert url.endswith(token["code"]) and token["period"] == skm["id"]
