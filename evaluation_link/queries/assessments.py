"""Read-only queries of assessments: units, the F-01 sheet (SheetView) with its index, the dashboard rows.

Nothing here writes; the writers are in evaluation_link.services.assessments."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from evaluation_link import scoring
from evaluation_link.instrument import DEFAULT_VERSION, Indicator, Instrument, load_instrument
from evaluation_link.tables import Assessment, AssessmentStatus, IndicatorScore
from portal.tables import Unit
from surveys.f03 import f03_result


class UnitNotFound(LookupError):
    pass


async def unit_by_slug(slug: str) -> dict[str, Any]:
    row = (
        await Unit.select(Unit.id, Unit.slug, Unit.name, Unit.published, Unit.complaint_channels)
        .where(Unit.slug == slug)
        .output(load_json=True)
        .first()
    )
    if row is None:
        raise UnitNotFound(slug)
    return row


async def unit_by_id(unit_id: int) -> dict[str, Any] | None:
    return await Unit.select(Unit.id, Unit.slug, Unit.name).where(Unit.id == unit_id).first()


async def units_for_dashboard() -> list[dict[str, Any]]:
    return await Unit.select(Unit.id, Unit.slug, Unit.name).order_by(Unit.name)


async def find_assessment(unit_id: int, year: int) -> dict[str, Any] | None:
    return await Assessment.select().where(Assessment.unit_year == f"{unit_id}:{year}").first()


def review_baseline(row: dict[str, Any]) -> int | None:
    """What the evaluator confirms or overrides: the portal's suggestion, else the unit's own score."""
    return row["suggested_score"] if row["suggested_score"] is not None else row["self_score"]


async def evidence_file_of_unit(unit_id: int, stored_name: str) -> dict[str, str] | None:
    """The evidence entry with this stored file name in one of the unit's assessments, if any."""
    rows = (
        await IndicatorScore.select(IndicatorScore.evidence)
        .where(IndicatorScore.assessment.unit == unit_id)
        .output(load_json=True)
    )
    for row in rows:
        for entry in row["evidence"] or []:
            if entry.get("file") == stored_name:
                return entry
    return None


def effective_score(row: dict[str, Any]) -> int | None:
    """Evaluator's score; before review, the suggestion, then the unit's own score (provisional)."""
    for key in ("evaluator_score", "suggested_score", "self_score"):
        if row.get(key) is not None:
            return row[key]
    return None


def f03_used(assessment: dict[str, Any]) -> float | None:
    """The evaluator's typed F-03 override if any, else the F-03 collected by the questionnaire."""
    if assessment.get("f03_score") is not None or assessment.get("status") == AssessmentStatus.locked.value:
        return assessment.get("f03_score")  # a locked assessment keeps the F-03 frozen when it was locked
    collected = assessment.get("f03_result")
    return float(collected.score) if collected is not None and collected.score is not None else None


async def attach_f03(assessment: dict[str, Any]) -> dict[str, Any]:
    """Adds `f03_result` (surveys.f03.F03Result of the unit-year) to an assessment row before it is scored."""
    if assessment.get("id") is not None:
        assessment["f03_result"] = await f03_result(assessment["unit"], assessment["year"])
    return assessment


def compute_from_rows(
    instrument: Instrument, assessment: dict[str, Any], rows: list[dict[str, Any]]
) -> scoring.IndexResult:
    scores = {r["indicator_no"]: effective_score(r) for r in rows}
    return scoring.compute_index(
        instrument,
        scores,
        f03=f03_used(assessment),
        evaluator_weight=assessment["evaluator_weight"],
        users_weight=assessment["users_weight"],
    )


@dataclass
class IndicatorView:
    indicator: Indicator
    row: dict[str, Any]

    @property
    def effective(self) -> int | None:
        return effective_score(self.row)

    @property
    def baseline(self) -> int | None:
        return review_baseline(self.row)


@dataclass
class SheetView:
    unit: dict[str, Any]
    assessment: dict[str, Any]
    instrument: Instrument
    aspects: list[tuple[Any, list[IndicatorView], Decimal | None]]
    index: scoring.IndexResult
    reviewed: int
    to_review: int

    @property
    def locked(self) -> bool:
        return self.assessment["status"] == AssessmentStatus.locked.value

    @property
    def final(self) -> bool:
        return self.locked

    def indicator_view(self, no: int) -> IndicatorView:
        for _aspect, views, _score in self.aspects:
            for view in views:
                if view.indicator.no == no:
                    return view
        raise KeyError(no)


BLANK_ROW = {
    "auto_figure": None,
    "auto_evidence": [],
    "suggested_score": None,
    "suggestion_reason": "",
    "self_score": None,
    "self_note": "",
    "evidence": [],
    "evaluator_score": None,
    "override_reason": "",
    "evaluator_comment": "",
    "reviewed_by": None,
    "reviewed_by_name": "",
    "reviewed_at": None,
}


def blank_sheet(unit: dict[str, Any], year: int, version: str = DEFAULT_VERSION) -> SheetView:
    """What an empty F-01 form shows before anything is saved (nothing is written)."""
    instrument = load_instrument(version)
    assessment = {
        "id": None,
        "unit": unit["id"],
        "year": year,
        "instrument_version": instrument.version,
        "status": AssessmentStatus.draft.value,
        "f03_score": None,
        "evaluator_weight": instrument.evaluator_weight,
        "users_weight": instrument.users_weight,
        "pulled_at": None,
    }
    rows = [{**BLANK_ROW, "indicator_no": i.no} for i in instrument.indicators]
    return _build_sheet(unit, assessment, instrument, rows)


async def sheet(unit: dict[str, Any], assessment: dict[str, Any]) -> SheetView:
    await attach_f03(assessment)
    instrument = load_instrument(assessment["instrument_version"])
    rows = await IndicatorScore.select().where(IndicatorScore.assessment == assessment["id"]).output(load_json=True)
    return _build_sheet(unit, assessment, instrument, rows)


def _build_sheet(
    unit: dict[str, Any], assessment: dict[str, Any], instrument: Instrument, rows: list[dict[str, Any]]
) -> SheetView:
    by_no = {r["indicator_no"]: r for r in rows}
    index = compute_from_rows(instrument, assessment, rows)
    aspects = []
    for aspect in instrument.aspects:
        views = [IndicatorView(i, by_no[i.no]) for i in instrument.indicators_of(aspect.code) if i.no in by_no]
        aspects.append((aspect, views, index.aspect_scores.get(aspect.code)))
    scored = [r for r in rows if instrument.aspect(instrument.indicator(r["indicator_no"]).aspect).weight > 0]
    reviewed = sum(1 for r in scored if r["evaluator_score"] is not None)
    return SheetView(unit, assessment, instrument, aspects, index, reviewed, len(scored) - reviewed)


async def sheet_for(unit_slug: str, year: int) -> SheetView | None:
    """The unit-year's sheet, or None before its assessment exists (UnitNotFound for an unknown slug)."""
    unit = await unit_by_slug(unit_slug)
    assessment = await find_assessment(unit["id"], year)
    if assessment is None:
        return None
    return await sheet(unit, assessment)


async def dashboard_rows(year: int | None = None) -> list[dict[str, Any]]:
    """One row per existing assessment: unit, year, status, aspect scores, IPP and category."""
    query = Assessment.select(Assessment.all_columns(), Assessment.unit.slug, Assessment.unit.name)
    if year is not None:
        query = query.where(Assessment.year == year)
    assessments = await query.order_by(Assessment.year, ascending=False)
    if not assessments:
        return []
    scores = await IndicatorScore.select(
        IndicatorScore.assessment,
        IndicatorScore.indicator_no,
        IndicatorScore.evaluator_score,
        IndicatorScore.suggested_score,
        IndicatorScore.self_score,
    ).where(IndicatorScore.assessment.is_in([a["id"] for a in assessments]))
    grouped: dict[int, list[dict[str, Any]]] = {}
    for row in scores:
        grouped.setdefault(row["assessment"], []).append(row)
    result = []
    for a in assessments:
        instrument = load_instrument(a["instrument_version"])
        index = compute_from_rows(instrument, await attach_f03(a), grouped.get(a["id"], []))
        result.append(
            {
                "unit_slug": a["unit.slug"],
                "unit_name": a["unit.name"],
                "year": a["year"],
                "status": a["status"],
                "aspects": index.aspect_scores,
                "f02": index.f02,
                "ipp": index.combined,
                "f03": index.f03,
                "category": index.band.category,
                "band": index.band,
                "instrument": instrument,
            }
        )
    result.sort(key=lambda r: (-r["year"], r["unit_name"]))
    return result
