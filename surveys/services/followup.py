"""Writes of the rencana tindak lanjut (RTL), the publication media and the publication switch of a
period; each write and its audit row share one transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from portal import audit
from portal.cache import changes_public_pages
from portal.db import write_transaction
from portal.i18n import _
from surveys.errors import SurveyError
from surveys.followup import check_action_dates, day_text, local_date, local_today
from surveys.periods import now
from surveys.queries import actions_for, get_action, get_period, unsur_codes
from surveys.questionnaire import MEDIA
from surveys.tables import FollowUpAction, PublicationMedium, SurveyPeriod


@changes_public_pages
async def save_action(
    period_id: int,
    values: dict[str, Any],
    *,
    actor: Any,
    request: Any = None,
    action_id: int | None = None,
    today: date | None = None,
) -> int:
    """Creates or updates one RTL item (values: unsur_code, action, owner, due_date, completed_on,
    evidence_url, evidence_note[, evidence_file, evidence_file_type]); dates per check_action_dates."""
    if values["unsur_code"] not in await unsur_codes(period_id):
        raise SurveyError(_("Pilihan tidak valid."), "unsur_code")
    period = await get_period(period_id)
    today = today or local_today()
    async with write_transaction():
        existing = await get_action(action_id, period_id) if action_id is not None else None
        check_action_dates(period, values, existing, today)
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
        await audit.record(
            "skm_rtl_saved",
            "skm_follow_up",
            action_id,
            actor=actor,
            unit_id=period["unit"],
            before=before,
            after=values,
            request=request,
        )
    return action_id


@changes_public_pages
async def delete_action(period_id: int, action_id: int, *, actor: Any, request: Any = None) -> None:
    period = await get_period(period_id)
    async with write_transaction():
        before = await get_action(action_id, period_id)
        await FollowUpAction.delete().where(FollowUpAction.id == action_id)
        await audit.record(
            "skm_rtl_deleted",
            "skm_follow_up",
            action_id,
            actor=actor,
            unit_id=period["unit"],
            before=before,
            request=request,
        )


@changes_public_pages
async def add_medium(
    period_id: int, medium: str, detail: str, published_on: date | None, *, actor: Any, request: Any = None
) -> None:
    if medium not in dict(MEDIA):
        raise SurveyError(_("Pilihan tidak valid."), "medium")
    async with write_transaction():
        period = await get_period(period_id)
        if published_on is not None and published_on > local_today():
            raise SurveyError(_("Tanggal terbit tidak boleh di masa depan."), "published_on")
        if published_on is not None and published_on < period["start_date"]:
            raise SurveyError(
                _("Tanggal terbit tidak boleh sebelum awal periode survei (%(d)s).")
                % {"d": day_text(period["start_date"])},
                "published_on",
            )
        await PublicationMedium.insert(
            PublicationMedium(
                period=period_id, medium=medium, detail=detail, published_on=published_on, created_at=now()
            )
        )
        await audit.record(
            "skm_medium_added",
            "skm_period",
            period_id,
            actor=actor,
            unit_id=period["unit"],
            after={"medium": medium, "detail": detail},
            request=request,
        )


@changes_public_pages
async def remove_medium(period_id: int, medium_id: int, *, actor: Any, request: Any = None) -> None:
    async with write_transaction():
        period = await get_period(period_id)
        await PublicationMedium.delete().where(
            (PublicationMedium.id == medium_id) & (PublicationMedium.period == period_id)
        )
        await audit.record(
            "skm_medium_removed",
            "skm_period",
            period_id,
            actor=actor,
            unit_id=period["unit"],
            before={"medium_id": medium_id},
            request=request,
        )


async def check_report_date(period: dict[str, Any], report_date: date, today: date) -> None:
    """The SKM report date: not in the future, not before the period starts, and not after the first RTL
    item was recorded or completed (the RTL follows the report; a later report date would shorten 9.a)."""
    if report_date > today:
        raise SurveyError(
            _("Tanggal laporan tidak boleh di masa depan (hari ini %(d)s).") % {"d": day_text(today)}, "report_date"
        )
    if report_date < period["start_date"]:
        raise SurveyError(
            _("Tanggal laporan tidak boleh sebelum awal periode survei (%(d)s).")
            % {"d": day_text(period["start_date"])},
            "report_date",
        )
    actions = await actions_for([period["id"]])
    limits = [local_date(a["created_at"]) for a in actions] + [a["completed_on"] for a in actions if a["completed_on"]]
    if limits and report_date > min(limits):
        raise SurveyError(
            _("Tanggal laporan tidak boleh sesudah RTL pertama dicatat atau diselesaikan (%(d)s).")
            % {"d": day_text(min(limits))},
            "report_date",
        )


@changes_public_pages
async def set_publication(
    period_id: int,
    *,
    published: bool,
    report_date: date | None,
    accepting: bool,
    actor: Any,
    request: Any = None,
    today: date | None = None,
) -> None:
    today = today or local_today()
    async with write_transaction():
        period = await get_period(period_id)
        if published and report_date is None:
            report_date = period["report_date"] or today
        if report_date is not None and report_date != period["report_date"]:
            await check_report_date(period, report_date, today)
        changes = {
            SurveyPeriod.published: published,
            SurveyPeriod.report_date: report_date,
            SurveyPeriod.accepting: accepting,
            SurveyPeriod.updated_at: now(),
        }
        await SurveyPeriod.update(changes).where(SurveyPeriod.id == period_id)
        await audit.record(
            "skm_publication",
            "skm_period",
            period_id,
            actor=actor,
            unit_id=period["unit"],
            before={
                "published": period["published"],
                "report_date": period["report_date"],
                "accepting": period["accepting"],
            },
            after={"published": published, "report_date": report_date, "accepting": accepting},
            request=request,
        )
