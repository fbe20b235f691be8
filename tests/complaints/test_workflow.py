"""The transition table: every action allowed for its roles and statuses, refused otherwise."""

import pytest

from complaints.services import handling
from complaints.states import FINAL, ComplaintStatus
from complaints.tables import Complaint, ComplaintEvent
from complaints.workflow import TRANSITIONS, TransitionRefused, check_transition
from tests.complaints.factories import actor, file, routed_case, world

STATUSES = list(ComplaintStatus)
ROLES = ["reporter", "unit_officer", "unit_admin", "system_admin", "system", "evaluator"]


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: t.action)
def test_each_transition_is_allowed_exactly_for_its_roles_and_sources(transition) -> None:
    for status in STATUSES:
        for role in ROLES:
            if status in transition.sources and role in transition.roles:
                assert check_transition(transition.action, status, role).target == transition.target
            else:
                with pytest.raises(TransitionRefused):
                    check_transition(transition.action, status, role)


def test_closed_and_archived_cases_accept_no_action() -> None:
    for transition in TRANSITIONS:
        for role in ROLES:
            for status in FINAL:
                with pytest.raises(TransitionRefused):
                    check_transition(transition.action, status, role)


async def _state(complaint_id: int) -> tuple[str, int]:
    row = await Complaint.select(Complaint.status).where(Complaint.id == complaint_id).first()
    return row["status"], await ComplaintEvent.count().where(ComplaintEvent.complaint == complaint_id)


async def test_full_lifecycle_writes_one_event_per_step(app, db) -> None:
    ids = await world()
    admin, officer = await actor(ids["sysadmin"]), await actor(ids["officer_a"])
    filed = await file(app)
    await handling.apply_action(filed.id, "request_info", admin, note="Lampirkan nomor antrean.")
    from complaints.services import reporter

    await reporter.act(filed.id, "provide_info", note="Nomor antrean 42.")
    await handling.apply_action(filed.id, "verify", admin)
    await handling.apply_action(filed.id, "route", admin, unit_id=ids["unit_a"])
    await handling.apply_action(filed.id, "reroute", officer, unit_id=ids["unit_b"], note="Bukan kewenangan kami.")
    officer_b = await actor(ids["officer_b"])
    await handling.apply_action(filed.id, "start", officer_b)
    await handling.apply_action(filed.id, "answer", officer_b, note="KTP sudah dicetak.")
    await reporter.act(filed.id, "dispute", note="Belum saya terima.")
    row = await Complaint.select().where(Complaint.id == filed.id).first()
    assert row["status"] == "in_progress" and row["escalated"] and row["reporter_confirmed"] is False
    assert row["escalation_state"] == "pending"
    await handling.return_escalation(filed.id, admin, "Periksa lagi apakah KTP sudah diserahkan.")
    await handling.apply_action(filed.id, "answer", officer_b, note="Silakan ambil di loket 3.")
    await reporter.act(filed.id, "confirm")
    row = await Complaint.select().where(Complaint.id == filed.id).first()
    assert row["status"] == "closed" and row["closed_by"] == "reporter" and row["closed_at"] is not None
    events = await ComplaintEvent.select().where(ComplaintEvent.complaint == filed.id).order_by(ComplaintEvent.id)
    transitions = [(e["from_status"], e["to_status"]) for e in events if e["to_status"]]
    assert transitions == [
        ("", "received"),
        ("received", "needs_info"),
        ("needs_info", "received"),
        ("received", "verified"),
        ("verified", "routed"),
        ("routed", "routed"),
        ("routed", "in_progress"),
        ("in_progress", "answered"),
        ("answered", "in_progress"),
        ("in_progress", "answered"),
        ("answered", "closed"),
    ]
    replies = [e["note"] for e in events if e["event_type"] == "reply"]
    assert replies == ["KTP sudah dicetak.", "Silakan ambil di loket 3."]


@pytest.mark.parametrize(
    ("who", "action", "kwargs"),
    [
        ("officer_a", "verify", {}),
        ("admin_a", "archive", {"reason": "sara"}),
        ("evaluator", "verify", {}),
        ("sysadmin", "close", {}),
        ("sysadmin", "answer", {"note": "x"}),
        ("sysadmin", "route", {}),  # received: must be verified first
    ],
)
async def test_refused_transition_changes_nothing(app, db, who, action, kwargs) -> None:
    ids = await world()
    filed = await file(app)
    before = await _state(filed.id)
    with pytest.raises(TransitionRefused):
        await handling.apply_action(filed.id, action, await actor(ids[who]), unit_id=ids["unit_a"], **kwargs)
    assert await _state(filed.id) == before


async def test_archive_needs_a_reason_and_keeps_it(app, db) -> None:
    ids = await world()
    admin = await actor(ids["sysadmin"])
    filed = await file(app)
    with pytest.raises(handling.InvalidAction):
        await handling.apply_action(filed.id, "archive", admin, reason="")
    assert (await _state(filed.id))[0] == "received"
    await handling.apply_action(filed.id, "archive", admin, reason="bukan_pelayanan_publik")
    row = await Complaint.select().where(Complaint.id == filed.id).first()
    assert (row["status"], row["archive_reason"]) == ("archived", "bukan_pelayanan_publik")


async def test_auto_close_after_the_policy_days_without_reaction(app, db) -> None:
    from datetime import UTC, datetime, timedelta

    from complaints.services import reporter

    ids = await world()
    case_id = await routed_case(app, ids)
    answered_at = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
    await handling.apply_action(
        case_id, "answer", await actor(ids["officer_a"]), note="Selesai diproses.", now=answered_at
    )
    assert await reporter.auto_close_due(answered_at + timedelta(days=9)) == 0
    assert await reporter.auto_close_due(answered_at + timedelta(days=10, minutes=1)) == 1
    row = await Complaint.select().where(Complaint.id == case_id).first()
    assert (row["status"], row["closed_by"]) == ("closed", "system")


async def test_waiting_for_information_expires_after_the_configured_days(app, db) -> None:
    from datetime import UTC, datetime, timedelta

    from complaints.services import reporter

    ids = await world()
    admin = await actor(ids["sysadmin"])
    asked_at = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
    answered = await file(app, now=asked_at - timedelta(hours=1))
    text = "Lampu jalan di depan balai desa sudah mati dua minggu."
    silent = await file(app, now=asked_at - timedelta(hours=1), reporter_email="lain@example.org",
                        reporter_phone="", description=text)  # fmt: skip
    for case in (answered, silent):
        await handling.apply_action(case.id, "request_info", admin, note="Sebutkan lokasinya.", now=asked_at)
    await reporter.act(answered.id, "provide_info", note="Di depan pasar.")

    assert await reporter.expire_waiting_for_info(10, asked_at + timedelta(days=9, hours=23)) == 0
    assert await reporter.expire_waiting_for_info(10, asked_at + timedelta(days=10, minutes=1)) == 1
    rows = {r["id"]: r for r in await Complaint.select().where(Complaint.id.is_in([answered.id, silent.id]))}
    assert (rows[silent.id]["status"], rows[silent.id]["archive_reason"]) == ("archived", "kedaluwarsa")
    assert rows[answered.id]["status"] == "received", "a reporter who answered is not archived"
    last = (
        await ComplaintEvent.select()
        .where(ComplaintEvent.complaint == silent.id)
        .order_by(ComplaintEvent.id, ascending=False)
        .first()
    )
    assert (last["from_status"], last["to_status"], last["actor_role"]) == ("needs_info", "archived", "system")
    assert await reporter.expire_waiting_for_info(10, asked_at + timedelta(days=30)) == 0


async def test_events_are_append_only(app, db) -> None:
    ids = await world()
    case_id = await routed_case(app, ids)
    with pytest.raises(Exception, match="append-only"):
        await ComplaintEvent.update({ComplaintEvent.note: "diubah"}).where(ComplaintEvent.complaint == case_id)
    with pytest.raises(Exception, match="append-only"):
        await ComplaintEvent.delete().where(ComplaintEvent.complaint == case_id)


def test_auto_close_command_is_available() -> None:
    from click.testing import CliRunner

    from portal.cli import main

    result = CliRunner().invoke(main, ["complaints", "--help"])
    assert result.exit_code == 0 and "auto-close" in result.output and "expire" in result.output
