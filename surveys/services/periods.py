"""Writes of survey periods: creating one, its questionnaire (added unsur, weights), receipt codes and the
invitation after a closed complaint. Each write and its audit row share one transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from complaints.states import CLOSED
from complaints.tables import Complaint
from portal import audit
from portal.db import write_transaction
from portal.i18n import _
from surveys import f03, formula
from surveys.errors import SurveyError
from surveys.periods import MAX_TOKEN_BATCH, new_token_code, now, period_label, survey_url
from surveys.queries import extra_unsur, get_period, open_periods, period_kind, response_count, unsur_codes
from surveys.questionnaire import GENERIC_LABELS, MAX_EXTRA_UNSUR
from surveys.tables import SurveyExtraUnsur, SurveyPeriod, SurveyToken


async def create_period(
    *,
    unit_id: int,
    period_type: str,
    start: date,
    end: date,
    population: int | None,
    population_source: str = "entered",
    label: str = "",
    open_access: bool = False,
    kind: str = "skm",
    actor: Any = None,
    request: Any = None,
) -> int:
    """A survey period; kind "f03" gets the PEKPPP F-03 questionnaire from its data file (surveys/f03.py).
    Audited as "skm_period_created" when a staff member (actor) creates it."""
    if end < start:
        raise SurveyError(_("Tanggal selesai harus sesudah tanggal mulai."), "end_date")
    if kind not in f03.KINDS:
        raise SurveyError(_("Pilihan tidak valid."), "kind")
    default_label = period_label(period_type, start, end)
    if kind == f03.KIND_F03:
        default_label = f"F-03 PEKPPP {default_label}"
    async with write_transaction():
        rows = await SurveyPeriod.insert(
            SurveyPeriod(
                unit=unit_id,
                period_type=period_type,
                year=start.year,
                kind=kind,
                label=label or default_label,
                start_date=start,
                end_date=end,
                population=population,
                population_source=population_source,
                open_access=open_access,
                weights={},
                created_at=now(),
                updated_at=now(),
            )
        ).returning(SurveyPeriod.id)
        period_id = rows[0]["id"]
        if kind == f03.KIND_F03:
            await f03.add_items(period_id)
        if actor is not None:
            await audit.record(
                "skm_period_created",
                "skm_period",
                period_id,
                actor=actor,
                unit_id=unit_id,
                after={"type": period_type, "start": start, "end": end, "population": population, "kind": kind},
                request=request,
            )
    return period_id


async def _refuse_fixed_questionnaire(period_id: int) -> None:
    if await period_kind(period_id) == "f03":
        raise SurveyError(_("Kuesioner F-03 ditetapkan oleh berkas definisinya; unsur dan bobot tidak dapat diubah."))


async def update_period(period_id: int, **changes: Any) -> None:
    columns = {getattr(SurveyPeriod, key): value for key, value in changes.items()}
    columns[SurveyPeriod.updated_at] = now()
    await SurveyPeriod.update(columns).where(SurveyPeriod.id == period_id)


async def add_extra_unsur(
    period_id: int,
    *,
    name: str,
    question: str,
    labels: list[str] | None = None,
    actor: Any = None,
    request: Any = None,
) -> str:
    """Adds an unsur (only before the first response, so every response answers the same questions)."""
    await _refuse_fixed_questionnaire(period_id)
    async with write_transaction():
        if await response_count(period_id):
            raise SurveyError(_("Kuesioner tidak dapat diubah setelah ada jawaban masuk."))
        existing = await extra_unsur(period_id)
        if len(existing) >= MAX_EXTRA_UNSUR:
            raise SurveyError(_("Paling banyak %(n)d unsur tambahan.") % {"n": MAX_EXTRA_UNSUR})
        code = f"x{len(existing) + 1}"
        await SurveyExtraUnsur.insert(
            SurveyExtraUnsur(
                period=period_id,
                code=code,
                name=name,
                question=question,
                labels=list(labels or GENERIC_LABELS),
                position=len(existing) + 1,
            )
        )
        # Custom weights no longer cover every unsur: back to equal weights until set again.
        await SurveyPeriod.update({SurveyPeriod.weights: {}, SurveyPeriod.updated_at: now()}).where(
            SurveyPeriod.id == period_id
        )
        if actor is not None:
            period = await get_period(period_id)
            await audit.record(
                "skm_unsur_added",
                "skm_period",
                period_id,
                actor=actor,
                unit_id=period["unit"],
                after={"code": code, "name": name, "question": question},
                request=request,
            )
    return code


async def set_weights(
    period_id: int, weights: dict[str, str] | None, *, actor: Any = None, request: Any = None
) -> None:
    """Custom weights (must cover every unsur and sum to 1) or None/{} for equal weights."""
    await _refuse_fixed_questionnaire(period_id)
    codes = await unsur_codes(period_id)
    if weights:
        try:
            formula.resolve_weights(codes, weights)
        except formula.WeightError as exc:
            raise SurveyError(
                _("Bobot harus diisi untuk setiap unsur, bernilai 0–1, dan berjumlah tepat 1."), "weights"
            ) from exc
    async with write_transaction():
        if await response_count(period_id):
            raise SurveyError(_("Kuesioner tidak dapat diubah setelah ada jawaban masuk."))
        before = await get_period(period_id)
        await update_period(period_id, weights=dict(weights or {}))
        if actor is not None:
            await audit.record(
                "skm_weights_set",
                "skm_period",
                period_id,
                actor=actor,
                unit_id=before["unit"],
                before={"weights": before["weights"]},
                after={"weights": dict(weights or {})},
                request=request,
            )


async def issue_tokens(period_id: int, count: int, *, actor: Any = None, request: Any = None) -> list[str]:
    """A batch of one-time receipt codes; with population_source "receipts" they count the population."""
    if not 1 <= count <= MAX_TOKEN_BATCH:
        raise SurveyError(_("Jumlah kode harus antara 1 dan %(n)d.") % {"n": MAX_TOKEN_BATCH}, "count")
    codes: list[str] = []
    async with write_transaction():
        period = await get_period(period_id)
        while len(codes) < count:
            code = new_token_code()
            if code in codes or await SurveyToken.exists().where(SurveyToken.code == code):
                continue
            codes.append(code)
        created = now()
        await SurveyToken.insert(*(SurveyToken(period=period_id, code=c, created_at=created) for c in codes))
        if period["population_source"] == "receipts":
            receipts = await SurveyToken.count().where(
                (SurveyToken.period == period_id) & SurveyToken.complaint_id.is_null()
            )
            await update_period(period_id, population=receipts)
        if actor is not None:
            await audit.record(
                "skm_tokens_issued",
                "skm_period",
                period_id,
                actor=actor,
                unit_id=period["unit"],
                after={"count": len(codes)},
                request=request,
            )
    return codes


async def invitation_for_closed_complaint(complaint_id: int) -> str | None:
    """The survey URL for the reporter of a closed complaint (one invitation and one answer per complaint).

    None when the complaint is not closed, has no unit, the unit has no period accepting answers, or
    the invitation was already answered.
    """
    complaint = (
        await Complaint.select(Complaint.id, Complaint.status, Complaint.unit)
        .where(Complaint.id == complaint_id)
        .first()
    )
    if complaint is None or complaint["status"] != CLOSED or complaint["unit"] is None:
        return None
    async with write_transaction():
        existing = await SurveyToken.select().where(SurveyToken.complaint_id == complaint_id).first()
        if existing is not None:
            return None if existing["used_at"] is not None else survey_url(existing["code"])
        today = now().date()
        periods = [p for p in await open_periods(complaint["unit"], "skm") if p["start_date"] <= today]
        if not periods:
            return None
        code = new_token_code()
        while await SurveyToken.exists().where(SurveyToken.code == code):
            code = new_token_code()
        await SurveyToken.insert(
            SurveyToken(period=periods[0]["id"], code=code, complaint_id=complaint_id, created_at=now())
        )
    return survey_url(code)
