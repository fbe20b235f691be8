"""Open-mode SKM ballots, burst detection and quarantines (issue 21 item 2).

* **Ballot**: the open-mode form carries a hidden field with a ballot signed by the server
  (`period.issued.nonce.signature`, HMAC-SHA256 with the secret key). A submission needs a valid,
  unexpired (`PORTAL_SKM_BALLOT_HOURS`) ballot for that period; its nonce is stored in the response's
  UNIQUE `ballot` column, so a ballot is accepted once and refused on reuse, even under races. Plain
  HTML: no JavaScript needed.
* **Burst**: more than `PORTAL_SKM_BURST_COUNT` open-mode answers to one period within
  `PORTAL_SKM_BURST_MINUTES` put the whole window's open-mode answers on hold in a "burst" quarantine;
  so do answers sent less than `PORTAL_SKM_MIN_FILL_SECONDS` after the form was served.
* **Quarantine**: held responses leave the IKM, the counts and the PEKPPP figures until released. Staff
  of the unit quarantine a batch (period, channel, time window) with a reason; staff release a
  quarantine with a reason. Both are audited.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from piccolo.query.functions.aggregate import Count

from portal import audit
from portal.db import write_transaction
from portal.i18n import N_, _
from portal.settings import get_settings
from surveys.periods import SurveyError, now
from surveys.tables import SurveyQuarantine, SurveyResponse

CHANNEL_LABELS = {
    "web": N_("Kode pada bukti layanan"),
    "complaint": N_("Undangan setelah pengaduan selesai"),
    "open": N_("Terbuka (tanpa kode)"),
    "paper": N_("Kuesioner kertas (dientri petugas)"),
}


class BallotRefused(SurveyError):
    pass


def _signature(payload: str) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, f"skm-ballot:{payload}".encode(), hashlib.sha256).hexdigest()[:32]


def issue_ballot(period_id: int, at: datetime | None = None) -> str:
    issued = int((at or now()).timestamp())
    payload = f"{period_id}.{issued}.{secrets.token_urlsafe(18)}"
    return f"{payload}.{_signature(payload)}"


@dataclass(frozen=True, slots=True)
class Ballot:
    nonce: str
    issued_at: datetime


def check_ballot(raw: str, period_id: int, at: datetime | None = None) -> Ballot:
    """The ballot's nonce and issue time; BallotRefused when it is missing, forged, for another period
    or expired."""
    refused = BallotRefused(_("Formulir survei ini tidak sah atau sudah kedaluwarsa. Buka kembali formulir survei."))
    parts = (raw or "").strip().split(".")
    if len(parts) != 4 or not parts[1].isdigit():
        raise refused
    payload = ".".join(parts[:3])
    if not hmac.compare_digest(parts[3], _signature(payload)) or parts[0] != str(period_id):
        raise refused
    issued_at = datetime.fromtimestamp(int(parts[1]), UTC)
    moment = at or now()
    if issued_at > moment + timedelta(minutes=5) or moment - issued_at > timedelta(
        hours=get_settings().skm_ballot_hours
    ):
        raise refused
    return Ballot(nonce=parts[2], issued_at=issued_at)


def valid_or_new(raw: str, period_id: int) -> str:
    """The submitted ballot when still valid (re-shown after a form error), else a fresh one."""
    try:
        check_ballot(raw, period_id)
    except BallotRefused:
        return issue_ballot(period_id)
    return raw


# --- burst detection --------------------------------------------------------------------------------


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


# --- quarantine by staff -----------------------------------------------------------------------------


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


async def quarantines(period_id: int) -> list[dict[str, Any]]:
    rows = (
        await SurveyQuarantine.select()
        .where(SurveyQuarantine.period == period_id)
        .order_by(SurveyQuarantine.id, ascending=False)
    )
    for row in rows:
        row["responses"] = await SurveyResponse.count().where(SurveyResponse.quarantine == row["id"])
    return rows


# --- counts per mode ----------------------------------------------------------------------------------


async def mode_counts(period_ids: list[int]) -> dict[str, Any]:
    """Responses per channel that count, and how many are held: {"modes": {channel: n}, "held": n}."""
    modes = {channel: 0 for channel in CHANNEL_LABELS}
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


def mode_lines(counts: dict[str, Any]) -> list[tuple[str, int]]:
    """(label, count) per channel, then the held responses; for pages and exports."""
    lines = [(_(CHANNEL_LABELS.get(channel, channel)), n) for channel, n in counts["modes"].items()]
    lines.append((_("Dikarantina (tidak dihitung)"), counts["held"]))
    return lines
