"""SKM ballot stuffing (issue 21 item 2): open mode needs a server-signed single-use ballot, bursts are
held, staff quarantine and release batches (audited), and every report states the responses per mode."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from portal.tables import AuditLog
from surveys import ballots, queries
from surveys.pekppp import pekppp_inputs
from surveys.results import period_result
from surveys.services import periods as period_service
from surveys.tables import SurveyResponse
from tests.helpers import html, login, make_unit, make_user, post_form
from tests.surveys.factories import add_responses, answer_form, make_period

GOOD = [[4, 3, 3, 4, 3, 3, 4, 3, 3]] * 20  # NRR sum 30/9 -> 3.333 -> 83.33 (B)


@pytest.fixture
def settings(settings):
    """Room for an attacker's 41 posts from one address (the rate limit is a separate defence)."""
    return settings.with_overrides(public_write_rate_limit="1000/minute")


async def _open_unit() -> tuple[int, dict]:
    unit_id = await make_unit("dinkes", "Dinas Kesehatan")
    period = await make_period(unit_id, open_access=True, population=None)
    await add_responses(period, GOOD, channel="web")
    await period_service.update_period(period["id"], published=True)
    return unit_id, await queries.get_period(period["id"])


def _served_a_minute_ago(period_id: int) -> str:
    return ballots.issue_ballot(period_id, at=datetime.now(UTC) - timedelta(minutes=1))


async def _konversi(period: dict) -> Decimal:
    return (await period_result(period)).konversi


async def test_stuffing_without_a_server_ballot_is_refused(client) -> None:
    _unit_id, period = await _open_unit()
    before = await _konversi(period)
    await client.get("/survei/dinkes")  # the device cookie the attacker keeps or clears at will
    for _ in range(5):
        client.cookies.delete("skm_perangkat")
        await client.get("/survei/dinkes")
        response = await post_form(client, "/survei/dinkes", answer_form(1))
        assert response.status_code == 409 and "tidak sah" in response.text
    forged = f"{period['id']}.{int(datetime.now(UTC).timestamp()) - 60}.abcdefabcdef.{'0' * 32}"
    assert (await post_form(client, "/survei/dinkes", answer_form(1, ballot=forged))).status_code == 409
    assert await SurveyResponse.count() == len(GOOD)
    assert await _konversi(period) == before


async def test_a_ballot_is_accepted_once_and_refused_on_reuse(client) -> None:
    _unit_id, period = await _open_unit()
    ballot = _served_a_minute_ago(period["id"])
    await client.get("/survei/dinkes")
    first = await post_form(client, "/survei/dinkes", answer_form(2, ballot=ballot))
    assert first.status_code == 303
    for _ in range(3):  # a new device cookie each time does not help
        client.cookies.delete("skm_perangkat")
        await client.get("/survei/dinkes")
        again = await post_form(client, "/survei/dinkes", answer_form(1, ballot=ballot))
        assert again.status_code == 409 and "sudah dipakai" in again.text
    assert await SurveyResponse.count() == len(GOOD) + 1


def test_expired_foreign_or_tampered_ballots_are_refused() -> None:
    ballot = ballots.issue_ballot(7)
    assert ballots.check_ballot(ballot, 7).nonce
    with pytest.raises(ballots.BallotRefused):
        ballots.check_ballot(ballot, 8)  # another period
    with pytest.raises(ballots.BallotRefused):
        ballots.check_ballot(ballot.replace(ballot.split(".")[2], "x" * 24), 7)  # another nonce
    old = ballots.issue_ballot(7, at=datetime.now(UTC) - timedelta(hours=7))
    with pytest.raises(ballots.BallotRefused):
        ballots.check_ballot(old, 7)  # older than PORTAL_SKM_BALLOT_HOURS (6)
    with pytest.raises(ballots.BallotRefused):
        ballots.check_ballot("", 7)


async def test_41_forged_responses_with_fresh_ballots_are_held_by_the_burst_rule(client) -> None:
    unit_id, period = await _open_unit()
    before = await _konversi(period)
    assert before == Decimal("83.33")
    for _ in range(41):  # a script that fetched a fresh form (and device) for every forged answer and waited
        client.cookies.delete("skm_perangkat")
        assert html(await client.get("/survei/dinkes")).select_one("input[name=ballot]")["value"]
        response = await post_form(client, "/survei/dinkes", answer_form(1, ballot=_served_a_minute_ago(period["id"])))
        assert response.status_code == 303  # accepted quietly, but held
    held = await SurveyResponse.select(SurveyResponse.quarantine).where(SurveyResponse.held.eq(True))
    assert len(held) == 41 and len({row["quarantine"] for row in held}) == 1  # one burst batch
    assert await _konversi(period) == before
    inputs = await pekppp_inputs(unit_id, 2026)
    assert inputs["ikm"] == 83.33 and inputs["responses"] == len(GOOD) and inputs["responses_held"] == 41
    assert await AuditLog.count().where(AuditLog.action == "skm_burst_held") == 1


async def test_an_answer_sent_faster_than_a_person_fills_the_form_is_held(client) -> None:
    _unit_id, period = await _open_unit()
    await client.get("/survei/dinkes")
    fresh = ballots.issue_ballot(period["id"])
    assert (await post_form(client, "/survei/dinkes", answer_form(1, ballot=fresh))).status_code == 303
    client.cookies.delete("skm_perangkat")
    await client.get("/survei/dinkes")
    calm = _served_a_minute_ago(period["id"])
    assert (await post_form(client, "/survei/dinkes", answer_form(4, ballot=calm))).status_code == 303
    held = (
        await SurveyResponse.select(SurveyResponse.u1, SurveyResponse.held)
        .where(SurveyResponse.channel == "open")
        .order_by(SurveyResponse.id)
    )
    assert [(r["u1"], r["held"]) for r in held] == [(1, True), (4, False)]


async def test_burst_limits_are_settings(client, monkeypatch: pytest.MonkeyPatch) -> None:
    from portal.settings import get_settings

    _unit_id, period = await _open_unit()
    monkeypatch.setenv("PORTAL_SKM_BURST_COUNT", "2")
    get_settings.cache_clear()
    try:
        for value in (4, 4, 4):
            client.cookies.delete("skm_perangkat")
            await client.get("/survei/dinkes")
            await post_form(client, "/survei/dinkes", answer_form(value, ballot=_served_a_minute_ago(period["id"])))
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert await SurveyResponse.count().where(SurveyResponse.held.eq(True)) == 3


async def test_staff_quarantine_a_batch_with_a_reason_and_release_it(client) -> None:
    unit_id, period = await _open_unit()
    await make_user("admin.dinkes", "unit_admin", unit_id)
    await make_user("petugas.dinkes", "unit_officer", unit_id)
    other = await make_unit("dishub", "Dinas Perhubungan")
    await make_user("admin.dishub", "unit_admin", other)
    await add_responses(period, [[1] * 9] * 5, channel="paper")
    assert await _konversi(period) < Decimal("83.33")
    now = datetime.now(UTC).astimezone(ballots_local_tz())
    window = {"channel": "paper", "start": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
              "end": (now + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")}  # fmt: skip
    url = f"/staf/survei/{period['id']}/karantina"

    for account in ("petugas.dinkes", "admin.dishub"):
        await login(client, account)
        assert (
            await post_form(client, url, {**window, "reason": "Entri kertas ganda dari loket 3."})
        ).status_code == 403
        client.cookies.clear()
    await login(client, "admin.dinkes")
    short = await post_form(client, url, {**window, "reason": "x"})
    assert short.status_code == 422 and html(short).select_one("#reason-error")
    held = await post_form(client, url, {**window, "reason": "Entri kertas ganda dari loket 3."})
    assert held.status_code == 303
    assert await _konversi(period) == Decimal("83.33")
    assert (await pekppp_inputs(unit_id, 2026))["responses_held"] == 5
    entry = await AuditLog.select().where(AuditLog.action == "skm_quarantine").first()
    assert entry is not None and "loket 3" in str(entry["after"])

    page = html(await client.get(f"/staf/survei/{period['id']}"))
    [row] = page.select("#karantina tr[data-quarantine]")
    assert "5" in row.text and "loket 3" in row.text
    quarantine_id = row["data-quarantine"]
    released = await post_form(client, f"{url}/{quarantine_id}/lepas", {"release_reason": "Ternyata bukan ganda."})
    assert released.status_code == 303
    assert await _konversi(period) < Decimal("83.33")
    assert await AuditLog.count().where(AuditLog.action == "skm_quarantine_released") == 1


def ballots_local_tz():
    from portal.formatting import LOCAL_TZ

    return LOCAL_TZ


async def test_every_report_states_the_responses_per_mode(client) -> None:
    import io

    from openpyxl import load_workbook

    unit_id, period = await _open_unit()
    await add_responses(period, [[3] * 9] * 2, channel="paper")
    await client.get("/survei/dinkes")
    await post_form(client, "/survei/dinkes", answer_form(4, ballot=_served_a_minute_ago(period["id"])))
    client.cookies.delete("skm_perangkat")
    await client.get("/survei/dinkes")
    await post_form(client, "/survei/dinkes", answer_form(1, ballot=ballots.issue_ballot(period["id"])))  # held

    modes = html(await client.get("/survei/hasil/dinkes")).select_one(".response-modes").text
    assert "Kode pada bukti layanan" in modes and "20" in modes and "Dikarantina" in modes
    api = (await client.get("/api/v1/skm/units/dinkes/results")).json()["periods"][0]
    assert api["responses_by_mode"] == {"web": 20, "complaint": 0, "open": 1, "paper": 2}
    assert api["responses_held"] == 1 and api["responses"] == 23
    workbook = load_workbook(io.BytesIO((await client.get(f"/survei/hasil/dinkes/{period['id']}.xlsx")).content))
    summary = {row[0]: row[1] for row in workbook["Ringkasan"].iter_rows(values_only=True) if row}
    assert summary["Terbuka (tanpa kode)"] == 1 and summary["Dikarantina (tidak dihitung)"] == 1
    csv_text = (await client.get(f"/survei/hasil/dinkes/{period['id']}.csv")).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].endswith("dikarantina")
    inputs = await pekppp_inputs(unit_id, 2026)
    assert inputs["responses_by_mode"] == {"web": 20, "complaint": 0, "open": 1, "paper": 2}
