"""What the evaluation_link pages share: roles, the period in the URL ("2026", "2026.xlsx"), the
"unit or 404 → period → assessment or 404" lookup every sheet page starts with, and the sheet export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.exceptions import NotFoundException
from litestar.response import Response

from evaluation_link import exports
from evaluation_link.coordination import STAGE_LABELS
from evaluation_link.period import valid_year
from evaluation_link.queries.assessments import SheetView, UnitNotFound, find_assessment, sheet, unit_by_slug
from portal import reports
from portal.i18n import _
from portal.params import parse_db_int

EVALUATOR_ROLES = ("evaluator", "system_admin")


def is_htmx(request: Request[Any, Any, Any]) -> bool:
    return request.headers.get("hx-request") == "true"


def parse_period(period: str) -> tuple[int, str | None]:
    """'2026' -> (2026, None); '2026.xlsx' -> (2026, 'xlsx'); anything else is a 404."""
    year_text, _dot, extension = period.partition(".")
    year = parse_db_int(year_text, minimum=1)
    if year is None or (extension and extension not in reports.FORMATS) or not valid_year(year):
        raise NotFoundException(_("Periode tidak ditemukan."))
    return year, extension or None


async def unit_or_404(slug: str) -> dict[str, Any]:
    try:
        return await unit_by_slug(slug)
    except UnitNotFound as exc:
        raise NotFoundException(_("Unit tidak ditemukan.")) from exc


@dataclass(slots=True)
class UnitPeriod:
    """A unit-year from the URL: the unit, the year, the export extension and the sheet if it exists."""

    unit: dict[str, Any]
    year: int
    extension: str | None
    view: SheetView | None

    @property
    def sheet(self) -> SheetView:
        """The existing assessment's sheet, or 404."""
        if self.view is None:
            raise NotFoundException(_("Belum ada penilaian untuk unit dan tahun ini."))
        return self.view


async def unit_period(unit_slug: str, period: str, *, load_sheet: bool = True) -> UnitPeriod:
    """Unit or 404, then the period or 404, then (unless load_sheet is False) the unit-year's sheet."""
    unit = await unit_or_404(unit_slug)
    year, extension = parse_period(period)
    view = None
    if load_sheet:
        assessment = await find_assessment(unit["id"], year)
        view = await sheet(unit, assessment) if assessment is not None else None
    return UnitPeriod(unit, year, extension, view)


def stage_labels() -> dict[str, str]:
    return {key: _(label) for key, label in STAGE_LABELS.items()}


async def export_response(view: SheetView, extension: str) -> Response[Any]:
    if not exports.SHEET_REPORT.offers(extension):
        raise NotFoundException(_("Periode tidak ditemukan."))
    filename = f"pekppp-{view.unit['slug']}-{view.assessment['year']}"
    no_store = {"cache-control": "no-store"}
    return await exports.SHEET_REPORT.response(extension, view, filename=filename, headers=no_store)
