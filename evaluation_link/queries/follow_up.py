"""Reads of the follow-up loop: per-unit progress and the year's recommendations with their actions (the
coordination view, the API, the pages), one recommendation or action, last years' verified actions as
evidence and the evidence files. Read-only; writes live in evaluation_link.services.follow_up."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from evaluation_link.follow_up_states import PROGRESS_KEYS, ActionStatus, is_overdue
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


class FollowUpNotFound(LookupError):
    pass


async def recommendation(rec_id: int) -> dict[str, Any]:
    row = await PekpppRecommendation.select().where(PekpppRecommendation.id == rec_id).first()
    if row is None:
        raise FollowUpNotFound(rec_id)
    return row


async def action(action_id: int) -> dict[str, Any]:
    row = await PekpppFollowUp.select().where(PekpppFollowUp.id == action_id).output(load_json=True).first()
    if row is None:
        raise FollowUpNotFound(action_id)
    return row


async def action_for_viewer(action_id: int, actor: Any) -> dict[str, Any]:
    """The action if the actor may see its unit's plan; otherwise FollowUpNotFound (no hint it exists)."""
    row = await action(action_id)
    if actor is None or not actor.can_view_unit(row["unit"]):
        raise FollowUpNotFound(action_id)
    return row


# --- next year's evidence -----------------------------------------------------------------------


async def suggested_evidence(unit_id: int, year: int) -> dict[int, list[dict[str, Any]]]:
    """Verified actions of earlier years' recommendations on an indicator, per indicator number: what the
    F-01 page of `year` offers as bukti dukung (the action, its recommendation and its evidence files)."""
    rows = (
        await PekpppFollowUp.select(
            PekpppFollowUp.all_columns(),
            PekpppFollowUp.recommendation.indicator_no,
            PekpppFollowUp.recommendation.text,
            PekpppFollowUp.recommendation.year,
        )
        .where(
            (PekpppFollowUp.unit == unit_id)
            & (PekpppFollowUp.status == ActionStatus.verified.value)
            & (PekpppFollowUp.year < year)
        )
        .order_by(PekpppFollowUp.id)
        .output(load_json=True)
    )
    today = local_today()
    result: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        no = row["recommendation.indicator_no"]
        if no is None:
            continue
        item = action_dict(row, today)
        item["recommendation_text"] = row["recommendation.text"]
        item["recommendation_year"] = row["recommendation.year"]
        result.setdefault(no, []).append(item)
    return result


async def evidence_of_unit(unit_id: int, stored_name: str) -> dict[str, str] | None:
    """The follow-up evidence entry with this stored name among the unit's actions, if any."""
    rows = (
        await PekpppFollowUp.select(PekpppFollowUp.evidence)
        .where(PekpppFollowUp.unit == unit_id)
        .output(load_json=True)
    )
    for row in rows:
        for entry in row["evidence"] or []:
            if entry.get("file") == stored_name:
                return entry
    return None
