"""Read-only queries of the surveys domain: periods, questionnaire, receipt codes, RTL, publication media,
quarantines and counts. Nothing here writes (the writers are in surveys.services)."""

from __future__ import annotations

from typing import Any

from piccolo.query.functions.aggregate import Count

from complaints.tables import Complaint
from portal.i18n import _
from portal.tables import Service, Unit
from surveys.errors import NotFound, SurveyError
from surveys.questionnaire import CHANNELS, STANDARD_CODES
from surveys.tables import (
    FollowUpAction,
    PublicationMedium,
    SurveyExtraUnsur,
    SurveyPeriod,
    SurveyQuarantine,
    SurveyResponse,
    SurveyToken,
)

# --- periods ---------------------------------------------------------------------------------------


async def get_period(period_id: int) -> dict[str, Any]:
    row = (
        await SurveyPeriod.select(SurveyPeriod.all_columns(), SurveyPeriod.unit.slug, SurveyPeriod.unit.name)
        .where(SurveyPeriod.id == period_id)
        .output(load_json=True)
        .first()
    )
    if row is None:
        raise NotFound(_("Periode survei tidak ditemukan."))
    return row


async def periods_for(unit_id: int | None = None) -> list[dict[str, Any]]:
    query = SurveyPeriod.select(SurveyPeriod.all_columns(), SurveyPeriod.unit.slug, SurveyPeriod.unit.name).output(
        load_json=True
    )
    if unit_id is not None:
        query = query.where(SurveyPeriod.unit == unit_id)
    return await query.order_by(SurveyPeriod.start_date, ascending=False).order_by(SurveyPeriod.id, ascending=False)


async def open_periods(unit_id: int | None = None, kind: str | None = None) -> list[dict[str, Any]]:
    query = (
        SurveyPeriod.select(SurveyPeriod.all_columns(), SurveyPeriod.unit.slug, SurveyPeriod.unit.name)
        .where(SurveyPeriod.accepting.eq(True))
        .output(load_json=True)
    )
    if unit_id is not None:
        query = query.where(SurveyPeriod.unit == unit_id)
    if kind is not None:
        query = query.where(SurveyPeriod.kind == kind)
    return await query.order_by(SurveyPeriod.start_date, ascending=False)


async def published_periods(unit_id: int) -> list[dict[str, Any]]:
    """A unit's published SKM periods, oldest first (the public results page, its charts and the API)."""
    return (
        await SurveyPeriod.select(SurveyPeriod.all_columns(), SurveyPeriod.unit.slug, SurveyPeriod.unit.name)
        .where((SurveyPeriod.unit == unit_id) & SurveyPeriod.published.eq(True) & (SurveyPeriod.kind == "skm"))
        .order_by(SurveyPeriod.start_date)
        .output(load_json=True)
    )


async def period_kind(period_id: int) -> str | None:
    row = await SurveyPeriod.select(SurveyPeriod.kind).where(SurveyPeriod.id == period_id).first()
    return row["kind"] if row else None


async def response_count(period_id: int) -> int:
    """Every stored response, held or not (the questionnaire is frozen once one exists)."""
    return await SurveyResponse.count().where(SurveyResponse.period == period_id)


async def counted_responses(period_id: int) -> int:
    """Responses that count in the IKM and the PEKPPP figures (not held in a quarantine)."""
    return await SurveyResponse.count().where((SurveyResponse.period == period_id) & SurveyResponse.held.eq(False))


# --- units and services ----------------------------------------------------------------------------


async def unit_by_slug(slug: str) -> dict[str, Any]:
    unit = await Unit.select(Unit.id, Unit.slug, Unit.name).where((Unit.slug == slug) & Unit.published.eq(True)).first()
    if unit is None:
        raise NotFound(_("Unit tidak ditemukan."))
    return unit


async def unit_choices(user: Any) -> list[dict[str, Any]]:
    """The units a staff member may open a period for: every unit for a system admin, else their own."""
    if user.is_system_admin:
        return await Unit.select(Unit.id, Unit.name).order_by(Unit.name)
    return [{"id": user.unit_id, "name": user.unit_name}]


async def services_of(unit_id: int) -> list[dict[str, Any]]:
    return (
        await Service.select(Service.id, Service.name, Service.slug)
        .where((Service.unit == unit_id) & Service.published.eq(True))
        .order_by(Service.name)
    )


async def complaint_service(complaint_id: int) -> int | None:
    """The service a complaint was about (the invitation's answer is bound to it), None when unknown."""
    row = await Complaint.select(Complaint.service).where(Complaint.id == complaint_id).first()
    return row["service"] if row else None


# --- questionnaire ---------------------------------------------------------------------------------


async def extra_unsur(period_id: int) -> list[dict[str, Any]]:
    return (
        await SurveyExtraUnsur.select()
        .where(SurveyExtraUnsur.period == period_id)
        .order_by(SurveyExtraUnsur.position)
        .output(load_json=True)
    )


async def unsur_codes(period_id: int) -> list[str]:
    return [*STANDARD_CODES, *(row["code"] for row in await extra_unsur(period_id))]


# --- receipt codes ---------------------------------------------------------------------------------


async def unused_tokens(period_id: int, limit: int = 500) -> list[dict[str, Any]]:
    return (
        await SurveyToken.select(SurveyToken.code, SurveyToken.created_at)
        .where((SurveyToken.period == period_id) & SurveyToken.used_at.is_null() & SurveyToken.complaint_id.is_null())
        .order_by(SurveyToken.id)
        .limit(limit)
    )


async def token_counts(period_id: int) -> dict[str, int]:
    total = await SurveyToken.count().where(SurveyToken.period == period_id)
    used = await SurveyToken.count().where((SurveyToken.period == period_id) & SurveyToken.used_at.is_not_null())
    return {"total": total, "used": used}


async def find_token(code: str) -> dict[str, Any]:
    """The token of a normalised code (surveys.periods.normalise_code) with its period and unit; NotFound
    when unknown, SurveyError when used or closed."""
    token = await SurveyToken.select().where(SurveyToken.code == code).first() if code else None
    if token is None:
        raise NotFound(_("Kode survei tidak dikenal. Periksa kembali kode pada bukti layanan Anda."))
    if token["used_at"] is not None:
        raise SurveyError(_("Kode survei ini sudah dipakai. Setiap kode hanya untuk satu jawaban."))
    period = await get_period(token["period"])
    if not period["accepting"]:
        raise SurveyError(_("Periode survei ini sudah ditutup."))
    return {"token": token, "period": period}


# --- follow-up (RTL) and publication media ---------------------------------------------------------


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


async def action_by_id(action_id: int) -> dict[str, Any] | None:
    return await FollowUpAction.select().where(FollowUpAction.id == action_id).first()


async def media_for(period_ids: list[int]) -> list[dict[str, Any]]:
    if not period_ids:
        return []
    return (
        await PublicationMedium.select()
        .where(PublicationMedium.period.is_in(period_ids))
        .order_by(PublicationMedium.id)
    )


# --- quarantines and counts per channel ------------------------------------------------------------


async def quarantines(period_id: int) -> list[dict[str, Any]]:
    rows = (
        await SurveyQuarantine.select()
        .where(SurveyQuarantine.period == period_id)
        .order_by(SurveyQuarantine.id, ascending=False)
    )
    for row in rows:
        row["responses"] = await SurveyResponse.count().where(SurveyResponse.quarantine == row["id"])
    return rows


async def mode_counts(period_ids: list[int]) -> dict[str, Any]:
    """Responses per channel that count, and how many are held: {"modes": {channel: n}, "held": n}."""
    modes = {channel: 0 for channel, _label in CHANNELS}
    held = 0
    if period_ids:
        # Grouped by the (period, channel, held) index's columns in its order: an index-only scan, no sort.
        rows = (
            await SurveyResponse.select(
                SurveyResponse.period, SurveyResponse.channel, SurveyResponse.held, Count(alias="n")
            )
            .where(SurveyResponse.period.is_in(list(period_ids)))
            .group_by(SurveyResponse.period, SurveyResponse.channel, SurveyResponse.held)
        )
        for row in rows:
            if row["held"]:
                held += int(row["n"])
            else:
                modes[row["channel"]] = modes.get(row["channel"], 0) + int(row["n"])
    return {"modes": modes, "held": held}
