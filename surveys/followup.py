"""Rencana tindak lanjut (RTL) of a period and its publication: the rules their dates follow.

PEKPPP 8.a scores the share of RTL completed; 9.a the months from the SKM report date to the last
completion (see surveys.pekppp). The writes are in surveys.services.followup."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from portal import uploads
from portal.formatting import LOCAL_TZ
from portal.i18n import _
from surveys.errors import SurveyError


def evidence_dir(settings: Any) -> Path:
    return settings.upload_dir / "skm"


def evidence_path(storage_name: str, settings: Any) -> Path:
    return uploads.stored_path(storage_name, evidence_dir(settings))


def months_between(start: date, end: date) -> float:
    """Calendar months between two dates, fractional by days (30.4375 days a month), never negative."""
    return max(0.0, round((end - start).days / 30.4375, 2))


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


def day_text(value: date) -> str:
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
            _("Tenggat tidak boleh sebelum awal periode survei (%(d)s).") % {"d": day_text(period["start_date"])},
            "due_date",
        )
    done = values.get("completed_on")
    if done is None:
        return
    if done > today:
        raise SurveyError(
            _("Tanggal selesai tidak boleh di masa depan (hari ini %(d)s).") % {"d": day_text(today)}, "completed_on"
        )
    if done < period["start_date"]:
        raise SurveyError(
            _("Tanggal selesai tidak boleh sebelum awal periode survei (%(d)s).")
            % {"d": day_text(period["start_date"])},
            "completed_on",
        )
    if period["report_date"] is None:
        raise SurveyError(
            _("Catat dahulu tanggal laporan SKM periode ini (bagian Publikasi); RTL disusun dari laporan itu."),
            "completed_on",
        )
    if done < period["report_date"]:
        raise SurveyError(
            _("Tanggal selesai tidak boleh sebelum tanggal laporan SKM (%(d)s).")
            % {"d": day_text(period["report_date"])},
            "completed_on",
        )
    recorded = local_date(before["created_at"]) if before else today
    if done < recorded:
        raise SurveyError(
            _("Tanggal selesai tidak boleh sebelum RTL ini dicatat di portal (%(d)s).") % {"d": day_text(recorded)},
            "completed_on",
        )
    if not (values.get("evidence_file") or (before and before["evidence_file"])):
        raise SurveyError(
            _("RTL yang selesai memerlukan bukti: unggah foto atau PDF hasil tindak lanjut."), "evidence_file"
        )
