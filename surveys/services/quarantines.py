"""Quarantines of SKM answers (issue 21 item 2; the rules are described in surveys.ballots): the automatic
burst hold inside an answer's transaction, and the batches staff put on hold and release (audited)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from portal import audit
from portal.cache import changes_public_pages
from portal.db import write_transaction
from portal.i18n import _
from portal.settings import get_settings
from surveys.ballots import CHANNEL_LABELS, Ballot
from surveys.errors import SurveyError
from surveys.periods import now
from surveys.tables import SurveyQuarantine, SurveyResponse


async def hold_burst(period_id: int, response_id: int, ballot: Ballot, at: datetime) -> bool:
    """Inside the answer's transaction: put the window's open-mode answers on hold when they exceed the
    burst limit, or this answer when it came faster than a person fills the form. True when held."""
    settings = get_settings()
    since = at - timedelta(minutes=settings.skm_burst_minutes)
    recent = await SurveyResponse.select(SurveyResponse.id, SurveyResponse.quarantine).where(
        (SurveyResponse.period == period_id) & (SurveyResponse.channel == "open")
        & (SurveyResponse.submitted_at >= since)
    )  # fmt: skip
    too_fast = at - ballot.issued_at < timedelta(seconds=settings.skm_min_fill_seconds)
    if len(recent) <= settings.skm_burst_count and not too_fast:
        return False
    # The whole window's answers not yet in a quarantine (a released batch stays released), or only
    # this answer when it is merely too fast.
    ids = [row["id"] for row in recent if row["quarantine"] is None]
    if len(recent) <= settings.skm_burst_count:
        ids = [response_id]
    quarantine = await SurveyQuarantine.select(SurveyQuarantine.id).where(
        (SurveyQuarantine.period == period_id) & (SurveyQuarantine.kind == "burst")
        & SurveyQuarantine.released_at.is_null() & (SurveyQuarantine.last_held_at >= since)
    ).first()  # fmt: skip
    if quarantine is None:
        reason = _("Otomatis: lebih dari %(n)d jawaban terbuka dalam %(m)d menit, atau diisi terlalu cepat.") % {
            "n": settings.skm_burst_count, "m": settings.skm_burst_minutes}  # fmt: skip
        rows = await SurveyQuarantine.insert(
            SurveyQuarantine(period=period_id, kind="burst", reason=reason, created_at=at, last_held_at=at)
        ).returning(SurveyQuarantine.id)
        quarantine_id = rows[0]["id"]
        await audit.record("skm_burst_held", "skm_period", period_id, after={"quarantine": quarantine_id})
    else:
        quarantine_id = quarantine["id"]
        await SurveyQuarantine.update({SurveyQuarantine.last_held_at: at}).where(SurveyQuarantine.id == quarantine_id)
    await SurveyResponse.update({SurveyResponse.held: True, SurveyResponse.quarantine: quarantine_id}).where(
        SurveyResponse.id.is_in(ids) & SurveyResponse.quarantine.is_null()
    )
    return True


# --- quarantine by staff ---------------------------------------------------------------------------


@changes_public_pages
async def quarantine_batch(
    period: dict[str, Any],
    *,
    channel: str,
    start: datetime,
    end: datetime,
    reason: str,
    actor: Any,
    request: Any = None,
) -> int:
    """Hold the period's responses of `channel` ("" = all) submitted in [start, end]; returns how many."""
    reason = " ".join((reason or "").split())
    if len(reason) < 10:
        raise SurveyError(_("Tulis alasan karantina (paling sedikit 10 karakter)."), "reason")
    if channel and channel not in CHANNEL_LABELS:
        raise SurveyError(_("Pilihan tidak valid."), "channel")
    if end < start:
        raise SurveyError(_("Waktu akhir harus sesudah waktu mulai."), "end")
    where = (
        (SurveyResponse.period == period["id"]) & SurveyResponse.held.eq(False)
        & (SurveyResponse.submitted_at >= start) & (SurveyResponse.submitted_at <= end)
    )  # fmt: skip
    if channel:
        where &= SurveyResponse.channel == channel
    at = now()
    async with write_transaction():
        ids = [row["id"] for row in await SurveyResponse.select(SurveyResponse.id).where(where)]
        if not ids:
            raise SurveyError(_("Tidak ada jawaban pada rentang waktu dan kanal itu."), "start")
        rows = await SurveyQuarantine.insert(
            SurveyQuarantine(
                period=period["id"], kind="staff", reason=reason, created_by=actor.id, created_at=at, last_held_at=at
            )
        ).returning(SurveyQuarantine.id)
        quarantine_id = rows[0]["id"]
        await SurveyResponse.update({SurveyResponse.held: True, SurveyResponse.quarantine: quarantine_id}).where(
            SurveyResponse.id.is_in(ids)
        )
        await audit.record(
            "skm_quarantine",
            "skm_period",
            period["id"],
            actor=actor,
            unit_id=period["unit"],
            request=request,
            after={
                "quarantine": quarantine_id,
                "responses": len(ids),
                "channel": channel or "all",
                "start": start.isoformat(),
                "end": end.isoformat(),
                "reason": reason,
            },
        )
    return len(ids)


@changes_public_pages
async def release(period: dict[str, Any], quarantine_id: int, *, reason: str, actor: Any, request: Any = None) -> int:
    """Return a quarantine's responses to the figures; returns how many."""
    reason = " ".join((reason or "").split())
    if len(reason) < 10:
        raise SurveyError(_("Tulis alasan pelepasan (paling sedikit 10 karakter)."), "release_reason")
    at = now()
    async with write_transaction():
        row = (
            await SurveyQuarantine.select()
            .where((SurveyQuarantine.id == quarantine_id) & (SurveyQuarantine.period == period["id"]))
            .first()
        )
        if row is None or row["released_at"] is not None:
            raise SurveyError(_("Karantina tidak ditemukan atau sudah dilepas."), "release_reason")
        count = await SurveyResponse.count().where(SurveyResponse.quarantine == quarantine_id)
        await SurveyResponse.update({SurveyResponse.held: False}).where(SurveyResponse.quarantine == quarantine_id)
        await SurveyQuarantine.update({
            SurveyQuarantine.released_at: at, SurveyQuarantine.released_by: actor.id,
            SurveyQuarantine.release_reason: reason,
        }).where(SurveyQuarantine.id == quarantine_id)  # fmt: skip
        await audit.record(
            "skm_quarantine_released",
            "skm_period",
            period["id"],
            actor=actor,
            unit_id=period["unit"],
            request=request,
            after={"quarantine": quarantine_id, "responses": count, "reason": reason},
        )
    return count
