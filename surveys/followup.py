"""Rencana tindak lanjut (RTL) of a period, publication media and the publication switch.

PEKPPP 8.a scores the share of RTL completed; 9.a the months from the SKM report date to the last
completion (see surveys.pekppp)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from portal import audit
from portal.db import write_transaction
from portal.i18n import _
from surveys.periods import SurveyError, get_period, now, unsur_codes
from surveys.questionnaire import MEDIA
from surveys.tables import FollowUpAction, PublicationMedium, SurveyPeriod


def evidence_dir(settings: Any) -> Path:
    return settings.upload_dir / "skm"


def evidence_path(storage_name: str, settings: Any) -> Path:
    from complaints.attachments import stored_path

    return stored_path(storage_name, evidence_dir(settings))


async def action_by_id(action_id: int) -> dict[str, Any] | None:
    return await FollowUpAction.select().where(FollowUpAction.id == action_id).first()


def months_between(start: date, end: date) -> float:
    """Calendar months between two dates, fractional by days (30.4375 days a month), never negative."""
    return max(0.0, round((end - start).days / 30.4375, 2))


async def actions_for(period_ids: list[int]) -> list[dict[str, Any]]:
    if not period_ids:
        return []
    return await FollowUpAction.select().where(FollowUpAction.period.is_in(period_ids)).order_by(
        FollowUpAction.due_date
    ).order_by(FollowUpAction.id)


async def get_action(action_id: int, period_id: int) -> dict[str, Any]:
    row = await FollowUpAction.select().where(
        (FollowUpAction.id == action_id) & (FollowUpAction.period == period_id)
    ).first()
    if row is None:
        raise SurveyError(_("Rencana tindak lanjut tidak ditemukan."))
    return row


def completion(actions: list[dict[str, Any]], report_date: date | None) -> dict[str, Any]:
    total = len(actions)
    done = [a for a in actions if a["completed_on"] is not None]
    pct = round(100 * len(done) / total, 2) if total else None
    months = None
    if total and len(done) == total and report_date is not None:
        months = months_between(report_date, max(a["completed_on"] for a in done))
    return {"total": total, "done": len(done), "pct": pct, "months_to_complete_all": months}


async def save_action(
    period_id: int, values: dict[str, Any], *, actor: Any, request: Any = None, action_id: int | None = None
) -> int:
    """Creates or updates one RTL item (values: unsur_code, action, owner, due_date, completed_on,
    evidence_url, evidence_note)."""
    if values["unsur_code"] not in await unsur_codes(period_id):
        raise SurveyError(_("Pilihan tidak valid."), "unsur_code")
    period = await get_period(period_id)
    async with write_transaction():
        if action_id is None:
            rows = await FollowUpAction.insert(
                FollowUpAction(period=period_id, created_at=now(), updated_at=now(), **values)
            ).returning(FollowUpAction.id)
            action_id = rows[0]["id"]
            before = None
        else:
            before = await get_action(action_id, period_id)
            await FollowUpAction.update(
                {**{getattr(FollowUpAction, k): v for k, v in values.items()}, FollowUpAction.updated_at: now()}
            ).where(FollowUpAction.id == action_id)
        await audit.record("skm_rtl_saved", "skm_follow_up", action_id, actor=actor, unit_id=period["unit"],
                           before=before, after=values, request=request)
    return action_id


async def delete_action(period_id: int, action_id: int, *, actor: Any, request: Any = None) -> None:
    period = await get_period(period_id)
    async with write_transaction():
        before = await get_action(action_id, period_id)
        await FollowUpAction.delete().where(FollowUpAction.id == action_id)
        await audit.record("skm_rtl_deleted", "skm_follow_up", action_id, actor=actor, unit_id=period["unit"],
                           before=before, request=request)


async def media_for(period_ids: list[int]) -> list[dict[str, Any]]:
    if not period_ids:
        return []
    return await PublicationMedium.select().where(PublicationMedium.period.is_in(period_ids)).order_by(
        PublicationMedium.id
    )


async def add_medium(period_id: int, medium: str, detail: str, published_on: date | None, *, actor: Any,
                     request: Any = None) -> None:
    if medium not in dict(MEDIA):
        raise SurveyError(_("Pilihan tidak valid."), "medium")
    period = await get_period(period_id)
    await PublicationMedium.insert(
        PublicationMedium(period=period_id, medium=medium, detail=detail, published_on=published_on,
                          created_at=now())
    )
    await audit.record("skm_medium_added", "skm_period", period_id, actor=actor, unit_id=period["unit"],
                       after={"medium": medium, "detail": detail}, request=request)


async def remove_medium(period_id: int, medium_id: int, *, actor: Any, request: Any = None) -> None:
    period = await get_period(period_id)
    await PublicationMedium.delete().where(
        (PublicationMedium.id == medium_id) & (PublicationMedium.period == period_id)
    )
    await audit.record("skm_medium_removed", "skm_period", period_id, actor=actor, unit_id=period["unit"],
                       before={"medium_id": medium_id}, request=request)


async def set_publication(period_id: int, *, published: bool, report_date: date | None, accepting: bool,
                          actor: Any, request: Any = None) -> None:
    period = await get_period(period_id)
    if published and report_date is None:
        report_date = now().date()
    changes = {SurveyPeriod.published: published, SurveyPeriod.report_date: report_date,
               SurveyPeriod.accepting: accepting, SurveyPeriod.updated_at: now()}
    await SurveyPeriod.update(changes).where(SurveyPeriod.id == period_id)
    await audit.record(
        "skm_publication", "skm_period", period_id, actor=actor, unit_id=period["unit"],
        before={"published": period["published"], "report_date": period["report_date"],
                "accepting": period["accepting"]},
        after={"published": published, "report_date": report_date, "accepting": accepting}, request=request,
    )
