"""SKM results computed in the database: one aggregate query (COUNT/SUM per unsur column), then the
exact formula of surveys.formula. Never loads response rows into Python."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from piccolo.query.functions.aggregate import Count, Sum

from portal.i18n import _
from surveys import formula
from surveys.ballots import mode_lines
from surveys.queries import extra_unsur, mode_counts
from surveys.questionnaire import STANDARD_CODES, unsur_by_code
from surveys.tables import SurveyExtraAnswer, SurveyExtraUnsur, SurveyResponse


def standard_aggregates() -> list[Any]:
    """COUNT(*) and SUM(u_i): the standard answers are NOT NULL, so every unsur has COUNT(*) answers."""
    sums = (Sum(getattr(SurveyResponse, code), alias=f"s_{code}") for code in STANDARD_CODES)
    return [Count(alias="responses"), *sums]


def _sums_from_row(row: dict[str, Any]) -> dict[str, tuple[int, int]]:
    responses = int(row["responses"] or 0)
    return {code: (responses, int(row[f"s_{code}"] or 0)) for code in STANDARD_CODES}


async def standard_sums(period_ids: Sequence[int], service_id: int | None = None) -> tuple[int, dict]:
    """(responses, {code: (answers, sum)}) over the periods, optionally for one service."""
    where = SurveyResponse.period.is_in(list(period_ids)) & SurveyResponse.held.eq(False)
    if service_id is not None:
        where &= SurveyResponse.service == service_id
    row = (await SurveyResponse.select(*standard_aggregates()).where(where))[0]
    return int(row["responses"] or 0), _sums_from_row(row)


async def sums_per_service(period_ids: Sequence[int]) -> list[dict[str, Any]]:
    rows = (
        await SurveyResponse.select(
            SurveyResponse.service, SurveyResponse.service.name.as_alias("service_name"), *standard_aggregates()
        )
        .where(SurveyResponse.period.is_in(list(period_ids)) & SurveyResponse.held.eq(False))
        .group_by(SurveyResponse.service, SurveyResponse.service.name)
    )
    return rows


async def suggestions(period_id: int, limit: int = 100) -> list[dict[str, Any]]:
    """The newest free-text suggestions of a period (staff only; never exported or published)."""
    return (
        await SurveyResponse.select(
            SurveyResponse.suggestion, SurveyResponse.submitted_at, SurveyResponse.service.name.as_alias("service_name")
        )
        .where((SurveyResponse.period == period_id) & (SurveyResponse.suggestion != ""))
        .order_by(SurveyResponse.id, ascending=False)
        .limit(limit)
    )


async def extra_sums(period_id: int) -> dict[str, tuple[int, int]]:
    rows = (
        await SurveyExtraAnswer.select(
            SurveyExtraAnswer.unsur.code.as_alias("code"),
            Count(alias="n"),
            Sum(SurveyExtraAnswer.value, alias="s"),
        )
        .where((SurveyExtraAnswer.unsur.period == period_id) & SurveyExtraAnswer.response.held.eq(False))
        .group_by(SurveyExtraAnswer.unsur.code)
    )
    return {row["code"]: (int(row["n"]), int(row["s"] or 0)) for row in rows}


@dataclass
class UnsurRow:
    code: str
    name: str
    answers: int
    nrr: Fraction | None
    weight: Fraction
    lowest: bool = False

    @property
    def nrr_rounded(self) -> Decimal | None:
        return formula.round2(self.nrr) if self.nrr is not None else None

    @property
    def konversi(self) -> Decimal | None:
        return formula.round2(self.nrr * 25) if self.nrr is not None else None

    @property
    def mutu(self) -> str | None:
        return formula.mutu(self.nrr * 25)[0] if self.nrr is not None else None

    @property
    def weight_text(self) -> str:
        """0.111 / 0.2 as decimals; 1/9 as a fraction (it has no finite decimal)."""
        numerator, denominator = self.weight.numerator, self.weight.denominator
        if 10**6 % denominator == 0:
            return format((Decimal(numerator) / Decimal(denominator)).normalize(), "f")
        return f"{numerator}/{denominator}"


@dataclass
class Result:
    responses: int
    unsur: list[UnsurRow]
    ikm: Fraction | None
    convention: str
    population: int | None = None
    custom_weights: bool = False
    per_service: list[dict[str, Any]] = field(default_factory=list)
    # Counted responses per channel (receipt code, complaint invitation, open, paper) and held ones.
    modes: dict[str, Any] = field(default_factory=lambda: {"modes": {}, "held": 0})

    def mode_lines(self) -> list[tuple[str, int]]:
        return mode_lines(self.modes)

    @property
    def konversi(self) -> Decimal | None:
        return formula.round2(self.ikm * 25) if self.ikm is not None else None

    @property
    def ikm_rounded(self) -> Decimal | None:
        return formula.round2(self.ikm) if self.ikm is not None else None

    @property
    def ikm4(self) -> str | None:
        """IKM on 1–4 shown with 3 decimals, as reports usually print it."""
        if self.ikm is None:
            return None
        return str((Decimal(self.ikm.numerator) / Decimal(self.ikm.denominator)).quantize(Decimal("0.001")))

    @property
    def mutu(self) -> tuple[str, str] | None:
        return formula.mutu(self.ikm * 25) if self.ikm is not None else None

    @property
    def required_sample(self) -> int | None:
        return formula.krejcie_morgan(self.population) if self.population else None

    @property
    def adequate(self) -> bool | None:
        required = self.required_sample
        return None if required is None else self.responses >= required

    @property
    def lowest(self) -> list[UnsurRow]:
        return [u for u in self.unsur if u.lowest]

    def convention_text(self) -> str:
        if self.custom_weights:
            return _("Bobot khusus unit (jumlah bobot = 1).")
        if self.convention == formula.WEIGHTING_ROUNDED:
            return _("Bobot setiap unsur 0,111 (pembulatan PermenPANRB 14/2017; jawaban semua 4 menghasilkan 99,9).")
        return _("Bobot setiap unsur tepat 1/jumlah unsur (1/9 untuk 9 unsur; jawaban semua 4 menghasilkan 100).")


def build_result(
    responses: int,
    sums: dict[str, tuple[int, int]],
    names: dict[str, str],
    weights: dict[str, str] | None,
    population: int | None,
) -> Result:
    convention = formula.weighting_convention()
    codes = list(names)
    computed = formula.compute_ikm(sums, codes, weights or None, convention)
    lowest = set(formula.lowest_unsur(computed))
    rows = [
        UnsurRow(
            code=s.code, name=names[s.code], answers=s.answers, nrr=s.nrr, weight=s.weight, lowest=s.code in lowest
        )
        for s in computed.unsur
    ]
    return Result(
        responses=responses,
        unsur=rows,
        ikm=computed.ikm,
        convention=convention,
        population=population,
        custom_weights=bool(weights),
    )


def standard_names() -> dict[str, str]:
    return {code: _(u.name) for code, u in unsur_by_code().items()}


async def period_result(period: dict[str, Any], *, with_services: bool = True) -> Result:
    responses, sums = await standard_sums([period["id"]])
    names = standard_names()
    extras = await extra_unsur(period["id"])
    if extras:
        sums.update(await extra_sums(period["id"]))
        names.update({row["code"]: row["name"] for row in extras})
    result = build_result(responses, sums, names, period["weights"], period["population"])
    result.modes = await mode_counts([period["id"]])
    if with_services and responses:
        result.per_service = await _service_rows([period["id"]], None if extras else period["weights"])
    return result


async def _service_rows(period_ids: Sequence[int], weights: dict | None) -> list[dict[str, Any]]:
    rows = []
    for row in await sums_per_service(period_ids):
        computed = build_result(int(row["responses"]), _sums_from_row(row), standard_names(), weights, None)
        rows.append(
            {
                "service": row["service_name"] or _("Tanpa keterangan layanan"),
                "responses": computed.responses,
                "konversi": computed.konversi,
                "mutu": computed.mutu,
            }
        )
    return rows


async def combined_result(periods: Sequence[dict[str, Any]], *, with_services: bool = True) -> Result:
    """The year's periods pooled: every response counts once, over the 9 standard unsur.

    Custom weights are kept only when every period uses the same ones and adds no unsur; otherwise
    equal weights per the configured convention. The population is the sum of the periods'.
    """
    ids = [p["id"] for p in periods]
    responses, sums = await standard_sums(ids)
    weight_sets = {tuple(sorted((p["weights"] or {}).items())) for p in periods}
    has_extras = await SurveyExtraUnsur.exists().where(SurveyExtraUnsur.period.is_in(ids)) if ids else False
    weights = dict(next(iter(weight_sets))) if len(weight_sets) == 1 and not has_extras else None
    populations = [p["population"] for p in periods]
    population = sum(populations) if populations and all(populations) else None
    result = build_result(responses, sums, standard_names(), weights, population)
    result.modes = await mode_counts(ids)
    if with_services and responses:
        result.per_service = await _service_rows(ids, weights)
    return result
