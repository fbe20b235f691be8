"""Open311 API keys: issued by the system admin per client system, stored as SHA-256 hashes.

Keys are 256-bit random secrets, so a fast hash is enough (no password stretching needed) and lets
the key be looked up by its hash. Each key has its own rate limit ("N/unit", checked per key).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from complaints.open311.tables import ApiKey
from portal import audit
from portal.db import write_transaction
from portal.i18n import _
from portal.settings import parse_rate

if TYPE_CHECKING:
    from litestar import Request
    from litestar.stores.base import Store

    from portal.security import CurrentUser

KEY_PREFIX = "o311_"
RATE_STORE = "rl_api_key"
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


class ApiKeyError(ValueError):
    """A key that cannot be created or changed (duplicate name, bad rate); `field` names the form field."""

    def __init__(self, message: str, field: str = "name") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class ApiClient:
    id: int
    name: str
    rate_limit: str


def hash_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


def new_raw_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


async def create_key(
    name: str,
    *,
    rate_limit: str = "60/minute",
    actor: CurrentUser | None = None,
    actor_name: str = "cli",
    request: Request | None = None,
) -> tuple[int, str]:
    """Create a key for client `name`; returns (id, raw key). The raw key is shown only once (the admin page
    and `portal apikeys create` both come here); the key and its audit entry are written together."""
    name = name.strip()
    if not name or len(name) > 120:
        raise ApiKeyError(_("Nama klien harus 1 sampai 120 karakter."))
    try:
        parse_rate(rate_limit)
    except ValueError as exc:
        raise ApiKeyError(_("Batas harus berbentuk N/second, N/minute, N/hour, atau N/day."), "rate_limit") from exc
    raw = new_raw_key()
    async with write_transaction():
        if await ApiKey.exists().where(ApiKey.name == name):
            raise ApiKeyError(_("Sudah ada kunci API bernama %(name)s.") % {"name": name})
        rows = await ApiKey.insert(
            ApiKey(
                name=name,
                key_prefix=raw[: len(KEY_PREFIX) + 4],
                key_hash=hash_key(raw),
                rate_limit=rate_limit,
                active=True,
                created_at=datetime.now(UTC),
            )
        ).returning(ApiKey.id)
        key_id = rows[0]["id"]
        await audit.record(
            "apikey.create",
            "open311_api_key",
            key_id,
            actor=actor,
            actor_name=None if actor else actor_name,
            after={"name": name, "rate_limit": rate_limit, "key_prefix": raw[: len(KEY_PREFIX) + 4]},
            request=request,
        )
    return key_id, raw


async def revoke_key(
    name: str | None = None,
    *,
    key_id: int | None = None,
    actor: CurrentUser | None = None,
    actor_name: str = "cli",
    request: Request | None = None,
) -> bool:
    """Revoke the active key of client `name` (or with id `key_id`); False when there is none."""
    async with write_transaction():
        query = ApiKey.select(ApiKey.id, ApiKey.active)
        query = query.where(ApiKey.id == key_id) if key_id is not None else query.where(ApiKey.name == name)
        row = await query.first()
        if row is None or not row["active"]:
            return False
        await ApiKey.update({ApiKey.active: False, ApiKey.revoked_at: datetime.now(UTC)}).where(ApiKey.id == row["id"])
        await audit.record(
            "apikey.revoke",
            "open311_api_key",
            row["id"],
            actor=actor,
            actor_name=None if actor else actor_name,
            before={"active": True},
            after={"active": False},
            request=request,
        )
    return True


async def list_keys() -> list[dict]:
    return await ApiKey.select(
        ApiKey.id,
        ApiKey.name,
        ApiKey.key_prefix,
        ApiKey.rate_limit,
        ApiKey.active,
        ApiKey.created_at,
        ApiKey.last_used_at,
        ApiKey.revoked_at,
    ).order_by(ApiKey.name)


async def authenticate(raw_key: str | None) -> ApiClient | None:
    """The active client owning `raw_key`, or None."""
    if not raw_key or len(raw_key) > 200:
        return None
    row = (
        await ApiKey.select(ApiKey.id, ApiKey.name, ApiKey.rate_limit)
        .where((ApiKey.key_hash == hash_key(raw_key)) & (ApiKey.active.eq(True)))
        .first()
    )
    if row is None:
        return None
    return ApiClient(id=row["id"], name=row["name"], rate_limit=row["rate_limit"])


async def touch(client: ApiClient) -> None:
    await ApiKey.update({ApiKey.last_used_at: datetime.now(UTC)}).where(ApiKey.id == client.id)


async def check_rate(store: Store, client: ApiClient, *, now: float | None = None) -> int | None:
    """Count one request of `client` in its fixed window; returns seconds to wait when over the limit."""
    unit, limit = parse_rate(client.rate_limit)
    window = _SECONDS[unit]
    now = time.time() if now is None else now
    slot = int(now // window)
    key = f"open311:{client.id}:{slot}"
    raw = await store.get(key)
    count = int(raw) if raw else 0
    if count >= limit:
        return max(1, int((slot + 1) * window - now))
    await store.set(key, str(count + 1).encode(), expires_in=window + 1)
    return None
