"""Staff login and logout, and the health endpoint."""

from __future__ import annotations

from typing import Any

from litestar import Controller, MediaType, Request, get, post
from litestar.response import Redirect, Response, Template

from portal import audit
from portal.db import get_engine
from portal.forms import FormValidator
from portal.i18n import _
from portal.security import authenticate, end_session, start_session


def safe_next(target: str | None) -> str:
    """Only same-site relative paths are followed after login (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/staf"


@get("/health", name="health", media_type=MediaType.JSON, include_in_schema=False, cache=False)
async def health() -> Response[dict[str, Any]]:
    """Liveness and database check for load balancers."""
    try:
        await get_engine().run_ddl("SELECT 1")
    except Exception:
        return Response({"status": "error", "database": "unavailable"}, status_code=503)
    return Response({"status": "ok", "database": "ok"})


class AuthController(Controller):
    path = "/"
    include_in_schema = False

    @get("/masuk", name="login")
    async def login_form(self, request: Request[Any, Any, Any]) -> Template:
        return Template(
            template_name="portal/login.html",
            context={"next": safe_next(request.query_params.get("next")), "errors": {}, "values": {}},
        )

    @post("/masuk", name="login_submit", opt={"rate_limit": "login"}, status_code=303)
    async def login(self, request: Request[Any, Any, Any]) -> Response[Any]:
        form = await request.form()
        validator = FormValidator(form)
        username = validator.text("username", required=True, max_length=80)
        password = str(form.get("password") or "")
        if not password:
            validator.errors["password"] = _("Wajib diisi.")
        next_url = safe_next(form.get("next"))
        form_ok = validator.ok
        user = await authenticate(username, password) if form_ok else None
        if user is None:
            await audit.record(
                "login_failed", "staff_user", username[:80], actor_name=username[:80], request=request
            )
            if form_ok:
                validator.errors["__all__"] = _("Nama pengguna atau kata sandi salah.")
            return Template(
                template_name="portal/login.html",
                context={"next": next_url, "errors": validator.errors, "values": {"username": username}},
                status_code=401 if form_ok else 422,
            )
        await start_session(request, user)
        await audit.record("login", "staff_user", user.id, actor=user, unit_id=user.unit_id, request=request)
        return Redirect(path=next_url, status_code=303)

    @post("/keluar", name="logout", status_code=303)
    async def logout(self, request: Request[Any, Any, Any]) -> Redirect:
        user = request.scope.get("user")
        if user is not None:
            await audit.record(
                "logout", "staff_user", user.id, actor=user, unit_id=user.unit_id, request=request
            )
        end_session(request)
        return Redirect(path="/", status_code=303)
