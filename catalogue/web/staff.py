"""Staff pages of the catalogue: staff home, service list, create/edit (new version), preview, publish, unit."""

from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import FromQuery
from litestar.response import Redirect, Response

from catalogue import queries, services
from catalogue.form_parsing import (
    DURATION_UNITS,
    UNIT_TYPES,
    channels_text,
    parse_maklumat_form,
    parse_service_form,
    parse_unit_form,
    version_form_values,
)
from portal.domains import staff_home_context
from portal.i18n import _
from portal.params import RowId
from portal.security import ensure_can_manage_unit, ensure_can_view_unit, requires_staff, staff_user
from portal.templating import Template


async def load_service(service_id: int) -> dict[str, Any]:
    try:
        return await queries.get_service(service_id=service_id, published_only=False)
    except queries.NotFoundError as exc:
        raise NotFoundException(_("Layanan tidak ditemukan.")) from exc


def form_context(
    *,
    unit: dict[str, Any],
    values: dict[str, Any],
    errors: dict[str, str],
    service: dict[str, Any] | None,
    units: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "unit": unit,
        "values": values,
        "errors": errors,
        "service": service,
        "units": units or [],
        "duration_units": DURATION_UNITS,
    }


class CatalogueStaffController(Controller):
    path = "/staf"
    guards = [requires_staff]
    include_in_schema = False

    @get("/", name="staff:home")
    async def staff_home(self, request: Request[Any, Any, Any]) -> Template:
        user = staff_user(request)
        unit = await queries.get_unit_by_id(user.unit_id) if user.unit_id else None
        context = {"user": user, "unit": unit, **await staff_home_context(request)}
        return Template(template_name="catalogue/staff/home.html", context=context)

    @get("/layanan", name="catalogue:staff_services")
    async def service_list(self, request: Request[Any, Any, Any], unit: FromQuery[str] = "") -> Template:
        user = staff_user(request)
        units = await queries.list_units(published_only=False)
        if user.is_system_admin or user.is_evaluator:
            selected = next((u for u in units if u["slug"] == unit), None)
        else:
            selected = next((u for u in units if u["id"] == user.unit_id), None)
            if selected is None:
                raise PermissionDeniedException(_("Anda tidak berhak melihat data unit ini."))
        rows = await queries.list_services(unit_id=selected["id"] if selected else None, published_only=False)
        return Template(
            template_name="catalogue/staff/services.html",
            context={
                "services": rows,
                "units": units,
                "selected": selected,
                "user": user,
                "saved": request.query_params.get("saved"),
            },
        )

    @get("/layanan/baru", name="catalogue:service_new")
    async def new_form(self, request: Request[Any, Any, Any]) -> Template:
        user = staff_user(request)
        if not user.is_system_admin:
            ensure_can_manage_unit(user, user.unit_id)
        units = await queries.list_units(published_only=False) if user.is_system_admin else []
        unit = await queries.get_unit_by_id(user.unit_id) if user.unit_id else None
        values = {
            "effective_from": queries.local_today(),
            "duration_unit": "working_days",
            "fee_amount": 0,
            "accepts_complaints": True,
        }
        return Template(
            template_name="catalogue/staff/service_form.html",
            context=form_context(unit=unit, values=values, errors={}, service=None, units=units),
        )

    @post("/layanan/baru", name="catalogue:service_create", status_code=303)
    async def create(self, request: Request[Any, Any, Any]) -> Response[Any]:
        user = staff_user(request)
        form = await request.form()
        if user.is_system_admin:
            units = await queries.list_units(published_only=False)
            unit = next((u for u in units if str(u["id"]) == str(form.get("unit_id") or "")), None)
        else:
            units = []
            unit = await queries.get_unit_by_id(user.unit_id) if user.unit_id else None
        ensure_can_manage_unit(user, unit["id"] if unit else None)
        parsed = parse_service_form(form, is_new=True)
        errors = dict(parsed.errors)
        if unit is None:
            errors["unit_id"] = _("Pilih unit layanan.")
        if not errors:
            try:
                service_id = await services.create_service(
                    actor=user, unit_id=unit["id"], service=parsed.service, version=parsed.version, request=request
                )
            except services.CatalogueError as exc:
                errors = exc.errors
            else:
                return Redirect(path=f"/staf/layanan/{service_id}/pratinjau?saved=1", status_code=303)
        return Template(
            template_name="catalogue/staff/service_form.html",
            status_code=422,
            context=form_context(unit=unit, values=parsed.values, errors=errors, service=None, units=units),
        )

    @get("/layanan/{service_id:int}/ubah", name="catalogue:service_edit")
    async def edit_form(self, request: Request[Any, Any, Any], service_id: RowId) -> Template:
        service = await load_service(service_id)
        ensure_can_manage_unit(staff_user(request), service["unit"])
        unit = await queries.get_unit_by_id(service["unit"])
        latest = service["versions"][-1] if service["versions"] else None
        return Template(
            template_name="catalogue/staff/service_form.html",
            context=form_context(unit=unit, values=version_form_values(service, latest), errors={}, service=service),
        )

    @post("/layanan/{service_id:int}/ubah", name="catalogue:service_update", status_code=303)
    async def update(self, request: Request[Any, Any, Any], service_id: RowId) -> Response[Any]:
        service = await load_service(service_id)
        user = ensure_can_manage_unit(staff_user(request), service["unit"])
        parsed = parse_service_form(await request.form(), is_new=False)
        errors = dict(parsed.errors)
        if not errors:
            try:
                await services.add_version(
                    actor=user, service_id=service_id, service=parsed.service, version=parsed.version, request=request
                )
            except services.CatalogueError as exc:
                errors = exc.errors
            else:
                return Redirect(path=f"/staf/layanan/{service_id}/pratinjau?saved=1", status_code=303)
        unit = await queries.get_unit_by_id(service["unit"])
        return Template(
            template_name="catalogue/staff/service_form.html",
            status_code=422,
            context=form_context(unit=unit, values=parsed.values, errors=errors, service=service),
        )

    @get("/layanan/{service_id:int}/pratinjau", name="catalogue:service_preview")
    async def preview(self, request: Request[Any, Any, Any], service_id: RowId) -> Template:
        service = await load_service(service_id)
        user = ensure_can_view_unit(staff_user(request), service["unit"])
        unit = await queries.get_unit_by_id(service["unit"])
        return Template(
            template_name="catalogue/service.html",
            context={
                "service": service,
                "unit": unit,
                "version": service["current"],
                "upcoming": service["upcoming"],
                "show_internal": True,
                "preview": True,
                "can_manage": user.can_manage_unit(service["unit"]),
                "saved": request.query_params.get("saved"),
            },
        )

    async def _set_published(self, request: Request[Any, Any, Any], service_id: int, published: bool) -> Response[Any]:
        service = await load_service(service_id)
        user = ensure_can_manage_unit(staff_user(request), service["unit"])
        await services.set_published(actor=user, service_id=service_id, published=published, request=request)
        if request.headers.get("hx-request") == "true":
            fresh = await load_service(service_id)
            return Template(template_name="catalogue/staff/_publish_toggle.html", context={"service": fresh})
        return Redirect(path=f"/staf/layanan/{service_id}/pratinjau?saved=1", status_code=303)

    @post("/layanan/{service_id:int}/terbitkan", name="catalogue:service_publish", status_code=303)
    async def publish(self, request: Request[Any, Any, Any], service_id: RowId) -> Response[Any]:
        return await self._set_published(request, service_id, True)

    @post("/layanan/{service_id:int}/tarik", name="catalogue:service_unpublish", status_code=303)
    async def unpublish(self, request: Request[Any, Any, Any], service_id: RowId) -> Response[Any]:
        return await self._set_published(request, service_id, False)

    async def _unit_for(self, request: Request[Any, Any, Any], unit_slug: str) -> dict[str, Any]:
        user = staff_user(request)
        if unit_slug:
            try:
                unit = await queries.get_unit(unit_slug, published_only=False)
            except queries.NotFoundError as exc:
                raise NotFoundException(_("Unit layanan tidak ditemukan.")) from exc
        elif user.unit_id:
            unit = await queries.get_unit_by_id(user.unit_id)
        else:
            raise NotFoundException(_("Pilih unit dari daftar layanan."))
        ensure_can_manage_unit(user, unit["id"])
        return unit

    async def _unit_page(
        self,
        unit: dict[str, Any],
        *,
        values: dict | None = None,
        errors: dict | None = None,
        maklumat_values: dict | None = None,
        maklumat_errors: dict | None = None,
        saved: str | None = None,
        status_code: int = 200,
    ) -> Template:
        if values is None:
            values = {**unit, "complaint_channels": channels_text(unit["complaint_channels"])}
        maklumat = await queries.current_maklumat(unit["id"])
        return Template(
            template_name="catalogue/staff/unit_form.html",
            status_code=status_code,
            context={
                "unit": unit,
                "values": values,
                "errors": errors or {},
                "unit_types": UNIT_TYPES,
                "maklumat": maklumat,
                "maklumat_values": maklumat_values or {"adopted_on": queries.local_today()},
                "maklumat_errors": maklumat_errors or {},
                "saved": saved,
            },
        )

    @get("/unit", name="catalogue:unit_edit")
    async def unit_form(self, request: Request[Any, Any, Any], unit: FromQuery[str] = "") -> Template:
        target = await self._unit_for(request, unit)
        return await self._unit_page(target, saved=request.query_params.get("saved"))

    @post("/unit", name="catalogue:unit_update", status_code=303)
    async def unit_update(self, request: Request[Any, Any, Any], unit: FromQuery[str] = "") -> Response[Any]:
        target = await self._unit_for(request, unit)
        validator = parse_unit_form(await request.form())
        if not validator.ok:
            values = {**validator.values, "complaint_channels": channels_text(validator.values["complaint_channels"])}
            return await self._unit_page(target, values=values, errors=validator.errors, status_code=422)
        await services.update_unit(
            actor=staff_user(request), unit_id=target["id"], data=validator.values, request=request
        )
        return Redirect(path=f"/staf/unit?unit={target['slug']}&saved=1", status_code=303)

    @post("/unit/maklumat", name="catalogue:maklumat_adopt", status_code=303)
    async def maklumat_adopt(self, request: Request[Any, Any, Any], unit: FromQuery[str] = "") -> Response[Any]:
        target = await self._unit_for(request, unit)
        validator = parse_maklumat_form(await request.form())
        if not validator.ok:
            return await self._unit_page(
                target, maklumat_values=validator.values, maklumat_errors=validator.errors, status_code=422
            )
        await services.adopt_maklumat(
            actor=staff_user(request), unit_id=target["id"], data=validator.values, request=request
        )
        return Redirect(path=f"/staf/unit?unit={target['slug']}&saved=1", status_code=303)


STAFF_HANDLERS: list = [CatalogueStaffController]
