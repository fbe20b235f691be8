"""The government-wide coordination view for Bagian Organisasi: every unit's IPP, band, aspect and indicator
scores, Mandiri stage (with deadlines and the late flag), follow-up progress, year-over-year movement and a
government-level summary index.

Reads only the stored figures (`CoordinationFigure`, written by services.assessments.store_figures whenever an
assessment's scores change), the assessments' stages, the year's deadlines and the follow-up progress;
never the complaints or other source tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any

from evaluation_link import scoring
from evaluation_link.instrument import DEFAULT_VERSION, Aspect, Indicator, Instrument, load_instrument
from evaluation_link.queries.follow_up import progress_by_unit, recommendations_for_year
from evaluation_link.tables import AssessmentStatus, CoordinationFigure, MandiriSchedule
from portal.formatting import LOCAL_TZ
from portal.i18n import N_, _
from portal.tables import Unit

SCHEDULE_ENTITY = "pekppp_mandiri_schedule"
# An indicator scored at or below this is weak; an aspect whose score is at or below WEAK_ASPECT is weak
# (below the B- band's 3.01). The portal's own choice, not from the Pedoman.
WEAK_SCORE = 2
WEAK_ASPECT = Decimal("3.00")

# The government summary index: how the units' IPP are combined. UNCONFIRMED: no public source gives
# the method; PORTAL_PEKPPP_SUMMARY_METHOD chooses one of these.
SUMMARY_METHODS = {
    "mean": N_("Rata-rata IPP unit"),
    "services": N_("Rata-rata IPP tertimbang jumlah layanan terbit"),
    "unit_type": N_("Rata-rata IPP tertimbang jenis unit"),
}

# The stage deadline that applies to each stage (MandiriSchedule column), and who is late then.
STAGE_DEADLINE = {
    AssessmentStatus.draft.value: "submit_due",
    AssessmentStatus.submitted.value: "review_due",
    AssessmentStatus.returned.value: "revision_due",
}
STAGE_LABELS = {
    "none": N_("Belum mulai"),
    AssessmentStatus.draft.value: N_("Pengisian F-01"),
    AssessmentStatus.submitted.value: N_("Ditelaah evaluator"),
    AssessmentStatus.returned.value: N_("Dikembalikan untuk revisi"),
    AssessmentStatus.locked.value: N_("Dikunci"),
}
SCHEDULE_FIELDS = ("submit_due", "review_due", "revision_due", "lock_due")
SCHEDULE_LABELS = {
    "submit_due": N_("Batas kirim F-01"),
    "review_due": N_("Batas telaah evaluator"),
    "revision_due": N_("Batas revisi unit"),
    "lock_due": N_("Batas penguncian"),
}
FOLLOW_UP_KEYS = ("planned", "in_progress", "done", "verified", "sent_back", "overdue")


def today_local() -> date:
    return datetime.now(UTC).astimezone(LOCAL_TZ).date()


# --- deadlines -----------------------------------------------------------------------------------------


async def schedule_for(year: int) -> dict[str, date | None]:
    row = await MandiriSchedule.select().where(MandiriSchedule.year == year).first()
    return {name: (row[name] if row else None) for name in SCHEDULE_FIELDS}


@dataclass(frozen=True, slots=True)
class Stage:
    status: str  # an AssessmentStatus value, or "none" before the unit starts
    due: date | None
    late: bool

    @property
    def label(self) -> str:
        return _(STAGE_LABELS[self.status])


def stage_of(status: str | None, schedule: dict[str, date | None], today: date) -> Stage:
    """The unit's stage and whether it is late: past the current stage's deadline, or past the lock
    deadline while not locked."""
    status = status or "none"
    if status == AssessmentStatus.locked.value:
        return Stage(status, None, False)
    due = schedule.get(STAGE_DEADLINE.get(status, "submit_due"))
    late = due is not None and today > due
    lock_due = schedule.get("lock_due")
    if lock_due is not None and today > lock_due:
        late = True
        due = due or lock_due
    return Stage(status, due, late)


# --- summary index --------------------------------------------------------------------------------------


def parse_type_weights(spec: str) -> dict[str, Decimal]:
    """'rsud=2,puskesmas=1' -> {"rsud": 2, "puskesmas": 1}; unknown or bad parts are ignored."""
    weights: dict[str, Decimal] = {}
    for part in spec.split(","):
        name, _sep, value = part.partition("=")
        try:
            weight = Decimal(value.strip())
        except ArithmeticError:
            continue
        if name.strip() and weight >= 0:
            weights[name.strip()] = weight
    return weights


def summary_index(
    units: list[dict[str, Any]], method: str, type_weights: dict[str, Decimal] | None = None
) -> Decimal | None:
    """The government-level index from the units' IPP (two decimals, half up). UNCONFIRMED method:
    "mean" = plain mean; "services" = weighted by each unit's published services; "unit_type" = weighted
    by a configured weight per unit type (1 when not configured)."""
    if method not in SUMMARY_METHODS:
        raise ValueError(method)
    total = weight_sum = Decimal(0)
    for unit in units:
        if unit.get("ipp") is None:
            continue
        if method == "mean":
            weight = Decimal(1)
        elif method == "services":
            weight = Decimal(unit.get("service_count") or 0)
        else:
            weight = (type_weights or {}).get(unit.get("unit_type") or "", Decimal(1))
        total += Decimal(unit["ipp"]) * weight
        weight_sum += weight
    if weight_sum == 0:
        return None
    return (total / weight_sum).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- the view -------------------------------------------------------------------------------------------


async def follow_up_progress(year: int) -> tuple[dict[int, dict[str, int]], bool]:
    """unit_id -> counts of the follow-up actions (from the follow-up domain), and whether it is available."""
    return await progress_by_unit(year), True


async def follow_up_recommendations(year: int) -> tuple[list[dict[str, Any]], bool]:
    return await recommendations_for_year(year), True


def _decimal(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class UnitRow:
    id: int
    slug: str
    name: str
    unit_type: str
    stage: Stage
    ipp: Decimal | None = None
    category: str = ""
    band_title: str = ""
    aspects: dict[str, Decimal | None] = field(default_factory=dict)
    indicators: dict[int, int | None] = field(default_factory=dict)
    service_count: int = 0
    last_ipp: Decimal | None = None
    last_aspects: dict[str, Decimal | None] = field(default_factory=dict)
    follow_up: dict[str, int] = field(default_factory=dict)

    @property
    def delta(self) -> Decimal | None:
        return None if self.ipp is None or self.last_ipp is None else self.ipp - self.last_ipp

    def weak_indicators(self, instrument: Instrument, aspect_code: str) -> list[tuple[Indicator, int | None]]:
        return [
            (i, self.indicators.get(i.no))
            for i in instrument.indicators_of(aspect_code)
            if self.indicators.get(i.no) is None or self.indicators[i.no] <= WEAK_SCORE
        ]

    def is_weak_in(self, aspect_code: str) -> bool:
        score = self.aspects.get(aspect_code)
        return score is not None and score <= WEAK_ASPECT

    def as_summary_input(self) -> dict[str, Any]:
        return {"ipp": self.ipp, "service_count": self.service_count, "unit_type": self.unit_type}


@dataclass
class AspectMovement:
    aspect: Aspect
    mean: Decimal | None
    last_mean: Decimal | None
    weak_units: list[UnitRow]

    @property
    def delta(self) -> Decimal | None:
        return None if self.mean is None or self.last_mean is None else self.mean - self.last_mean


@dataclass
class CoordinationView:
    year: int
    instrument: Instrument
    units: list[UnitRow]
    schedule: dict[str, date | None]
    method: str
    summary: Decimal | None
    last_summary: Decimal | None
    aspects: list[AspectMovement]
    indicator_means: dict[int, Decimal | None]
    follow_up_available: bool
    today: date

    @property
    def assessed(self) -> list[UnitRow]:
        return [u for u in self.units if u.ipp is not None]

    @cached_property
    def heat_indicators(self) -> list[Indicator]:
        return [i for i in self.instrument.indicators if self.instrument.aspect(i.aspect).weight > 0]

    @cached_property
    def heat_rows(self) -> list[tuple[UnitRow, list[tuple[int, int | None, str, str]]]]:
        """Per assessed unit: (indicator no, score, CSS class, word) for each heat-map cell."""
        words = {score: (heat_level(score), heat_text(score)) for score in (None, 0, 1, 2, 3, 4, 5)}
        return [
            (u, [(i.no, u.indicators.get(i.no), *words[u.indicators.get(i.no)]) for i in self.heat_indicators])
            for u in self.assessed
        ]

    @property
    def late_count(self) -> int:
        return sum(1 for u in self.units if u.stage.late)

    @property
    def method_label(self) -> str:
        return _(SUMMARY_METHODS[self.method])

    def summary_band(self) -> Any:
        return scoring.band_for(self.instrument, self.summary) if self.summary is not None else None


async def _figures(year: int) -> tuple[dict[int, dict[str, Any]], dict[int, dict[str, Any]]]:
    """The stored figures of `year` and of the year before, per unit (one query)."""
    rows = (
        await CoordinationFigure.select(
            CoordinationFigure.unit,
            CoordinationFigure.year,
            CoordinationFigure.status,
            CoordinationFigure.ipp,
            CoordinationFigure.category,
            CoordinationFigure.aspect_scores,
            CoordinationFigure.indicator_scores,
            CoordinationFigure.service_count,
        )
        .where(CoordinationFigure.year.is_in([year, year - 1]))
        .output(load_json=True)
    )
    this_year = {r["unit"]: r for r in rows if r["year"] == year}
    return this_year, {r["unit"]: r for r in rows if r["year"] == year - 1}


async def coordination_view(
    year: int, *, method: str = "mean", type_weights: dict[str, Decimal] | None = None, today: date | None = None
) -> CoordinationView:
    instrument = load_instrument(DEFAULT_VERSION)
    today = today or today_local()
    units = await Unit.select(Unit.id, Unit.slug, Unit.name, Unit.unit_type).order_by(Unit.name)
    this_year, last_year = await _figures(year)
    schedule = await schedule_for(year)
    progress, available = await follow_up_progress(year)
    rows: list[UnitRow] = []
    for unit in units:
        figure, previous = this_year.get(unit["id"]), last_year.get(unit["id"])
        row = UnitRow(
            unit["id"],
            unit["slug"],
            unit["name"],
            str(unit["unit_type"]),
            stage_of(figure["status"] if figure else None, schedule, today),
            follow_up={k: int((progress.get(unit["id"]) or {}).get(k, 0)) for k in FOLLOW_UP_KEYS},
        )
        if figure:
            row.ipp = _decimal(figure["ipp"])
            row.category = figure["category"]
            row.band_title = scoring.band_for(instrument, row.ipp or 0).title("id") if row.ipp is not None else ""
            row.aspects = {k: _decimal(v) for k, v in (figure["aspect_scores"] or {}).items()}
            row.indicators = {int(k): v for k, v in (figure["indicator_scores"] or {}).items()}
            row.service_count = figure["service_count"]
        if previous:
            row.last_ipp = _decimal(previous["ipp"])
            row.last_aspects = {k: _decimal(v) for k, v in (previous["aspect_scores"] or {}).items()}
        rows.append(row)
    aspects = []
    for aspect in instrument.scored_aspects:
        now_values = [u.aspects[aspect.code] for u in rows if u.aspects.get(aspect.code) is not None]
        last_values = [u.last_aspects[aspect.code] for u in rows if u.last_aspects.get(aspect.code) is not None]
        weak = sorted((u for u in rows if u.is_weak_in(aspect.code)), key=lambda u: u.aspects[aspect.code])
        aspects.append(AspectMovement(aspect, _mean(now_values), _mean(last_values), weak))
    indicator_means = {
        i.no: _mean([Decimal(u.indicators[i.no]) for u in rows if u.indicators.get(i.no) is not None])
        for i in instrument.indicators
    }
    last_inputs = [{"ipp": u.last_ipp, "service_count": u.service_count, "unit_type": u.unit_type} for u in rows]
    return CoordinationView(
        year=year,
        instrument=instrument,
        units=rows,
        schedule=schedule,
        method=method,
        summary=summary_index([u.as_summary_input() for u in rows], method, type_weights),
        last_summary=summary_index(last_inputs, method, type_weights),
        aspects=aspects,
        indicator_means=indicator_means,
        follow_up_available=available,
        today=today,
    )


def heat_level(score: int | Decimal | None) -> str:
    """The CSS class of a heat-map cell: heat-0 … heat-5 (rounded half up), heat-none without a score."""
    if score is None:
        return "heat-none"
    return f"heat-{int(Decimal(score).quantize(Decimal(1), rounding=ROUND_HALF_UP))}"


def heat_text(score: int | Decimal | None) -> str:
    """The words that go with the colour (screen readers, print, colour-blind users)."""
    if score is None:
        return _("belum ada skor")
    if score <= WEAK_SCORE:
        return _("lemah")
    if score < 4:
        return _("sedang")
    return _("baik")
