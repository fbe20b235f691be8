"""Open311 API keys in the administration pages (`/staf/admin/kunci-api`, system admins).

The rules live in complaints.open311.apikeys (the `portal apikeys` commands call it too); a new key is shown
once, in the answer to the POST that made it, with `Cache-Control: no-store`; only its hash is kept.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect

from complaints.open311.apikeys import ApiKeyError, create_key, list_keys, revoke_key
from portal.forms import FormValidator
from portal.i18n import _
from portal.params import RowId
from portal.security import staff_user
from portal.templating import Template
from portal.web.admin import BASE, NO_STORE, SYSTEM_ADMIN


class ApiKeysController(Controller):
    path = BASE
    include_in_schema = False

    # --- Open311 API keys (system admins) ------------------------------------------------------

    async def _keys_page(
        self,
        *,
        errors: dict[str, str] | None = None,
        values: dict[str, Any] | None = None,
        created: dict[str, Any] | None = None,
        status_code: int = 200,
    ) -> Template:
        return Template(
            template_name="portal/admin/api_keys.html",
            status_code=status_code,
            headers=NO_STORE if created else None,
            context={
                "keys": await list_keys(),
                "errors": errors or {},
                "values": values or {"rate_limit": "60/minute"},
                "created": created,
            },
        )

    @get("/kunci-api", name="admin:api_keys", guards=[SYSTEM_ADMIN])
    async def api_keys(self) -> Template:
        return await self._keys_page()

    @post("/kunci-api", name="admin:api_key_create", guards=[SYSTEM_ADMIN], status_code=200)
    async def api_key_create(self, request: Request[Any, Any, Any]) -> Template:
        v = FormValidator(await request.form())
        name = v.text("name", required=True, max_length=120)
        rate = v.text("rate_limit", required=True, max_length=20)
        if v.ok:
            try:
                key_id, raw = await create_key(name, rate_limit=rate, actor=staff_user(request), request=request)
            except ApiKeyError as exc:
                v.errors[exc.field] = str(exc)
            else:
                return await self._keys_page(created={"id": key_id, "name": name, "secret": raw})
        return await self._keys_page(errors=v.errors, values=v.values, status_code=422)

    @post("/kunci-api/{key_id:int}/cabut", name="admin:api_key_revoke", guards=[SYSTEM_ADMIN], status_code=303)
    async def api_key_revoke(self, request: Request[Any, Any, Any], key_id: RowId) -> Redirect:
        if not await revoke_key(key_id=key_id, actor=staff_user(request), request=request):
            raise NotFoundException(_("Kunci API aktif tidak ditemukan."))
        return Redirect(path=f"{BASE}/kunci-api", status_code=303)


API_KEY_HANDLERS: list = [ApiKeysController]
