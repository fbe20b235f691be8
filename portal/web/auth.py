"""Staff login and logout, and the health endpoint."""

from __future__ import annotations

from typing import Any

from litestar import Controller, MediaType, Request, get, post
from litestar.background_tasks import BackgroundTask
from litestar.params import FromPath
from litestar.response import Redirect, Response

from portal import audit, login_guard, staff_accounts
from portal.db import get_engine
from portal.forms import FormValidator
from portal.i18n import _
from portal.security import authenticate, end_session, start_session
from portal.templating import Template


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
        context = {"next": next_url, "errors": validator.errors, "values": {"username": username}}
        # Per-account backoff: counted before the password is checked, refused while the account is locked.
        attempt = await login_guard.begin(username) if form_ok else login_guard.Attempt()
        if attempt.refused:
            await audit.record(
                "login_failed",
                "staff_user",
                username[:80],
                actor_name=username[:80],
                after={"account_locked": True},
                request=request,
            )
            validator.errors["__all__"] = login_guard.locked_message(attempt)
            return Template(
                template_name="portal/login.html",
                context=context,
                status_code=429,
                headers={"retry-after": str(attempt.retry_after)},
            )
        user = await authenticate(username, password) if form_ok else None
        if user is None:
            settings = request.app.state.settings
            notice = await login_guard.failed(attempt, request, settings) if form_ok else None
            await audit.record("login_failed", "staff_user", username[:80], actor_name=username[:80], request=request)
            if form_ok:
                validator.errors["__all__"] = _("Nama pengguna atau kata sandi salah.")
            return Template(
                template_name="portal/login.html",
                context=context,
                status_code=401 if form_ok else 422,
                background=BackgroundTask(login_guard.send_lock_notice, settings, notice) if notice else None,
            )
        await login_guard.succeeded(attempt)
        await start_session(request, user)
        await audit.record("login", "staff_user", user.id, actor=user, unit_id=user.unit_id, request=request)
        return Redirect(path=next_url, status_code=303)

    @get(f"{login_guard.UNLOCK_PATH}/{{token:str}}", name="login_unlock_form")
    async def unlock_form(self, token: FromPath[str]) -> Template:
        """The e-mailed link opens a confirmation (mail scanners that follow links do not unlock)."""
        return Template(template_name="portal/unlock.html", context={"state": "confirm", "token": token[:100]})

    @post(f"{login_guard.UNLOCK_PATH}/{{token:str}}", name="login_unlock", opt={"rate_limit": "login"}, status_code=200)
    async def unlock(self, request: Request[Any, Any, Any], token: FromPath[str]) -> Template:
        username = await login_guard.unlock_by_token(token, request)
        if username is None:
            return Template(template_name="portal/unlock.html", context={"state": "invalid"}, status_code=404)
        return Template(template_name="portal/unlock.html", context={"state": "done", "username": username})

    @get(f"{staff_accounts.RESET_PATH}/{{token:str}}", name="password_link_form")
    async def password_link_form(self, request: Request[Any, Any, Any], token: FromPath[str]) -> Template:
        """The one-time link an admin passed on: a form to choose the password (opening it uses nothing)."""
        account = await staff_accounts.account_for_link(token, secret_key=request.app.state.settings.secret_key)
        return Template(
            template_name="portal/set_password.html",
            context={"state": "form" if account else "invalid", "account": account, "token": token[:200], "errors": {}},
            status_code=200 if account else 404,
            headers={"cache-control": "no-store"},
        )

    @post(f"{staff_accounts.RESET_PATH}/{{token:str}}", name="password_link_submit", opt={"rate_limit": "login"},
          status_code=200)  # fmt: skip
    async def password_link_submit(self, request: Request[Any, Any, Any], token: FromPath[str]) -> Template:
        form = await request.form()
        password = str(form.get("password") or "")
        errors: dict[str, str] = {}
        if password != str(form.get("password_confirm") or ""):
            errors["password_confirm"] = _("Kedua kata sandi tidak sama.")
        username = None
        if not errors:
            try:
                username = await staff_accounts.use_password_link(
                    token, password, request=request, secret_key=request.app.state.settings.secret_key
                )
            except staff_accounts.AccountError as exc:
                errors = exc.errors
        if username:
            return Template(template_name="portal/set_password.html",
                            context={"state": "done", "username": username, "errors": {}},
                            headers={"cache-control": "no-store"})  # fmt: skip
        account = await staff_accounts.account_for_link(token, secret_key=request.app.state.settings.secret_key)
        return Template(
            template_name="portal/set_password.html",
            context={
                "state": "form" if account else "invalid",
                "account": account,
                "token": token[:200],
                "errors": errors,
            },
            status_code=422 if account else 404,
            headers={"cache-control": "no-store"},
        )

    @post("/keluar", name="logout", status_code=303)
    async def logout(self, request: Request[Any, Any, Any]) -> Redirect:
        user = request.scope.get("user")
        if user is not None:
            await audit.record("logout", "staff_user", user.id, actor=user, unit_id=user.unit_id, request=request)
        end_session(request)
        return Redirect(path="/", status_code=303)
