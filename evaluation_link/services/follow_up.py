"""The follow-up loop after a locked PEKPPP assessment (tindak lanjut hasil evaluasi): the evaluator's
recommendations, the unit's actions, their evidence and the evaluator's verification. Every write is
checked here (role, unit, state, dates), runs inside write_transaction() and is audited in it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from evaluation_link.follow_up_states import NEEDS_EVIDENCE, OPEN_STATES, ActionStatus, Actor, allowed
from evaluation_link.instrument import load_instrument
from evaluation_link.presentation import status_label
from evaluation_link.queries.follow_up import FollowUpNotFound, action, local_today, recommendation
from evaluation_link.services.assessments import EvaluationError
from evaluation_link.tables import Assessment, AssessmentStatus, PekpppFollowUp, PekpppRecommendation
from portal import audit
from portal.db import write_transaction
from portal.formatting import LOCAL_TZ
from portal.i18n import _

ENTITY_RECOMMENDATION = "pekppp_recommendation"
ENTITY_ACTION = "pekppp_follow_up"
MAX_TEXT = 2000


class FollowUpError(EvaluationError):
    """A rule of the follow-up loop refused the change; the message is for people."""


class FollowUpForbidden(PermissionError):
    """The actor may not do this to this unit's plan."""


def _now() -> datetime:
    return datetime.now(UTC)


def created_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date()


def is_evaluator(actor: Any) -> bool:
    return bool(actor is not None and (actor.is_evaluator or actor.is_system_admin))


def may_act(actor: Any, who: Actor, unit_id: int) -> bool:
    if who is Actor.evaluator:
        return is_evaluator(actor)
    return bool(actor is not None and actor.can_work_unit(unit_id))


# --- recommendations (evaluator) ----------------------------------------------------------------


async def add_recommendation(
    assessment_id: int,
    *,
    text: str,
    indicator_no: int | None = None,
    aspect: str = "",
    priority: bool = False,
    actor: Any,
    request: Any = None,
) -> int:
    if not is_evaluator(actor):
        raise FollowUpForbidden
    text = (text or "").strip()
    if not text:
        raise FollowUpError(_("Tuliskan rekomendasinya."), field="text")
    if len(text) > MAX_TEXT:
        raise FollowUpError(_("Paling banyak %(n)d karakter.") % {"n": MAX_TEXT}, field="text")
    async with write_transaction():
        assessment = await Assessment.select().where(Assessment.id == assessment_id).first()
        if assessment is None:
            raise FollowUpNotFound(assessment_id)
        if assessment["status"] != AssessmentStatus.locked.value:
            raise FollowUpError(_("Rekomendasi hanya dapat ditulis setelah penilaian dikunci."))
        instrument = load_instrument(assessment["instrument_version"])
        if indicator_no is not None:
            try:
                aspect = instrument.indicator(indicator_no).aspect
            except Exception as exc:
                raise FollowUpError(_("Indikator tidak ditemukan."), field="target") from exc
        elif aspect not in {a.code for a in instrument.aspects}:
            raise FollowUpError(_("Pilih indikator atau aspek."), field="target")
        now = _now()
        rows = await PekpppRecommendation.insert(
            PekpppRecommendation(
                assessment=assessment_id,
                unit=assessment["unit"],
                year=assessment["year"],
                indicator_no=indicator_no,
                aspect=aspect,
                text=text,
                priority=bool(priority),
                created_by=actor.id,
                created_by_name=actor.full_name,
                created_at=now,
                updated_at=now,
            )
        ).returning(PekpppRecommendation.id)
        rec_id = rows[0]["id"]
        await audit.record(
            "follow_up.recommend",
            ENTITY_RECOMMENDATION,
            rec_id,
            actor=actor,
            unit_id=assessment["unit"],
            request=request,
            after={
                "assessment": assessment_id,
                "indicator": indicator_no,
                "aspect": aspect,
                "text": text,
                "priority": bool(priority),
            },
        )
    return rec_id


# --- actions (unit) -----------------------------------------------------------------------------


def _check_due(due: date | None, created: date) -> None:
    if due is None:
        raise FollowUpError(_("Isi tanggal target."), field="due_date")
    if due < created:
        raise FollowUpError(
            _("Tanggal target tidak boleh sebelum tanggal rencana dibuat (%(d)s).") % {"d": created.isoformat()},
            field="due_date",
        )


async def plan_action(
    rec_id: int,
    *,
    what: str,
    owner: str,
    due_date: date | None,
    expected_evidence: str = "",
    actor: Any,
    request: Any = None,
    today: date | None = None,
) -> int:
    """The unit admin answers a recommendation with an action (state: planned)."""
    what, owner, expected_evidence = (what or "").strip(), (owner or "").strip(), (expected_evidence or "").strip()
    rec = await recommendation(rec_id)
    if actor is None or not actor.can_manage_unit(rec["unit"]):
        raise FollowUpForbidden
    errors = []
    if not what:
        errors.append(FollowUpError(_("Tuliskan tindakannya."), field="what"))
    if not owner:
        errors.append(FollowUpError(_("Tuliskan penanggung jawabnya."), field="owner"))
    if errors:
        raise errors[0]
    for value, field in ((what, "what"), (expected_evidence, "expected_evidence")):
        if len(value) > MAX_TEXT:
            raise FollowUpError(_("Paling banyak %(n)d karakter.") % {"n": MAX_TEXT}, field=field)
    if len(owner) > 200:
        raise FollowUpError(_("Paling banyak %(n)d karakter.") % {"n": 200}, field="owner")
    now = _now()
    _check_due(due_date, today or created_day(now))
    async with write_transaction():
        rows = await PekpppFollowUp.insert(
            PekpppFollowUp(
                recommendation=rec_id,
                unit=rec["unit"],
                year=rec["year"],
                what=what,
                owner=owner,
                due_date=due_date,
                expected_evidence=expected_evidence,
                status=ActionStatus.planned.value,
                evidence=[],
                created_by=actor.id,
                created_at=now,
                updated_at=now,
            )
        ).returning(PekpppFollowUp.id)
        action_id = rows[0]["id"]
        await audit.record(
            "follow_up.plan",
            ENTITY_ACTION,
            action_id,
            actor=actor,
            unit_id=rec["unit"],
            request=request,
            after={
                "recommendation": rec_id,
                "what": what,
                "owner": owner,
                "due_date": due_date.isoformat() if due_date else None,
                "status": ActionStatus.planned.value,
            },
        )
    return action_id


async def add_evidence(action_id: int, entries: list[dict[str, str]], *, actor: Any, request: Any = None) -> None:
    """Evidence files (already checked and stored by evaluation_link.evidence_files) for an open action."""
    row = await action(action_id)
    if actor is None or not actor.can_work_unit(row["unit"]):
        raise FollowUpForbidden
    if not entries:
        raise FollowUpError(_("Pilih berkas bukti."), field="evidence")
    async with write_transaction():
        current = await action(action_id)
        if ActionStatus(current["status"]) not in OPEN_STATES:
            raise FollowUpError(_("Bukti hanya dapat ditambahkan selama tindakan belum selesai."), field="evidence")
        evidence = [*(current["evidence"] or []), *entries]
        await PekpppFollowUp.update({PekpppFollowUp.evidence: evidence, PekpppFollowUp.updated_at: _now()}).where(
            PekpppFollowUp.id == action_id
        )
        await audit.record(
            "follow_up.evidence",
            ENTITY_ACTION,
            action_id,
            actor=actor,
            unit_id=current["unit"],
            request=request,
            before={"files": len(current["evidence"] or [])},
            after={"files": len(evidence), "added": [e.get("label", "") for e in entries]},
        )


async def change_status(
    action_id: int,
    target: str,
    *,
    actor: Any,
    reason: str = "",
    completed_on: date | None = None,
    request: Any = None,
    today: date | None = None,
) -> None:
    """Move an action to `target` if follow_up_states allows it for this actor; dates and reasons checked."""
    try:
        target_state = ActionStatus(target)
    except ValueError as exc:
        raise FollowUpError(_("Status tidak dikenal."), field="status") from exc
    today = today or local_today()
    reason = (reason or "").strip()
    async with write_transaction():
        current = await action(action_id)
        who = Actor.evaluator if target_state in (ActionStatus.verified, ActionStatus.sent_back) else Actor.unit
        if not may_act(actor, who, current["unit"]):
            raise FollowUpForbidden
        if not allowed(current["status"], target_state.value, who):
            raise FollowUpError(
                _("Tindakan berstatus %(from)s tidak dapat diubah menjadi %(to)s.")
                % {"from": status_label(current["status"]), "to": status_label(target_state)},
                field="status",
            )
        changes: dict[Any, Any] = {PekpppFollowUp.status: target_state.value, PekpppFollowUp.updated_at: _now()}
        if target_state in NEEDS_EVIDENCE and not current["evidence"]:
            raise FollowUpError(_("Unggah minimal satu berkas bukti sebelum menandai selesai."), field="evidence")
        if target_state is ActionStatus.done:
            completed_on = completed_on or today
            created = created_day(current["created_at"])
            if completed_on < created:
                raise FollowUpError(
                    _("Tanggal selesai tidak boleh sebelum tindakan dibuat (%(d)s).") % {"d": created.isoformat()},
                    field="completed_on",
                )
            if completed_on > today:
                raise FollowUpError(_("Tanggal selesai tidak boleh di masa depan."), field="completed_on")
            changes[PekpppFollowUp.completed_on] = completed_on
            changes[PekpppFollowUp.completed_at] = _now()
        if target_state is ActionStatus.in_progress and current["started_at"] is None:
            changes[PekpppFollowUp.started_at] = _now()
        if target_state is ActionStatus.sent_back:
            if not reason:
                raise FollowUpError(_("Tuliskan alasan pengembalian."), field="reason")
            if len(reason) > MAX_TEXT:
                raise FollowUpError(_("Paling banyak %(n)d karakter.") % {"n": MAX_TEXT}, field="reason")
            changes[PekpppFollowUp.return_reason] = reason
        if target_state is ActionStatus.verified:
            changes[PekpppFollowUp.verified_at] = _now()
            changes[PekpppFollowUp.verified_by] = actor.id
            changes[PekpppFollowUp.verified_by_name] = actor.full_name
        await PekpppFollowUp.update(changes).where(PekpppFollowUp.id == action_id)
        after: dict[str, Any] = {"status": target_state.value}
        if reason:
            after["reason"] = reason
        if target_state is ActionStatus.done:
            after["completed_on"] = completed_on.isoformat()  # type: ignore[union-attr]
        await audit.record(
            f"follow_up.{target_state.value}",
            ENTITY_ACTION,
            action_id,
            actor=actor,
            unit_id=current["unit"],
            request=request,
            before={"status": current["status"]},
            after=after,
        )
