"""Survey periods, their questionnaire (added unsur, weights), receipt tokens and complaint invitations."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from typing import Any

from complaints.states import CLOSED
from complaints.tables import Complaint
from portal.db import write_transaction
from portal.i18n import _
from portal.settings import get_settings
from portal.tables import Service, Unit
from surveys import formula
from surveys.questionnaire import GENERIC_LABELS, MAX_EXTRA_UNSUR, STANDARD_CODES
from surveys.tables import SurveyExtraUnsur, SurveyPeriod, SurveyResponse, SurveyToken

TOKEN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # noqa: S105 - no 0/O, 1/I/L; not a secret
TOKEN_LENGTH = 8
MAX_TOKEN_BATCH = 2000


class SurveyError(Exception):
    """A domain error with a message for the user (already in the request's language)."""

    def __init__(self, message: str, field: str = "__all__") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(SurveyError):
    pass


def now() -> datetime:
    return datetime.now(UTC)


def period_label(period_type: str, start: date, end: date) -> str:
    """Default names: 'Triwulan II 2026', 'Semester I 2026', 'Tahun 2026' (Indonesian, as printed)."""
    if period_type == "quarter":
        return f"Triwulan {('I', 'II', 'III', 'IV')[(start.month - 1) // 3]} {start.year}"
    if period_type == "semester":
        return f"Semester {'I' if start.month <= 6 else 'II'} {start.year}"
    return f"Tahun {start.year}"


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
) -> int:
    """A survey period; kind "f03" gets the PEKPPP F-03 questionnaire from its data file (surveys/f03.py)."""
    from surveys import f03

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
        if kind == f03.KIND_F03:
            await f03.add_items(rows[0]["id"])
    return rows[0]["id"]


async def _refuse_fixed_questionnaire(period_id: int) -> None:
    row = await SurveyPeriod.select(SurveyPeriod.kind).where(SurveyPeriod.id == period_id).first()
    if row and row["kind"] == "f03":
        raise SurveyError(_("Kuesioner F-03 ditetapkan oleh berkas definisinya; unsur dan bobot tidak dapat diubah."))


async def update_period(period_id: int, **changes: Any) -> None:
    columns = {getattr(SurveyPeriod, key): value for key, value in changes.items()}
    columns[SurveyPeriod.updated_at] = now()
    await SurveyPeriod.update(columns).where(SurveyPeriod.id == period_id)


async def response_count(period_id: int) -> int:
    """Every stored response, held or not (the questionnaire is frozen once one exists)."""
    return await SurveyResponse.count().where(SurveyResponse.period == period_id)


async def counted_responses(period_id: int) -> int:
    """Responses that count in the IKM and the PEKPPP figures (not held in a quarantine)."""
    return await SurveyResponse.count().where((SurveyResponse.period == period_id) & SurveyResponse.held.eq(False))


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


async def add_extra_unsur(period_id: int, *, name: str, question: str, labels: list[str] | None = None) -> str:
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
    return code


async def set_weights(period_id: int, weights: dict[str, str] | None) -> None:
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
        await update_period(period_id, weights=dict(weights or {}))


# --- tokens ----------------------------------------------------------------------------------------


def new_token_code() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:16]


def display_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}" if len(code) == TOKEN_LENGTH else code


def survey_url(code: str) -> str:
    return f"{get_settings().base_url.rstrip('/')}/survei/isi/{code}"


async def issue_tokens(period_id: int, count: int) -> list[str]:
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
    return codes


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


async def find_token(raw_code: str) -> dict[str, Any]:
    """The token with its period and unit; NotFound when unknown, SurveyError when used or closed."""
    code = normalise_code(raw_code)
    token = await SurveyToken.select().where(SurveyToken.code == code).first() if code else None
    if token is None:
        raise NotFound(_("Kode survei tidak dikenal. Periksa kembali kode pada bukti layanan Anda."))
    if token["used_at"] is not None:
        raise SurveyError(_("Kode survei ini sudah dipakai. Setiap kode hanya untuk satu jawaban."))
    period = await get_period(token["period"])
    if not period["accepting"]:
        raise SurveyError(_("Periode survei ini sudah ditutup."))
    return {"token": token, "period": period}


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


async def unit_by_slug(slug: str) -> dict[str, Any]:
    unit = await Unit.select(Unit.id, Unit.slug, Unit.name).where((Unit.slug == slug) & Unit.published.eq(True)).first()
    if unit is None:
        raise NotFound(_("Unit tidak ditemukan."))
    return unit


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
