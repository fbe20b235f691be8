"""Follow-up loop services: every state change, who may make it, date rules, overdue, the audit trail
and the published reads (progress_by_unit, recommendations_for_year)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from evaluation_link.follow_up_states import TRANSITIONS, ActionStatus, Actor, next_states
from evaluation_link.queries import follow_up as follow_up_queries
from evaluation_link.queries.follow_up import local_today, progress_by_unit, recommendations_for_year
from evaluation_link.services import follow_up
from evaluation_link.services.assessments import get_or_create_assessment
from evaluation_link.services.follow_up import FollowUpError, FollowUpForbidden
from portal.audit import entries_for
from tests.evaluation_link.follow_up_support import two_units

FILE = {
    "label": "notulen.pdf",
    "url": "/staf/bukti-evaluasi/1/x.pdf",
    "file": "0" * 32 + ".pdf",
    "content_type": "application/pdf",
}


async def planned(people, **extra):
    rec = await follow_up.add_recommendation(
        people["assessment_a"]["id"],
        indicator_no=1,
        priority=True,
        text="Tetapkan SP dengan melibatkan masyarakat.",
        actor=people["evaluator"],
    )
    due = extra.pop("due_date", local_today() + timedelta(days=30))
    action = await follow_up.plan_action(
        rec,
        what="Forum konsultasi publik",
        owner="Kasubag Umum",
        due_date=due,
        expected_evidence="Notulen dan daftar hadir",
        actor=people["admin_a"],
        **extra,
    )
    return rec, action


async def status_of(action_id):
    return (await follow_up_queries.action(action_id))["status"]


async def test_full_loop_planned_to_verified_and_sent_back_is_audited(db):
    people = await two_units()
    rec, action = await planned(people)
    assert await status_of(action) == "planned"
    await follow_up.change_status(action, "in_progress", actor=people["officer_a"])
    assert await status_of(action) == "in_progress"
    with pytest.raises(FollowUpError) as no_file:
        await follow_up.change_status(action, "done", actor=people["officer_a"])
    assert no_file.value.field == "evidence" and await status_of(action) == "in_progress"
    await follow_up.add_evidence(action, [FILE], actor=people["officer_a"])
    await follow_up.change_status(action, "done", actor=people["officer_a"])
    assert await status_of(action) == "done"
    with pytest.raises(FollowUpError) as no_reason:
        await follow_up.change_status(action, "sent_back", actor=people["evaluator"])
    assert no_reason.value.field == "reason"
    await follow_up.change_status(action, "sent_back", reason="Daftar hadir belum ada.", actor=people["evaluator"])
    row = await follow_up_queries.action(action)
    assert row["status"] == "sent_back" and row["return_reason"] == "Daftar hadir belum ada."
    await follow_up.change_status(action, "in_progress", actor=people["officer_a"])
    await follow_up.change_status(action, "done", actor=people["admin_a"])
    await follow_up.change_status(action, "verified", actor=people["evaluator"])
    row = await follow_up_queries.action(action)
    assert row["status"] == "verified" and row["verified_by_name"] == "Penilai"

    trail = [e["action"] for e in await entries_for("pekppp_follow_up", action)]
    assert trail == [
        "follow_up.plan",
        "follow_up.in_progress",
        "follow_up.evidence",
        "follow_up.done",
        "follow_up.sent_back",
        "follow_up.in_progress",
        "follow_up.done",
        "follow_up.verified",
    ]
    assert [e["action"] for e in await entries_for("pekppp_recommendation", rec)] == ["follow_up.recommend"]


async def test_verified_is_final_and_moves_outside_the_table_are_refused(db):
    people = await two_units()
    _rec, action = await planned(people)
    with pytest.raises(FollowUpError):  # planned -> verified skips the work
        await follow_up.change_status(action, "verified", actor=people["evaluator"])
    await follow_up.add_evidence(action, [FILE], actor=people["officer_a"])
    await follow_up.change_status(action, "done", actor=people["officer_a"])
    await follow_up.change_status(action, "verified", actor=people["evaluator"])
    for target in ActionStatus:
        with pytest.raises((FollowUpError, FollowUpForbidden)):
            await follow_up.change_status(action, target.value, actor=people["evaluator"])
        with pytest.raises((FollowUpError, FollowUpForbidden)):
            await follow_up.change_status(action, target.value, actor=people["admin_a"])
    with pytest.raises(FollowUpError):
        await follow_up.add_evidence(action, [FILE], actor=people["officer_a"])
    assert await status_of(action) == "verified"
    assert next_states("verified", Actor.unit) == [] and next_states("verified", Actor.evaluator) == []
    assert set(TRANSITIONS.values()) == {Actor.unit, Actor.evaluator}


async def test_roles_unit_admin_plans_officer_works_evaluator_verifies(db):
    people = await two_units()
    rec, action = await planned(people)
    # the unit cannot recommend; the officer cannot plan; another unit cannot plan
    with pytest.raises(FollowUpForbidden):
        await follow_up.add_recommendation(
            people["assessment_a"]["id"], indicator_no=2, text="x", actor=people["admin_a"]
        )
    for who in ("officer_a", "admin_b", "officer_b", "evaluator"):
        with pytest.raises(FollowUpForbidden):
            await follow_up.plan_action(rec, what="x", owner="y", due_date=local_today(), actor=people[who])
    # another unit's staff can neither work on it nor add evidence
    for who in ("admin_b", "officer_b"):
        with pytest.raises(FollowUpForbidden):
            await follow_up.change_status(action, "in_progress", actor=people[who])
        with pytest.raises(FollowUpForbidden):
            await follow_up.add_evidence(action, [FILE], actor=people[who])
        with pytest.raises(follow_up_queries.FollowUpNotFound):
            await follow_up_queries.action_for_viewer(action, people[who])
    # the evaluator does not do the unit's work, the unit does not verify its own work
    with pytest.raises(FollowUpForbidden):
        await follow_up.change_status(action, "in_progress", actor=people["evaluator"])
    await follow_up.add_evidence(action, [FILE], actor=people["officer_a"])
    await follow_up.change_status(action, "done", actor=people["officer_a"])
    for who in ("admin_a", "officer_a"):
        with pytest.raises(FollowUpForbidden):
            await follow_up.change_status(action, "verified", actor=people[who])
        with pytest.raises(FollowUpForbidden):
            await follow_up.change_status(action, "sent_back", reason="x", actor=people[who])
    assert await status_of(action) == "done"


async def test_recommendation_needs_a_locked_assessment_and_a_target(db):
    people = await two_units()
    draft = await get_or_create_assessment(people["unit_a"], 2026, actor=people["evaluator"])
    with pytest.raises(FollowUpError) as not_locked:
        await follow_up.add_recommendation(draft["id"], indicator_no=1, text="x", actor=people["evaluator"])
    assert "dikunci" in not_locked.value.message
    with pytest.raises(FollowUpError) as empty:
        await follow_up.add_recommendation(
            people["assessment_a"]["id"], indicator_no=1, text="  ", actor=people["evaluator"]
        )
    assert empty.value.field == "text"
    with pytest.raises(FollowUpError) as target:
        await follow_up.add_recommendation(
            people["assessment_a"]["id"], aspect="zz", text="x", actor=people["evaluator"]
        )
    assert target.value.field == "target"
    rec = await follow_up.add_recommendation(
        people["assessment_a"]["id"], aspect="b", text="Latih petugas.", actor=people["evaluator"]
    )
    assert (await follow_up_queries.recommendation(rec))["indicator_no"] is None


async def test_dates_due_not_before_creation_completion_not_before_creation_nor_future(db):
    people = await two_units()
    today = local_today()
    with pytest.raises(FollowUpError) as early_due:
        await planned(people, due_date=today - timedelta(days=1))
    assert early_due.value.field == "due_date" and "sebelum tanggal rencana dibuat" in early_due.value.message
    _rec, action = await planned(people, due_date=today)
    await follow_up.add_evidence(action, [FILE], actor=people["officer_a"])
    with pytest.raises(FollowUpError) as before:
        await follow_up.change_status(action, "done", completed_on=today - timedelta(days=3), actor=people["officer_a"])
    assert before.value.field == "completed_on" and "sebelum tindakan dibuat" in before.value.message
    with pytest.raises(FollowUpError) as future:
        await follow_up.change_status(action, "done", completed_on=today + timedelta(days=1), actor=people["officer_a"])
    assert "masa depan" in future.value.message
    assert await status_of(action) == "planned"
    await follow_up.change_status(action, "done", completed_on=today, actor=people["officer_a"])
    assert (await follow_up_queries.action(action))["completed_on"] == today


async def test_date_messages_in_english(db):
    from portal.i18n import set_language

    people = await two_units()
    set_language("en")
    try:
        with pytest.raises(FollowUpError) as early_due:
            await planned(people, due_date=local_today() - timedelta(days=1))
        _rec, action = await planned(people)
        await follow_up.add_evidence(action, [FILE], actor=people["officer_a"])
        with pytest.raises(FollowUpError) as future:
            await follow_up.change_status(
                action, "done", completed_on=local_today() + timedelta(days=2), actor=people["officer_a"]
            )
    finally:
        set_language("id")
    assert "before the plan was made" in early_due.value.message
    assert "in the future" in future.value.message


async def test_published_reads_progress_and_overdue_per_unit(db):
    people = await two_units()
    rec, first = await planned(people)
    _rec2, second = await planned(people)
    await follow_up.change_status(second, "in_progress", actor=people["officer_a"])
    rec_b = await follow_up.add_recommendation(
        people["assessment_b"]["id"], aspect="c", text="Perbaiki ruang tunggu.", actor=people["evaluator"]
    )
    third = await follow_up.plan_action(
        rec_b, what="Kursi tunggu", owner="Camat", due_date=local_today(), actor=people["admin_b"]
    )

    later = local_today() + timedelta(days=40)  # both of unit A's actions are then past their due date
    progress = await progress_by_unit(2025, today=later)
    assert progress[people["unit_a"]] == {
        "planned": 1,
        "in_progress": 1,
        "done": 0,
        "verified": 0,
        "sent_back": 0,
        "overdue": 2,
    }
    assert progress[people["unit_b"]]["planned"] == 1 and progress[people["unit_b"]]["overdue"] == 1
    assert (await progress_by_unit(2025))[people["unit_a"]]["overdue"] == 0
    assert await progress_by_unit(2024) == {}

    recs = await recommendations_for_year(2025, today=later)
    assert [r["unit_id"] for r in recs] == [people["unit_a"], people["unit_a"], people["unit_b"]]
    first_rec = recs[0]
    assert first_rec["indicator"] == "1.a.Ak" and first_rec["priority"] is True and first_rec["aspect"] == "a"
    assert first_rec["actions"][0]["id"] == first and first_rec["actions"][0]["overdue"] is True
    assert first_rec["actions"][0]["owner"] == "Kasubag Umum"
    assert first_rec["actions"][0]["what"] == "Forum konsultasi publik"
    assert recs[2]["indicator"] == "" and recs[2]["aspect"] == "c"
    assert recs[2]["actions"][0]["id"] == third and recs[2]["actions"][0]["due_date"] == local_today()
    assert rec == first_rec["id"]


async def test_verified_actions_become_next_years_suggested_evidence(db):
    people = await two_units()
    _rec, action = await planned(people)
    await follow_up.add_evidence(action, [FILE], actor=people["officer_a"])
    await follow_up.change_status(action, "done", actor=people["officer_a"])
    assert await follow_up_queries.suggested_evidence(people["unit_a"], 2026) == {}
    await follow_up.change_status(action, "verified", actor=people["evaluator"])
    suggested = await follow_up_queries.suggested_evidence(people["unit_a"], 2026)
    assert list(suggested) == [1] and suggested[1][0]["evidence"][0]["label"] == "notulen.pdf"
    assert await follow_up_queries.suggested_evidence(people["unit_b"], 2026) == {}
    assert await follow_up_queries.suggested_evidence(people["unit_a"], 2025) == {}
