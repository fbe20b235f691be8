"""complaint_timing is kept by the database from the append-only events, and always equals what the
events say (the PEKPPP response and resolution times are read from it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from complaints import timing_projection
from complaints.services import handling, reporter
from complaints.tables import Complaint, ComplaintEvent
from portal.db import get_engine, is_sqlite
from tests.complaints.factories import actor, file, world

FILED = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # Monday 08:00 WIB
COLUMNS = ("complaint", "unit", "filed_at", "verified_at", "replied_at", "closed_at")


async def _projection() -> dict[int, dict]:
    rows = await Complaint.raw(
        "SELECT complaint, unit, filed_at, verified_at, replied_at, closed_at, response_hours, resolution_hours "
        "FROM complaint_timing ORDER BY complaint"
    )
    return {row["complaint"]: row for row in rows}


async def _from_events() -> dict[int, dict]:
    rows = await Complaint.raw(timing_projection.derived_rows_sql(sqlite=is_sqlite()) + " ORDER BY c.id")
    return {row["complaint"]: row for row in rows}


def _same_milestones(projection: dict[int, dict], derived: dict[int, dict]) -> None:
    assert projection.keys() == derived.keys()
    for key in projection:
        assert [str(projection[key][c]) for c in COLUMNS] == [str(derived[key][c]) for c in COLUMNS]


async def test_every_step_of_a_case_is_projected_as_its_events_say(app, db) -> None:
    ids = await world()
    admin, officer_a = await actor(ids["sysadmin"]), await actor(ids["officer_a"])
    officer_b = await actor(ids["officer_b"])
    filed = await file(app, now=FILED)
    untouched = await file(app, now=FILED, title="Lampu jalan mati", description="Lampu jalan di gang tiga mati.",
                           reporter_email="lain@example.org", reporter_phone="")  # fmt: skip
    row = (await _projection())[filed.id]
    assert row["unit"] is None and row["response_hours"] is None and row["resolution_hours"] is None

    def at(hours: float) -> datetime:
        return FILED + timedelta(hours=hours)

    await handling.apply_action(filed.id, "verify", admin, now=at(2))
    await handling.apply_action(filed.id, "route", admin, unit_id=ids["unit_a"], now=at(3))
    assert (await _projection())[filed.id]["unit"] == ids["unit_a"]
    await handling.apply_action(filed.id, "reroute", officer_a, unit_id=ids["unit_b"], note="Bukan kewenangan.",
                                now=at(4))  # fmt: skip
    assert (await _projection())[filed.id]["unit"] == ids["unit_b"], "re-routing moves the case's figures"
    await handling.apply_action(filed.id, "start", officer_b, now=at(5))
    await handling.reply(filed.id, officer_b, "Sedang kami cek.", now=at(30.5))  # 30.5 h -> 31 whole hours
    await handling.apply_action(filed.id, "answer", officer_b, note="Sudah selesai.", now=at(48))
    await reporter.act(filed.id, "dispute", note="Belum saya terima.")
    await handling.return_escalation(filed.id, admin, "Pastikan KTP sudah diserahkan.", now=at(60))
    await handling.apply_action(filed.id, "answer", officer_b, note="Silakan ambil di loket 3.", now=at(72))
    await reporter.act(filed.id, "confirm", now=at(96))

    projection = await _projection()
    _same_milestones(projection, await _from_events())
    row = projection[filed.id]
    assert (row["response_hours"], row["resolution_hours"]) == (31, 96)
    assert projection[untouched.id]["response_hours"] is None


async def test_the_earliest_event_wins_whatever_order_events_arrive_in(app, db) -> None:
    filed = await file(app, now=FILED)
    late_reply = FILED + timedelta(hours=50)
    early_reply = FILED + timedelta(hours=5)
    for moment in (late_reply, early_reply):  # e.g. an SP4N-LAPOR! import adds an older answer afterwards
        await ComplaintEvent.insert(ComplaintEvent(complaint=filed.id, occurred_at=moment, event_type="reply",
                                                   is_public=True))  # fmt: skip
    await ComplaintEvent.insert(
        ComplaintEvent(complaint=filed.id, occurred_at=FILED + timedelta(hours=1), event_type="reply", is_public=False)
    )  # internal: not a response
    assert (await _projection())[filed.id]["response_hours"] == 5
    _same_milestones(await _projection(), await _from_events())


async def test_rebuild_recomputes_the_same_rows_from_the_events(app, db) -> None:
    ids = await world()
    admin = await actor(ids["sysadmin"])
    for n in range(3):
        text = f"Jalan rusak nomor {n} di desa kami belum diperbaiki."
        filed = await file(app, now=FILED + timedelta(days=n), reporter_email=f"w{n}@example.org",
                           reporter_phone="", description=text)  # fmt: skip
        await handling.verify_and_route(filed.id, admin, ids["unit_a"], now=FILED + timedelta(days=n, hours=n + 1))
    before = await _projection()
    engine = get_engine()
    await engine.run_ddl("DELETE FROM complaint_timing")
    assert await _projection() == {}
    assert await timing_projection.rebuild() == 3
    assert await _projection() == before
