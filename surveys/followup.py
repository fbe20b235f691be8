"""Rencana tindak lanjut (RTL) of a period, publication media and the publication switch.

PEKPPP 8.a scores the share of RTL completed; 9.a the months from the SKM report date to the last
completion (see surveys.pekppp)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from portal import audit, uploads
from portal.db import write_transaction
from portal.formatting import LOCAL_TZ
from portal.i18n import _
from surveys.periods import SurveyError, get_period, now, unsur_codes
from surveys.questionnaire import MEDIA
from surveys.tables import FollowUpAction, PublicationMedium, SurveyPeriod


def evidence_dir(settings: Any) -> Path:
    return settings.upload_dir / "skm"


def evidence_path(storage_name: str, settings: Any) -> Path:
    return uploads.stored_path(storage_name, evidence_dir(settings))


async def action_by_id(action_id: int) -> dict[str, Any] | None:
    return await FollowUpAction.select().where(FollowUpAction.id == action_id).first()


def months_between(start: date, end: date) -> float:
    """Calendar months between two dates, fractional by days (30.4375 days a month), never negative."""
    return max(0.0, round((end - start).days / 30.4375, 2))


async def actions_for(period_ids: list[int]) -> list[dict[str, Any]]:
    if not period_ids:
        return []
    return (
        await FollowUpAction.select()
        .where(FollowUpAction.period.is_in(period_ids))
        .order_by(FollowUpAction.due_date)
        .order_by(FollowUpAction.id)
    )


async def get_action(action_id: int, period_id: int) -> dict[str, Any]:
    row = (
        await FollowUpAction.select()
        .where((FollowUpAction.id == action_id) & (FollowUpAction.period == period_id))
        .first()
    )
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


def local_today(now: datetime | None = None) -> date:
    """Today's date in Asia/Jakarta (the date a unit sees on its calendar)."""
    return (now or datetime.now(UTC)).astimezone(LOCAL_TZ).date()


def local_date(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date()


def _day(value: date) -> str:
    return value.isoformat()


def check_action_dates(
    period: dict[str, Any], values: dict[str, Any], before: dict[str, Any] | None, today: date
) -> None:
    """The dates of an RTL item must be possible (issue 21): raise SurveyError(field) otherwise.

    * due date: not before the period starts;
    * completion: not in the future (Asia/Jakarta), not before the period starts, not before the SKM
      report date (which must be recorded first), not before the item was recorded in the portal, and
      only with an uploaded proof (the evidence upload of the RTL form).
    """
    due = values.get("due_date")
    if due is not None and due < period["start_date"]:
        raise SurveyError(
            _("Tenggat tidak boleh sebelum awal periode survei (%(d)s).") % {"d": _day(period["start_date"])},
            "due_date",
        )
    done = values.get("completed_on")
    if done is None:
        return
    if done > today:
        raise SurveyError(
            _("Tanggal selesai tidak boleh di masa depan (hari ini %(d)s).") % {"d": _day(today)}, "completed_on"
        )
    if done < period["start_date"]:
        raise SurveyError(
            _("Tanggal selesai tidak boleh sebelum awal periode survei (%(d)s).") % {"d": _day(period["start_date"])},
            "completed_on",
        )
    if period["report_date"] is None:
        raise SurveyError(
            _("Catat dahulu tanggal laporan SKM periode ini (bagian Publikasi); RTL disusun dari laporan itu."),
            "completed_on",
        )
    if done < period["report_date"]:
        raise SurveyError(
            _("Tanggal selesai tidak boleh sebelum tanggal laporan SKM (%(d)s).") % {"d": _day(period["report_date"])},
            "completed_on",
        )
    recorded = local_date(before["created_at"]) if before else today
    if done < recorded:
        raise SurveyError(
            _("Tanggal selesai tidak boleh sebelum RTL ini dicatat di portal (%(d)s).") % {"d": _day(recorded)},
            "completed_on",
        )
    if not (values.get("evidence_file") or (before and before["evidence_file"])):
        raise SurveyError(
            _("RTL yang selesai memerlukan bukti: unggah foto atau PDF hasil tindak lanjut."), "evidence_file"
        )


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


async def media_for(period_ids: list[int]) -> list[dict[str, Any]]:
    if not period_ids:
        return []
    return (
        await PublicationMedium.select()
        .where(PublicationMedium.period.is_in(period_ids))
        .order_by(PublicationMedium.id)
    )


async def add_medium(
    period_id: int, medium: str, detail: str, published_on: date | None, *, actor: Any, request: Any = None
) -> None:
    if medium not in dict(MEDIA):
        raise SurveyError(_("Pilihan tidak valid."), "medium")
    period = await get_period(period_id)
    if published_on is not None and published_on > local_today():
        raise SurveyError(_("Tanggal terbit tidak boleh di masa depan."), "published_on")
    if published_on is not None and published_on < period["start_date"]:
        raise SurveyError(
            _("Tanggal terbit tidak boleh sebelum awal periode survei (%(d)s).") % {"d": _day(period["start_date"])},
            "published_on",
        )
    await PublicationMedium.insert(
        PublicationMedium(period=period_id, medium=medium, detail=detail, published_on=published_on, created_at=now())
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


async def remove_medium(period_id: int, medium_id: int, *, actor: Any, request: Any = None) -> None:
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
            _("Tanggal laporan tidak boleh di masa depan (hari ini %(d)s).") % {"d": _day(today)}, "report_date"
        )
    if report_date < period["start_date"]:
        raise SurveyError(
            _("Tanggal laporan tidak boleh sebelum awal periode survei (%(d)s).") % {"d": _day(period["start_date"])},
            "report_date",
        )
    actions = await actions_for([period["id"]])
    limits = [local_date(a["created_at"]) for a in actions] + [a["completed_on"] for a in actions if a["completed_on"]]
    if limits and report_date > min(limits):
        raise SurveyError(
            _("Tanggal laporan tidak boleh sesudah RTL pertama dicatat atau diselesaikan (%(d)s).")
            % {"d": _day(min(limits))},
            "report_date",
        )


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
    period = await get_period(period_id)
    today = today or local_today()
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
