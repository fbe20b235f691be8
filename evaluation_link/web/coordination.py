"""The coordination view for Bagian Organisasi (evaluators and system admins only): every unit's figures,
the heat map, year-over-year movement, the Mandiri stages with deadlines, and the meeting pack."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Response

from evaluation_link import coordination, coordination_exports
from evaluation_link.period import current_year
from evaluation_link.services import coordination as services
from evaluation_link.services.assessments import EvaluationError
from evaluation_link.web.common import EVALUATOR_ROLES, parse_period
from portal.forms import FormValidator
from portal.i18n import _, get_language
from portal.security import requires_roles, staff_user
from portal.templating import Template

BASE = "/staf/koordinasi-pekppp"


def summary_settings(request: Request[Any, Any, Any]) -> tuple[str, Any, str]:
    """The configured summary method (unknown values fall back to "mean" with a warning)."""
    settings = request.app.state.settings
    method = getattr(settings, "pekppp_summary_method", "mean")
    warning = ""
    if method not in coordination.SUMMARY_METHODS:
        warning = _('Metode indeks ringkasan "%(m)s" tidak dikenal; dipakai rata-rata IPP unit.') % {"m": method}
        method = "mean"
    weights = coordination.parse_type_weights(getattr(settings, "pekppp_type_weights", ""))
    return method, weights, warning


class CoordinationController(Controller):
    path = BASE
    include_in_schema = False
    guards = [requires_roles(*EVALUATOR_ROLES)]

    async def _render(
        self,
        request: Request[Any, Any, Any],
        year: int,
        *,
        errors: dict[str, str] | None = None,
        values: dict[str, Any] | None = None,
        status_code: int = 200,
        message: str = "",
    ) -> Template:
        method, weights, warning = summary_settings(request)
        view = await coordination.coordination_view(year, method=method, type_weights=weights)
        return Template(
            template_name="evaluation_link/coordination.html",
            context={
                "view": view,
                "year": year,
                "language": get_language(),
                "errors": errors or {},
                "values": values or {},
                "method_warning": warning,
                "message": message,
                "heat_level": coordination.heat_level,
                "heat_text": coordination.heat_text,
                "schedule_fields": coordination.SCHEDULE_FIELDS,
                "schedule_labels": coordination.SCHEDULE_LABELS,
                "summary_methods": coordination.SUMMARY_METHODS,
                "weak_score": coordination.WEAK_SCORE,
                "saved": request.query_params.get("tersimpan") == "1",
                "refreshed": request.query_params.get("diperbarui"),
            },
            status_code=status_code,
        )

    @get("/", name="evaluation:coordination_current")
    async def current(self) -> Redirect:
        return Redirect(path=f"{BASE}/{current_year()}", status_code=303)

    @get("/{period:str}", name="evaluation:coordination")
    async def page(self, request: Request[Any, Any, Any], period: FromPath[str]) -> Response[Any]:
        year, extension = parse_period(period)
        if extension and not coordination_exports.PACK_REPORT.offers(extension):
            return await self._render(
                request, year, status_code=404, message=_("Paket rapat tersedia sebagai XLSX atau PDF.")
            )
        if extension:
            method, weights, _warning = summary_settings(request)
            view = await coordination.coordination_view(year, method=method, type_weights=weights)
            recommendations, _available = await coordination.follow_up_recommendations(year)
            pack = coordination_exports.meeting_pack(view, recommendations)
            return await coordination_exports.PACK_REPORT.response(
                extension, pack, filename=f"paket-rapat-pekppp-{year}", headers={"cache-control": "no-store"}
            )
        return await self._render(request, year)

    @post("/{period:str}/jadwal", name="evaluation:coordination_schedule")
    async def schedule(self, request: Request[Any, Any, Any], period: FromPath[str]) -> Response[Any]:
        year, _ext = parse_period(period)
        validator = FormValidator(await request.form())
        dates = {name: validator.date(name) for name in coordination.SCHEDULE_FIELDS}
        errors = dict(validator.errors)
        if not errors:
            try:
                await services.save_schedule(year, dates, actor=staff_user(request), request=request)
            except EvaluationError as exc:
                errors[exc.field] = exc.message
        if errors:
            return await self._render(request, year, errors=errors, values=validator.values, status_code=422)
        return Redirect(path=f"{BASE}/{year}?tersimpan=1#jadwal", status_code=303)

    @post("/{period:str}/perbarui", name="evaluation:coordination_refresh")
    async def refresh(self, request: Request[Any, Any, Any], period: FromPath[str]) -> Redirect:
        """Re-store the figures of every assessment of the year from their indicator scores."""
        year, _ext = parse_period(period)
        count = await services.refresh_figures(year, actor=staff_user(request), request=request)
        return Redirect(path=f"{BASE}/{year}?diperbarui={count}", status_code=303)
