"""Public SKM results of a unit (published periods only): page, SVG charts, PDF/XLSX/CSV exports."""

from __future__ import annotations

from typing import Any

from litestar import get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Response

from portal.i18n import _
from portal.params import OptionalQueryId, parse_id
from portal.templating import Template
from surveys import charts, exports, queries
from surveys.errors import NotFound
from surveys.presentation import label_helpers
from surveys.results import Result, period_result


async def _unit_and_periods(unit_slug: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    try:
        unit = await queries.unit_by_slug(unit_slug)
    except NotFound as exc:
        raise NotFoundException(exc.message) from exc
    return unit, await queries.published_periods(unit["id"])


def _pick(published: list[dict[str, Any]], period_id: int | None) -> dict[str, Any]:
    for period in published:
        if period["id"] == period_id:
            return period
    raise NotFoundException(_("Hasil survei periode ini belum dipublikasikan."))


async def trend_points(published: list[dict[str, Any]]) -> list[tuple[str, Result]]:
    return [(p["label"], await period_result(p, with_services=False)) for p in published]


@get("/survei/hasil/{unit_slug:str}", name="surveys:results", include_in_schema=False, cache=True)
async def results_page(unit_slug: FromPath[str], periode: OptionalQueryId = None) -> Template:
    unit, published = await _unit_and_periods(unit_slug)
    context: dict[str, Any] = {"unit": unit, "published": published, "period": None, **label_helpers()}
    if published:
        period = _pick(published, periode) if periode is not None else published[-1]
        context.update(
            period=period,
            result=await period_result(period),
            trend=await trend_points(published),
            actions=await queries.actions_for([period["id"]]),
            media=await queries.media_for([period["id"]]),
        )
    return Template(template_name="surveys/results.html", context=context)


@get("/survei/hasil/{unit_slug:str}/grafik/{chart:str}", name="surveys:chart", include_in_schema=False, cache=True)
async def chart_image(unit_slug: FromPath[str], chart: FromPath[str]) -> Response[bytes]:
    """`unsur-<period id>.svg` (NRR per unsur) or `tren.svg` (IKM over the published periods)."""
    _unit, published = await _unit_and_periods(unit_slug)
    if chart == "tren.svg":
        points = [
            (label, float(r.konversi) if r.konversi is not None else None) for label, r in await trend_points(published)
        ]
        svg = charts.ikm_trend(points, _("Tren IKM (25–100)"))
    elif chart.startswith("unsur-") and chart.endswith(".svg") and parse_id(chart[6:-4]) is not None:
        period = _pick(published, parse_id(chart[6:-4]))
        title = _("Nilai rata-rata per unsur (1–4)")
        svg = charts.unsur_bars(await period_result(period, with_services=False), title)
    else:
        raise NotFoundException()
    return Response(svg, media_type="image/svg+xml")


@get("/survei/hasil/{unit_slug:str}/{file_name:str}", name="surveys:export", include_in_schema=False)
async def export_file(unit_slug: FromPath[str], file_name: FromPath[str]) -> Response[bytes]:
    """`<period id>.pdf`, `.xlsx` or `.csv` of a published period (no personal data)."""
    stem, _dot, extension = file_name.partition(".")
    if not exports.SKM_REPORT.offers(extension) or parse_id(stem) is None:
        raise NotFoundException()
    unit, published = await _unit_and_periods(unit_slug)
    period = _pick(published, parse_id(stem))
    return await export_response(period, extension, f"skm-{unit['slug']}-{period['id']}")


async def export_response(period: dict[str, Any], extension: str, base_name: str) -> Response[bytes]:
    return await exports.SKM_REPORT.response(extension, period, filename=base_name)


RESULTS_HANDLERS = [results_page, chart_image, export_file]
