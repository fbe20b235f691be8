"""Staff accounts: create, change role and unit, deactivate/reactivate, one-time password links.

The admin pages (`portal/web/admin.py`) and the `portal users ...` commands both call these
functions; nothing else writes staff accounts. Every change is written together with its audit entry
in one transaction.

Who may do what: a system admin manages every account; a unit admin manages the unit admins and
officers of their own unit and grants only those two roles (never system_admin or evaluator, never
another unit). `actor=None` is the command line (run by whoever holds the server), which may do
everything a system admin may.

Password links: an admin never types nor sees a colleague's password. Creating an account or
resetting a password issues a link `/masuk/sandi/<token>`, shown once to the admin to pass on. The
token carries the account id and its expiry, signed with HMAC-SHA256 under the portal's secret key;
only its SHA-256 is stored, it works once (using it clears it, a newer link replaces it) and expires
after `RESET_HOURS`. Setting a password ends the account's earlier sessions (`password_changed_at`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import anyio

from portal import audit
from portal.db import write_transaction
from portal.i18n import N_, _
from portal.security import STAFF_ROLES, hash_password
from portal.settings import get_settings
from portal.tables import Role, StaffUser, Unit

if TYPE_CHECKING:
    from litestar import Request

    from portal.security import CurrentUser

RESET_HOURS = 72
RESET_PATH = "/masuk/sandi"
MIN_PASSWORD = 10
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,79}$")
UNIT_ROLES = (Role.unit_admin.value, Role.unit_officer.value)
ROLE_LABELS = {
    Role.system_admin.value: N_("Admin sistem"),
    Role.unit_admin.value: N_("Admin unit"),
    Role.unit_officer.value: N_("Petugas unit"),
    Role.evaluator.value: N_("Evaluator"),
}
ACCOUNT_COLUMNS = (
    StaffUser.id,
    StaffUser.username,
    StaffUser.full_name,
    StaffUser.email,
    StaffUser.role,
    StaffUser.unit,
    StaffUser.unit.name.as_alias("unit_name"),
    StaffUser.active,
    StaffUser.created_at,
    StaffUser.last_login,
    StaffUser.locked_until,
    StaffUser.reset_expires_at,
)


class AccountError(Exception):
    """A change refused; `errors` maps form field -> message in the user's language."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class AccountNotFound(Exception):
    """No such account, or not one this actor may manage (both answer 404: ids are not revealed)."""


@dataclass(frozen=True, slots=True)
class PasswordLink:
    token: str
    expires_at: datetime

    def url(self, base_url: str = "") -> str:
        return f"{base_url.rstrip('/')}{RESET_PATH}/{self.token}"


# --- permissions -----------------------------------------------------------------------------


def grantable_roles(actor: CurrentUser | None) -> tuple[str, ...]:
    """The roles `actor` may give: all for system admins and the CLI, unit roles for unit admins."""
    if actor is None or actor.is_system_admin:
        return STAFF_ROLES
    if actor.role == Role.unit_admin.value:
        return UNIT_ROLES
    return ()


def may_manage(actor: CurrentUser | None, account: dict[str, Any]) -> bool:
    if actor is None or actor.is_system_admin:
        return True
    return (
        actor.role == Role.unit_admin.value
        and actor.unit_id is not None
        and account["unit"] == actor.unit_id
        and account["role"] in UNIT_ROLES
    )


def _actor_name(actor: CurrentUser | None, actor_name: str | None) -> str | None:
    return actor_name if actor is None else None


# --- reading ---------------------------------------------------------------------------------


async def list_accounts(actor: CurrentUser | None) -> list[dict[str, Any]]:
    query = StaffUser.select(*ACCOUNT_COLUMNS).order_by(StaffUser.unit.name).order_by(StaffUser.username)
    if actor is not None and not actor.is_system_admin:
        if not grantable_roles(actor):
            return []
        query = query.where((StaffUser.unit == actor.unit_id) & StaffUser.role.is_in(list(UNIT_ROLES)))
    return await query


async def get_account(actor: CurrentUser | None, user_id: int) -> dict[str, Any]:
    row = await StaffUser.select(*ACCOUNT_COLUMNS).where(StaffUser.id == user_id).first()
    if row is None or not may_manage(actor, row):
        raise AccountNotFound(user_id)
    return row


async def id_for_username(username: str) -> int:
    row = await StaffUser.select(StaffUser.id).where(StaffUser.username == username.strip()).first()
    if row is None:
        raise AccountNotFound(username)
    return row["id"]


async def unit_choices(actor: CurrentUser | None) -> list[dict[str, Any]]:
    if actor is None or actor.is_system_admin:
        return await Unit.select(Unit.id, Unit.name, Unit.slug).order_by(Unit.name)
    return await Unit.select(Unit.id, Unit.name, Unit.slug).where(Unit.id == actor.unit_id)


# --- validation ------------------------------------------------------------------------------


async def _check(actor: CurrentUser | None, *, role: str, unit_id: int | None, errors: dict[str, str]) -> int | None:
    """Role and unit rules shared by create and update; returns the unit the account will belong to."""
    if role not in STAFF_ROLES:
        errors["role"] = _("Pilihan tidak valid.")
        return unit_id
    if role not in grantable_roles(actor):
        errors["role"] = _("Anda tidak dapat memberikan peran ini.")
        return unit_id
    if actor is not None and not actor.is_system_admin:
        if unit_id is not None and unit_id != actor.unit_id:
            errors["unit_id"] = _("Anda hanya dapat mengelola akun unit Anda sendiri.")
        unit_id = actor.unit_id
    if role in UNIT_ROLES:
        if unit_id is None:
            errors["unit_id"] = _("Admin unit dan petugas unit harus memiliki unit.")
        elif not await Unit.exists().where(Unit.id == unit_id):
            errors["unit_id"] = _("Pilihan tidak valid.")
        return unit_id
    return None  # system admins and evaluators belong to no unit


def check_password(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return _("Kata sandi paling sedikit %(n)d karakter.") % {"n": MIN_PASSWORD}
    if len(password) > 200:
        return _("Paling banyak %(n)d karakter.") % {"n": 200}
    return None


async def _other_active_system_admins(user_id: int) -> int:
    return await StaffUser.count().where(
        (StaffUser.role == Role.system_admin.value) & StaffUser.active.eq(True) & (StaffUser.id != user_id)
    )


# --- writing ---------------------------------------------------------------------------------


async def create_account(
    actor: CurrentUser | None,
    *,
    username: str,
    role: str,
    unit_id: int | None = None,
    full_name: str = "",
    email: str = "",
    password: str | None = None,
    request: Request | None = None,
    actor_name: str | None = "cli",
    dry_run: bool = False,
) -> int:
    """A new account. Without `password` it gets none that works: pass on `issue_password_link`."""
    username = username.strip()
    errors: dict[str, str] = {}
    if not USERNAME_RE.match(username):
        errors["username"] = _(
            "Gunakan 3–80 huruf kecil, angka, titik, garis bawah, atau tanda hubung (contoh: budi.santoso)."
        )
    unit_id = await _check(actor, role=role, unit_id=unit_id, errors=errors)
    if password is not None and (problem := check_password(password)):
        errors["password"] = problem
    if not errors and await StaffUser.exists().where(StaffUser.username == username):
        errors["username"] = _("Nama pengguna ini sudah dipakai.")
    if errors:
        raise AccountError(errors)
    if dry_run:
        return 0
    secret = password if password is not None else secrets.token_urlsafe(32)  # unusable until a link is used
    hashed = await anyio.to_thread.run_sync(hash_password, secret)
    async with write_transaction():
        if await StaffUser.exists().where(StaffUser.username == username):
            raise AccountError({"username": _("Nama pengguna ini sudah dipakai.")})
        rows = await StaffUser.insert(
            StaffUser(
                username=username,
                password_hash=hashed,
                role=role,
                unit=unit_id,
                full_name=full_name.strip() or username,
                email=email.strip(),
                created_at=datetime.now(UTC),
            )
        ).returning(StaffUser.id)
        user_id = rows[0]["id"]
        await audit.record(
            "staff_user_created",
            "staff_user",
            user_id,
            actor=actor,
            actor_name=_actor_name(actor, actor_name),
            unit_id=unit_id,
            request=request,
            after={
                "username": username,
                "role": role,
                "unit": unit_id,
                "full_name": full_name or username,
                "email": email,
                "password_set": password is not None,
            },
        )
    return user_id


async def update_account(
    actor: CurrentUser | None,
    user_id: int,
    *,
    role: str,
    unit_id: int | None,
    full_name: str,
    email: str,
    request: Request | None = None,
    actor_name: str | None = "cli",
) -> bool:
    """Change role, unit, name or e-mail; returns False when nothing changed (no write, no audit)."""
    async with write_transaction():
        before = await get_account(actor, user_id)
        errors: dict[str, str] = {}
        unit_id = await _check(actor, role=role, unit_id=unit_id, errors=errors)
        if actor is not None and actor.id == user_id and role != before["role"]:
            errors["role"] = _("Anda tidak dapat mengubah peran akun Anda sendiri.")
        if (
            before["role"] == Role.system_admin.value
            and role != before["role"]
            and before["active"]
            and not await _other_active_system_admins(user_id)
        ):
            errors["role"] = _("Harus tetap ada paling sedikit satu admin sistem aktif.")
        if errors:
            raise AccountError(errors)
        after = {
            "role": role,
            "unit": unit_id,
            "full_name": full_name.strip() or before["username"],
            "email": email.strip(),
        }
        old = {key: before[key] for key in after}
        if old == after:
            return False
        await StaffUser.update(
            {
                StaffUser.role: role,
                StaffUser.unit: unit_id,
                StaffUser.full_name: after["full_name"],
                StaffUser.email: after["email"],
            }
        ).where(StaffUser.id == user_id)
        await audit.record(
            "staff_user_updated",
            "staff_user",
            user_id,
            actor=actor,
            actor_name=_actor_name(actor, actor_name),
            unit_id=unit_id if unit_id is not None else before["unit"],
            request=request,
            before=old,
            after=after,
        )
    return True


async def set_active(
    actor: CurrentUser | None,
    user_id: int,
    active: bool,
    *,
    request: Request | None = None,
    actor_name: str | None = "cli",
) -> bool:
    """Deactivate (the account can no longer log in; its sessions end at once) or reactivate.
    Returns False when the account already was in that state."""
    async with write_transaction():
        before = await get_account(actor, user_id)
        if before["active"] == active:
            return False
        if not active:
            if actor is not None and actor.id == user_id:
                raise AccountError({"__all__": _("Anda tidak dapat menonaktifkan akun Anda sendiri.")})
            if before["role"] == Role.system_admin.value and not await _other_active_system_admins(user_id):
                raise AccountError({"__all__": _("Harus tetap ada paling sedikit satu admin sistem aktif.")})
        changes: dict[Any, Any] = {StaffUser.active: active}
        if not active:  # a pending password link dies with the account
            changes.update({StaffUser.reset_token_hash: "", StaffUser.reset_expires_at: None})
        await StaffUser.update(changes).where(StaffUser.id == user_id)
        await audit.record(
            "staff_user_reactivated" if active else "staff_user_deactivated",
            "staff_user",
            user_id,
            actor=actor,
            actor_name=_actor_name(actor, actor_name),
            unit_id=before["unit"],
            request=request,
            before={"active": before["active"]},
            after={"active": active},
        )
    return True


# --- one-time password links -----------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _signature(secret_key: str, payload: str) -> str:
    return _b64(hmac.new(secret_key.encode(), payload.encode(), hashlib.sha256).digest()[:18])


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _secret_key() -> str:
    return get_settings().secret_key


def _unpack(token: str, secret_key: str) -> tuple[int, datetime] | None:
    """(account id, expiry) of a well-formed token with a valid signature, else None."""
    if not token or len(token) > 200:
        return None
    payload, dot, signature = token.rpartition(".")
    if not dot or not hmac.compare_digest(signature, _signature(secret_key, payload)):
        return None
    user_part, expires_part, _nonce = ([*payload.split(".", 2), "", ""])[:3]
    if not (user_part.isdigit() and expires_part.isdigit()) or len(user_part) > 10 or len(expires_part) > 12:
        return None
    return int(user_part), datetime.fromtimestamp(int(expires_part), UTC)


async def issue_password_link(
    actor: CurrentUser | None,
    user_id: int,
    *,
    request: Request | None = None,
    actor_name: str | None = "cli",
    secret_key: str | None = None,
    hours: int = RESET_HOURS,
) -> PasswordLink:
    """A new one-time link to set the account's password (any earlier link stops working). The token is
    returned once and never stored: only its hash is."""
    key = secret_key or _secret_key()
    expires_at = (datetime.now(UTC) + timedelta(hours=hours)).replace(microsecond=0)
    payload = f"{user_id}.{int(expires_at.timestamp())}.{secrets.token_urlsafe(24)}"
    token = f"{payload}.{_signature(key, payload)}"
    async with write_transaction():
        account = await get_account(actor, user_id)
        if not account["active"]:
            raise AccountError({"__all__": _("Aktifkan akun ini terlebih dahulu.")})
        await StaffUser.update(
            {StaffUser.reset_token_hash: _token_hash(token), StaffUser.reset_expires_at: expires_at}
        ).where(StaffUser.id == user_id)
        await audit.record(
            "password_link_issued",
            "staff_user",
            user_id,
            actor=actor,
            actor_name=_actor_name(actor, actor_name),
            unit_id=account["unit"],
            request=request,
            after={"expires_at": expires_at},
        )
    return PasswordLink(token=token, expires_at=expires_at)


async def account_for_link(token: str, *, secret_key: str | None = None) -> dict[str, Any] | None:
    """The active account a still valid, unused link belongs to (for the set-password form), else None."""
    unpacked = _unpack(token, secret_key or _secret_key())
    if unpacked is None or unpacked[1] <= datetime.now(UTC):
        return None
    row = await (
        StaffUser.select(StaffUser.id, StaffUser.username, StaffUser.unit, StaffUser.reset_expires_at)
        .where(
            (StaffUser.id == unpacked[0])
            & (StaffUser.reset_token_hash == _token_hash(token))
            & StaffUser.active.eq(True)
        )
        .first()
    )
    expires = row["reset_expires_at"] if row else None
    if expires is not None and expires.tzinfo is None:
        expires = expires.replace(tzinfo=UTC)
    if row is None or expires is None or expires <= datetime.now(UTC):
        return None
    return row


async def use_password_link(
    token: str, password: str, *, request: Request | None = None, secret_key: str | None = None
) -> str:
    """Set the password through a one-time link; returns the username. The link is used up, a lock from
    failed logins is lifted, and every earlier session of the account ends. AccountError otherwise."""
    if problem := check_password(password):
        raise AccountError({"password": problem})
    hashed = await anyio.to_thread.run_sync(hash_password, password)
    async with write_transaction():
        row = await account_for_link(token, secret_key=secret_key)
        if row is None:
            raise AccountError({"__all__": _("Tautan ini tidak berlaku lagi. Minta tautan baru kepada admin.")})
        await StaffUser.update(
            {
                StaffUser.password_hash: hashed,
                StaffUser.password_changed_at: datetime.now(UTC),
                StaffUser.reset_token_hash: "",
                StaffUser.reset_expires_at: None,
                StaffUser.failed_logins: 0,
                StaffUser.locked_until: None,
            }
        ).where(StaffUser.id == row["id"])
        await audit.record(
            "password_set_by_link",
            "staff_user",
            row["id"],
            actor_name=row["username"],
            unit_id=row["unit"],
            request=request,
        )
    return str(row["username"])
