"""Unit registration by system admins (`/staf/admin/unit...`): name, slug, type, parent agency, published.

A unit's profile (address, hours, channels, maklumat) is edited by the unit itself (web/staff.py).
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Response

from catalogue import queries, services
from catalogue.form_parsing import UNIT_TYPES, parse_unit_registration_form
from portal.i18n import _
from portal.params import RowId
from portal.security import requires_roles, staff_user
from portal.tables import Role
from portal.templating import Template

BASE = "/staf/admin"
SYSTEM_ADMIN = requires_roles(Role.system_admin)


class UnitAdminController(Controller):
    path = BASE
    include_in_schema = False

    @get("/unit", name="admin:units", guards=[SYSTEM_ADMIN])
    async def units(self, request: Request[Any, Any, Any]) -> Template:
        return Template(
            template_name="catalogue/admin/units.html",
            context={
                "units": await queries.list_units(published_only=False),
                "notice": request.query_params.get("notice", "")[:20],
            },
        )

    def _unit_form(
        self, *, unit: dict[str, Any] | None, values: dict[str, Any], errors: dict[str, str], status_code: int = 200
    ) -> Template:
        return Template(
            template_name="catalogue/admin/unit_form.html",
            status_code=status_code,
            context={"unit": unit, "values": values, "errors": errors, "unit_types": UNIT_TYPES},
        )

    @get("/unit/baru", name="admin:unit_new", guards=[SYSTEM_ADMIN])
    async def unit_new(self) -> Template:
        return self._unit_form(unit=None, values={"unit_type": "dinas", "published": True}, errors={})

    @post("/unit/baru", name="admin:unit_create", guards=[SYSTEM_ADMIN], status_code=303)
    async def unit_create(self, request: Request[Any, Any, Any]) -> Response[Any]:
        v = parse_unit_registration_form(await request.form(), is_new=True)
        if v.ok:
            try:
                await services.create_unit(actor=staff_user(request), data=v.values, request=request)
            except services.CatalogueError as exc:
                v.errors.update(exc.errors)
            else:
                return Redirect(path=f"{BASE}/unit?notice=created", status_code=303)
        return self._unit_form(unit=None, values=v.values, errors=v.errors, status_code=422)

    async def _load_unit(self, unit_id: int) -> dict[str, Any]:
        try:
            return await queries.get_unit_by_id(unit_id)
        except queries.NotFoundError as exc:
            raise NotFoundException(_("Unit layanan tidak ditemukan.")) from exc

    @get("/unit/{unit_id:int}", name="admin:unit_edit", guards=[SYSTEM_ADMIN])
    async def unit_edit(self, unit_id: RowId) -> Template:
        unit = await self._load_unit(unit_id)
        return self._unit_form(unit=unit, values=unit, errors={})

    @post("/unit/{unit_id:int}", name="admin:unit_update", guards=[SYSTEM_ADMIN], status_code=303)
    async def unit_update(self, request: Request[Any, Any, Any], unit_id: RowId) -> Response[Any]:
        unit = await self._load_unit(unit_id)
        v = parse_unit_registration_form(await request.form(), is_new=False)
        if not v.ok:
            return self._unit_form(unit=unit, values=v.values, errors=v.errors, status_code=422)
        await services.update_unit_registration(
            actor=staff_user(request), unit_id=unit_id, data=v.values, request=request
        )
        return Redirect(path=f"{BASE}/unit?notice=saved", status_code=303)


ADMIN_HANDLERS: list = [UnitAdminController]
