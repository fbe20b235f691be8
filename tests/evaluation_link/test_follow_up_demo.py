"""The demo tells the follow-up story at once: 2025 locked with recommendations and actions in every
state across a dinas, a kecamatan and a puskesmas; 2026 in progress; `portal demo --if-empty` idempotent."""

from __future__ import annotations

from evaluation_link.queries.follow_up import progress_by_unit, recommendations_for_year
from evaluation_link.tables import Assessment, PekpppFollowUp
from portal.audit import entries_for
from portal.demo import load_all_demo


async def test_demo_loads_on_an_empty_database_with_every_follow_up_state(db):
    context = await load_all_demo(only_if_empty=True)
    assert context is not None
    units = context["units"]
    progress = await progress_by_unit(2025)
    totals = {key: sum(counts[key] for counts in progress.values()) for key in next(iter(progress.values()))}
    assert all(totals[key] >= 1 for key in ("planned", "in_progress", "done", "verified", "sent_back", "overdue"))
    for slug in ("disdukcapil", "kecamatan-sukamaju", "puskesmas-sukamaju"):
        assert sum(progress[units[slug]].values()) >= 2, slug

    locked = {a["unit"] for a in await Assessment.select().where(Assessment.year == 2025) if a["status"] == "locked"}
    assert {units["disdukcapil"], units["kecamatan-sukamaju"], units["puskesmas-sukamaju"]} <= locked
    assert all(a["status"] != "locked" for a in await Assessment.select().where(Assessment.year == 2026))

    recs = await recommendations_for_year(2025)
    assert any(r["priority"] for r in recs) and any(r["indicator"] == "" for r in recs)
    for action in await PekpppFollowUp.select().output(load_json=True):
        assert action["due_date"] >= action["created_at"].date()  # due date not before creation
        if action["completed_on"] is not None:
            assert action["completed_on"] >= action["created_at"].date()
        if action["status"] in ("done", "verified", "sent_back"):
            assert action["evidence"], "finished actions carry evidence files"
        assert await entries_for("pekppp_follow_up", action["id"])  # made through the audited services

    assert await load_all_demo(only_if_empty=True) is None  # --if-empty: a second run adds nothing
    assert len(await recommendations_for_year(2025)) == len(recs)
