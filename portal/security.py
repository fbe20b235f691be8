"""Staff authentication: argon2 password hashes, rotating server-side sessions, the current user, guards."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import anyio
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig

from portal.i18n import _
from portal.tables import Role, StaffUser, Unit

if TYPE_CHECKING:
    from litestar import Request
    from litestar.connection import ASGIConnection
    from litestar.handlers.base import BaseRouteHandler
    from litestar.types import ASGIApp, Receive, Scope, Send

_hasher = PasswordHasher()
# A real hash to verify against when the username is unknown, so timing does not reveal accounts.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))

STAFF_ROLES = tuple(role.value for role in Role)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


async def verify_password_async(stored_hash: str | None, password: str) -> bool:
    return await anyio.to_thread.run_sync(verify_password, stored_hash, password)


@dataclass(frozen=True, slots=True)
class CurrentUser:
    id: int
    username: str
    full_name: str
    role: str
    unit_id: int | None
    unit_slug: str | None
    unit_name: str | None

    @property
    def is_system_admin(self) -> bool:
        return self.role == Role.system_admin.value

    @property
    def is_evaluator(self) -> bool:
        return self.role == Role.evaluator.value

    @property
    def is_unit_staff(self) -> bool:
        return self.role in (Role.unit_admin.value, Role.unit_officer.value)

    def can_manage_unit(self, unit_id: int | None) -> bool:
        """Unit admins change only their own unit; system admins change any."""
        return self.is_system_admin or (self.role == Role.unit_admin.value and self.unit_id == unit_id)

    def can_work_unit(self, unit_id: int | None) -> bool:
        """Officers and admins of a unit handle its cases; system admins handle any."""
        return self.is_system_admin or (self.is_unit_staff and self.unit_id == unit_id)

    def can_view_unit(self, unit_id: int | None) -> bool:
        """Read access: the unit's own staff, evaluators and system admins."""
        return self.is_system_admin or self.is_evaluator or (self.is_unit_staff and self.unit_id == unit_id)


async def load_user(user_id: int, *, session_started: str | None = None) -> CurrentUser | None:
    """The active account `user_id`; None when it is inactive, or when `session_started` (the session's
    ISO start time) is before the account's password was last set (earlier sessions end then)."""
    row = (
        await StaffUser.select(
            StaffUser.id,
            StaffUser.username,
            StaffUser.full_name,
            StaffUser.role,
            StaffUser.unit,
            StaffUser.unit.slug,
            StaffUser.unit.name,
            StaffUser.password_changed_at,
        )
        .where((StaffUser.id == user_id) & (StaffUser.active.eq(True)))
        .first()
    )
    if row is None:
        return None
    if session_started is not None and row["password_changed_at"] is not None:
        changed = row["password_changed_at"]
        changed = changed if changed.tzinfo else changed.replace(tzinfo=UTC)
        try:
            started = datetime.fromisoformat(session_started)
        except (TypeError, ValueError):
            return None
        if started < changed:
            return None
    return CurrentUser(
        id=row["id"],
        username=row["username"],
        full_name=row["full_name"],
        role=row["role"],
        unit_id=row["unit"],
        unit_slug=row["unit.slug"],
        unit_name=row["unit.name"],
    )


async def authenticate(username: str, password: str) -> CurrentUser | None:
    row = (
        await StaffUser.select(StaffUser.id, StaffUser.password_hash, StaffUser.active)
        .where(StaffUser.username == username.strip())
        .first()
    )
    ok = await verify_password_async(row["password_hash"] if row else None, password)
    if not ok or row is None or not row["active"]:
        return None
    await StaffUser.update({StaffUser.last_login: datetime.now(UTC)}).where(StaffUser.id == row["id"])
    return await load_user(row["id"])


async def create_user(
    *,
    username: str,
    password: str,
    role: str,
    unit_id: int | None = None,
    full_name: str = "",
    email: str = "",
    actor_name: str = "system",
) -> int:
    """An account created by the system (demo data, set-up): `portal.staff_accounts.create_account` with no
    acting user. ValueError with the reasons when the account breaks a rule."""
    # cycle: portal.staff_accounts imports this module (roles, password hashing) at its top
    from portal.staff_accounts import AccountError, create_account

    try:
        return await create_account(
            None, username=username, password=password, role=role, unit_id=unit_id, full_name=full_name,
            email=email, actor_name=actor_name,
        )  # fmt: skip
    except AccountError as exc:
        raise ValueError(str(exc)) from exc


async def unit_id_for_slug(slug: str) -> int | None:
    row = await Unit.select(Unit.id).where(Unit.slug == slug).first()
    return row["id"] if row else None


# --- sessions --------------------------------------------------------------------------------

NEW_SESSION_ID = "portal_new_session_id"


class RotatingSessionBackend(ServerSideSessionBackend):
    """Server-side sessions whose id changes at login (no session fixation)."""

    def get_session_id(self, connection: ASGIConnection) -> str:
        state = connection.scope.get("state", {})
        if state.get(NEW_SESSION_ID):
            return state[NEW_SESSION_ID]
        return super().get_session_id(connection)

    async def store_in_message(self, scope_session: Any, message: Any, connection: ASGIConnection) -> None:
        """Visitors without a session get none: no file written, no cookie set (Litestar stores `{}` otherwise)."""
        if isinstance(scope_session, dict) and not scope_session and self.config.key not in connection.cookies:
            return
        await super().store_in_message(scope_session, message, connection)


class PortalSessionConfig(ServerSideSessionConfig):
    _backend_class = RotatingSessionBackend


async def start_session(request: Request, user: CurrentUser) -> None:
    """Drop the old session (and its id) and start a new one for `user`."""
    old_id = request.cookies.get(request.app.state.session_cookie_name)
    if old_id:
        await request.app.stores.get("sessions").delete(old_id)
    request.scope.setdefault("state", {})[NEW_SESSION_ID] = secrets.token_hex(32)
    request.set_session({"uid": user.id, "started": datetime.now(UTC).isoformat()})


def end_session(request: Request) -> None:
    request.clear_session()


class CurrentUserMiddleware:
    """Puts the logged-in staff user (or None) into scope["user"] from the session."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        user = None
        session = scope.get("session")
        if isinstance(session, dict) and session.get("uid"):
            user = await load_user(int(session["uid"]), session_started=session.get("started"))
        scope["user"] = user
        await self.app(scope, receive, send)


# --- guards ----------------------------------------------------------------------------------


def current_user(connection: ASGIConnection[Any, Any, Any, Any]) -> CurrentUser | None:
    """The logged-in staff user, or None for a visitor (pages that anyone may open)."""
    return connection.scope.get("user")


def staff_user(connection: ASGIConnection[Any, Any, Any, Any]) -> CurrentUser:
    """The logged-in staff user of a handler behind `requires_staff` / `requires_roles` (the one helper every
    staff controller uses); 401 when there is none."""
    user = current_user(connection)
    if user is None:
        raise NotAuthorizedException(_("Silakan masuk terlebih dahulu."))
    return user


def requires_staff(connection: ASGIConnection[Any, Any, Any, Any], __: BaseRouteHandler) -> None:
    if current_user(connection) is None:
        raise NotAuthorizedException(_("Silakan masuk terlebih dahulu."))


def requires_roles(*roles: Role | str):
    allowed = {r.value if isinstance(r, Role) else r for r in roles}

    def guard(connection: ASGIConnection[Any, Any, Any, Any], __: BaseRouteHandler) -> None:
        user = current_user(connection)
        if user is None:
            raise NotAuthorizedException(_("Silakan masuk terlebih dahulu."))
        if user.role not in allowed:
            raise PermissionDeniedException(_("Peran Anda tidak berhak membuka halaman ini."))

    guard.__name__ = f"requires_roles_{'_'.join(sorted(allowed))}"
    return guard


def ensure_can_manage_unit(user: CurrentUser | None, unit_id: int | None) -> CurrentUser:
    if user is None:
        raise NotAuthorizedException(_("Silakan masuk terlebih dahulu."))
    if not user.can_manage_unit(unit_id):
        raise PermissionDeniedException(_("Anda hanya dapat mengubah data unit Anda sendiri."))
    return user


def ensure_can_work_unit(user: CurrentUser | None, unit_id: int | None) -> CurrentUser:
    if user is None:
        raise NotAuthorizedException(_("Silakan masuk terlebih dahulu."))
    if not user.can_work_unit(unit_id):
        raise PermissionDeniedException(_("Anda hanya dapat menangani data unit Anda sendiri."))
    return user


def ensure_can_view_unit(user: CurrentUser | None, unit_id: int | None) -> CurrentUser:
    if user is None:
        raise NotAuthorizedException(_("Silakan masuk terlebih dahulu."))
    if not user.can_view_unit(unit_id):
        raise PermissionDeniedException(_("Anda tidak berhak melihat data unit ini."))
    return user
