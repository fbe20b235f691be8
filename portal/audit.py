"""The append-only audit trail: every state change by staff (and by the system) is written here."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from portal.tables import AuditLog

if TYPE_CHECKING:
    from litestar import Request

    from portal.security import CurrentUser


def _jsonable(value: Any) -> Any:
    """Make before/after snapshots JSON-safe (dates as ISO strings, decimals as strings)."""
    if value is None:
        return None
    return json.loads(json.dumps(value, default=_default))


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "value"):
        return value.value
    return str(value)


def client_ip(request: Request | None) -> str:
    if request is None or request.client is None:
        return ""
    return request.client.host or ""


async def record(
    action: str,
    entity_type: str,
    entity_id: Any = "",
    *,
    actor: CurrentUser | None = None,
    actor_name: str | None = None,
    unit_id: int | None = None,
    before: Any = None,
    after: Any = None,
    request: Request | None = None,
) -> None:
    """Append one audit entry. `actor=None` means the system or an anonymous citizen."""
    await AuditLog.insert(
        AuditLog(
            occurred_at=datetime.now(UTC),
            actor_id=actor.id if actor else None,
            actor_name=actor_name if actor_name is not None else (actor.username if actor else "system"),
            action=action,
            entity_type=entity_type,
            entity_id=str(entity_id),
            unit_id=unit_id,
            before=_jsonable(before),
            after=_jsonable(after),
            ip=client_ip(request),
        )
    )


async def entries_for(entity_type: str, entity_id: Any) -> list[dict[str, Any]]:
    return (
        await AuditLog.select()
        .where((AuditLog.entity_type == entity_type) & (AuditLog.entity_id == str(entity_id)))
        .order_by(AuditLog.id)
    )
