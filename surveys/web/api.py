"""JSON API: published SKM results of a unit."""

from __future__ import annotations

import msgspec
from litestar import get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from surveys import queries
from surveys.errors import NotFound
from surveys.results import period_result


class UnsurResult(msgspec.Struct):
    code: str
    name: str
    answers: int
    nrr: float | None
    weight: str
    lowest: bool


class PeriodResult(msgspec.Struct):
    period_id: int
    label: str
    period_type: str
    start_date: str
    end_date: str
    report_date: str | None
    responses: int
    population: int | None
    required_sample: int | None
    sample_adequate: bool | None
    ikm: float | None
    ikm_konversi: float | None
    mutu: str | None
    weighting: str
    unsur: list[UnsurResult]
    # Counted responses per channel: "web" (receipt code), "complaint" (invitation after a closed
    # complaint), "open" (no code, signed single-use ballot), "paper" (entered by staff); and how many
    # responses are held in a quarantine (left out of every figure).
    responses_by_mode: dict[str, int]
    responses_held: int


class UnitResults(msgspec.Struct):
    unit: str
    name: str
    periods: list[PeriodResult]


@get(
    "/api/v1/skm/units/{slug:str}/results",
    name="surveys:api_results",
    tags=["SKM"],
    cache=False,
    raises=[NotFoundException],
)
async def unit_results(slug: FromPath[str]) -> UnitResults:
    """Published Survei Kepuasan Masyarakat results of a unit, one entry per period (oldest first).

    `ikm` is on the 1–4 scale, `ikm_konversi` on 25–100; `mutu` is A/B/C/D; `weighting` is "exact"
    (1/n) or "0.111" (PORTAL_SKM_WEIGHTING), or "custom" when the unit set its own weights.
    """
    try:
        unit = await queries.unit_by_slug(slug)
    except NotFound as exc:
        raise NotFoundException(exc.message) from exc
    out = []
    for period in await queries.published_periods(unit["id"]):
        result = await period_result(period, with_services=False)
        out.append(
            PeriodResult(
                period_id=period["id"],
                label=period["label"],
                period_type=period["period_type"],
                start_date=period["start_date"].isoformat(),
                end_date=period["end_date"].isoformat(),
                report_date=period["report_date"].isoformat() if period["report_date"] else None,
                responses=result.responses,
                population=result.population,
                required_sample=result.required_sample,
                sample_adequate=result.adequate,
                ikm=float(result.ikm) if result.ikm is not None else None,
                ikm_konversi=float(result.konversi) if result.konversi is not None else None,
                mutu=result.mutu[0] if result.mutu else None,
                weighting="custom" if result.custom_weights else result.convention,
                unsur=[
                    UnsurResult(
                        code=u.code,
                        name=u.name,
                        answers=u.answers,
                        nrr=float(u.nrr_rounded) if u.nrr is not None else None,
                        weight=u.weight_text,
                        lowest=u.lowest,
                    )
                    for u in result.unsur
                ],
                responses_by_mode=dict(result.modes["modes"]),
                responses_held=int(result.modes["held"]),
            )
        )
    return UnitResults(unit=unit["slug"], name=unit["name"], periods=out)


API_HANDLERS = [unit_results]
