"""Evaluator pages: dashboard, a unit's sheet, pulling the portal's figures, reviews, F-03, lock, exports."""

from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Response

from evaluation_link import charts
from evaluation_link.instrument import DEFAULT_VERSION, available_versions, instrument_choices, unconfirmed_items
from evaluation_link.period import current_year, valid_year
from evaluation_link.presentation import figure_items, speed_band_labels, timing_rows
from evaluation_link.queries import assessments as queries
from evaluation_link.services import assessments as services
from evaluation_link.services.assessments import AssessmentLocked, EvaluationError
from evaluation_link.web.common import (
    EVALUATOR_ROLES,
    export_response,
    is_htmx,
    stage_labels,
    unit_period,
)
from portal.forms import FormValidator
from portal.i18n import _, get_language
from portal.params import QueryYear, RowId
from portal.security import requires_roles, staff_user
from portal.templating import Template


def sheet_context(view: queries.SheetView | None, unit: dict[str, Any], year: int, **extra: Any) -> dict[str, Any]:
    return {
        "view": view,
        "unit": unit,
        "year": year,
        "language": get_language(),
        "figure_items": figure_items,
        "timing_rows": timing_rows,
        "speed_labels": speed_band_labels(),
        "errors": {},
        "error_no": None,
        "message": "",
        "instrument_choices": instrument_choices(get_language()),
        "unconfirmed_items": unconfirmed_items(view.instrument, get_language()) if view is not None else [],
        "values": {},
        "stage_labels": stage_labels(),
        **extra,
    }


class EvaluationController(Controller):
    path = "/staf/evaluasi"
    include_in_schema = False
    guards = [requires_roles(*EVALUATOR_ROLES)]

    @get("/", name="evaluation:dashboard")
    async def dashboard(self, tahun: QueryYear = None) -> Template:
        rows = await queries.dashboard_rows()
        years = sorted({r["year"] for r in rows}, reverse=True)
        year = tahun if tahun and valid_year(tahun) else (years[0] if years else None)
        units = await queries.units_for_dashboard()
        comparison: dict[str, dict[str, Any]] = {}
        for row in rows:
            entry = comparison.setdefault(row["unit_slug"], {"name": row["unit_name"], "years": {}})
            entry["years"][row["year"]] = row
        return Template(
            template_name="evaluation_link/dashboard.html",
            context={
                "rows": [r for r in rows if r["year"] == year],
                "years": years,
                "year": year,
                "comparison": sorted(comparison.items(), key=lambda kv: kv[1]["name"]),
                "units": units,
                "language": get_language(),
                "this_year": current_year(),
            },
        )

    @get("/buka", name="evaluation:open")
    async def open_sheet(self, unit: FromQuery[str] = "", tahun: FromQuery[str] = "") -> Redirect:
        """The dashboard's "open" form (works without JavaScript)."""
        target = await unit_period(unit, tahun.strip(), load_sheet=False)
        return Redirect(path=f"/staf/evaluasi/{unit}/{target.year}", status_code=303)

    @get("/grafik.svg", name="evaluation:chart", media_type="image/svg+xml")
    async def chart(self, tahun: QueryYear = None) -> Response[bytes]:
        rows = await queries.dashboard_rows()
        if tahun:
            selected = [r for r in rows if r["year"] == tahun]
            svg = charts.ipp_bars(
                _("IPP per unit, %(y)d") % {"y": tahun}, [(r["unit_name"], float(r["ipp"])) for r in selected]
            )
        else:
            years = sorted({r["year"] for r in rows})
            names = sorted({(r["unit_slug"], r["unit_name"]) for r in rows}, key=lambda kv: kv[1])
            by_key = {(r["unit_slug"], r["year"]): float(r["ipp"]) for r in rows}
            series = [(name, [by_key.get((slug, y)) for y in years]) for slug, name in names]
            svg = charts.ipp_trend(_("IPP per tahun"), years, series)
        return Response(svg, media_type="image/svg+xml", headers={"cache-control": "no-store"})

    @get("/{unit_slug:str}/{period:str}", name="evaluation:sheet")
    async def sheet_page(self, unit_slug: FromPath[str], period: FromPath[str]) -> Response[Any]:
        target = await unit_period(unit_slug, period)
        if target.extension:
            return await export_response(target.sheet, target.extension)
        return Template(
            template_name="evaluation_link/sheet.html", context=sheet_context(target.view, target.unit, target.year)
        )

    @post("/{unit_slug:str}/{period:str}/tarik", name="evaluation:pull", status_code=200)
    async def pull(
        self, request: Request[Any, Any, Any], unit_slug: FromPath[str], period: FromPath[str]
    ) -> Response[Any]:
        """ "Tarik data portal": create the assessment if needed and refresh every auto-filled figure."""
        target = await unit_period(unit_slug, period, load_sheet=False)
        unit, year = target.unit, target.year
        chosen = str((await request.form()).get("instrument") or "")
        version = chosen if chosen in available_versions() else DEFAULT_VERSION
        assessment = await services.get_or_create_assessment(
            unit["id"], year, actor=staff_user(request), version=version
        )
        try:
            count = await services.pull_portal_data(assessment["id"], actor=staff_user(request), request=request)
        except AssessmentLocked as exc:
            return await self._locked(request, unit, year, exc)
        message = _("%(n)d indikator diisi dari data portal.") % {"n": count}
        if is_htmx(request):
            view = await queries.sheet_for(unit_slug, year)
            return Template(
                template_name="evaluation_link/_sheet.html", context=sheet_context(view, unit, year, message=message)
            )
        return Redirect(path=f"/staf/evaluasi/{unit_slug}/{year}?ditarik=1", status_code=303)

    @post("/{unit_slug:str}/{period:str}/indikator/{no:int}", name="evaluation:review", status_code=200)
    async def review(
        self, request: Request[Any, Any, Any], unit_slug: FromPath[str], period: FromPath[str], no: RowId
    ) -> Response[Any]:
        target = await unit_period(unit_slug, period)
        unit, year, view = target.unit, target.year, target.sheet
        try:
            view.indicator_view(no)
        except KeyError as exc:
            raise NotFoundException(_("Indikator tidak ditemukan.")) from exc
        form = await request.form()
        validator = FormValidator(form)
        score = validator.integer("evaluator_score", required=True, minimum=0, maximum=5)
        reason = validator.text("override_reason", max_length=2000)
        errors = dict(validator.errors)
        if not errors:
            try:
                await services.review_indicator(
                    view.assessment["id"], no, score, reason, actor=staff_user(request), request=request
                )
            except AssessmentLocked as exc:
                return await self._locked(request, unit, year, exc)
            except EvaluationError as exc:
                errors[exc.field] = exc.message
        if errors:
            context = sheet_context(view, unit, year, errors=errors, error_no=no, values=validator.values)
            if is_htmx(request):
                context["item"] = view.indicator_view(no)
                return Template(template_name="evaluation_link/_indicator.html", context=context)
            return Template(template_name="evaluation_link/sheet.html", context=context, status_code=422)
        if is_htmx(request):
            fresh = await queries.sheet_for(unit_slug, year)
            context = sheet_context(fresh, unit, year, saved_no=no)
            context["item"] = fresh.indicator_view(no)  # type: ignore[union-attr]
            return Template(template_name="evaluation_link/_indicator.html", context=context)
        return Redirect(path=f"/staf/evaluasi/{unit_slug}/{year}#indikator-{no}", status_code=303)

    @post("/{unit_slug:str}/{period:str}/f03", name="evaluation:f03")
    async def user_survey(
        self, request: Request[Any, Any, Any], unit_slug: FromPath[str], period: FromPath[str]
    ) -> Response[Any]:
        target = await unit_period(unit_slug, period)
        unit, year, view = target.unit, target.year, target.sheet
        form = await request.form()
        errors: dict[str, str] = {}
        values = {
            name: str(form.get(name) or "").strip().replace(",", ".") for name in ("f03_score", "evaluator_weight")
        }
        reason = str(form.get("f03_reason") or "").strip()[:2000]
        numbers: dict[str, float | None] = {}
        for name, value in values.items():
            try:
                numbers[name] = float(value) if value else None
            except ValueError:
                errors[name] = _("Harus berupa angka, misalnya 4,25.")
        if not errors:
            weight = numbers["evaluator_weight"]
            weight = view.assessment["evaluator_weight"] if weight is None else weight
            try:
                await services.set_user_survey(
                    view.assessment["id"],
                    numbers["f03_score"],
                    weight,
                    round(1 - weight, 6),
                    actor=staff_user(request),
                    request=request,
                    reason=reason,
                )
            except AssessmentLocked as exc:
                return await self._locked(request, unit, year, exc)
            except EvaluationError as exc:
                errors[exc.field] = exc.message
        if errors:
            return Template(
                template_name="evaluation_link/sheet.html",
                context=sheet_context(view, unit, year, errors=errors),
                status_code=422,
            )
        return Redirect(path=f"/staf/evaluasi/{unit_slug}/{year}#indeks", status_code=303)

    @post("/{unit_slug:str}/{period:str}/instrumen", name="evaluation:instrument")
    async def instrument(
        self, request: Request[Any, Any, Any], unit_slug: FromPath[str], period: FromPath[str]
    ) -> Response[Any]:
        """The instrument (Kode A/Kode B) of the unit-year's assessment: chosen at creation, changeable until locked."""
        target = await unit_period(unit_slug, period)
        unit, year, view = target.unit, target.year, target.view
        version = str((await request.form()).get("instrument") or "")
        try:
            if version not in available_versions():
                raise EvaluationError(_("Pilihan tidak valid."), field="instrument")
            if view is None:
                await services.get_or_create_assessment(unit["id"], year, actor=staff_user(request), version=version)
            else:
                await services.set_instrument(
                    view.assessment["id"], version, actor=staff_user(request), request=request
                )
        except AssessmentLocked as exc:
            return await self._locked(request, unit, year, exc)
        except EvaluationError as exc:
            return Template(
                template_name="evaluation_link/sheet.html",
                context=sheet_context(view, unit, year, errors={exc.field: exc.message}),
                status_code=422,
            )
        return Redirect(path=f"/staf/evaluasi/{unit_slug}/{year}#instrumen", status_code=303)

    @post("/{unit_slug:str}/{period:str}/kunci", name="evaluation:lock")
    async def lock(
        self, request: Request[Any, Any, Any], unit_slug: FromPath[str], period: FromPath[str]
    ) -> Response[Any]:
        target = await unit_period(unit_slug, period)
        unit, year, view = target.unit, target.year, target.sheet
        try:
            await services.lock_assessment(view.assessment["id"], actor=staff_user(request), request=request)
        except AssessmentLocked as exc:
            return await self._locked(request, unit, year, exc)
        except EvaluationError as exc:
            return Template(
                template_name="evaluation_link/sheet.html",
                context=sheet_context(view, unit, year, errors={"lock": exc.message}),
                status_code=422,
            )
        return Redirect(path=f"/staf/evaluasi/{unit_slug}/{year}", status_code=303)

    @post("/{unit_slug:str}/{period:str}/kembalikan", name="evaluation:return")
    async def return_to_unit(
        self, request: Request[Any, Any, Any], unit_slug: FromPath[str], period: FromPath[str]
    ) -> Response[Any]:
        """Asistensi: send a submitted F-01 back to the unit with comments per indicator."""
        target = await unit_period(unit_slug, period)
        unit, year, view = target.unit, target.year, target.sheet
        form = await request.form()
        comments = {i.no: str(form.get(f"comment_{i.no}") or "") for i in view.instrument.indicators}
        try:
            await services.return_for_revision(
                view.assessment["id"], comments, actor=staff_user(request), request=request
            )
        except AssessmentLocked as exc:
            return await self._locked(request, unit, year, exc)
        except EvaluationError as exc:
            return Template(
                template_name="evaluation_link/sheet.html",
                status_code=422,
                context=sheet_context(
                    view,
                    unit,
                    year,
                    errors={"comments": exc.message, exc.field: exc.message},
                    values={k: v for k, v in form.items()},
                ),
            )
        return Redirect(path=f"/staf/evaluasi/{unit_slug}/{year}?dikembalikan=1", status_code=303)

    async def _locked(
        self, request: Request[Any, Any, Any], unit: dict[str, Any], year: int, exc: AssessmentLocked
    ) -> Template:
        view = await queries.sheet_for(unit["slug"], year)
        template = "evaluation_link/_sheet.html" if is_htmx(request) else "evaluation_link/sheet.html"
        return Template(
            template_name=template,
            context=sheet_context(view, unit, year, message=exc.message, message_error=True),
            status_code=409,
        )
