"""Assessments: creation, pulling the portal's figures, self-assessment (F-01), evaluator review,
locking and the stored figures. Every write goes through here, inside write_transaction(), and is audited.
Reads (the sheet, the dashboard) are in evaluation_link.queries.assessments."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from evaluation_link.figures import gather_facts
from evaluation_link.instrument import DEFAULT_VERSION, Instrument, available_versions, load_instrument
from evaluation_link.queries.assessments import (
    attach_f03,
    compute_from_rows,
    effective_score,
    f03_used,
    find_assessment,
    review_baseline,
)
from evaluation_link.rules import build_auto
from evaluation_link.tables import (
    UNIT_EDITABLE_STATUSES,
    Assessment,
    AssessmentStatus,
    CoordinationFigure,
    IndicatorScore,
)
from portal import audit
from portal.db import write_transaction
from portal.i18n import _
from portal.tables import Service, Unit

ENTITY = "pekppp_assessment"

# The Mandiri cycle with asistensi: which action moves an assessment from which stage to which stage.
# The stages are AssessmentStatus (tables.py); every move is audited in the same transaction.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (
        frozenset({AssessmentStatus.draft.value, AssessmentStatus.returned.value}),
        AssessmentStatus.submitted.value,
    ),
    "return": (frozenset({AssessmentStatus.submitted.value}), AssessmentStatus.returned.value),
    "lock": (
        frozenset({AssessmentStatus.draft.value, AssessmentStatus.submitted.value, AssessmentStatus.returned.value}),
        AssessmentStatus.locked.value,
    ),
}


class EvaluationError(Exception):
    """A domain rule refused the change; the message is for people."""

    def __init__(self, message: str, field: str = "__all__") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class AssessmentLocked(EvaluationError):
    pass


@dataclass(frozen=True, slots=True)
class ScoreInput:
    score: int | None
    note: str = ""


def jsonable(value: Any) -> Any:
    """Figures as plain JSON (dates as ISO strings) before they are stored."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if hasattr(v, "isoformat") else str(v)))


def _now() -> datetime:
    return datetime.now(UTC)


async def get_or_create_assessment(
    unit_id: int, year: int, *, actor: Any = None, version: str = DEFAULT_VERSION
) -> dict[str, Any]:
    existing = await find_assessment(unit_id, year)
    if existing:
        return existing
    instrument = load_instrument(version)
    async with write_transaction():
        existing = await find_assessment(unit_id, year)
        if existing:
            return existing
        now = _now()
        rows = await Assessment.insert(
            Assessment(
                unit=unit_id,
                year=year,
                unit_year=f"{unit_id}:{year}",
                instrument_version=instrument.version,
                evaluator_weight=instrument.evaluator_weight,
                users_weight=instrument.users_weight,
                created_at=now,
                updated_at=now,
            )
        ).returning(Assessment.id)
        assessment_id = rows[0]["id"]
        await IndicatorScore.insert(
            *[
                IndicatorScore(
                    assessment=assessment_id,
                    indicator_no=i.no,
                    assessment_indicator=f"{assessment_id}:{i.no}",
                    updated_at=now,
                )
                for i in instrument.indicators
            ]
        )
        await audit.record(
            "evaluation.create",
            ENTITY,
            assessment_id,
            actor=actor,
            unit_id=unit_id,
            after={"year": year, "instrument": instrument.version},
        )
    return await Assessment.select().where(Assessment.id == assessment_id).first()


async def _assessment(assessment_id: int) -> dict[str, Any]:
    row = await Assessment.select().where(Assessment.id == assessment_id).first()
    if row is None:
        raise EvaluationError(_("Penilaian tidak ditemukan."))
    return row


def _ensure_open(assessment: dict[str, Any]) -> None:
    if assessment["status"] == AssessmentStatus.locked.value:
        raise AssessmentLocked(_("Penilaian ini sudah dikunci; tidak dapat diubah lagi."))


class NotEditableByUnit(EvaluationError):
    pass


def _ensure_unit_can_edit(assessment: dict[str, Any]) -> None:
    """F-01 is the unit's only while in draft or returned with comments."""
    _ensure_open(assessment)
    if assessment["status"] not in UNIT_EDITABLE_STATUSES:
        raise NotEditableByUnit(
            _("F-01 sudah dikirim ke evaluator; dapat diubah lagi setelah evaluator mengembalikannya dengan catatan.")
        )


def _ensure_transition(assessment: dict[str, Any], action: str) -> str:
    allowed, target = TRANSITIONS[action]
    _ensure_open(assessment)
    if assessment["status"] not in allowed:
        raise EvaluationError(_("Langkah ini tidak dapat dilakukan pada tahap sekarang."))
    return target


async def store_figures(assessment_id: int) -> None:
    """Write the assessment's stored figures for the coordination view (call inside the write's
    transaction). Reads only the indicator scores and the unit's published services, never complaints."""
    assessment = await _assessment(assessment_id)
    instrument = load_instrument(assessment["instrument_version"])
    rows = await IndicatorScore.select(
        IndicatorScore.indicator_no,
        IndicatorScore.evaluator_score,
        IndicatorScore.suggested_score,
        IndicatorScore.self_score,
    ).where(IndicatorScore.assessment == assessment_id)
    index = compute_from_rows(instrument, assessment, rows)
    services = await Service.count().where((Service.unit == assessment["unit"]) & (Service.published == True))  # noqa: E712
    values = {
        "unit": assessment["unit"],
        "year": assessment["year"],
        "status": assessment["status"],
        "ipp": str(index.combined),
        "f02": str(index.f02),
        "category": index.band.category,
        "aspect_scores": {code: (str(v) if v is not None else None) for code, v in index.aspect_scores.items()},
        "indicator_scores": {str(r["indicator_no"]): effective_score(r) for r in rows},
        "service_count": services,
        "computed_at": _now(),
    }
    existing = (
        await CoordinationFigure.select(CoordinationFigure.id)
        .where(CoordinationFigure.assessment == assessment_id)
        .first()
    )
    if existing:
        await CoordinationFigure.update({getattr(CoordinationFigure, k): v for k, v in values.items()}).where(
            CoordinationFigure.id == existing["id"]
        )
    else:
        await CoordinationFigure.insert(CoordinationFigure(assessment=assessment_id, **values))


async def pull_portal_data(assessment_id: int, *, actor: Any = None, request: Any = None) -> int:
    """Recompute every auto-filled indicator from the portal's records; returns how many were updated."""
    assessment = await _assessment(assessment_id)
    _ensure_open(assessment)
    instrument = load_instrument(assessment["instrument_version"])
    unit = (
        await Unit.select(Unit.id, Unit.slug, Unit.name, Unit.published, Unit.complaint_channels)
        .where(Unit.id == assessment["unit"])
        .output(load_json=True)
        .first()
    )
    facts = await gather_facts(unit, assessment["year"], instrument)
    results = {i.no: build_auto(i, facts, assessment["year"]) for i in instrument.indicators if i.is_auto}
    now = _now()
    async with write_transaction():
        _ensure_open(await _assessment(assessment_id))
        for no, result in results.items():
            await IndicatorScore.update(
                {
                    IndicatorScore.auto_figure: jsonable(result.figure),
                    IndicatorScore.auto_evidence: jsonable(result.evidence),
                    IndicatorScore.suggested_score: result.suggestion.score,
                    IndicatorScore.suggestion_reason: result.suggestion.reason,
                    IndicatorScore.updated_at: now,
                }
            ).where(IndicatorScore.assessment_indicator == f"{assessment_id}:{no}")
        await Assessment.update({Assessment.pulled_at: now, Assessment.updated_at: now}).where(
            Assessment.id == assessment_id
        )
        await store_figures(assessment_id)
        await audit.record(
            "evaluation.pull",
            ENTITY,
            assessment_id,
            actor=actor,
            unit_id=assessment["unit"],
            request=request,
            after={str(no): r.suggestion.score for no, r in results.items()},
        )
    return len(results)


def _valid_score(instrument: Instrument, score: int | None) -> bool:
    return score is None or instrument.scale_min <= score <= instrument.scale_max


async def save_self_assessment(
    assessment_id: int,
    answers: dict[int, ScoreInput],
    evidence: dict[int, list[dict[str, str]]],
    *,
    actor: Any,
    request: Any = None,
) -> None:
    """F-01: the unit's own score, note and evidence per indicator (refused once locked)."""
    assessment = await _assessment(assessment_id)
    instrument = load_instrument(assessment["instrument_version"])
    for no, answer in answers.items():
        instrument.indicator(no)
        if not _valid_score(instrument, answer.score):
            raise EvaluationError(_("Skor harus 0–5."), field=f"self_score_{no}")
    async with write_transaction():
        current = await _assessment(assessment_id)
        _ensure_unit_can_edit(current)
        before = (
            await IndicatorScore.select(
                IndicatorScore.indicator_no,
                IndicatorScore.self_score,
                IndicatorScore.self_note,
                IndicatorScore.evidence,
            )
            .where(IndicatorScore.assessment == assessment_id)
            .output(load_json=True)
        )
        old = {r["indicator_no"]: r for r in before}
        now = _now()
        for no, answer in answers.items():
            links = [*old[no]["evidence"], *evidence.get(no, [])] if no in old else evidence.get(no, [])
            await IndicatorScore.update(
                {
                    IndicatorScore.self_score: answer.score,
                    IndicatorScore.self_note: answer.note,
                    IndicatorScore.evidence: links,
                    IndicatorScore.updated_at: now,
                }
            ).where(IndicatorScore.assessment_indicator == f"{assessment_id}:{no}")
        await Assessment.update({Assessment.updated_at: now}).where(Assessment.id == assessment_id)
        await store_figures(assessment_id)
        await audit.record(
            "evaluation.self_assessment",
            ENTITY,
            assessment_id,
            actor=actor,
            unit_id=current["unit"],
            request=request,
            before={str(no): old[no]["self_score"] for no in answers if no in old},
            after={str(no): a.score for no, a in answers.items()},
        )


async def submit_self_assessment(assessment_id: int, *, actor: Any, request: Any = None) -> None:
    """The unit sends F-01 to the evaluator (from draft, or again after a return); it cannot edit afterwards."""
    async with write_transaction():
        current = await _assessment(assessment_id)
        target = _ensure_transition(current, "submit")
        await Assessment.update(
            {Assessment.status: target, Assessment.submitted_at: _now(), Assessment.updated_at: _now()}
        ).where(Assessment.id == assessment_id)
        await store_figures(assessment_id)
        await audit.record(
            "evaluation.submit",
            ENTITY,
            assessment_id,
            actor=actor,
            unit_id=current["unit"],
            request=request,
            before={"status": current["status"]},
            after={"status": target},
        )


async def return_for_revision(assessment_id: int, comments: dict[int, str], *, actor: Any, request: Any = None) -> None:
    """Asistensi: the evaluator sends a submitted F-01 back with a comment on at least one indicator."""
    assessment = await _assessment(assessment_id)
    instrument = load_instrument(assessment["instrument_version"])
    cleaned = {}
    for no, text in comments.items():
        instrument.indicator(no)
        text = text.strip()
        if len(text) > 2000:
            raise EvaluationError(_("Catatan paling panjang 2000 karakter."), field=f"comment_{no}")
        cleaned[no] = text
    if not any(cleaned.values()):
        raise EvaluationError(
            _("Tuliskan catatan pada sedikitnya satu indikator sebelum mengembalikan F-01."), field="comments"
        )
    async with write_transaction():
        current = await _assessment(assessment_id)
        target = _ensure_transition(current, "return")
        now = _now()
        for no, text in cleaned.items():
            await IndicatorScore.update({IndicatorScore.evaluator_comment: text, IndicatorScore.updated_at: now}).where(
                IndicatorScore.assessment_indicator == f"{assessment_id}:{no}"
            )
        await Assessment.update(
            {Assessment.status: target, Assessment.returned_at: now, Assessment.updated_at: now}
        ).where(Assessment.id == assessment_id)
        await store_figures(assessment_id)
        await audit.record(
            "evaluation.return",
            ENTITY,
            assessment_id,
            actor=actor,
            unit_id=current["unit"],
            request=request,
            before={"status": current["status"]},
            after={"status": target, "comments": {str(no): t for no, t in cleaned.items() if t}},
        )


async def review_indicator(
    assessment_id: int, indicator_no: int, score: int | None, reason: str, *, actor: Any, request: Any = None
) -> dict[str, Any]:
    """The evaluator's score. A score different from the suggestion needs a reason (kept in the audit log)."""
    assessment = await _assessment(assessment_id)
    instrument = load_instrument(assessment["instrument_version"])
    instrument.indicator(indicator_no)
    if score is None:
        raise EvaluationError(_("Pilih skor 0–5."), field="evaluator_score")
    if not _valid_score(instrument, score):
        raise EvaluationError(_("Skor harus 0–5."), field="evaluator_score")
    key = f"{assessment_id}:{indicator_no}"
    async with write_transaction():
        _ensure_open(await _assessment(assessment_id))
        row = (
            await IndicatorScore.select()
            .where(IndicatorScore.assessment_indicator == key)
            .output(load_json=True)
            .first()
        )
        baseline = review_baseline(row)
        reason = reason.strip()
        if baseline is not None and score != baseline and not reason:
            raise EvaluationError(
                _("Skor berbeda dari skor usulan (%(s)d); tuliskan alasannya.") % {"s": baseline},
                field="override_reason",
            )
        now = _now()
        await IndicatorScore.update(
            {
                IndicatorScore.evaluator_score: score,
                IndicatorScore.override_reason: reason,
                IndicatorScore.reviewed_by: actor.id,
                IndicatorScore.reviewed_by_name: actor.full_name,
                IndicatorScore.reviewed_at: now,
                IndicatorScore.updated_at: now,
            }
        ).where(IndicatorScore.assessment_indicator == key)
        await store_figures(assessment_id)
        action = "evaluation.override" if baseline is not None and score != baseline else "evaluation.review"
        await audit.record(
            action,
            ENTITY,
            assessment_id,
            actor=actor,
            unit_id=assessment["unit"],
            request=request,
            before={
                "indicator": indicator_no,
                "suggested": row["suggested_score"],
                "self": row["self_score"],
                "evaluator": row["evaluator_score"],
            },
            after={"indicator": indicator_no, "evaluator": score, "reason": reason},
        )
    return (
        await IndicatorScore.select().where(IndicatorScore.assessment_indicator == key).output(load_json=True).first()
    )


async def set_user_survey(
    assessment_id: int,
    f03: float | None,
    evaluator_weight: float,
    users_weight: float,
    *,
    actor: Any,
    request: Any = None,
    reason: str = "",
) -> None:
    """The F-02/F-03 weights (unconfirmed, so configurable) and the evaluator's typed F-03 override.

    The F-03 normally comes from the F-03 questionnaire (surveys/f03.py); typing a value replaces it and
    needs a reason, audited as `evaluation.f03_override`. An empty value goes back to the collected F-03."""
    if f03 is not None and not 0 <= f03 <= 5:
        raise EvaluationError(_("Nilai F-03 harus 0–5."), field="f03_score")
    if evaluator_weight < 0 or users_weight < 0 or abs(evaluator_weight + users_weight - 1) > 1e-9:
        raise EvaluationError(_("Bobot evaluator dan pengguna harus berjumlah 1."), field="evaluator_weight")
    reason = reason.strip()
    async with write_transaction():
        current = await _assessment(assessment_id)
        _ensure_open(current)
        override_changed = f03 != current["f03_score"]
        if f03 is not None and override_changed and not reason:
            raise EvaluationError(
                _("Nilai F-03 yang diketik menggantikan hasil kuesioner; tuliskan alasannya."), field="f03_reason"
            )
        if f03 is None:
            reason = ""
        elif not override_changed:
            reason = reason or current.get("f03_override_reason", "")
        await Assessment.update(
            {
                Assessment.f03_score: f03,
                Assessment.f03_override_reason: reason,
                Assessment.evaluator_weight: evaluator_weight,
                Assessment.users_weight: users_weight,
                Assessment.updated_at: _now(),
            }
        ).where(Assessment.id == assessment_id)
        await store_figures(assessment_id)
        await audit.record(
            "evaluation.f03_override" if override_changed else "evaluation.f03",
            ENTITY,
            assessment_id,
            actor=actor,
            unit_id=current["unit"],
            request=request,
            before={
                "f03": current["f03_score"],
                "ew": current["evaluator_weight"],
                "uw": current["users_weight"],
                "reason": current.get("f03_override_reason", ""),
            },
            after={"f03": f03, "ew": evaluator_weight, "uw": users_weight, "reason": reason},
        )


async def set_instrument(assessment_id: int, version: str, *, actor: Any, request: Any = None) -> None:
    """Records which instrument (Kode A, Kode B, ...) the assessment uses; refused once locked.

    Indicators the new instrument defines differently (another code) or not at all lose their rows
    (figures and scores), missing ones get empty rows; the rest keep their scores."""
    if version not in available_versions():
        raise EvaluationError(_("Pilihan tidak valid."), field="instrument")
    instrument = load_instrument(version)
    async with write_transaction():
        current = await _assessment(assessment_id)
        _ensure_open(current)
        if current["instrument_version"] == version:
            return
        old = load_instrument(current["instrument_version"])
        old_codes = {i.no: i.code for i in old.indicators}
        keep = {i.no for i in instrument.indicators if old_codes.get(i.no) == i.code}
        rows = await IndicatorScore.select(IndicatorScore.indicator_no).where(
            IndicatorScore.assessment == assessment_id
        )
        existing = {r["indicator_no"] for r in rows}
        dropped = sorted(existing - keep)
        if dropped:
            await IndicatorScore.delete().where(
                (IndicatorScore.assessment == assessment_id) & IndicatorScore.indicator_no.is_in(dropped)
            )
        now = _now()
        added = [i.no for i in instrument.indicators if i.no not in existing or i.no in dropped]
        if added:
            await IndicatorScore.insert(
                *[
                    IndicatorScore(
                        assessment=assessment_id,
                        indicator_no=no,
                        assessment_indicator=f"{assessment_id}:{no}",
                        updated_at=now,
                    )
                    for no in added
                ]
            )
        await Assessment.update({Assessment.instrument_version: version, Assessment.updated_at: now}).where(
            Assessment.id == assessment_id
        )
        await audit.record(
            "evaluation.instrument",
            ENTITY,
            assessment_id,
            actor=actor,
            unit_id=current["unit"],
            request=request,
            before={"instrument": current["instrument_version"]},
            after={
                "instrument": version,
                "reset_indicators": [n for n in dropped if n in {i.no for i in instrument.indicators}],
            },
        )


async def lock_assessment(assessment_id: int, *, actor: Any, request: Any = None) -> None:
    """Lock once every scored indicator has the evaluator's score; nothing changes afterwards."""
    async with write_transaction():
        current = await _assessment(assessment_id)
        target = _ensure_transition(current, "lock")
        instrument = load_instrument(current["instrument_version"])
        scored = {i.no for i in instrument.indicators if instrument.aspect(i.aspect).weight > 0}
        rows = await IndicatorScore.select(IndicatorScore.indicator_no, IndicatorScore.evaluator_score).where(
            IndicatorScore.assessment == assessment_id
        )
        missing = sorted(
            r["indicator_no"] for r in rows if r["indicator_no"] in scored and r["evaluator_score"] is None
        )
        if missing:
            raise EvaluationError(
                _("Belum dinilai evaluator: indikator %(list)s.") % {"list": ", ".join(map(str, missing))}
            )
        now = _now()
        await attach_f03(current)
        frozen: dict[Any, Any] = {}
        if current["f03_score"] is None and f03_used(current) is not None:
            result = current["f03_result"]
            note = _("Hasil kuesioner F-03, %(n)d responden, dibekukan saat dikunci.") % {"n": result.respondents}
            frozen = {Assessment.f03_score: f03_used(current), Assessment.f03_override_reason: note}
        await Assessment.update(
            {
                **frozen,
                Assessment.status: target,
                Assessment.locked_by: actor.id,
                Assessment.locked_by_name: actor.full_name,
                Assessment.locked_at: now,
                Assessment.updated_at: now,
            }
        ).where(Assessment.id == assessment_id)
        index = compute_from_rows(instrument, current, rows)
        await store_figures(assessment_id)
        await audit.record(
            "evaluation.lock",
            ENTITY,
            assessment_id,
            actor=actor,
            unit_id=current["unit"],
            request=request,
            after={"ipp": str(index.combined), "category": index.band.category, "f03": f03_used(current)},
        )
