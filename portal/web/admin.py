"""Administration pages (`/staf/admin`): staff accounts (Open311 API keys, evaluator tokens and units are
the pages of their domains: complaints.open311.web.admin, evaluation_link.web.tokens and
catalogue.web.admin).

System admins manage everything; unit admins manage the accounts of their own unit only. The domain
rules live in the services these handlers call (`portal.staff_accounts`), which the `portal` commands call
too. Secrets (a one-time password link) are shown once, in the answer to the POST that made them, with
`Cache-Control: no-store`; only their hashes are kept.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Response

from portal import login_guard, staff_accounts
from portal.forms import FormValidator
from portal.i18n import _
from portal.params import RowId, parse_id
from portal.security import CurrentUser, requires_roles, staff_user
from portal.tables import Role
from portal.templating import Template

BASE = "/staf/admin"
ADMINS = requires_roles(Role.system_admin, Role.unit_admin)
SYSTEM_ADMIN = requires_roles(Role.system_admin)
NO_STORE = {"cache-control": "no-store", "pragma": "no-cache"}


def _secret_key(request: Request[Any, Any, Any]) -> str:
    return request.app.state.settings.secret_key


def _secret_page(template: str, context: dict[str, Any]) -> Template:
    return Template(template_name=template, context=context, headers=NO_STORE)


async def _account(user: CurrentUser, user_id: int) -> dict[str, Any]:
    try:
        return await staff_accounts.get_account(user, user_id)
    except staff_accounts.AccountNotFound as exc:
        raise NotFoundException(_("Akun tidak ditemukan.")) from exc


class AdminController(Controller):
    path = BASE
    include_in_schema = False

    # --- overview ------------------------------------------------------------------------------

    @get("/", name="admin:home", guards=[ADMINS])
    async def home(self, request: Request[Any, Any, Any]) -> Template:
        user = staff_user(request)
        return Template(template_name="portal/admin/home.html", context={"user": user})

    # --- staff accounts ------------------------------------------------------------------------

    @get("/pengguna", name="admin:users", guards=[ADMINS])
    async def users(self, request: Request[Any, Any, Any]) -> Template:
        user = staff_user(request)
        return Template(
            template_name="portal/admin/users.html",
            context={
                "accounts": await staff_accounts.list_accounts(user),
                "role_labels": staff_accounts.ROLE_LABELS,
                "user": user,
                "notice": request.query_params.get("notice", "")[:20],
            },
        )

    async def _user_form(
        self,
        user: CurrentUser,
        *,
        account: dict[str, Any] | None,
        values: dict[str, Any],
        errors: dict[str, str],
        status_code: int = 200,
        notice: str = "",
    ) -> Template:
        return Template(
            template_name="portal/admin/user_form.html",
            status_code=status_code,
            context={
                "account": account,
                "values": values,
                "errors": errors,
                "roles": staff_accounts.grantable_roles(user),
                "role_labels": staff_accounts.ROLE_LABELS,
                "units": await staff_accounts.unit_choices(user),
                "user": user,
                "notice": notice,
            },
        )

    @staticmethod
    def _read_user_form(form: Any, user: CurrentUser, *, is_new: bool) -> FormValidator:
        v = FormValidator(form)
        if is_new:
            v.values["username"] = v.text("username", required=True, max_length=80).lower()
        v.text("full_name", max_length=200)
        v.email("email")
        v.choice("role", staff_accounts.grantable_roles(user) or ("",))
        raw_unit = v.text("unit_id", max_length=20)
        v.values["unit_id"] = parse_id(raw_unit) if raw_unit else None
        if raw_unit and v.values["unit_id"] is None:
            v.errors["unit_id"] = _("Pilihan tidak valid.")
        return v

    @get("/pengguna/baru", name="admin:user_new", guards=[ADMINS])
    async def user_new(self, request: Request[Any, Any, Any]) -> Template:
        user = staff_user(request)
        values = {"role": Role.unit_officer.value, "unit_id": user.unit_id}
        return await self._user_form(user, account=None, values=values, errors={})

    @post("/pengguna/baru", name="admin:user_create", guards=[ADMINS], status_code=200)
    async def user_create(self, request: Request[Any, Any, Any]) -> Template:
        user = staff_user(request)
        v = self._read_user_form(await request.form(), user, is_new=True)
        if v.ok:
            try:
                user_id = await staff_accounts.create_account(
                    user,
                    username=v.values["username"],
                    role=v.values["role"],
                    unit_id=v.values["unit_id"],
                    full_name=v.values["full_name"],
                    email=v.values["email"],
                    request=request,
                )
                link = await staff_accounts.issue_password_link(
                    user, user_id, request=request, secret_key=_secret_key(request)
                )
            except staff_accounts.AccountError as exc:
                v.errors.update(exc.errors)
            else:
                account = await staff_accounts.get_account(user, user_id)
                return self._link_page(request, account, link, created=True)
        return await self._user_form(user, account=None, values=v.values, errors=v.errors, status_code=422)

    def _link_page(
        self, request: Request[Any, Any, Any], account: dict[str, Any], link: Any, *, created: bool
    ) -> Template:
        base_url = request.app.state.settings.base_url or str(request.base_url)
        return _secret_page(
            "portal/admin/password_link.html",
            {"account": account, "url": link.url(base_url), "expires_at": link.expires_at, "created": created},
        )

    @get("/pengguna/{user_id:int}", name="admin:user_edit", guards=[ADMINS])
    async def user_edit(self, request: Request[Any, Any, Any], user_id: RowId) -> Template:
        user = staff_user(request)
        account = await _account(user, user_id)
        values = {**account, "unit_id": account["unit"]}
        notice = request.query_params.get("notice", "")[:20]
        return await self._user_form(user, account=account, values=values, errors={}, notice=notice)

    @post("/pengguna/{user_id:int}", name="admin:user_update", guards=[ADMINS], status_code=303)
    async def user_update(self, request: Request[Any, Any, Any], user_id: RowId) -> Response[Any]:
        user = staff_user(request)
        account = await _account(user, user_id)
        v = self._read_user_form(await request.form(), user, is_new=False)
        if v.ok:
            try:
                await staff_accounts.update_account(
                    user,
                    user_id,
                    role=v.values["role"],
                    unit_id=v.values["unit_id"],
                    full_name=v.values["full_name"],
                    email=v.values["email"],
                    request=request,
                )
            except staff_accounts.AccountError as exc:
                v.errors.update(exc.errors)
            else:
                return Redirect(path=f"{BASE}/pengguna/{user_id}?notice=saved", status_code=303)
        return await self._user_form(user, account=account, values=v.values, errors=v.errors, status_code=422)

    @post("/pengguna/{user_id:int}/tautan-sandi", name="admin:user_password_link", guards=[ADMINS], status_code=200)
    async def user_password_link(self, request: Request[Any, Any, Any], user_id: RowId) -> Template:
        user = staff_user(request)
        account = await _account(user, user_id)
        try:
            link = await staff_accounts.issue_password_link(
                user, user_id, request=request, secret_key=_secret_key(request)
            )
        except staff_accounts.AccountError as exc:
            values = {**account, "unit_id": account["unit"]}
            return await self._user_form(user, account=account, values=values, errors=exc.errors, status_code=409)
        return self._link_page(request, account, link, created=False)

    async def _set_active(self, request: Request[Any, Any, Any], user_id: int, active: bool) -> Response[Any]:
        user = staff_user(request)
        account = await _account(user, user_id)
        try:
            await staff_accounts.set_active(user, user_id, active, request=request)
        except staff_accounts.AccountError as exc:
            values = {**account, "unit_id": account["unit"]}
            return await self._user_form(user, account=account, values=values, errors=exc.errors, status_code=409)
        notice = "activated" if active else "deactivated"
        return Redirect(path=f"{BASE}/pengguna/{user_id}?notice={notice}", status_code=303)

    @post("/pengguna/{user_id:int}/nonaktifkan", name="admin:user_deactivate", guards=[ADMINS], status_code=303)
    async def user_deactivate(self, request: Request[Any, Any, Any], user_id: RowId) -> Response[Any]:
        return await self._set_active(request, user_id, False)

    @post("/pengguna/{user_id:int}/aktifkan", name="admin:user_activate", guards=[ADMINS], status_code=303)
    async def user_activate(self, request: Request[Any, Any, Any], user_id: RowId) -> Response[Any]:
        return await self._set_active(request, user_id, True)

    @post("/pengguna/{user_id:int}/buka-kunci", name="admin:user_unlock", guards=[ADMINS], status_code=303)
    async def user_unlock(self, request: Request[Any, Any, Any], user_id: RowId) -> Redirect:
        user = staff_user(request)
        account = await _account(user, user_id)
        await login_guard.unlock_by_admin(account["username"], actor=user, request=request)
        return Redirect(path=f"{BASE}/pengguna/{user_id}?notice=unlocked", status_code=303)


ADMIN_HANDLERS: list = [AdminController]
