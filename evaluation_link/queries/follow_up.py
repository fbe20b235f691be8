"""Reads of the follow-up loop shared with other views (the government-wide coordination view, the
API): per-unit progress and the year's recommendations with their actions. Read-only; writes live in
evaluation_link.follow_up."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from evaluation_link.follow_up_states import PROGRESS_KEYS, is_overdue
from evaluation_link.instrument import load_instrument
from evaluation_link.tables import Assessment, AssessmentStatus, PekpppFollowUp, PekpppRecommendation
from portal.formatting import LOCAL_TZ


def local_today() -> date:
    """Today in the units' local time (WIB): what "overdue" is measured against."""
    return datetime.now(UTC).astimezone(LOCAL_TZ).date()


def empty_progress() -> dict[str, int]:
    return dict.fromkeys(PROGRESS_KEYS, 0)


async def progress_by_unit(year: int, *, today: date | None = None) -> dict[int, dict[str, int]]:
    """unit_id -> number of actions per state (planned, in_progress, done, verified, sent_back) plus
    "overdue" (due date passed, not done or verified; also counted in its state) for the
    recommendations of the assessment year `year`. Units without actions are absent."""
    today = today or local_today()
    rows = await PekpppFollowUp.select(PekpppFollowUp.unit, PekpppFollowUp.status, PekpppFollowUp.due_date).where(
        PekpppFollowUp.year == year
    )
    result: dict[int, dict[str, int]] = {}
    for row in rows:
        counts = result.setdefault(row["unit"], empty_progress())
        counts[row["status"]] = counts.get(row["status"], 0) + 1
        if is_overdue(row["status"], row["due_date"], today):
            counts["overdue"] += 1
    return result


def indicator_code(version: str, indicator_no: int | None) -> str:
    if indicator_no is None:
        return ""
    try:
        return load_instrument(version).indicator(indicator_no).code
    except Exception:  # an indicator the instrument no longer has: show its number
        return str(indicator_no)


async def recommendations_for_year(
    year: int, *, unit_id: int | None = None, today: date | None = None
) -> list[dict[str, Any]]:
    """The recommendations of assessment year `year` (all units, or one) with their actions:
    [{id, unit_id, unit_slug, unit_name, indicator_no, indicator (code, "" for an aspect), aspect,
      text, priority, created_at, actions: [{id, what, owner, due_date, expected_evidence, status,
      overdue, evidence_count, evidence, return_reason, completed_on, verified_at}]}]"""
    today = today or local_today()
    query = PekpppRecommendation.select(
        PekpppRecommendation.all_columns(),
        PekpppRecommendation.unit.slug,
        PekpppRecommendation.unit.name,
        PekpppRecommendation.assessment.instrument_version,
    ).where(PekpppRecommendation.year == year)
    if unit_id is not None:
        query = query.where(PekpppRecommendation.unit == unit_id)
    recs = await query.order_by(PekpppRecommendation.unit).order_by(PekpppRecommendation.id)
    if not recs:
        return []
    actions = (
        await PekpppFollowUp.select()
        .where(PekpppFollowUp.recommendation.is_in([r["id"] for r in recs]))
        .order_by(PekpppFollowUp.id)
        .output(load_json=True)
    )
    by_rec: dict[int, list[dict[str, Any]]] = {}
    for a in actions:
        by_rec.setdefault(a["recommendation"], []).append(action_dict(a, today))
    return [
        {
            "id": r["id"],
            "unit_id": r["unit"],
            "unit_slug": r["unit.slug"],
            "unit_name": r["unit.name"],
            "assessment_id": r["assessment"],
            "year": r["year"],
            "indicator_no": r["indicator_no"],
            "indicator": indicator_code(r["assessment.instrument_version"], r["indicator_no"]),
            "aspect": r["aspect"],
            "text": r["text"],
            "priority": r["priority"],
            "created_by_name": r["created_by_name"],
            "created_at": r["created_at"],
            "actions": by_rec.get(r["id"], []),
        }
        for r in recs
    ]


def action_dict(row: dict[str, Any], today: date) -> dict[str, Any]:
    evidence = row.get("evidence") or []
    return {
        "id": row["id"],
        "recommendation_id": row["recommendation"],
        "unit_id": row["unit"],
        "what": row["what"],
        "owner": row["owner"],
        "due_date": row["due_date"],
        "expected_evidence": row["expected_evidence"],
        "status": row["status"],
        "overdue": is_overdue(row["status"], row["due_date"], today),
        "evidence": evidence,
        "evidence_count": len(evidence),
        "return_reason": row["return_reason"],
        "created_at": row["created_at"],
        "completed_on": row["completed_on"],
        "verified_at": row["verified_at"],
        "verified_by_name": row["verified_by_name"],
    }


async def locked_years(unit_id: int) -> list[int]:
    rows = (
        await Assessment.select(Assessment.year)
        .where((Assessment.unit == unit_id) & (Assessment.status == AssessmentStatus.locked.value))
        .order_by(Assessment.year, ascending=False)
    )
    return [r["year"] for r in rows]
