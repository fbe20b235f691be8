"""Evaluator tokens in the administration pages (`/staf/admin/token-evaluator`, system admins).

The rules live in evaluation_link.tokens (the `portal evaluation` commands call it too); a new token is shown
once, in the answer to the POST that made it, with `Cache-Control: no-store`; only its hash is kept.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect

from evaluation_link.services.tokens import create_token, list_tokens, revoke_token
from portal.forms import FormValidator
from portal.i18n import _
from portal.params import RowId
from portal.security import staff_user
from portal.templating import Template
from portal.web.admin import BASE, NO_STORE, SYSTEM_ADMIN


class EvaluatorTokensController(Controller):
    path = BASE
    include_in_schema = False

    # --- evaluator tokens (system admins) ------------------------------------------------------

    async def _tokens_page(
        self,
        *,
        errors: dict[str, str] | None = None,
        values: dict[str, Any] | None = None,
        created: dict[str, Any] | None = None,
        status_code: int = 200,
    ) -> Template:
        return Template(
            template_name="portal/admin/evaluator_tokens.html",
            status_code=status_code,
            headers=NO_STORE if created else None,
            context={"tokens": await list_tokens(), "errors": errors or {}, "values": values or {}, "created": created},
        )

    @get("/token-evaluator", name="admin:evaluator_tokens", guards=[SYSTEM_ADMIN])
    async def evaluator_tokens(self) -> Template:
        return await self._tokens_page()

    @post("/token-evaluator", name="admin:evaluator_token_create", guards=[SYSTEM_ADMIN], status_code=200)
    async def evaluator_token_create(self, request: Request[Any, Any, Any]) -> Template:
        v = FormValidator(await request.form())
        name = v.text("name", required=True, max_length=120)
        if v.ok:
            try:
                token = await create_token(name, actor=staff_user(request), request=request)
            except ValueError as exc:
                v.errors["name"] = str(exc)
            else:
                return await self._tokens_page(created={"name": name, "secret": token})
        return await self._tokens_page(errors=v.errors, values=v.values, status_code=422)

    @post(
        "/token-evaluator/{token_id:int}/cabut",
        name="admin:evaluator_token_revoke",
        guards=[SYSTEM_ADMIN],
        status_code=303,
    )
    async def evaluator_token_revoke(self, request: Request[Any, Any, Any], token_id: RowId) -> Redirect:
        if not await revoke_token(token_id=token_id, actor=staff_user(request), request=request):
            raise NotFoundException(_("Token aktif tidak ditemukan."))
        return Redirect(path=f"{BASE}/token-evaluator", status_code=303)


TOKEN_HANDLERS: list = [EvaluatorTokensController]
