"""Closure rules (issue 21 item 4): answer quality, no instant closure by the unit, disputed cases go to
the supervising unit, and the PEKPPP figures count each way of closing separately."""

from datetime import UTC, datetime, timedelta

import pytest

from complaints.services import handling, reporter
from complaints.tables import Complaint, ComplaintEvent
from complaints.workflow import TransitionRefused
from portal.settings import get_settings
from portal.tables import AuditLog
from tests.complaints.factories import actor, make_user, routed_case, world
from tests.helpers import html, login, make_unit, post_form

ANSWER = "KTP-el Anda sudah dicetak dan dapat diambil di loket 2."


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch):
    """Set PORTAL_* variables for one test (the settings are read once per process)."""

    def apply(**values: str) -> None:
        for key, value in values.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()

    yield apply
    monkeypatch.undo()
    get_settings.cache_clear()


async def _row(case_id: int) -> dict:
    return await Complaint.select().where(Complaint.id == case_id).first()


@pytest.mark.parametrize("text", ["", ".", "  ok  ", "........", "a b"])
async def test_an_empty_or_token_answer_is_refused_and_changes_nothing(app, db, text) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    events = await ComplaintEvent.count()
    with pytest.raises(handling.InvalidAction):
        await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=text)
    with pytest.raises(handling.InvalidAction):
        await handling.reply(case_id, await actor(ids["officer_a"]), text)
    assert (await _row(case_id))["status"] == "routed"
    assert await ComplaintEvent.count() == events


async def test_minimum_answer_length_is_a_setting(app, db, configured) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    configured(PORTAL_COMPLAINT_MIN_ANSWER_CHARS="80")
    with pytest.raises(handling.InvalidAction) as refused:
        await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=ANSWER)
    assert "80" in refused.value.message
    configured(PORTAL_COMPLAINT_MIN_ANSWER_CHARS="20")
    await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=ANSWER)
    assert (await _row(case_id))["status"] == "answered"


async def test_the_unit_cannot_close_right_after_answering(app, db) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    answered_at = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
    await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=ANSWER, now=answered_at)
    admin_a = await actor(ids["admin_a"])
    for later in (timedelta(milliseconds=50), timedelta(days=9, hours=23)):
        with pytest.raises(TransitionRefused) as refused:
            await handling.apply_action(case_id, "close", admin_a, now=answered_at + later)
        assert "10" in refused.value.message
        assert (await _row(case_id))["status"] == "answered"
    # After the documented silence window the unit may close it; it counts as "closed by the unit".
    await handling.apply_action(case_id, "close", admin_a, now=answered_at + timedelta(days=10, minutes=1))
    row = await _row(case_id)
    assert (row["status"], row["closed_by"]) == ("closed", "unit")


async def test_a_disputed_case_is_never_closed_by_the_accused_unit(app, db) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    answered_at = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
    officer_a, admin_a = await actor(ids["officer_a"]), await actor(ids["admin_a"])
    await handling.apply_action(case_id, "answer", officer_a, note=ANSWER, now=answered_at)
    await reporter.act(case_id, "dispute", note="Belum saya terima.", now=answered_at + timedelta(hours=1))
    row = await _row(case_id)
    assert (row["status"], row["escalation_state"]) == ("in_progress", "pending")
    with pytest.raises(TransitionRefused):  # the accused unit may not answer it away while it is escalated
        await handling.apply_action(case_id, "answer", officer_a, note=ANSWER, now=answered_at + timedelta(hours=2))
    await handling.return_escalation(
        case_id,
        await actor(ids["sysadmin"]),
        "Serahkan KTP dan kirim bukti foto.",
        now=answered_at + timedelta(hours=3),
    )
    second = answered_at + timedelta(hours=4)
    await handling.apply_action(case_id, "answer", officer_a, note="KTP sudah kami antar ke rumah Anda.", now=second)
    with pytest.raises(TransitionRefused) as refused:  # not even after the silence window
        await handling.apply_action(case_id, "close", admin_a, now=second + timedelta(days=30))
    assert "disanggah" in refused.value.message
    assert (await _row(case_id))["status"] == "answered"
    assert await reporter.auto_close_due(second + timedelta(days=10, minutes=1)) == 1
    assert (await _row(case_id))["closed_by"] == "system"


async def test_supervising_unit_sends_back_or_answers_over_http(app, client, configured) -> None:
    ids = await world()
    inspektorat = await make_unit("inspektorat", "Inspektorat")
    await make_user("auditor", "unit_officer", inspektorat)
    configured(PORTAL_SUPERVISING_UNIT="inspektorat")
    case_id = await routed_case(app, ids)
    await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=ANSWER)
    await reporter.act(case_id, "dispute", note="Belum saya terima.")

    await login(client, "admin.a")
    refused = await post_form(client, f"/staf/pengaduan/{case_id}/aksi", {"action": "answer", "note": ANSWER})
    assert refused.status_code == 409 and "unit pengawas" in html(refused).select_one(".alert-error").text
    own = await post_form(client, f"/staf/pengaduan/{case_id}/sanggahan", {"note": "Arahan untuk kami sendiri."})
    assert own.status_code == 409 and (await _row(case_id))["escalation_state"] == "pending"
    assert (await client.get("/staf/pengaduan/sanggahan")).status_code == 403
    client.cookies.clear()

    await login(client, "auditor")
    queue = html(await client.get("/staf/pengaduan/sanggahan"))
    assert queue.select_one(f"tr[data-case='{case_id}']") is not None
    page = await client.get(f"/staf/pengaduan/{case_id}")
    assert page.status_code == 200 and html(page).select_one("#sanggahan") is not None
    short = await post_form(client, f"/staf/pengaduan/{case_id}/sanggahan", {"note": "."})
    assert short.status_code == 422
    sent = await post_form(
        client, f"/staf/pengaduan/{case_id}/sanggahan", {"note": "Periksa catatan pengambilan KTP di loket 2."}
    )
    assert sent.status_code == 303
    assert (await _row(case_id))["escalation_state"] == "returned"
    assert await AuditLog.count().where(AuditLog.action == "complaint_escalation_return") == 1
    # The supervisor works only on the escalation: no notes or topic changes on another unit's case.
    note = await post_form(client, f"/staf/pengaduan/{case_id}/catatan", {"note": "Catatan lain."})
    assert note.status_code == 403
    answered = await post_form(
        client,
        f"/staf/pengaduan/{case_id}/aksi",
        {"action": "answer", "note": "Inspektorat: KTP sudah diserahkan pada 3 Nov."},
    )
    assert answered.status_code == 303
    row = await _row(case_id)
    assert (row["status"], row["escalation_state"]) == ("answered", "answered")
    # Once answered the escalation is over: the supervisor has no more access to the case.
    assert (await client.get(f"/staf/pengaduan/{case_id}")).status_code == 403


async def test_pekppp_figures_split_the_ways_of_closing(app, db) -> None:
    from evaluation_link.period import Period
    from evaluation_link.sources.complaints import complaint_metrics

    ids = await world()
    officer_a, admin_a = await actor(ids["officer_a"]), await actor(ids["admin_a"])
    at = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    cases = []
    for i in range(4):
        cases.append(
            await routed_case(
                app, ids, now=at, reporter_email=f"p{i}@example.org", reporter_phone="", confirm_duplicate="1"
            )
        )
        await handling.apply_action(cases[-1], "answer", officer_a, note=ANSWER, now=at + timedelta(days=1))
    await reporter.act(cases[0], "confirm", now=at + timedelta(days=2))
    await handling.apply_action(cases[1], "close", admin_a, now=at + timedelta(days=12))
    assert await reporter.auto_close_due(at + timedelta(days=12)) == 2
    metrics = await complaint_metrics(ids["unit_a"], Period(2026))
    assert metrics["resolved"] == 4
    assert (metrics["resolved_by_reporter"], metrics["resolved_after_silence"], metrics["resolved_by_unit"]) == (
        1,
        2,
        1,
    )


async def test_the_evidence_page_shows_the_closure_split(app, client) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    at = datetime.now(UTC) - timedelta(days=20)
    await handling.apply_action(case_id, "answer", await actor(ids["officer_a"]), note=ANSWER, now=at)
    await reporter.act(case_id, "confirm", now=at + timedelta(days=1))
    await login(client, "evaluator")
    unit_slug = "disdukcapil"
    year = datetime.now(UTC).year
    pulled = await post_form(client, f"/staf/evaluasi/{unit_slug}/{year}/tarik", {})
    assert pulled.status_code in (200, 303)
    card = html(await client.get(f"/staf/evaluasi/{unit_slug}/{year}")).find("article", id="indikator-28")
    text = " ".join(card.find("dl").get_text(" ").split())
    assert "Selesai: dikonfirmasi pelapor 1" in text and "Selesai: ditutup oleh unit 0" in text
